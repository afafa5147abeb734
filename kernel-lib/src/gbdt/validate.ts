/**
 * Out-of-sample accuracy: RMSE, MAE and R², a seeded train/test split and K-fold cross-validation. Both draw
 * their permutation from regionlab's Rng (MT19937 = NumPy RandomState), so `permutation(n)` here equals
 * `numpy.random.RandomState(seed).permutation(n)`; folds are consecutive blocks of that permutation with
 * sizes as scikit-learn's KFold (the first n mod k folds one larger).
 */
import { parallelMap, ParallelTask, resolveThreads } from "../core/parallel";
import { Rng } from "../rng";
import { GbdtModel, predictGbdt, trainGbdt } from "./model";
import { GbdtParams } from "./tree";

export interface Accuracy {
  rmse: number;
  mae: number;
  /** 1 − SSR/SST around the mean of the evaluated y. */
  r2: number;
  n: number;
}

export function regressionMetrics(y: ArrayLike<number>, pred: ArrayLike<number>): Accuracy {
  const n = y.length;
  if (pred.length !== n) throw new RangeError(`gbdt: ${n} observations but ${pred.length} predictions`);
  if (n === 0) throw new RangeError("gbdt: no observations to score");
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let sse = 0;
  let sae = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - pred[i];
    sse += e * e;
    sae += Math.abs(e);
    sst += (y[i] - mean) ** 2;
  }
  return { rmse: Math.sqrt(sse / n), mae: sae / n, r2: sst > 0 ? 1 - sse / sst : NaN, n };
}

export interface Split {
  train: number[];
  test: number[];
}

/** Shuffle 0..n-1 with Rng(seed) and put the first round(n·testFraction) indices in the test set. */
export function trainTestSplit(n: number, testFraction = 0.25, seed = 0): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`gbdt: testFraction must be in (0, 1), got ${testFraction}`);
  const perm = new Rng(seed).permutation(n);
  const nTest = Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
  return { test: perm.slice(0, nTest).sort((a, b) => a - b), train: perm.slice(nTest).sort((a, b) => a - b) };
}

/** K folds of a seeded permutation (sizes as sklearn KFold(shuffle=True)). */
export function kFolds(n: number, k = 5, seed = 0): Split[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new RangeError(`gbdt: k must be an integer in [2, ${n}], got ${k}`);
  const perm = new Rng(seed).permutation(n);
  const out: Split[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const test = perm.slice(start, start + size).sort((a, b) => a - b);
    const train = [...perm.slice(0, start), ...perm.slice(start + size)].sort((a, b) => a - b);
    out.push({ train, test });
    start += size;
  }
  return out;
}

export interface HoldoutResult {
  model: GbdtModel;
  split: Split;
  train: Accuracy;
  test: Accuracy;
}

const pick = <T>(xs: readonly T[], idx: readonly number[]) => idx.map((i) => xs[i]);
const pickN = (xs: ArrayLike<number>, idx: readonly number[]) => idx.map((i) => xs[i]);

/** Fit on a seeded training part, score on the held-out part. */
export function holdout(X: readonly ArrayLike<number>[], y: ArrayLike<number>, params: GbdtParams = {}, opts: { testFraction?: number; seed?: number; featureNames?: string[] } = {}): HoldoutResult {
  const split = trainTestSplit(X.length, opts.testFraction ?? 0.25, opts.seed ?? 0);
  const model = trainGbdt(pick(X, split.train), pickN(y, split.train), params, { featureNames: opts.featureNames });
  return {
    model,
    split,
    train: regressionMetrics(pickN(y, split.train), predictGbdt(model, pick(X, split.train))),
    test: regressionMetrics(pickN(y, split.test), predictGbdt(model, pick(X, split.test))),
  };
}

export interface CvResult {
  folds: (Accuracy & { fold: number })[];
  mean: { rmse: number; mae: number; r2: number };
  sd: { rmse: number; mae: number; r2: number };
  /** Out-of-fold prediction for every row. */
  oof: Float64Array;
}

interface FoldPayload {
  X: readonly ArrayLike<number>[];
  y: ArrayLike<number>;
  params: GbdtParams;
  folds: Split[];
}

/** Worker factory (core/parallel): item f fits fold f's training rows and predicts its test rows. */
export function makeFoldFits(p: FoldPayload): (f: number) => Float64Array {
  return (f) => predictGbdt(trainGbdt(pick(p.X, p.folds[f].train), pickN(p.y, p.folds[f].train), p.params), pick(p.X, p.folds[f].test));
}

const foldTask: ParallelTask<FoldPayload, Float64Array> = { module: "gbdt/validate", name: "makeFoldFits", make: makeFoldFits };

/**
 * K-fold cross-validation: per-fold test RMSE/MAE/R², their mean and SD (n − 1), out-of-fold predictions. The
 * folds are fitted on `threads` threads (default: the cores); each fold's fit is the same whichever thread runs
 * it, so the result does not depend on the number of threads.
 */
export function crossValidate(X: readonly ArrayLike<number>[], y: ArrayLike<number>, params: GbdtParams = {}, opts: { k?: number; seed?: number; threads?: number } = {}): CvResult {
  const folds = kFolds(X.length, opts.k ?? 5, opts.seed ?? 0);
  const oof = new Float64Array(X.length);
  const preds = parallelMap(foldTask, { X, y, params, folds }, folds.length, { threads: resolveThreads(opts.threads, "crossValidate") });
  const res = folds.map((f, i) => {
    const p = preds[i];
    f.test.forEach((r, k) => (oof[r] = p[k]));
    return { fold: i + 1, ...regressionMetrics(pickN(y, f.test), p) };
  });
  const stat = (k: "rmse" | "mae" | "r2") => {
    const v = res.map((r) => r[k]);
    const mu = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, v.length - 1));
    return [mu, sd];
  };
  const [rm, rs] = stat("rmse");
  const [mm, ms] = stat("mae");
  const [qm, qs] = stat("r2");
  return { folds: res, mean: { rmse: rm, mae: mm, r2: qm }, sd: { rmse: rs, mae: ms, r2: qs }, oof };
}
