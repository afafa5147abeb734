/**
 * The 115 cities of nqpf-resource-cities, by the rule the notebook's §1 explains (the paper prints no list): the
 * 2013 plan's prefecture-level units, minus the ten 地区 / 自治州 / 盟 and 莱芜 (merged into 济南 in 2019). Shared by
 * the notebook and by the generator's `templateData`, so the template has the notebook's cities.
 */
import { openData, projectDataPath, readTable } from "kernel-lib";

export interface City { code: string; name: string; province: string; type: string; typeZh: string; region: string; lon: number; lat: number }

export async function keptCities(): Promise<{ kept: City[]; dropped: Record<string, string>[]; planTypes: string[] }> {
  const pt = (await openData("manifest:resource_cities_2013")).table;
  const provinces = readTable(projectDataPath("geo/china_provinces.csv"));
  const regionOf = new Map(provinces.str("adcode").map((c, i) => [c.slice(0, 2), provinces.str("region")[i]]));
  const kept: City[] = [];
  const dropped: Record<string, string>[] = [];
  for (let i = 0; i < pt.nRows; i++) {
    const code = pt.str("adcode")[i];
    const c: City = { code, name: pt.str("name_zh")[i], province: pt.str("province_zh")[i], type: pt.str("type")[i],
      typeZh: pt.str("type_zh")[i], region: regionOf.get(code.slice(0, 2)) ?? "?", lon: pt.num("lon")[i], lat: pt.num("lat")[i] };
    const full = pt.str("full_name_zh")[i];
    if (!full.endsWith("市")) dropped.push({ city: full, type: c.typeZh, reason: "not a 地级市 (地区 / 自治州 / 盟)" });
    else if (c.name === "莱芜") dropped.push({ city: full, type: c.typeZh, reason: "merged into 济南 in 2019: no 2019–2023 observations" });
    else kept.push(c);
  }
  return { kept, dropped, planTypes: pt.str("type") };
}
