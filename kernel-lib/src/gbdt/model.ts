/**
 * Gradient boosting with squared error (xgboost `reg:squarederror`): the booster, prediction, and the model
 * as JSON (our own format, and import of an xgboost JSON model saved with `booster.save_model("m.json")`).
 */
import { z } from "zod";
import { Rng } from "../rng";
import { ModelResult } from "../core/result";
import { withGbdtResult } from "./result";
import { ColumnData, GbdtParams, GbdtTree, ResolvedParams, growTree, leafValue, resolveParams, splitWorkspace, toColumns } from "./tree";

const f32 = Math.fround;

export interface GbdtModel extends ModelResult {
  featureNames: string[];
  params: ResolvedParams;
  /** float32 base score (xgboost `base_score`). */
  baseScore: number;
  trees: GbdtTree[];
}

export interface FitOptions {
  featureNames?: string[];
  /** Optional case weights (hessian and gradient are multiplied by them, as xgboost's DMatrix weights). */
  weights?: ArrayLike<number>;
  /** Called after each boosting round (rounds done, rounds in all). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Fit boosted trees to rows `X` (n × p) and target `y`. With subsample = colsample_bytree = 1 the result is the
 * tree-for-tree equal of xgboost 1.7 `train({tree_method: "exact", objective: "reg:squarederror", ...})`.
 * Subsampling draws from regionlab's seeded Rng (Bernoulli rows per tree, then a feature subset per tree),
 * which does not reproduce xgboost's own random stream.
 */
export function trainGbdt(X: readonly ArrayLike<number>[], y: ArrayLike<number>, params: GbdtParams = {}, opts: FitOptions = {}): GbdtModel {
  const p = resolveParams(params);
  const n = X.length;
  if (y.length !== n) throw new RangeError(`gbdt: ${n} rows of features but ${y.length} target values`);
  if (n === 0) throw new RangeError("gbdt: no rows to fit");
  const data: ColumnData = toColumns(X);
  const nf = data.nFeatures;
  const featureNames = opts.featureNames ?? Array.from({ length: nf }, (_, j) => `f${j}`);
  if (featureNames.length !== nf) throw new RangeError(`gbdt: ${featureNames.length} feature names for ${nf} features`);
  const label = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`gbdt: row ${i + 1}: target ${y[i]} is not a finite number`);
    label[i] = y[i];
  }
  const w = opts.weights ? Float32Array.from(opts.weights as ArrayLike<number>) : null;
  if (w && w.length !== n) throw new RangeError(`gbdt: ${w.length} weights for ${n} rows`);
  const baseScore = f32(p.baseScore);
  const pred = new Float32Array(n).fill(baseScore);
  const grad = new Float32Array(n);
  const hess = new Float32Array(n);
  const active = new Uint8Array(n);
  const leafOfRow = new Int32Array(n);
  const rng = p.subsample < 1 || p.colsampleBytree < 1 ? new Rng(p.seed) : null;
  const allFeatures = Array.from({ length: nf }, (_, j) => j);
  const trees: GbdtTree[] = [];
  const workspace = splitWorkspace(n, p.colsampleBytree < 1 ? Math.max(1, Math.floor(p.colsampleBytree * nf)) : nf);
  for (let t = 0; t < p.nEstimators; t++) {
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      grad[i] = f32(f32(pred[i] - label[i]) * wi);
      hess[i] = f32(wi);
    }
    if (p.subsample < 1) for (let i = 0; i < n; i++) active[i] = rng!.uniform() < p.subsample ? 1 : 0;
    else active.fill(1);
    let features = allFeatures;
    if (p.colsampleBytree < 1) {
      const k = Math.max(1, Math.floor(p.colsampleBytree * nf));
      features = rng!.permutation(nf).slice(0, k).sort((a, b) => a - b);
    }
    const tree = growTree(data, grad, hess, active, features, p, workspace, leafOfRow);
    trees.push(tree);
    const { left, right, feature, threshold } = tree;
    for (let i = 0; i < n; i++) {
      // the builder knows the leaf of every row it grew the tree on; rows left out by subsampling walk the tree
      let nid = leafOfRow[i];
      if (nid < 0) {
        nid = 0;
        while (left[nid] >= 0) nid = data.cols[feature[nid]][i] < threshold[nid] ? left[nid] : right[nid];
      }
      pred[i] = f32(pred[i] + threshold[nid]);
    }
    opts.onProgress?.(t + 1, p.nEstimators);
  }
  return withGbdtResult({ featureNames, params: p, baseScore, trees }, n);
}

/** Predictions (float32 accumulation from the base score, tree by tree, as xgboost's CPU predictor). */
export function predictGbdt(model: GbdtModel, X: readonly ArrayLike<number>[], nTrees = model.trees.length): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    let s = model.baseScore;
    for (let t = 0; t < nTrees; t++) s = f32(s + leafValue(model.trees[t], X[i]));
    out[i] = s;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- JSON

export const GBDT_FORMAT = "regionlab-gbdt";

const arr = z.array(z.number());
const treeSchema = z.object({
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  feature: z.array(z.number().int()),
  threshold: arr,
  loss_chg: arr,
  sum_hess: arr,
  base_weight: arr,
});
const modelSchema = z.object({
  format: z.literal(GBDT_FORMAT),
  version: z.literal(1),
  feature_names: z.array(z.string()),
  base_score: z.number(),
  params: z.object({
    nEstimators: z.number(),
    learningRate: z.number(),
    maxDepth: z.number(),
    minChildWeight: z.number(),
    lambda: z.number(),
    alpha: z.number(),
    gamma: z.number(),
    subsample: z.number(),
    colsampleBytree: z.number(),
    baseScore: z.number(),
    seed: z.number(),
  }),
  trees: z.array(treeSchema),
});

export type GbdtModelJson = z.infer<typeof modelSchema>;

/** The model as a JSON-ready object (float32 values written as their exact double representation). */
export function modelToJson(m: GbdtModel): GbdtModelJson {
  return {
    format: GBDT_FORMAT,
    version: 1,
    feature_names: m.featureNames,
    base_score: m.baseScore,
    params: { ...m.params },
    trees: m.trees.map((t) => ({
      left: Array.from(t.left),
      right: Array.from(t.right),
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold),
      loss_chg: Array.from(t.lossChg),
      sum_hess: Array.from(t.sumHess),
      base_weight: Array.from(t.baseWeight),
    })),
  };
}

export function saveModel(m: GbdtModel): string {
  return JSON.stringify(modelToJson(m));
}

function checkTree(t: GbdtTree, nf: number, where: string): GbdtTree {
  const n = t.left.length;
  for (const [k, a] of Object.entries(t)) if ((a as ArrayLike<number>).length !== n) throw new Error(`${where}: array ${k} has ${(a as ArrayLike<number>).length} entries, expected ${n}`);
  for (let i = 0; i < n; i++) {
    const l = t.left[i];
    const r = t.right[i];
    if ((l < 0) !== (r < 0)) throw new Error(`${where}: node ${i} has one child`);
    if (l >= 0 && (l >= n || r >= n || l <= i || r <= i)) throw new Error(`${where}: node ${i} has child ids out of range`);
    if (l >= 0 && (t.feature[i] < 0 || t.feature[i] >= nf)) throw new Error(`${where}: node ${i} splits on feature ${t.feature[i]} (model has ${nf})`);
  }
  return t;
}

/** Load a model written by saveModel (validated; a bad file throws naming what is wrong). */
export function loadModel(json: string | unknown, source = "model"): GbdtModel {
  const obj = typeof json === "string" ? JSON.parse(json) : json;
  const r = modelSchema.safeParse(obj);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${source}: not a regionlab gbdt model: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  const m = r.data;
  const nf = m.feature_names.length;
  return withGbdtResult({
    featureNames: m.feature_names,
    params: resolveParams(m.params),
    baseScore: f32(m.base_score),
    trees: m.trees.map((t, k) =>
      checkTree(
        {
          left: Int32Array.from(t.left),
          right: Int32Array.from(t.right),
          feature: Int32Array.from(t.feature),
          threshold: Float32Array.from(t.threshold),
          lossChg: Float32Array.from(t.loss_chg),
          sumHess: Float32Array.from(t.sum_hess),
          baseWeight: Float32Array.from(t.base_weight),
        },
        nf,
        `${source}: tree ${k}`,
      ),
    ),
  });
}

/**
 * Import an xgboost JSON model (`booster.save_model("m.json")` or `save_raw("json")`, xgboost ≥ 1.0,
 * gbtree, one output, numerical splits). Deleted (pruned) nodes are dropped. Training parameters are read
 * where xgboost records them; prediction, TreeSHAP and importances need only the trees.
 */
export function fromXgboostJson(json: string | unknown): GbdtModel {
  const o = (typeof json === "string" ? JSON.parse(json) : json) as {
    learner: {
      feature_names?: string[];
      learner_model_param: { base_score: string; num_feature: string };
      gradient_booster: { name: string; model: { trees: Record<string, number[]>[] } };
    };
  };
  const L = o.learner;
  if (L.gradient_booster.name !== "gbtree") throw new Error(`xgboost model: booster "${L.gradient_booster.name}" is not supported (gbtree only)`);
  const nf = Number(L.learner_model_param.num_feature);
  const names = L.feature_names?.length ? L.feature_names : Array.from({ length: nf }, (_, j) => `f${j}`);
  const trees = L.gradient_booster.model.trees.map((t, k) => xgbArraysToTree(t, nf, `xgboost model: tree ${k}`));
  return withGbdtResult({ featureNames: names, params: resolveParams({ nEstimators: trees.length }), baseScore: f32(Number(L.learner_model_param.base_score)), trees });
}

/** One xgboost JSON tree (left_children, right_children, split_indices, split_conditions, ...) as a GbdtTree. */
export function xgbArraysToTree(t: Record<string, number[]>, nf: number, where = "tree"): GbdtTree {
  const L = t.left_children;
  const keep: number[] = [];
  const seen = new Int32Array(L.length).fill(-1);
  const stack = [0];
  while (stack.length) {
    const i = stack.shift()!;
    seen[i] = keep.length;
    keep.push(i);
    if (L[i] >= 0) stack.push(L[i], t.right_children[i]);
  }
  const order = keep.slice().sort((a, b) => a - b);
  order.forEach((i, k) => (seen[i] = k));
  const n = order.length;
  const tree: GbdtTree = {
    left: new Int32Array(n),
    right: new Int32Array(n),
    feature: new Int32Array(n),
    threshold: new Float32Array(n),
    lossChg: new Float32Array(n),
    sumHess: new Float32Array(n),
    baseWeight: new Float32Array(n),
  };
  order.forEach((i, k) => {
    const leaf = L[i] < 0;
    tree.left[k] = leaf ? -1 : seen[L[i]];
    tree.right[k] = leaf ? -1 : seen[t.right_children[i]];
    tree.feature[k] = leaf ? -1 : t.split_indices[i];
    tree.threshold[k] = t.split_conditions[i];
    tree.lossChg[k] = t.loss_changes[i];
    tree.sumHess[k] = t.sum_hessian[i];
    tree.baseWeight[k] = t.base_weights[i];
  });
  return checkTree(tree, nf, where);
}

export { toColumns };
