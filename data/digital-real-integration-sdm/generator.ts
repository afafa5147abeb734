/**
 * Seeded synthetic provincial panel for the digital-real-integration-sdm notebook (庄赟, 林鑫城, 刘乃全, 周闽军,
 * 区域经济评论 2025(4): 84–98). 30 provinces (no Tibet), 2012–2022.
 *
 * Twelve of the paper's 15 integration indicators and the controls PGDP, FDI and HUM are not in regionlab's public
 * data, so they are drawn here. Patents granted (the outcome's real counterpart), R&D expenditure (INPUT) and the
 * three PKU digital-finance sub-indices (`realIndicators`) are real and passed in by the notebook. Every random number comes from kernel-lib's seeded MT19937 (`createRng`).
 *
 * 1. Province level a_i: standard-normal quantiles assigned by a ranking the notebook passes in (the paper's top
 *    five of Fig. 2 — 广东, 北京, 江苏, 浙江, 上海 — then the other provinces by real mean ln(patents), 青海 last).
 * 2. Each indicator j: a latent z_ijt = la_j·a_i + lt_j·τ_t + ln_j·e_ijt (τ_t a convex trend, steeper after 2017,
 *    as Fig. 1), turned into pooled ranks u ∈ (0,1) and shaped as u^k_j. The power k_j is calibrated by bisection
 *    so that the pooled entropy divergence 1 − e_j is proportional to the printed weight of Table 2 col. (5) (real
 *    columns replace drawn ones afterwards: the drawn ones keep their relative weights, all shift together); the
 *    shaped values are then mapped linearly onto the printed raw mean and SD (col. 2–3). Entropy weights are
 *    invariant to that linear map, so the weights the notebook recomputes are the calibrated ones.
 * 3. DE = pooled entropy index of the 15 indicators (kernel-lib `entropyIndex`, the notebook's own computation).
 * 4. lnPGDP, lnFDI, HUM: province level (partly a_i), common trend and AR(1) deviation, mixed to the printed SD
 *    of Table 3 around the printed mean and clipped to the printed [min, max]. lnINPUT is the real series.
 * 5. lnINN from the two-way FE SDM of Table 5 with the printed coefficients as the planted truth:
 *      y_t = (I − ρW)^{-1}(X_t β + W X_t θ + α + δ_t + ε_t),  ε ~ N(0, σ²), ρ = 0.301, σ² = 0.027.
 *    When the real ln(patents) are given, α and δ_t are the two-way components of (I − ρW)y_real − Xβ − WXθ, so
 *    the synthetic outcome keeps the real provinces' levels and the national path; only the noise is new.
 */
import {
  calibratedPanelVariable, calibrationTargets, createRng, entropyIndex, inverseDistanceWeights, loadPublished, openData,
  projectDataPath, readTable, type GeneratedStudy, type StudyGenerator,
} from "kernel-lib";

/** The printed numbers the generator is calibrated to and plants (Tables 2, 3 and 5), never retyped. */
const PUB = loadPublished("digital-real-integration-sdm");

export const YEARS = Array.from({ length: 11 }, (_, i) => 2012 + i);

/** Table 2: name, unit, column; latent loadings (level, trend, noise); the printed mean, SD, normalised mean and weight
 * from published.json. */
const LOADINGS: { col: string; zh: string; unit: string; la: number; lt: number; ln: number }[] = [
  { col: "mobile_rate", zh: "移动电话普及率", unit: "部/百人", la: 0.75, lt: 0.55, ln: 0.3 },
  { col: "telecom_volume", zh: "电信业务总量", unit: "亿元", la: 0.7, lt: 0.65, ln: 0.25 },
  { col: "software_revenue", zh: "软件业务收入", unit: "万元", la: 0.85, lt: 0.45, ln: 0.2 },
  { col: "it_service_revenue", zh: "信息技术服务收入", unit: "万元", la: 0.85, lt: 0.45, ln: 0.2 },
  { col: "ict_employment", zh: "信息传输、软件和信息技术服务业城镇单位就业人员", unit: "万人", la: 0.85, lt: 0.4, ln: 0.25 },
  { col: "fiber_length", zh: "光缆线路长度", unit: "千米", la: 0.7, lt: 0.6, ln: 0.3 },
  { col: "internet_ports", zh: "互联网接入端口数", unit: "万个", la: 0.7, lt: 0.6, ln: 0.3 },
  { col: "domains", zh: "互联网域名数", unit: "万个", la: 0.8, lt: 0.45, ln: 0.35 },
  { col: "ecom_sales", zh: "电子商务销售额", unit: "亿元", la: 0.8, lt: 0.55, ln: 0.25 },
  { col: "ecom_purchases", zh: "电子商务采购额", unit: "亿元", la: 0.8, lt: 0.55, ln: 0.25 },
  { col: "ecom_firms", zh: "有电子商务交易活动的企业数", unit: "个", la: 0.8, lt: 0.55, ln: 0.25 },
  { col: "express_volume", zh: "快递业务量", unit: "万件", la: 0.75, lt: 0.65, ln: 0.2 },
  { col: "dfi_digitization", zh: "数字金融数字化程度", unit: "指数", la: 0.35, lt: 0.9, ln: 0.25 },
  { col: "dfi_depth", zh: "数字金融使用深度", unit: "指数", la: 0.4, lt: 0.88, ln: 0.25 },
  { col: "dfi_coverage", zh: "数字金融覆盖广度", unit: "指数", la: 0.45, lt: 0.85, ln: 0.2 },
];
export const INDICATORS = LOADINGS.map((d) => ({ ...d, ...calibrationTargets(PUB, { mean: `t2-${d.col}-mean`,
  sd: `t2-${d.col}-sd`, norm: `t2-${d.col}-norm`, weight: `t2-${d.col}-weight` }) }));

/** Table 3: mean, SD, min, max of the regression variables, from published.json. */
export const TABLE3: Record<string, [number, number, number, number]> = Object.fromEntries(
  ["lnINN", "lnDE", "lnPGDP", "lnFDI", "lnINPUT", "HUM"].map((v) => {
    const t = calibrationTargets(PUB, { mean: `t3-${v}-mean`, sd: `t3-${v}-sd`, min: `t3-${v}-min`, max: `t3-${v}-max` });
    return [v, [t.mean, t.sd, t.min, t.max]];
  }));

export const XNAMES = ["lnDE", "lnPGDP", "lnFDI", "lnINPUT", "HUM"];
const coefs = (prefix: string) => calibrationTargets(PUB, Object.fromEntries(XNAMES.map((x) => [x, `t5-${prefix}${x}-b`])));
/** Table 5: the planted truth (β, θ, ρ, σ²), the printed coefficients of published.json. */
export const PLANTED = {
  beta: coefs("") as Record<string, number>,
  theta: coefs("W*") as Record<string, number>,
  ...calibrationTargets(PUB, { rho: "t5-rho-b", sigma2: "t5-sigma2-b" }),
};

export interface GenOptions {
  seed: number;
  /** Province ids (adcodes) and names, in the order of W's rows. */
  ids: string[];
  names: string[];
  /** Row-standardised W as dense rows (the baseline inverse-squared-distance matrix). */
  W: number[][];
  /** Province ids from highest to lowest integration level (sets a_i). */
  ranking: string[];
  /** Real ln(R&D expenditure, 亿元) [province][year]; drawn if absent. */
  lnINPUT?: number[][];
  /** Real ln(patents granted) [province][year]; sets the fixed effects if given. */
  lnINNreal?: number[][];
  /** Real indicator columns [province][year] by column name (the PKU DFII sub-indices); they replace the drawn ones. */
  realIndicators?: Record<string, number[][]>;
  /** Source label of each real indicator column, for the provenance table. */
  realSources?: Record<string, string>;
  /** Trend convexity of the integration indicators (τ_t ∝ ((t − t0)/(T − 1))^trendPower). */
  trendPower?: number;
  /** Multiplier of the indicators' trend loadings (sets the 2012→2022 rise of Fig. 1). */
  trendScale?: number;
  /** Loading of the province-by-indicator deviation. */
  provinceSpread?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Inverse standard-normal CDF (Acklam), for the rank quantiles of a_i. */
function qnorm(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = p < 0.5 ? Math.sqrt(-2 * Math.log(p)) : Math.sqrt(-2 * Math.log(1 - p));
  if (p < 0.02425 || p > 1 - 0.02425) {
    const v = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < 0.5 ? v : -v;
  }
  const r = (p - 0.5) * (p - 0.5);
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (p - 0.5)) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Pooled entropy divergence 1 − e of one column after min–max normalisation. */
function divergence(v: ArrayLike<number>): number {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) { lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]); }
  let s = 0;
  const z = Array.from(v, (x) => (x - lo) / (hi - lo));
  for (const x of z) s += x;
  let e = 0;
  for (const x of z) if (x > 0) e += (x / s) * Math.log(x / s);
  return 1 + e / Math.log(v.length);
}

function meanSd(v: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return [m, Math.sqrt(s / (v.length - 1))];
}

export function generate(o: GenOptions) {
  const N = o.ids.length;
  const T = YEARS.length;
  const n = N * T;
  const at = (i: number, t: number) => i * T + t; // province-major rows
  const rng = createRng(o.seed, "synthetic-panel");
  const tp = o.trendPower ?? 1.2;
  const trendScale = o.trendScale ?? 0.8;
  const lp = o.provinceSpread ?? 0.45;
  const tau0 = YEARS.map((_, t) => Math.pow(t / (T - 1), tp));
  const [tm, ts] = meanSd(tau0);
  const tau = tau0.map((v) => (v - tm) / ts);

  // 1. province levels from the ranking
  const rankPos = new Map(o.ranking.map((id, r) => [id, r]));
  const a = o.ids.map((id) => {
    const r = rankPos.get(id);
    if (r === undefined) throw new Error(`generator: province ${id} missing from the ranking`);
    return qnorm(1 - (r + 0.5) / N);
  });

  // 2. the 15 indicators
  const shaped: Float64Array[] = [];
  for (const ind of INDICATORS) {
    const z = new Float64Array(n);
    // a province-specific deviation per indicator (lp) spreads the bottom: not every low indicator belongs to one province
    const b = rng.normals(N);
    const lt = ind.lt * trendScale;
    const nrm = Math.sqrt(ind.la ** 2 + lp ** 2 + lt ** 2 + ind.ln ** 2);
    for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) z[at(i, t)] = (ind.la * a[i] + lp * b[i] + lt * tau[t] + ind.ln * rng.normal()) / nrm;
    const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => z[p] - z[q]);
    const u = new Float64Array(n);
    order.forEach((k, r) => (u[k] = (r + 0.5) / n));
    shaped.push(u);
  }
  // divergence target: printed weight × the total divergence of the normalised-mean calibration (k = 1/m − 1)
  const pow = (u: Float64Array, k: number) => Float64Array.from(u, (x) => Math.pow(x, k));
  const wsum = INDICATORS.reduce((s, ind) => s + ind.weight, 0);
  // Real columns (the PKU sub-indices) replace drawn ones after calibration. Rescaling the drawn divergences to keep
  // their printed weights exactly would shrink them below what the printed SDs need (the real coverage breadth has
  // nothing like its printed weight 0.106), so the drawn ones keep their printed mean, SD and relative weights.
  const realFlat = (col: string) => { const r = o.realIndicators![col]; return Float64Array.from({ length: n }, (_, k) => r[Math.floor(k / T)][k % T]); };
  const D = INDICATORS.reduce((s, ind, j) => s + divergence(pow(shaped[j], 1 / ind.norm - 1)), 0);
  const kOf: number[] = [];
  const columns: Record<string, Float64Array> = {};
  INDICATORS.forEach((ind, j) => {
    const target = (ind.weight / wsum) * D;
    let lo = Math.log(0.02), hi = Math.log(2000);
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (divergence(pow(shaped[j], Math.exp(mid))) < target) lo = mid;
      else hi = mid;
    }
    const k = Math.exp((lo + hi) / 2);
    kOf.push(k);
    const s = pow(shaped[j], k);
    const [m, sd] = meanSd(s);
    // linear map onto the printed mean and SD; if that would make the minimum negative (数字金融覆盖广度: printed SD
    // 1152.95 against a mean of 304.81, likely a misprint), keep the mean and put the minimum at 10% of it instead
    let scale = ind.sd / sd;
    let smin = Infinity;
    for (const x of s) smin = Math.min(smin, x);
    if (ind.mean + (smin - m) * scale <= 0) scale = (0.9 * ind.mean) / (m - smin);
    columns[ind.col] = Float64Array.from(s, (x) => ind.mean + (x - m) * scale);
    // a real column replaces the drawn one after all draws are made, so the other columns keep their random numbers
    if (o.realIndicators?.[ind.col]) columns[ind.col] = realFlat(ind.col);
  });

  // 3. DE as the notebook computes it
  const X = Array.from({ length: n }, (_, r) => INDICATORS.map((ind) => columns[ind.col][r]));
  const ent = entropyIndex(X, { names: INDICATORS.map((i) => i.col) });
  const DE = ent.scores;
  for (let r = 0; r < n; r++) if (!(DE[r] > 0)) throw new Error("generator: an integration score is 0 (ln undefined); change the seed");
  const lnDE = Float64Array.from(DE, Math.log);

  // 4. controls
  function lnVar(name: string, wb: number, wt: number, ww: number, devLoad: number, rho: number): Float64Array {
    return calibratedPanelVariable(rng, { target: TABLE3[name], weights: [wb, wt, ww], factor: a, factorLoad: devLoad, rho, trend: tau, rows: n, at });
  }
  const lnPGDP = lnVar("lnPGDP", 0.8, 0.55, 0.2, 0.7, 0.7);
  const lnFDI = lnVar("lnFDI", 0.95, 0.05, 0.3, 0.6, 0.6);
  const HUM = lnVar("HUM", 0.9, 0.4, 0.2, 0.6, 0.7);
  const lnINPUT = new Float64Array(n);
  if (o.lnINPUT) for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) lnINPUT[at(i, t)] = o.lnINPUT[i][t];
  else lnINPUT.set(lnVar("lnINPUT", 0.9, 0.4, 0.15, 0.8, 0.8));

  // 5. the outcome from the planted SDM
  const Wm = o.W;
  const lag = (v: number[]) => v.map((_, i) => Wm[i].reduce((s, w, j) => s + w * v[j], 0));
  const xs: Record<string, Float64Array> = { lnDE, lnPGDP, lnFDI, lnINPUT, HUM };
  const mu: number[][] = []; // [t][i]: X β + W X θ
  for (let t = 0; t < T; t++) {
    const m = new Array(N).fill(0);
    for (const x of XNAMES) {
      const v = Array.from({ length: N }, (_, i) => xs[x][at(i, t)]);
      const wv = lag(v);
      for (let i = 0; i < N; i++) m[i] += PLANTED.beta[x] * v[i] + PLANTED.theta[x] * wv[i];
    }
    mu.push(m);
  }
  const alpha = new Array(N).fill(0);
  const delta = new Array(T).fill(0);
  if (o.lnINNreal) {
    const r: number[][] = [];
    for (let t = 0; t < T; t++) {
      const y = Array.from({ length: N }, (_, i) => o.lnINNreal![i][t]);
      const wy = lag(y);
      r.push(y.map((v, i) => v - PLANTED.rho * wy[i] - mu[t][i]));
    }
    let all = 0;
    for (let t = 0; t < T; t++) for (let i = 0; i < N; i++) all += r[t][i] / n;
    for (let i = 0; i < N; i++) alpha[i] = r.reduce((s, row) => s + row[i], 0) / T - all;
    for (let t = 0; t < T; t++) delta[t] = r[t].reduce((s, v) => s + v, 0) / N;
  } else {
    for (let i = 0; i < N; i++) alpha[i] = 2 + 1.0 * a[i] + 0.3 * rng.normal();
    for (let t = 0; t < T; t++) delta[t] = 0.05 * t;
  }
  const sd = Math.sqrt(PLANTED.sigma2);
  const lnINN = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const u = mu[t].map((v, i) => v + alpha[i] + delta[t] + sd * rng.normal());
    // (I − ρW)^{-1} u by fixed-point iteration
    let y = u.slice();
    for (let it = 0; it < 500; it++) {
      const wy = lag(y);
      const ny = u.map((v, i) => v + PLANTED.rho * wy[i]);
      const diff = Math.max(...ny.map((v, i) => Math.abs(v - y[i])));
      y = ny;
      if (diff < 1e-13) break;
    }
    for (let i = 0; i < N; i++) lnINN[at(i, t)] = y[i];
  }

  const panel: Record<string, (string | number)[]> = { province_code: [], province: [], year: [], INN: [], PGDP: [], FDI: [], INPUT: [], HUM: [] };
  for (const ind of INDICATORS) panel[ind.col] = [];
  for (let i = 0; i < N; i++)
    for (let t = 0; t < T; t++) {
      const r = at(i, t);
      panel.province_code.push(o.ids[i]);
      panel.province.push(o.names[i]);
      panel.year.push(YEARS[t]);
      panel.INN.push(Math.exp(lnINN[r]));
      panel.PGDP.push(Math.exp(lnPGDP[r]));
      panel.FDI.push(Math.exp(lnFDI[r]));
      panel.INPUT.push(Math.exp(lnINPUT[r]));
      panel.HUM.push(HUM[r]);
      for (const ind of INDICATORS) panel[ind.col].push(columns[ind.col][r]);
    }
  const provenance: Record<string, string> = {};
  for (const ind of INDICATORS) provenance[ind.col] = o.realSources?.[ind.col] ?? "synthetic (generator.ts, calibrated to Table 2)";
  provenance.INN = "synthetic outcome (planted SDM) on the real provinces' fixed effects of ln(patents granted)";
  provenance.INPUT = o.lnINPUT ? "real: R&D expenditure, techme / 中国科技统计年鉴 (manifest province_patents_rd_2010_2023)" : "synthetic";
  for (const c of ["PGDP", "FDI", "HUM"]) provenance[c] = "synthetic (generator.ts, calibrated to Table 3)";
  return { panel, planted: PLANTED, powers: kOf, level: a, alpha, delta, DE: Array.from(DE), provenance };
}

/** The 30 provinces of the paper (no Tibet, Hong Kong, Macao, Taiwan) with their capitals, in adcode order. */
export function provinces(): { id: string; name: string; lon: number; lat: number; region: string }[] {
  const t = readTable(projectDataPath("geo/china_provinces.csv"));
  const name = t.str("name_zh"), lon = t.num("lon"), lat = t.num("lat"), region = t.str("region");
  return t.str("adcode").map((id, i) => ({ id, name: name[i], lon: lon[i], lat: lat[i], region: region[i] }))
    .filter((p) => p.region && p.id !== "540000");
}

/** The real series the study uses, [province][year] over `ids` × 2012–2022, read through the manifest. */
export async function realInputs(ids: string[]) {
  const at = async (ref: string, unit: string) => {
    const t = (await openData(`manifest:${ref}`)).table;
    const u = t.str(unit), y = t.num("year");
    const row = new Map(u.map((c, k) => [`${c}|${y[k]}`, k]));
    return (col: string, scale = 1) => ids.map((id) => YEARS.map((yr) => {
      const k = row.get(`${id}|${yr}`);
      const v = k === undefined ? NaN : t.num(col)[k];
      if (!Number.isFinite(v)) throw new Error(`${ref}: no ${col} for ${id} ${yr}`);
      return v / scale;
    }));
  };
  const pat = await at("province_patents_rd_2010_2023", "province_adcode");
  const pku = await at("pku_dfii_province_2011_2023", "adcode");
  const gdpT = (await openData("manifest:province_gdp_1992_2020")).table;
  const gA = gdpT.str("adcode"), gY = gdpT.num("year"), gV = gdpT.num("gdp_100m_yuan");
  // Real provincial GDP (亿元) for the nested matrix of eq. (19): the 2012–2020 mean (2021–2022 are not in the file).
  const gdpMean = ids.map((id) => { const v = gV.filter((_, k) => gA[k] === id && gY[k] >= 2012); return v.reduce((a, b) => a + b, 0) / v.length; });
  return {
    patents: pat("patents_granted"), rd: pat("rd_exp_10k_yuan", 1e4),
    dfii: Object.fromEntries(Object.entries(DFII_COLUMNS).map(([col, src]) => [col, pku(src)])), gdpMean,
  };
}

/** Indicator columns of the integration index that are the PKU DFII provincial sub-indices. */
export const DFII_COLUMNS: Record<string, string> = { dfi_digitization: "digitization_level", dfi_depth: "usage_depth", dfi_coverage: "coverage_breadth" };

/**
 * The notebook's synthetic panel from its parameters (also what `regionlab template` writes): real R&D, patents
 * (fixed effects of the outcome) and PKU sub-indices, W_d = 1/d² between capitals (row-standardised), the
 * ranking of Fig. 2 (its top five, the rest by real mean ln patents, 青海 last), then `generate`.
 */
export async function synthesize(p: Record<string, unknown>) {
  const P = provinces();
  const ids = P.map((x) => x.id);
  const real = await realInputs(ids);
  const metric = p.distanceMetric === "euclidean" ? "euclidean" : "greatCircle";
  const W = inverseDistanceWeights(ids, P.map((x) => [x.lon, x.lat] as [number, number]), { power: 2, metric }).rowStandardize().toArray();
  const lnPat = real.patents.map((r) => r.map(Math.log));
  const meanLn = (i: number) => lnPat[i].reduce((a, b) => a + b, 0) / lnPat[i].length;
  const top5 = ["440000", "110000", "320000", "330000", "310000"];
  const rest = ids.filter((id) => !top5.includes(id) && id !== "630000").sort((a, b) => meanLn(ids.indexOf(b)) - meanLn(ids.indexOf(a)));
  const realSources = Object.fromEntries(Object.entries(DFII_COLUMNS).map(([c, s]) => [c, `real: PKU DFII ${s}, province file (manifest pku_dfii_province_2011_2023)`]));
  return generate({ seed: Number(p.seed), ids, names: P.map((x) => x.name), W, ranking: [...top5, ...rest, "630000"],
    lnINPUT: real.rd.map((r) => r.map(Math.log)), lnINNreal: lnPat, realIndicators: real.dfii, realSources });
}

/** What `regionlab template digital-real-integration-sdm` writes: the notebook's own synthetic panel. */
export async function templateData(p: Record<string, unknown>) {
  return { panel: (await synthesize(p)).panel };
}

/** The typed generator contract: the drawn panel, its truth and the planted coefficients by name (β, W*x θ, ρ, σ²). */
export const studyGenerator: StudyGenerator<GenOptions, Omit<ReturnType<typeof generate>, "panel">> = {
  generate(o: GenOptions): GeneratedStudy<Omit<ReturnType<typeof generate>, "panel">> {
    const { panel, ...truth } = generate(o);
    const planted: Record<string, number> = { rho: PLANTED.rho, sigma2: PLANTED.sigma2 };
    for (const x of XNAMES) { planted[x] = PLANTED.beta[x]; planted[`W*${x}`] = PLANTED.theta[x]; }
    return { panel, truth, planted };
  },
};
