import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data";
import { provenanceOf } from "../kernel-lib/src/study";
import { coverageOf, ledgerCaption, paperTextNote, transcribedTable } from "../kernel-lib/src/study/run-notes";

// Expected values written by hand from the inputs.
describe("run notes of the printed-numbers notebooks", () => {
  it("the ledger caption names the user's file only when it is the user's", () => {
    expect(ledgerCaption("A (2025)", provenanceOf("bundled", "s"))).toBe("Ledger: A (2025)");
    expect(ledgerCaption("A (2025)", provenanceOf("/tmp/mine", "s"))).toBe("Ledger: A (2025) (run on your file /tmp/mine)");
  });
  it("the paper-text note appears only on the user's data", () => {
    expect(paperTextNote(provenanceOf("bundled", "s"))).toBe("");
    expect(paperTextNote(provenanceOf("/tmp/mine", "s"), "the bullets above"))
      .toBe("*This run reads your file /tmp/mine: the bullets above are the paper's; the tables show what your figures give.*");
  });
  it("a transcribed table shows every cell as text and pins no number", () => {
    const t = Table.fromColumns("cited.csv", { id: ["a", "b"], value: [1.5, 20], note: ["x", ""] });
    const dt = transcribedTable(t, { statistic: "id", "value as printed": "value" }, { caption: "c" });
    expect(dt.rows).toEqual([{ statistic: "a", "value as printed": "1.5" }, { statistic: "b", "value as printed": "20" }]);
    expect(dt.estimates().values).toEqual({});
    expect(() => transcribedTable(t, { x: "nope" })).toThrow(/cited.csv: no column "nope"/);
  });
  it("coverage counts and names what is missing", () => {
    const all = coverageOf([1990, 2000, 2010], [1990, 2010], "years", "x is left out");
    expect(all).toEqual({ missing: [], needed: 2, statement: "All 2 years the study needs are present." });
    const some = coverageOf(["a", "b"], ["a", "c", "d", "c"], "series", "their rows are left out");
    expect(some.missing).toEqual(["c", "d"]);
    expect(some.needed).toBe(3);
    expect(some.statement).toBe("2 of the 3 series the study needs are missing (c, d): their rows are left out.");
  });
});
