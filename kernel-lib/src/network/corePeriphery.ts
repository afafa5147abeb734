/**
 * Core–periphery models of Borgatti & Everett (1999, Social Networks 21: 375–395), as UCINET offers them.
 *
 * Continuous model: each node has a coreness c_i and the ideal pattern is Δ_ij = c_i c_j (i ≠ j).
 * - `method: "minres"` (default): least squares, minimise Σ_{i≠j} (a_ij − c_i c_j)² (MINRES, the diagonal
 *   ignored), by exact coordinate descent c_i ← Σ_{j≠i} a_ij c_j / Σ_{j≠i} c_j², which never increases the loss.
 * - `method: "corr"`: maximise the Pearson correlation ρ(a_ij, c_i c_j) over ordered pairs i ≠ j (the fit
 *   UCINET prints), by gradient ascent started from the MINRES solution.
 * For a directed matrix both criteria depend on A only through its symmetric part (A + Aᵀ)/2, so the fit to
 * the directed network is exactly the fit to its symmetrised version.
 * Scaling: UCINET's printed coreness scaling is not documented in the paper; `scale: "unit"` (default) gives
 * Σ c_i² = 1, `"max"` max c = 1, `"raw"` the MINRES scale (c_i c_j ≈ a_ij). The paper's classes
 * (1, 0.1], (0.1, 0.01], (0.01, 0] depend on this choice.
 *
 * Discrete model: a core set C; pattern δ_ij = 1 when both i, j ∈ C, 0 when both in the periphery; the
 * core–periphery blocks are ignored (UCINET's default "missing"), or set to 1 or 0 with `cpBlocks`. We
 * maximise ρ(a_ij, δ_ij) by scanning the top-k nodes by coreness and then single-node flips until none helps.
 */
import { NetGraph, adjacencyMatrix } from "./graph";

export interface ContinuousOptions {
  method?: "minres" | "corr";
  scale?: "unit" | "max" | "raw";
  /** Use 0/1 ties instead of weights. */
  binary?: boolean;
  maxIter?: number;
  tol?: number;
}

export interface ContinuousResult {
  coreness: Float64Array;
  /** ρ(a_ij, c_i c_j) over ordered pairs i ≠ j of the (directed) matrix. */
  correlation: number;
  /** Σ_{i≠j} (a_ij − c_i c_j)² at the MINRES scale. */
  loss: number;
  iterations: number;
  /** False when the sweeps stopped at maxIter before the step met tol (the coreness is the last sweep's). */
  converged: boolean;
  /** The last MINRES sweep's step, relative to the coreness vector's norm (tol is what it had to reach). */
  lastStep: number;
  method: "minres" | "corr";
  scale: "unit" | "max" | "raw";
}

/** The (optionally binarised) weight matrix A and its symmetric part S = (A + Aᵀ)/2. */
function matrices(g: NetGraph, binary: boolean): { A: Float64Array[]; S: Float64Array[] } {
  const A = adjacencyMatrix(g);
  const n = g.n;
  if (binary) for (const row of A) for (let j = 0; j < n; j++) row[j] = row[j] > 0 ? 1 : 0;
  const S = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) S[i][j] = (A[i][j] + A[j][i]) / 2;
  return { A, S };
}

/** ρ(a_ij, c_i c_j) over ordered pairs i ≠ j of the matrix as given (directed: the asymmetric A). */
export function continuousFit(A: Float64Array[], c: ArrayLike<number>): number {
  const n = A.length;
  let sa = 0, saa = 0, sx = 0, sxx = 0, sax = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    const a = A[i][j];
    const x = c[i] * c[j];
    sa += a; saa += a * a; sx += x; sxx += x * x; sax += a * x;
  }
  const N = n * (n - 1);
  const cov = sax - (sa * sx) / N;
  const va = saa - (sa * sa) / N;
  const vx = sxx - (sx * sx) / N;
  return va > 0 && vx > 0 ? cov / Math.sqrt(va * vx) : NaN;
}

function minres(S: Float64Array[], maxIter: number, tol: number): { c: Float64Array; iterations: number; converged: boolean; lastStep: number } {
  const n = S.length;
  const c = new Float64Array(n);
  let tot = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) c[i] += S[i][j];
    tot += c[i];
  }
  if (tot <= 0) return { c, iterations: 0, converged: true, lastStep: 0 };
  // start: a_ij ≈ c_i c_j gives row sum_i ≈ c_i Σc and total ≈ (Σc)², so c_i ≈ row sum_i / √total
  const s0 = 1 / Math.sqrt(tot);
  for (let i = 0; i < n; i++) c[i] = c[i] * s0 + 1e-12;
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += c[i] * c[i];
  // S's off-diagonal non-zeros by row, in column order (flow networks are sparse): a zero term adds ±0 to a sum
  // that starts at +0 and so can never be −0, which leaves the sum bit for bit what the dense loop gives
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let j = 0; j < n; j++) if (j !== i && S[i][j] !== 0) k++;
    ptr[i + 1] = ptr[i] + k;
  }
  const col = new Int32Array(ptr[n]), val = new Float64Array(ptr[n]);
  for (let i = 0, k = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i && S[i][j] !== 0) { col[k] = j; val[k++] = S[i][j]; }
  let it = 0;
  let lastStep = Infinity;
  let converged = false;
  for (; it < maxIter; it++) {
    let change = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let num = 0;
      for (let k = ptr[i]; k < ptr[i + 1]; k++) num += val[k] * c[col[k]];
      const den = sumSq - c[i] * c[i];
      const v = den > 0 ? num / den : 0;
      sumSq += v * v - c[i] * c[i];
      change += (v - c[i]) ** 2;
      norm += v * v;
      c[i] = v;
    }
    lastStep = Math.sqrt(change) / Math.max(1e-300, Math.sqrt(norm));
    if (Math.sqrt(change) <= tol * Math.max(1e-300, Math.sqrt(norm))) {
      it++;
      converged = true;
      break;
    }
  }
  return { c, iterations: it, converged, lastStep };
}

function corrAscent(S: Float64Array[], c0: Float64Array, maxIter: number, tol: number): { c: Float64Array; iterations: number; converged: boolean } {
  const n = S.length;
  const N = n * (n - 1);
  let sa = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sa += S[i][j];
  const abar = sa / N;
  let c = Float64Array.from(c0);
  const stats = (v: Float64Array) => {
    let s1 = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) {
      s1 += v[i]; s2 += v[i] * v[i]; s4 += v[i] ** 4;
    }
    let sax = 0;
    const Sc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) if (j !== i) t += (S[i][j] - abar) * v[j];
      Sc[i] = t;
      sax += v[i] * t;
    }
    const sx = s1 * s1 - s2;
    const sxx = s2 * s2 - s4 - (sx * sx) / N;
    return { s1, s2, sax, sx, sxx, Sc, rho: sxx > 0 ? sax / Math.sqrt(sxx) : -Infinity };
  };
  let st = stats(c);
  let step = 1;
  let it = 0;
  for (; it < maxIter; it++) {
    // gradient of log ρ (up to the constant var(a)): ∂S_ax/S_ax − ½ ∂S_xx/S_xx
    const g = new Float64Array(n);
    let gn = 0;
    for (let k = 0; k < n; k++) {
      const dSax = 2 * st.Sc[k];
      const dSx = 2 * (st.s1 - c[k]);
      const dSx2 = 4 * c[k] * (st.s2 - c[k] * c[k]);
      const dSxx = dSx2 - (2 * st.sx * dSx) / N;
      g[k] = st.rho * (dSax / st.sax - (0.5 * dSxx) / st.sxx);
      gn += g[k] * g[k];
    }
    gn = Math.sqrt(gn);
    if (!(gn > 0)) break;
    let cn = 0;
    for (let k = 0; k < n; k++) cn += c[k] * c[k];
    cn = Math.sqrt(cn);
    let accepted = false;
    while (step > 1e-14) {
      const trial = new Float64Array(n);
      for (let k = 0; k < n; k++) trial[k] = c[k] + ((step * cn) / gn) * g[k];
      const ts = stats(trial);
      if (ts.rho > st.rho) {
        const gain = ts.rho - st.rho;
        c = trial;
        st = ts;
        step *= 1.5;
        accepted = true;
        if (gain < tol) return { c, iterations: it + 1, converged: true };
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
  }
  // Stopped with no ascent step left (a maximum) or at maxIter.
  return { c, iterations: it, converged: it < maxIter };
}

export function continuousCorePeriphery(g: NetGraph, opts: ContinuousOptions = {}): ContinuousResult {
  const method = opts.method ?? "minres";
  const scale = opts.scale ?? "unit";
  const { A, S } = matrices(g, opts.binary ?? false);
  const n = g.n;
  const m = minres(S, opts.maxIter ?? 10000, opts.tol ?? 1e-12);
  let c = m.c;
  let iterations = m.iterations;
  let converged = m.converged;
  if (method === "corr" && n > 2) {
    const r = corrAscent(S, c, opts.maxIter ?? 10000, opts.tol ?? 1e-13);
    c = r.c;
    iterations += r.iterations;
    converged = r.converged;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += c[i];
  if (sum < 0) for (let i = 0; i < n; i++) c[i] = -c[i];
  let loss = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) loss += (S[i][j] - c[i] * c[j]) ** 2;
  const out = Float64Array.from(c);
  if (scale === "unit") {
    const norm = Math.sqrt(out.reduce((a, v) => a + v * v, 0));
    if (norm > 0) for (let i = 0; i < n; i++) out[i] /= norm;
  } else if (scale === "max") {
    const mx = Math.max(...out);
    if (mx > 0) for (let i = 0; i < n; i++) out[i] /= mx;
  }
  return { coreness: out, correlation: continuousFit(A, out), loss, iterations, converged, lastStep: m.lastStep, method, scale };
}

export type CorenessClass = "core" | "semi-periphery" | "periphery";

/**
 * The paper's classes, printed as (1, 0.1], (0.1, 0.01], (0.01, 0]: core c ≥ 0.1, semi-periphery
 * 0.01 ≤ c < 0.1, periphery c < 0.01 (the text's "核心度一直低于0.1…属于非核心城市" puts 0.1 in the core).
 */
export function corenessClasses(coreness: ArrayLike<number>, thresholds: { core?: number; semi?: number } = {}): CorenessClass[] {
  const core = thresholds.core ?? 0.1;
  const semi = thresholds.semi ?? 0.01;
  return Array.from(coreness, (c) => (c >= core ? "core" : c >= semi ? "semi-periphery" : "periphery"));
}

/** Gini = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) (the paper's coreness Gini; population form, no n/(n−1) correction). */
export function gini(xs: ArrayLike<number>): number {
  const v = Float64Array.from(xs).sort();
  const n = v.length;
  if (n === 0) return NaN;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    if (v[i] < 0) throw new RangeError("gini: values must be ≥ 0");
    sum += v[i];
    weighted += (2 * (i + 1) - n - 1) * v[i];
  }
  return sum > 0 ? weighted / (n * sum) : 0;
}

export interface DiscreteResult {
  core: boolean[];
  correlation: number;
  cpBlocks: "ignore" | "one" | "zero";
}

/** ρ between a_ij (i ≠ j) and the discrete pattern for a given core set. */
export function discreteFit(A: Float64Array[], core: ArrayLike<boolean>, cpBlocks: "ignore" | "one" | "zero" = "ignore"): number {
  const n = A.length;
  let N = 0, sa = 0, saa = 0, sd = 0, sad = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    let d: number;
    if (core[i] && core[j]) d = 1;
    else if (!core[i] && !core[j]) d = 0;
    else if (cpBlocks === "ignore") continue;
    else d = cpBlocks === "one" ? 1 : 0;
    const a = A[i][j];
    N++; sa += a; saa += a * a; sd += d; sad += a * d;
  }
  if (N === 0) return NaN;
  const cov = sad - (sa * sd) / N;
  const va = saa - (sa * sa) / N;
  const vd = sd - (sd * sd) / N;
  return va > 0 && vd > 0 ? cov / Math.sqrt(va * vd) : NaN;
}

export function discreteCorePeriphery(g: NetGraph, opts: { cpBlocks?: "ignore" | "one" | "zero"; binary?: boolean } = {}): DiscreteResult {
  const cp = opts.cpBlocks ?? "ignore";
  const A = adjacencyMatrix(g);
  const n = g.n;
  if (opts.binary) for (const row of A) for (let j = 0; j < n; j++) row[j] = row[j] > 0 ? 1 : 0;
  const score = (core: boolean[]) => {
    const r = discreteFit(A, core, cp);
    return Number.isNaN(r) ? -Infinity : r;
  };
  const order = Array.from(continuousCorePeriphery(g, { binary: opts.binary }).coreness)
    .map((c, i) => [c, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
  let best: boolean[] = new Array(n).fill(false);
  let bestR = -Infinity;
  const cur: boolean[] = new Array(n).fill(false);
  for (let k = 1; k < n; k++) {
    cur[order[k - 1]] = true;
    const r = score(cur);
    if (r > bestR) {
      bestR = r;
      best = cur.slice();
    }
  }
  let improved = true;
  while (improved) {
    improved = false;
    for (let v = 0; v < n; v++) {
      best[v] = !best[v];
      const r = score(best);
      if (r > bestR + 1e-12) {
        bestR = r;
        improved = true;
      } else best[v] = !best[v];
    }
  }
  return { core: best, correlation: bestR, cpBlocks: cp };
}

/**
 * "核心—外围关联度基尼指数" is undefined in the paper; three documented readings:
 * - "node" (default): across non-core nodes, the Gini of each node's total tie weight (both directions) with core nodes;
 * - "edge": the Gini of the weights on edges between core and non-core nodes;
 * - "block": the Gini of the 3×3 block densities (weight / possible ordered pairs) of the class image matrix.
 */
export function corePeripheryLinkageGini(g: NetGraph, classes: readonly CorenessClass[], variant: "node" | "edge" | "block" = "node"): number {
  const isCore = classes.map((c) => c === "core");
  if (variant === "node") {
    const vals: number[] = [];
    for (let i = 0; i < g.n; i++) {
      if (isCore[i]) continue;
      let s = 0;
      for (let p = g.outPtr[i]; p < g.outPtr[i + 1]; p++) if (isCore[g.outIdx[p]]) s += g.outW[p];
      if (g.directed) for (let p = g.inPtr[i]; p < g.inPtr[i + 1]; p++) if (isCore[g.inIdx[p]]) s += g.inW[p];
      vals.push(s);
    }
    return gini(vals);
  }
  if (variant === "edge") {
    const vals: number[] = [];
    for (let i = 0; i < g.n; i++) for (let p = g.outPtr[i]; p < g.outPtr[i + 1]; p++) {
      const j = g.outIdx[p];
      if (isCore[i] !== isCore[j] && (g.directed || i < j)) vals.push(g.outW[p]);
    }
    return gini(vals);
  }
  const K: CorenessClass[] = ["core", "semi-periphery", "periphery"];
  const size = K.map((k) => classes.filter((c) => c === k).length);
  const w = K.map(() => [0, 0, 0]);
  for (let i = 0; i < g.n; i++) for (let p = g.outPtr[i]; p < g.outPtr[i + 1]; p++) w[K.indexOf(classes[i])][K.indexOf(classes[g.outIdx[p]])] += g.outW[p];
  const dens: number[] = [];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
    const pairs = a === b ? size[a] * (size[a] - 1) : size[a] * size[b];
    if (pairs > 0) dens.push(w[a][b] / pairs);
  }
  return gini(dens);
}
