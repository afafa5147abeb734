/**
 * The public series of the paper's DEA outputs for the 272 cities (issue 19), read only through data/manifest.json:
 *   gdp  real GDP at 2010 prices (10⁸ yuan), 2010–2017. Prefectures: maswiebe `gdp` (nominal) × compound_defl(2010) /
 *        compound_defl(t) of the province (the file's own deflator, rebased from its undocumented base to 2010, the
 *        DEA base year). The four municipalities are not in that file: provincial nominal GDP
 *        (province_gdp_1992_2020) deflated by the mean of the provinces' annual deflators of the maswiebe file.
 *   so2  industrial SO₂ emitted (t) = maswiebe `so2` (10³ t) × 1000, 2010–2017 (2018 only 北京, 重庆). The paper's
 *        Table 1 names SO₂ produced (产生量): a definitional difference, stated wherever so2 is used.
 * The years after the real ones are filled by the generator (fillSeries), conditional on each city's real values.
 * PM2.5 and CO₂ are public too but are not variables of the paper (its DEA has wastewater, SO₂ and dust), so unused.
 */
import { openData, realSeries } from "kernel-lib";

export const GDP_SOURCE = "manifest:prefecture_econ_maswiebe_1991_2019";
export const MUNI_GDP_SOURCE = "manifest:province_gdp_1992_2020";
export const SO2_SOURCE = "manifest:prefecture_so2_maswiebe_1995_2018";
const MUNI_CODES = ["110000", "120000", "310000", "500000"];
const BASE = 2010;

export interface RealOutputs {
  /** "adcode|year" → real GDP at 2010 prices (10⁸ yuan), the real years only. */
  gdp: Map<string, number>;
  /** "adcode|year" → industrial SO₂ emitted (t), the real years only. */
  so2: Map<string, number>;
  /** The SOURCES.md §6 caveats that apply, one line each (no value is corrected). */
  caveats: string[];
}

/** The real GDP and SO₂ of `codes` in `years` (cities outside the files simply have no entry). */
export async function realDeaOutputs(codes: readonly string[], years: readonly number[]): Promise<RealOutputs> {
  const want = new Set(codes);
  const inYears = (y: number) => y >= BASE && years.includes(y);
  const econ = (await openData(GDP_SOURCE)).table;
  const prov = econ.str("province_adcode"), yr = econ.num("year"), cd = econ.num("compound_defl"), dfl = econ.num("deflator");
  // One compound deflator per province-year (SOURCES.md §6.2, checked there); the mean annual deflator over provinces.
  const cdOf = new Map<string, number>(), annual = new Map<number, Map<string, number>>();
  for (let k = 0; k < econ.nRows; k++) {
    if (Number.isFinite(cd[k])) cdOf.set(`${prov[k]}|${yr[k]}`, cd[k]);
    if (!Number.isFinite(dfl[k])) continue;
    if (!annual.has(yr[k])) annual.set(yr[k], new Map());
    annual.get(yr[k])?.set(prov[k], dfl[k]);
  }
  const gdp = new Map<string, number>();
  const code = econ.str("adcode"), nominal = econ.num("gdp");
  for (let k = 0; k < econ.nRows; k++) {
    const c0 = cdOf.get(`${prov[k]}|${BASE}`), ct = cdOf.get(`${prov[k]}|${yr[k]}`);
    if (!want.has(code[k]) || !inYears(yr[k]) || !Number.isFinite(nominal[k]) || c0 === undefined || ct === undefined) continue;
    gdp.set(`${code[k]}|${yr[k]}`, (nominal[k] * c0) / ct);
  }
  const muni = await realSeries(MUNI_GDP_SOURCE, "adcode", "gdp_100m_yuan");
  let chained = 1;
  for (const y of [...years].filter(inYears).sort((a, b) => a - b)) {
    const d = annual.get(y);
    if (y > BASE) {
      if (!d?.size) break;   // no deflator after 2017: the municipalities' real years end there too
      chained *= [...d.values()].reduce((a, b) => a + b, 0) / d.size;
    }
    for (const m of MUNI_CODES) {
      const v = muni.values.get(`${m}|${y}`);
      if (want.has(m) && v !== undefined) gdp.set(`${m}|${y}`, v / chained);
    }
  }
  const so2 = new Map<string, number>();
  for (const [key, v] of (await realSeries(SO2_SOURCE, "adcode", "so2")).values) {
    const [c, y] = key.split("|");
    if (want.has(c) && inYears(Number(y))) so2.set(key, v * 1000);
  }
  return { gdp, so2, caveats: [
    "maswiebe GDP: the four municipalities are not in prefecture.dta (their GDP comes from province_gdp_1992_2020, "
      + "a later vintage, deflated by the mean provincial deflator); the deflator's base year is undocumented (rebased "
      + "to 2010 here); `gdp` and `gdp_old` disagree in 637 rows (`gdp` is used, as the file's own rgdp does).",
    "maswiebe SO₂: emitted, not produced; fractional values suggest interpolation in the source; nothing after 2017 "
      + "except 北京 and 重庆 (2018).",
  ] };
}
