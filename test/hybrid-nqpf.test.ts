import { describe, expect, it } from "vitest";
import { loadStudyModule } from "kernel-lib";

// The hybrid panel of nqpf-resource-cities: a real DFII series replaces the drawn one, the 2011 value stands in for
// 2008–2010, the other variables keep their draws, and a missing real value stops the run instead of being filled.
const gen = loadStudyModule<typeof import("../data/nqpf-resource-cities/generator")>("nqpf-resource-cities", "generator");
const cities = [
  { code: "140400", name: "长治", province: "山西", type: "mature", region: "central" },
  { code: "150600", name: "鄂尔多斯", province: "内蒙古", type: "growing", region: "west" },
  { code: "210900", name: "阜新", province: "辽宁", type: "declining", region: "northeast" },
];
const years = Array.from({ length: 16 }, (_, i) => 2008 + i);
const real = new Map<string, number>();
cities.forEach((c, i) => years.filter((y) => y >= 2011).forEach((y) => real.set(`${c.code}|${y}`, 40 + 20 * (y - 2011) + 7 * i + 0.125)));

describe("nqpf-resource-cities generator with the real DFII", () => {
  const syn = gen.generate({ seed: 7, cities, mixNoise: 0.02 });
  const hyb = gen.generate({ seed: 7, cities, mixNoise: 0.02, realDFII: real });

  it("takes the real values exactly, with the 2011 value for 2008–2010", () => {
    const p = hyb.panel;
    for (let k = 0; k < p.year.length; k++) expect(p.DFII[k]).toBe(real.get(`${p.city_code[k]}|${Math.max(Number(p.year[k]), 2011)}`));
    expect(hyb.provenance.DFII).toMatch(/^real: PKU-IDF/);
    expect(hyb.provenance.HEE).toBe("synthetic");
    expect(syn.provenance.DFII).toBe("synthetic");
  });

  it("keeps every other drawn regressor identical (the synthetic DFII is drawn and discarded)", () => {
    for (const v of ["HEE", "PGPP", "IRD", "NEPP", "SEE", "EPPCN", "RDER", "FDI", "UR", "MEP", "FI"]) expect(hyb.panel[v], v).toEqual(syn.panel[v]);
    expect(hyb.panel.DFII).not.toEqual(syn.panel.DFII);
  });

  it("stops on a missing real value, naming the city and year", () => {
    const gap = new Map(real);
    gap.delete("150600|2015");
    expect(() => gen.generate({ seed: 7, cities, realDFII: gap })).toThrow(/no usable real DFII for 鄂尔多斯 150600\|2015/);
  });
});
