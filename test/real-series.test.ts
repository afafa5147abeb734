import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { fillSeries, realSeries, seriesByUnit, valueAtYear } from "kernel-lib";

// realSeries: one variable of a real panel as "unit|year" → value, for the hybrid generators.
const write = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "real-series-")), "panel.csv");
  fs.writeFileSync(f, text);
  return f;
};

describe("realSeries", () => {
  it("maps unit and year to the value and counts empty cells instead of keeping NaN", async () => {
    const r = await realSeries(write("adcode,year,v\n110000,2011,40.5\n110000,2012,\n120000,2011,7\n"), "adcode", "v");
    expect([...r.values]).toEqual([["110000|2011", 40.5], ["120000|2011", 7]]);
    expect(r.empty).toBe(1);
  });
  it("refuses a unit-year given twice, naming the row", async () => {
    await expect(realSeries(write("adcode,year,v\n110000,2011,1\n110000,2011,2\n"), "adcode", "v")).rejects.toThrow(/panel\.csv, row 2 \(line 3\), column "adcode": got "110000\|2011"; expected one row per adcode and year/);
  });
  it("reads the PKU city index through the manifest", async () => {
    const r = await realSeries("manifest:pku_dfii_city_2011_2023", "adcode", "index_aggregate");
    expect(r.values.size).toBe(4369);
    expect(r.source).toMatch(/^manifest:pku_dfii_city_2011_2023/);
  });
});

// valueAtYear: a unit's value for a year the series may lack, by a stated rule (hand-computed expectations).
describe("valueAtYear", () => {
  const s = seriesByUnit(new Map([["A|2013", 100], ["A|2014", 110], ["A|2015", 121], ["A|2016", 133.1], ["A|2018", 161.051],
    ["B|2004", 30], ["B|2012", 42], ["C|2010", 5], ["C|2012", 7]]));
  it("splits the unit|year keys and returns a year's own value", () => {
    expect([...s.keys()]).toEqual(["A", "B", "C"]);
    expect(valueAtYear(s.get("A"), 2014)).toEqual({ value: 110, from: 2014, fill: "exact" });
    expect(valueAtYear(s.get("A"), 2017)).toBeNull();
    expect(valueAtYear(undefined, 2014, { nearest: 5 })).toBeNull();
  });
  it("carries the last real year forward at the unit's own log-linear growth (10 % a year here)", () => {
    const v = valueAtYear(s.get("A"), 2022, { trend: { years: 5, ahead: 4 } })!;
    expect(v.fill).toBe("trend");
    expect(v.from).toBe(2018);
    expect(v.value).toBeCloseTo(161.051 * 1.1 ** 4, 9); // 235.79477...
    expect(valueAtYear(s.get("A"), 2023, { trend: { years: 5, ahead: 4 } })).toBeNull(); // five years ahead
    expect(valueAtYear(s.get("C"), 2014, { trend: { years: 5, ahead: 4 } })).toBeNull(); // two real years only
  });
  it("takes the nearest real year within the window, the earlier one on a tie", () => {
    expect(valueAtYear(s.get("B"), 2013, { nearest: 1 })).toEqual({ value: 42, from: 2012, fill: "nearest" });
    expect(valueAtYear(s.get("B"), 2001, { nearest: 3 })).toEqual({ value: 30, from: 2004, fill: "nearest" });
    expect(valueAtYear(s.get("B"), 2001, { nearest: 2 })).toBeNull();
    expect(valueAtYear(s.get("C"), 2011, { nearest: 1 })).toEqual({ value: 5, from: 2010, fill: "nearest" });
  });
});

// fillSeries: expected values worked by hand (logs of powers of 2 and of 1.1), not by the function.
describe("fillSeries", () => {
  const real = new Map([
    ["A|2011", 100], ["A|2012", 110], ["A|2013", 121], // growth ln 1.1 a year, then a gap and 2016
    ["A|2016", 484],
    ["B|2012", 8],                                        // one real value: flat
    ["C|2011", -1],
  ]);
  const years = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018];

  it("keeps real values, interpolates gaps log-linearly, carries each end's mean log growth", () => {
    const f = fillSeries(real, ["A", "B", "D"], years, { trendYears: 2, growthRange: [-1, 1] });
    const A = (y: number) => f.values.get(`A|${y}`) as number;
    expect(A(2011)).toBe(100);
    expect(A(2010)).toBeCloseTo(100 / 1.1, 10);          // first two real years grow by 1.1
    expect(A(2014)).toBeCloseTo(121 * 2 ** (2 / 3), 10);  // 121 → 484 = ×4 over 3 years
    expect(A(2015)).toBeCloseTo(121 * 2 ** (4 / 3), 10);
    expect(A(2017)).toBeCloseTo(484 * 2 ** (2 / 3), 10);  // last two real years (2013, 2016): ×4^(1/3) a year
    expect(A(2018)).toBeCloseTo(484 * 2 ** (4 / 3), 10);
    expect(years.map((y) => f.values.get(`B|${y}`))).toEqual(years.map(() => 8));
    expect(f.origin.get("A|2014")).toBe("interpolated");
    expect(f.origin.get("A|2010")).toBe("trend");
    expect(f.counts).toEqual({ real: 5, interpolated: 2, trend: 11 });
    expect(f.unfilled).toEqual(["D"]);
  });

  it("bounds the carried growth and adds a seeded walk only when asked", () => {
    const f = fillSeries(real, ["A"], years, { trendYears: 2, growthRange: [-0.1, 0.1] });
    expect(f.values.get("A|2018")).toBeCloseTo(484 * Math.exp(0.2), 10);   // default bound 0.3 < ln 4 / 3 too
    expect(fillSeries(real, ["A"], years, { trendYears: 2 }).values.get("A|2017")).toBeCloseTo(484 * Math.exp(0.3), 10);
    const draws = [1, -2, 0.5];
    let i = 0;   // 2011 is the first year asked: no draw before it; 2017 and 2018 take the first two draws
    const w = fillSeries(real, ["A"], years.slice(1), { trendYears: 2, growthRange: [-1, 1], normal: () => draws[i++], sd: 0.1 });
    expect(w.values.get("A|2017")).toBeCloseTo(484 * 2 ** (2 / 3) * Math.exp(0.1), 10);
    expect(w.values.get("A|2018")).toBeCloseTo(484 * 2 ** (4 / 3) * Math.exp(0.1 - 0.2), 10);
  });

  it("refuses a non-positive value, naming the unit and year", () => {
    expect(() => fillSeries(real, ["C"], years)).toThrow(/fillSeries: C\|2011 is -1/);
  });
});
