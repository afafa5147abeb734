import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { loadStudyModule, openData, projectDataPath, studySchema } from "kernel-lib";

// yangtze-openness reads a user's Table 1: a province the notebook does not know stops at the data step with the
// file, row and column (the ledger ids are built from these names, so a silent pass would fail later, in the ledger).
const bundled = fs.readFileSync(projectDataPath("yangtze-openness/printed_table1.csv"), "utf8");
const write = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "yangtze-")), "table1.csv");
  fs.writeFileSync(f, text);
  return f;
};

describe("yangtze-openness: the user's Table 1", () => {
  it("reads the bundled table", async () => {
    const d = await openData(projectDataPath("yangtze-openness/printed_table1.csv"), studySchema("yangtze-openness", "table1"));
    expect(d.table.nRows).toBe(14);
  });
  it("refuses a misspelled English province name, naming file, row and column", async () => {
    const f = write(bundled.replace("\n上海,Shanghai,", "\n上海,Shangai,"));
    await expect(openData(f, studySchema("yangtze-openness", "table1"))).rejects.toThrow(/table1\.csv, row 1 \(line 2\), column "unit_en": got "Shangai"; expected one of "Shanghai"/);
  });
  it("refuses an unknown Chinese unit name and a wrong province code", async () => {
    const f = write(bundled.replace("\n湖南,Hunan,430000,", "\n湖南省,Hunan,430000,"));
    await expect(openData(f, studySchema("yangtze-openness", "table1"))).rejects.toThrow(/row 7 \(line 8\), column "unit_zh": got "湖南省"/);
    const g = write(bundled.replace("\n湖南,Hunan,430000,", "\n湖南,Hunan,440000,"));
    await expect(openData(g, studySchema("yangtze-openness", "table1"))).rejects.toThrow(/row 7 \(line 8\), column "adcode": got "440000"/);
  });
  it("validates the census file of the weights: an empty population cell is allowed (counted by the notebook), text is not", async () => {
    const head = "city_code,province_code,pop_2010,pop_2020\n";
    const ok = await openData(write(head + "310100,310000,,24870895\n"), studySchema("yangtze-openness", "census"));
    expect(Number.isNaN(ok.table.num("pop_2010")[0])).toBe(true);
    await expect(openData(write(head + "310100,310000,n/a,24870895\n"), studySchema("yangtze-openness", "census"))).rejects.toThrow(/row 1 \(line 2\), column "pop_2010": got "n\/a"/);
  });
});

describe("yangtze-openness: opennessIndex (eqs. 1–3), hand-computed cases", () => {
  const oi = loadStudyModule<{ opennessIndex(t: number, f: number, g: number): { T: number; I: number; Z: number } }>("yangtze-openness", "openness");
  it("T = trade²/GDP, I = FIE²/GDP, Z = √(T·I)", () => {
    for (const [trade, fie, gdp, T, I, Z] of [[100, 50, 1000, 10, 2.5, 5], [0, 50, 1000, 0, 2.5, 0], [200, 200, 400, 100, 100, 100]]) {
      const r = oi.opennessIndex(trade, fie, gdp);
      expect(r.T).toBeCloseTo(T, 12);
      expect(r.I).toBeCloseTo(I, 12);
      expect(r.Z).toBeCloseTo(Z, 12);
    }
  });
  it("refuses GDP = 0 and negative inputs", () => {
    expect(() => oi.opennessIndex(1, 1, 0)).toThrow(/gdp must be positive/);
    expect(() => oi.opennessIndex(-1, 1, 10)).toThrow(/trade must be a finite non-negative number/);
  });
});

// Partial data (issue 16): a Table 1 without a province, a census without a province's prefectures. The notebook's
// study module names what is missing and leaves it out; expected values computed by hand from the printed rows.
describe("yangtze-openness: partial data", () => {
  type Table1 = { missing: string[]; provIdx: number[]; regMean(r: string, y: number): number; yrebMean(y: number): number };
  const yz = loadStudyModule<{
    table1(t: unknown, path: string): Table1; coverageNote(t: Table1): string;
    ledgerValues(t: Table1, cv: object, o: object): Record<string, { value: number | null; note?: string }>;
    populationWeights(ct: unknown, t: Table1, ref: string): { noCensus: string[]; pop2010: number[]; at(y: number): number[] };
  }>("yangtze-openness", "study");
  it("a Table 1 without 湖南 Hunan: named, left out of the middle-reach mean and of the ledger", async () => {
    const f = write(bundled.split("\n").filter((l) => !l.startsWith("湖南,")).join("\n"));
    const d = await openData(f, studySchema("yangtze-openness", "table1"));
    const t = yz.table1(d.table, d.path);
    expect(t.missing).toEqual(["Hunan"]);
    expect(t.provIdx.length).toBe(10);
    expect(yz.coverageNote(t)).toMatch(/1 of the 11 provinces of Table 1 missing \(Hunan\)/);
    // 江西 0.007 and 湖北 0.018 in 1993 (printed rows)
    expect(t.regMean("middle", 1993)).toBeCloseTo((0.007 + 0.018) / 2, 12);
    const cv = { weighted: () => 1, unweighted: () => 1, williamson: () => 1 };
    const ours = yz.ledgerValues(t, cv, { printed: false, growth: 0, cvMean: "weighted" });
    expect(ours["t1-hunan-1993"]).toEqual({ value: null, note: "not in your file" });
    expect(ours["t1-hunan-change"].value).toBeNull();
    expect(ours["t1-hubei-1993"].value).toBe(0.018);
  });
  it("a census without 安徽 Anhui's prefectures: named, its weight NaN (never 0)", async () => {
    const head = "city_code,province_code,pop_2010,pop_2020\n";
    const d = await openData(projectDataPath("yangtze-openness/printed_table1.csv"), studySchema("yangtze-openness", "table1"));
    const t = yz.table1(d.table, d.path);
    const rows = t.provIdx.map((i) => d.table.str("adcode")[i]).filter((a) => a !== "340000")
      .map((a, k) => `${a.slice(0, 2)}0100,${a},${1000 + k},${2000 + k}`);
    const c = await openData(write(head + rows.join("\n") + "\n"), studySchema("yangtze-openness", "census"));
    const w = yz.populationWeights(c.table, t, "test");
    expect(w.noCensus).toEqual(["安徽 Anhui"]);
    expect(Number.isNaN(w.pop2010[3])).toBe(true);
    expect(w.pop2010[0]).toBe(1000);
    expect(w.at(2015)[0]).toBe(1500); // halfway between 1000 (2010) and 2000 (2020)
  });
});
