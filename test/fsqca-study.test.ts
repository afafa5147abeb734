import { describe, expect, it } from "vitest";
import { Table, loadPublished } from "kernel-lib";
import { casesFromTable, printedConfigurations } from "../data/digital-agri-fsqca/study";

// digital-agri-fsqca's study module: Table 5 read from the ledger's transcription of the chart, and a user's case
// file with the outcome only partly given (issue 16: what is missing is said, counted and named, never a TypeError).
const conds = (n: number) => Object.fromEntries(["DA", "DM", "C", "G", "A", "S", "E", "SC"].map((c) => [c, Array.from({ length: n }, (_, i) => i + 1)]));

describe("digital-agri-fsqca study module", () => {
  it("reads the six printed configurations and their core conditions from published.json", () => {
    const t = printedConfigurations(loadPublished("digital-agri-fsqca"));
    expect(t.map((x) => x.label)).toEqual(["H1", "H2", "H3", "H4", "H5", "H6"]);
    // by hand from the paper's chart: H1 ● ○ ● ○ · ○ ● ●, H5 △ △ △ ○ △ ⊗ △ ⊗
    expect(t[0]).toMatchObject({ expression: "DA*DM*C*G*S*E*SC", core: ["DA", "C", "E", "SC"], type: "agri-enterprise-led" });
    expect(t[4]).toMatchObject({ expression: "~DA*~DM*~C*G*~A*~S*~E*~SC", core: ["S", "SC"] });
  });

  it("a file with Y only (no DEA columns in the header) is read; a case without Y is left out and named", () => {
    const t = Table.fromColumns("mine.csv", { case: ["a", "b", "c"], ...conds(3), Y: [0.5, NaN, 1] });
    const c = casesFromTable(t, "mine.csv");
    expect(c.caseIds).toEqual(["a", "c"]);
    expect(c.raw.Y).toEqual([0.5, 1]);
    expect(c.raw.DA).toEqual([1, 3]);
    expect(c.deaX).toBeNull();
    expect(c.notes).toEqual(["1 case(s) without Y left out: b."]);
  });

  it("incomplete DEA columns fall back to Y and say which are missing", () => {
    const t = Table.fromColumns("mine.csv", { case: ["a", "b"], ...conds(2), Y: [0.4, 0.9], land: [1, 2], output: [3, NaN] });
    const c = casesFromTable(t, "mine.csv");
    expect(c.deaX).toBeNull();
    expect(c.notes[0]).toMatch(/^DEA columns incomplete \(labour, machinery, fertiliser, electricity, irrigation, pesticide, film, output/);
  });

  it("neither Y nor the DEA columns: one line naming the file", () => {
    const t = Table.fromColumns("mine.csv", { case: ["a"], ...conds(1) });
    expect(() => casesFromTable(t, "mine.csv")).toThrow(/^mine\.csv: give either Y for every case or all nine DEA columns/);
  });
});
