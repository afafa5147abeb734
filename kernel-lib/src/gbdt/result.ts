/**
 * The ModelResult methods of a boosted-tree model: tidy() has one row per feature with xgboost's five
 * importance types (estimate = "gain", xgboost's default), or, given rows X, the mean |SHAP| per feature.
 */
import { ModelResult, pointRow, withResult } from "../core/result";
import { IMPORTANCE_TYPES, featureImportance } from "./importance";
import { GbdtModel } from "./model";
import { shapValues } from "./shap";

function header(m: GbdtModel): string[] {
  const p = m.params as unknown as Record<string, unknown>;
  const shown = ["nEstimators", "maxDepth", "learningRate", "lambda", "gamma", "minChildWeight", "subsample", "colsampleBytree", "seed"].filter((k) => p[k] !== undefined);
  return [`Trees: ${m.trees.length}; features ${m.featureNames.length}; ${shown.map((k) => `${k} ${p[k]}`).join(", ")}`, "Importance: xgboost's weight, gain, cover, total_gain, total_cover (no sampling inference)"];
}

/** Gives a model the contract (non-enumerable, so its JSON and equality are unchanged). */
export function withGbdtResult(m: Omit<GbdtModel, keyof ModelResult>, nobs: number | null = null): GbdtModel {
  return withResult(m, (x) => ({
    title: "Gradient-boosted trees (XGBoost exact greedy, reg:squarederror)",
    header: () => header(x as GbdtModel),
    tidy: () => {
      const imp = Object.fromEntries(IMPORTANCE_TYPES.map((t) => [t, featureImportance(x as GbdtModel, t)]));
      return x.featureNames.map((f) => pointRow(f, imp.gain[f] ?? 0, Object.fromEntries(IMPORTANCE_TYPES.map((t) => [t, imp[t][f] ?? 0]))));
    },
    glance: () => ({ nobs, inference: "none (point predictions; importance from the trees' splits)", n_trees: x.trees.length, n_features: x.featureNames.length, base_score: x.baseScore }),
  })) as GbdtModel;
}

/** Mean |SHAP| per feature on rows X (TreeSHAP), as the SHAP bar plot ranks them; estimate = mean |SHAP|. */
export function shapImportance(model: GbdtModel, X: readonly ArrayLike<number>[]): ModelResult & { meanAbsShap: Record<string, number> } {
  const phi = shapValues(model, X);
  const meanAbsShap: Record<string, number> = {};
  model.featureNames.forEach((f, j) => {
    let s = 0;
    for (const row of phi) s += Math.abs(row[j]);
    meanAbsShap[f] = s / phi.length;
  });
  return withResult({ meanAbsShap }, (r) => ({
    title: "Mean |SHAP| per feature (TreeSHAP)",
    header: () => [...header(model).slice(0, 1), `Rows explained: ${X.length}`],
    tidy: () => model.featureNames.map((f) => pointRow(f, r.meanAbsShap[f], { mean_abs_shap: r.meanAbsShap[f] })),
    glance: () => ({ nobs: X.length, inference: "none (exact TreeSHAP attributions of the fitted model)", n_trees: model.trees.length }),
  }));
}
