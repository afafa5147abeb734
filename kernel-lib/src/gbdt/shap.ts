/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) as xgboost implements it for
 * `predict(..., pred_contribs=True)`, and SHAP interaction values as `pred_interactions=True` computes them
 * (conditioning each feature on and off). The node "cover" is the training hessian sum (`sum_hessian`), the
 * expected value of a tree is the cover-weighted mean of its leaves, and the bias column (last) holds the
 * base score plus the trees' expected values. Arithmetic is float64 (xgboost uses float32; differences are
 * of the order of 1e-6 relative to the prediction scale).
 */
import { GbdtModel } from "./model";
import { GbdtTree, treeDepth } from "./tree";

const f32 = Math.fround;

/**
 * Scratch path storage, laid out as xgboost's unique_path_data: each recursion level gets its own copy.
 * The ratio tables replace the divisions by (depth + 1), (i + 1) and (depth − i) with multiplications
 * (R[d][i] = (d+1)/(i+1), S[d][i] = (d−i)/(d+1), T[d][i] = (d+1)/(d−i), U[d] = 1/(d+1)).
 */
class Path {
  feat: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  pw: Float64Array;
  readonly W: number;
  R: Float64Array;
  S: Float64Array;
  T: Float64Array;
  U: Float64Array;
  constructor(size: number, maxDepth: number) {
    this.feat = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pw = new Float64Array(size);
    const W = (this.W = maxDepth + 2);
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
  }
}

function extendPath(P: Path, o: number, depth: number, zero: number, one: number, fi: number): void {
  const { feat, zero: Z, one: O, pw } = P;
  feat[o + depth] = fi;
  Z[o + depth] = zero;
  O[o + depth] = one;
  pw[o + depth] = depth === 0 ? 1 : 0;
  const u = P.U[depth];
  for (let i = depth - 1; i >= 0; i--) {
    const p = pw[o + i];
    pw[o + i + 1] += one * p * (i + 1) * u;
    pw[o + i] = zero * p * (depth - i) * u;
  }
}

function unwindPath(P: Path, o: number, depth: number, pathIndex: number): void {
  const { feat, zero: Z, one: O, pw } = P;
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

function unwoundPathSum(P: Path, o: number, depth: number, pathIndex: number): number {
  const pw = P.pw;
  const one = P.one[o + pathIndex];
  const zero = P.zero[o + pathIndex];
  const base = depth * P.W;
  let total = 0;
  if (one !== 0) {
    const R = P.R;
    const S = P.S;
    const invOne = 1 / one;
    const zs = zero;
    let next = pw[o + depth];
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = next * R[base + i] * invOne;
      total += tmp;
      next = pw[o + i] - tmp * zs * S[base + i];
    }
  } else if (zero !== 0) {
    const T = P.T;
    const invZero = 1 / zero;
    for (let i = depth - 1; i >= 0; i--) total += pw[o + i] * invZero * T[base + i];
  }
  return total;
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

interface Prepared {
  tree: GbdtTree;
  means: Float64Array;
  path: Path;
}

function prepare(model: GbdtModel): Prepared[] {
  return model.trees.map((tree) => {
    const maxd = treeDepth(tree) + 2;
    return { tree, means: nodeMeans(tree), path: new Path((maxd * (maxd + 1)) / 2 + maxd + 2, maxd) };
  });
}

/** TreeSHAP recursion over one tree (xgboost RegTree::TreeShap); `cond` 0, +1 (feature on) or −1 (off). */
function treeShap(
  t: GbdtTree,
  x: ArrayLike<number>,
  phi: Float64Array,
  P: Path,
  nid: number,
  depth: number,
  parentOff: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
  cond: number,
  condFeature: number,
  condFraction: number,
): void {
  if (condFraction === 0) return;
  const o = parentOff + depth + 1;
  // copy the parent's path
  for (let i = 0; i <= depth; i++) {
    P.feat[o + i] = P.feat[parentOff + i];
    P.zero[o + i] = P.zero[parentOff + i];
    P.one[o + i] = P.one[parentOff + i];
    P.pw[o + i] = P.pw[parentOff + i];
  }
  if (cond === 0 || condFeature !== parentFeature) extendPath(P, o, depth, parentZero, parentOne, parentFeature);
  const left = t.left[nid];
  if (left < 0) {
    const v = t.threshold[nid] * condFraction;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(P, o, depth, i);
      phi[P.feat[o + i]] += w * (P.one[o + i] - P.zero[o + i]) * v;
    }
    return;
  }
  const right = t.right[nid];
  const split = t.feature[nid];
  const hot = f32(x[split]) < t.threshold[nid] ? left : right;
  const cold = hot === left ? right : left;
  const w = t.sumHess[nid];
  const hotZero = t.sumHess[hot] / w;
  const coldZero = t.sumHess[cold] / w;
  let incomingZero = 1;
  let incomingOne = 1;
  let pi = 0;
  for (; pi <= depth; pi++) if (P.feat[o + pi] === split) break;
  if (pi !== depth + 1) {
    incomingZero = P.zero[o + pi];
    incomingOne = P.one[o + pi];
    unwindPath(P, o, depth, pi);
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
  treeShap(t, x, phi, P, hot, depth + 1, o, hotZero * incomingZero, incomingOne, split, cond, condFeature, hotCond);
  treeShap(t, x, phi, P, cold, depth + 1, o, coldZero * incomingZero, 0, split, cond, condFeature, coldCond);
}

function contribRow(prep: Prepared[], nf: number, baseScore: number, x: ArrayLike<number>, out: Float64Array, cond: number, condFeature: number, scratch: Float64Array): void {
  out.fill(0);
  for (const { tree, means, path } of prep) {
    scratch.fill(0);
    if (cond === 0) scratch[nf] += means[0];
    // Root: parent path offset 0, depth 0, parent feature −1.
    treeShap(tree, x, scratch, path, 0, 0, 0, 1, 1, -1, cond, condFeature, 1);
    for (let k = 0; k <= nf; k++) out[k] += scratch[k];
  }
  out[nf] += baseScore;
}

/**
 * SHAP values, n × (p + 1): column j is feature j's contribution, the last column the bias (expected value).
 * Each row sums to the prediction (xgboost `pred_contribs=True`).
 */
export function shapValues(model: GbdtModel, X: readonly ArrayLike<number>[]): number[][] {
  const prep = prepare(model);
  const nf = model.featureNames.length;
  const scratch = new Float64Array(nf + 1);
  return X.map((x) => {
    const out = new Float64Array(nf + 1);
    contribRow(prep, nf, model.baseScore, x, out, 0, 0, scratch);
    return Array.from(out);
  });
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
 * main effect, so each row i sums to the SHAP value of feature i; the bias sits at [p][p].
 */
export function shapInteractionValues(model: GbdtModel, X: readonly ArrayLike<number>[]): number[][][] {
  const prep = prepare(model);
  const nf = model.featureNames.length;
  const m = nf + 1;
  const scratch = new Float64Array(m);
  const diag = new Float64Array(m);
  const on = new Float64Array(m);
  const off = new Float64Array(m);
  return X.map((x) => {
    const out = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    contribRow(prep, nf, model.baseScore, x, diag, 0, 0, scratch);
    for (let i = 0; i < m; i++) {
      if (i < nf) {
        contribRow(prep, nf, model.baseScore, x, off, -1, i, scratch);
        contribRow(prep, nf, model.baseScore, x, on, 1, i, scratch);
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
