import Papa from "papaparse";
import { cellText, csvText, exactSum, parseCsvRows, roundDecimals } from "./csvText";
import { StataDataset, readStata } from "./stata";

/**
 * Transforms that rebuild the nine prepared panel CSVs of SOURCES.md section 6 from their raw upstream files,
 * byte for byte. Each reads the raw bytes plus the reference tables named in the manifest's `requires`
 * (ECharts prefectures and provinces, shipped under data/geo; the census table, a manifest file).
 */

export class PanelTransformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PanelTransformError";
  }
}

export interface ReferenceTables {
  /** data/geo/china_prefectures_echarts.csv */
  prefectures: string;
  /** data/geo/china_provinces.csv */
  provinces: string;
  /** census_prefecture_2010_2020.csv (manifest); only the maswiebe transforms read it. */
  census?: string;
}

type Row = Record<string, string>;
type Cell = number | string | null;


/** Stable sort by adcode then year (both compared as the prepared file writes them). */
function sortByCodeYear<T extends { adcode: string; year: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.adcode < b.adcode ? -1 : a.adcode > b.adcode ? 1 : a.year - b.year));
}

function assertUniqueCodeYear(rows: { adcode: string; year: number }[], what: string): void {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = `${r.adcode}|${r.year}`;
    if (seen.has(k)) throw new PanelTransformError(`${what}: (adcode, year) ${r.adcode} ${r.year} occurs twice`);
    seen.add(k);
  }
}

function column(d: StataDataset, name: string, file: string): Cell[] {
  const j = d.variables.findIndex((v) => v.name === name);
  if (j < 0) throw new PanelTransformError(`${file}: no variable "${name}"`);
  return d.columns[j];
}

const intText = (x: Cell): string => String(Math.trunc(Number(x)));

// ---------------------------------------------------------------------------------------------------------
// Reference tables and the name rule of SOURCES.md section 6 ("common rules").

interface Prefecture {
  adcode: string;
  name_zh: string;
  province_adcode: string;
  unit_kind: string;
}

class References {
  readonly prefectures: Prefecture[];
  readonly provinces: Row[];
  readonly nameByCode = new Map<string, string>();
  readonly kindByCode = new Map<string, string>();
  constructor(ref: ReferenceTables) {
    this.prefectures = parseCsvRows(ref.prefectures) as unknown as Prefecture[];
    this.provinces = parseCsvRows(ref.provinces);
    for (const p of this.prefectures) {
      this.nameByCode.set(p.adcode, p.name_zh);
      this.kindByCode.set(p.adcode, p.unit_kind);
    }
  }

  /**
   * Strip one trailing 市 (names longer than two characters); a feature matches on equal names or when one
   * name prefixes the other, within the province when given; only a unique match (exact preferred) counts.
   */
  matchName(name: string, provinceAdcode?: string): string | null {
    const pool = provinceAdcode === undefined ? this.prefectures : this.prefectures.filter((p) => p.province_adcode === provinceAdcode);
    const s = name.endsWith("市") && [...name].length > 2 ? name.slice(0, -1) : name;
    const exact = pool.filter((p) => p.name_zh === s);
    if (exact.length === 1) return exact[0].adcode;
    const cand = pool.filter((p) => s.startsWith(p.name_zh) || p.name_zh.startsWith(s));
    return cand.length === 1 ? cand[0].adcode : null;
  }
}

// Former prefectures that neither ECharts nor the census has (codes checked in the CTAmap code-name table).
const FORMER_UNITS: Record<string, string> = {
  "341400": "巢湖市",
  "522200": "铜仁地区",
  "522400": "毕节地区",
  "542100": "昌都地区",
  "542300": "日喀则地区",
  "632100": "海东地区",
};

/** adcode → name: ECharts short name, else the census-2020 name, else a former unit's name. */
function referenceNames(refs: References, censusText: string | undefined): Map<string, string> {
  if (censusText === undefined) throw new PanelTransformError("the maswiebe transforms need the census table (manifest census_prefecture_2010_2020)");
  const out = new Map(Object.entries(FORMER_UNITS));
  for (const c of parseCsvRows(censusText)) out.set(c.city_code, c.city_zh);
  for (const [k, v] of refs.nameByCode) out.set(k, v);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// PKU Digital Financial Inclusion Index (Stata 118).

const DFII_INDEX = ["index_aggregate", "coverage_breadth", "usage_depth", "payment", "insurance", "monetary_fund", "investment", "credit", "credit_investigation", "digitization_level"];

export function preparePkuDfiiCity(raw: Buffer): string {
  const f = "PKU_DFIIC_city.dta";
  const d = readStata(raw, f);
  const col = (n: string) => column(d, n, f);
  const [c14, c18, n14, n18, e18, year] = ["pref_code_year14", "pref_code_year18", "pref_name_year14", "pref_name_year18", "pref_name_year18_eng", "year"].map(col);
  const idx = DFII_INDEX.map(col);
  const rows = Array.from({ length: d.nobs }, (_, i) => {
    const adcode = intText(c14[i]) + "00";
    return {
      adcode,
      year: Number(year[i]),
      cells: [adcode, intText(c18[i]) + "00", adcode.slice(0, 2) + "0000", String(n14[i]), String(n18[i]), String(e18[i]), intText(year[i]), ...idx.map((c) => cellText(c[i]))],
    };
  });
  sortByCodeYear(rows);
  assertUniqueCodeYear(rows, f);
  return csvText(["adcode", "adcode_2018", "province_adcode", "name_2014_zh", "name_2018_zh", "name_2018_en", "year", ...DFII_INDEX], rows.map((r) => r.cells));
}

export function preparePkuDfiiProvince(raw: Buffer): string {
  const f = "PKU_DFIIC_province.dta";
  const d = readStata(raw, f);
  const col = (n: string) => column(d, n, f);
  const [code, name, eng, year] = ["prov_code", "prov_name", "prov_name_eng", "year"].map(col);
  const idx = DFII_INDEX.map(col);
  const rows = Array.from({ length: d.nobs }, (_, i) => {
    const adcode = intText(code[i]) + "0000";
    return { adcode, year: Number(year[i]), cells: [adcode, String(name[i]), String(eng[i]), intText(year[i]), ...idx.map((c) => cellText(c[i]))] };
  });
  sortByCodeYear(rows);
  assertUniqueCodeYear(rows, f);
  return csvText(["adcode", "name_zh", "name_en", "year", ...DFII_INDEX], rows.map((r) => r.cells));
}

// ---------------------------------------------------------------------------------------------------------
// maswiebe/meritocratic_promotion: prefecture economy, SO2, PM2.5 (Stata 118).

const ECON_VALUES = ["gdp", "gdp_old", "pop", "pop_old", "revenue", "gdppc", "rgdp", "rgdppc", "deflator", "compound_defl", "inflation", "compound_cpi"];

export function preparePrefectureEcon(raw: Buffer, ref: ReferenceTables): string {
  const f = "prefecture.dta";
  const d = readStata(raw, f);
  const names = referenceNames(new References(ref), ref.census);
  const col = (n: string) => column(d, n, f);
  const [prefcode, prefid, pref, pinyin, provcode, year] = ["prefcode", "prefid", "prefecture", "prefecture_pinyin", "provcode", "year"].map(col);
  const vals = ECON_VALUES.map(col);
  const isFloat32 = ECON_VALUES.map((n) => d.variables.find((v) => v.name === n)!.type === "float");
  for (let i = 0; i < d.nobs; i++) {
    if (Math.trunc(Number(prefid[i])) !== Math.trunc(Number(prefcode[i])) * 100) throw new PanelTransformError(`${f}: row ${i + 1}: prefid is not prefcode × 100`);
  }
  const keep = Array.from({ length: d.nobs }, (_, i) => i).filter((i) => vals.some((c) => c[i] !== null));
  // Fallback name: the source's own latest non-empty name for the code, white space removed.
  const latest = new Map<string, { year: number; name: string }>();
  for (const i of keep) {
    const s = String(pref[i]);
    if (s.trim() === "") continue;
    const code = intText(prefcode[i]) + "00";
    const y = Number(year[i]);
    const prev = latest.get(code);
    if (!prev || y >= prev.year) latest.set(code, { year: y, name: s.replace(/\s/g, "") });
  }
  const rows = keep.map((i) => {
    const adcode = intText(prefcode[i]) + "00";
    const name = names.get(adcode) ?? latest.get(adcode)?.name ?? "";
    return {
      adcode,
      year: Number(year[i]),
      cells: [adcode, name, String(pref[i]), String(pinyin[i]), intText(provcode[i]) + "0000", intText(year[i]), ...vals.map((c, j) => cellText(c[i], isFloat32[j]))],
    };
  });
  sortByCodeYear(rows);
  assertUniqueCodeYear(rows, f);
  return csvText(["adcode", "name_zh", "prefecture_zh", "prefecture_pinyin", "province_adcode", "year", ...ECON_VALUES], rows.map((r) => r.cells));
}

export function preparePrefectureSo2(raw: Buffer, ref: ReferenceTables): string {
  const f = "so2_ceic.dta";
  const d = readStata(raw, f);
  const names = referenceNames(new References(ref), ref.census);
  const [prefcode, pinyin, year, so2] = ["prefcode", "prefpy", "year", "so2"].map((n) => column(d, n, f));
  const rows: { adcode: string; year: number; cells: string[] }[] = [];
  for (let i = 0; i < d.nobs; i++) {
    if (so2[i] === null) continue;
    const adcode = intText(prefcode[i]) + "00";
    rows.push({ adcode, year: Number(year[i]), cells: [adcode, names.get(adcode) ?? "", String(pinyin[i]), intText(year[i]), cellText(so2[i])] });
  }
  sortByCodeYear(rows);
  assertUniqueCodeYear(rows, f);
  return csvText(["adcode", "name_zh", "prefecture_pinyin", "year", "so2"], rows.map((r) => r.cells));
}

// pm25.dta splits each municipality into xx01 (districts) and xx02 (counties): its 110100 is not the whole city.
const MUNICIPAL_DISTRICT_PARTS = new Set(["110100", "120100", "310100", "500100"]);

export function preparePrefecturePm25(raw: Buffer, ref: ReferenceTables): string {
  const f = "pm25.dta";
  const d = readStata(raw, f);
  const names = referenceNames(new References(ref), ref.census);
  const [prefcode, provcode, year, pm] = ["prefcode", "provcode", "year", "pm"].map((n) => column(d, n, f));
  const rows: { adcode: string; year: number; cells: string[] }[] = [];
  for (let i = 0; i < d.nobs; i++) {
    if (Math.trunc(Number(provcode[i])) !== Math.floor(Math.trunc(Number(prefcode[i])) / 100)) throw new PanelTransformError(`${f}: row ${i + 1}: provcode is not prefcode's first two digits`);
    if (pm[i] === null) continue;
    const adcode = intText(prefcode[i]) + "00";
    const name = MUNICIPAL_DISTRICT_PARTS.has(adcode) ? "" : names.get(adcode) ?? "";
    rows.push({ adcode, year: Number(year[i]), cells: [adcode, name, intText(provcode[i]) + "0000", intText(year[i]), cellText(pm[i])] });
  }
  sortByCodeYear(rows);
  assertUniqueCodeYear(rows, f);
  return csvText(["adcode", "name_zh", "province_adcode", "year", "pm25"], rows.map((r) => r.cells));
}

// ---------------------------------------------------------------------------------------------------------
// Workbooks (SheetJS, already a dependency through danfojs).

/** A sheet as a header and rows of raw cell values (numbers as stored, text as written; empty → null). */
function readSheet(raw: Buffer, sheet: string, file: string): { header: string[]; rows: Cell[][] } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const XLSX = require("xlsx") as typeof import("xlsx");
  const wb = XLSX.read(raw, { type: "buffer", cellDates: false, cellNF: false, cellText: false });
  const ws = wb.Sheets[sheet];
  if (!ws) throw new PanelTransformError(`${file}: no sheet "${sheet}" (have: ${wb.SheetNames.join(", ")})`);
  const range = XLSX.utils.decode_range(ws["!ref"] ?? "A1:A1");
  const grid: Cell[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: Cell[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })];
      const v = cell?.v;
      row.push(v === undefined || v === null || v === "" ? null : typeof v === "number" || typeof v === "string" ? v : String(v));
    }
    grid.push(row);
  }
  const [header = [], ...rows] = grid;
  return { header: header.map((h) => (h === null ? "" : String(h))), rows };
}

function numberCell(v: Cell, what: string): number {
  const x = typeof v === "number" ? v : Number(v);
  if (v === null || !Number.isFinite(x)) throw new PanelTransformError(`${what}: got ${JSON.stringify(v)}; expected a number`);
  return x;
}

const MUNICIPALITIES = new Set(["110000", "120000", "310000", "500000"]);
const CHAOHU: Record<string, string> = { "340000|巢湖": "341400", "340000|巢湖市": "341400" };

export function prepareCeadsCityCo2(raw: Buffer, ref: ReferenceTables): string {
  const f = "The_Emission_Inventories_for_290_Chinese_Cities_from_1997_to_2019.xlsx";
  const refs = new References(ref);
  const { header, rows } = readSheet(raw, "emission vector", f);
  const at = (n: string) => {
    const j = header.indexOf(n);
    if (j < 0) throw new PanelTransformError(`${f}[emission vector]: no column "${n}"`);
    return j;
  };
  const [jId, jCity, jYear, jE] = ["ID", "city", "year", "emission"].map(at);
  const data = rows.filter((r) => r.some((c) => c !== null));
  // Province by the longest short name that prefixes the source string (ties: the order of china_provinces.csv).
  const provs = refs.provinces.map((p, k) => ({ name: p.name_zh, code: p.adcode, k })).sort((a, b) => [...b.name].length - [...a.name].length || a.k - b.k);
  const units = new Map<string, { code: string; name: string; kind: string; prov: string }>();
  for (const r of data) {
    const city = String(r[jCity]);
    if (`${city}${intText(r[jYear])}` !== String(r[jId])) throw new PanelTransformError(`${f}: ID ${r[jId]} is not city + year`);
    if (units.has(city)) continue;
    const p = provs.find((q) => city.startsWith(q.name));
    if (!p) throw new PanelTransformError(`${f}: "${city}" starts with no province name`);
    const rest = city.slice(p.name.length);
    const code = rest === "" && MUNICIPALITIES.has(p.code) ? p.code : CHAOHU[`${p.code}|${rest}`] ?? refs.matchName(rest, p.code) ?? "";
    units.set(city, { code, name: refs.nameByCode.get(code) ?? rest, kind: refs.kindByCode.get(code) ?? "", prov: p.code });
  }
  const out = data.map((r) => {
    const u = units.get(String(r[jCity]))!;
    const year = Math.trunc(numberCell(r[jYear], `${f}: year`));
    return { adcode: u.code, year, cells: [u.code, u.name, u.kind, String(r[jCity]), u.prov, String(year), cellText(numberCell(r[jE], `${f}: emission`))] };
  });
  sortByCodeYear(out);
  assertUniqueCodeYear(out, f);
  return csvText(["adcode", "name_zh", "unit_kind", "city_src_zh", "province_adcode", "year", "co2_mt"], out.map((r) => r.cells));
}

export function prepareChenCountyCo2(raw: Buffer, ref: ReferenceTables): string {
  const f = "co2.xlsx";
  const refs = new References(ref);
  const { header, rows } = readSheet(raw, "Unit (Million tons)", f);
  const years = Array.from({ length: 21 }, (_, k) => 1997 + k);
  const yearCols = years.map((y) => header.indexOf(`C${y}`));
  if (yearCols.some((j) => j < 7) || header.length < 7 + years.length) throw new PanelTransformError(`${f}: expected columns C1997…C2017 after seven name columns`);
  // Columns by position: code, county zh/en, city zh/en, province zh/en.
  const counties = rows.filter((r) => r[1] !== null);
  const groups = new Map<string, { prov: string; city: string; a10: Set<string>; pcode: Set<string>; members: { code6: string; values: number[] }[] }>();
  for (const r of counties) {
    const distcode = String(r[0]);
    const code6 = distcode.slice(0, 6);
    if (!/^\d{6}$/.test(code6)) throw new PanelTransformError(`${f}: DISTCODE "${distcode}" does not start with six digits`);
    const pcode = code6.slice(0, 2) + "0000";
    const a10 = MUNICIPALITIES.has(pcode) ? pcode : code6.slice(2, 4) === "90" ? code6 : code6.slice(0, 4) + "00";
    const key = `${r[5]}|${r[3]}`;
    const g = groups.get(key) ?? { prov: String(r[5]), city: String(r[3]), a10: new Set(), pcode: new Set(), members: [] };
    g.a10.add(a10);
    g.pcode.add(pcode);
    g.members.push({ code6, values: yearCols.map((j) => numberCell(r[j], `${f}: ${distcode} ${header[j]}`)) });
    groups.set(key, g);
  }
  const out: { adcode: string; year: number; cells: string[] }[] = [];
  for (const g of groups.values()) {
    if (g.a10.size !== 1 || g.pcode.size !== 1) throw new PanelTransformError(`${f}: ${g.prov} ${g.city}: its counties carry different code prefixes`);
    const [a10] = g.a10;
    const [pc] = g.pcode;
    const code = MUNICIPALITIES.has(a10) ? a10 : CHAOHU[`${pc}|${g.city}`] ?? refs.matchName(g.city, pc) ?? "";
    const name = refs.nameByCode.get(code) ?? g.city;
    const kind = refs.kindByCode.get(code) ?? "";
    years.forEach((y, k) => {
      const total = roundDecimals(exactSum(g.members.map((m) => m.values[k])), 10);
      out.push({ adcode: code, year: y, cells: [code, name, kind, a10, g.city, pc, String(y), cellText(total), String(g.members.length)] });
    });
  }
  sortByCodeYear(out);
  assertUniqueCodeYear(out, f);
  return csvText(["adcode", "name_zh", "unit_kind", "adcode_2010", "city_src_zh", "province_adcode", "year", "co2_mt", "n_counties"], out.map((r) => r.cells));
}

// ---------------------------------------------------------------------------------------------------------
// henrylin03/china-gdp: wide CSV (one row per year, one column per full province name), values kept as text.

export function prepareProvinceGdp(raw: Buffer, ref: ReferenceTables): string {
  const f = "Chinas GDP in Province Zh.csv";
  const refs = new References(ref);
  const grid = Papa.parse<string[]>(raw.toString("utf8"), { header: false, skipEmptyLines: false }).data.filter((r) => !(r.length === 1 && r[0] === ""));
  const [header, ...body] = grid;
  if (header[0] !== "" || header.length !== 32 || body.some((r) => r.length !== 32)) throw new PanelTransformError(`${f}: expected a year column and 31 province columns`);
  const prov = header.slice(1).map((full) => {
    const cand = refs.provinces.filter((p) => full.startsWith(p.name_zh));
    if (cand.length !== 1) throw new PanelTransformError(`${f}: province "${full}" matches ${cand.length} rows of china_provinces.csv`);
    return { full, code: cand[0].adcode, short: cand[0].name_zh };
  });
  const out: { adcode: string; year: number; cells: string[] }[] = [];
  body.forEach((r, i) => {
    const year = Number(r[0]);
    if (!Number.isInteger(year)) throw new PanelTransformError(`${f}: row ${i + 2}: year "${r[0]}" is not a whole number`);
    prov.forEach((p, k) => {
      let v = r[k + 1].trim();
      if (v.endsWith(".0")) v = v.slice(0, -2);
      if (v !== "" && !Number.isFinite(Number(v))) throw new PanelTransformError(`${f}: row ${i + 2}, column "${p.full}": "${v}" is not a number`);
      out.push({ adcode: p.code, year, cells: [p.code, p.short, p.full, String(year), v] });
    });
  });
  sortByCodeYear(out);
  assertUniqueCodeYear(out, f);
  return csvText(["adcode", "name_zh", "name_full_zh", "year", "gdp_100m_yuan"], out.map((r) => r.cells));
}

// ---------------------------------------------------------------------------------------------------------
// jcdasheng/China_City_sustainability: sheet "new", first 20 columns, long already.

const SUSTAINABILITY_COLUMNS: [string, string][] = [
  ["城市", "city_src_zh"],
  ["年份", "year"],
  ["地区生产总值_当年价格_全市_万元", "gdp_10k_yuan"],
  ["规模以上工业总产值_全市_万元", "industrial_output_above_scale_10k_yuan"],
  ["社会消费品零售额_全市_万元", "retail_sales_10k_yuan"],
  ["外商实际投资额_全市_万美元", "fdi_actual_10k_usd"],
  ["第三产业占GDP的比重_全市_百分比", "tertiary_share_gdp_pct"],
  ["财政收入 市 占GDP比重", "fiscal_revenue_to_gdp"],
  ["年末总人口_全市_万人", "pop_year_end_10k"],
  ["医院、卫生院数_全市_个", "hospitals"],
  ["医院、卫生院床位数_全市_张", "hospital_beds"],
  ["每千人拥有卫生技术人员数 市", "health_workers_per_1000"],
  ["普通中小学在校学生数_市_人", "school_students"],
  ["工业二氧化硫排放量_全市_吨", "industrial_so2_t"],
  ["工业氮氧化物排放量_全市_吨", "industrial_nox_t"],
  ["生活垃圾无害化处理率_全市_百分比", "waste_harmless_treatment_pct"],
  ["人均公共绿化面积_市辖区_平方米", "green_area_per_capita_m2"],
  ["绿化覆盖率_市辖区_百分比%", "green_coverage_pct"],
  ["公厕数量", "public_toilets"],
  ["Score", "score"],
];
// Names the ECharts rule cannot match: 巢湖 (abolished 2011), 思茅 (renamed 普洱 2007, same code), 毫州 (sic, 亳州).
const SUSTAINABILITY_EXPLICIT: Record<string, string> = { 巢湖市: "341400", 思茅市: "530800", 毫州市: "341600" };

export function prepareCitySustainability(raw: Buffer, ref: ReferenceTables): string {
  const f = "1999-2018 Cities data.xlsx";
  const refs = new References(ref);
  const { header, rows } = readSheet(raw, "new", f);
  SUSTAINABILITY_COLUMNS.forEach(([label], j) => {
    if (header[j] !== label) throw new PanelTransformError(`${f}[new]: column ${j + 1} is "${header[j]}"; expected "${label}"`);
  });
  const data = rows.filter((r) => r.some((c) => c !== null));
  const out = data.map((r, i) => {
    if (r.slice(20).some((c) => c !== null)) throw new PanelTransformError(`${f}[new]: row ${i + 2} has values beyond column 20`);
    r.slice(0, 20).forEach((c, j) => {
      if (c === null) throw new PanelTransformError(`${f}[new]: row ${i + 2}, column "${SUSTAINABILITY_COLUMNS[j][0]}" is empty`);
    });
    const city = String(r[0]);
    const code = SUSTAINABILITY_EXPLICIT[city] ?? refs.matchName(city) ?? "";
    const year = Math.trunc(numberCell(r[1], `${f}[new]: row ${i + 2}, 年份`));
    const name = refs.nameByCode.get(code) ?? city.replace(/市+$/, "");
    const values = r.slice(2, 20).map((c, j) => (typeof c === "string" ? c : cellText(numberCell(c, `${f}[new]: row ${i + 2}, ${SUSTAINABILITY_COLUMNS[j + 2][0]}`))));
    return { adcode: code, year, cells: [code, name, code ? code.slice(0, 2) + "0000" : "", city, String(year), ...values] };
  });
  sortByCodeYear(out);
  assertUniqueCodeYear(out, f);
  return csvText(["adcode", "name_zh", "province_adcode", ...SUSTAINABILITY_COLUMNS.map((c) => c[1])], out.map((r) => r.cells));
}

/** Transform name (as in data/manifest.json) → function. */
export const PANEL_TRANSFORMS = {
  "pku-dfii-city-v1": (raw: Buffer) => preparePkuDfiiCity(raw),
  "pku-dfii-province-v1": (raw: Buffer) => preparePkuDfiiProvince(raw),
  "maswiebe-prefecture-econ-v1": preparePrefectureEcon,
  "maswiebe-prefecture-so2-v1": preparePrefectureSo2,
  "maswiebe-prefecture-pm25-v1": preparePrefecturePm25,
  "ceads-city-co2-v1": prepareCeadsCityCo2,
  "chen2020-county-co2-by-prefecture-v1": prepareChenCountyCo2,
  "henrylin03-province-gdp-v1": prepareProvinceGdp,
  "jcdasheng-city-sustainability-v1": prepareCitySustainability,
} as const satisfies Record<string, (raw: Buffer, ref: ReferenceTables) => string>;

export type PanelTransformName = keyof typeof PANEL_TRANSFORMS;
