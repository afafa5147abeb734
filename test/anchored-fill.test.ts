import { describe, expect, it } from "vitest";
import { anchoredFill } from "kernel-lib";

// anchoredFill: real values where the public series has them; other years carry the drawn path from the unit's
// nearest real year. Expected numbers worked by hand from the rule (no reference tool exists for this convention).
describe("anchoredFill", () => {
  const units = ["a", "a", "a", "a", "b", "b"];
  const years = [2016, 2017, 2018, 2019, 2017, 2018];
  const drawn = [4, 5, 6, 7.5, 2, 3];
  const real = new Map([["a|2016", 8], ["a|2017", 9]]);

  it("keeps real values, scales the drawn path from the last real year, leaves units without real values drawn", () => {
    const r = anchoredFill(units, years, drawn, real);
    [8, 9, 10.8, 13.5, 2, 3].forEach((v, k) => expect(r.values[k]).toBeCloseTo(v, 12));
    expect(Array.from(r.real)).toEqual([1, 1, 0, 0, 0, 0]);
    expect([r.nReal, r.nFilled, r.nDrawn]).toEqual([2, 2, 2]);
  });

  it("shifts instead of scaling with 'difference', and anchors backwards on the nearest (earlier on a tie) real year", () => {
    const r = anchoredFill(["c", "c", "c", "c"], [2003, 2004, 2005, 2006], [1, 2, 3, 4], new Map([["c|2004", 10], ["c|2006", 20]]), "difference");
    // 2003 ← 2004 (distance 1); 2005 ties between 2004 and 2006 → 2004
    expect(Array.from(r.values)).toEqual([9, 10, 11, 20]);
  });

  it("does not depend on row order", () => {
    const order = [5, 3, 1, 4, 0, 2];
    const r = anchoredFill(order.map((k) => units[k]), order.map((k) => years[k]), order.map((k) => drawn[k]), real);
    const base = anchoredFill(units, years, drawn, real);
    order.forEach((k, j) => expect(r.values[j]).toBe(base.values[k]));
  });

  it("refuses a ratio fill from a non-positive drawn value and mismatched lengths", () => {
    expect(() => anchoredFill(["a", "a"], [2016, 2017], [0, 1], new Map([["a|2017", 3]]))).toThrow(/positive drawn values \(a: 0 in 2016/);
    expect(() => anchoredFill(["a"], [2016, 2017], [1], real)).toThrow(/1 units, 2 years, 1 drawn/);
  });
});
