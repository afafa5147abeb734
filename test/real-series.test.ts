import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { realSeries, seriesByUnit, valueAtYear } from "kernel-lib";

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
