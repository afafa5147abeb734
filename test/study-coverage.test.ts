import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data";
import { coverageNotes } from "../kernel-lib/src/study/coverage";

// coverageNotes (study kit): what a user's panel lacks against a study's sample. Expected sentences written by hand
// from the rows below.
const cols = (rows: [string, number][]) => ({ province: rows.map((r) => r[0]), year: rows.map((r) => r[1]), y: rows.map(() => 1) });
const dims = [
  { column: "province", expected: ["山西", "湖南", "江西"], label: "provinces", consequence: "left out of the runs" },
  { column: "year", expected: [2001, 2002], label: "years" },
];

describe("coverageNotes", () => {
  it("complete data: nothing to say", () => {
    const t = Table.fromColumns("p.csv", cols([["山西", 2001], ["山西", 2002], ["湖南", 2001], ["湖南", 2002], ["江西", 2001], ["江西", 2002]]));
    expect(coverageNotes(t, dims)).toEqual([]);
  });

  it("names a missing unit with its pinyin, a missing year, and counts the missing cells of the rest", () => {
    // 江西 absent; 2002 present only for 山西: cells (湖南, 2002) missing of the 2 × 2 present combinations.
    const t = Table.fromColumns("p.csv", cols([["山西", 2001], ["山西", 2002], ["湖南", 2001], ["北京", 2001]]));
    expect(coverageNotes(t, dims)).toEqual([
      "1 of the 3 provinces the study needs are missing (江西 · Jiangxi): left out of the runs.",
      "1 of 4 province × year cells missing: 湖南 · Hunan 2002.",
    ]);
    expect(coverageNotes(t, [{ column: "year", expected: [2000, 2001, 2002, 2003], label: "years" }]))
      .toEqual(["2 of the 4 years the study needs are missing (2000, 2003): left out."]);
  });

  it("accepts a danfojs DataFrame", () => {
    const t = Table.fromColumns("p.csv", cols([["山西", 2001]]));
    expect(coverageNotes(t.frame(), [dims[1]])).toEqual(["1 of the 2 years the study needs are missing (2002): left out."]);
  });
});
