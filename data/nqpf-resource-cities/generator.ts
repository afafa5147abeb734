/**
 * Seeded synthetic panel for the nqpf-resource-cities notebook (王琦, 马丽, 自然资源学报 2026).
 *
 * The paper's city data are private (yearbooks, Tianyancha, PKULaw, licensed IFR robot data), so the notebook
 * runs on a panel drawn here. Every random number comes from kernel-lib's seeded MT19937 (`createRng`), so the
 * same seed gives the same panel on every machine. What is planted, and how:
 *
 * 1. Regressors on the ln(1+x) scale with the means, SDs, minima and maxima of the paper's Table 2: a city
 *    level, a common time trend and an AR(1) within-city deviation, mixed so that the overall SD matches, then
 *    clipped to the printed [min, max] and taken back to the raw scale with exp(v) − 1.
 * 2. IRD by the Bartik formula (1): a synthetic IFR-style robot series for six industries (installations by
 *    year, 2008–2023) shared out by each city's 2008 employment structure.
 * 3. The mediators NEPP and SEE from the a-paths of Table 7 columns (1)–(2); ln(1+GTFP) from the printed total
 *    effects of Table 5 column (1), split into a direct part and the two indirect parts with the b-paths of
 *    Table 7 columns (3)–(4) (0.048 for NEPP, 0.020 for SEE), plus city and year effects that reproduce the
 *    efficiency classes of section 3.1 (low < 0.30, medium 0.30–0.60, high > 0.60; 89/9/17 in 2008 and
 *    40/57/18 in 2023) and the east-stable / west-advancing / northeast-lagging pattern.
 * 4. DEA inputs and outputs that give those efficiencies back under the notebook's default Super-SBM
 *    (non-oriented, CRS, contemporaneous frontier, one undesirable output). Within a year all cities share
 *    one input mix and one pollution-to-input ratio up to small noise (`mixNoise`); for that technology the
 *    SBM score of a city with productivity ratio r to the year's best is ρ = 2r/(3 − r) (m = 3 inputs, one
 *    good and one bad output), so r = 3ρ/(2 + ρ) is planted. The year's best city gets the super-efficiency
 *    score 2/(1 + r₂) set by the runner-up. With mixNoise > 0 the DEA scores scatter around the targets.
 */
import { calibratedPanelVariable, createRng, loadStudyModule, realSeries } from "kernel-lib";

export interface CityInfo {
  code: string;
  name: string;
  province: string;
  type: string;
  region: string;
}

export interface GenOptions {
  seed: number;
  cities: CityInfo[];
  years?: number[];
  /** SD of the log noise on the input mix and the pollution ratio (0 = the exact inverse-DEA construction). */
  mixNoise?: number;
  /**
   * The real PKU index (raw index points) by "code|year", 2011 onwards. When given, DFII is real: the 2011 value
   * stands in for earlier years as in the paper, and everything drawn after DFII (GTFP, the DEA data) is drawn
   * conditional on it. The synthetic DFII is still drawn and discarded, so the other variables keep their draws.
   */
  realDFII?: ReadonlyMap<string, number>;
}

/** Printed Table 2 (ln(1+x) scale): mean, SD, min, max. */
export const TABLE2: Record<string, [number, number, number, number]> = {
  GTFP: [0.273, 0.175, 0.0327, 0.931],
  HEE: [3.195, 0.983, 0.284, 5.558],
  PGPP: [1.246, 0.843, 0.0145, 4.195],
  IRD: [1.222, 0.739, 0, 3.107],
  NEPP: [4.403, 0.597, 2.706, 7.607],
  SEE: [3.663, 1.535, 0, 7.855],
  EPPCN: [2.062, 2.185, 0, 7.898],
  RDER: [0.673, 0.368, 0.0504, 3.077],
  DFII: [4.913, 0.71, 3.103, 5.837],
  FDI: [0.014, 0.0153, 0, 0.126],
  UR: [3.945, 0.298, 2.649, 4.605],
  MEP: [2.04, 1.018, 0.00519, 4.075],
  FI: [15.75, 0.821, 13.31, 18.18],
};

/** Planted effects (ln(1+x) on ln(1+x)). Totals = Table 5 col. (1); a-paths = Table 7 cols (1)–(2); b-paths = cols (3)–(4). */
export const PLANTED = {
  total: { HEE: 0.02, PGPP: 0.028, IRD: 0.041, DFII: 0.063, FDI: 0.093, UR: -0.084, MEP: -0.035, FI: -0.025 },
  aNEPP: { HEE: 0.035, PGPP: 0.025, IRD: 0.107 },
  aSEE: { HEE: 0.12, PGPP: 0.211, IRD: 0.189 },
  bNEPP: 0.048,
  bSEE: 0.02,
};

export const INDUSTRIES = ["agriculture", "mining", "manufacturing", "utilities", "construction", "education"] as const;
export const INDUSTRIES_ZH = ["农业", "采矿业", "制造业", "燃气业", "建筑业", "教育业"];

/** The cities the generator puts in the high-efficiency group at the start (section 3.1 names the first four). */
export const HIGH_GROUP = ["鄂尔多斯", "唐山", "长治", "徐州", "东营", "淄博", "济宁", "邯郸", "临沂", "泰安", "湖州", "大庆", "盘锦", "鞍山", "洛阳", "晋城", "榆林"];
/** Cities the generator keeps at the bottom (section 3.1 names these five as persistently in the bottom 20). */
export const LOW_GROUP = ["阜新", "葫芦岛", "鹤岗", "七台河", "鸡西"];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function generate(o: GenOptions) {
  const years = o.years ?? Array.from({ length: 16 }, (_, i) => 2008 + i);
  const mixNoise = o.mixNoise ?? 0.02;
  const rng = createRng(o.seed, "synthetic panel");
  const C = o.cities.length;
  const T = years.length;
  const n = C * T;
  const tz = years.map((_, t) => (t - (T - 1) / 2) / Math.sqrt((T * T - 1) / 12)); // standardised trend
  const at = (i: number, t: number) => i * T + t;

  // A latent "development" factor per city links the regressors (multicollinearity as in Table 4) and the FE.
  const dev = rng.normals(C);

  /** ln(1+x) variable: city level (weight wb, partly the development factor), trend (wt), AR(1) deviation (ww). */
  function lnVar(name: string, wb: number, wt: number, ww: number, devLoad = 0.6, rho = 0.5): Float64Array {
    return calibratedPanelVariable(rng, { target: TABLE2[name], weights: [wb, wt, ww], factor: dev, factorLoad: devLoad, rho, trend: tz, rows: n, at });
  }

  const HEE = lnVar("HEE", 0.93, 0.2, 0.27, 0.6);
  const PGPP = lnVar("PGPP", 0.7, 0.6, 0.33, 0.6);
  const EPPCN = lnVar("EPPCN", 0.6, 0.5, 0.6, 0.2, 0.3);
  const RDER = lnVar("RDER", 0.8, 0.3, 0.5, 0.4);
  const FDI = lnVar("FDI", 0.8, -0.1, 0.5, 0.3);
  const UR = lnVar("UR", 0.85, 0.45, 0.15, 0.5, 0.8);
  const MEP = lnVar("MEP", 0.95, -0.1, 0.2, -0.3, 0.8);
  const FI = lnVar("FI", 0.85, 0.45, 0.25, 0.5, 0.7);
  // DFII: the PKU index starts in 2011; like the paper (A18), 2008–2010 repeat the city's 2011 value.
  const DFIIraw = lnVar("DFII", 0.3, 0.93, 0.12, 0.4, 0.7);
  const DFII = new Float64Array(n);
  const t2011 = years.indexOf(2011);
  for (let i = 0; i < C; i++) for (let t = 0; t < T; t++) DFII[at(i, t)] = DFIIraw[at(i, t2011 >= 0 && t < t2011 ? t2011 : t)];
  const dfiiReal = o.realDFII ? new Float64Array(n) : null;
  if (o.realDFII && dfiiReal) {
    for (let i = 0; i < C; i++)
      for (let t = 0; t < T; t++) {
        const key = `${o.cities[i].code}|${Math.max(years[t], 2011)}`;
        const v = o.realDFII.get(key);
        if (v === undefined || !Number.isFinite(v) || v <= -1) throw new Error(`generator: no usable real DFII for ${o.cities[i].name} ${key} (got ${v})`);
        dfiiReal[at(i, t)] = v;
        DFII[at(i, t)] = Math.log1p(v);
      }
  }

  // Bartik IRD, formula (1): robots by industry and year (synthetic IFR-style installations) and 2008 employment.
  const robotBase = [30, 250, 6000, 120, 80, 60]; // 2008 installations in China by industry (units)
  const robotGrowth = [0.12, 0.1, 0.22, 0.18, 0.2, 0.16];
  const robots: { industry: string; year: number; robots: number }[] = [];
  const R: number[][] = INDUSTRIES.map((_, j) => {
    let lv = Math.log(robotBase[j]);
    return years.map((y, t) => {
      if (t > 0) lv += robotGrowth[j] + 0.1 * rng.normal();
      const v = Math.round(Math.exp(lv));
      robots.push({ industry: INDUSTRIES[j], year: y, robots: v });
      return v;
    });
  });
  // 2008 employment by city and industry (10^4 persons): a city's size times an industry mix.
  const employ2008: { code: string; industry: string; employ: number }[] = [];
  const E: number[][] = o.cities.map((c, i) => {
    const size = Math.exp(3.3 + 0.5 * dev[i] + 0.3 * rng.normal());
    const mix = [0.3, 0.15 + 0.1 * Math.abs(rng.normal()), 0.3 * Math.exp(0.5 * dev[i] + 0.5 * rng.normal()), 0.03, 0.12, 0.08].map((w) => w * Math.exp(0.3 * rng.normal()));
    const s = mix.reduce((a, b) => a + b, 0);
    return mix.map((w, j) => {
      const v = +(size * (w / s)).toFixed(3);
      employ2008.push({ code: c.code, industry: INDUSTRIES[j], employ: v });
      return v;
    });
  });
  const natEmp = INDUSTRIES.map((_, j) => E.reduce((a, e) => a + e[j], 0) * (700 / C)); // national = sample × scale
  const IRDraw = new Float64Array(n);
  const IRD = new Float64Array(n);
  for (let i = 0; i < C; i++) {
    const Li = E[i].reduce((a, b) => a + b, 0);
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let j = 0; j < INDUSTRIES.length; j++) s += (E[i][j] / Li) * (R[j][t] / natEmp[j]);
      IRDraw[at(i, t)] = s;
      IRD[at(i, t)] = Math.log1p(s);
    }
  }

  // Mediators: a-paths of Table 7, city and year effects, noise.
  function mediator(name: string, a: { HEE: number; PGPP: number; IRD: number }, citySd: number, trend: number, noise: number): Float64Array {
    const [mean, , lo, hi] = TABLE2[name];
    const ce = Array.from({ length: C }, (_, i) => citySd * (0.5 * dev[i] + 0.87 * rng.normal()));
    const out = new Float64Array(n);
    for (let i = 0; i < C; i++)
      for (let t = 0; t < T; t++) {
        const k = at(i, t);
        out[k] = ce[i] + trend * tz[t] + a.HEE * HEE[k] + a.PGPP * PGPP[k] + a.IRD * IRD[k] + noise * rng.normal();
      }
    const m = out.reduce((s, v) => s + v, 0) / n;
    return out.map((v) => clamp(v - m + mean, lo, hi));
  }
  const NEPP = mediator("NEPP", PLANTED.aNEPP, 0.5, 0.15, 0.27);
  const SEE = mediator("SEE", PLANTED.aSEE, 1.4, 0.45, 0.33);

  // ln(1+GTFP) target: direct effects + b·M + controls + city level + region trend + year level + noise.
  const P = PLANTED;
  const direct = {
    HEE: P.total.HEE - P.bNEPP * P.aNEPP.HEE - P.bSEE * P.aSEE.HEE,
    PGPP: P.total.PGPP - P.bNEPP * P.aNEPP.PGPP - P.bSEE * P.aSEE.PGPP,
    IRD: P.total.IRD - P.bNEPP * P.aNEPP.IRD - P.bSEE * P.aSEE.IRD,
  };
  const high = new Set(HIGH_GROUP);
  const low = new Set(LOW_GROUP);
  const regionTrend: Record<string, number> = { east: 0, central: 0.03, west: 0.07, northeast: -0.07 };
  // Regional trends (east stable, west advancing, northeast lagging, Sichuan rising) are city-specific trends. A
  // Bartik IRD also has city-specific trends, so an arbitrary trend in the error would bias the FE estimates. The
  // trend term is therefore made orthogonal (after two-way demeaning, in this sample) to every regressor of
  // equation (5): what stays is the part of the regional pattern the regressors do not explain.
  const regs = [HEE, PGPP, IRD, NEPP, SEE, DFII, FDI, UR, MEP, FI];
  const trend = new Float64Array(n);
  const levelOf = new Float64Array(C);
  for (let i = 0; i < C; i++) {
    const c = o.cities[i];
    levelOf[i] = high.has(c.name) ? 0.33 : low.has(c.name) ? -0.08 : 0.075 * rng.normal();
    const slope = (regionTrend[c.region] ?? 0) + (c.province === "四川" ? 0.06 : 0) + (high.has(c.name) ? -0.24 : 0) + 0.02 * rng.normal();
    for (let t = 0; t < T; t++) trend[at(i, t)] = slope * (t / (T - 1) - 0.5);
  }
  const gamma = withinProjection(trend, regs, C, T);
  const lin = new Float64Array(n);
  for (let i = 0; i < C; i++) {
    for (let t = 0; t < T; t++) {
      const k = at(i, t);
      let tr = trend[k];
      for (let j = 0; j < regs.length; j++) tr -= gamma[j] * regs[j][k];
      lin[k] =
        levelOf[i] + tr +
        direct.HEE * HEE[k] + direct.PGPP * PGPP[k] + direct.IRD * IRD[k] + P.bNEPP * NEPP[k] + P.bSEE * SEE[k] +
        P.total.DFII * DFII[k] + P.total.FDI * FDI[k] + P.total.UR * UR[k] + P.total.MEP * MEP[k] + P.total.FI * FI[k] +
        0.085 * rng.normal();
    }
  }
  // Year levels: the mean of the other cities rises from 0.10 (2008) to 0.29 (2023) on the ln(1+x) scale
  // (the high group's own trend, −0.24 above, keeps it about level).
  const lnG = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    let s = 0, m = 0;
    for (let i = 0; i < C; i++) if (!high.has(o.cities[i].name)) (s += lin[at(i, t)]), m++;
    const shift = 0.1 + (0.19 * t) / (T - 1) - s / m;
    for (let i = 0; i < C; i++) lnG[at(i, t)] = lin[at(i, t)] + shift;
  }
  // Target efficiencies; all but the year's best below 1 (the best one gets its super-efficiency from the runner-up).
  const target = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const idx = Array.from({ length: C }, (_, i) => at(i, t)).sort((a, b) => lnG[b] - lnG[a]);
    for (const k of idx) target[k] = clamp(Math.expm1(lnG[k]), 0.034, 0.97);
    const r2 = (3 * target[idx[1]]) / (2 + target[idx[1]]);
    target[idx[0]] = Math.max(target[idx[0]] + 0.005, 2 / (1 + r2));
  }

  // DEA data: common mix within a year (capital deepening and electricity intensity change over time).
  const labour = new Float64Array(n), capital = new Float64Array(n), electricity = new Float64Array(n), gdp = new Float64Array(n), pollution = new Float64Array(n);
  const gdpPc = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const kRatio = 8 * Math.exp(0.08 * t); // 10^8 yuan capital per 10^4 workers
    const eRatio = 1.5e4 * Math.exp(0.04 * t); // 10^4 kWh per 10^4 workers
    const bRatio = 1.2 * Math.exp(-0.05 * t); // pollution index per 10^4 workers
    const Pt = 30 * Math.exp(0.07 * t); // GDP of the best city per 10^4 workers (10^8 yuan, 2008 prices)
    const idx = Array.from({ length: C }, (_, i) => at(i, t));
    const best = idx.reduce((b, k) => (target[k] > target[b] ? k : b), idx[0]);
    for (let i = 0; i < C; i++) {
      const k = at(i, t);
      const L = Math.exp(3.6 + 0.45 * dev[i] + 0.015 * t) * Math.exp(0.03 * rng.normal());
      const r = k === best ? 1 : (3 * target[k]) / (2 + target[k]);
      labour[k] = L;
      capital[k] = L * kRatio * Math.exp(mixNoise * rng.normal());
      electricity[k] = L * eRatio * Math.exp(mixNoise * rng.normal());
      pollution[k] = L * bRatio * Math.exp(mixNoise * rng.normal());
      gdp[k] = L * Pt * r;
      gdpPc[k] = 1e4 * (gdp[k] * 1e4) / (L * 2.1 * 1e4) * Math.exp(0.15 * dev[i]);
    }
  }

  // Robustness replacements (Table 6): AYS, RDE, SI-LP correlated with the variable they replace.
  const AYS = new Float64Array(n), RDE = new Float64Array(n), SILP = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    AYS[k] = Math.exp(2.2 + 0.06 * (HEE[k] - 3.2) + 0.03 * rng.normal());
    RDE[k] = Math.expm1(clamp(10 + 1.4 * (PGPP[k] - 1.2) + 0.5 * rng.normal(), 0, 20));
    SILP[k] = Math.expm1(clamp(2.5 + 0.5 * (IRD[k] - 1.2) + 0.35 * rng.normal(), 0, 10));
  }
  // Firm counts by city, industry and year for the dynamic-weight IRDent.
  const firms: { code: string; industry: string; year: number; firms: number }[] = [];
  for (let i = 0; i < C; i++)
    for (let j = 0; j < INDUSTRIES.length; j++) {
      let lf = Math.log(E[i][j] * 40 + 1);
      for (let t = 0; t < T; t++) {
        lf += 0.04 + 0.08 * rng.normal();
        firms.push({ code: o.cities[i].code, industry: INDUSTRIES[j], year: years[t], firms: Math.round(Math.exp(lf)) });
      }
    }

  const raw = (v: Float64Array) => Array.from(v, (x) => +Math.expm1(x).toPrecision(6));
  const cols: Record<string, (number | string)[]> = {
    city_code: [], city: [], year: [],
  };
  for (let i = 0; i < C; i++) for (let t = 0; t < T; t++) {
    cols.city_code.push(o.cities[i].code);
    cols.city.push(o.cities[i].name);
    cols.year.push(years[t]);
  }
  const r6 = (v: Float64Array) => Array.from(v, (x) => +x.toPrecision(6));
  Object.assign(cols, {
    labour: r6(labour), capital: r6(capital), electricity: r6(electricity), gdp_real: r6(gdp), pollution: r6(pollution),
    HEE: raw(HEE), PGPP: raw(PGPP), IRD: Array.from(IRDraw, (x) => +x.toPrecision(8)), NEPP: raw(NEPP), SEE: raw(SEE), EPPCN: raw(EPPCN), RDER: raw(RDER),
    DFII: dfiiReal ? Array.from(dfiiReal) : raw(DFII), FDI: raw(FDI), UR: raw(UR), MEP: raw(MEP), FI: raw(FI),
    AYS: r6(AYS), RDE: r6(RDE), SILP: r6(SILP), gdp_pc: r6(gdpPc),
  });
  return {
    panel: cols,
    robots,
    employ2008,
    firms,
    nationalEmployment2008: INDUSTRIES.map((ind, j) => ({ industry: ind, employ: +natEmp[j].toFixed(3) })),
    targetEfficiency: Array.from(target),
    targetLn: Array.from(lnG),
    direct,
    /** Per variable: "real" with its source, or "synthetic". */
    provenance: Object.fromEntries(Object.keys(cols).filter((k) => !["city_code", "city", "year"].includes(k)).map((k) => [k, k === "DFII" && dfiiReal ? "real: PKU-IDF 北京大学数字普惠金融指数 (manifest pku_dfii_city_2011_2023); 2008–2010 = 2011" : "synthetic"])) as Record<string, string>,
  };
}

/** Coefficients of the two-way within regression of z on the columns xs (balanced panel, city-major order). */
function withinProjection(z: Float64Array, xs: Float64Array[], C: number, T: number): number[] {
  const dm = (v: Float64Array) => {
    const ci = new Float64Array(C), tt = new Float64Array(T);
    let g = 0;
    for (let i = 0; i < C; i++) for (let t = 0; t < T; t++) { const x = v[i * T + t]; ci[i] += x / T; tt[t] += x / C; g += x / (C * T); }
    return Float64Array.from(v, (x, k) => x - ci[Math.floor(k / T)] - tt[k % T] + g);
  };
  const Z = dm(z);
  const X = xs.map(dm);
  const p = X.length;
  const A = Array.from({ length: p }, (_, a) => [...Array.from({ length: p }, (_, b) => X[a].reduce((s, v, k) => s + v * X[b][k], 0)), X[a].reduce((s, v, k) => s + v * Z[k], 0)]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, c) => row[p] / row[c]);
}

/** The notebook's own panel for `regionlab template`: its 115 cities (sample.ts), seed, mix noise and DFII source. */
export async function templateData(p: Record<string, unknown>) {
  const { kept } = await loadStudyModule<{ keptCities(): Promise<{ kept: CityInfo[] }> }>("nqpf-resource-cities", "sample").keptCities();
  const cities = kept.map((c) => ({ code: c.code, name: c.name, province: c.province, type: c.type, region: c.region }));
  const realDFII = p.dfiiSource === "synthetic" ? undefined : (await realSeries(String(p.dfiiSource), "adcode", "index_aggregate")).values;
  const g = generate({ seed: Number(p.seed), cities, mixNoise: Number(p.mixNoise), realDFII });
  const v = irdVariants(g, g.panel.city_code.map(String), g.panel.year.map(Number), cities.map((c) => c.code));
  return { panel: { ...g.panel, IRDemp: v.irdEmp, IRDent: v.irdEnt } };
}

/**
 * IRD by formula (1) from the generator's robot series and 2008 employment, and the two robustness variants of
 * Table 6 (IRDemp: within-city shares, no national normaliser; IRDent: lagged firm-count weights), for the rows
 * (codes[k], years[k]); `cities` are the sample's codes (the firm-count denominator sums over them).
 */
export function irdVariants(g: ReturnType<typeof generate>, codes: readonly string[], years: ArrayLike<number>, cities: readonly string[]) {
  const emp = new Map<string, number[]>();
  for (const e of g.employ2008) (emp.get(e.code) ?? emp.set(e.code, []).get(e.code)!).push(e.employ);
  const nat = g.nationalEmployment2008.map((e) => e.employ);
  const rob = new Map(g.robots.map((r) => [`${r.industry}|${r.year}`, r.robots]));
  const firm = new Map(g.firms.map((f) => [`${f.code}|${f.industry}|${f.year}`, f.firms]));
  const n = codes.length;
  const ird = new Float64Array(n), irdEmp = new Float64Array(n), irdEnt = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const e = emp.get(codes[k])!, Li = e.reduce((a, b) => a + b, 0);
    const ty = Math.max(years[k] - 1, 2008);
    INDUSTRIES.forEach((ind, j) => {
      const R = rob.get(`${ind}|${years[k]}`)!;
      ird[k] += (e[j] / Li) * (R / nat[j]);
      irdEmp[k] += ((e[j] / Li) * R) / 1e4;
      let Fj = 0;
      for (const c of cities) Fj += firm.get(`${c}|${ind}|${ty}`)!;
      irdEnt[k] += ((firm.get(`${codes[k]}|${ind}|${ty}`)! / Fj) * R) / Li;
    });
  }
  return { ird, irdEmp, irdEnt };
}
