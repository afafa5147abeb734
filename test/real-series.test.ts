import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { realSeries } from "kernel-lib";

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
