// Frontier screening (dea's frontierScreen: solve on the efficient set first, issue 22) against the full solution.
// No external reference is needed: both sides are the same LPs, the screen only removes columns that cannot change
// the optimum, so the scores must agree to LP round-off.
import { describe, expect, it } from "vitest";
import { DeaData, dea } from "../kernel-lib/src/dea";
import { WARM_BLOCK, frontierSet, makeDeaRows, neighbourOrder, screenStats, warmStats } from "../kernel-lib/src/dea/run";
import { dominanceScreen } from "../kernel-lib/src/dea/screen";
import { createRng } from "../kernel-lib/src/rng";

function panel(n: number): DeaData {
  const r = createRng(9, "dea screen");
  const d = { dmus: [] as string[], X: [] as number[][], Y: [] as number[][], B: [] as number[][] };
  for (let i = 0; i < n; i++) {
    const size = 0.5 + 2 * r.uniform();
    const x = [size * (1 + 9 * r.uniform()), size * (1 + 9 * r.uniform()), size * (1 + 4 * r.uniform())];
    const y = Math.pow(x[0], 0.4) * Math.pow(x[1], 0.4) * Math.pow(x[2], 0.2) * (0.5 + 0.5 * r.uniform());
    d.dmus.push(`D${i}`);
    d.X.push(x);
    d.Y.push([y]);
    d.B.push([y * (0.2 + r.uniform())]);
  }
  return d;
}

describe("dea frontier screening equals the full solution", () => {
  const d = panel(1200);
  for (const [model, rts, undesirable] of [["super-sbm", "vrs", true], ["sbm", "crs", false], ["bcc", undefined, false], ["additive", "vrs", true]] as const) {
    it(`${model} ${rts ?? ""}${undesirable ? " with an undesirable output" : ""} (1200 DMUs, blocks of 500)`, () => {
      const data = undesirable ? d : { ...d, B: undefined };
      const o = { model, rts, orientation: model === "bcc" ? ("input" as const) : undefined, threads: 1 };
      const full = dea(data, { ...o, frontierScreen: false });
      const screened = dea(data, { ...o, frontierScreen: true });
      const v = (r: (typeof full)[number]) => (model === "additive" ? r.objective! : r.efficiency!);
      let m = 0;
      full.forEach((r, i) => (m = Math.max(m, Math.abs(v(r) - v(screened[i])))));
      expect(m).toBeLessThan(1e-9);
      expect(screened.map((r) => r.infeasible)).toEqual(full.map((r) => r.infeasible));
    });
  }
  it("the efficient set holds every efficient DMU and is much smaller than the data", () => {
    const E = frontierSet(d, { model: "sbm", rts: "vrs" }, 1);
    const full = dea(d, { model: "sbm", rts: "vrs", frontierScreen: false, threads: 1 });
    const eff = full.map((r, j) => (r.efficiency! >= 1 - 1e-9 ? j : -1)).filter((j) => j >= 0);
    for (const j of eff) expect(E).toContain(j);
    expect(E.length).toBeLessThan(d.dmus.length / 5);
  });
  it("the dominance screen is computed once per reference set, on the calling thread, and handed to the rows", () => {
    const d = panel(400);
    const o = { model: "super-sbm" as const, rts: "vrs" as const, frontierScreen: true, threads: 1 };
    const before = screenStats.computed;
    const handed = dea(d, o);
    expect(screenStats.computed - before).toBe(1); // global frontier: one reference set (was two: frontierSet and the rows)
    // the rows computing their own screen give the same numbers bit for bit
    const own = makeDeaRows({ d, o: { ...o, frontierScreen: false } });
    const plain = dea(d, { ...o, frontierScreen: false });
    expect(d.dmus.map((_, k) => own(k))).toStrictEqual(plain.map((r) => ({ ...r })));
    expect(handed.map((r) => r.efficiency)).toHaveLength(d.dmus.length);
    const periods = { ...d, periods: d.dmus.map((_, j) => 2000 + (j % 4)) };
    const b2 = screenStats.computed;
    dea(periods, { model: "sbm", rts: "vrs", frontier: "contemporaneous", threads: 1 });
    expect(screenStats.computed - b2).toBe(4);
  });
});

/** The definition, pair by pair: l dominates k when l ≠ k is weakly better everywhere and strictly somewhere, or
 * equal and earlier in idx. Kept = dominated by none; onlyBy(l) = rows dominated by l alone. */
function allPairs(d: DeaData, idx: number[]) {
  const vals = (k: number) => [...d.X[k], ...d.Y[k].map((y) => -y), ...(d.B?.[k] ?? [])];
  const count = idx.map(() => 0), first = idx.map(() => -1);
  idx.forEach((k, a) =>
    idx.forEach((l, c) => {
      if (c === a) return;
      const u = vals(l), v = vals(k);
      const weak = u.every((z, i) => z <= v[i]), strict = u.some((z, i) => z < v[i]);
      if (weak && (strict || c < a)) (count[a]++, first[a] < 0 && (first[a] = l));
    }),
  );
  const kept = idx.filter((_, a) => count[a] === 0);
  const onlyBy = new Map<number, number[]>();
  idx.forEach((k, a) => count[a] === 1 && onlyBy.set(first[a], [...(onlyBy.get(first[a]) ?? []), k]));
  return { kept, onlyBy };
}

describe("the sort-based dominance screen equals the all-pairs scan", () => {
  const sorted = (m: Map<number, number[]>) => [...m].sort((a, b) => a[0] - b[0]);
  const cases: [string, DeaData][] = [];
  const r = createRng(31, "dominance screen cases");
  const grid = (k: number) => Math.floor(r.uniform() * k); // few distinct values: many ties and equal rows
  for (const [name, n, lv] of [["continuous", 600, 0], ["tie-heavy (3 levels)", 500, 3], ["tie-heavy (2 levels)", 300, 2]] as const) {
    const d: DeaData = { dmus: [], X: [], Y: [], B: [] };
    for (let i = 0; i < n; i++) {
      const val = () => (lv ? grid(lv) : r.uniform());
      (d.dmus as string[]).push(`D${i}`);
      (d.X as number[][]).push([val() + 1, val() + 1]);
      (d.Y as number[][]).push([val() + 1]);
      (d.B as number[][]).push([val()]);
    }
    cases.push([name, d]);
  }
  // duplicates: every row of a small panel three times, interleaved, plus rows equal to a kept row but for one value
  const base = panel(120);
  const dup: DeaData = { dmus: [], X: [], Y: [], B: [] };
  for (let c = 0; c < 3; c++)
    base.dmus.forEach((_, j) => {
      (dup.dmus as string[]).push(`${base.dmus[j]}#${c}`);
      (dup.X as number[][]).push([...base.X[j]]);
      (dup.Y as number[][]).push(c === 2 && j % 5 === 0 ? [base.Y[j][0] * 0.999] : [...base.Y[j]]);
      (dup.B as number[][]).push([...base.B![j]]);
    });
  cases.push(["duplicated rows", dup]);
  cases.push(["real-valued panel, no undesirable output", { ...panel(700), B: undefined }]);
  for (const [name, d] of cases) {
    it(name, () => {
      const n = d.dmus.length;
      const idx = Array.from({ length: n }, (_, k) => k);
      const want = allPairs(d, idx);
      const got = dominanceScreen(d, idx);
      expect(got.kept).toEqual(want.kept);
      expect(sorted(got.onlyBy)).toEqual(sorted(want.onlyBy));
      // a subset in another order (the reference sets of sequential/window frontiers are such lists)
      const sub = idx.filter((k) => k % 3 !== 1).reverse();
      const w2 = allPairs(d, sub), g2 = dominanceScreen(d, sub);
      expect(g2.kept).toEqual(w2.kept);
      expect(sorted(g2.onlyBy)).toEqual(sorted(w2.onlyBy));
      expect(want.kept.length).toBeLessThan(n);
    });
  }
});

describe("warm-started LPs (basis of a neighbouring DMU) equal the cold solution", () => {
  const d = panel(1500);
  const o = { model: "super-sbm" as const, rts: "vrs" as const, frontier: "global" as const, threads: 1 };
  const cold = dea(d, { ...o, warmStart: false });
  const before = { ...warmStats };
  const warm = dea(d, { ...o, warmStart: true });
  it("scores, SBM scores and slacks within 1e-9; the same infeasibility flags", () => {
    let m = 0;
    cold.forEach((r, i) => {
      const w = warm[i];
      m = Math.max(m, Math.abs(r.efficiency! - w.efficiency!), Math.abs((r.sbm ?? 0) - (w.sbm ?? 0)));
      [...r.slacks.inputs, ...r.slacks.outputs, ...r.slacks.undesirable].forEach((v, k) =>
        (m = Math.max(m, Math.abs(v - [...w.slacks.inputs, ...w.slacks.outputs, ...w.slacks.undesirable][k]) / (1 + Math.abs(v)))));
      expect(w.infeasible).toBe(r.infeasible);
      expect(w.superEfficient).toBe(r.superEfficient);
    });
    expect(m).toBeLessThanOrEqual(1e-9);
  });
  it("about half the LPs or more start from a neighbour's basis, and they need fewer pivots", () => {
    const used = warmStats.warm - before.warm, refused = warmStats.cold - before.cold;
    expect(used + refused).toBe(d.dmus.length - Math.ceil(d.dmus.length / WARM_BLOCK));
    expect(used).toBeGreaterThan(0.4 * (used + refused));
    const its = (rs: typeof cold) => rs.reduce((a, r) => a + r.iterations, 0);
    expect(its(warm)).toBeLessThan(0.6 * its(cold));
  });
  it("do not depend on the input row order (same numbers after a shuffle) or on the thread count", () => {
    const r = createRng(4, "warm shuffle");
    const perm = d.dmus.map((_, i) => i);
    for (let i = perm.length - 1; i > 0; i--) { const j = r.integer(0, i + 1); [perm[i], perm[j]] = [perm[j], perm[i]]; }
    const sh: DeaData = { dmus: perm.map((i) => d.dmus[i]), X: perm.map((i) => d.X[i]), Y: perm.map((i) => d.Y[i]), B: perm.map((i) => d.B![i]) };
    const ws = dea(sh, { ...o, warmStart: true });
    let m = 0;
    perm.forEach((i, k) => (m = Math.max(m, Math.abs(ws[k].efficiency! - warm[i].efficiency!))));
    expect(m).toBeLessThanOrEqual(1e-12);
    const order = neighbourOrder(d, d.dmus.map((_, i) => i));
    expect([...order].sort((a, b) => a - b)).toEqual(d.dmus.map((_, i) => i));
    expect(neighbourOrder(sh, perm.map((_, k) => k)).map((k) => perm[k])).toEqual(order);
  });
});

describe("super-efficiency needs more than the efficient set as reference", () => {
  // One input, one output, VRS. B is efficient; D is dominated by B only. Without B, D is on the frontier, so
  // super-SBM of B against the efficient set minus B ({A, C}) overstates δ: 1.3571 (point (2.714, 4) on A–C)
  // instead of 1.2821 (D: (1 + 0.5/2) / (1 − 0.1/4)).
  const d: DeaData = { dmus: ["A", "B", "C", "D"], X: [[1], [2], [3], [2.5]], Y: [[1], [4], [4.5], [3.9]] };
  it("the dominance-screened set puts D back and gives δ(B) = 1.25 / 0.975", () => {
    const r = dea(d, { model: "super-sbm", rts: "vrs", threads: 1 });
    expect(r[1].efficiency!).toBeCloseTo(1.25 / 0.975, 12);
    expect(r[1].peers.map((p) => p.dmu)).toEqual(["D"]);
    const againstEfficient = dea({ dmus: ["A", "B", "C"], X: [[1], [2], [3]], Y: [[1], [4], [4.5]] }, { model: "super-sbm", rts: "vrs", threads: 1 });
    expect(againstEfficient[1].efficiency!).toBeCloseTo(1 + 5 / 14, 10);
  });
});
