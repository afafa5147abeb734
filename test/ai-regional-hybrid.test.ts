// ai-regional-innovation's hybrid panel (issue 19): the real-city sample rule of data/<id>/sample.ts and the real Eco
// of generator.ts. Expected values are read by hand from the public file (manifest prefecture_econ_maswiebe_1991_2019,
// column gdppc, 10^4 yuan) and from the paper's Table 7 (100 / 100 / 71 cities), never from the code under test.
import { describe, expect, it } from "vitest";
import { loadStudyModule } from "kernel-lib";

type City = { code: string; name: string; province: string; region: string; municipality: number };
type Sample = { kept: City[]; dropped: { city: string; reason: string }[]; eligible: Record<string, number> };
const S = loadStudyModule<{ sampleCities(seed: number): Promise<Sample> }>("ai-regional-innovation", "sample");
const G = loadStudyModule<{ hybridPanel(p: object): Promise<{ panel: Record<string, (string | number)[]>;
  provenance: Record<string, string>; nRealEco: number }> }>("ai-regional-innovation", "generator");
const SEED = 20250415;

describe("ai-regional-innovation: real city labels", () => {
  it("271 cities, 100 east / 100 central / 71 west, the municipalities kept, the paper's drops out", async () => {
    const s = await S.sampleCities(SEED);
    const count = (r: string) => s.kept.filter((c) => c.region === r).length;
    expect([s.kept.length, count("east"), count("central"), count("west")]).toEqual([271, 100, 100, 71]);
    expect(s.kept.filter((c) => c.municipality).map((c) => c.name).sort()).toEqual(["上海", "北京", "天津", "重庆"].sort());
    const names = new Set(s.kept.map((c) => c.name));
    for (const gone of ["毕节", "铜仁", "克拉玛依", "莱芜", "儋州", "延边", "恩施"]) expect(names.has(gone)).toBe(false);
    // 辽宁 counts as east, 吉林 and 黑龙江 as central (NBS three regions).
    expect(s.kept.find((c) => c.name === "沈阳")?.region).toBe("east");
    expect(s.kept.find((c) => c.name === "长春")?.region).toBe("central");
    expect(s.kept.map((c) => c.code)).toEqual([...s.kept.map((c) => c.code)].sort());
  }, 120_000);

  it("the seeded draw touches only the western surplus and is the same for the same seed", async () => {
    const [a, b, c] = await Promise.all([S.sampleCities(SEED), S.sampleCities(SEED), S.sampleCities(SEED + 1)]);
    expect(a.kept.map((x) => x.code)).toEqual(b.kept.map((x) => x.code));
    const east = (s: Sample) => s.kept.filter((x) => x.region !== "west").map((x) => x.code);
    expect(east(c)).toEqual(east(a));
    expect(c.kept.map((x) => x.code)).not.toEqual(a.kept.map((x) => x.code));
    expect(a.dropped.filter((d) => d.reason.includes("seeded")).length).toBe(a.eligible.west - 71);
  }, 120_000);
});

describe("ai-regional-innovation: real Eco in the hybrid panel", () => {
  it("is ln(gdppc × 10^4) of the public series in 2011–2017, and says so", async () => {
    const d = await G.hybridPanel({ seed: SEED, noiseSd: 0.2, ecoSource: "manifest:prefecture_econ_maswiebe_1991_2019" });
    const eco = (city: string, year: number) => {
      const k = d.panel.city.findIndex((c, i) => c === city && d.panel.year[i] === year);
      return Number(d.panel.Eco[k]);
    };
    // gdppc: 石家庄 2011 4.0937366, 2012 4.476485; 深圳 2017 51.73459 (10^4 yuan, read from the file).
    expect(eco("石家庄", 2011)).toBeCloseTo(Math.log(40937.366), 6);
    expect(eco("石家庄", 2012)).toBeCloseTo(Math.log(44764.85), 6);
    expect(eco("深圳", 2017)).toBeCloseTo(Math.log(517345.9), 6);
    expect(d.nRealEco).toBe(267 * 7);
    expect(d.provenance.Eco).toMatch(/^real 2011–2017/);
    expect(d.provenance.Fis).toBe("synthetic (generator.ts)");
  }, 120_000);
});
