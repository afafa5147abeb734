import { describe, expect, it } from "vitest";
import { loadStudyModule } from "kernel-lib";

// The hybrid panel of nqpf-inclusive-green-growth: the real PKU index replaces the drawn NP indicator dfi (2010 takes
// the 2011 value), every other drawn column keeps its draws, and a missing real value stops the run.
const gen = loadStudyModule<any>("nqpf-inclusive-green-growth", "generator");
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
