import { describe, expect, it } from "vitest";
import { loadStudyModule, productivityIndex } from "kernel-lib";

// The hybrid panel of nqpf-inclusive-green-growth: the real PKU index replaces the drawn NP indicator dfi (2010 takes
// the 2011 value), every other drawn column keeps its draws, and a missing real value stops the run.
const gen = loadStudyModule<typeof import("../data/nqpf-inclusive-green-growth/generator")>("nqpf-inclusive-green-growth", "generator");
const cities = [
  { code: "420100", name: "武汉", province: "湖北", lon: 114.3, lat: 30.6, pop2010: 9.8e6 },
  { code: "610100", name: "西安", province: "陕西", lon: 108.9, lat: 34.3, pop2010: 8.5e6 },
  { code: "230700", name: "伊春", province: "黑龙江", lon: 128.9, lat: 47.7, pop2010: 1.1e6 },
  { code: "450300", name: "桂林", province: "广西", lon: 110.3, lat: 25.3, pop2010: 4.7e6 },
];
const real = new Map<string, number>();
cities.forEach((c, i) => { for (let y = 2011; y <= 2022; y++) real.set(`${c.code}|${y}`, 40 + 18 * (y - 2011) + 9 * i + 0.25); });

describe("nqpf-inclusive-green-growth generator with the real DFII", () => {
  const syn = gen.generate({ seed: 11, cities, mixNoise: 0.01 });
  const hyb = gen.generate({ seed: 11, cities, mixNoise: 0.01, realDFII: real });

  it("takes the real values exactly, with the 2011 value for the 2010 DEA base row", () => {
    const p = hyb.panel;
    for (let k = 0; k < p.year.length; k++) expect(p.dfi[k]).toBe(real.get(`${p.city_code[k]}|${Math.max(p.year[k], 2011)}`));
    expect(hyb.provenance.dfi).toMatch(/^real: PKU-IDF/);
    expect(hyb.provenance.sci_exp).toBe("synthetic");
    expect(syn.provenance.dfi).toBe("synthetic");
  });

  it("keeps the other drawn columns identical and plants IGG on the hybrid NP", () => {
    for (const v of ["sci_exp", "students", "ai_firms", "finance", "gov", "terrain", "capital"]) expect(hyb.panel[v], v).toEqual(syn.panel[v]);
    expect(hyb.panel.dfi).not.toEqual(syn.panel.dfi);
    expect(hyb.truth.NP).not.toEqual(syn.truth.NP);
  });

  it("stops on a missing real value, naming the city and year", () => {
    const gap = new Map(real);
    gap.delete("610100|2016");
    expect(() => gen.generate({ seed: 11, cities, realDFII: gap })).toThrow(/no usable real DFII for 西安 610100\|2016/);
  });
});

// Real DEA outputs (issue 19): gdp and so2 given for 2010–2017 (one gap), the rest filled by the city's own trend; the
// inputs and the other bad outputs are drawn given them, so the DEA still returns the planted IGG (mixNoise 0), except
// at the frontier city-year F whose own super-efficiency score is not planted.
describe("nqpf-inclusive-green-growth generator with real gdp and so2", () => {
  const gdp = new Map<string, number>(), so2 = new Map<string, number>();
  cities.forEach((c, i) => { for (let y = 2010; y <= 2017; y++) {
    gdp.set(`${c.code}|${y}`, (800 + 400 * i) * 1.08 ** (y - 2010));
    if (!(i === 1 && y === 2013)) so2.set(`${c.code}|${y}`, (30000 - 5000 * i) * 0.95 ** (y - 2010) * (1 + 0.1 * ((y * 7 + i) % 3)));
  } });
  const base = gen.generate({ seed: 11, cities, mixNoise: 0, realDFII: real });
  const hyb = gen.generate({ seed: 11, cities, mixNoise: 0, realDFII: real, realOutputs: { gdp, so2 } });
  const p = hyb.panel;

  it("takes the real values exactly and marks the filled city-years", () => {
    for (let k = 0; k < p.year.length; k++) {
      const key = `${p.city_code[k]}|${p.year[k]}`;
      if (p.year[k] <= 2017) expect(p.gdp[k]).toBe(gdp.get(key));
      expect(hyb.outputOrigin?.gdp[k]).toBe(p.year[k] <= 2017 ? "real" : "trend");
      if (so2.has(key)) expect(p.so2[k]).toBe(so2.get(key));
    }
    expect(hyb.outputOrigin?.so2.filter((o: string) => o === "interpolated")).toHaveLength(1);
    expect(hyb.provenance.gdp).toMatch(/^real: real GDP at 2010 prices.*32 city-years real; 0 interpolated and 20 carried on/);
    expect(hyb.provenance.so2).toMatch(/^real \(differs: SO₂ emitted, the paper's is produced\).*31 city-years real; 1 interpolated/);
    expect(hyb.provenance.capital).toMatch(/^synthetic \(drawn given the real gdp and so2/);
  });

  it("keeps the columns outside the DEA block identical", () => {
    for (const v of ["sci_exp", "dfi", "finance", "gov", "app", "grant", "terrain", "market"]) expect(p[v], v).toEqual(base.panel[v]);
    expect(hyb.truth.IGG).toEqual(base.truth.IGG);
  });

  it("lets the DEA return the planted IGG everywhere but at the frontier city-year", () => {
    const rows = Array.from({ length: p.year.length }, (_, k) => k);
    const gml = productivityIndex({ dmus: p.city_code, periods: p.year, X: rows.map((k) => gen.DEA_INPUTS.map((c: string) => p[c][k])),
      Y: rows.map((k) => [p.gdp[k]]), B: rows.map((k) => gen.DEA_BAD.map((c: string) => p[c][k])) }, { index: "gml", model: "super-sbm", rts: "crs" });
    const igg = new Map(gml.results.map((r) => [`${r.dmu}|${r.period}`, r.cumulative?.tfpch]));
    const off = rows.filter((k) => p.year[k] > 2010 && Math.abs((igg.get(`${p.city_code[k]}|${p.year[k]}`) ?? NaN) - hyb.truth.IGG[k]) > 1e-6)
      .map((k) => `${p.city_code[k]}|${p.year[k]}`);
    expect(hyb.frontier).toBeDefined();
    expect(off).toEqual([hyb.frontier ?? ""].filter((f) => !f.endsWith("|2010")));
  });
});
