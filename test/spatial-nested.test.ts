import { describe, expect, it } from "vitest";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data/table";
import { economicDistanceNestedWeights } from "../kernel-lib/src/spatial";

// Expected matrices from base R (test/reference/spatial/make_expected_nested.R).
const ref = (f: string) => path.join(__dirname, "reference", "spatial", f);

describe("economic-distance nested weights, eq. (19)", () => {
  const inp = readTable(ref("nested_input.csv"));
  const ids = inp.str("id");
  const pts = ids.map((_, i) => [inp.num("x")[i], inp.num("y")[i]] as [number, number]);
  for (const [file, rowStandardize] of [["nested_expected_rowstd.csv", true], ["nested_expected_raw.csv", false]] as const) {
    it(`${rowStandardize ? "row-standardised" : "raw"} matrix equals R to 1e-12`, () => {
      const w = economicDistanceNestedWeights(ids, pts, inp.num("ybar"), { power: 2, metric: "euclidean", rowStandardize }).toDense();
      const e = readTable(ref(file)).rows().map((r) => Object.values(r) as number[]);
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(w.data[i * 5 + j]).toBeCloseTo(e[i][j], 12);
    });
  }
  it("refuses non-positive economic means", () => {
    expect(() => economicDistanceNestedWeights(ids, pts, [1, 2, 0, 3, 4])).toThrow(/non-positive/);
  });
});
