/**
 * The 271 cities of ai-regional-innovation, by a documented rule (the paper lists none; it says only "271
 * prefecture-level and above cities, 2011–2022; 毕节, 铜仁, 克拉玛依 and others dropped for missing data", and
 * Table 7's N implies 100 east, 100 central, 71 west). The rule:
 *   1. the units of the public prefecture series (manifest prefecture_econ_maswiebe_1991_2019) plus the four
 *      municipalities (not in that series);
 *   2. keep 地级市: the census-2020 name ends in 市 (地区, 自治州, 盟 dropped);
 *   3. drop units that were not a prefecture-level city for all of 2011–2022 (NOT_CITY_THROUGHOUT: a balanced
 *      2011–2022 city panel cannot hold them) and the three the paper names;
 *   4. keep units with GDP per capita in every year 2011–2017 of the public series (Eco's real years);
 *   5. where a region (NBS three-region division) still has more cities than the paper's count, a seeded draw
 *      drops the excess among its non-municipal cities (the paper's unnamed "others"), from the list sorted by
 *      code, so the draw does not depend on row order.
 * Shared by the notebook (through generator.ts) and the generator's `templateData`.
 */
import { createRng, loadPublished, openData, printedValue, projectDataPath, readTable } from "kernel-lib";

export type Region = "east" | "central" | "west";

export interface CityInfo { code: string; name: string; province: string; region: Region; municipality: 0 | 1 }

export const ECON_SOURCE = "manifest:prefecture_econ_maswiebe_1991_2019";
/** The cities the paper names as dropped for missing data. */
export const PAPER_DROPPED = ["毕节", "铜仁", "克拉玛依"];
/** 地级市 that were not prefecture-level cities for all of 2011–2022 (administrative division changes). */
export const NOT_CITY_THROUGHOUT: Record<string, string> = {
  莱芜: "merged into 济南 in 2019", 巢湖: "dissolved in 2011", 毕节: "a city from November 2011",
  铜仁: "a city from November 2011", 三沙: "a city from 2012", 海东: "a city from 2013", 日喀则: "a city from 2014",
  昌都: "a city from 2014", 儋州: "a prefecture-level city from 2015", 林芝: "a city from 2015",
  吐鲁番: "a city from 2015", 山南: "a city from 2016", 哈密: "a city from 2016", 那曲: "a city from 2017",
};
const MUNICIPALITIES = ["110000", "120000", "310000", "500000"];
/** NBS three-region division: 辽宁 is east, 吉林 and 黑龙江 central (the provinces file has a fourth, northeast). */
const NORTHEAST_TO: Record<string, Region> = { "21": "east", "22": "central", "23": "central" };

export interface Sample {
  kept: CityInfo[];
  dropped: { city: string; code: string; region: string; reason: string }[];
  /** The paper's cities per region (Table 7's N / 12, read from published.json). */
  paperCounts: Record<Region, number>;
  /** Cities per region before the seeded draw (rules 1–4). */
  eligible: Record<Region, number>;
  seedLabel: string;
}

export async function sampleCities(seed: number): Promise<Sample> {
  const pub = loadPublished("ai-regional-innovation");
  const years = 12; // 2011–2022
  const paperCounts = Object.fromEntries((["east", "central", "west"] as const).map((r) =>
    [r, printedValue(pub, `t7-${r}-N`) / years])) as Record<Region, number>;
  const econ = (await openData(ECON_SOURCE)).table;
  const census = (await openData("manifest:census_prefecture_2010_2020")).table;
  const provinces = readTable(projectDataPath("geo/china_provinces.csv"));
  const fullName = new Map(census.str("city_code").map((c, i) => [c, census.str("city_zh")[i]]));
  const provOf = new Map(provinces.str("adcode").map((c, i) => [c.slice(0, 2), i]));
  const regionOf = (code: string): Region => {
    const r = provinces.str("region")[provOf.get(code.slice(0, 2))!];
    return r === "northeast" ? NORTHEAST_TO[code.slice(0, 2)] : (r as Region);
  };
  const gdppcYears = new Map<string, number>(), names = new Map<string, string>();
  const ec = econ.str("adcode"), ey = econ.num("year"), ev = econ.num("gdppc"), en = econ.str("name_zh");
  for (let k = 0; k < econ.nRows; k++) {
    names.set(ec[k], en[k].replace(/市$/, ""));
    if (ey[k] >= 2011 && ey[k] <= 2017 && Number.isFinite(ev[k])) gdppcYears.set(ec[k], (gdppcYears.get(ec[k]) ?? 0) + 1);
  }
  for (const m of MUNICIPALITIES) names.set(m, provinces.str("name_zh")[provOf.get(m.slice(0, 2))!]);
  const dropped: Sample["dropped"] = [];
  const candidates: CityInfo[] = [];
  for (const code of [...names.keys()].sort()) {
    const name = names.get(code)!, muni = MUNICIPALITIES.includes(code);
    const info: CityInfo = { code, name, province: provinces.str("name_zh")[provOf.get(code.slice(0, 2))!],
      region: regionOf(code), municipality: muni ? 1 : 0 };
    const drop = (reason: string) => dropped.push({ city: name, code, region: info.region, reason });
    if (NOT_CITY_THROUGHOUT[name]) drop(`not a city for all of 2011–2022 (${NOT_CITY_THROUGHOUT[name]})`);
    else if (PAPER_DROPPED.includes(name)) drop("named by the paper as dropped for missing data");
    else if (!muni && !(fullName.get(code) ?? "").endsWith("市")) drop(`not a 地级市 (${fullName.get(code) ?? "no census name"})`);
    else if (!muni && gdppcYears.get(code) !== 7) drop("GDP per capita missing in the public series in 2011–2017");
    else candidates.push(info);
  }
  const eligible = { east: 0, central: 0, west: 0 };
  const seedLabel = "ai-regional-innovation sample (seeded draw of the unnamed dropped cities)";
  const rng = createRng(seed, seedLabel);
  const kept: CityInfo[] = [];
  for (const r of ["east", "central", "west"] as const) {
    // The four municipalities stay (Table 3 (4) drops exactly four: 3,204 = 267 × 12).
    const pool = candidates.filter((c) => c.region === r && !c.municipality);
    const need = paperCounts[r] - candidates.filter((c) => c.region === r && c.municipality).length;
    eligible[r] = candidates.filter((c) => c.region === r).length;
    if (pool.length < need) throw new Error(`sample: ${eligible[r]} eligible ${r} cities, the paper has ${paperCounts[r]}`);
    kept.push(...candidates.filter((c) => c.region === r && c.municipality));
    const out = new Set(rng.permutation(pool.length).slice(0, pool.length - need));
    pool.forEach((c, j) => (out.has(j) ? dropped.push({ city: c.name, code: c.code, region: r,
      reason: "dropped by the seeded draw (the paper's unnamed 'others')" }) : kept.push(c)));
  }
  if (new Set(kept.map((c) => c.name)).size !== kept.length) throw new Error("sample: two kept cities share a name");
  return { kept: kept.sort((a, b) => a.code.localeCompare(b.code)), dropped, paperCounts, eligible, seedLabel };
}
