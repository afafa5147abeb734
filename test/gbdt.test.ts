import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data/table";
import {
  GbdtModel,
  GbdtTree,
  allImportances,
  expectedValue,
  fromXgboostJson,
  loadModel,
  predictGbdt,
  saveModel,
  shapInteractionValues,
  shapValues,
  trainGbdt,
} from "../kernel-lib/src/gbdt";
import { xgbArraysToTree } from "../kernel-lib/src/gbdt/model";

/**
 * Golden tests against Debian's python3-xgboost 1.7 (tree_method="exact", nthread=1), produced by
 * test/reference/gbdt/make_expected.py from the committed CSVs. Tolerances:
 *  - tree structure: identical split features, float32 thresholds, leaf values, base weights, covers and
 *    loss changes (exact equality of the float32 values);
 *  - predictions: float32-identical (both accumulate leaf values in float32 from the base score);
 *  - SHAP values and interaction values: 1e-4 relative to the row's prediction scale (xgboost computes
 *    TreeSHAP in float32, we in float64);
 *  - importances: 1e-6 relative (weight exact; in practice all five are float32-identical).
 */
const REF = path.join(__dirname, "reference/gbdt");
interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  loss_changes: number[];
  sum_hessian: number[];
  base_weights: number[];
}
interface Case {
  name: string;
  data: string;
  target: string;
  weight?: string;
  features: string[];
  params: { max_depth: number; eta: number; reg_lambda: number; reg_alpha?: number; min_child_weight: number; base_score: number; gamma: number };
  rounds: number;
  trees: XgbTree[];
  predictions: number[];
  importance: Record<string, Record<string, number>>;
  contribs: number[][];
  interactions25: number[][][];
}
const expected = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8")) as { xgboost_version: string; cases: Case[] };

function load(c: Case) {
  const t = readTable(path.join(REF, c.data));
  const cols = c.features.map((f) => t.num(f));
  const X = Array.from({ length: t.nRows }, (_, i) => cols.map((col) => col[i]));
  return { X, y: Array.from(t.num(c.target)), w: c.weight ? Array.from(t.num(c.weight)) : undefined };
}

function fit(c: Case): { model: GbdtModel; X: number[][]; y: number[] } {
  const { X, y, w } = load(c);
  const p = c.params;
  const model = trainGbdt(X, y, {
    nEstimators: c.rounds,
    maxDepth: p.max_depth,
    learningRate: p.eta,
    lambda: p.reg_lambda,
    alpha: p.reg_alpha ?? 0,
    minChildWeight: p.min_child_weight,
    baseScore: p.base_score,
    gamma: p.gamma,
  }, { featureNames: c.features, weights: w });
  return { model, X, y };
}

/** Walk both trees from the root in parallel and compare every node. */
function compareTree(ours: GbdtTree, ref: XgbTree, where: string): void {
  const walk = (a: number, b: number, trail: string): void => {
    const leafA = ours.left[a] < 0;
    const leafB = ref.left_children[b] < 0;
    expect(leafA, `${where} ${trail}: leaf?`).toBe(leafB);
    expect(ours.sumHess[a], `${where} ${trail}: cover`).toBe(Math.fround(ref.sum_hessian[b]));
    expect(ours.baseWeight[a], `${where} ${trail}: base weight`).toBe(Math.fround(ref.base_weights[b]));
    if (leafA) {
      expect(ours.threshold[a], `${where} ${trail}: leaf value`).toBe(Math.fround(ref.split_conditions[b]));
      return;
    }
    expect(ours.feature[a], `${where} ${trail}: split feature`).toBe(ref.split_indices[b]);
    expect(ours.threshold[a], `${where} ${trail}: threshold`).toBe(Math.fround(ref.split_conditions[b]));
    expect(ours.lossChg[a], `${where} ${trail}: loss change`).toBe(Math.fround(ref.loss_changes[b]));
    walk(ours.left[a], ref.left_children[b], trail + "L");
    walk(ours.right[a], ref.right_children[b], trail + "R");
  };
  walk(0, 0, "root");
}

describe(`gbdt against xgboost ${expected.xgboost_version} (exact)`, () => {
  for (const c of expected.cases) {
    describe(c.name, () => {
      const { model, X, y } = fit(c);
      const scale = Math.max(1, ...y.map(Math.abs));
      it("grows the same trees (splits, thresholds, leaves, covers, gains)", () => {
        expect(model.trees.length).toBe(c.trees.length);
        c.trees.forEach((t, k) => compareTree(model.trees[k], t, `tree ${k}`));
      });
      it("predicts the same values (float32-identical)", () => {
        const p = predictGbdt(model, X);
        p.forEach((v, i) => expect(v, `row ${i + 1}`).toBe(Math.fround(c.predictions[i])));
      });
      it("has the same five importance types", () => {
        const imp = allImportances(model);
        for (const k of ["weight", "gain", "cover", "total_gain", "total_cover"] as const) {
          expect(Object.keys(imp[k]).sort(), k).toEqual(Object.keys(c.importance[k]).sort());
          for (const [f, v] of Object.entries(c.importance[k])) {
            if (k === "weight") expect(imp[k][f]).toBe(v);
            else expect(Math.abs(imp[k][f] - v), `${k} ${f}`).toBeLessThanOrEqual(1e-6 * Math.abs(v));
          }
        }
      });
      it("has the same TreeSHAP values (pred_contribs)", () => {
        const s = shapValues(model, X);
        let worst = 0;
        s.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - c.contribs[i][j]) / scale))));
        expect(worst).toBeLessThan(1e-4);
        // local accuracy: contributions sum to the prediction; bias = expected value
        const p = predictGbdt(model, X);
        s.forEach((row, i) => expect(Math.abs(row.reduce((a, b) => a + b, 0) - p[i]) / scale).toBeLessThan(1e-6));
        expect(s[0][c.features.length]).toBeCloseTo(expectedValue(model), 9);
      });
      it("has the same TreeSHAP values with the standard algorithm on every tree, and on the trees past a small table budget", () => {
        // tableBudget 0: no pattern tables; a budget of one table's worth per tree: the later trees run standard
        for (const tableBudget of [0, 16 * c.trees.length]) {
          const s = shapValues(model, X, { tableBudget, threads: 1 });
          let worst = 0;
          s.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - c.contribs[i][j]) / scale))));
          expect(worst, `tableBudget ${tableBudget}`).toBeLessThan(1e-4);
        }
      });
      it("has the same SHAP interaction values (pred_interactions)", () => {
        const iv = shapInteractionValues(model, X.slice(0, 25));
        let worst = 0;
        iv.forEach((m, i) => m.forEach((row, j) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - c.interactions25[i][j][k]) / scale)))));
        expect(worst).toBeLessThan(1e-4);
      });
      it("TreeSHAP on xgboost's own trees (imported) matches pred_contribs", () => {
        const imported: GbdtModel = { ...model, trees: c.trees.map((t) => xgbArraysToTree(t as unknown as Record<string, number[]>, c.features.length)) };
        const s = shapValues(imported, X);
        let worst = 0;
        s.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - c.contribs[i][j]) / scale))));
        expect(worst).toBeLessThan(1e-4);
      });
      it("round-trips through JSON", () => {
        const back = loadModel(saveModel(model));
        expect(Array.from(predictGbdt(back, X))).toEqual(Array.from(predictGbdt(model, X)));
        expect(back.featureNames).toEqual(c.features);
      });
    });
  }
  it("imports a full xgboost JSON model", () => {
    const c = expected.cases[0];
    const { X } = load(c);
    const xgbJson = {
      learner: {
        feature_names: c.features,
        learner_model_param: { base_score: String(c.params.base_score), num_feature: String(c.features.length) },
        gradient_booster: { name: "gbtree", model: { trees: c.trees } },
      },
    };
    const m = fromXgboostJson(JSON.stringify(xgbJson));
    const p = predictGbdt(m, X);
    p.forEach((v, i) => expect(Math.abs(v - c.predictions[i])).toBeLessThan(1e-5));
  });
});
