// Frontier screening (dea's frontierScreen: solve on the efficient set first, issue 22) against the full solution.
// No external reference is needed: both sides are the same LPs, the screen only removes columns that cannot change
// the optimum, so the scores must agree to LP round-off.
import { describe, expect, it } from "vitest";
import { DeaData, dea } from "../kernel-lib/src/dea";
import { frontierSet, makeDeaRows, screenStats } from "../kernel-lib/src/dea/run";
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
