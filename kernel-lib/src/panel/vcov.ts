/**
 * Variance–covariance objects and the presets that pick Stata's or R's small-sample conventions at once.
 *
 * Cluster-robust V = c · B (Σ_g u_g u_g') B with B = (X̃'X̃)⁻¹, u_g = Σ_{i∈g} x̃_i e_i, and
 *   c = [G/(G−1)] · [(N−1)/(N−K)]   (each factor switched by the preset), where K is
 *   "slopes"  the reported coefficients only (plm's "sss"/"HC1"),
 *   "all"     coefficients + every absorbed fixed-effect parameter (Stata areg: the dummies count),
 *   "nested"  coefficients + absorbed parameters of fixed effects NOT nested in the cluster variable, + 1 for
 *             the constant when some are nested (Stata xtreg, fe and reghdfe; fixest's fixef.K = "nested").
 * Two-way clustering (Cameron, Gelbach & Miller 2011): V = V_A + V_B − V_{A∩B}, each with its own G/(G−1)
 * ("conventional", sandwich::vcovCL) or with G_min/(G_min−1) throughout ("min", fixest and reghdfe).
 * HC0–HC3 on the transformed regressors; HC1 = N/(N−K) with K as `hcK`.
 * Driscoll–Kraay (1998): the scores summed within each period, h_t = Σ_{i∈t} x̃_i e_i, and a Bartlett-weighted
 * Newey–West meat across periods, S = Σ_t h_t h_t' + Σ_{j=1..L} (1 − j/(L+1)) Σ_t (h_t h_{t−j}' + h_{t−j} h_t');
 * robust to cross-sectional and serial dependence as T grows (see `DkConventions` for the three tools' choices).
 */
import { Factor, nestedIn } from "./demean";
import { sandwich } from "../core/linalg";

export type HcType = "hc0" | "hc1" | "hc2" | "hc3";

export interface Ssc {
  /** Multiply by G/(G−1). */
  adjG: boolean;
  /** (N−1)/(N−K), N/(N−K) or nothing. */
  adjN: "n-1" | "n" | "none";
  K: "slopes" | "all" | "nested";
  clusterDf: "min" | "conventional";
  /** Distribution of the t statistics under clustering: t(G_min − 1), t(residual df), or t(N − K) with K as above (fixest's t.df = "conventional"). */
  tDf: "G-1" | "resid" | "N-K";
}

/**
 * What the reference tools do with Driscoll–Kraay: Stata xtscc (Hoechle 2007), R fixest (vcov = "DK") and R plm
 * (vcovSCC, type HC0).
 */
export interface DkConventions {
  /** Default lag L: "xtscc" floor(4 (T/100)^(2/9)); "quartic" floor(T^(1/4)) (fixest and plm). */
  lag: "xtscc" | "quartic";
  /** Multiply by T/(T−1) (xtscc, fixest). */
  adjT: boolean;
  /** (N−1)/(N−K) or nothing. */
  adjN: "n-1" | "none";
  /**
   * K in (N−1)/(N−K): "stata" regressors + _cons + absorbed parameters of fixed effects other than the first
   * (xtscc, where the panel effect is the within transformation and other effects are dummies); "slopes" the
   * reported coefficients; "all" coefficients + every absorbed parameter.
   */
  K: "stata" | "slopes" | "all";
  /** t statistics with T − 1 df (xtscc, fixest) or the residual df (plm). */
  tDf: "T-1" | "resid";
}

export type VcovSpec =
  | { type: "iid" }
  | { type: "hetero"; hc: HcType }
  | { type: "cluster"; by: string[]; ssc?: Partial<Ssc> }
  | { type: "dk"; time: string; lag?: number; ssc?: Partial<DkConventions> };

export const iid = (): VcovSpec => ({ type: "iid" });
export const hetero = (hc: HcType = "hc1"): VcovSpec => ({ type: "hetero", hc });
/** cluster("city"), cluster("city", "year") or cluster(["city","year"], { adjN: "none" }). */
export function cluster(...args: (string | string[] | Partial<Ssc>)[]): VcovSpec {
  const by: string[] = [];
  let ssc: Partial<Ssc> | undefined;
  for (const a of args) {
    if (typeof a === "string") by.push(a);
    else if (Array.isArray(a)) by.push(...a);
    else ssc = a;
  }
  if (!by.length || by.length > 2) throw new Error(`cluster(): give one or two cluster variables, got ${by.length}`);
  return { type: "cluster", by, ssc };
}

/**
 * Driscoll–Kraay standard errors over the periods of `time`: driscollKraay("year"), driscollKraay("year", 3) for
 * lag 3, or with conventions overridden, driscollKraay("year", undefined, { adjT: false, adjN: "none" }).
 */
export function driscollKraay(time: string, lag?: number, ssc?: Partial<DkConventions>): VcovSpec {
  if (lag !== undefined && !(Number.isInteger(lag) && lag >= 0)) throw new Error(`driscollKraay(): lag must be a whole number ≥ 0, got ${lag}`);
  return { type: "dk", time, lag, ssc };
}

/** The columns whose factors a vcov needs on the fit's rows: cluster variables, or the period of Driscoll–Kraay. */
export function vcovFactorNames(spec: VcovSpec): string[] {
  return spec.type === "cluster" ? spec.by : spec.type === "dk" ? [spec.time] : [];
}

/** plm's vcovHC "type" for clustered SEs, as an Ssc override. */
export function plmClusterType(type: "HC0" | "HC1" | "sss"): Partial<Ssc> {
  if (type === "HC0") return { adjG: false, adjN: "none" };
  if (type === "HC1") return { adjG: false, adjN: "n", K: "slopes" };
  return { adjG: true, adjN: "n-1", K: "slopes" };
}

export interface Preset {
  name: string;
  description: string;
  cluster: Ssc;
  /** K in HC1's N/(N−K): coefficients only, or coefficients + absorbed FE parameters. */
  hcK: "slopes" | "all";
  /** Drop singleton observations before estimation (reghdfe's default). */
  dropSingletons: boolean;
  /** `vce(robust)` means clustering on the panel id (Stata xtreg). */
  robustIsClusterId: boolean;
  /** Random effects inference with the normal (z) distribution (Stata xtreg, re) instead of t. */
  reNormal: boolean;
  /** Driscoll–Kraay conventions. */
  dk: DkConventions;
  /** Default vcov when none is given: "iid" or "cluster-first-fe" (fixest). */
  defaultVcov: "iid" | "cluster-first-fe";
  /**
   * Report as Stata's xtreg: FE r2 is the within R² with Stata's adjusted R² and root MSE, BE counts
   * observations in nobs, unbalanced RE uses Stata's variance components (harmonic-mean T̄).
   */
  xtreg?: boolean;
}

export const PRESETS: Record<string, Preset> = {
  "stata.xtreg": {
    name: "stata.xtreg",
    description: "Stata xtreg: cluster c = G/(G−1)·(N−1)/(N−K), K = regressors + _cons (panel FE nested in clusters not counted); t(G−1); vce(robust) = cluster(id); RE with z",
    cluster: { adjG: true, adjN: "n-1", K: "nested", clusterDf: "min", tDf: "G-1" },
    hcK: "all",
    dropSingletons: false,
    robustIsClusterId: true,
    reNormal: true,
    dk: { lag: "xtscc", adjT: true, adjN: "n-1", K: "stata", tDf: "T-1" },
    defaultVcov: "iid",
    xtreg: true,
  },
  "stata.areg": {
    name: "stata.areg",
    description: "Stata areg: cluster c = G/(G−1)·(N−1)/(N−K), K counts every absorbed dummy; t(G−1)",
    cluster: { adjG: true, adjN: "n-1", K: "all", clusterDf: "min", tDf: "G-1" },
    hcK: "all",
    dropSingletons: false,
    robustIsClusterId: false,
    reNormal: true,
    dk: { lag: "xtscc", adjT: true, adjN: "n-1", K: "stata", tDf: "T-1" },
    defaultVcov: "iid",
  },
  "stata.reghdfe": {
    name: "stata.reghdfe",
    description: "Stata reghdfe: singletons dropped; cluster c = G/(G−1)·(N−1)/(N−K), FE nested in clusters dropped from K; two-way uses G_min; t(G_min−1)",
    cluster: { adjG: true, adjN: "n-1", K: "nested", clusterDf: "min", tDf: "G-1" },
    hcK: "all",
    dropSingletons: true,
    robustIsClusterId: false,
    reNormal: true,
    dk: { lag: "xtscc", adjT: true, adjN: "n-1", K: "stata", tDf: "T-1" },
    defaultVcov: "iid",
  },
  plm: {
    name: "plm",
    description: "R plm + vcovHC(method = \"arellano\"): cluster type HC0 (no small-sample factor) unless given; t(residual df)",
    cluster: { adjG: false, adjN: "none", K: "slopes", clusterDf: "conventional", tDf: "resid" },
    hcK: "slopes",
    dropSingletons: false,
    robustIsClusterId: false,
    reNormal: false,
    dk: { lag: "quartic", adjT: false, adjN: "none", K: "slopes", tDf: "resid" },
    defaultVcov: "iid",
  },
  fixest: {
    name: "fixest",
    description: "R fixest defaults: cluster on the first FE; ssc(adj = TRUE, fixef.K = \"nested\", cluster.adj = TRUE, cluster.df = \"min\", t.df = \"min\")",
    cluster: { adjG: true, adjN: "n-1", K: "nested", clusterDf: "min", tDf: "G-1" },
    hcK: "all",
    dropSingletons: false,
    robustIsClusterId: false,
    reNormal: false,
    dk: { lag: "quartic", adjT: true, adjN: "n-1", K: "all", tDf: "T-1" },
    defaultVcov: "cluster-first-fe",
  },
};

export type PresetName = keyof typeof PRESETS | string;

export function resolvePreset(p: Preset | PresetName | undefined): Preset {
  if (p === undefined) return PRESETS["stata.reghdfe"];
  if (typeof p !== "string") return p;
  const r = PRESETS[p];
  if (!r) throw new Error(`unknown preset "${p}" (have: ${Object.keys(PRESETS).join(", ")})`);
  return r;
}

/** "iid", "hc0".."hc3", "hetero"/"robust" (= hc1), "cluster" (needs cluster names) or "dk" (needs the period). */
export function parseVcov(v: VcovSpec | string | undefined, clusterBy?: string[], time?: string): VcovSpec | undefined {
  if (v === undefined || typeof v !== "string") return v;
  const s = v.toLowerCase();
  if (s === "iid" || s === "classical" || s === "const") return iid();
  if (s === "hetero" || s === "robust" || s === "hc1") return hetero("hc1");
  if (s === "hc0" || s === "hc2" || s === "hc3") return hetero(s);
  if (s === "cluster" || s === "cl") {
    if (!clusterBy?.length) throw new Error(`vcov "cluster" needs a cluster variable`);
    return cluster(clusterBy);
  }
  if (s === "dk" || s === "driscoll-kraay" || s === "scc") {
    if (!time) throw new Error(`vcov "${v}" needs the period variable: give time: "<column>" or driscollKraay("<column>")`);
    return driscollKraay(time);
  }
  throw new Error(`unknown vcov "${v}" (iid, hc0, hc1, hc2, hc3, cluster, dk)`);
}

export interface VcovInput {
  X: Float64Array[];
  e: Float64Array;
  bread: Float64Array;
  n: number;
  /** Reported coefficients (including an estimated intercept). */
  k: number;
  /** Absorbed fixed-effect parameters. */
  dfFe: number;
  fe: Factor[];
  feLevels: number[];
  dfResid: number;
  clusters: Factor[];
}

export interface VcovResult {
  V: Float64Array;
  /** Degrees of freedom for t statistics (Infinity = normal). */
  df: number;
  label: string;
  nClusters?: number[];
  adjustment: number;
}

function meatCluster(X: Float64Array[], e: Float64Array, f: Factor): Float64Array {
  const k = X.length;
  const G = f.nLevels;
  const u = new Float64Array(G * k);
  for (let j = 0; j < k; j++) {
    const x = X[j];
    for (let i = 0; i < e.length; i++) u[f.codes[i] * k + j] += x[i] * e[i];
  }
  const m = new Float64Array(k * k);
  for (let g = 0; g < G; g++)
    for (let a = 0; a < k; a++) {
      const ua = u[g * k + a];
      if (ua === 0) continue;
      for (let b = 0; b < k; b++) m[a * k + b] += ua * u[g * k + b];
    }
  return m;
}

function intersect(a: Factor, b: Factor): Factor {
  const codes = new Int32Array(a.codes.length);
  const map = new Map<number, number>();
  const levels: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const key = a.codes[i] * b.nLevels + b.codes[i];
    let c = map.get(key);
    if (c === undefined) {
      c = levels.length;
      map.set(key, c);
      levels.push(`${a.levels[a.codes[i]]}^${b.levels[b.codes[i]]}`);
    }
    codes[i] = c;
  }
  return { name: `${a.name}^${b.name}`, codes, nLevels: levels.length, levels };
}


export function computeVcov(spec: VcovSpec, inp: VcovInput, preset: Preset): VcovResult {
  const { X, e, bread, n, k } = inp;
  if (spec.type === "iid") {
    let rss = 0;
    for (let i = 0; i < e.length; i++) rss += e[i] * e[i];
    const s2 = rss / inp.dfResid;
    return { V: bread.map((b) => b * s2), df: inp.dfResid, label: "iid", adjustment: 1 };
  }
  if (spec.type === "hetero") {
    const kk = X.length;
    const m = new Float64Array(kk * kk);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let h = 0;
      if (spec.hc === "hc2" || spec.hc === "hc3") {
        for (let a = 0; a < kk; a++) {
          let s = 0;
          for (let b = 0; b < kk; b++) s += bread[a * kk + b] * X[b][i];
          h += X[a][i] * s;
        }
      }
      w[i] = e[i] * e[i] * (spec.hc === "hc2" ? 1 / (1 - h) : spec.hc === "hc3" ? 1 / ((1 - h) * (1 - h)) : 1);
    }
    for (let a = 0; a < kk; a++)
      for (let b = a; b < kk; b++) {
        let s = 0;
        const xa = X[a];
        const xb = X[b];
        for (let i = 0; i < n; i++) s += xa[i] * xb[i] * w[i];
        m[a * kk + b] = s;
        m[b * kk + a] = s;
      }
    const K = preset.hcK === "all" ? k + inp.dfFe : k;
    const c = spec.hc === "hc1" ? n / (n - K) : 1;
    const V = sandwich(bread, m, kk).map((v) => v * c);
    return { V, df: inp.dfResid, label: spec.hc.toUpperCase(), adjustment: c };
  }
  if (spec.type === "dk") return driscollKraayVcov(spec, inp, preset);
  // cluster
  const ssc: Ssc = { ...preset.cluster, ...(spec.ssc ?? {}) };
  const cl = inp.clusters;
  if (!cl.length) throw new Error("cluster vcov: no cluster variable resolved");
  const kk = X.length;
  // K for (N−1)/(N−K)
  let K = k;
  if (ssc.K === "all") K = k + inp.dfFe;
  else if (ssc.K === "nested") {
    let nestedLevels = 0;
    inp.fe.forEach((f, q) => {
      if (cl.some((c) => nestedIn(f, c))) nestedLevels += inp.feLevels[q];
    });
    K = k + Math.max(inp.dfFe - nestedLevels, 0) + (nestedLevels > 0 ? 1 : 0);
  }
  const nAdj = ssc.adjN === "n-1" ? (n - 1) / (n - K) : ssc.adjN === "n" ? n / (n - K) : 1;
  const parts: { f: Factor; sign: number }[] = cl.length === 1 ? [{ f: cl[0], sign: 1 }] : [{ f: cl[0], sign: 1 }, { f: cl[1], sign: 1 }, { f: intersect(cl[0], cl[1]), sign: -1 }];
  const Gmin = Math.min(...cl.map((c) => c.nLevels));
  const meat = new Float64Array(kk * kk);
  for (const p of parts) {
    const G = ssc.clusterDf === "min" ? Gmin : p.f.nLevels;
    const gAdj = ssc.adjG ? G / (G - 1) : 1;
    const m = meatCluster(X, e, p.f);
    for (let i = 0; i < m.length; i++) meat[i] += p.sign * gAdj * m[i];
  }
  const V = sandwich(bread, meat, kk).map((v) => v * nAdj);
  const gAdjLabel = ssc.adjG ? `G/(G−1)${cl.length > 1 ? (ssc.clusterDf === "min" ? " with G_min" : " per component") : ""}` : "";
  const nLabel = ssc.adjN === "n-1" ? `(N−1)/(N−K), K=${K}` : ssc.adjN === "n" ? `N/(N−K), K=${K}` : "";
  const adjLabel = [gAdjLabel, nLabel].filter(Boolean).join(" · ") || "no small-sample factor";
  return {
    V,
    df: ssc.tDf === "G-1" ? Gmin - 1 : ssc.tDf === "N-K" ? n - K : inp.dfResid,
    label: `cluster(${cl.map((c) => c.name).join(", ")}) [${adjLabel}]`,
    nClusters: cl.map((c) => c.nLevels),
    adjustment: nAdj * (ssc.adjG ? Gmin / (Gmin - 1) : 1),
  };
}

/** The periods of a factor in time order: numeric when every level is a number, else as text. */
function periodRanks(f: Factor): Int32Array {
  const nums = f.levels.map(Number);
  const numeric = nums.every((v) => Number.isFinite(v));
  const order = f.levels.map((_, j) => j).sort((a, b) => (numeric ? nums[a] - nums[b] : f.levels[a] < f.levels[b] ? -1 : f.levels[a] > f.levels[b] ? 1 : 0));
  const rank = new Int32Array(f.nLevels);
  order.forEach((lv, r) => (rank[lv] = r));
  return rank;
}

function driscollKraayVcov(spec: Extract<VcovSpec, { type: "dk" }>, inp: VcovInput, preset: Preset): VcovResult {
  const { X, e, bread, n, k } = inp;
  const conv: DkConventions = { ...preset.dk, ...(spec.ssc ?? {}) };
  const tf = inp.clusters[0];
  if (!tf) throw new Error(`Driscoll–Kraay vcov: no period variable "${spec.time}" resolved`);
  const T = tf.nLevels;
  if (T < 2) throw new Error(`Driscoll–Kraay vcov: "${spec.time}" has ${T} period; it needs at least two`);
  const L = spec.lag ?? (conv.lag === "xtscc" ? Math.floor(4 * Math.pow(T / 100, 2 / 9)) : Math.floor(Math.pow(T, 1 / 4)));
  if (L >= T) throw new Error(`Driscoll–Kraay vcov: lag ${L} needs more than ${T} periods`);
  const kk = X.length;
  const rank = periodRanks(tf);
  // h[t] = Σ_{i in period t} x̃_i e_i
  const h = new Float64Array(T * kk);
  for (let j = 0; j < kk; j++) {
    const x = X[j];
    for (let i = 0; i < e.length; i++) h[rank[tf.codes[i]] * kk + j] += x[i] * e[i];
  }
  const meat = new Float64Array(kk * kk);
  for (let lag = 0; lag <= L; lag++) {
    const w = lag === 0 ? 1 : 1 - lag / (L + 1);
    for (let t = lag; t < T; t++)
      for (let a = 0; a < kk; a++) {
        const ha = h[t * kk + a];
        const ga = h[(t - lag) * kk + a];
        for (let b = 0; b < kk; b++) {
          meat[a * kk + b] += lag === 0 ? ha * h[t * kk + b] : w * (ha * h[(t - lag) * kk + b] + ga * h[t * kk + b]);
        }
      }
  }
  let K = k;
  if (conv.K === "all") K = k + inp.dfFe;
  else if (conv.K === "stata" && inp.fe.length) K = k + 1 + Math.max(inp.dfFe - (inp.feLevels[0] ?? 0), 0);
  const adjT = conv.adjT ? T / (T - 1) : 1;
  const adjN = conv.adjN === "n-1" ? (n - 1) / (n - K) : 1;
  const c = adjT * adjN;
  const V = sandwich(bread, meat, kk).map((v) => v * c);
  const parts = [conv.adjT ? "T/(T−1)" : "", conv.adjN === "n-1" ? `(N−1)/(N−K), K=${K}` : ""].filter(Boolean);
  return {
    V,
    df: conv.tDf === "T-1" ? T - 1 : inp.dfResid,
    label: `Driscoll–Kraay(${spec.time}, lag ${L}) [${parts.join(" · ") || "no small-sample factor"}]`,
    nClusters: [T],
    adjustment: c,
  };
}
