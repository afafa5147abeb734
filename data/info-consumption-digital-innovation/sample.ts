/**
 * The real prefecture-level cities that label the synthetic sample of info-consumption-digital-innovation. The paper
 * lists none (290 cities, 2003–2023, 5,479 city-years), so the labels follow a fixed, seeded rule that keeps its
 * sample description; the generator's region × size cells (CELLS) give the counts:
 *
 * 1. Universe: the PKU index's units named 市 (2018 names; 2014 codes), which leaves out the 地区 / 自治州 / 盟.
 * 2. Region by province, three regions as 吴一平等 (2010): east = the NBS east plus 辽宁; central = the NBS central
 *    plus 吉林 and 黑龙江; west = the NBS west (data/geo/china_provinces.csv).
 * 3. Where a region has more cities than its cells hold, the cities with the fewest real years (years of per-capita
 *    GDP in the prefecture file + years of the PKU index, 2003–2023) are left out, ties broken by a seeded draw;
 *    the four municipalities are always kept (Table 2 (5)–(6) drop them).
 * 4. City size: within the region, cities ranked by 2010 census resident population (whole prefecture) fill the
 *    cells top-down (super, mega, large, small). This is a population rank, not the 2014 standard (urban-district
 *    population, which no manifest file holds).
 * Within a cell the cities run by population, largest first, so the municipalities lead their cells.
 */
import { createRng, openData, projectDataPath, readTable } from "kernel-lib";

export type Region = "east" | "central" | "west";
export type Size = "super" | "mega" | "large" | "small";

/** Region × size cells: number of cities and missing early city-years (left-truncated non-pilots), as calibrated. */
export const CELLS: readonly (readonly [Region, Size, number, number])[] = [
  ["west", "small", 22, 323], ["west", "large", 50, 0], ["west", "mega", 16, 0], ["west", "super", 2, 5],
  ["central", "small", 6, 32], ["central", "large", 60, 131], ["central", "mega", 32, 0], ["central", "super", 2, 0],
  ["east", "large", 60, 85], ["east", "mega", 32, 24], ["east", "super", 8, 11],
];

export const MUNICIPALITIES: Record<string, string> = { "110000": "北京", "120000": "天津", "310000": "上海", "500000": "重庆" };
const SIZE_ORDER: Size[] = ["super", "mega", "large", "small"];

export interface SampleCity {
  /** 2014 code (the PKU index's). */
  code: string;
  /** 2018 code (the prefecture file's vintage; differs for 山南 542200 → 540500 and a few dropped cities). */
  code2018: string;
  name: string;
  province: string;
  region: Region;
  size: Size;
  /** 2010 census resident population (persons; NaN only for a city left out, e.g. 莱芜, merged in 2019). */
  population2010: number;
  /** Real years of per-capita GDP + the PKU index, 2003–2023. */
  realYears: number;
}

export interface CitySample {
  /** In the generator's order: CELLS, and within a cell by population, largest first. */
  cities: SampleCity[];
  dropped: { city: string; code: string; region: Region; realYears: number; reason: string }[];
  universe: number;
}

function threeRegion(provinceCode: string, nbs: string): Region {
  if (provinceCode === "210000") return "east";
  if (provinceCode === "220000" || provinceCode === "230000") return "central";
  if (nbs === "east" || nbs === "central" || nbs === "west") return nbs;
  throw new Error(`sample: province ${provinceCode} has no region (${nbs})`);
}

export async function sampleCities(seed: number): Promise<CitySample> {
  const dfii = (await openData("manifest:pku_dfii_city_2011_2023")).table;
  const econ = (await openData("manifest:prefecture_econ_maswiebe_1991_2019")).table;
  const census = (await openData("manifest:census_prefecture_2010_2020")).table;
  const prov = readTable(projectDataPath("geo/china_provinces.csv"));
  const nbs = new Map(prov.str("adcode").map((c, i) => [c, prov.str("region")[i]]));
  const provName = new Map(prov.str("adcode").map((c, i) => [c, prov.str("name_zh")[i]]));
  const years = new Map<string, number>();
  const bump = (code: string) => years.set(code, (years.get(code) ?? 0) + 1);
  const units = new Map<string, { name: string; code2018: string; province: string }>();
  const dc = dfii.str("adcode"), dv = dfii.num("index_aggregate");
  for (let k = 0; k < dfii.nRows; k++) {
    if (Number.isFinite(dv[k])) bump(dc[k]);
    if (!units.has(dc[k])) units.set(dc[k], { name: dfii.str("name_2018_zh")[k], code2018: dfii.str("adcode_2018")[k], province: dfii.str("province_adcode")[k] });
  }
  const to2014 = new Map([...units].map(([c, u]) => [u.code2018, c]));
  const ey = econ.num("year"), eg = econ.num("gdppc"), ec = econ.str("adcode");
  for (let k = 0; k < econ.nRows; k++) if (ey[k] >= 2003 && Number.isFinite(eg[k]) && to2014.has(ec[k])) bump(to2014.get(ec[k])!);
  const pop = new Map(census.str("city_code").map((c, i) => [c, census.num("pop_2010")[i]]));
  const all: SampleCity[] = [];
  for (const [code, u] of units) {
    if (!u.name.endsWith("市")) continue;
    const c2 = u.code2018.endsWith("0000") ? u.code2018.slice(0, 2) + "0100" : u.code2018;
    const p = pop.get(c2) ?? NaN;
    all.push({ code, code2018: u.code2018, name: u.name.replace(/市$/, ""), province: provName.get(u.province) ?? u.province,
      region: threeRegion(u.province, nbs.get(u.province) ?? ""), size: "large", population2010: p, realYears: years.get(code) ?? 0 });
  }
  all.sort((a, b) => (a.code < b.code ? -1 : 1));
  // tie-break keys drawn in code order, so the sample does not depend on the files' row order
  const rng = createRng(seed, "info-consumption-digital-innovation sample labels");
  const key = new Map(all.map((c) => [c.code, rng.uniform()]));
  const cities: SampleCity[] = [], dropped: CitySample["dropped"] = [];
  for (const region of ["west", "central", "east"] as Region[]) {
    const cells = CELLS.filter((c) => c[0] === region);
    const need = cells.reduce((s, c) => s + c[2], 0);
    const pool = all.filter((c) => c.region === region);
    if (pool.length < need) throw new Error(`sample: ${region} has ${pool.length} cities, the cells need ${need}`);
    const byCoverage = pool.filter((c) => !MUNICIPALITIES[c.code])
      .sort((a, b) => a.realYears - b.realYears || key.get(a.code)! - key.get(b.code)!);
    const out = new Set(byCoverage.slice(0, pool.length - need).map((c) => c.code));
    for (const c of pool) if (out.has(c.code)) dropped.push({ city: c.name, code: c.code, region, realYears: c.realYears,
      reason: `fewest real years in ${region} (${c.realYears})` });
    const kept = pool.filter((c) => !out.has(c.code)).sort((a, b) => b.population2010 - a.population2010);
    const noPop = kept.find((c) => !Number.isFinite(c.population2010));
    if (noPop) throw new Error(`sample: no 2010 census population for ${noPop.name} ${noPop.code}`);
    let next = 0;
    const bySize = new Map<Size, SampleCity[]>();
    for (const s of SIZE_ORDER) {
      const n = cells.find((c) => c[1] === s)?.[2] ?? 0;
      bySize.set(s, kept.slice(next, next + n).map((c) => ({ ...c, size: s })));
      next += n;
    }
    for (const [, s] of cells) cities.push(...bySize.get(s)!);
  }
  for (const [code, name] of Object.entries(MUNICIPALITIES)) {
    const c = cities.find((x) => x.code === code);
    if (!c || c.size !== "super") throw new Error(`sample: municipality ${name} ${code} is not in a super-large cell`);
  }
  return { cities, dropped, universe: all.length };
}
