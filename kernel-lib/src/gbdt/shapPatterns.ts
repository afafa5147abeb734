/**
 * Path-dependent TreeSHAP from per-leaf pattern tables (after Fast TreeSHAP v2, Yang 2021, arXiv:2109.09847).
 *
 * What a leaf adds to the features on its path depends on the row only through which of those d distinct
 * features the row follows at every one of their splits ("hot") and which it leaves at least once ("cold"):
 * 2^d patterns. For every leaf one number per pattern is computed once per model (see leafTable). A row then
 * costs, per tree, one pass over the splits (carrying a bit mask of the cold features down the tree) and d
 * multiply-adds per leaf: O(T·L·D) instead of the standard algorithm's O(T·L·D²). A tree whose table would
 * exceed the memory budget, or that has a child with zero cover, keeps the standard algorithm.
 */
import { GbdtTree } from "./tree";

/** Table entries (float64) per tree beyond which a tree is left to the standard algorithm. */
const TREE_TABLE_CAP = 1 << 16;
/** Default table entries in all (64 MB per thread); trees past it, in model order, run the standard algorithm. */
export const DEFAULT_TABLE_BUDGET = 1 << 23;
/** Distinct features on a path beyond which a tree is left to the standard algorithm (the cap binds first). */
const MAX_UNIQUE = 16;

/**
 * One leaf's table: entry P (bits of P mark the cold features among the d on the path, in order of first split)
 * is Σ_{S ⊆ hot} w(|S|, d) · Π_{k ∉ S} zero[k], with w(s, d) = s!(d−s−1)!/d! the Shapley weight and zero[k] the
 * product of the cover shares of feature k's splits on the path (xgboost's zero fraction). With v the leaf
 * value, a cold feature then receives −v·table[P], and a hot feature e receives v(1 − zero[e])/zero[e] ·
 * table[P | 2^e] (the same sum over the other features, each of whose terms has zero[e] as a factor). This is
 * the contribution xgboost's TreeShap adds at the leaf (its unwound path sums). P = 0 (all hot) is never read.
 */
function leafTable(zero: Float64Array, d: number, out: Float64Array, at: number, poly: Float64Array, w: Float64Array): void {
  for (let j = 0; j < d; j++) {
    let x = 1 / d;
    for (let i = 1; i <= j; i++) x *= i / (d - i);
    w[j] = x;
  }
  out[at] = 0;
  for (let P = 1; P < 1 << d; P++) {
    // Π_{cold} zero · Σ_j w[j] · (coefficient of t^j in Π_{hot} (t + zero))
    let cold = 1;
    let h = 0;
    poly[0] = 1;
    for (let e = 0; e < d; e++) {
      const z = zero[e];
      if ((P >> e) & 1) cold *= z;
      else {
        h++;
        poly[h] = poly[h - 1];
        for (let j = h - 1; j > 0; j--) poly[j] = poly[j - 1] + z * poly[j];
        poly[0] *= z;
      }
    }
    let sum = 0;
    for (let j = 0; j <= h; j++) sum += w[j] * poly[j];
    out[at + P] = cold * sum;
  }
}

/** A tree's table entries (Σ over leaves of 2^d; Infinity past the cap or with a zero cover) and Σ of d. */
function tableSize(t: GbdtTree): { size: number; features: number } {
  let size = 0;
  let features = 0;
  const walk = (nid: number, feats: number[]): void => {
    if (size > TREE_TABLE_CAP) return;
    if (t.left[nid] < 0) {
      size += 2 ** feats.length;
      features += feats.length;
      return;
    }
    // a zero cover share would divide by zero in the hot features' multipliers
    if (!(t.sumHess[t.left[nid]] > 0 && t.sumHess[t.right[nid]] > 0)) size = Infinity;
    const f = t.feature[nid];
    const next = feats.includes(f) ? feats : [...feats, f];
    if (next.length > MAX_UNIQUE) size = Infinity;
    walk(t.left[nid], next);
    walk(t.right[nid], next);
  };
  walk(0, []);
  return { size: size > TREE_TABLE_CAP ? Infinity : size, features };
}

/** The tabled trees of a forest, flat: splits in preorder (parents first), leaves, and their tables. */
export class PatternForest {
  /** Per tree: whether it has a table (otherwise the caller runs the standard algorithm on it). */
  readonly tabled: Uint8Array;
  private readonly splitStart: Int32Array;
  private readonly leafStart: Int32Array;
  private readonly splitFeature: Int32Array;
  private readonly splitThreshold: Float32Array;
  /** Bit of the split's feature in the cold mask of the leaves below it. */
  private readonly splitBit: Int32Array;
  /** Node ids (within the tree) of the split and its children: slots of the mask scratch. */
  private readonly splitSelf: Int32Array;
  private readonly splitLeft: Int32Array;
  private readonly splitRight: Int32Array;
  private readonly leafSelf: Int32Array;
  private readonly leafUnique: Int32Array;
  private readonly leafTableAt: Int32Array;
  private readonly leafFeatureAt: Int32Array;
  private readonly leafFeatures: Int32Array;
  /** Per leaf and path feature: the multiplier of the table entry when the feature is hot, and when cold. */
  private readonly leafCoef: Float64Array;
  private readonly table: Float64Array;
  private readonly mask: Int32Array;

  constructor(trees: readonly GbdtTree[], budget = DEFAULT_TABLE_BUDGET) {
    this.tabled = new Uint8Array(trees.length);
    let entries = 0;
    let splits = 0;
    let leaves = 0;
    let features = 0;
    let maxNodes = 1;
    trees.forEach((t, k) => {
      const { size, features: f } = tableSize(t);
      if (size === Infinity || entries + size > budget) return;
      this.tabled[k] = 1;
      entries += size;
      features += f;
      maxNodes = Math.max(maxNodes, t.left.length);
      for (let i = 0; i < t.left.length; i++) {
        if (t.left[i] < 0) leaves++;
        else splits++;
      }
    });
    this.splitStart = new Int32Array(trees.length + 1);
    this.leafStart = new Int32Array(trees.length + 1);
    this.splitFeature = new Int32Array(splits);
    this.splitThreshold = new Float32Array(splits);
    this.splitBit = new Int32Array(splits);
    this.splitSelf = new Int32Array(splits);
    this.splitLeft = new Int32Array(splits);
    this.splitRight = new Int32Array(splits);
    this.leafSelf = new Int32Array(leaves);
    this.leafUnique = new Int32Array(leaves);
    this.leafTableAt = new Int32Array(leaves);
    this.leafFeatureAt = new Int32Array(leaves);
    this.leafFeatures = new Int32Array(features);
    this.leafCoef = new Float64Array(2 * features);
    this.table = new Float64Array(entries);
    this.mask = new Int32Array(maxNodes);
    const poly = new Float64Array(MAX_UNIQUE + 1);
    const w = new Float64Array(MAX_UNIQUE);
    const feats = new Int32Array(MAX_UNIQUE);
    let s = 0;
    let l = 0;
    let tab = 0;
    let fa = 0;
    trees.forEach((t, k) => {
      this.splitStart[k] = s;
      this.leafStart[k] = l;
      if (!this.tabled[k]) return;
      // zero fractions of the path's distinct features at each depth
      const zeros: Float64Array[] = [new Float64Array(MAX_UNIQUE)];
      const walk = (nid: number, depth: number, d: number): void => {
        const z = zeros[depth];
        if (t.left[nid] < 0) {
          const v = t.threshold[nid];
          this.leafSelf[l] = nid;
          this.leafUnique[l] = d;
          this.leafTableAt[l] = tab;
          this.leafFeatureAt[l] = fa;
          for (let e = 0; e < d; e++) {
            this.leafCoef[2 * fa] = (v * (1 - z[e])) / z[e];
            this.leafCoef[2 * fa + 1] = -v;
            this.leafFeatures[fa++] = feats[e];
          }
          leafTable(z, d, this.table, tab, poly, w);
          tab += 1 << d;
          l++;
          return;
        }
        const f = t.feature[nid];
        let u = 0;
        while (u < d && feats[u] !== f) u++;
        this.splitFeature[s] = f;
        this.splitThreshold[s] = t.threshold[nid];
        this.splitBit[s] = 1 << u;
        this.splitSelf[s] = nid;
        this.splitLeft[s] = t.left[nid];
        this.splitRight[s] = t.right[nid];
        s++;
        feats[u] = f;
        const zc = (zeros[depth + 1] ??= new Float64Array(MAX_UNIQUE));
        for (const child of [t.left[nid], t.right[nid]]) {
          zc.set(z.subarray(0, d));
          const share = t.sumHess[child] / t.sumHess[nid];
          zc[u] = u === d ? share : share * z[u];
          walk(child, depth + 1, u === d ? d + 1 : d);
        }
      };
      walk(0, 0, 0);
    });
    this.splitStart[trees.length] = s;
    this.leafStart[trees.length] = l;
  }

  /**
   * Adds tabled tree k's contributions for rows r0 … r1 − 1 of `xf` (row-major, nf per row) into `out`
   * (rows of m values, row r at (r − r0)·m).
   */
  addTree(k: number, xf: Float32Array, nf: number, r0: number, r1: number, out: Float64Array, m: number): void {
    const { mask, splitFeature, splitThreshold, splitBit, splitSelf, splitLeft, splitRight } = this;
    const { leafSelf, leafUnique, leafTableAt, leafFeatureAt, leafFeatures, leafCoef, table } = this;
    const s0 = this.splitStart[k];
    const s1 = this.splitStart[k + 1];
    const l0 = this.leafStart[k];
    const l1 = this.leafStart[k + 1];
    for (let r = r0; r < r1; r++) {
      const xo = r * nf;
      mask[0] = 0;
      for (let s = s0; s < s1; s++) {
        // branch-free: the split's direction is data, not control flow
        const m0 = mask[splitSelf[s]];
        const bit = splitBit[s];
        const goesLeft = -((xf[xo + splitFeature[s]] < splitThreshold[s]) as unknown as number);
        mask[splitLeft[s]] = m0 | (bit & ~goesLeft);
        mask[splitRight[s]] = m0 | (bit & goesLeft);
      }
      const oo = (r - r0) * m;
      for (let l = l0; l < l1; l++) {
        const d = leafUnique[l];
        const P = mask[leafSelf[l]];
        const at = leafTableAt[l];
        const fa = leafFeatureAt[l];
        for (let e = 0; e < d; e++) out[oo + leafFeatures[fa + e]] += table[at + (P | (1 << e))] * leafCoef[2 * (fa + e) + ((P >> e) & 1)];
      }
    }
  }
}
