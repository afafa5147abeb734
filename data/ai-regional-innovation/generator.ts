/**
 * Seeded city panel for the ai-regional-innovation notebook (赵超, 杨光, 区域经济评论 2025(4): 71–83).
 *
 * The paper's city data (AI-firm counts, allocated e-commerce volumes, yearbook series) are not public, so the
 * notebook runs on a panel drawn here: 271 cities (100 east, 100 central, 71 west; four municipalities), 2011–2022,
 * by default the real cities of sample.ts with a real Eco in 2011–2017 (a hybrid panel, point 8).
 * Every random number comes from kernel-lib's seeded MT19937 (`createRng`). What is planted, and how:
 *
 * 1. Scales: every variable is drawn on the scale of the paper's Table 1 (Inn, AI, Va, Eco, Huc, Edu in logs,
 *    Ind, Fis, Gov as ratios) as city level + common trend + within-city part; the city-level SD is set so that
 *    the overall SD is the printed one, the mean is shifted to the printed mean and values are clipped to the
 *    printed [min, max]. AI carries city-specific growth rates (so that AI varies within cities net of year effects)
 *    and the instrument's within variation.
 * 2. Instrument: internet penetration IV (a fraction); AI rises by the printed first-stage 4.9145 per unit of IV.
 *    IV enters Inn only through AI (exclusion holds by construction).
 * 3. Controls: each control's within part loads on AI's two-way within deviation by δ_k (Eco 0.175, Huc 0.015,
 *    Edu 0.031, Fis 0.013, Gov 0.004), chosen so that the omitted-control bias of Table 2 column (1) is
 *    Σ γ_k δ_k ≈ 0.3309 − 0.2720 and each step of Table 2 removes roughly the printed drop.
 * 4. Mediators: Va = … + 0.1607·AI, Ind = … + 0.0368·AI (Table 6 (2), (4)); mostly between-city, so threshold
 *    regimes of Va and Ind are mostly city-level.
 * 5. Inn = α_i + δ_t + β_it·AI + Σ γ_k X_k + 0.0494·Va + 0.3314·Ind + e, with γ = Table 2 (6) and the direct slope
 *    β_it = 0.2720 − 0.1607·0.0494 − 0.0368·0.3314 + m_it, so that the total effect of AI is the printed 0.2720.
 *    m_it (mean zero over the sample) carries the printed *differences* between regimes and groups:
 *    AI regimes at 3.6636 / 6.1821 (0.389, 0.422, 0.403), Va regime at 15.6482 (0.417, 0.394), Ind regime at
 *    2.1637 (0.344, 0.400), region (east 0.3171, central 0.2835, west 0.0392), high/low digital infrastructure
 *    (0.2796, 0.2034) and high/low data factor (0.2445, 0.2066), each centred on its sample mean.
 *    The modifier multiplies AI itself, as in Hansen's model: Inn jumps by Δ·AI when a city crosses a threshold.
 *    Those jumps are what identifies the thresholds (without them, slope differences of 0.02–0.06 are not
 *    detectable at this noise); they also load on the linear Va and Ind terms of Table 6, which is a finding the
 *    notebook reports, not a bug.
 *    e is AR(1) (ρ = 0.3) with SD `noiseSd` (default 0.2: lower than the printed R² implies, see the notebook).
 * 6. Inn1 (applications) = Inn + 0.45 + (0.2171 − 0.2720)·AI + noise, so its AI coefficient is Table 3 (3)'s 0.2171.
 * 7. Digital infrastructure (Dig) and data factor (Data) are mostly city-level indices independent of AI; the
 *    notebook splits them at the city-year values that give the paper's group sizes.
 * 8. Hybrid panel (`cities` and `realEco` given): the rows are the real cities of sample.ts, and Eco is the real
 *    ln(GDP per capita, yuan) of the public prefecture series in 2011–2017 (not rescaled or clipped). 2018–2022
 *    carry each city's own 2011–2017 least-squares trend on from its 2017 value, plus an AR(1) draw (SD 0.05,
 *    ρ = 0.4) that starts at zero in 2017; the four municipalities (not in the series) keep the synthetic Eco.
 *    Drawn conditional on it: AI's within part loads on real Eco's two-way within deviation by λ, chosen so that
 *    the regression of Eco on AI within is the planted δ_Eco (the largest attainable when δ_Eco is out of reach).
 */
import { createRng, realSeries } from "kernel-lib";
import type { StudyGenerator } from "kernel-lib";
import { CityInfo, ECON_SOURCE, sampleCities } from "./sample";

/** Printed Table 1: mean, SD, min, max. */
export const TABLE1: Record<string, [number, number, number, number]> = {
  Inn: [7.621, 1.597, 4.22, 11.435],
  AI: [4.859, 1.796, 1.386, 9.71],
  Va: [14.143, 1.668, 10.796, 18.527],
  Ind: [2.31, 0.142, 1.958, 2.696],
  Eco: [10.79, 0.549, 9.588, 12.065],
  Huc: [4.761, 0.966, 2.485, 6.913],
  Edu: [13.32, 0.813, 11.397, 15.904],
  Fis: [0.459, 0.215, 0.118, 0.998],
  Gov: [0.194, 0.084, 0.079, 0.486],
};

export const THRESHOLDS = { AI: [3.6636, 6.1821], Va: [15.6482], Ind: [2.1637] };

export const PLANTED = {
  /** Table 2 (6): total effects. */
  total: { AI: 0.272, Eco: 0.243, Huc: 0.0467, Edu: 0.2339, Fis: 0.3922, Gov: 0.8662 },
  delta: { Eco: 0.175, Huc: 0.015, Edu: 0.031, Fis: 0.013, Gov: 0.004 },
  aVa: 0.1607,
  aInd: 0.0368,
  bVa: 0.0494,
  bInd: 0.3314,
  firstStage: 4.9145,
  inn1AI: 0.2171,
  regimeAI: [0.389, 0.422, 0.403],
  regimeVa: [0.417, 0.394],
  regimeInd: [0.344, 0.4],
  region: { east: 0.3171, central: 0.2835, west: 0.0392 },
  dig: { high: 0.2796, low: 0.2034 },
  data: { high: 0.2445, low: 0.2066 },
};

export interface GenOptions {
  seed: number;
  /** SD of the idiosyncratic error of Inn (AR(1), ρ = 0.3). */
  noiseSd?: number;
  /** The real cities of sample.ts (271; else placeholder labels C001… in region cells). */
  cities?: CityInfo[];
  /** GDP per capita (10^4 yuan, GDP / registered population) by "code|year": Eco is then real in 2011–2017. */
  realEco?: ReadonlyMap<string, number>;
}

/** Where the hybrid Eco comes from (the provenance table and README say the same). */
export const ECO_REAL_NOTE = "real 2011–2017: ln(gdppc × 10^4), GDP per capita in yuan (GDP / registered "
  + "population) of manifest:prefecture_econ_maswiebe_1991_2019; the paper defines Eco as GDP / land area. "
  + "2018–2022: the city's own 2011–2017 trend from its 2017 value + AR(1) draw (synthetic); the four "
  + "municipalities (not in the series): synthetic, all years";

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function generate(o: GenOptions) {
  const rng = createRng(o.seed, "ai-regional-innovation generator");
  const noiseSd = o.noiseSd ?? 0.2;
  const NC = o.cities?.length ?? 271, T = 12, n = NC * T;
  const years = Array.from({ length: T }, (_, t) => 2011 + t);
  // cities: 100 east (10 provinces incl. Beijing, Tianjin, Shanghai), 100 central (8), 71 west (11 incl. Chongqing)
  const region: string[] = [], province: string[] = [], muni: number[] = [], city: string[] = [];
  if (o.cities) for (const c of o.cities) {
    city.push(c.name); region.push(c.region); province.push(c.province); muni.push(c.municipality);
  }
  const provs: [string, string, number][] = [];
  const east = [["BJ", 1], ["TJ", 1], ["SH", 1], ["E1", 13], ["E2", 12], ["E3", 12], ["E4", 11], ["E5", 17], ["E6", 21], ["E7", 11]] as const;
  const central = [["C1", 11], ["C2", 8], ["C3", 12], ["C4", 16], ["C5", 11], ["C6", 17], ["C7", 12], ["C8", 13]] as const;
  const west = [["CQ", 1], ["W1", 9], ["W2", 14], ["W3", 4], ["W4", 7], ["W5", 9], ["W6", 10], ["W7", 5], ["W8", 2], ["W9", 4], ["W10", 6]] as const;
  for (const [reg, list] of [["east", east], ["central", central], ["west", west]] as const) for (const [p, k] of list) provs.push([reg, p, k]);
  if (!o.cities) for (const [reg, p, k] of provs) for (let j = 0; j < k; j++) {
    city.push(`C${String(city.length + 1).padStart(3, "0")}`);
    region.push(reg);
    province.push(p);
    muni.push(["BJ", "TJ", "SH", "CQ"].includes(p) ? 1 : 0);
  }
  if (city.length !== NC) throw new Error(`generator: ${city.length} cities`);
  const idx = (i: number, t: number) => i * T + t;
  const ar = (sd: number, rho: number) => {
    const v = new Float64Array(n);
    for (let i = 0; i < NC; i++) {
      let prev = rng.normal(0, sd);
      for (let t = 0; t < T; t++) {
        const x = t === 0 ? prev : rho * prev + Math.sqrt(1 - rho * rho) * rng.normal(0, sd);
        v[idx(i, t)] = x;
        prev = x;
      }
    }
    return v;
  };
  const variance = (v: ArrayLike<number>) => {
    let m = 0;
    for (let k = 0; k < v.length; k++) m += v[k] / v.length;
    let s = 0;
    for (let k = 0; k < v.length; k++) s += (v[k] - m) ** 2;
    return s / (v.length - 1);
  };
  /** city level (SD set so that the total SD is the target) + rest; shifted to the target mean; clipped. */
  const build = (name: string, rest: Float64Array, cityCorr?: Float64Array) => {
    const [mean, sd, lo, hi] = TABLE1[name];
    const vr = variance(rest);
    const sb = Math.sqrt(Math.max(0.0004 * sd * sd, sd * sd - vr));
    const lev = Float64Array.from({ length: NC }, (_, i) => (cityCorr ? cityCorr[i] : 0) + rng.normal(0, sb));
    const v = Float64Array.from(rest, (x, k) => x + lev[Math.floor(k / T)]);
    let m = 0;
    for (const x of v) m += x / n;
    return v.map((x) => clamp(x - m + mean, lo, hi));
  };
  const twoWayDev = (v: Float64Array) => withinDev(v, NC, T);
  // instrument: internet penetration (fraction)
  const ivLevel = Float64Array.from({ length: NC }, (_, i) => clamp(0.18 + (region[i] === "east" ? 0.06 : region[i] === "west" ? -0.03 : 0) + rng.normal(0, 0.06), 0.03, 0.6));
  const ivWithin = ar(0.035, 0.2);
  const IV = Float64Array.from({ length: n }, (_, k) => clamp(ivLevel[Math.floor(k / T)] + 0.022 * (k % T) + ivWithin[k], 0.01, 0.99));
  const trend: Record<string, number> = { Eco: 0.07, Huc: 0.01, Edu: 0.06, Fis: -0.006, Gov: 0.002 };
  const own: Record<string, number> = { Eco: 0.05, Huc: 0.09, Edu: 0.07, Fis: 0.035, Gov: 0.012 };
  const eco = o.realEco && o.cities ? hybridEco(o.realEco, o.cities, years, ar(own.Eco, 0.4)) : null;
  // AI: trend + city-specific growth + first stage on IV's within part + AR noise (+ λ · real Eco's within part)
  const growth = Float64Array.from({ length: NC }, () => rng.normal(0, 0.07));
  const aiNoise = ar(0.25, 0.5);
  const aiRest = Float64Array.from({ length: n }, (_, k) => {
    const t = k % T;
    return 0.16 * (t - 5.5) + growth[Math.floor(k / T)] * (t - 5.5) + PLANTED.firstStage * ivWithin[k] + aiNoise[k];
  });
  const ecoLoad = eco ? loadOnReal(aiRest, eco, NC, T, PLANTED.delta.Eco) : null;
  const AI = build("AI", aiRest);
  const aiDev = twoWayDev(AI);
  // controls (a real Eco replaces the synthetic one, which is still drawn so the later draws stay aligned)
  const ctrl: Record<string, Float64Array> = {};
  for (const c of ["Eco", "Huc", "Edu", "Fis", "Gov"]) {
    const w = ar(own[c], 0.4);
    const d = (PLANTED.delta as Record<string, number>)[c];
    ctrl[c] = build(c, Float64Array.from({ length: n }, (_, k) => trend[c] * ((k % T) - 5.5) + d * aiDev[k] + w[k]));
  }
  if (eco) ctrl.Eco = ctrl.Eco.map((x, k) => (eco.covered[Math.floor(k / T)] ? eco.values[k] : x));
  // mediators (mostly between-city)
  const vaW = ar(0.3, 0.3);
  const Va = build("Va", Float64Array.from({ length: n }, (_, k) => 0.05 * ((k % T) - 5.5) + PLANTED.aVa * AI[k] + vaW[k]));
  const indW = ar(0.025, 0.3);
  const Ind = build("Ind", Float64Array.from({ length: n }, (_, k) => 0.004 * ((k % T) - 5.5) + PLANTED.aInd * AI[k] + indW[k]));
  // digital infrastructure and data factor: city indices with small within variation, independent of AI
  const digLev = Float64Array.from({ length: NC }, () => rng.normal(0, 1));
  const dataLev = Float64Array.from({ length: NC }, () => rng.normal(0, 1));
  const digW = ar(0.15, 0.5), dataW = ar(0.15, 0.5);
  const Dig = Float64Array.from({ length: n }, (_, k) => digLev[Math.floor(k / T)] + 0.01 * (k % T) + digW[k]);
  const Data = Float64Array.from({ length: n }, (_, k) => dataLev[Math.floor(k / T)] + 0.01 * (k % T) + dataW[k]);
  const rankCut = (v: Float64Array, nHigh: number) => [...v].sort((a, b) => b - a)[nHigh - 1];
  const digCut = rankCut(Dig, 1270), dataCut = rankCut(Data, 1534);
  // slope modifiers
  const [a1, a2] = THRESHOLDS.AI, [v1] = THRESHOLDS.Va, [i1] = THRESHOLDS.Ind;
  const P = PLANTED;
  const comps: Float64Array[] = [
    Float64Array.from(AI, (x) => (x <= a1 ? P.regimeAI[0] : x <= a2 ? P.regimeAI[1] : P.regimeAI[2])),
    Float64Array.from(Va, (x) => (x <= v1 ? P.regimeVa[0] : P.regimeVa[1])),
    Float64Array.from(Ind, (x) => (x <= i1 ? P.regimeInd[0] : P.regimeInd[1])),
    Float64Array.from({ length: n }, (_, k) => (P.region as Record<string, number>)[region[Math.floor(k / T)]]),
    Float64Array.from(Dig, (x) => (x >= digCut ? P.dig.high : P.dig.low)),
    Float64Array.from(Data, (x) => (x >= dataCut ? P.data.high : P.data.low)),
  ];
  const m = new Float64Array(n);
  for (const c of comps) {
    let mu = 0;
    for (const x of c) mu += x / n;
    for (let k = 0; k < n; k++) m[k] += c[k] - mu;
  }
  const direct = P.total.AI - P.aVa * P.bVa - P.aInd * P.bInd;
  const e = ar(noiseSd, 0.3);
  const g = P.total;
  const pre = Float64Array.from({ length: n }, (_, k) =>
    0.06 * (k % T) + (direct + m[k]) * AI[k] + g.Eco * ctrl.Eco[k] + g.Huc * ctrl.Huc[k] + g.Edu * ctrl.Edu[k] + g.Fis * ctrl.Fis[k] + g.Gov * ctrl.Gov[k] + P.bVa * Va[k] + P.bInd * Ind[k] + e[k]);
  const Inn = build("Inn", pre);
  const inn1Noise = ar(0.12, 0.3);
  const Inn1 = Float64Array.from(Inn, (x, k) => x + 0.45 + (P.inn1AI - P.total.AI) * AI[k] + inn1Noise[k]);
  const cityCol: string[] = [], yearCol: number[] = [], regCol: string[] = [], provCol: string[] = [], muniCol: number[] = [];
  for (let i = 0; i < NC; i++) for (let t = 0; t < T; t++) { cityCol.push(city[i]); yearCol.push(years[t]); regCol.push(region[i]); provCol.push(province[i]); muniCol.push(muni[i]); }
  const r4 = (v: Float64Array) => Array.from(v, (x) => Math.round(x * 1e6) / 1e6);
  return {
    panel: {
      city: cityCol, year: yearCol, province: provCol, region: regCol, municipality: muniCol,
      Inn: r4(Inn), Inn1: r4(Inn1), AI: r4(AI), Va: r4(Va), Ind: r4(Ind),
      Eco: r4(ctrl.Eco), Huc: r4(ctrl.Huc), Edu: r4(ctrl.Edu), Fis: r4(ctrl.Fis), Gov: r4(ctrl.Gov),
      IV: r4(IV), Dig: r4(Dig), Data: r4(Data),
    },
    truth: { directSlope: direct, cuts: { Dig: digCut, Data: dataCut }, thresholds: THRESHOLDS, ecoLoad },
    /** Per variable: "real …" with its source and years, or "synthetic (generator.ts)". */
    provenance: Object.fromEntries(["city", "province", "region", "municipality", "Inn", "Inn1", "AI", "Va", "Ind",
      "Eco", "Huc", "Edu", "Fis", "Gov", "IV", "Dig", "Data"].map((v) => [v, v === "Eco" && eco
      ? `${ECO_REAL_NOTE} (${eco.nReal} real city-years, ${n - eco.nReal} synthetic)`
      : o.cities && ["city", "province", "region", "municipality"].includes(v)
        ? "real: cities of the public prefecture series + the 4 municipalities, drawn by sample.ts (seeded)"
        : "synthetic (generator.ts)"])) as Record<string, string>,
    nRealEco: eco?.nReal ?? 0,
    /** Planted levels by "fit|term" (Table 2 (6), the first stage, Inn1); the notebook checks the rest too. */
    planted: {
      ...Object.fromEntries(Object.entries(PLANTED.total).map(([x, v]) => [`t2-6|${x}`, v])),
      "t4-1|IV": PLANTED.firstStage, "t3-3|AI": PLANTED.inn1AI,
    } as Record<string, number>,
  };
}

/**
 * Eco of the hybrid panel, city-major: ln(GDP per capita, yuan) where the real series has it (2011–2017); after the
 * city's last real year its own least-squares trend over the real years plus the AR(1) draw `w` (anchored to zero
 * there). Cities without any real value (the municipalities) are not covered.
 */
function hybridEco(real: ReadonlyMap<string, number>, cities: CityInfo[], years: number[], w: Float64Array) {
  const T = years.length, values = new Float64Array(cities.length * T).fill(NaN);
  const covered = cities.map(() => false);
  let nReal = 0;
  cities.forEach((c, i) => {
    const ts: number[] = [], vs: number[] = [];
    years.forEach((y, t) => {
      const g = real.get(`${c.code}|${y}`);
      if (y > 2017 || g === undefined || !(g > 0)) return;
      values[i * T + t] = Math.log(g * 1e4);
      ts.push(t); vs.push(values[i * T + t]);
    });
    if (!ts.length) return;
    if (ts.length !== ts[ts.length - 1] + 1) throw new Error(`generator: real GDP per capita of ${c.name} has gaps`);
    covered[i] = true;
    nReal += ts.length;
    const tm = ts.reduce((a, b) => a + b, 0) / ts.length, vm = vs.reduce((a, b) => a + b, 0) / vs.length;
    const sxx = ts.reduce((a, t) => a + (t - tm) ** 2, 0);
    const slope = sxx > 0 ? ts.reduce((a, t, j) => a + (t - tm) * (vs[j] - vm), 0) / sxx : 0;
    const last = ts.length - 1;
    for (let t = last + 1; t < T; t++) values[i * T + t] = vs[last] + slope * (t - last) + w[i * T + t] - w[i * T + last];
  });
  return { values, covered, nReal };
}

/**
 * Adds λ · (two-way within deviation of the real Eco, over the covered cities) to AI's within part so that the
 * within regression of Eco on AI has slope δ: δ = λv_e / (v_a + λ²v_e), the smaller root (or the largest
 * attainable δ, at λ = √(v_a / v_e)). Returns λ and the δ it gives.
 */
function loadOnReal(aiRest: Float64Array, eco: { values: Float64Array; covered: boolean[] }, NC: number, T: number,
  delta: number) {
  const dev = new Float64Array(NC * T), cm = new Float64Array(NC), ym = new Float64Array(T);
  const nc = eco.covered.filter(Boolean).length;
  let g = 0;
  for (let i = 0; i < NC; i++) if (eco.covered[i]) for (let t = 0; t < T; t++) {
    const x = eco.values[i * T + t];
    cm[i] += x / T; ym[t] += x / nc; g += x / (nc * T);
  }
  for (let i = 0; i < NC; i++) if (eco.covered[i]) for (let t = 0; t < T; t++) dev[i * T + t] = eco.values[i * T + t] - cm[i] - ym[t] + g;
  const aiDev0 = withinDev(aiRest, NC, T);
  const ve = dev.reduce((a, x) => a + x * x, 0), va = aiDev0.reduce((a, x) => a + x * x, 0);
  const disc = ve * ve - 4 * delta * delta * ve * va;
  const lambda = disc >= 0 ? (ve - Math.sqrt(disc)) / (2 * delta * ve) : Math.sqrt(va / ve);
  for (let k = 0; k < aiRest.length; k++) aiRest[k] += lambda * dev[k];
  return { lambda, delta: (lambda * ve) / (va + lambda * lambda * ve) };
}

/** Two-way within deviation of a balanced city-major panel. */
function withinDev(v: Float64Array, NC: number, T: number): Float64Array {
  const cm = new Float64Array(NC), ym = new Float64Array(T);
  let g = 0;
  for (let k = 0; k < v.length; k++) { cm[Math.floor(k / T)] += v[k] / T; ym[k % T] += v[k] / NC; g += v[k] / v.length; }
  return Float64Array.from(v, (x, k) => x - cm[Math.floor(k / T)] - ym[k % T] + g);
}

/** The generator contract of the study kit. */
export const studyGenerator: StudyGenerator<GenOptions, ReturnType<typeof generate>["truth"]> = { generate };

/**
 * The hybrid panel as the notebook draws it: the cities of sample.ts and, unless `ecoSource` is "synthetic", the
 * real GDP per capita of the public prefecture series (or a file in its columns) for Eco.
 */
export async function hybridPanel(p: { seed: number; noiseSd: number; ecoSource: string }) {
  const sample = await sampleCities(p.seed);
  const real = p.ecoSource === "synthetic" ? null : await realSeries(p.ecoSource, "adcode", "gdppc");
  const drawn = generate({ seed: p.seed, noiseSd: p.noiseSd, cities: sample.kept, realEco: real?.values });
  return { ...drawn, sample, ecoSource: real?.source ?? "synthetic" };
}

/** The notebook's own panel for `regionlab template` (drawn with the parameters the notebook declares). */
export async function templateData(p: Record<string, unknown>) {
  const eco = String(p.ecoSource ?? ECON_SOURCE);
  return { panel: (await hybridPanel({ seed: Number(p.seed), noiseSd: Number(p.noiseSd), ecoSource: eco })).panel };
}
