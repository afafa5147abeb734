/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2; Lundberg et al. 2020) as xgboost
 * implements it for `predict(..., pred_contribs=True)`, and SHAP interaction values as `pred_interactions=True`
 * computes them (conditioning each feature on and off). The node "cover" is the training hessian sum
 * (`sum_hessian`), the expected value of a tree is the cover-weighted mean of its leaves, and the bias column
 * (last) holds the base score plus the trees' expected values. Arithmetic is float64 (xgboost uses float32;
 * differences are of the order of 1e-6 relative to the prediction scale).
 *
 * `shapValues` reads each leaf's contributions from a table over the patterns of hot and cold features on its
 * path (shapPatterns.ts, O(T·L·D) per row); trees whose tables would not fit the budget, and the interaction
 * values, run the standard algorithm below: the trees flattened into one set of typed arrays (children as
 * absolute node ids, each child's cover as a fraction of its parent's computed once), the paths in one
 * preallocated buffer. Rows are spread over worker threads in blocks (core/parallel): every row is computed by
 * the same code whichever thread takes it, so the values are bit-identical for any number of threads.
 */
import { parallelMap, ParallelTask, resolveThreads } from "../core/parallel";
import { GbdtModel } from "./model";
import { DEFAULT_TABLE_BUDGET, PatternForest } from "./shapPatterns";
import { GbdtTree, treeDepth } from "./tree";

/** Every tree of a model in flat arrays over all nodes (tree k's root is node roots[k]). */
interface FlatForest {
  roots: Int32Array;
  /** Cover-weighted mean of each tree's leaves (its expected value). */
  rootMeans: Float64Array;
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  /** Split threshold of an internal node (x < threshold goes left); the value of a leaf. */
  threshold: Float32Array;
  /** cover(node) / cover(parent): the share of the parent's training rows that reach the node. */
  coverShare: Float64Array;
  maxDepth: number;
}

/** Per-tree precomputation: cover-weighted mean value of every node. */
function nodeMeans(t: GbdtTree): Float64Array {
  const mv = new Float64Array(t.left.length);
  const fill = (nid: number): number => {
    let r: number;
    if (t.left[nid] < 0) r = t.threshold[nid];
    else {
      const l = t.left[nid];
      const rr = t.right[nid];
      r = (fill(l) * t.sumHess[l] + fill(rr) * t.sumHess[rr]) / t.sumHess[nid];
    }
    mv[nid] = r;
    return r;
  };
  fill(0);
  return mv;
}

function flatten(trees: readonly GbdtTree[]): FlatForest {
  const total = trees.reduce((s, t) => s + t.left.length, 0);
  const f: FlatForest = {
    roots: new Int32Array(trees.length),
    rootMeans: new Float64Array(trees.length),
    left: new Int32Array(total),
    right: new Int32Array(total),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    coverShare: new Float64Array(total),
    maxDepth: 0,
  };
  let o = 0;
  trees.forEach((t, k) => {
    f.roots[k] = o;
    f.rootMeans[k] = nodeMeans(t)[0];
    f.maxDepth = Math.max(f.maxDepth, treeDepth(t));
    for (let i = 0; i < t.left.length; i++) {
      const leaf = t.left[i] < 0;
      f.left[o + i] = leaf ? -1 : o + t.left[i];
      f.right[o + i] = leaf ? -1 : o + t.right[i];
      f.feature[o + i] = t.feature[i];
      f.threshold[o + i] = t.threshold[i];
      if (!leaf) {
        f.coverShare[o + t.left[i]] = t.sumHess[t.left[i]] / t.sumHess[i];
        f.coverShare[o + t.right[i]] = t.sumHess[t.right[i]] / t.sumHess[i];
      }
    }
    o += t.left.length;
  });
  return f;
}

/**
 * TreeSHAP over a flat forest with preallocated path storage, laid out as xgboost's unique_path_data (each
 * recursion level copies its parent's path to the next free slots). The ratio tables replace the divisions
 * by (d + 1), (i + 1) and (d − i) with multiplications: R[d][i] = (d+1)/(i+1), S[d][i] = (d−i)/(d+1),
 * T[d][i] = (d+1)/(d−i), U[d] = 1/(d+1). A path element's "one" fraction is always 0 or 1 here (the hot
 * child passes on 1 or an earlier element's one, the cold child 0), which the leaf sums use.
 */
class ForestShap {
  private readonly pathFeat: Int32Array;
  private readonly pathZero: Float64Array;
  private readonly pathOne: Float64Array;
  private readonly pw: Float64Array;
  private readonly W: number;
  private readonly R: Float64Array;
  private readonly S: Float64Array;
  private readonly T: Float64Array;
  private readonly U: Float64Array;
  private readonly xf: Float32Array;
  private readonly phi: Float64Array;
  /** splits[t·nf + j] = 1 when tree t splits on feature j. */
  private readonly splits: Uint8Array;

  constructor(
    private readonly f: FlatForest,
    private readonly nf: number,
    private readonly baseScore: number,
  ) {
    const maxd = f.maxDepth + 2;
    const size = (maxd * (maxd + 1)) / 2 + maxd + 2;
    this.pathFeat = new Int32Array(size);
    this.pathZero = new Float64Array(size);
    this.pathOne = new Float64Array(size);
    this.pw = new Float64Array(size);
    const W = (this.W = maxd + 2);
    this.R = new Float64Array(W * W);
    this.S = new Float64Array(W * W);
    this.T = new Float64Array(W * W);
    this.U = new Float64Array(W);
    for (let d = 0; d < W; d++) {
      this.U[d] = 1 / (d + 1);
      for (let i = 0; i < d; i++) {
        this.R[d * W + i] = (d + 1) / (i + 1);
        this.S[d * W + i] = (d - i) / (d + 1);
        this.T[d * W + i] = (d + 1) / (d - i);
      }
    }
    this.xf = new Float32Array(nf);
    this.phi = new Float64Array(nf + 1);
    this.splits = new Uint8Array(f.roots.length * nf);
    for (let t = 0; t < f.roots.length; t++) {
      const end = t + 1 < f.roots.length ? f.roots[t + 1] : f.left.length;
      for (let i = f.roots[t]; i < end; i++) if (f.left[i] >= 0) this.splits[t * nf + f.feature[i]] = 1;
    }
  }

  private extendPath(o: number, depth: number, zero: number, one: number, fi: number): void {
    const pw = this.pw;
    this.pathFeat[o + depth] = fi;
    this.pathZero[o + depth] = zero;
    this.pathOne[o + depth] = one;
    pw[o + depth] = depth === 0 ? 1 : 0;
    const u = this.U[depth];
    for (let i = depth - 1; i >= 0; i--) {
      const p = pw[o + i];
      pw[o + i + 1] += one * p * (i + 1) * u;
      pw[o + i] = zero * p * (depth - i) * u;
    }
  }

  private unwindPath(o: number, depth: number, pathIndex: number): void {
    const { pathFeat: feat, pathZero: Z, pathOne: O, pw } = this;
    const one = O[o + pathIndex];
    const zero = Z[o + pathIndex];
    let next = pw[o + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = pw[o + i];
        pw[o + i] = (next * (depth + 1)) / ((i + 1) * one);
        next = tmp - (pw[o + i] * zero * (depth - i)) / (depth + 1);
      } else {
        pw[o + i] = (pw[o + i] * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = pathIndex; i < depth; i++) {
      feat[o + i] = feat[o + i + 1];
      Z[o + i] = Z[o + i + 1];
      O[o + i] = O[o + i + 1];
    }
  }

  /**
   * A leaf's contributions: each path element's weight is xgboost's UnwoundPathSum. For the elements whose
   * one fraction is 0 that sum is Σ_i pw[i]·T[d][i] / zero, with the same Σ for all of them, so it is formed
   * once per leaf instead of once per element.
   */
  private leaf(o: number, depth: number, v: number): void {
    const { pathFeat: feat, pathZero: Z, pathOne: O, pw, phi } = this;
    const base = depth * this.W;
    const R = this.R;
    const S = this.S;
    const T = this.T;
    let coldSum = 0;
    for (let i = depth - 1; i >= 0; i--) coldSum += pw[o + i] * T[base + i];
    const top = pw[o + depth];
    for (let e = 1; e <= depth; e++) {
      const zero = Z[o + e];
      let w = 0;
      if (O[o + e] !== 0) {
        let next = top;
        for (let i = depth - 1; i >= 0; i--) {
          const tmp = next * R[base + i];
          w += tmp;
          next = pw[o + i] - tmp * zero * S[base + i];
        }
        phi[feat[o + e]] += w * (1 - zero) * v;
      } else if (zero !== 0) {
        w = coldSum / zero;
        phi[feat[o + e]] -= w * zero * v;
      }
    }
  }

  /** xgboost's RegTree::TreeShap on node `nid`; `cond` 0, +1 (feature on) or −1 (off). */
  private recurse(nid: number, depth: number, parentOff: number, parentZero: number, parentOne: number, parentFeature: number, cond: number, condFeature: number, condFraction: number): void {
    if (condFraction === 0) return;
    const { pathFeat: feat, pathZero: Z, pathOne: O, pw } = this;
    const o = parentOff + depth + 1;
    for (let i = 0; i <= depth; i++) {
      feat[o + i] = feat[parentOff + i];
      Z[o + i] = Z[parentOff + i];
      O[o + i] = O[parentOff + i];
      pw[o + i] = pw[parentOff + i];
    }
    if (cond === 0 || condFeature !== parentFeature) this.extendPath(o, depth, parentZero, parentOne, parentFeature);
    const f = this.f;
    const left = f.left[nid];
    if (left < 0) {
      this.leaf(o, depth, f.threshold[nid] * condFraction);
      return;
    }
    const right = f.right[nid];
    const split = f.feature[nid];
    const hot = this.xf[split] < f.threshold[nid] ? left : right;
    const cold = hot === left ? right : left;
    const hotZero = f.coverShare[hot];
    const coldZero = f.coverShare[cold];
    let incomingZero = 1;
    let incomingOne = 1;
    let pi = 0;
    for (; pi <= depth; pi++) if (feat[o + pi] === split) break;
    if (pi !== depth + 1) {
      incomingZero = Z[o + pi];
      incomingOne = O[o + pi];
      this.unwindPath(o, depth, pi);
      depth -= 1;
    }
    let hotCond = condFraction;
    let coldCond = condFraction;
    if (cond > 0 && split === condFeature) {
      coldCond = 0;
      depth -= 1;
    } else if (cond < 0 && split === condFeature) {
      hotCond *= hotZero;
      coldCond *= coldZero;
      depth -= 1;
    }
    this.recurse(hot, depth + 1, o, hotZero * incomingZero, incomingOne, split, cond, condFeature, hotCond);
    this.recurse(cold, depth + 1, o, coldZero * incomingZero, 0, split, cond, condFeature, coldCond);
  }

  /**
   * Contributions of row x (p + 1 values, bias last) into out[at …], conditioned as `cond` says. With `perTree`
   * (trees × (p + 1)), the unconditioned pass stores each tree's contributions there and a conditioned pass of the
   * same row takes them for every tree that does not split on `condFeature`: conditioning on a feature a tree never
   * splits on runs the same operations on the same numbers in it (the bias term aside, 0 when conditioned), so the
   * sums, formed in the same order, are bit for bit those of the full pass.
   */
  row(x: ArrayLike<number>, out: Float64Array, at: number, cond: number, condFeature: number, perTree?: Float64Array): void {
    const { f, nf, phi, splits } = this;
    const m = nf + 1;
    for (let j = 0; j < nf; j++) this.xf[j] = x[j];
    for (let k = 0; k <= nf; k++) out[at + k] = 0;
    for (let t = 0; t < f.roots.length; t++) {
      if (perTree && cond !== 0 && !splits[t * nf + condFeature]) {
        for (let k = 0; k < nf; k++) out[at + k] += perTree[t * m + k];
        out[at + nf] += 0;
        continue;
      }
      phi.fill(0);
      if (cond === 0) phi[nf] += f.rootMeans[t];
      this.tree(t, cond, condFeature);
      if (perTree && cond === 0) perTree.set(phi, t * m);
      for (let k = 0; k <= nf; k++) out[at + k] += phi[k];
    }
    out[at + nf] += this.baseScore;
  }

  /** Tree t's unconditioned contributions (bias excluded) of the float32 row xf[xo …] added into out[at …]. */
  addTree(t: number, xf: Float32Array, xo: number, out: Float64Array, at: number): void {
    const { nf, phi } = this;
    for (let j = 0; j < nf; j++) this.xf[j] = xf[xo + j];
    phi.fill(0);
    this.tree(t, 0, 0);
    for (let k = 0; k < nf; k++) out[at + k] += phi[k];
  }

  private tree(t: number, cond: number, condFeature: number): void {
    // Root: parent path offset 0, depth 0, parent feature −1.
    this.recurse(this.f.roots[t], 0, 0, 1, 1, -1, cond, condFeature, 1);
  }
}

/** Rows per work item on the threads: enough work to amortise a message, small enough to balance. */
const ROWS_PER_BLOCK = 16;

interface ShapPayload {
  trees: GbdtTree[];
  nf: number;
  baseScore: number;
  /** Rows, row-major, nRows × nf. */
  X: Float64Array;
  nRows: number;
  tableBudget: number;
}

/**
 * Worker factory (core/parallel): item b is the SHAP values of rows 16b … 16b + 15, row-major. Trees are the
 * outer loop so that one tree's pattern table stays in cache for the block's rows; a tree without a table
 * (deeper than the table budget allows) runs the standard algorithm.
 */
export function makeShapBlocks(p: ShapPayload): (b: number) => Float64Array {
  const flat = flatten(p.trees);
  const patterns = new PatternForest(p.trees, p.tableBudget);
  const standard = new ForestShap(flat, p.nf, p.baseScore);
  const m = p.nf + 1;
  const nTrees = p.trees.length;
  const xf = Float32Array.from(p.X);
  return (b) => {
    const r0 = b * ROWS_PER_BLOCK;
    const r1 = Math.min(p.nRows, r0 + ROWS_PER_BLOCK);
    const out = new Float64Array((r1 - r0) * m);
    for (let t = 0; t < nTrees; t++) {
      if (patterns.tabled[t]) patterns.addTree(t, xf, p.nf, r0, r1, out, m);
      else for (let r = r0; r < r1; r++) standard.addTree(t, xf, r * p.nf, out, (r - r0) * m);
      for (let r = r0; r < r1; r++) out[(r - r0) * m + p.nf] += flat.rootMeans[t];
    }
    for (let r = r0; r < r1; r++) out[(r - r0) * m + p.nf] += p.baseScore;
    return out;
  };
}

const shapTask: ParallelTask<ShapPayload, Float64Array> = { module: "gbdt/shap", name: "makeShapBlocks", make: makeShapBlocks };

export interface ShapOptions {
  /** Threads in all (default: the cores; REGIONLAB_THREADS overrides). The values do not depend on it. */
  threads?: number;
  /**
   * Float64 entries allowed for the per-leaf pattern tables (default 2^23, 64 MB per thread); trees past it, in
   * model order, run the standard O(T·L·D²) algorithm; 0 runs it everywhere. The values agree to rounding.
   */
  tableBudget?: number;
}

function rowMatrix(X: readonly ArrayLike<number>[], nf: number): Float64Array {
  const flat = new Float64Array(X.length * nf);
  X.forEach((x, i) => {
    if (x.length < nf) throw new RangeError(`gbdt shap: row ${i + 1} has ${x.length} values, the model ${nf} features`);
    for (let j = 0; j < nf; j++) flat[i * nf + j] = x[j];
  });
  return flat;
}

/**
 * SHAP values, n × (p + 1): column j is feature j's contribution, the last column the bias (expected value).
 * Each row sums to the prediction (xgboost `pred_contribs=True`).
 */
export function shapValues(model: GbdtModel, X: readonly ArrayLike<number>[], opts: ShapOptions = {}): number[][] {
  const nf = model.featureNames.length;
  const m = nf + 1;
  const tableBudget = opts.tableBudget ?? DEFAULT_TABLE_BUDGET;
  if (!(tableBudget >= 0)) throw new RangeError(`gbdt shap: tableBudget must be >= 0, got ${tableBudget}`);
  const payload: ShapPayload = { trees: model.trees, nf, baseScore: model.baseScore, X: rowMatrix(X, nf), nRows: X.length, tableBudget };
  const blocks = parallelMap(shapTask, payload, Math.ceil(X.length / ROWS_PER_BLOCK), { threads: resolveThreads(opts.threads, "shapValues"), minPerThread: 8 });
  const out: number[][] = [];
  for (const b of blocks) for (let r = 0; r < b.length; r += m) out.push(Array.from(b.subarray(r, r + m)));
  return out;
}

/** Expected value of the model output over the training distribution (the bias column of shapValues). */
export function expectedValue(model: GbdtModel): number {
  let s = model.baseScore;
  for (const t of model.trees) s += nodeMeans(t)[0];
  return s;
}

/**
 * SHAP interaction values, n × (p + 1) × (p + 1) (xgboost `pred_interactions=True`): off-diagonal (i, k) is
 * half the difference of k's contribution with i conditioned on and off; the diagonal holds the rest of the
 * main effect, so each row i sums to the SHAP value of feature i; the bias sits at [p][p]. `reuseUnsplitTrees:
 * false` runs every tree in every conditioned pass (the same numbers, slower; for tests).
 */
export function shapInteractionValues(model: GbdtModel, X: readonly ArrayLike<number>[], opts: { reuseUnsplitTrees?: boolean } = {}): number[][][] {
  const nf = model.featureNames.length;
  const shap = new ForestShap(flatten(model.trees), nf, model.baseScore);
  const m = nf + 1;
  const diag = new Float64Array(m);
  const on = new Float64Array(m);
  const off = new Float64Array(m);
  // a conditioned pass reuses the plain pass's values of the trees that never split on the feature (same bits)
  const perTree = opts.reuseUnsplitTrees === false ? undefined : new Float64Array(model.trees.length * m);
  return X.map((x) => {
    const out = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    shap.row(x, diag, 0, 0, 0, perTree);
    for (let i = 0; i < m; i++) {
      if (i < nf) {
        shap.row(x, off, 0, -1, i, perTree);
        shap.row(x, on, 0, 1, i, perTree);
      } else {
        off.fill(0);
        on.fill(0);
      }
      const row = out[i];
      row[i] = diag[i];
      for (let k = 0; k < m; k++) {
        if (k === i) continue;
        row[k] = (on[k] - off[k]) / 2;
        row[i] -= row[k];
      }
    }
    return out;
  });
}
