import { describe, expect, it } from "vitest";
import { Table, frameOf, toTable, withColumns, withLags } from "kernel-lib";

// The kit's DataFrame edits: new frames, the source untouched; lags by time value within unit (Stata's L.).
const panel = () =>
  Table.fromColumns("panel", {
    city: ["a", "a", "a", "b", "b", "b"],
    year: [2001, 2002, 2004, 2002, 2001, 2003],
    x: [1, 2, 4, 20, 10, 30],
  });

describe("frameOf", () => {
  it("builds a DataFrame from plain and typed columns, text kept as text, NaN as missing", () => {
    const df = frameOf({ year: [2001, 2002], g: Float64Array.from([1.5, NaN]), city: ["a", "b"] });
    expect(df.shape).toEqual([2, 3]);
    const t = toTable(df);
    expect(Array.from(t.num("year"))).toEqual([2001, 2002]);
    expect(t.str("city")).toEqual(["a", "b"]);
    expect(t.missing.g).toBe(1);
  });

  it("refuses columns of different lengths, naming them", () => {
    expect(() => frameOf({ x: [1, 2, 3], y: [1, 2] }, "draws")).toThrow(/frameOf\(draws\): "y" has 2 values, "x" has 3/);
  });
});

describe("withColumns", () => {
  it("replaces and adds columns in a new frame and leaves the source as it was", () => {
    const df = panel().frame();
    const out = withColumns(df, { x: [9, 9, 9, 9, 9, 9], g: ["p", "q", "p", "q", "p", "q"] });
    expect(Array.from(toTable(out).num("x"))).toEqual([9, 9, 9, 9, 9, 9]);
    expect(toTable(out).str("g")).toEqual(["p", "q", "p", "q", "p", "q"]);
    expect(Array.from(toTable(df).num("x"))).toEqual([1, 2, 4, 20, 10, 30]);
    expect(df.columns).not.toContain("g");
  });

  it("keeps NaN as missing and refuses a column of the wrong length", () => {
    const out = withColumns(panel(), { y: Float64Array.from([1, NaN, 3, 4, 5, 6]) });
    const t = toTable(out);
    expect(Number.isNaN(t.num("y")[1])).toBe(true);
    expect(t.missing.y).toBe(1);
    expect(() => withColumns(panel(), { y: [1, 2] })).toThrow(/"y" has 2 values for 6 rows/);
  });
});

describe("withLags", () => {
  it("takes the value at t − 1 of the same unit, whatever the row order; gaps and first periods are missing", () => {
    const t = toTable(withLags(panel().frame(), { id: "city", time: "year", vars: ["x"] }));
    const lag = Array.from(t.num("L_x"));
    // a: 2001 none, 2002 ← 2001, 2004 ← 2003 not observed; b: 2002 ← 2001 (a later row), 2001 none, 2003 ← 2002
    expect(lag.map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, 1, null, 10, null, 20]);
    expect(t.nRows).toBe(6);
  });

  it("names the columns by prefix and goes k periods back", () => {
    const t = toTable(withLags(panel(), { id: "city", time: "year", vars: ["x"], k: 2, prefix: "lag2_" }));
    expect(Array.from(t.num("lag2_x")).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, null, 2, null, null, 10]);
  });
});
