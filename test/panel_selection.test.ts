import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { aetRatio, chowTest, osterFromMoments, selection } from "../kernel-lib/src/panel";

// Expected numbers: test/reference/panel/selection_reference.R (Oster 2019 closed forms, AET ratio, from lm() in
// base R) and test/reference/panel/chow_reference.R (Chow F = anova(pooled lm, interacted lm)).
const REF = path.join(__dirname, "reference/panel");
const sel = JSON.parse(fs.readFileSync(path.join(REF, "selection_expected.json"), "utf8"));
const chow = JSON.parse(fs.readFileSync(path.join(REF, "chow_expected.json"), "utf8"));
const g = readTable(path.join(REF, "grunfeld.csv"));
function close(ours: number, theirs: number, rel: number, what: string) {
  if (!(Math.abs(ours - theirs) <= rel * Math.max(Math.abs(theirs), 1e-12))) throw new Error(`${what}: ours ${ours} vs reference ${theirs}`);
}

describe("Oster δ / β* and the AET ratio against R", () => {
  const cases = {
    pooled: ["inv ~ value", "inv ~ value + capital"],
    fe: ["inv ~ value | firm", "inv ~ value + capital | firm"],
  } as const;
  for (const [name, [short, long]] of Object.entries(cases)) {
    it(name, () => {
      const e = sel[name];
      const r = selection(g, short, long, { treatment: "value", preset: "stata.xtreg" });
      close(r.betaRestricted, e.betaR, 1e-6, "β_R");
      close(r.betaFull, e.betaF, 1e-6, "β_F");
      close(r.r2Restricted, e.r2R, 1e-6, "R_R");
      close(r.r2Full, e.r2F, 1e-6, "R_F");
      close(r.rmax, e.rmax, 1e-12, "R_max");
      close(r.betaStar, e.betaStar, 1e-6, "β*");
      close(r.delta, e.delta, 1e-6, "δ");
      close(r.aet, e.aet, 1e-6, "AET");
    });
  }
  it("closed forms and errors", () => {
    expect(aetRatio(2, 1)).toBe(1);
    expect(() => osterFromMoments(1, 0.2, 0.8, 0.5, 0.4)).toThrow(/R_max/);
    expect(() => selection(g, "inv ~ nope", "inv ~ value", { treatment: "value" })).toThrow(/column "nope"/);
  });
});

describe("chowTest against anova(pooled, interacted) in R", () => {
  const half = g.str("firm").map((f) => (Number(f) <= 5 ? "big" : "small"));
  const era = g.str("year").map((y) => `era${Math.floor((Number(y) - 1935) / 7)}`);
  const cols: Record<string, Float64Array | string[]> = { inv: g.col("inv") as Float64Array, value: g.col("value") as Float64Array, capital: g.col("capital") as Float64Array, half, era };
  for (const grp of ["half", "era"]) {
    it(grp, () => {
      const e = chow[grp];
      const r = chowTest(cols, "inv ~ value + capital", grp);
      close(r.statistic, e.F, 1e-6, "F");
      expect(r.df).toEqual([e.df1, e.df2]);
      close(r.p_value, e.p, 1e-4, "p");
    });
  }
});
