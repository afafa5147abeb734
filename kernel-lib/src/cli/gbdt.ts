/**
 * CLI family `regionlab gbdt` (register in cli/index.ts FAMILIES as `gbdt: gbdtFamily`).
 * Bad input (unknown option, bad number, missing column, empty or non-numeric cell) exits 2 with one line
 * naming file, row and column.
 */
import * as fs from "fs";
import { Family, ParsedArgs, UsageError, checkKnown, one, printJson, progressOf, requireFinite } from "./args";
import { readTable } from "../data/table";
import { gbdtDesign } from "../gbdt/design";
import { allImportances } from "../gbdt/importance";
import { predictGbdt, saveModel, trainGbdt } from "../gbdt/model";
import { shapValues } from "../gbdt/shap";
import { GbdtParams } from "../gbdt/tree";

function num(p: ParsedArgs, key: string, check: (v: number) => boolean, what: string): number | undefined {
  const s = one(p, key);
  if (s === undefined) return undefined;
  const v = Number(s);
  if (s.trim() === "" || !Number.isFinite(v) || !check(v)) throw new UsageError(`--${key} must be ${what}, got "${s}"`);
  return v;
}

const KNOWN = ["data", "target", "features", "max-depth", "n-estimators", "learning-rate", "lambda", "alpha", "gamma", "min-child-weight", "subsample", "colsample-bytree", "base-score", "seed", "save-model", "json"];

export const gbdtFamily: Family = {
  summary: "gradient-boosted trees (xgboost exact) with TreeSHAP values and the five importance types",
  booleans: ["json"],
  help: `regionlab gbdt --data <csv> --target <col> --features a,b,c [--max-depth 6] [--n-estimators 100]
       [--learning-rate 0.3] [--lambda 1] [--alpha 0] [--gamma 0] [--min-child-weight 1] [--subsample 1]
       [--colsample-bytree 1] [--base-score 0.5] [--seed 0] [--save-model <model.json>] [--json]

Fits squared-error boosted regression trees with xgboost's exact greedy algorithm (tree_method="exact";
defaults are xgboost 1.7's). With subsample = colsample-bytree = 1 the trees equal xgboost's; subsampling uses
regionlab's seeded generator, not xgboost's. --json prints { "predictions": [...], "base_value", "shap":
[[...]] (one row per observation, one column per feature, in --features order; base_value + the row sum =
the prediction), "importance": { "weight", "gain", "cover", "total_gain", "total_cover" } } (features never
split on are absent, as in xgboost's get_score). Every feature and target cell must be a number.`,
  run(p, io) {
    checkKnown(p, KNOWN);
    const file = one(p, "data", true)!;
    const target = one(p, "target", true)!;
    const features = (one(p, "features", true) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!features.length) throw new UsageError("--features needs at least one column");
    const dup = features.find((f, i) => features.indexOf(f) !== i);
    if (dup) throw new UsageError(`--features lists "${dup}" twice`);
    if (features.includes(target)) throw new UsageError(`--target "${target}" is also listed in --features`);
    const int = (v: number) => Number.isInteger(v);
    const params: GbdtParams = {
      maxDepth: num(p, "max-depth", (v) => int(v) && v >= 1, "an integer ≥ 1"),
      nEstimators: num(p, "n-estimators", (v) => int(v) && v >= 0, "a non-negative integer"),
      learningRate: num(p, "learning-rate", (v) => v >= 0, "a number ≥ 0"),
      lambda: num(p, "lambda", (v) => v >= 0, "a number ≥ 0"),
      alpha: num(p, "alpha", (v) => v >= 0, "a number ≥ 0"),
      gamma: num(p, "gamma", (v) => v >= 0, "a number ≥ 0"),
      minChildWeight: num(p, "min-child-weight", (v) => v >= 0, "a number ≥ 0"),
      subsample: num(p, "subsample", (v) => v > 0 && v <= 1, "a number in (0, 1]"),
      colsampleBytree: num(p, "colsample-bytree", (v) => v > 0 && v <= 1, "a number in (0, 1]"),
      baseScore: num(p, "base-score", () => true, "a number"),
      seed: num(p, "seed", (v) => int(v) && v >= 0 && v <= 0xffffffff, "an integer in [0, 4294967295]"),
    };
    const t = readTable(file);
    const { X, y } = gbdtDesign(t, target, features);
    const bar = progressOf(io, "gbdt rounds");
    const model = trainGbdt(X, y, params, { featureNames: features, onProgress: bar.update });
    bar.done();
    const predictions = Array.from(predictGbdt(model, X));
    const shapFull = shapValues(model, X);
    const baseValue = shapFull.length ? shapFull[0][features.length] : model.baseScore;
    const shap = shapFull.map((r) => r.slice(0, features.length));
    const importance = allImportances(model);
    const save = one(p, "save-model");
    if (save) fs.writeFileSync(save, saveModel(model) + "\n");
    requireFinite({ predictions, base_value: baseValue, shap, importance });
    if (p.bools.has("json")) {
      printJson(io, { predictions, base_value: baseValue, shap, importance });
    } else {
      io.out(`gbdt: ${model.trees.length} trees, depth ≤ ${model.params.maxDepth}, η = ${model.params.learningRate}, ${t.nRows} rows, base value ${baseValue.toPrecision(6)}`);
      const mabs = features.map((_, j) => shap.reduce((a, r) => a + Math.abs(r[j]), 0) / shap.length);
      io.out(`feature\tmean|SHAP|\tweight\tgain\tcover`);
      features
        .map((f, j) => [f, j] as const)
        .sort((a, b) => mabs[b[1]] - mabs[a[1]])
        .forEach(([f, j]) => io.out(`${f}\t${mabs[j].toPrecision(5)}\t${importance.weight[f] ?? 0}\t${(importance.gain[f] ?? 0).toPrecision(5)}\t${(importance.cover[f] ?? 0).toPrecision(5)}`));
      if (save) io.out(`model written: ${save}`);
    }
    return 0;
  },
};
