import { describe, expect, it } from "vitest";
import * as path from "path";
import { Alternative, fisherExact, readTable, twoProportionTest } from "kernel-lib";

// Expected values: R prop.test(correct = FALSE) and fisher.test (test/reference/stats/make_expected.R).
const rows = readTable(path.join(__dirname, "reference/stats/expected_proportions.csv")).rows();

describe("tests of two proportions against R", () => {
  for (const r of rows) {
    const [x1, n1, x2, n2] = [r.x1, r.n1, r.x2, r.n2] as number[];
    const alt = r.alternative as Alternative;
    it(`${x1}/${n1} vs ${x2}/${n2}, ${alt}`, () => {
      const t = twoProportionTest(x1, n1, x2, n2, alt);
      // statistics 1e-10 relative; p-values and intervals 1e-9 absolute
      expect(t.chi2).toBeCloseTo(r.chi2 as number, 9);
      expect(Math.abs(t.p_value - (r.prop_p as number))).toBeLessThan(1e-9);
      expect(Math.abs(t.conf_low - (r.conf_low as number))).toBeLessThan(1e-9);
      expect(Math.abs(t.conf_high - (r.conf_high as number))).toBeLessThan(1e-9);
      const f = fisherExact(x1, n1 - x1, x2, n2 - x2, alt);
      expect(Math.abs(f.p_value - (r.fisher_p as number))).toBeLessThan(1e-9);
    });
  }
  it("refuses impossible counts", () => {
    expect(() => twoProportionTest(5, 4, 1, 2)).toThrow(/0 <= x <= n/);
    expect(() => fisherExact(1, -1, 2, 2)).toThrow(/whole counts/);
    expect(() => twoProportionTest(0, 5, 0, 7)).toThrow(/undefined/);
  });
});
