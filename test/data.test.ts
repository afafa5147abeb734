import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DataError, cellCheck, cellSchema, describe as describeTable, groupSummary, lagWithin, leadWithin, log1p, ln, panelStructure, parseSchemaFile,
  quantile, readTable, shiftWithin, winsorize, deflate,
} from "../kernel-lib/src/data";

const fx = (f: string) => path.join(__dirname, "fixtures", f);
const ref = (f: string) => path.join(__dirname, "reference", "data", f);
const spec = parseSchemaFile(fs.readFileSync(fx("panel_schema.json"), "utf8"), "panel_schema.json");
const csvRows = (f: string) => readTable(ref(f)).rows();

/** Expect a DataError whose one-line message names file, row and column. */
function expectDataError(fn: () => unknown, parts: { file: string; row?: number; column?: string; text?: RegExp }) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    const msg = (e as Error).message;
    expect(msg.split("\n")).toHaveLength(1);
    expect(msg).toContain(parts.file);
    if (parts.row !== undefined) expect(msg).toContain(`row ${parts.row}`);
    if (parts.column) expect(msg).toContain(`column "${parts.column}"`);
    if (parts.text) expect(msg).toMatch(parts.text);
    return msg;
  }
  throw new Error("expected a DataError");
}

describe("reading and validating datasets", () => {
  it("reads a valid panel with typed columns and counts missing cells", () => {
    const t = readTable(ref("panel_small.csv"), spec);
    expect(t.nRows).toBe(25);
    expect(t.num("x")).toBeInstanceOf(Float64Array);
    expect(t.str("id")[0]).toBe("A");
    expect(t.missing.y).toBe(1);
    expect(Number.isNaN(t.num("y")[t.rows().findIndex((r) => r.id === "C" && r.year === 2015)])).toBe(true);
  });

  it("names a missing column", () => {
    expectDataError(() => readTable(fx("bad_missing_column.csv"), spec), { file: "bad_missing_column.csv", column: "y", text: /in the header/ });
  });

  it("names a duplicate id-year with the row of its first occurrence", () => {
    const msg = expectDataError(() => readTable(fx("bad_duplicate.csv"), spec), { file: "bad_duplicate.csv", row: 4, column: "id+year" });
    expect(msg).toContain("already on row 2");
  });

  it("names text in a numeric column with the value and what was expected", () => {
    const msg = expectDataError(() => readTable(fx("bad_text.csv"), spec), { file: "bad_text.csv", row: 3, column: "x" });
    expect(msg).toContain('"abc"');
    expect(msg).toContain("a number");
  });

  it("names out-of-range values and empty required cells", () => {
    expectDataError(() => readTable(fx("bad_range.csv"), spec), { file: "bad_range.csv", row: 2, column: "x", text: />= 0/ });
    expectDataError(() => readTable(fx("bad_empty.csv"), spec), { file: "bad_empty.csv", row: 1, column: "x", text: /empty/ });
  });

  it("reports a missing file as a DataError", () => {
    expectDataError(() => readTable(fx("no_such_file.csv"), spec), { file: "no_such_file.csv", text: /not found/ });
  });

  it("reads XLSX through the same validation, naming the sheet", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const XLSX = require("xlsx");
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["id", "year", "x", "y"], ["A", 2010, 1.5, 2], ["A", 2011, "oops", 3]]), "panel");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rl-")), "p.xlsx");
    XLSX.writeFile(wb, file);
    expectDataError(() => readTable(file, spec), { file: "p.xlsx[panel]", row: 2, column: "x" });
    const ok = readTable(file, { ...spec, columns: { ...spec.columns, x: { type: "string" } } });
    expect(ok.nRows).toBe(2);
  });

  it("keeps codes with leading zeros as text when inferring types", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rl-")), "codes.csv");
    fs.writeFileSync(file, "code,v\n010100,1\n020200,2\n");
    const t = readTable(file);
    expect(t.str("code")).toEqual(["010100", "020200"]);
    expect(Array.from(t.num("v"))).toEqual([1, 2]);
  });

  it("the compiled cell check agrees with the zod schema on every probe", () => {
    const specs = [
      { type: "number" as const }, { type: "number" as const, min: 0, max: 1 }, { type: "number" as const, integer: true, min: 1990 },
      { type: "string" as const }, { type: "string" as const, levels: ["a", "b"] }, { type: "string" as const, pattern: "^\\d{6}$" },
    ];
    const probes: (number | string)[] = [0, 1, -1, 0.5, 1990, 1989.5, 2030, Infinity, NaN, 1e300, "", "a", "c", "123456", "12345", "1234567", "b"];
    for (const c of specs) for (const v of probes) expect(cellCheck(c)(v), `${JSON.stringify(c)} ${String(v)}`).toBe(cellSchema(c).safeParse(v).success);
  });

  it("hands the table to danfojs", () => {
    const df = readTable(ref("panel_small.csv"), spec).frame();
    expect(df.shape).toEqual([25, 4]);
  });
});

describe("panel verbs against base R (test/reference/data/make_expected.R)", () => {
  const t = readTable(ref("panel_small.csv"), spec);
  const ids = t.str("id");
  const years = t.num("year");
  const x = t.num("x");
  const nanEq = (a: ArrayLike<number>, b: (number | string | null)[]) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) {
      if (b[i] === null || b[i] === "") expect(Number.isNaN(a[i])).toBe(true);
      else expect(a[i]).toBeCloseTo(Number(b[i]), 12);
    }
  };

  it("lags and leads by time value, not by row (gaps give missing)", () => {
    const e = csvRows("expected_shift.csv");
    nanEq(lagWithin(ids, years, x), e.map((r) => r.lag1));
    nanEq(leadWithin(ids, years, x), e.map((r) => r.lead1));
    nanEq(shiftWithin(ids, years, x, 2), e.map((r) => r.lag2));
  });

  it("detects an unbalanced panel and its gaps", () => {
    const s = panelStructure(ids, years);
    expect(s.balanced).toBe(false);
    expect(s.units).toEqual(["A", "B", "C", "D"]);
    expect(s.periods).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016]);
    expect(s.gaps).toEqual([2010, 2011, 2013]);
    expect(panelStructure(["a", "a", "b", "b"], [1, 2, 1, 2]).balanced).toBe(true);
  });

  it("quantiles: Stata's default = R type 2; R's default = type 7 (1e-12)", () => {
    for (const r of csvRows("expected_quantiles.csv")) {
      expect(quantile(x, r.p as number, "stata")).toBeCloseTo(r.stata as number, 12);
      expect(quantile(x, r.p as number, "r7")).toBeCloseTo(r.r7 as number, 12);
    }
  });

  it("winsorizes at the same cut points as R", () => {
    const e = csvRows("expected_winsor.csv");
    nanEq(winsorize(x, 0.05, 0.95, "stata"), e.map((r) => r.w05_stata));
    nanEq(winsorize(x, 0.1, 0.9, "r7"), e.map((r) => r.w10_r7));
  });

  it("describe(): N, mean, SD (n−1), min, max of non-missing values (1e-12)", () => {
    const d = describeTable(t, ["x", "y"]);
    const e = csvRows("expected_describe.csv");
    d.stats.forEach((s, i) => {
      expect(s.n).toBe(e[i].n);
      for (const k of ["mean", "sd", "min", "max"] as const) expect(s[k]).toBeCloseTo(e[i][k] as number, 12);
    });
    expect(d.html()).toContain("<table");
    expect(d.text()).toContain("Mean");
  });

  it("group summaries", () => {
    const g = groupSummary(ids, x);
    for (const r of csvRows("expected_groups.csv")) {
      const s = g.find((q) => q.group === r.id)!;
      expect(s.n).toBe(r["x.n"]);
      expect(s.mean).toBeCloseTo(r["x.mean"] as number, 12);
      expect(s.sd).toBeCloseTo(r["x.sd"] as number, 12);
      expect(s.sum).toBeCloseTo(r["x.sum"] as number, 12);
    }
  });

  it("transformations refuse values that would turn into NaN or infinity", () => {
    expect(Array.from(log1p([0, Math.E - 1]))).toEqual([0, 1]);
    expect(() => log1p([1, -1], "fdi")).toThrow(/fdi.*-1/);
    expect(() => ln([1, 0], "gdp")).toThrow(/gdp.*not positive/);
    expect(Array.from(deflate([110, 220], [110, 110]))).toEqual([100, 200]);
    expect(() => deflate([1], [0])).toThrow(/not positive/);
  });
});
