/**
 * The data atlas notebook's plumbing: opening every real file, the coverage table, the map list, each caveat's
 * table, the checks of the data notes (SOURCES.md §6) and the hybrid ln(1+DFII) check. The atlas only arranges
 * and draws: every number comes from the files. Loaded with loadStudyModule("data-atlas", "study").
 */
import {
  describe, figure, loadManifest, loadPublished, markdown, openData, pointValueMap, projectDataPath, provinceChoropleth,
  quantile, readGeoJson, readTable, table, Table, type ColorScale, type Displayable, type FeatureCollection, type LedgerComparison, type Ours,
} from "kernel-lib";
import { HEAT, codes, correlation, coverageFigure, unitsByYear } from "./atlas";

type Row = Record<string, string | number | null>;
export type Shown = Displayable[];

/** Every file the atlas reads, and what later sections find (the data notes' checks read them). */
export class AtlasData {
  readonly found: Record<string, number> = {};
  popFlagCount = 0; popFlags2011 = 0; revFlagCount = 0; toiletCities = 0;
  constructor(readonly opened: Map<string, Table>, readonly prefPoints: Table, readonly provinces: FeatureCollection,
    readonly files: Displayable) {}
  T(id: string): Table {
    const t = this.opened.get(id);
    if (!t) throw new Error(`data atlas: no manifest file "${id}"`);
    return t;
  }
}

/** Opens every manifest file with openData("manifest:<id>") (SHA-256 checked) and the shipped map data. */
export async function openAll(): Promise<AtlasData> {
  const opened = new Map<string, Table>();
  const fileRows: Row[] = [];
  for (const e of loadManifest().files) {
    const d = await openData(`manifest:${e.id}`);
    opened.set(e.id, d.table);
    fileRows.push({
      id: e.id, rows: d.table.nRows, columns: d.table.names.length,
      source: e.upstream ? `${e.upstream.repository} @ ${e.upstream.commit.slice(0, 8)}` : "written here",
      raw: e.upstream ? e.upstream.path.split("/").pop()! : "",
      licence: e.licence.length > 48 ? e.licence.slice(0, 45) + "…" : e.licence,
      where: e.shipped ? `shipped: data/${e.shipped}` : "manifest only",
      read: d.origin,
    });
  }
  const prefPoints = readTable(projectDataPath("geo/china_prefectures_echarts.csv"));
  const provinces = readGeoJson(projectDataPath("geo/china_provinces.geojson"));
  const echarts = { source: "npm echarts@4.9.0", licence: "Apache-2.0", where: "shipped: data/geo/", read: "shipped" };
  fileRows.push({ id: "geo/china_prefectures_echarts.csv", rows: prefPoints.nRows, columns: prefPoints.names.length,
    ...echarts, raw: "map/json/china-cities.json" });
  fileRows.push({ id: "geo/china_provinces.geojson", rows: provinces.features.length, columns: 0, ...echarts,
    raw: "map/json/china.json" });
  const cols = ["id", "rows", "columns", "source", "raw", "licence", "where", "read"];
  const files = table(fileRows, { columns: cols, caption: `Real data files the project reads (${fileRows.length})`,
    provenance: "real", digits: 0, notes: ["Verified by SHA-256 on every read. The transform that rebuilds each file "
      + "from its raw file is named in data/manifest.json. Full licences and caveats: data/panels/README.md, "
      + "data/geo/NOTICE.md, shared/data/SOURCES.md."] });
  return new AtlasData(opened, prefPoints, provinces, files);
}

/** Dataset, file and the variable whose non-empty cells define coverage. */
const COVERAGE: [string, string, string, string?][] = [
  ["PKU DFII, cities", "pku_dfii_city_2011_2023", "index_aggregate"],
  ["PKU DFII, provinces", "pku_dfii_province_2011_2023", "index_aggregate"],
  ["maswiebe GDP", "prefecture_econ_maswiebe_1991_2019", "gdp"],
  ["maswiebe population", "prefecture_econ_maswiebe_1991_2019", "pop"],
  ["maswiebe revenue", "prefecture_econ_maswiebe_1991_2019", "revenue"],
  ["maswiebe industrial SO2", "prefecture_so2_maswiebe_1995_2018", "so2"],
  ["maswiebe PM2.5", "prefecture_pm25_maswiebe_1998_2016", "pm25"],
  ["CEADs city CO2", "ceads_city_co2_1997_2019", "co2_mt"],
  ["Chen et al. county CO2 by prefecture", "county_co2_chen2020_by_prefecture_1997_2017", "co2_mt"],
  ["provincial GDP", "province_gdp_1992_2020", "gdp_100m_yuan"],
  ["287-city panel (jcdasheng)", "city_sustainability_287_2004_2012", "gdp_10k_yuan"],
  ["provincial patents and R&D", "province_patents_rd_2010_2023", "patents_granted", "province_adcode"],
];

/** Units with a value per year and dataset: the table and the year × dataset grid. */
export function coverage(A: AtlasData): Shown {
  const censusT = A.T("census_prefecture_2010_2020");
  const censusCov = new Map([2010, 2020].map((y) =>
    [y, Array.from(censusT.num(`pop_${y}`)).filter((v) => Number.isFinite(v)).length] as [number, number]));
  const cov = [...COVERAGE.map(([label, id, variable, unit]) =>
    ({ label, id, variable, byYear: unitsByYear(A.T(id), variable, unit) })),
  { label: "census (6th and 7th)", id: "census_prefecture_2010_2020", variable: "pop_2010, pop_2020", byYear: censusCov }];
  for (const y of [1997, 2000, 2012, 2019]) A.found[`ceads-cities-${y}`] = cov[7].byYear.get(y) ?? 0;
  const t = table(cov.map((c) => {
    const ys = [...c.byYear.keys()], ns = [...c.byYear.values()];
    const max = Math.max(...ns);
    const dense = ys.filter((y) => c.byYear.get(y)! >= 0.9 * max);
    return { dataset: c.label, file: c.id, variable: c.variable, years: `${ys[0]}–${ys[ys.length - 1]}`,
      "years with data": ys.length, "units, fewest a year": Math.min(...ns), "units, most a year": max,
      "years with ≥ 90% of the most": dense.length ? `${dense[0]}–${dense[dense.length - 1]} (${dense.length})` : "" };
  }), { caption: "Coverage: units with a value, per year", provenance: "real", digits: 0,
    notes: ["Not listed: the two resource-city lists (one year, 2013: 126 prefectures, 62 county-level cities) and "
      + "the map data."] });
  return [t, figure(coverageFigure(cov, "Units with a value, by dataset and year"), { caption: "Coverage of the real "
    + "panels (colour = units with a value as a share of the dataset's best-covered year; hover for the count)",
  provenance: "real", source: "data/manifest.json files, verified by SHA-256" })];
}

function valuesIn(A: AtlasData, id: string, variable: string, year: number, codeCol = "adcode") {
  const t = A.T(id), c = codes(t, codeCol), y = t.num("year"), v = t.num(variable);
  const out: { code: string; value: number }[] = [];
  for (let i = 0; i < c.length; i++) if (y[i] === year && Number.isFinite(v[i])) out.push({ code: c[i], value: v[i] });
  if (out.length === 0) throw new Error(`${id}: no values of ${variable} in ${year} (see the coverage table)`);
  return out;
}

function pointsOf(A: AtlasData) {
  const points = new Map<string, { lon: number; lat: number; name: string }>();
  const p = A.prefPoints, c = codes(p), lon = p.num("lon"), lat = p.num("lat"), nm = p.str("name_zh");
  for (let i = 0; i < c.length; i++) points.set(c[i], { lon: lon[i], lat: lat[i], name: nm[i] });
  return points;
}

/** One map per key variable; `years` holds the year of each (the notebook's parameters). */
export function maps(A: AtlasData, years: Record<string, number>): Shown {
  const points = pointsOf(A);
  const pointMapOf = (id: string, variable: string, year: number, title: string, unit: string, source: string,
    scale: ColorScale = "Viridis") => {
    const m = pointValueMap(A.provinces, points, valuesIn(A, id, variable, year), { title: `${title}, ${year}`, unit, scale });
    const miss = m.unplaced.length ? `; ${m.unplaced.length} without an ECharts point (${m.unplaced.join(", ")})`
      : "; every unit placed";
    return figure(m.figure, { caption: `${title}, ${year}: ${m.drawn} units drawn (colours clipped to the 2nd–98th `
      + `percentile)${miss}`, provenance: "real", source });
  };
  const provinceMapOf = (id: string, variable: string, year: number, title: string, unit: string, source: string,
    codeCol = "adcode") => {
    const vals = valuesIn(A, id, variable, year, codeCol);
    return figure(provinceChoropleth(A.provinces, new Map(vals.map((v) => [v.code, v.value])),
      { title: `${title}, ${year}`, unit }), { caption: `${title}, ${year}: ${vals.length} provinces`,
      provenance: "real", source });
  };
  const PKU = "PKU-IDF 北京大学数字普惠金融指数 (Guo et al. 2020), via pedrohcgs/claude-code-my-workflow @ f97ce33c";
  const MAS = "maswiebe/meritocratic_promotion @ bc82d115";
  const census = A.T("census_prefecture_2010_2020"), cc = codes(census, "city_code"), p20 = census.num("pop_2020");
  const popVals = cc.map((code, i) => ({ code, value: p20[i] / 1e4 })).filter((v) => Number.isFinite(v.value));
  const pop = pointValueMap(A.provinces, points, popVals, { title: "Resident population, census 2020", unit: "万人" });
  return [
    pointMapOf("pku_dfii_city_2011_2023", "index_aggregate", years.dfii,
      "PKU digital financial inclusion index, cities", "index", PKU),
    provinceMapOf("pku_dfii_province_2011_2023", "index_aggregate", years.dfii,
      "PKU digital financial inclusion index, provinces", "index", PKU.replace(" 北京大学数字普惠金融指数", "")),
    pointMapOf("prefecture_econ_maswiebe_1991_2019", "gdppc", years.econ,
      "GDP per capita (gdp / registered pop; unit inferred)", "万元/person",
      `${MAS}, prefecture.dta (origin undocumented; the four municipalities are absent)`),
    pointMapOf("prefecture_so2_maswiebe_1995_2018", "so2", years.pollution, "Industrial SO2 emissions (unit inferred)",
      "kt", `${MAS}, so2_ceic.dta (CEIC per the file name)`, HEAT),
    pointMapOf("prefecture_pm25_maswiebe_1998_2016", "pm25", years.pollution, "PM2.5 annual mean (unit inferred)",
      "µg/m³", `${MAS}, pm25.dta (product undocumented)`, HEAT),
    pointMapOf("ceads_city_co2_1997_2019", "co2_mt", years.co2, "CO2 emissions, CEADs city inventory", "Mt CO2",
      "CEADs (Shan et al. 2017–2022), via Open-Earth-Foundation/OpenClimate @ 0ed33d53", HEAT),
    pointMapOf("county_co2_chen2020_by_prefecture_1997_2017", "co2_mt", years.co2,
      "CO2 emissions, Chen et al. counties summed to prefectures", "Mt CO2", "Chen et al. (2020) Sci. Data 7:391, "
      + "via STATS201-DKU-Autumn2024/Week1_Yuxiang @ 51b8e81c (2010 county division)", HEAT),
    provinceMapOf("province_gdp_1992_2020", "gdp_100m_yuan", years.provinceGdp, "Provincial nominal GDP (unit inferred)",
      "亿元", "NBS figures via henrylin03/china-gdp @ 2542574f (vintage undocumented)"),
    pointMapOf("city_sustainability_287_2004_2012", "gdp_10k_yuan", years.cityPanel,
      "GDP at current prices, 287-city panel", "万元", "jcdasheng/China_City_sustainability @ 137b9d26 (MIT; China "
      + "statistical yearbook)"),
    provinceMapOf("province_patents_rd_2010_2023", "patents_granted", years.patents, "Patents granted, provinces",
      "patents", "huhuaping/techme @ 9ad60a19 (MIT; 中国科技统计年鉴)", "province_adcode"),
    figure(pop.figure, { caption: `Resident population 2020: ${pop.drawn} units drawn (colours clipped to the 2nd–98th `
      + `percentile); ${pop.unplaced.length} census codes (2020 vintage) without an ECharts point (end-2014 vintage): `
      + `${pop.unplaced.join(", ")}`, provenance: "real", source: "leiii/census @ 0ba0f1ef (MIT), 7th census on 2020 "
      + "boundaries" }),
  ];
}

/** 4.1: year-end populations far from the city's own median of its other years. */
export function populationCaveat(A: AtlasData, popRatioFlag: number, caveatRows: number): Shown {
  const cityRows = A.T("city_sustainability_287_2004_2012").rows();
  const byCity = new Map<string, Row[]>();
  for (const r of cityRows) { const k = String(r.adcode); byCity.set(k, [...(byCity.get(k) ?? []), r]); }
  const popFlags: Record<string, string | number>[] = [];
  for (const [code, rs] of byCity) for (const r of rs) {
    const others = rs.filter((q) => q !== r).map((q) => q.pop_year_end_10k as number);
    if (others.length === 0) continue;
    const med = quantile(others, 0.5, "r7");
    const ratio = (r.pop_year_end_10k as number) / med;
    if (ratio > popRatioFlag || ratio < 1 / popRatioFlag) popFlags.push({ city: String(r.name_zh), adcode: code,
      year: r.year as number, "pop_year_end_10k": r.pop_year_end_10k as number, "median of other years": med, ratio });
  }
  popFlags.sort((a, b) => Math.abs(Math.log(b.ratio as number)) - Math.abs(Math.log(a.ratio as number)));
  const popByYear = new Map<number, number>();
  for (const f of popFlags) popByYear.set(f.year as number, (popByYear.get(f.year as number) ?? 0) + 1);
  A.popFlagCount = popFlags.length;
  A.popFlags2011 = popByYear.get(2011) ?? 0;
  return [table(popFlags.slice(0, caveatRows), { caption: `Year-end population off the city's own median by more `
    + `than ×${popRatioFlag}: ${popFlags.length} of ${cityRows.length} rows (first `
    + `${Math.min(caveatRows, popFlags.length)} by size of the gap)`, provenance: "real",
  digits: { "pop_year_end_10k": 2, "median of other years": 2, ratio: 2, year: 0 },
  notes: [`Flagged rows by year: ${[...popByYear].sort((a, b) => a[0] - b[0]).map(([y, n]) => `${y}: ${n}`).join(", ")}`
    + ". Source: jcdasheng/China_City_sustainability (MIT)."] })];
}

/** 4.2: a "per-capita" green area of tens of thousands of m². */
export function greenAreaCaveat(A: AtlasData, year: number): Shown {
  const cityT = A.T("city_sustainability_287_2004_2012"), cityRows = cityT.rows();
  const green = cityT.num("green_area_per_capita_m2");
  const over100 = Array.from(green).filter((v) => v > 100).length;
  A.found["city-green-over-100"] = over100;
  return [table([{ rows: green.length, "values > 100 m²": over100, min: Math.min(...green),
    median: quantile(green, 0.5, "r7"), max: Math.max(...green) }],
  { caption: "green_area_per_capita_m2 in the 287-city panel", provenance: "real", digits: 0 }),
  table(cityRows.filter((r) => ["110000", "310000", "440100", "420100"].includes(String(r.adcode)) && r.year === year)
    .map((r) => ({ city: String(r.name_zh), year: r.year as number,
      "green_area_per_capita_m2": r.green_area_per_capita_m2 as number, "pop_year_end_10k": r.pop_year_end_10k as number,
      "green_coverage_pct": r.green_coverage_pct as number })),
  { caption: `Four large cities in ${year}: a "per-capita" area of tens of thousands of m²`, provenance: "real",
    digits: { year: 0, "green_area_per_capita_m2": 0, "pop_year_end_10k": 2, "green_coverage_pct": 2 } })];
}

/** 4.3: revenue (labelled 万元) far below the GDP share it should have: a unit break. */
export function revenueCaveat(A: AtlasData, floor: number, caveatRows: number): Shown {
  const econRows = A.T("prefecture_econ_maswiebe_1991_2019").rows();
  const share = (r: Row) => (r.revenue as number) / ((r.gdp as number) * 1e4);
  const revFlags = econRows.filter((r) => r.revenue !== null && r.gdp !== null && share(r) < floor)
    .map((r) => ({ prefecture: String(r.name_zh), adcode: String(r.adcode), province: String(r.province_adcode),
      year: r.year as number, revenue: r.revenue as number, "gdp (亿元)": r.gdp as number, "revenue / GDP": share(r) }));
  const revTotal = econRows.filter((r) => r.revenue !== null && r.gdp !== null).length;
  const byProv = new Map<string, { n: number; years: Set<number>; units: Set<string> }>();
  for (const f of revFlags) {
    const g = byProv.get(f.province) ?? { n: 0, years: new Set<number>(), units: new Set<string>() };
    g.n++; g.years.add(f.year); g.units.add(f.adcode); byProv.set(f.province, g);
  }
  A.revFlagCount = revFlags.length;
  const provName = new Map(A.provinces.features.map((f) => [String(f.properties?.adcode), String(f.properties?.name_zh)]));
  return [table([...byProv].sort((a, b) => b[1].n - a[1].n).map(([p, g]) => ({ province: `${provName.get(p) ?? "?"} ${p}`,
    "flagged rows": g.n, prefectures: g.units.size, years: `${Math.min(...g.years)}–${Math.max(...g.years)}` })),
  { caption: `Revenue below ${100 * floor}% of GDP: ${revFlags.length} of ${revTotal} prefecture-years with both, by `
    + "province", provenance: "real", digits: 0 }),
  table(revFlags.filter((f) => f.adcode === "320500").concat(revFlags.filter((f) => f.adcode !== "320500").slice(0, caveatRows)),
    { caption: "Flagged rows: 苏州 (named in the notes), then the first others", provenance: "real",
      digits: { year: 0, revenue: 4, "gdp (亿元)": 2, "revenue / GDP": 6 } })];
}

/** 4.4: gdp/gdp_old and pop/pop_old, undocumented pairs. */
export function twoVersions(A: AtlasData): Shown {
  const econRows = A.T("prefecture_econ_maswiebe_1991_2019").rows();
  const both = (a: string, b: string) => econRows.filter((r) => r[a] !== null && r[b] !== null);
  const gdpPairs = both("gdp", "gdp_old"), popPairs = both("pop", "pop_old");
  const rel = (r: Row, a: string, b: string) => Math.abs((r[a] as number) / (r[b] as number) - 1);
  const gdpDiffer = gdpPairs.filter((r) => rel(r, "gdp", "gdp_old") > 0.01);
  const popDiffer = popPairs.filter((r) => rel(r, "pop", "pop_old") > 0.01);
  Object.assign(A.found, { "econ-gdp-pairs": gdpPairs.length, "econ-gdp-differ": gdpDiffer.length,
    "econ-pop-pairs": popPairs.length, "econ-pop-differ": popDiffer.length });
  return [table([
    { pair: "gdp vs gdp_old", "rows with both": gdpPairs.length, "differ by > 1%": gdpDiffer.length,
      share: gdpDiffer.length / gdpPairs.length },
    { pair: "pop vs pop_old", "rows with both": popPairs.length, "differ by > 1%": popDiffer.length,
      share: popDiffer.length / popPairs.length },
  ], { caption: "Two versions of the same concept in prefecture.dta", provenance: "real",
    digits: { "rows with both": 0, "differ by > 1%": 0, share: 3 } }),
  table(econRows.filter((r) => String(r.adcode) === "440300" && [2000, 2005, 2010].includes(r.year as number))
    .map((r) => ({ prefecture: String(r.name_zh), year: r.year as number, gdp: r.gdp as number,
      gdp_old: r.gdp_old as number, pop: r.pop as number, pop_old: r.pop_old as number })),
  { caption: "深圳: pop (registered, 户籍) against pop_old", provenance: "real",
    digits: { year: 0, gdp: 2, gdp_old: 2, pop: 2, pop_old: 2 } })];
}

const NEG_COLS = ["payment", "credit", "coverage_breadth", "usage_depth", "digitization_level", "insurance", "investment",
  "index_aggregate"];

/** 4.5: the remaining flags of the notes, each recomputed. */
export function oddities(A: AtlasData): Shown {
  const cityT = A.T("city_sustainability_287_2004_2012"), cityRows = cityT.rows();
  const pkuRows = A.T("pku_dfii_city_2011_2023").rows();
  const negatives = Object.fromEntries(NEG_COLS.map((c) => [c, pkuRows.filter((r) => r[c] !== null && (r[c] as number) < 0)]));
  for (const c of NEG_COLS) A.found[`pku-negative-${c}`] = negatives[c].length;
  const so2Rows = A.T("prefecture_so2_maswiebe_1995_2018").rows();
  const where = (f: (r: Row) => boolean, show: (r: Row) => string) => cityRows.filter(f).map(show).join("; ");
  const over = (c: string) => where((r) => (r[c] as number) > 100, (r) => `${r.name_zh} ${r.year} = ${r[c]}`);
  A.toiletCities = cityRows.filter((r) => r.public_toilets === 698333).length;
  const odd: Record<string, string | number>[] = [
    { check: "waste_harmless_treatment_pct > 100", rows: over("waste_harmless_treatment_pct") },
    { check: "green_coverage_pct > 100", rows: over("green_coverage_pct") },
    { check: "public_toilets = 698,333", rows: where((r) => r.public_toilets === 698333, (r) => `${r.name_zh} ${r.year}`) },
    { check: "school_students = 0", rows: where((r) => r.school_students === 0, (r) => `${r.name_zh} ${r.year}`) },
    { check: "score > 10 (author's model output)", rows: `${cityRows.filter((r) => (r.score as number) > 10).length} `
      + `rows, max ${Math.max(...cityT.num("score")).toFixed(1)}` },
    ...NEG_COLS.filter((c) => negatives[c].length > 0).map((c) => ({ check: `PKU city ${c} < 0`,
      rows: `${negatives[c].length}: ` + negatives[c].slice(0, 4).map((r) => `${r.name_2014_zh} ${r.year} = ${r[c]}`)
        .join("; ") + (negatives[c].length > 4 ? "; …" : "") })),
    { check: "SO2 before 2003", rows: so2Rows.filter((r) => (r.year as number) < 2003)
      .map((r) => `${r.name_zh} ${r.year}`).join("; ") },
    { check: "SO2 北京 2003 and 2004", rows: so2Rows.filter((r) => String(r.adcode) === "110000"
      && [2003, 2004].includes(r.year as number)).map((r) => `${r.year} = ${r.so2}`).join("; ") },
  ];
  return [table(odd, { caption: "Further source oddities (as they are in the files)", provenance: "real" })];
}

/** 4.6: CEADs against Chen et al. on their common prefecture-years. */
export function co2Sources(A: AtlasData): Shown {
  const ceadsRows = A.T("ceads_city_co2_1997_2019").rows(), chenRows = A.T("county_co2_chen2020_by_prefecture_1997_2017").rows();
  const chenAt = new Map(chenRows.map((r) => [`${r.adcode}|${r.year}`, r.co2_mt as number]));
  const pairs = ceadsRows.filter((r) => chenAt.has(`${r.adcode}|${r.year}`)).map((r) => ({ code: String(r.adcode),
    ceads: r.co2_mt as number, chen: chenAt.get(`${r.adcode}|${r.year}`)! }));
  const corr = correlation(pairs.map((p) => p.ceads), pairs.map((p) => p.chen));
  const ratio = quantile(pairs.map((p) => p.ceads / p.chen), 0.5, "r7");
  const units = new Set(pairs.map((p) => p.code)).size;
  Object.assign(A.found, { "ceads-chen-pairs": pairs.length, "ceads-chen-units": units, "ceads-chen-corr": corr,
    "ceads-chen-ratio": ratio });
  return [figure({
    data: [
      { type: "scatter", mode: "markers", x: pairs.map((p) => p.chen), y: pairs.map((p) => p.ceads),
        marker: { size: 4, opacity: 0.5, color: "#1f77b4" }, name: "unit-year", showlegend: false },
      { type: "scatter", mode: "lines", x: [0.1, 1000], y: [0.1, 1000], line: { color: "#999999", dash: "dash" },
        name: "equal", showlegend: false },
    ],
    layout: { title: { text: "CEADs against Chen et al., common prefecture-years" }, width: 620, height: 560,
      xaxis: { type: "log", title: { text: "Chen et al. county sum (Mt)" } },
      yaxis: { type: "log", title: { text: "CEADs (Mt)" } } },
  }, { caption: `${pairs.length} common unit-years (${units} units): correlation ${corr.toFixed(3)}, median ratio `
    + `CEADs/Chen ${ratio.toFixed(3)}`, provenance: "real",
  source: "CEADs via OpenClimate @ 0ed33d53; Chen et al. (2020) via Week1_Yuxiang @ 51b8e81c" })];
}

/** The data notes' own figures (SOURCES.md §6), recomputed from the files; run after the caveat sections. */
export function notesChecks(A: AtlasData): Record<string, number | Ours> {
  const at = (id: string, code: string, year: number, col: string, codeCol = "adcode"): number => {
    const t = A.T(id), c = codes(t, codeCol), y = t.num("year"), v = t.num(col);
    for (let i = 0; i < c.length; i++) if (c[i] === code && y[i] === year) return v[i];
    throw new Error(`${id}: no row ${code} ${year}`);
  };
  const yearValues = (id: string, year: number, col: string) => {
    const t = A.T(id), y = t.num("year"), v = t.num(col);
    return Array.from(v).filter((x, i) => y[i] === year && Number.isFinite(x));
  };
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);
  const PKU_C = "pku_dfii_city_2011_2023", PKU_P = "pku_dfii_province_2011_2023";
  const ECON = "prefecture_econ_maswiebe_1991_2019", SO2 = "prefecture_so2_maswiebe_1995_2018";
  const CEADS = "ceads_city_co2_1997_2019", CHEN = "county_co2_chen2020_by_prefecture_1997_2017";
  const PGDP = "province_gdp_1992_2020", CITY = "city_sustainability_287_2004_2012";
  const cityT = A.T(CITY), cityRows = cityT.rows(), cityYear = cityT.num("year");
  const so2Rows = A.T(SO2).rows();
  const so2Overlap = so2Rows.filter((r) => cityRows.some((q) => q.adcode === r.adcode && q.year === r.year));
  const cityAt = new Map(cityRows.map((r) => [`${r.adcode}|${r.year}`, r.industrial_so2_t as number]));
  const so2Agree = so2Overlap.filter((r) => Math.abs(((r.so2 as number) * 1000) / cityAt.get(`${r.adcode}|${r.year}`)! - 1) <= 0.001);
  const f = A.found;
  return {
    "pku-city-rows": A.T(PKU_C).nRows, "pku-city-units": new Set(codes(A.T(PKU_C))).size, "pku-prov-rows": A.T(PKU_P).nRows,
    "pku-prov-mean-2011": mean(yearValues(PKU_P, 2011, "index_aggregate")),
    "pku-prov-mean-2018": mean(yearValues(PKU_P, 2018, "index_aggregate")),
    "pku-prov-mean-2023": mean(yearValues(PKU_P, 2023, "index_aggregate")),
    "pku-city-mean-2011": mean(yearValues(PKU_C, 2011, "index_aggregate")),
    "pku-city-mean-2023": mean(yearValues(PKU_C, 2023, "index_aggregate")),
    "pku-beijing-2011": at(PKU_P, "110000", 2011, "index_aggregate"),
    "pku-beijing-2018": at(PKU_P, "110000", 2018, "index_aggregate"),
    "pku-shanghai-2018": at(PKU_P, "310000", 2018, "index_aggregate"),
    "pku-zhejiang-2018": at(PKU_P, "330000", 2018, "index_aggregate"),
    ...Object.fromEntries(["payment", "credit", "coverage_breadth", "usage_depth", "digitization_level"]
      .map((c) => [`pku-negative-${c}`, f[`pku-negative-${c}`]])),
    "econ-rows": A.T(ECON).nRows, "so2-rows": so2Rows.length, "pm25-rows": A.T("prefecture_pm25_maswiebe_1998_2016").nRows,
    "econ-shenzhen-gdp-2018": at(ECON, "440300", 2018, "gdp"), "econ-guangzhou-gdp-2018": at(ECON, "440100", 2018, "gdp"),
    "econ-suzhou-gdp-2018": at(ECON, "320500", 2018, "gdp"), "econ-shenzhen-pop-2010": at(ECON, "440300", 2010, "pop"),
    "econ-shenzhen-pop-2017": at(ECON, "440300", 2017, "pop"),
    "econ-suzhou-revenue-1999": at(ECON, "320500", 1999, "revenue"),
    "econ-gdp-pairs": f["econ-gdp-pairs"], "econ-gdp-differ": f["econ-gdp-differ"], "econ-pop-pairs": f["econ-pop-pairs"],
    "econ-pop-differ": { value: f["econ-pop-differ"], note: "ours: relative difference > 1%" },
    "so2-beijing-2003": at(SO2, "110000", 2003, "so2"),
    "so2-overlap": so2Overlap.length, "so2-agree": { value: so2Agree.length, note: "ours: within 0.1% relative" },
    "ceads-rows": A.T(CEADS).nRows,
    ...Object.fromEntries([1997, 2000, 2012, 2019].map((y) => [`ceads-cities-${y}`, f[`ceads-cities-${y}`]])),
    "ceads-beijing-2019": at(CEADS, "110000", 2019, "co2_mt"), "ceads-shanghai-2019": at(CEADS, "310000", 2019, "co2_mt"),
    "ceads-tianjin-2019": at(CEADS, "120000", 2019, "co2_mt"), "ceads-chongqing-2019": at(CEADS, "500000", 2019, "co2_mt"),
    "ceads-chen-pairs": f["ceads-chen-pairs"], "ceads-chen-units": f["ceads-chen-units"],
    "ceads-chen-corr": f["ceads-chen-corr"], "ceads-chen-ratio": f["ceads-chen-ratio"],
    "chen-rows": A.T(CHEN).nRows,
    ...Object.fromEntries([1997, 2005, 2010, 2017].map((y) => [`chen-sum-${y}`, sum(yearValues(CHEN, y, "co2_mt"))])),
    "pgdp-rows": A.T(PGDP).nRows,
    "pgdp-beijing-2020": at(PGDP, "110000", 2020, "gdp_100m_yuan"), "pgdp-guangdong-2020": at(PGDP, "440000", 2020, "gdp_100m_yuan"),
    "pgdp-hubei-2019": at(PGDP, "420000", 2019, "gdp_100m_yuan"), "pgdp-hubei-2020": at(PGDP, "420000", 2020, "gdp_100m_yuan"),
    "pgdp-beijing-2018": at(PGDP, "110000", 2018, "gdp_100m_yuan"), "pgdp-beijing-2017": at(PGDP, "110000", 2017, "gdp_100m_yuan"),
    "pgdp-sum-1992": sum(yearValues(PGDP, 1992, "gdp_100m_yuan")), "pgdp-sum-2020": sum(yearValues(PGDP, 2020, "gdp_100m_yuan")),
    "city-rows": cityT.nRows, "city-codes": new Set(codes(cityT)).size,
    "city-beijing-gdp-2010": at(CITY, "110000", 2010, "gdp_10k_yuan"),
    ...Object.fromEntries([2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012]
      .map((y) => [`city-rows-${y}`, Array.from(cityYear).filter((v) => v === y).length])),
    "city-green-over-100": f["city-green-over-100"],
    "city-green-coverage-over-100": cityRows.filter((r) => (r.green_coverage_pct as number) > 100).length,
    "city-score-over-10": cityRows.filter((r) => (r.score as number) > 10).length,
    "city-beihai-waste-2011": at(CITY, "450500", 2011, "waste_harmless_treatment_pct"),
    "city-loudi-pop-2011": at(CITY, "431300", 2011, "pop_year_end_10k"),
    "city-xiaogan-pop-2011": at(CITY, "420900", 2011, "pop_year_end_10k"),
    "city-zaozhuang-pop-2011": at(CITY, "370400", 2011, "pop_year_end_10k"),
    "city-shenzhen-pop-2010": at(CITY, "440300", 2010, "pop_year_end_10k"),
    "city-shenzhen-pop-2011": at(CITY, "440300", 2011, "pop_year_end_10k"),
  };
}

/** "What differs and why": the notes' figures that differ, and the caveats larger than the notes say. */
export function whatDiffers(A: AtlasData, ledger: LedgerComparison, popRatioFlag: number, revenueShareFloor: number): string {
  const c = ledger.counts();
  const differs = ledger.rows.filter((r) => r.status === "differs");
  return `**What differs and why.** Of ${c.reproduced + c.differs + c.not_reproducible} figures in the data notes, `
    + `${c.reproduced} agree with the prepared files and ${c.differs} differ`
    + (c.differs ? ` (${differs.map((r) => `${r.entry.id}: printed ${r.entry.printed}, ours ${r.ours}`).join("; ")})` : "")
    + `. The caveats of §4 are larger than the notes say in three places. ${A.popFlagCount} year-end populations of the `
    + `287-city panel are off their city's own median by more than ×${popRatioFlag} (${A.popFlags2011} of them in `
    + `2011), and ${A.revFlagCount} maswiebe prefecture-years have revenue below ${100 * revenueShareFloor}% of GDP (not `
    + `only 苏州 1999–2002); the public-toilet count 698,333 is copied to ${A.toiletCities} cities in 2010 (the notes `
    + "name three). None of these values is corrected; a study that uses one must say so.";
}

/** §7: ln(1+DFII) over nqpf-resource-cities' 115 cities beside that paper's printed Table 2 row. */
export function dfiiTable2(A: AtlasData): Shown {
  const plan = A.T("resource_cities_2013"), pkuCity = A.T("pku_dfii_city_2011_2023");
  const planCodes = codes(plan), planFull = plan.str("full_name_zh"), planName = plan.str("name_zh");
  const sample = planCodes.filter((_, i) => planFull[i].endsWith("市") && planName[i] !== "莱芜");
  const dfiiAt = new Map<string, number>();
  const c = codes(pkuCity), y = pkuCity.num("year"), v = pkuCity.num("index_aggregate");
  for (let i = 0; i < c.length; i++) if (Number.isFinite(v[i])) dfiiAt.set(`${c[i]}|${y[i]}`, v[i]);
  const lnDfii = (years: number[]) => {
    const values: number[] = [], missing: string[] = [];
    for (const code of sample) for (const yr of years) {
      const x = dfiiAt.get(`${code}|${Math.max(yr, 2011)}`);
      if (x === undefined) missing.push(`${code} ${yr}`); else values.push(Math.log1p(x));
    }
    return { values, missing };
  };
  const all = lnDfii(Array.from({ length: 16 }, (_, k) => 2008 + k));
  const pub = lnDfii(Array.from({ length: 13 }, (_, k) => 2011 + k));
  const dAll = describe(Table.fromColumns("ln(1+DFII), 2008–2023", { v: all.values }), ["v"]).stats[0];
  const dPub = describe(Table.fromColumns("ln(1+DFII), 2011–2023", { v: pub.values }), ["v"]).stats[0];
  const printedT2 = new Map(loadPublished("nqpf-resource-cities").entries.filter((e) => e.id.startsWith("t2-DFII-"))
    .map((e) => [e.column, e.printed]));
  const KEY = { MEAN: "mean", SD: "sd", MIN: "min", MAX: "max" } as const;
  const pick = (d: typeof dAll, k: string): string | number => (k === "N" ? String(d.n) : d[KEY[k as keyof typeof KEY]]);
  const same = (Object.keys(KEY) as (keyof typeof KEY)[])
    .filter((k) => Math.abs(dAll[KEY[k]] - Number(printedT2.get(k))) <= 0.0005);
  return [table(["N", "MEAN", "SD", "MIN", "MAX"].map((k) => ({ statistic: k,
    "Table 2 (printed)": k === "N" ? "1,840 (115 × 16)" : printedT2.get(k) ?? "",
    "real, 2008–2023 (2011 for 2008–2010)": pick(dAll, k), "real, 2011–2023": pick(dPub, k) })),
  { caption: `ln(1+DFII) over ${sample.length} cities: the paper's Table 2 row beside the real PKU index`,
    provenance: "real", digits: { "real, 2008–2023 (2011 for 2008–2010)": 3, "real, 2011–2023": 3 },
    notes: [`City-years without a PKU value: ${all.missing.length ? all.missing.join(", ") : "none"} (2008–2023 `
      + "panel). SD with n − 1 (Stata summarize). Source: PKU-IDF via pedrohcgs/claude-code-my-workflow @ f97ce33c."] }),
  markdown(`${same.length} of 4 printed statistics of the ln(1+DFII) row are reproduced to the printed 3 decimals by `
    + `the real index over ${sample.length} cities with the 2011 value for 2008–2010`
    + (same.length === 4 ? ": this supports both the notebook's inference of the 115-city sample and the paper's "
      + "back-filling of 2008–2010" : "") + ". nqpf-resource-cities takes this series as its DFII control and "
    + "compares these four entries as real in its own ledger.")];
}
