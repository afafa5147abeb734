import { describe, expect, it } from "vitest";
import { COVERAGE, panelColumns, panelRows } from "../data/central-equipment-malmquist/study";
import { Table, coverageNotes } from "kernel-lib";

// central-equipment-malmquist: a user's panel that lacks provinces, years or cells gets a statement of what is
// missing and what is left out (issue 16), named and counted, instead of a TypeError later. Sentences by hand.
const PROVS = ["安徽", "山西", "江西", "河南", "湖北", "湖南"];
const INDS = ["C36", "C37", "C41", "C39", "C40", "C35", "C34"];
const YEARS = Array.from({ length: 21 }, (_, k) => 2002 + k);
const full = PROVS.flatMap((province) => INDS.flatMap((industry) => YEARS.map((year) => ({ province, industry, year, capital: 1, labour: 1, revenue: 1 }))));
const notes = (rows: typeof full) => coverageNotes(Table.fromColumns("panel.csv", panelColumns(rows)), COVERAGE.dims, COVERAGE.options);

describe("central-equipment-malmquist coverage of a user's panel", () => {
  it("a complete panel says nothing", () => {
    expect(full.length).toBe(6 * 7 * 21);
    expect(notes(full)).toEqual([]);
  });

  it("a missing province, a missing year and a missing cell are each named and counted", () => {
    const rows = full.filter((r) => r.province !== "湖南" && r.year !== 2010 && !(r.province === "安徽" && r.industry === "C34" && r.year === 2005));
    expect(notes(rows)).toEqual([
      "1 of the 6 provinces the study needs are missing (湖南 · Hunan): left out of the province run and its ledger rows.",
      "1 of the 21 years the study needs are missing (2010): the periods that need them are left out.",
      "1 of 700 province × industry × year cells missing, their province and industry totals sum fewer cells: 安徽 · Anhui C34 2005.",
    ]);
  });

  it("rows survive the round trip through columns and a Table", () => {
    const t = Table.fromColumns("panel.csv", panelColumns(full.slice(0, 3)));
    expect(panelRows(t)).toEqual(full.slice(0, 3));
  });
});
