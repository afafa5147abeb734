import { describe, expect, it } from "vitest";
import * as path from "path";
import { DataFrame } from "danfojs-node";
import { DataError, Table, openData, tableFromFrame, toTable } from "kernel-lib";

describe("danfojs DataFrames at the edge", () => {
  it("converts numbers, booleans and text once, keeping every value and counting missing cells", () => {
    const df = new DataFrame({ id: ["a", "b", "c"], x: [1.25, null, 3], d: [true, false, true] });
    const t = tableFromFrame(df, "demo");
    expect(Array.from(t.num("x"))).toEqual([1.25, NaN, 3]);
    expect(Array.from(t.num("d"))).toEqual([1, 0, 1]);
    expect(t.str("id")).toEqual(["a", "b", "c"]);
    expect(t.missing).toEqual({ x: 1 });
    // doubles pass through exactly (danfojs labels them float32 but keeps JS numbers)
    const v = 0.1 + 0.2;
    expect(tableFromFrame(new DataFrame({ v: [v, 1e-300] })).num("v")[0]).toBe(v);
  });

  it("refuses a non-finite number or a column mixing numbers and text, naming row and column", () => {
    expect(() => tableFromFrame(new DataFrame({ x: [1, Infinity] }), "mine")).toThrow(DataError);
    expect(() => tableFromFrame(new DataFrame({ x: [1, Infinity] }), "mine")).toThrow(/mine, row 2.*column "x"/);
    expect(() => tableFromFrame(new DataFrame({ x: [1, "two"] }), "mine")).toThrow(/row 2.*column "x".*one type per column/);
  });

  it("passes a Table through and refuses anything else", () => {
    const t = Table.fromColumns("t", { x: [1, 2] });
    expect(toTable(t)).toBe(t);
    expect(() => toTable({} as never)).toThrow(/DataFrame or a kernel-lib Table/);
  });

  it("openData gives the validated data as a DataFrame too", async () => {
    const d = await openData(path.join(__dirname, "..", "data", "yangtze-openness", "printed_table1.csv"));
    expect(d.frame.shape).toEqual([d.table.nRows, d.table.names.length]);
    expect(tableFromFrame(d.frame).num("z1993")).toEqual(d.table.num("z1993"));
  });
});
