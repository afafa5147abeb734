import { describe, expect, it } from "vitest";
import { Table, loadStudyModule } from "kernel-lib";

// Issue 16: a partial census (cities of the plan missing) gives a statement naming what is left out, never a TypeError.
const study = loadStudyModule<typeof import("../data/resource-cities-hqd-interview/study")>("resource-cities-hqd-interview", "study");
const cities = Table.fromColumns("plan.csv", {
  adcode: ["140600", "230300", "371200", "150700"], name_zh: ["朔州", "鸡西", "莱芜", "呼伦贝尔"],
  type: ["growing", "declining", "mature", "regenerating"], type_zh: ["成长型", "衰退型", "成熟型", "再生型"],
  province_zh: ["山西", "黑龙江", "山东", "内蒙古"], lon: [112.4, 130.9, 117.7, 119.8], lat: [39.3, 45.3, 36.2, 49.2],
});
// The user's census has only 朔州 (+10%) and 鸡西 (−20%): 呼伦贝尔 is missing, 莱芜 is the known 2019 merger.
const census = Table.fromColumns("mine.csv", { city_code: ["140600", "230300"], pop_2010: [1000, 2000], pop_2020: [1100, 1600] });

describe("resource-cities-hqd-interview with a partial census", () => {
  it("names the missing city, counts it, and keeps the known merger apart", () => {
    const m = study.matchCities(cities, census, "mine.csv");
    expect(m.measured.map((c: { name: string }) => c.name)).toEqual(["朔州", "鸡西"]);
    expect(m.measured.map((c: { change: number }) => c.change)).toEqual([10, -20]);
    expect(m.unmatched).toHaveLength(2);
    expect(m.partial).toBe("The census lacks 1 of the plan's 4 cities: 呼伦贝尔 (150700); they are left out of every count, " +
      "table and map below.");
  });
  it("summarises a type with no measured city with dashes instead of failing", () => {
    const m = study.matchCities(cities, census, "mine.csv");
    const s = study.shrinkSummaries(cities, m, 0);
    const regenerating = s.byType.find((r) => r.group.startsWith("regenerating"));
    if (!regenerating) throw new Error("no regenerating row");
    expect(regenerating["share shrank (%)"]).toBeNull();
    expect(regenerating["largest loss"].html).toBe("— (no city measured)");
    const all = s.byType.find((r) => r.group === "all");
    if (!all) throw new Error("no row for all cities");
    expect(all["share shrank (%)"]).toBe(50);
  });
  it("says so when no city of the plan is in the file", () => {
    const empty = Table.fromColumns("none.csv", { city_code: ["110100"], pop_2010: [1], pop_2020: [2] });
    expect(() => study.matchCities(cities, empty, "none.csv")).toThrow(/none\.csv: none of the plan's 4 cities has a census row/);
  });
});
