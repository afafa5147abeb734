import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
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

describe("estimators take a DataFrame directly", () => {
  const rows = 60;
  const cols = {
    id: Array.from({ length: rows }, (_, i) => `u${i % 12}`),
    year: Array.from({ length: rows }, (_, i) => 2000 + Math.floor(i / 12)),
    x: Array.from({ length: rows }, (_, i) => Math.sin(i) + i / 30),
    x2: Array.from({ length: rows }, (_, i) => 1 + ((i * 7) % 11) / 3),
  };
  const y = cols.x.map((v, i) => 0.5 * v - 0.2 * cols.x2[i] + Math.cos(3 * i) / 4);
  const df = new DataFrame({ ...cols, y });

  it("feols: the same fit from a DataFrame as from a Table", async () => {
    // src modules throughout (a dist Table is another class than a src Table)
    const { feols } = await import("../kernel-lib/src/panel/estimate");
    const { Table: SrcTable } = await import("../kernel-lib/src/data/table");
    const t = SrcTable.fromColumns("t", { ...cols, y });
    const a = feols(df, "y ~ x + x2 | id + year");
    const b = feols(t, "y ~ x + x2 | id + year");
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
    expect(Array.from(a.se)).toEqual(Array.from(b.se));
  });

  it("deaDataFrom: DEA data by column names from a DataFrame", async () => {
    const { deaDataFrom } = await import("../kernel-lib/src/dea/data");
    const d = deaDataFrom(df, { dmu: "id", period: "year", inputs: ["x2"], outputs: ["x2"] });
    expect(d.X.length).toBe(rows);
    expect(d.periods?.[13]).toBe(2001);
    expect(() => deaDataFrom(new DataFrame({ id: ["a", "b"], x: [1, -2], o: [1, 1] }), { dmu: "id", inputs: ["x"], outputs: ["o"] })).toThrow(/row 2.*column "x".*non-negative/);
  });
});

describe("XLSX cells are read as stored, not as displayed", () => {
  it("a number formatted 0.00 or shown in scientific notation keeps its stored value", async () => {
    const XLSX = await import("xlsx");
    const { readXlsxGrid } = await import("../kernel-lib/src/data/table");
    const ws = XLSX.utils.aoa_to_sheet([["small", "large", "code"], [0.0016719, 123456789012.5, "0101"]]);
    ws["A2"].z = "0.00";
    ws["B2"].z = "0.00E+00";
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "data");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-xlsx-"));
    const file = path.join(dir, "formatted.xlsx");
    fs.writeFileSync(file, XLSX.write(wb, { type: "buffer", bookType: "xlsx" }));
    // the workbook really carries the formats: Excel would show 0.00 and 1.23E+11
    const shown = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(file), { type: "buffer" }).Sheets.data, { header: 1, raw: false });
    expect(shown[1]).toEqual(["0.00", "1.23E+11", "0101"]);
    const g = readXlsxGrid(file);
    expect(g.rows[0]).toEqual(["0.0016719", "123456789012.5", "0101"]);
  });
});
