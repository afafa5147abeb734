import { describe, expect, it } from "vitest";
import { COVERAGE, englishLabels } from "../data/dual-control-xgboost-shap/study";
import { Table, coverageNotes, loadPublished } from "kernel-lib";

// dual-control-xgboost-shap's study module: a user's panel with fewer provinces or years than the paper's
// 30 × 2003–2022 is told what is missing (issue 16), and every Chinese label of the ledger has its English.
const provinces = COVERAGE[0].expected as string[];
const years = COVERAGE[1].expected as number[];

describe("dual-control-xgboost-shap study module", () => {
  it("names the provinces and years a user's panel lacks", () => {
    const rows = provinces.filter((p) => p !== "海南").flatMap((p) => years.filter((y) => y !== 2010).map((y) => [p, y] as const));
    const t = Table.fromColumns("mine.csv", { province: rows.map((r) => r[0]), year: rows.map((r) => r[1]) });
    expect(provinces.length).toBe(30);
    expect(coverageNotes(t, COVERAGE)).toEqual([
      "1 of the 30 provinces the study needs are missing (海南 · Hainan): the models are fitted without them.",
      "1 of the 20 years the study needs are missing (2010): the models are fitted without them.",
    ]);
  });

  it("every ledger row label in Chinese only has an English translation", () => {
    const en = englishLabels(loadPublished("dual-control-xgboost-shap"));
    const rows = new Set(loadPublished("dual-control-xgboost-shap").entries.map((e) => e.row).filter((r) => !/[A-Za-z]/.test(r)));
    expect([...rows].filter((r) => !en[r])).toEqual([]);
    expect(en["碳强度（吨/万元）"]).toBe("carbon intensity");
  });
});
