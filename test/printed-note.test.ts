import { describe, expect, it } from "vitest";
import { printedNote, PublishedSchema } from "kernel-lib";

// A hand-made published.json: the expected lines are written out by hand from its printed strings.
const pub = PublishedSchema.parse({
  study: "toy", citation: "", source: "",
  entries: [
    { id: "t4-4-NP-b", table: "Table 4", row: "NP", column: "(4)", printed: "0.252***", value: 0.252, precision: 3 },
    { id: "t4-4-NP-t", table: "Table 4", row: "NP", column: "(4)", printed: "(9.370)", value: 9.37, precision: 3, parens: "t" },
    { id: "t4-4-gov-b", table: "Table 4", row: "gov", column: "(4)", printed: "0.530***", value: 0.53, precision: 3 },
    { id: "t6-3-NP-se", table: "Table 6", row: "NP", column: "(3)", printed: "(0.306)", value: 0.306, precision: 3 },
    { id: "t10-direct-NP-b", table: "Table 10", row: "NP", column: "direct", printed: "0.270***", value: 0.27, precision: 3 },
  ],
});

describe("printedNote: printed values of ledger entries as a table note", () => {
  it("joins label and printed text; a parenthesised entry follows its coefficient", () => {
    expect(printedNote(pub, ["t4-4-NP-b", "t4-4-NP-t", "t4-4-gov-b"])).toBe("NP 0.252*** (9.370), gov 0.530***");
  });
  it("recognises a parenthesised value without a parens field, and takes a label function", () => {
    expect(printedNote(pub, ["t10-direct-NP-b", "t6-3-NP-se"], { label: (e) => e.column })).toBe("direct 0.270*** (0.306)");
  });
  it("a leading parenthesised entry keeps its label; an unknown id throws naming it", () => {
    expect(printedNote(pub, ["t6-3-NP-se"])).toBe("NP (0.306)");
    expect(() => printedNote(pub, ["t4-9-NP-b"])).toThrow(/toy has no ledger entry "t4-9-NP-b"/);
  });
});
