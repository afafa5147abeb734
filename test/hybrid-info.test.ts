import { describe, expect, it } from "vitest";
import { loadStudyModule, openData } from "kernel-lib";

// The hybrid panel of info-consumption-digital-innovation: real city labels by sample.ts's rule (the paper's counts),
// real per-capita GDP and PKU index values exactly where the public files have them, the rest drawn.
const STUDY = "info-consumption-digital-innovation";
const gen = loadStudyModule<typeof import("../data/info-consumption-digital-innovation/generator")>(STUDY, "generator");
const smp = loadStudyModule<typeof import("../data/info-consumption-digital-innovation/sample")>(STUDY, "sample");
const params = { seed: 20250431, noiseScale: 1, ramp: 0, pgdpSource: "manifest:prefecture_econ_maswiebe_1991_2019",
  financeSource: "manifest:pku_dfii_city_2011_2023" };

describe("info-consumption-digital-innovation hybrid panel", () => {
  it("labels 290 real cities with the cells' counts, the municipalities in the super-large cells", async () => {
    const s = await smp.sampleCities(params.seed);
    expect(s.cities.length).toBe(290);
    expect(new Set(s.cities.map((c: { code: string }) => c.code)).size).toBe(290);
    for (const [region, size, n] of smp.CELLS) {
      expect(s.cities.filter((c: { region: string; size: string }) => c.region === region && c.size === size).length).toBe(n);
    }
    for (const code of ["110000", "120000", "310000", "500000"]) {
      expect(s.cities.find((c: { code: string }) => c.code === code)?.size).toBe("super");
    }
    expect(s.universe - s.dropped.length).toBe(290);
  }, 120_000);

  it("takes the public values exactly, keeps the paper's sample counts and marks what is real", async () => {
    const g = await gen.synthesize(params);
    const p = g.panel;
    expect(p.year.length).toBe(5479);
    const econ = (await openData(params.pgdpSource)).table, dfii = (await openData(params.financeSource)).table;
    const to2018 = new Map(g.sample.cities.map((c: { code: string; code2018: string }) => [c.code, c.code2018]));
    const gdppc = new Map(econ.str("adcode").map((c, k) => [`${c}|${econ.num("year")[k]}`, econ.num("gdppc")[k]]));
    const index = new Map(dfii.str("adcode").map((c, k) => [`${c}|${dfii.num("year")[k]}`, dfii.num("index_aggregate")[k]]));
    let real = 0;
    for (let k = 0; k < p.year.length; k++) {
      const v = gdppc.get(`${to2018.get(p.adcode[k])}|${p.year[k]}`);
      if (p.pgdp_real[k] === 1) { expect(p.pgdp[k]).toBe(v); real++; } else expect(v === undefined || Number.isNaN(v)).toBe(true);
      if (p.year[k] >= 2011) expect(p.finance[k]).toBe(index.get(`${p.adcode[k]}|${p.year[k]}`) ?? NaN);
      else expect(p.finance[k]).toBeNaN();
    }
    expect(real).toBe(g.pgdpRows.real);
    expect(g.provenance.pgdp).toMatch(/^real for \d+ city-years/);
    expect(g.provenance.cohort).toMatch(/^synthetic/);
    expect(g.planted["t4-3|reform"]).toBeUndefined();
    expect(g.planted["t4-4|reform"]).toBe(0.011);
  }, 300_000);
});
