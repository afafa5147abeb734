// Threaded kernels give bit-identical results to the single-threaded run with the same seed (issue 22).
// The workers run the compiled library: `npm run build` first (the test fails, not skips, without it).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { lastParallelRun, parallelMap } from "../kernel-lib/src/core/parallel";
import { exactRandomization, placeboTest } from "../kernel-lib/src/causal";
import { DeaData, dea } from "../kernel-lib/src/dea";
import { readTable } from "../kernel-lib/src/data/table";
import { threshold } from "../kernel-lib/src/panel";
import { crossValidate, shapValues, trainGbdt } from "../kernel-lib/src/gbdt";
import { createRng } from "../kernel-lib/src/rng";

const dist = path.join(__dirname, "..", "kernel-lib", "dist", "core", "parallelWorker.js");

/** Run with threads 1 and 2; the two-thread run must have used a worker. */
function both<T>(f: (threads: number) => T): [T, T] {
  const one = f(1);
  expect(lastParallelRun.workers).toBe(0);
  const two = f(2);
  expect(lastParallelRun.threads).toBe(2);
  expect(lastParallelRun.workers).toBe(1);
  return [one, two];
}

function deaPanel(n: number, T: number): DeaData {
  const r = createRng(5, "dea panel");
  const rows = { dmus: [] as string[], periods: [] as number[], X: [] as number[][], Y: [] as number[][], B: [] as number[][] };
  for (let i = 0; i < n; i++)
    for (let t = 0; t < T; t++) {
      const x = [1 + 9 * r.uniform(), 1 + 9 * r.uniform()];
      const y = Math.sqrt(x[0] * x[1]) * (0.5 + 0.5 * r.uniform());
      rows.dmus.push(`D${i}`);
      rows.periods.push(2000 + t);
      rows.X.push(x);
      rows.Y.push([y]);
      rows.B.push([y * (0.2 + r.uniform())]);
    }
  return rows;
}

describe("parallel kernels: threads 1 and 2 agree bit for bit", () => {
  it("the worker script is built", () => expect(fs.existsSync(dist), "run `npm run build` (workers load kernel-lib/dist)").toBe(true));

  it("parallelMap keeps the order and reports progress to the end", () => {
    const seen: number[] = [];
    const out = parallelMap({ module: "dea/run", name: "makeDeaRows", make: () => (i: number) => i * i }, undefined, 10, { threads: 1, onProgress: (d) => seen.push(d) });
    expect(out).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
    expect(seen.at(-1)).toBe(10);
  });

  const d = deaPanel(30, 4);

  it("an error on the calling thread waits for the workers, so the next call reads only its own results", () => {
    const o = { model: "sbm" as const, frontier: "global" as const };
    const failing = { module: "dea/run", name: "makeDeaRows", make: () => (): never => { throw new Error("boom"); } };
    expect(() => parallelMap(failing, { d, o }, d.dmus.length, { threads: 2 })).toThrow("boom");
    const [a, b] = both((threads) => dea(d, { ...o, threads }));
    expect(b).toStrictEqual(a);
  });
  for (const [model, frontier] of [["super-sbm", "global"], ["sbm", "contemporaneous"], ["bcc", "window"], ["ccr", "sequential"]] as const) {
    it(`dea ${model}, ${frontier} frontier (${d.dmus.length} rows)`, () => {
      const data = model === "bcc" || model === "ccr" ? { ...d, B: undefined } : d;
      let last = 0;
      const [a, b] = both((threads) => dea(data, { model, frontier, threads, orientation: model === "bcc" || model === "ccr" ? "input" : undefined, onProgress: (k) => (last = k) }));
      expect(last).toBe(a.length);
      expect(b).toStrictEqual(a);
    });
  }

  it(`dea super-sbm, global frontier, warm-started chains (${d.dmus.length} rows)`, () => {
    let last = 0;
    const [a, b] = both((threads) => dea(d, { model: "super-sbm", rts: "vrs", frontier: "global", warmStart: true, threads, onProgress: (k) => (last = k) }));
    expect(last).toBe(a.length);
    expect(b).toStrictEqual(a);
  });

  const dir = path.join(__dirname, "reference/causal");
  const t = readTable(path.join(dir, "staggered_panel.csv"));
  for (const mode of ["units", "dates", "both"] as const) {
    it(`placeboTest mode ${mode} (200 draws)`, () => {
      const [a, b] = both((threads) => placeboTest(t, { id: "id", time: "year", y: "y", treatment: "D", covariates: ["x1"], draws: 200, seed: 11, mode, threads }));
      expect(b.draws).toStrictEqual(a.draws);
      expect([b.p_value, b.mean, b.sd]).toStrictEqual([a.p_value, a.mean, a.sd]);
    });
  }

  it("exactRandomization (all 1260 assignments)", () => {
    const bal = readTable(path.join(dir, "wild_panel.csv"));
    const [a, b] = both((threads) => exactRandomization(bal, { id: "id", time: "year", y: "y", cohort: "cohort", covariates: ["x1"], threads }));
    expect(a.assignments).toBe(1260);
    expect(b.draws).toStrictEqual(a.draws);
    expect(b.p_value).toBe(a.p_value);
  });

  it("threshold bootstrap (double threshold, 60 draws per test)", () => {
    const data = readTable(path.join(__dirname, "reference/panel/threshold_panel.csv"));
    const o = { id: "id", time: "year", y: "y", x: ["x1", "x2"], rx: "fin", q: "q", nthresh: 2 as const, bootstrap: 60, seed: 11, keepDraws: true };
    const [a, b] = both((threads) => threshold(data, { ...o, threads }));
    expect(b.tests.map((x) => x.bootF)).toStrictEqual(a.tests.map((x) => x.bootF));
    expect(b.tests.map((x) => x.p_value)).toStrictEqual(a.tests.map((x) => x.p_value));
  });

  it("TreeSHAP rows (300 rows x 6 features, 40 trees of depth 6)", () => {
    const rows = fs.readFileSync(path.join(__dirname, "reference/gbdt/synthetic.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    const X = rows.map((r) => r.slice(0, 6));
    const model = trainGbdt(X, rows.map((r) => r[6]), { nEstimators: 40, maxDepth: 6 });
    const [a, b] = both((threads) => shapValues(model, X, { threads }));
    expect(b).toStrictEqual(a);
  });

  it("cross-validation folds (5 folds, 300 rows)", () => {
    const rows = fs.readFileSync(path.join(__dirname, "reference/gbdt/synthetic.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    const X = rows.map((r) => r.slice(0, 6));
    const y = rows.map((r) => r[6]);
    const [a, b] = both((threads) => crossValidate(X, y, { nEstimators: 30, maxDepth: 4, subsample: 0.8, seed: 3 }, { k: 5, seed: 1, threads }));
    expect(b).toStrictEqual(a);
  });
});
