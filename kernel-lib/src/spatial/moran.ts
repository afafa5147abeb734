/**
 * Moran's I: global (Cliff–Ord moments under normality and randomisation, as spdep moran.test; seeded
 * permutation test as moran.mc) and local (Anselin's LISA as spdep localmoran, with quadrant classes), plus the
 * Moran scatter plot and a LISA cluster map.
 */
import { Figure, Trace } from "../display/figure";
import { FeatureCollection } from "../geo";
import { Rng } from "../rng";
import { SpatialWeights } from "./weights";
import { normalCdf, normalTwoSided, normalUpper } from "../core/distributions";

export type MoranAlternative = "greater" | "less" | "two.sided";


export function moranPValue(z: number, alternative: MoranAlternative): number {
  if (alternative === "greater") return normalUpper(z);
  if (alternative === "less") return normalCdf(z);
  return normalTwoSided(z);
}

export interface MoranResult {
  I: number;
  expected: number;
  variance_normal: number;
  variance_randomization: number;
  z_normal: number;
  z_randomization: number;
  p_normal: number;
  p_randomization: number;
  alternative: MoranAlternative;
  n: number;
  /** Seeded permutation test (when permutations > 0): pseudo p = (#{I_perm ≥ I} + 1)/(R + 1) for "greater". */
  permutation?: { permutations: number; seed: number; p: number; mean: number; sd: number };
}

export interface MoranOptions {
  /** Default "greater" (spdep moran.test and Stata spatgsa's one-sided test). */
  alternative?: MoranAlternative;
  permutations?: number;
  /** Seed for the permutation test (regionlab's MT19937 generator). */
  seed?: number;
}

function checkX(x: ArrayLike<number>, w: SpatialWeights): void {
  if (x.length !== w.n) throw new Error(`moran: ${x.length} values but the weights matrix has ${w.n} units`);
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new Error(`moran: value ${i + 1} (unit "${w.ids[i]}") is not a finite number`);
}

function moranStat(z: Float64Array, w: SpatialWeights, s0: number, zz: number): number {
  const lz = w.lag(z);
  let num = 0;
  for (let i = 0; i < z.length; i++) num += z[i] * lz[i];
  return (z.length / s0) * (num / zz);
}

/** Global Moran's I with moments under normality and randomisation (Cliff & Ord 1981), as spdep::moran.test. */
export function moranI(x: ArrayLike<number>, w: SpatialWeights, opts: MoranOptions = {}): MoranResult {
  checkX(x, w);
  const n = x.length;
  const alternative = opts.alternative ?? "greater";
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const z = new Float64Array(n);
  let zz = 0, z4 = 0;
  for (let i = 0; i < n; i++) {
    z[i] = x[i] - mean;
    zz += z[i] * z[i];
    z4 += z[i] ** 4;
  }
  if (zz === 0) throw new Error("moran: the variable is constant");
  const { s0, s1, s2 } = w.constants();
  const I = moranStat(z, w, s0, zz);
  const E = -1 / (n - 1);
  const vN = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - E * E;
  const K = (n * z4) / (zz * zz);
  const vR = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - K * (n * (n - 1) * s1 - 2 * n * s2 + 6 * s0 * s0)) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - E * E;
  const zN = (I - E) / Math.sqrt(vN);
  const zR = (I - E) / Math.sqrt(vR);
  const res: MoranResult = { I, expected: E, variance_normal: vN, variance_randomization: vR, z_normal: zN, z_randomization: zR, p_normal: moranPValue(zN, alternative), p_randomization: moranPValue(zR, alternative), alternative, n };
  const R = opts.permutations ?? 0;
  if (R > 0) {
    const rng = new Rng(opts.seed ?? 12345);
    const perm = new Float64Array(n);
    const idx = Array.from({ length: n }, (_, i) => i);
    let ge = 0, le = 0, s = 0, ss = 0;
    for (let r = 0; r < R; r++) {
      rng.shuffle(idx);
      for (let i = 0; i < n; i++) perm[i] = z[idx[i]];
      const Ir = moranStat(perm, w, s0, zz);
      if (Ir >= I) ge++;
      if (Ir <= I) le++;
      s += Ir;
      ss += Ir * Ir;
    }
    const pm = s / R;
    const p = alternative === "greater" ? (ge + 1) / (R + 1) : alternative === "less" ? (le + 1) / (R + 1) : Math.min(1, (2 * (Math.min(ge, le) + 1)) / (R + 1));
    res.permutation = { permutations: R, seed: opts.seed ?? 12345, p, mean: pm, sd: Math.sqrt((ss - R * pm * pm) / (R - 1)) };
  }
  return res;
}

export type Quadrant = "High-High" | "Low-Low" | "Low-High" | "High-Low";

export interface LocalMoranResult {
  ids: string[];
  Ii: Float64Array;
  expected: Float64Array;
  variance: Float64Array;
  z: Float64Array;
  p: Float64Array;
  /** Quadrant of (x, Wx) around their means (spdep's "mean" quadrants): "High-Low" = high x, low lag. */
  quadrant: Quadrant[];
  /** Quadrant by the sign of z and W z (PySAL's convention). */
  quadrantPysal: Quadrant[];
  /** Cluster class at the significance level: the quadrant when p < alpha, else "Not significant". */
  cluster: (Quadrant | "Not significant")[];
  alpha: number;
}

/**
 * Local Moran's I_i = (z_i / m2) Σ_j w_ij z_j with m2 = Σ z²/n, expectation and variance as spdep::localmoran
 * (conditional = TRUE by default, i.e. Sokal et al. 1998 conditional randomisation; mlvar = TRUE).
 */
export function localMoran(x: ArrayLike<number>, w: SpatialWeights, opts: { conditional?: boolean; alternative?: MoranAlternative; alpha?: number } = {}): LocalMoranResult {
  checkX(x, w);
  const n = x.length;
  const conditional = opts.conditional ?? true;
  const alternative = opts.alternative ?? "two.sided";
  const alpha = opts.alpha ?? 0.05;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const z = Float64Array.from(x, (v) => v - mean);
  let m2 = 0, m4 = 0;
  for (const v of z) {
    m2 += v * v;
    m4 += v ** 4;
  }
  m2 /= n;
  m4 /= n;
  const b2 = m4 / (m2 * m2);
  const lz = w.lag(z);
  const Wi = w.rowSums();
  const Wi2 = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) Wi2[i] += w.val[p] ** 2;
  const Ii = new Float64Array(n), E = new Float64Array(n), V = new Float64Array(n), Z = new Float64Array(n), P = new Float64Array(n);
  const A = (n - b2) / (n - 1);
  const B = (2 * b2 - n) / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) {
    Ii[i] = (z[i] / m2) * lz[i];
    if (conditional) {
      E[i] = -(z[i] ** 2 * Wi[i]) / ((n - 1) * m2);
      V[i] = (z[i] / m2) ** 2 * (n / (n - 2)) * (Wi2[i] - Wi[i] ** 2 / (n - 1)) * (m2 - z[i] ** 2 / (n - 1));
    } else {
      E[i] = -Wi[i] / (n - 1);
      V[i] = A * Wi2[i] + B * (Wi[i] ** 2 - Wi2[i]) - E[i] ** 2;
    }
    Z[i] = (Ii[i] - E[i]) / Math.sqrt(V[i]);
    P[i] = moranPValue(Z[i], alternative);
  }
  const lx = w.lag(x);
  let lmean = 0;
  for (const v of lx) lmean += v;
  lmean /= n;
  const cls = (a: boolean, b: boolean): Quadrant => (a ? (b ? "High-High" : "High-Low") : b ? "Low-High" : "Low-Low");
  // spdep cuts at (-Inf, mean] and (mean, Inf): a value equal to the mean is "Low"
  const quadrant = Array.from({ length: n }, (_, i) => cls(x[i] > mean, lx[i] > lmean));
  const quadrantPysal = Array.from({ length: n }, (_, i) => cls(z[i] > 0, lz[i] > 0));
  const cluster = quadrant.map((q, i) => (P[i] < alpha ? q : ("Not significant" as const)));
  return { ids: w.ids.slice(), Ii, expected: E, variance: V, z: Z, p: P, quadrant, quadrantPysal, cluster, alpha };
}

/** Moran scatter plot: standardised x against its spatial lag, with the fitted line whose slope is Moran's I. */
export function moranScatterPlot(x: ArrayLike<number>, w: SpatialWeights, opts: { title?: string; xLabel?: string } = {}): Figure {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let sd = 0;
  for (let i = 0; i < n; i++) sd += (x[i] - mean) ** 2;
  sd = Math.sqrt(sd / n);
  const z = Float64Array.from(x, (v) => (v - mean) / sd);
  const lz = w.lag(z);
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += z[i] * lz[i];
    sxx += z[i] * z[i];
  }
  const slope = sxy / sxx;
  let lo = Infinity, hi = -Infinity;
  for (const v of z) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const label = opts.xLabel ?? "x";
  const traces: Trace[] = [
    { type: "scatter", mode: "markers", name: "units", x: Array.from(z), y: Array.from(lz), text: w.ids, hovertemplate: "%{text}<extra></extra>", marker: { size: 7, color: "#1f77b4" } },
    { type: "scatter", mode: "lines", name: `slope ${slope.toFixed(4)}`, x: [lo, hi], y: [slope * lo, slope * hi], line: { color: "#d62728" } },
  ];
  return {
    data: traces,
    layout: { title: opts.title ?? `Moran scatter plot (I = ${moranI(x, w).I.toFixed(4)})`, xaxis: { title: `standardised ${label}`, zeroline: true }, yaxis: { title: `spatial lag of ${label}`, zeroline: true } },
  } as Figure;
}

const CLUSTER_COLORS: Record<string, string> = { "High-High": "#d7191c", "Low-Low": "#2c7bb6", "Low-High": "#abd9e9", "High-Low": "#fdae61", "Not significant": "#eeeeee" };

/**
 * LISA cluster map: each polygon filled by its cluster class (features matched to the weights' ids through
 * `idOf`, default feature.id / properties.adcode / properties.name).
 */
export function lisaClusterMap(fc: FeatureCollection, lisa: LocalMoranResult, opts: { title?: string; idOf?: (f: FeatureCollection["features"][number]) => string } = {}): Figure {
  const idOf = opts.idOf ?? ((f) => String((f as { id?: unknown }).id ?? f.properties?.adcode ?? f.properties?.name));
  const cls = new Map(lisa.ids.map((id, i) => [id, lisa.cluster[i]]));
  const traces: Trace[] = [];
  const shown = new Set<string>();
  for (const f of fc.features) {
    const c = cls.get(idOf(f));
    if (c === undefined) continue;
    const g = f.geometry as { type: string; coordinates: unknown };
    const polys = g.type === "Polygon" ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
    for (const poly of polys) {
      const ring = poly[0];
      traces.push({
        type: "scatter", mode: "lines", fill: "toself", fillcolor: CLUSTER_COLORS[c], line: { color: "#555", width: 0.5 },
        x: ring.map((p) => p[0]), y: ring.map((p) => p[1]), name: c, showlegend: !shown.has(c), hoverinfo: "text", text: idOf(f),
      });
      shown.add(c);
    }
  }
  return { data: traces, layout: { title: opts.title ?? `LISA cluster map (p < ${lisa.alpha})`, xaxis: { visible: false }, yaxis: { visible: false, scaleanchor: "x" } } } as Figure;
}
