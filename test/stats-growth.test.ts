import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { additiveDecomposition, cagr, cagrRange, compound, doublingTime, growthMultiple, multiplicativeDecomposition, structuralChange } from "kernel-lib";

// Expected values: numpy (test/reference/stats/make_expected_growth.py → expected_growth.json).
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "reference/stats/expected_growth.json"), "utf8"));
const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThan(tol * Math.max(1, Math.abs(b)));

describe("growth arithmetic against numpy", () => {
  for (const c of ref.cagr) {
    it(`CAGR ${c.start} → ${c.end} over ${c.years} years`, () => {
      close(growthMultiple(c.start, c.end), c.multiple);
      close(cagr(c.start, c.end, c.years), c.cagr);
      close(compound(c.start, cagr(c.start, c.end, c.years), c.years), c.end, 1e-12);
      const r = cagrRange(c.start, c.end, c.years, 0.05, 0.005);
      close(r.low, c.range_low);
      close(r.high, c.range_high);
    });
  }
  it("doubling times", () => {
    for (const d of ref.doubling) close(doublingTime(d.rate), d.years);
  });
  it("multiplicative decomposition: exports = world exports × China's share", () => {
    const m = ref.multiplicative;
    const d = multiplicativeDecomposition(43, [
      { name: "world", start: 20017, end: 238000 },
      { name: "share", start: 181.2 / 20017, end: 33790.44 / 238000 },
    ], { name: "exports", start: 181.2, end: 33790.44 });
    close(d.factors[0].share, m.world_share);
    close(d.factors[1].share, m.share_share);
    close(d.factors[0].cagr, m.world_cagr);
    close(d.factors[1].cagr, m.share_cagr);
    close(d.total.cagr, m.total_cagr);
    expect(Math.abs(d.closure - m.closure)).toBeLessThan(1e-12);
    const o = multiplicativeDecomposition(10, [{ name: "a", start: 1, end: 2 }, { name: "b", start: 1, end: 3 }], { name: "t", start: 1, end: 5 });
    close(o.closure, ref.multiplicative_open.closure);
    close(o.factors[0].share, ref.multiplicative_open.share_a);
    close(o.factors[1].share, ref.multiplicative_open.share_b);
  });
  it("additive decomposition: trade = exports + imports", () => {
    const a = ref.additive;
    const d = additiveDecomposition(43, [
      { name: "exports", start: 181.2, end: 33790.44 },
      { name: "imports", start: 381.4 - 181.2, end: 59359.85 - 33790.44 },
    ]);
    close(d.components[0].contribution, a.exports_contribution);
    close(d.components[1].contribution, a.imports_contribution);
    close(d.components[0].share_of_increase, a.exports_share_of_increase);
    close(d.components[1].cagr, a.imports_cagr);
    close(d.components[0].share_start, a.exports_share_start);
    close(d.components[0].share_end, a.exports_share_end);
    close(d.total.cagr, a.total_cagr);
  });
  it("structural change (norm of absorption)", () => {
    close(structuralChange(ref.structural.start, ref.structural.end), ref.structural.norm);
  });
  it("refuses what has no growth rate", () => {
    expect(() => cagr(0, 5, 3)).toThrow(/positive/);
    expect(() => cagr(1, 5, 0)).toThrow(/years/);
    expect(() => doublingTime(-0.1)).toThrow(/positive/);
    expect(() => structuralChange([1, 2], [1])).toThrow(/same length/);
  });
});
