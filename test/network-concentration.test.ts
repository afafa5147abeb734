import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { c1, c2, concentrationIndex, rankValues } from "../kernel-lib/src/network";

// Expected numbers: test/reference/network/coreperiphery_reference.py (eq. 3/4 written directly in NumPy).
const cp = JSON.parse(fs.readFileSync(path.join(__dirname, "reference", "network", "expected_cp.json"), "utf8"));

describe("concentration indices C1/C2 (the paper's eqs. 3–4)", () => {
  it("matches the NumPy reference, ties by average rank (1e-12)", () => {
    for (const c of cp.concentration_cases) expect(concentrationIndex(c.h, c.y, c.asc ? "asc" : "desc")).toBeCloseTo(c.c, 12);
  });

  it("bounds and sign: −1 when everything is in the rank-1 city, +1 in the last-ranked city", () => {
    const vitality = [50, 40, 30, 20, 10]; // "大→小": rank 1 = 50
    expect(concentrationIndex([10, 0, 0, 0, 0], vitality, "desc")).toBeCloseTo(-1, 15);
    expect(concentrationIndex([0, 0, 0, 0, 10], vitality, "desc")).toBeCloseTo(1, 15);
    expect(concentrationIndex([3, 3, 3, 3, 3], vitality, "desc")).toBeCloseTo(0, 15);
    // distance "近→远": rank 1 = nearest
    expect(concentrationIndex([7, 0, 0], [100, 800, 2000], "asc")).toBeCloseTo(-1, 15);
  });

  it("hand example: h = (4, 2, 1, 1), ranks 1..4 → P̃ = 0, 1/3, 2/3, 1; C = (1/4)[2(−1) + 1(−1/3) + ½(1/3) + ½(1)] = −5/12", () => {
    expect(concentrationIndex([4, 2, 1, 1], [1, 2, 3, 4], "asc")).toBeCloseTo(-5 / 12, 14);
    // 2cov(h, P̃)/h̄ with the population covariance equals the mean form without ties
    expect(concentrationIndex([4, 2, 1, 1], [1, 2, 3, 4], "asc", { form: "cov" })).toBeCloseTo(-5 / 12, 14);
  });

  it("the two printed forms differ when ties move mean(P̃) away from 1/2", () => {
    const h = [5, 1, 2, 2, 8, 0.5];
    const y = [3, 3, 1, 7, 7, 2];
    expect(Array.from(rankValues(y, "desc"))).toEqual([3.5, 3.5, 6, 1.5, 1.5, 5]);
    expect(Math.abs(concentrationIndex(h, y, "desc") - concentrationIndex(h, y, "desc", { form: "cov" }))).toBeGreaterThan(1e-3);
  });

  it("C1 uses only the t cities that invested", () => {
    const r = c1([{ city: "a", amount: 10, value: 3 }, { city: "b", amount: 0, value: 9 }, { city: "c", amount: 5, value: 1 }], "desc");
    expect(r.t).toBe(2);
    expect(r.value).toBeCloseTo(concentrationIndex([10, 5], [3, 1], "desc"), 15);
  });

  it("C2 per source city, pooled with the number of destinations as weights; one-destination sources excluded", () => {
    const rows = [
      { source: "S1", target: "x", amount: 6, value: 100 },
      { source: "S1", target: "y", amount: 2, value: 400 },
      { source: "S1", target: "y", amount: 2, value: 400 }, // repeated pair: summed
      { source: "S1", target: "z", amount: 0, value: 900 }, // zero amount: not a destination
      { source: "S2", target: "x", amount: 1, value: 300 },
      { source: "S2", target: "y", amount: 1, value: 50 },
      { source: "S2", target: "w", amount: 4, value: 900 },
      { source: "S3", target: "x", amount: 9, value: 10 },
    ];
    const r = c2(rows, "asc");
    const s1 = concentrationIndex([6, 4], [100, 400], "asc");
    const s2 = concentrationIndex([1, 1, 4], [300, 50, 900], "asc");
    expect(r.excluded).toEqual(["S3"]);
    expect(r.perSource).toEqual([{ source: "S1", n: 2, c2: s1 }, { source: "S2", n: 3, c2: s2 }]);
    expect(r.value).toBeCloseTo((2 * s1 + 3 * s2) / 5, 15);
    expect(c2(rows, "asc", { pooling: "sum-over-sources", sourceCount: 24 }).value).toBeCloseTo((2 * s1 + 3 * s2) / 24, 15);
  });
});
