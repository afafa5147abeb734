/**
 * The 272 cities of nqpf-inclusive-green-growth, by the rule the notebook's §1 explains (the paper prints no list):
 * ECharts prefecture-level units and the four municipalities, minus 地区 / 自治州 / 盟, units that became 地级市 after
 * 2011, 莱芜 and the three cities the paper names, minus the 12 smallest (2010 census) outside the five agglomerations.
 * Shared by the notebook and by the generator's `templateData`, so the template has the notebook's cities.
 */
import { openData, projectDataPath, readTable } from "kernel-lib";

export interface City { code: string; name: string; province: string; lon: number; lat: number; pop2010: number; agg: string }
export interface Dropped { unit: string; province: string; reason: string }

const NONPREF = new Set(("兴安盟 锡林郭勒盟 阿拉善盟 大兴安岭 延边 恩施 湘西 阿坝 甘孜 凉山 黔西南 黔东南 黔南 楚雄 红河 文山 西双版纳 大理 德宏 " +
  "怒江 迪庆 阿里 临夏 甘南 海北 黄南 果洛 玉树 海西 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰").split(" "));
const LATER = new Set("日喀则 昌都 林芝 山南 那曲 海东 吐鲁番 哈密".split(" "));
const NAMED = new Set(["伊春", "铜仁", "毕节", "莱芜"]);
export const MUNICIPALITIES = ["北京", "天津", "上海", "重庆"];
const MUNI = MUNICIPALITIES;
const AGG_LISTS: Record<string, string> = {
  "京津冀": "北京 天津 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
  "珠三角": "广州 深圳 珠海 佛山 江门 肇庆 惠州 东莞 中山",
  "成渝": "重庆 成都 自贡 泸州 德阳 绵阳 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 资阳",
  "长江中游": "武汉 黄石 鄂州 黄冈 孝感 咸宁 襄阳 宜昌 荆州 荆门 长沙 株洲 湘潭 岳阳 益阳 常德 衡阳 娄底 南昌 九江 景德镇 鹰潭 新余 宜春 萍乡 上饶 抚州 吉安",
};

/** The sample and what was dropped, in the order of the ECharts file. */
export async function sampleCities(target = 272): Promise<{ cities: City[]; dropped: Dropped[]; small: City[]; units: number }> {
  const pref = readTable(projectDataPath("geo/china_prefectures_echarts.csv"));
  const census = (await openData("manifest:census_prefecture_2010_2020")).table;
  const pop2010 = new Map<string, number>();
  census.str("city_code").forEach((c, i) => pop2010.set(c.slice(0, 4), census.num("pop_2010")[i]));
  const name = pref.str("name_zh"), kind = pref.str("unit_kind"), prov = pref.str("province_zh"), code = pref.str("adcode");
  const aggOf = new Map<string, string>();
  for (const [a, cs] of Object.entries(AGG_LISTS)) for (const c of cs.split(" ")) aggOf.set(c, a);
  // 长三角: the 2019 outline's three provinces plus Shanghai.
  aggOf.set("上海", "长三角");
  name.forEach((n, i) => { if (["江苏", "浙江", "安徽"].includes(prov[i]) && kind[i] === "prefecture") aggOf.set(n, "长三角"); });
  const cand: City[] = [];
  const dropped: Dropped[] = [];
  for (let i = 0; i < pref.nRows; i++) {
    const n = name[i];
    if ((kind[i] === "province_level" && !MUNI.includes(n)) || kind[i] === "county_level_direct") continue;
    const c: City = { code: code[i], name: n, province: prov[i], lon: pref.num("lon")[i], lat: pref.num("lat")[i], agg: aggOf.get(n) ?? "",
      pop2010: pop2010.get(MUNI.includes(n) ? code[i].slice(0, 2) + "01" : code[i].slice(0, 4)) ?? NaN };
    if (NONPREF.has(n) || (n === "海南" && prov[i] === "青海")) dropped.push({ unit: n, province: prov[i], reason: "地区 / 自治州 / 盟" });
    else if (LATER.has(n)) dropped.push({ unit: n, province: prov[i], reason: "became a 地级市 after 2011" });
    else if (NAMED.has(n)) dropped.push({ unit: n, province: prov[i], reason: n === "莱芜" ? "merged into 济南 (2019)" : "named by the paper" });
    else cand.push(c);
  }
  const small = cand.filter((c) => !c.agg).sort((a, b) => (a.pop2010 || 0) - (b.pop2010 || 0)).slice(0, cand.length - target);
  const smallSet = new Set(small.map((c) => c.code));
  for (const c of small) dropped.push({ unit: c.name, province: c.province, reason: `12 smallest outside the agglomerations (2010 pop ${(c.pop2010 / 1e4).toFixed(0)} 万)` });
  return { cities: cand.filter((c) => !smallSet.has(c.code)), dropped, small, units: cand.length + dropped.length - small.length };
}
