import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { loadStudyModule } from "kernel-lib";

// declining-cities-investment's public pull factors (issue 19): the join of the manifest panels to the ECharts units
// and the stated fill rules, against test/reference/study/declining_pull_factors.py (Python, from the prepared CSVs).
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "reference", "study", "declining_pull_factors.json"), "utf8"));
const gen = loadStudyModule<typeof import("../data/declining-cities-investment/generator")>("declining-cities-investment", "generator");
const study = loadStudyModule<typeof import("../data/declining-cities-investment/study")>("declining-cities-investment", "study");

describe("declining-cities-investment realPullFactors", () => {
  it("counts each kind of value per factor and year as the Python reference, and gives the same values", async () => {
    const area = await gen.studyArea();
    const real: { factor: string; years: Record<number, Map<string, { value: number; from: number; kind: string }>> }[] =
      await study.realPullFactors(area.places);
    for (const rf of real) for (const y of [2001, 2013, 2022]) {
      const vals = rf.years[y], counts: Record<string, number> = { none: area.places.length - vals.size };
      for (const v of vals.values()) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
      if (!counts.none) delete counts.none;
      expect(counts, `${rf.factor} ${y}`).toEqual(ref.counts[`${rf.factor}-${y}`]);
    }
    for (const [key, want] of Object.entries<{ value: number; from: number; kind: string } | null>(ref.values)) {
      const [f, y, name] = key.split("-");
      const got = real.find((r) => r.factor === f)!.years[Number(y)].get(name) ?? null;
      if (!want) { expect(got, key).toBeNull(); continue; }
      expect(got!.from, key).toBe(want.from);
      expect(got!.kind, key).toBe(want.kind);
      expect(Math.abs(got!.value - want.value) / Math.abs(want.value), key).toBeLessThan(1e-12);
    }
  }, 60_000);
});
