import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, UsageError } from "../kernel-lib/src/cli";
import type { Family } from "../kernel-lib/src/cli";
import { DataError } from "../kernel-lib/src/data/errors";
import { readTable } from "../kernel-lib/src/data/table";
import { figureToSvg } from "../kernel-lib/src/display/svg";
import { Rng } from "../kernel-lib/src/rng";
import { gbdtFamily } from "../kernel-lib/src/cli/gbdt";
import { growTree, leafIndex, resolveParams, toColumns } from "../kernel-lib/src/gbdt/tree";
import {
  crossValidate,
  holdout,
  kFolds,
  loadModel,
  meanAbsShap,
  predictGbdt,
  regressionMetrics,
  shapBarFigure,
  shapBeeswarmFigure,
  shapDependenceFigure,
  shapInteractionValues,
  shapValues,
  trainGbdt,
  trainTestSplit,
} from "../kernel-lib/src/gbdt";

const REF = path.join(__dirname, "reference/gbdt");
const SYN = path.join(REF, "synthetic.csv");
const FEATURES = ["x1", "x2", "x3", "x4", "x5", "x6"];
const expected = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8"));

function synthetic() {
  const t = readTable(SYN);
  const cols = FEATURES.map((f) => t.num(f));
  return { X: Array.from({ length: t.nRows }, (_, i) => cols.map((c) => c[i])), y: Array.from(t.num("y")) };
}

function call(f: Family, argv: string[]): { code: number; out: string[] } {
  const out: string[] = [];
  const code = f.run(parseArgs(argv, f.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) }) as number;
  return { code, out };
}

describe("regionlab gbdt CLI", () => {
  it("--json prints predictions, base_value, shap and the five importances equal to xgboost's", () => {
    const { code, out } = call(gbdtFamily, ["--data", SYN, "--target", "y", "--features", FEATURES.join(","), "--max-depth", "3", "--n-estimators", "50", "--learning-rate", "0.1", "--lambda", "1", "--min-child-weight", "1", "--base-score", "0.5", "--seed", "0", "--json"]);
    expect(code).toBe(0);
    const j = JSON.parse(out[0]);
    expect(Object.keys(j)).toEqual(["predictions", "base_value", "shap", "importance"]);
    const ref = expected.cases.find((c: { name: string }) => c.name === "synthetic_cli_defaults");
    j.predictions.forEach((v: number, i: number) => expect(Math.abs(v - ref.predictions[i])).toBeLessThan(1e-5));
    expect(j.shap[0].length).toBe(6);
    j.shap.forEach((row: number[], i: number) => row.forEach((v, k) => expect(Math.abs(v - ref.contribs[i][k])).toBeLessThan(1e-4)));
    expect(Math.abs(j.base_value - ref.contribs[0][6])).toBeLessThan(1e-4);
    for (const k of ["weight", "gain", "cover", "total_gain", "total_cover"]) {
      for (const [f, v] of Object.entries(ref.importance[k] as Record<string, number>)) expect(Math.abs(j.importance[k][f] - v)).toBeLessThanOrEqual(1e-5 * Math.abs(v));
    }
  });
  it("text output and --save-model", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gbdt-"));
    const file = path.join(dir, "m.json");
    const { code, out } = call(gbdtFamily, ["--data", SYN, "--target", "y", "--features", "x1,x2,x3", "--n-estimators", "5", "--save-model", file]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/5 trees/);
    const m = loadModel(fs.readFileSync(file, "utf8"), file);
    expect(m.featureNames).toEqual(["x1", "x2", "x3"]);
  });
  it("bad input: usage errors and data errors naming file, row, column", () => {
    const base = ["--data", SYN, "--target", "y", "--features", "x1,x2"];
    expect(() => call(gbdtFamily, [...base, "--max-depth", "0"])).toThrow(UsageError);
    expect(() => call(gbdtFamily, [...base, "--learning-rate", "abc"])).toThrow(/--learning-rate must be/);
    expect(() => call(gbdtFamily, [...base, "--bogus", "1"])).toThrow(/unknown option/);
    expect(() => call(gbdtFamily, ["--data", SYN, "--target", "y"])).toThrow(/--features is required/);
    expect(() => call(gbdtFamily, ["--data", SYN, "--target", "y", "--features", "x1,nope"])).toThrow(DataError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gbdt-"));
    const f = path.join(dir, "bad.csv");
    fs.writeFileSync(f, "a,b,y\n1,2,3\n4,oops,6\n7,8,9\n");
    expect(() => call(gbdtFamily, ["--data", f, "--target", "y", "--features", "a,b"])).toThrow(/bad\.csv, row 2.*column "b".*oops.*number/);
    const g = path.join(dir, "gap.csv");
    fs.writeFileSync(g, "a,b,y\n1,2,3\n4,,6\n7,8,9\n");
    expect(() => call(gbdtFamily, ["--data", g, "--target", "y", "--features", "a,b"])).toThrow(/gap\.csv, row 2.*column "b"/);
  });
});

describe("subsampling (our seeded Rng, not xgboost's stream): statistical properties", () => {
  const { X, y } = synthetic();
  it("subsample = 0.5: each tree's root cover is Binomial(n, 0.5); seeded and reproducible", () => {
    const m = trainGbdt(X, y, { nEstimators: 200, maxDepth: 2, learningRate: 0.1, subsample: 0.5, seed: 7 });
    const covers = m.trees.map((t) => t.sumHess[0]);
    const n = X.length;
    const mean = covers.reduce((a, b) => a + b, 0) / covers.length;
    // mean of 200 Binomial(300, .5) draws: SE = sqrt(300 * .25 / 200) ≈ 0.61
    expect(Math.abs(mean - n / 2)).toBeLessThan(4 * 0.62);
    const sd = Math.sqrt(covers.reduce((a, b) => a + (b - mean) ** 2, 0) / (covers.length - 1));
    expect(sd).toBeGreaterThan(0.7 * Math.sqrt(n * 0.25));
    expect(sd).toBeLessThan(1.3 * Math.sqrt(n * 0.25));
    const again = trainGbdt(X, y, { nEstimators: 200, maxDepth: 2, learningRate: 0.1, subsample: 0.5, seed: 7 });
    expect(Array.from(predictGbdt(again, X))).toEqual(Array.from(predictGbdt(m, X)));
    const other = trainGbdt(X, y, { nEstimators: 200, maxDepth: 2, learningRate: 0.1, subsample: 0.5, seed: 8 });
    expect(Array.from(predictGbdt(other, X))).not.toEqual(Array.from(predictGbdt(m, X)));
    // the fit still learns: training R² well above 0
    expect(regressionMetrics(y, predictGbdt(m, X)).r2).toBeGreaterThan(0.7);
  });
  it("colsample_bytree = 0.5: each tree splits on at most 3 of 6 features, each feature in about half the trees", () => {
    const m = trainGbdt(X, y, { nEstimators: 300, maxDepth: 3, learningRate: 0.1, colsampleBytree: 0.5, seed: 3 });
    const used = new Array(6).fill(0);
    for (const t of m.trees) {
      const s = new Set(Array.from(t.feature).filter((f) => f >= 0));
      expect(s.size).toBeLessThanOrEqual(3);
      s.forEach((f) => used[f]++);
    }
    // P(feature sampled) = 1/2; a sampled strong feature is almost always used. x1 and x3 are strong.
    for (const f of [0, 2]) expect(Math.abs(used[f] / 300 - 0.5)).toBeLessThan(0.12);
    expect(used.every((u) => u < 300 * 0.62)).toBe(true);
  });
});

describe("fast paths equal the plain computations", () => {
  const rng = new Rng(11);
  const X = Array.from({ length: 400 }, () => Array.from({ length: 8 }, () => Math.round(rng.uniform() * 40) / 8));
  const y = X.map((x) => Math.sin(x[0]) + x[1] * x[2] - (x[3] > 2 ? 1 : 0) + rng.uniform());
  it("growTree's leaf of every row equals a walk of the grown tree (subsample, γ pruning, case weights)", () => {
    const data = toColumns(X);
    const n = X.length;
    const grad = Float32Array.from(y, (v) => Math.fround(0.5 - v));
    for (const [gamma, weighted] of [[0, false], [0.5, false], [2, true]] as const) {
      const hess = Float32Array.from({ length: n }, (_, i) => (weighted ? 0.5 + (i % 3) : 1));
      const active = Uint8Array.from({ length: n }, () => (rng.uniform() < 0.7 ? 1 : 0));
      const leafOfRow = new Int32Array(n);
      const t = growTree(data, grad, hess, active, [0, 1, 2, 3, 5, 7], resolveParams({ maxDepth: 5, gamma }), undefined, leafOfRow);
      if (gamma > 0) expect(t.left.length).toBeLessThan(63);
      for (let i = 0; i < n; i++) expect(leafOfRow[i], `row ${i}`).toBe(active[i] ? leafIndex(t, X[i]) : -1);
    }
  });
  it("SHAP interaction values reusing the trees that never split on the conditioned feature are bit-identical", () => {
    const m = trainGbdt(X, y, { nEstimators: 30, maxDepth: 4, colsampleBytree: 0.5, seed: 5 });
    const rows = X.slice(0, 25);
    expect(shapInteractionValues(m, rows)).toEqual(shapInteractionValues(m, rows, { reuseUnsplitTrees: false }));
  });
});

describe("validation: split, folds, metrics, CV", () => {
  const { X, y } = synthetic();
  it("regressionMetrics on a hand example", () => {
    const r = regressionMetrics([1, 2, 3, 4], [1.5, 2, 2.5, 5]);
    expect(r.rmse).toBeCloseTo(Math.sqrt((0.25 + 0 + 0.25 + 1) / 4), 14);
    expect(r.mae).toBeCloseTo(0.5, 14);
    expect(r.r2).toBeCloseTo(1 - 1.5 / 5, 14);
  });
  it("train/test split and K folds are seeded partitions (numpy RandomState(seed).permutation order)", () => {
    const s = trainTestSplit(10, 0.3, 42);
    const perm = new Rng(42).permutation(10);
    expect(s.test).toEqual(perm.slice(0, 3).sort((a, b) => a - b));
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    const folds = kFolds(23, 5, 1);
    expect(folds.map((f) => f.test.length)).toEqual([5, 5, 5, 4, 4]);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual([...Array(23).keys()]);
    for (const f of folds) expect(f.train.length + f.test.length).toBe(23);
  });
  it("5-fold CV and a holdout give sensible out-of-sample accuracy", () => {
    const cv = crossValidate(X, y, { nEstimators: 60, maxDepth: 3, learningRate: 0.1 }, { k: 5, seed: 1 });
    expect(cv.folds.length).toBe(5);
    expect(cv.mean.r2).toBeGreaterThan(0.6);
    const oof = regressionMetrics(y, cv.oof);
    expect(oof.rmse).toBeGreaterThan(0);
    const h = holdout(X, y, { nEstimators: 60, maxDepth: 3, learningRate: 0.1 }, { testFraction: 0.25, seed: 2 });
    expect(h.split.test.length).toBe(75);
    expect(h.train.r2).toBeGreaterThan(h.test.r2);
  });
});

describe("SHAP plots (Figures that also render as SVG)", () => {
  const { X, y } = synthetic();
  const m = trainGbdt(X, y, { nEstimators: 30, maxDepth: 3, learningRate: 0.2 }, { featureNames: FEATURES });
  const shap = shapValues(m, X);
  it("bar of mean |SHAP|, largest first", () => {
    const fig = shapBarFigure(shap, FEATURES);
    const xs = fig.data[0].x as number[];
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeLessThanOrEqual(xs[i - 1]);
    const mean = meanAbsShap(shap, 6);
    expect(xs[0]).toBe(Math.max(...mean));
    const svg = figureToSvg(fig);
    expect(svg).toMatch(/^<svg/);
    for (const f of FEATURES) expect(svg).toContain(`>${f}<`);
  });
  it("beeswarm: one trace per feature plus labels; renders", () => {
    const fig = shapBeeswarmFigure(shap, X, FEATURES, { maxDisplay: 4 });
    expect(fig.data.length).toBe(5);
    expect(fig.data[0].x).toEqual(shap.map((r) => r[FEATURES.indexOf(fig.data[0].name!)]));
    expect(figureToSvg(fig)).toContain("<circle");
  });
  it("dependence plot coloured by the strongest interaction (from interaction values)", () => {
    const iv = shapInteractionValues(m, X.slice(0, 80));
    const fig = shapDependenceFigure("x1", shap.slice(0, 80), X.slice(0, 80), FEATURES, { interactionValues: iv });
    // y = x1*x2 + ... : x1's strongest partner is x2
    expect(fig.layout?.title).toEqual({ text: "SHAP dependence: x1 (colour: x2)" });
    expect(fig.data[0].marker?.color).toEqual(X.slice(0, 80).map((r) => r[1]));
    expect(figureToSvg(fig)).toContain("x2");
    const noColour = shapDependenceFigure(0, shap, X, FEATURES, { interaction: null });
    expect(noColour.data[0].marker?.color).toBe("rgb(30,136,229)");
    expect(() => shapDependenceFigure("zz", shap, X, FEATURES)).toThrow(/unknown feature/);
  });
});

describe("model JSON", () => {
  it("rejects a malformed model naming the problem", () => {
    expect(() => loadModel('{"format":"regionlab-gbdt","version":1}', "m.json")).toThrow(/m\.json: not a regionlab gbdt model: feature_names/);
  });
});
