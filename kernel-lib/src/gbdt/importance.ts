/**
 * XGBoost's five feature-importance types (`Booster.get_score(importance_type=...)`), computed as its
 * GBTree::FeatureScore does: walk every tree's split nodes; weight = number of splits on the feature,
 * total_gain / total_cover = sum of the splits' loss reduction / cover (float32 accumulation in xgboost's walk
 * order), gain / cover = those totals divided by the number of splits. Features never used are absent, as in
 * xgboost's dict.
 */
import { GbdtModel } from "./model";

const f32 = Math.fround;

export type ImportanceType = "weight" | "gain" | "cover" | "total_gain" | "total_cover";
export const IMPORTANCE_TYPES: readonly ImportanceType[] = ["weight", "gain", "cover", "total_gain", "total_cover"];

export function featureImportance(model: GbdtModel, type: ImportanceType): Record<string, number> {
  if (!IMPORTANCE_TYPES.includes(type)) throw new RangeError(`gbdt: importance type must be one of ${IMPORTANCE_TYPES.join(", ")}, got "${type}"`);
  const nf = model.featureNames.length;
  const count = new Float64Array(nf);
  const acc = new Float32Array(nf);
  for (const t of model.trees) {
    // xgboost's RegTree::WalkTree: a stack, children pushed left then right.
    const stack = [0];
    while (stack.length) {
      const nid = stack.pop()!;
      const l = t.left[nid];
      if (l >= 0) {
        const f = t.feature[nid];
        count[f]++;
        if (type === "gain" || type === "total_gain") acc[f] = f32(acc[f] + t.lossChg[nid]);
        else if (type === "cover" || type === "total_cover") acc[f] = f32(acc[f] + t.sumHess[nid]);
        stack.push(l, t.right[nid]);
      }
    }
  }
  const out: Record<string, number> = {};
  for (let j = 0; j < nf; j++) {
    if (count[j] === 0) continue;
    let v: number;
    if (type === "weight") v = count[j];
    else if (type === "gain" || type === "cover") v = f32(acc[j] / f32(Math.max(1, count[j])));
    else v = acc[j];
    out[model.featureNames[j]] = v;
  }
  return out;
}

/** All five types at once. */
export function allImportances(model: GbdtModel): Record<ImportanceType, Record<string, number>> {
  return Object.fromEntries(IMPORTANCE_TYPES.map((k) => [k, featureImportance(model, k)])) as Record<ImportanceType, Record<string, number>>;
}
