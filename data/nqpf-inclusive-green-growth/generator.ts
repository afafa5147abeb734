/**
 * Seeded synthetic panel for the nqpf-inclusive-green-growth notebook (胡艳, 陈再勤, 李彦, 区域经济评论 2025(4): 99–108).
 *
 * The paper's city data (yearbooks, EPS, CSMAR, city bulletins) are not public in usable form, so the notebook runs on a
 * panel drawn here. All randomness comes from kernel-lib's seeded MT19937 (`createRng`). What is planted, and how:
 *
 * 1. City traits: an east–west "development gradient" g (longitude and latitude of the ECharts label point plus noise),
 *    a size z (ln 2010 census population when given), terrain ruggedness (higher in the west and south-west, ≥ 0.05)
 *    and a marketization index (樊纲-style scale, 2–12, related to g; used only for the median split).
 * 2. Eleven NP indicators (Table 2) for 2010–2022, all increasing in a latent level L = city level + city-specific growth
 *    (growth rises with terrain, so terrain × year is a relevant instrument) + AR noise. Scale indicators (spending,
 *    students, patents, telecom, post, AI firms) are heavy-tailed (lognormal), rate indicators (broadband, mobile per 100,
 *    digital finance index, innovation index) are moderate. NP = 10 × entropy-TOPSIS closeness (pooled entropy weights
 *    over the 2011–2022 city-years, min–max standardisation) — computed here with kernel-lib's `entropyTopsis`, exactly as
 *    the notebook recomputes it, so that the outcome can be planted on the NP the notebook sees.
 * 3. Controls (finance, gov, shop, struc, pop) with the means and SDs of Table 3: city level + within-city AR(1) drift.
 * 4. Mediators app, grant = ln(green invention applications / grants + 1): city and year effects + the printed a-paths of
 *    Table 8 (2)–(3) (NP 0.042, 0.122 and the controls' coefficients) + noise.
 * 5. The outcome IGG for 2011–2022: city effects (spatially smooth), year effects (rising), the TOTAL effects of Table 4 (4)
 *    (NP 0.252, controls as printed; pop −0.0002 for the printed −0.000), split into direct effects and indirect effects
 *    through app and grant with b-paths B_APP = 0.5, B_GRANT = 0.3 (eq. (3) is not printed: our choice), + noise.
 * 6. Inverse DEA: IGG is the cumulative global Malmquist–Luenberger index from 2010 (= 1), i.e. E^G(t) / E^G(2010) for the
 *    global super-SBM score E^G. We plant E^G(2010) = c·u (u uniform) and E^G(t) = E^G(2010)·IGG(t), scaled so the largest
 *    is 1. The data come from one technology: every city-year has the same mix of 3 inputs and 6 undesirable outputs up to
 *    small log noise (`mixNoise`), scaled by its size s, and real GDP = s · r · const with r its productivity relative to
 *    the best. Against that pooled frontier (CRS, non-oriented) the SBM score with m = 3 inputs, 1 good and 6 bad outputs
 *    is ρ = r / (1 + (6/7)(1 − r)) = 7r / (13 − 6r), so r = 13ρ / (7 + 6ρ) is planted. With mixNoise > 0 the DEA scores
 *    scatter around the targets; the best city-year gets the super-efficiency score set by the runner-up.
 *    Inputs (Table 1): fixed-asset investment, tertiary employment share (%), energy intensity; outputs: real GDP; bads:
 *    industrial wastewater, SO₂, dust; urban/rural income ratio, urban/rural consumption ratio, registered unemployment (%).
 *    With real outputs (`realOutputs`, the default of the notebook) the planting runs the other way round: real GDP and
 *    real SO₂ are given, and the synthetic inputs and the five other bad outputs are drawn conditional on them. Let F be
 *    the city-year with the lowest SO₂ per unit of GDP (it is the frontier; its own super-efficiency score is not
 *    planted). For city-year o with κ = (SO₂/GDP of F) / (SO₂/GDP of o) ∈ (0, 1], referencing F alone gives
 *    ρ = 7r / (13 − 5r − κ) (SO₂ contributes κ instead of r), so r = ρ(13 − κ) / (7 + 5ρ) is planted and the size is
 *    s = GDP / (4000 r): inputs and the five drawn bads are the common mix × s. Targets are scaled to at most 0.85 so
 *    that r < 1 for every o ≠ F (F dominates every other city-year per unit of GDP in every input and bad output).
 *    IGG = E(t) / E(base) is scale-free, so the planted IGG is unchanged. Consequence: the drawn labour share, energy
 *    intensity and the three social ratios scale with real GDP, so their levels are not plausible for the largest and
 *    smallest cities (the paper's mix of ratios and levels in one CRS technology cannot be planted otherwise).
 *    Years after the real ones (GDP after 2017, SO₂ after 2017 or 2018) and gaps are filled by `fillSeries`: the
 *    city's own mean log growth over its last five real years (GDP bounded to [−5 %, 15 %], SO₂ to [−30 %, 10 %] a
 *    year) plus a seeded walk (SD 0.01 / 0.05, seeds seed + 1 / seed + 2); those city-years are synthetic.
 * Hybrid panel: with `realDFII` the digital-finance indicator is the real PKU index (see GenOptions); the other ten
 *    indicators, the controls, mediators, DEA data and IGG are drawn as above, IGG conditional on the hybrid NP. Every
 *    draw of the synthetic design is still taken with real data (and discarded where a real value replaces it), so the
 *    columns that are drawn in both keep their values.
 * 7. NP is exogenous (no confounder is planted): OLS and 2SLS target the same 0.252. No spatial lag and no subgroup
 *    difference is planted (ρ = 0, θ = 0 in the SDM; equal coefficients across marketization and agglomeration groups).
 */
import {
  calibrationTargets, createRng, entropyTopsis, fillSeries, loadPublished, loadStudyModule, realSeries,
  type FilledSeries, type FillOrigin, type GeneratedStudy, type StudyGenerator,
} from "kernel-lib";
import { realDeaOutputs } from "./public-data";

export interface CityIn {
  code: string;
  name: string;
  province: string;
  lon: number;
  lat: number;
  /** 2010 census resident population (persons); optional. */
  pop2010?: number;
}

export interface GenOptions {
  seed: number;
  cities: CityIn[];
  /** SD of the log noise on the input / undesirable-output mix (0 = exact inverse DEA). */
  mixNoise?: number;
  /**
   * Real PKU digital financial inclusion index (aggregate), keyed "adcode|year" (2011–2022). When given, it replaces
   * the drawn `dfi` indicator before NP is computed, so the outcome is planted on the NP of the hybrid panel. 2010 (a
   * DEA base-year row, outside NP) takes the 2011 value. The drawn dfi is still drawn and discarded, so every other
   * variable keeps its draws. A missing or non-positive value stops the run, naming the city and year.
   */
  realDFII?: ReadonlyMap<string, number>;
  /**
   * Real GDP (10⁸ yuan, 2010 prices) and industrial SO₂ (t), keyed "adcode|year", the real years only
   * (public-data.ts). When given, they are the DEA's good output and its SO₂, filled past the real years by
   * `fillSeries`, and the inputs and other bad outputs are drawn conditional on them (step 6). A city without any
   * real value stops the run, naming it.
   */
  realOutputs?: { gdp: ReadonlyMap<string, number>; so2: ReadonlyMap<string, number> };
}

/** The fill rule of each real output (header, step 6): bounds of the carried growth, SD of the walk, seed offset. */
export const FILL = {
  gdp: { growthRange: [-0.05, 0.15] as [number, number], sd: 0.01, seed: 1 },
  so2: { growthRange: [-0.3, 0.1] as [number, number], sd: 0.05, seed: 2 },
};
/** Targets of the real-output design are scaled to at most this (so r < 1 for all but the frontier city-year). */
const TARGET_CAP = 0.85;
/** GDP per unit of size with real GDP (2000 in the synthetic design): puts the median city's drawn inputs and bads at
 * the synthetic design's levels (SBM scores do not depend on units). */
const REAL_GDP_PER_SIZE = 4000;

function filledOutputs(o: GenOptions): { gdp: FilledSeries; so2: FilledSeries } | undefined {
  if (!o.realOutputs) return undefined;
  const codes = o.cities.map((c) => c.code);
  const fill = (v: "gdp" | "so2") => {
    const rng = createRng(o.seed + FILL[v].seed, `nqpf-inclusive-green-growth fill ${v}`);
    const f = fillSeries(o.realOutputs?.[v] ?? new Map(), codes, DEA_YEARS,
      { growthRange: FILL[v].growthRange, normal: () => rng.normal(0, 1), sd: FILL[v].sd });
    if (f.unfilled.length) throw new Error(`generator: no real ${v} in ${DEA_YEARS[0]}–${DEA_YEARS[DEA_YEARS.length - 1]} for `
      + o.cities.filter((c) => f.unfilled.includes(c.code)).map((c) => `${c.name} ${c.code}`).join(", "));
    return f;
  };
  return { gdp: fill("gdp"), so2: fill("so2") };
}

export const DEA_YEARS = Array.from({ length: 13 }, (_, i) => 2010 + i);
export const YEARS = DEA_YEARS.slice(1);
export const CONTROLS = ["finance", "gov", "shop", "struc", "pop"];
export const INDICATORS = ["sci_exp", "edu_exp", "students", "broadband", "mobile", "dfi", "digital_patents", "telecom", "postal", "innov_index", "ai_firms"];
export const INDICATORS_ZH = ["地方财政科学事业费支出", "地方财政教育事业费支出", "普通高等学校在校学生人数", "每百人互联网宽带接入用户数", "每百人移动电话用户数", "数字普惠金融指数",
  "数字经济相关发明专利授权数", "电信业务总量", "邮政业务总量", "创新创业指数", "人工智能企业数量"];
export const DEA_INPUTS = ["capital", "labour", "energy"];
export const DEA_GOOD = ["gdp"];
export const DEA_BAD = ["wastewater", "so2", "dust", "income_gap", "consumption_gap", "unemployment"];

/** Planted coefficients: printed values of Table 4 (4) (totals) and Table 8 (2)–(3) (a-paths); b-paths our choice. */
export const B_APP = 0.5;
export const B_GRANT = 0.3;
const PUB = loadPublished("nqpf-inclusive-green-growth");
/** The printed coefficients of one column (Table 4 (4) "t4-4", Table 8 "t8-2"/"t8-3") of NP and the controls but pop,
 * which the paper prints as ±0.000: its planted value is our choice (a small number of the printed sign). */
const printedColumn = (prefix: string, pop: number): Record<string, number> => ({
  ...calibrationTargets(PUB, Object.fromEntries(["NP", ...CONTROLS.slice(0, 4)].map((x) => [x, `${prefix}-${x}-b`]))),
  pop,
});
export const PLANTED = {
  total: printedColumn("t4-4", -0.0002),
  aApp: printedColumn("t8-2", 0.00002),
  aGrant: printedColumn("t8-3", 0.00003),
  bApp: B_APP,
  bGrant: B_GRANT,
};
/** Direct effects in eq. (3) with both mediators: total − b_app·a_app − b_grant·a_grant. */
export const DIRECT: Record<string, number> = Object.fromEntries(
  Object.keys(PLANTED.total).map((k) => [k, PLANTED.total[k] - B_APP * PLANTED.aApp[k] - B_GRANT * PLANTED.aGrant[k]]),
);

const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function generate(o: GenOptions) {
  const rng = createRng(o.seed, "nqpf-inclusive-green-growth generator");
  const mixNoise = o.mixNoise ?? 0.01;
  const C = o.cities;
  const n = C.length;
  const T = DEA_YEARS.length;
  const N = (m = 0, s = 1) => rng.normal(m, s);
  // 1. city traits
  const lnPop = C.map((c) => (c.pop2010 ? Math.log(c.pop2010) : 15 + 0.5 * N()));
  const mPop = lnPop.reduce((a, b) => a + b, 0) / n;
  const z = lnPop.map((v) => v - mPop);
  const g = C.map((c) => 0.09 * (c.lon - 110) + 0.03 * (c.lat - 32) + 0.35 * N());
  const terrain = C.map((c, i) => clip(1.3 - 0.45 * g[i] + 0.55 * N(), 0.05, 5));
  const marketBase = C.map((_, i) => clip(7 + 1.4 * g[i] + 0.8 * N(), 2, 12));
  // 2. latent NP level and indicators
  const lvl = C.map((_, i) => 0.55 * g[i] + 0.7 * z[i] + 0.35 * N());
  const growth = C.map((_, i) => 0.05 + 0.02 * terrain[i] + 0.015 * N());
  const L: number[][] = C.map((_, i) => {
    let ar = 0;
    return DEA_YEARS.map((_, t) => { ar = 0.6 * ar + 0.06 * N(); return lvl[i] + growth[i] * t + ar; });
  });
  // indicator k: [log intercept, loading on L, idiosyncratic log SD, kind]
  const SPEC: [number, number, number, "scale" | "rate"][] = [
    [1.5, 1.6, 0.35, "scale"], [3.4, 1.1, 0.25, "scale"], [10.5, 1.5, 0.5, "scale"], [3.0, 0.45, 0.2, "rate"], [4.5, 0.3, 0.15, "rate"], [5.3, 0.18, 0.06, "rate"],
    [3.5, 1.8, 0.6, "scale"], [3.8, 1.3, 0.35, "scale"], [1.8, 1.5, 0.4, "scale"], [3.9, 0.25, 0.12, "rate"], [2.5, 1.9, 0.6, "scale"],
  ];
  const ind: number[][][] = C.map((_, i) => DEA_YEARS.map((_, t) => SPEC.map(([a, b, s]) => Math.exp(a + b * L[i][t] + s * N()))));
  const DFI = INDICATORS.indexOf("dfi");
  if (o.realDFII) for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) {
    const key = `${C[i].code}|${Math.max(DEA_YEARS[t], 2011)}`;
    const v = o.realDFII.get(key);
    if (v === undefined || !Number.isFinite(v) || v <= 0) throw new Error(`generator: no usable real DFII for ${C[i].name} ${key} (got ${v})`);
    ind[i][t][DFI] = v;
  }
  // NP on the 2011–2022 city-years (row order: city-major, years ascending)
  const npRows: number[][] = [];
  for (let i = 0; i < n; i++) for (let t = 1; t < T; t++) npRows.push(ind[i][t]);
  const tp = entropyTopsis(npRows, { names: INDICATORS });
  const NP: number[][] = C.map((_, i) => DEA_YEARS.map((_, t) => (t === 0 ? NaN : 10 * tp.closeness[i * (T - 1) + t - 1])));
  // 3. controls: [mean, sd, lo, hi]; city level (lognormal) + within drift
  const CS: Record<string, [number, number, number, number]> = { finance: [2.56, 1.234, 0.588, 21.3], gov: [0.195, 0.087, 0.044, 0.704], shop: [0.386, 0.107, 0.01, 1.013],
    struc: [1.066, 0.591, 0.175, 5.65], pop: [445.654, 326.929, 5.093, 2648.256] };
  const ctrl: Record<string, number[][]> = {};
  for (const [v, [m, s, lo, hi]] of Object.entries(CS)) {
    const cv = s / m;
    const sl = Math.sqrt(Math.log(1 + cv * cv) * 0.85);
    const mu = Math.log(m) - (sl * sl) / (2 * 0.85);
    const tilt = v === "finance" || v === "struc" ? 0.15 : v === "pop" ? 0.25 : v === "gov" ? -0.15 : 0;
    ctrl[v] = C.map((_, i) => {
      const base = mu + sl * (Math.sqrt(1 - tilt * tilt) * N() + tilt * (g[i] + z[i]) / 1.2);
      let ar = 0;
      const trend = v === "struc" ? 0.025 : v === "finance" ? 0.02 : v === "gov" ? 0.01 : 0;
      return DEA_YEARS.map((_, t) => { ar = 0.7 * ar + 0.09 * N(); return clip(Math.exp(base + ar + trend * (t - 6)), lo, hi); });
    });
  }
  const market = C.map((_, i) => DEA_YEARS.map((_, t) => clip(marketBase[i] + 0.12 * t + 0.3 * N(), 1, 14)));
  // 4. mediators
  const feApp = C.map((_, i) => 1.35 + 0.35 * g[i] + 0.5 * z[i] + 0.45 * N());
  const feGrant = C.map((_, i) => 0.7 + 0.3 * g[i] + 0.4 * z[i] + 0.4 * N());
  const app: number[][] = [], grant: number[][] = [];
  const xb = (coef: Record<string, number>, i: number, t: number) => coef.NP * NP[i][t] + CONTROLS.reduce((a, c) => a + coef[c] * ctrl[c][i][t], 0);
  for (let i = 0; i < n; i++) {
    app.push(DEA_YEARS.map((_, t) => (t === 0 ? NaN : feApp[i] + 0.05 * t + xb(PLANTED.aApp, i, t) + 0.3 * N())));
    grant.push(DEA_YEARS.map((_, t) => (t === 0 ? NaN : feGrant[i] + 0.06 * t + xb(PLANTED.aGrant, i, t) + 0.3 * N())));
  }
  // 5. outcome IGG (cumulative GML from 2010 = 1)
  const feIgg = C.map((_, i) => -0.16 - B_APP * (feApp[i] - 1.35) - B_GRANT * (feGrant[i] - 0.7) + 0.08 * g[i] + 0.12 * N());
  const yearFe = DEA_YEARS.map((_, t) => 0.03 * t + 0.03 * Math.sin(t));
  let clipped = 0;
  const igg: number[][] = C.map((_, i) => DEA_YEARS.map((_, t) => {
    if (t === 0) return 1;
    const v = feIgg[i] + yearFe[t] + xb(DIRECT, i, t) + B_APP * app[i][t] + B_GRANT * grant[i][t] + 0.22 * N();
    if (v < 0.12) clipped++;
    return Math.max(0.12, v);
  }));
  // 6. inverse DEA
  const u = C.map(() => 0.35 + 0.65 * rng.uniform());
  let maxE = 0;
  const E0 = C.map((_, i) => DEA_YEARS.map((_, t) => u[i] * igg[i][t]));
  for (const row of E0) for (const v of row) maxE = Math.max(maxE, v);
  const real = filledOutputs(o);
  const cap = real ? TARGET_CAP : 1;
  const target = E0.map((row) => row.map((v) => (cap * v) / maxE));
  const MIX_X = [1500, 50, 0.6];
  const MIX_B = [5000, 30000, 20000, 2.4, 2.0, 3.0];
  const SO2 = DEA_BAD.indexOf("so2");
  const key = (i: number, t: number) => `${C[i].code}|${DEA_YEARS[t]}`;
  const realGdp = (i: number, t: number) => real?.gdp.values.get(key(i, t)) as number;
  const intensity = (i: number, t: number) => (real?.so2.values.get(key(i, t)) as number) / realGdp(i, t);
  // The frontier F: the lowest SO₂ per unit of GDP (ties: the first in city and year order).
  let qF = Infinity, F = "";
  if (real) for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) if (intensity(i, t) < qF) { qF = intensity(i, t); F = key(i, t); }
  const origin: Record<"gdp" | "so2", FillOrigin[]> = { gdp: [], so2: [] };
  const cols: Record<string, any[]> = { city_code: [], city: [], province: [], year: [], ...Object.fromEntries([...DEA_INPUTS, ...DEA_GOOD, ...DEA_BAD, ...INDICATORS, ...CONTROLS, "app", "grant", "terrain", "market"].map((k) => [k, []])) };
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) {
      const drawnSize = Math.exp(0.2 * z[i] + 0.015 * t + 0.03 * N());
      const rho = target[i][t];
      const kappa = real ? qF / intensity(i, t) : 0;
      const r = !real ? (13 * rho) / (7 + 6 * rho) : key(i, t) === F ? 1 : (rho * (13 - kappa)) / (7 + 5 * rho);
      const s = real ? realGdp(i, t) / (REAL_GDP_PER_SIZE * r) : drawnSize;
      cols.city_code.push(C[i].code); cols.city.push(C[i].name); cols.province.push(C[i].province); cols.year.push(DEA_YEARS[t]);
      DEA_INPUTS.forEach((k, j) => cols[k].push(MIX_X[j] * s * Math.exp(mixNoise * N())));
      cols.gdp.push(real ? realGdp(i, t) : 2000 * s * r);
      DEA_BAD.forEach((k, j) => {
        const drawn = MIX_B[j] * s * Math.exp(mixNoise * N());
        cols[k].push(real && j === SO2 ? real.so2.values.get(key(i, t)) : drawn);
      });
      if (real) for (const v of ["gdp", "so2"] as const) origin[v].push(real[v].origin.get(key(i, t)) as FillOrigin);
      INDICATORS.forEach((k, j) => cols[k].push(ind[i][t][j]));
      CONTROLS.forEach((k) => cols[k].push(ctrl[k][i][t]));
      cols.app.push(app[i][t]); cols.grant.push(grant[i][t]);
      cols.terrain.push(terrain[i]); cols.market.push(market[i][t]);
    }
  }
  return {
    panel: cols,
    /** Planted values per city-year (same row order as panel). */
    truth: { IGG: igg.flat(), NP: NP.flat(), E: target.flat() },
    clipped,
    npWeights: tp.weights.get("pooled") ?? [...tp.weights.values()][0],
    /** Per-variable provenance of the panel's columns: "synthetic", or "real: <source>". */
    provenance: Object.fromEntries(Object.keys(cols).filter((k) => !["city_code", "city", "province", "year"].includes(k))
      .map((k) => [k, provenanceOf(k, o, real)])),
    /** With real outputs: where each row's gdp and so2 come from ("real" / "interpolated" / "trend"), row order. */
    outputOrigin: real ? origin : undefined,
    /** With real outputs: the frontier city-year F ("adcode|year") whose own score is not planted. */
    frontier: real ? F : undefined,
  };
}

function provenanceOf(k: string, o: GenOptions, real: ReturnType<typeof filledOutputs>): string {
  const filled = (f: FilledSeries) => `${f.counts.real} city-years real; ${f.counts.interpolated} interpolated and `
    + `${f.counts.trend} carried on by the city's own trend (synthetic, fillSeries)`;
  if (k === "dfi" && o.realDFII) return "real: PKU-IDF digital financial inclusion index, aggregate (2011–2022; 2010 = 2011 value)";
  if (k === "gdp" && real) return "real: real GDP at 2010 prices, maswiebe prefecture GDP / its provincial deflator "
    + `(municipalities: provincial GDP / mean provincial deflator), 2010–2017; ${filled(real.gdp)}`;
  if (k === "so2" && real) return "real (differs: SO₂ emitted, the paper's is produced): maswiebe / CEIC industrial SO₂, "
    + `2010–2017; ${filled(real.so2)}`;
  if (real && [...DEA_INPUTS, ...DEA_BAD].includes(k)) return "synthetic (drawn given the real gdp and so2: step 6)";
  return "synthetic";
}

/** The notebook's own panel for `regionlab template`: its 272 cities (sample.ts), seed, mix noise, DFII and outputs sources. */
export async function templateData(p: Record<string, unknown>) {
  const { cities } = await loadStudyModule<{ sampleCities(): Promise<{ cities: CityIn[] }> }>("nqpf-inclusive-green-growth", "sample").sampleCities();
  const realDFII = p.dfiiSource === "synthetic" ? undefined : (await realSeries(String(p.dfiiSource), "adcode", "index_aggregate")).values;
  const realOutputs = p.outputsSource === "synthetic" ? undefined : await realDeaOutputs(cities.map((c) => c.code), DEA_YEARS);
  return { panel: generate({ seed: Number(p.seed), cities, mixNoise: Number(p.mixNoise), realDFII, realOutputs }).panel };
}

type Drawn = ReturnType<typeof generate>;
/** The typed generator contract: the drawn panel, its truth, and the planted total effects of Table 4 (4) by name. */
export const studyGenerator: StudyGenerator<GenOptions, Omit<Drawn, "panel">> = {
  generate(o: GenOptions): GeneratedStudy<Omit<Drawn, "panel">> {
    const { panel, ...truth } = generate(o);
    return { panel, truth, planted: { ...PLANTED.total } };
  },
};
