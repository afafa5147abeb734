import { describe, expect, it } from "vitest";
import { Table, loadStudyModule, type Published } from "kernel-lib";

// Issue 16: a record file that lacks years or investing cities says which, by name, before any table.
const study = loadStudyModule<typeof import("../data/declining-cities-investment/study")>("declining-cities-investment", "study");
const places = [
  { name: "石嘴山", province: "宁夏", lon: 106.38, lat: 39.02, kind: "prefecture" },
  { name: "银川", province: "宁夏", lon: 106.28, lat: 38.47, kind: "prefecture" },
  { name: "韶关", province: "广东", lon: 113.6, lat: 24.8, kind: "prefecture" },
];
const declining = [{ name: "石嘴山", province: "宁夏", region: "west" }, { name: "韶关", province: "广东", region: "east" }];
// no printed numbers: these tests read the coverage notes only
const pub: Published = { study: "declining-cities-investment", citation: "", source: "", entries: [] };
const options: import("../data/declining-cities-investment/study").Options = { seed: 1, louvainResolution: 1, louvainSeed: 1, louvainRestarts: 1, structureWeight: "amount",
  coreThreshold: 0.1, semiThreshold: 0.01, corenessScale: "unit", linkageGini: "node", bandBreaks: [360, 900, 1500] };
const records = (years: number[]) => Table.fromColumns("mine.csv", {
  event_id: years.map((_, i) => i + 1), year: years, source: years.map(() => "石嘴山"), target: years.map(() => "银川"),
  source_industry: years.map(() => "mining"), target_industry: years.map(() => "mining"),
  target_subsector: years.map(() => ""), amount: years.map(() => 1),
});

describe("declining-cities-investment with partial records", () => {
  it("names the missing years and the declining cities without investment", () => {
    const s = new study.DecliningStudy(pub, "real", false, places, declining, options);
    s.setRecords(records([2001, 2013, 2022]));
    // 22 years 2001–2022, three present; 韶关 never invests.
    expect(s.coverage()).toBe("**Partial records.** The file has no records for 19 of the 22 years (2002, 2003, 2004, 2005, " +
      "2006, 2007, 2008, 2009, 2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021); no investment from 1 of the 2 " +
      "declining cities (韶关): those years and cities are empty in every table and figure below, and their shares count as zero.");
  });
  it("stops with one line when a cross-section year of the paper is missing", () => {
    const s = new study.DecliningStudy(pub, "real", false, places, declining, options);
    s.setRecords(records([2001, 2022]));
    expect(() => s.coverage()).toThrow(/no events in 2013, the paper's cross-section years/);
  });
  it("reads a record file without the optional subsector column", () => {
    const s = new study.DecliningStudy(pub, "real", false, places, declining, options);
    const t = Table.fromColumns("mine.csv", { event_id: [1], year: [2001], source: ["石嘴山"], target: ["银川"],
      source_industry: ["mining"], target_industry: ["mining"], amount: [2.5] });
    s.setRecords(t);
    expect(s.recs[0]).toMatchObject({ sub: "", amount: 2.5, source: "石嘴山", target: "银川" });
  });
  it("names the file, row and column of a city without coordinates", () => {
    const s = new study.DecliningStudy(pub, "real", false, places, declining, options);
    const t = Table.fromColumns("mine.csv", { event_id: [1], year: [2001], source: ["石嘴山"], target: ["上海"],
      source_industry: ["mining"], target_industry: ["mining"], target_subsector: [""], amount: [1] });
    expect(() => s.setRecords(t)).toThrow('mine.csv, row 1, column "target": 上海 has no coordinates');
  });
});
