// Few-cluster inference (kernel-lib/src/causal/wildBootstrap.ts) against test/reference/causal/wild_expected.json,
// produced by test/reference/causal/wild_reference.R (base R lm() with factor dummies + sandwich::vcovCL HC1,
// refitting every one of the 2^G sign vectors; exact randomization by enumerating all distinct assignments).
// Enumerated quantities are deterministic: compared to 1e-8 (relative to max(1, |x|)).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readTable } from "../kernel-lib/src/data/table";
import { exactRandomization, placeboTest, twfeDid, wildClusterBootstrap } from "../kernel-lib/src/causal";

const dir = path.join(__dirname, "reference/causal");
const E = JSON.parse(fs.readFileSync(path.join(dir, "wild_expected.json"), "utf8"));
const bal = readTable(path.join(dir, "wild_panel.csv"));
const keep: number[] = [];
bal.num("unbal_keep").forEach((v, i) => v === 1 && keep.push(i));
const unb = bal.take(keep);
const close = (a: number, b: number, tol = 1e-8) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
const base = { id: "id", time: "year", y: "y", cohort: "cohort", covariates: ["x1"] };

describe.each([
  ["balanced", bal, E.wild_balanced],
  ["unbalanced", unb, E.wild_unbalanced],
])("wild cluster bootstrap (WCR, Rademacher, exhaustive), %s panel", (_name, data, ref) => {
  it("matches lm + vcovCL(HC1) refits of all 2^G sign vectors (preset stata.areg)", () => {
    const w = wildClusterBootstrap(data, { ...base, preset: "stata.areg" });
    expect(w.exhaustive).toBe(true);
    expect(w.clusters).toBe(ref.G);
    expect(w.draws).toBe(ref.draws);
    close(w.estimate, ref.estimate);
    close(w.statistic, ref.t);
    expect(Math.round(w.p_value * w.draws)).toBe(Math.round(ref.p * ref.draws));
    const td: number[] = ref.t_draws;
    for (let m = 0; m < td.length; m++) close(w.t_draws[m], td[m]);
  });
  it("the default preset (reghdfe) rescales every t by one constant: same p, t = twfeDid's t", () => {
    const w = wildClusterBootstrap(data, base);
    const did = twfeDid(data, base);
    close(w.statistic, did.statistic);
    expect(Math.round(w.p_value * w.draws)).toBe(Math.round(ref.p * ref.draws));
    const r = w.t_draws[5] / ref.t_draws[5];
    for (let m = 0; m < ref.t_draws.length; m++) close(w.t_draws[m], r * ref.t_draws[m]);
  });
});

describe("wild cluster bootstrap, random draws", () => {
  it("G > enumerateLimit: seeded Rademacher draws, reproducible, p near the exact one", () => {
    const a = wildClusterBootstrap(bal, { ...base, preset: "stata.areg", enumerateLimit: 4, draws: 4000, seed: 7 });
    const b = wildClusterBootstrap(bal, { ...base, preset: "stata.areg", enumerateLimit: 4, draws: 4000, seed: 7 });
    expect(a.exhaustive).toBe(false);
    expect(a.draws).toBe(4000);
    expect(Array.from(a.t_draws)).toEqual(Array.from(b.t_draws));
    const p = E.wild_balanced.p;
    expect(Math.abs(a.p_value - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 4000));
    // every random t* is one of the enumerated values
    const set = (E.wild_balanced.t_draws as number[]).map((x) => x.toFixed(8));
    expect(Array.from(a.t_draws).every((t) => set.includes(t.toFixed(8)))).toBe(true);
    expect(() => wildClusterBootstrap(bal, { ...base, enumerateLimit: 4 })).toThrow(/seed/);
  });
});

describe.each([
  ["balanced", bal, E.ri_balanced],
  ["unbalanced", unb, E.ri_unbalanced],
])("exact randomization over every assignment of the adoption years, %s panel", (_name, data, ref) => {
  it("matches lm refits of every distinct assignment", () => {
    const r = exactRandomization(data, base);
    expect(r.assignments).toBe(ref.assignments);
    close(r.estimate, ref.estimate);
    expect(Math.round(r.p_value * r.assignments)).toBe(Math.round(ref.p * ref.assignments));
    const mine = Array.from(r.draws).sort((x, y) => x - y);
    const theirs: number[] = ref.draws_sorted;
    for (let m = 0; m < theirs.length; m++) close(mine[m], theirs[m]);
  });
});

describe("exact randomization: limits and consistency with placeboTest", () => {
  it("throws above the limit; placeboTest's random unit permutations are a subset of the enumeration", () => {
    expect(() => exactRandomization(bal, { ...base, limit: 1000 })).toThrow(/1260 distinct assignments/);
    const all = new Set(Array.from(exactRandomization(bal, base).draws).map((x) => x.toFixed(9)));
    const p = placeboTest(bal, { ...base, draws: 50, seed: 3, mode: "units" });
    expect(Array.from(p.draws).every((x) => all.has(x.toFixed(9)))).toBe(true);
  });
});
