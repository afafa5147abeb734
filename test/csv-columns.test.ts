// The one-pass typed CSV reader (data/csvColumns, behind readTable) against the grid path it replaces
// (parseCsvText + validateGrid, kept for other callers): the same columns bit for bit and the same errors, on
// generated files with every awkward cell the input layer knows (issue 22; the messages are issue 17's).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetSpec } from "../kernel-lib/src/data/schema";
import { Table, parseCsvText, readTable, validateGrid } from "../kernel-lib/src/data/table";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csvcols-"));
let k = 0;

function outcome(f: () => Table): unknown {
  try {
    const t = f();
    return { names: t.names, nRows: t.nRows, missing: t.missing, lines: Array.from(t.lines ?? []), cols: t.names.map((n) => { const c = t.col(n); return c instanceof Float64Array ? { num: Array.from(c, (v) => (Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v)) } : { str: c }; }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function same(text: string, spec?: DatasetSpec, chunks = [4, 5, 7, 13]) {
  const file = path.join(dir, `f${k++}.csv`);
  fs.writeFileSync(file, text);
  const ours = outcome(() => readTable(file, spec));
  const grid = outcome(() => validateGrid(parseCsvText(fs.readFileSync(file, "utf8"), file), spec));
  expect(ours).toEqual(grid);
  // rows, quoted cells, CRLF pairs and UTF-8 characters cut by a chunk's end
  for (const chunkBytes of chunks) expect(outcome(() => readTable(file, spec, { chunkBytes }))).toEqual(grid);
}

const cell = fc.oneof(
  fc.constantFrom("", "NA", ".", " 3 ", "007", "0", "-0", "+4", "1.", ".5", "1e3", "1E-2", "1e999", "-1e999", "NaN", "Inf", "-inf", "0x10", "1,5", "abc", "北京", "2.5e+1", "12345678901234567890", "0.1234567890123456789", "9007199254740993", "1e-320", "5e-324", "1.7976931348623157e308", "3.14159", "100"),
  fc.double({ noNaN: true }).map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 4 }).filter((s) => !/[",\r\n]/.test(s)),
);

describe("one-pass typed CSV reader = the grid path", () => {
  it("numbers, text, missing markers, odd literals; with and without a schema", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 12 }), fc.boolean(), fc.boolean(), (rows, crlf, quoteSome) => {
        const nl = crlf ? "\r\n" : "\n";
        const q = (s: string, i: number) => (quoteSome && i % 2 ? `"${s}"` : s);
        const text = ["a,b,c", ...rows.map((r) => r.map(q).join(","))].join(nl) + nl;
        same(text);
        same(text, { name: "t", columns: { a: { type: "number", optional: true }, b: { type: "string", optional: true }, c: { type: "number", min: 0 } } } as DatasetSpec);
      }),
      { numRuns: 300 },
    );
  });

  it("BOM, blank lines, multi-line quoted cells, doubled quotes, short and long rows, one column, tabs", () => {
    same("\ufeffid,year,x\n\n1,2000,\"3\"\n\n\"a\nb\",2001,4\n");
    same("id,year,x\n1,2000,3\n1,,4\n1,,5\n2,2001,1\n2,2001.5,1\n2,2001,2\n", { name: "t", id: "id", time: "year", columns: { id: { type: "string" }, year: { type: "number", optional: true }, x: { type: "number" } } } as DatasetSpec);
    same("id,year,x\n1,1e9,3\n1,-1e9,4\n1,1e9,5\n", { name: "t", id: "id", time: "year", columns: { id: { type: "string" }, year: { type: "number" }, x: { type: "number" } } } as DatasetSpec);
    same("id,year,x\r\n1,2000,3\r\n1,2000,4\r\n", { name: "t", id: "id", time: "year", columns: { id: { type: "string" }, year: { type: "number", integer: true }, x: { type: "number" } } } as DatasetSpec);
    same("x\n1\n2\n\n3\n");
    same("a,b\n1\n2,3,4\n");
    same('a,b\n"he said ""hi""",2\n');
    same("a\tb\n1\t2\n3\t4");
    same("a;b\n1;2\n3;4");
    same('a,b\n"open,2\n3,4\n');
    same("a,b\n , \n1,2\n");
    same("a,b,b\n1,2,3\n");
    same("   \n\n");
    same("a,b\n");
  });

  it("thousands of columns, UTF-8 Chinese names and values, CRLF with quoted line breaks, in small chunks", () => {
    const wide = Array.from({ length: 3000 }, (_, j) => `v${j}`);
    const rows = [0, 1, 2].map((r) => wide.map((_, j) => (j % 7 === 3 ? "" : String(r * 3000 + j * 0.5))).join(","));
    same([wide.join(","), ...rows].join("\n") + "\n");
    same([wide.join(","), ...rows].join("\r\n"), { name: "wide", columns: { v0: { type: "number", min: 0 }, v3: { type: "number", optional: true }, v2999: { type: "number" } } } as DatasetSpec);
    const zh = "\ufeff城市,年份,人口（万人）,备注\r\n北京,2000,1363.6,\"首都\r\n直辖市\"\r\n上海,2000,1608.6,直辖市\r\n\r\n重庆,2000,3091.1,\"\"\"山城\"\"\"\r\n";
    same(zh);
    same(zh, { name: "zh", id: "城市", time: "年份", columns: { 城市: { type: "string" }, 年份: { type: "number", integer: true }, "人口（万人）": { type: "number", min: 0 }, 备注: { type: "string", levels: ["首都\r\n直辖市", "直辖市", '"山城"'] } } } as DatasetSpec);
    // long rows in the first chunk, short ones after: the columns, sized from the first chunk, must grow
    const rows2 = Array.from({ length: 500 }, (_, i) => `${i + 2},${i % 3 ? "a" : ""},${i * 0.25}`);
    same(`id,note,x\n1,"${"x".repeat(3000)}",1\n${rows2.join("\n")}\n`, undefined, [4096]);
    same(`id,note,x\n1,"${"x".repeat(3000)}",1\n${rows2.join("\n")}\n`, { name: "grow", id: "id", columns: { id: { type: "number", integer: true }, note: { type: "string", optional: true }, x: { type: "number" } } } as DatasetSpec, [4096]);
    same(zh.replace("1608.6", "一千六"), { name: "zh", columns: { "人口（万人）": { type: "number", min: 0 } } } as DatasetSpec);
  });
});
