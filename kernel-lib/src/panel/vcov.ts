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

export type VcovSpec =
  | { type: "iid" }
  | { type: "hetero"; hc: HcType }
  | { type: "cluster"; by: string[]; ssc?: Partial<Ssc> };

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

/** "iid", "hc0".."hc3", "hetero"/"robust" (= hc1) or "cluster" (needs cluster names). */
export function parseVcov(v: VcovSpec | string | undefined, clusterBy?: string[]): VcovSpec | undefined {
  if (v === undefined || typeof v !== "string") return v;
  const s = v.toLowerCase();
  if (s === "iid" || s === "classical" || s === "const") return iid();
  if (s === "hetero" || s === "robust" || s === "hc1") return hetero("hc1");
  if (s === "hc0" || s === "hc2" || s === "hc3") return hetero(s);
  if (s === "cluster" || s === "cl") {
    if (!clusterBy?.length) throw new Error(`vcov "cluster" needs a cluster variable`);
    return cluster(clusterBy);
  }
  throw new Error(`unknown vcov "${v}" (iid, hc0, hc1, hc2, hc3, cluster)`);
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
