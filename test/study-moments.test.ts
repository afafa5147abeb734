import { describe, expect, it } from "vitest";
import { moments } from "../kernel-lib/src/study/moments";

// Expected values from R 4.2: mean(x), sd(x), min(x), max(x) for x <- c(2.5, 7, 1, 9.25, 4) (sd with n − 1).
describe("moments: a descriptive-statistics row", () => {
  it("matches R's mean, sd, min and max", () => {
    const m = moments([2.5, 7, 1, 9.25, 4]);
    expect(m.n).toBe(5);
    expect(m.mean).toBeCloseTo(4.75, 14);
    expect(m.sd).toBeCloseTo(3.354101966249685, 12);
    expect([m.min, m.max]).toEqual([1, 9.25]);
  });
  it("refuses an empty or non-finite column", () => {
    expect(() => moments([])).toThrow(/no values/);
    expect(() => moments([1, NaN])).toThrow(/value 1 is NaN/);
  });
});
