import { openData } from "../data/open";
import { DataError } from "../data/errors";

/**
 * One real variable of a manifest panel (or a user's file in its columns) as a map "unit|year" → value, the form the
 * hybrid generators take (`realDFII`, `realGdp`). Rows whose value is empty are left out and counted in `empty`; a
 * unit-year given twice is a DataError naming the row, since a hybrid panel must not pick one silently.
 */
export async function realSeries(ref: string, unit: string, value: string): Promise<{ values: Map<string, number>; empty: number; source: string }> {
  const d = await openData(ref);
  const t = d.table;
  const u = t.str(unit), y = t.num("year"), v = t.num(value);
  const values = new Map<string, number>();
  let empty = 0;
  for (let k = 0; k < t.nRows; k++) {
    const key = `${u[k]}|${y[k]}`;
    if (values.has(key)) throw new DataError([{ file: d.path, row: k + 1, column: unit, value: key, expected: `one row per ${unit} and year` }]);
    if (Number.isNaN(v[k])) empty++;
    else values.set(key, v[k]);
  }
  return { values, empty, source: `${ref} (${d.origin})` };
}

/** A series split by unit: unit → (year → value), from the "unit|year" keys of `realSeries`. */
export function seriesByUnit(values: ReadonlyMap<string, number>): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const [key, v] of values) {
    const cut = key.lastIndexOf("|");
    const unit = key.slice(0, cut), year = Number(key.slice(cut + 1));
    const m = out.get(unit) ?? new Map<number, number>();
    m.set(year, v);
    out.set(unit, m);
  }
  return out;
}

/** How a value for a year was found: that year's own value, another real year's, or the unit's own trend. */
export interface YearValue { value: number; from: number; fill: "exact" | "nearest" | "trend" }

/**
 * One unit's value for `year` from its real years (`seriesByUnit(...).get(unit)`), by a documented rule and nothing
 * else: the year itself; else, with `trend`, the last real year L ≤ year (year − L ≤ `trend.ahead`) carried forward
 * at the unit's own log-linear growth, the OLS slope of ln(value) on the year over its real years in
 * [L − trend.years, L] (at least 3, all > 0), anchored at L's value; else, with `nearest`, the real year closest to
 * `year` within that many years (a tie takes the earlier year). null when no rule applies: the caller counts it.
 */
export function valueAtYear(series: ReadonlyMap<number, number> | undefined, year: number,
  rule: { nearest?: number; trend?: { years: number; ahead: number } } = {}): YearValue | null {
  if (!series) return null;
  const own = series.get(year);
  if (own !== undefined) return { value: own, from: year, fill: "exact" };
  const years = [...series.keys()].sort((a, b) => a - b);
  if (rule.trend) {
    const last = years.filter((y) => y < year).pop();
    if (last !== undefined && year - last <= rule.trend.ahead) {
      const win = years.filter((y) => y >= last - rule.trend!.years && y <= last);
      const logs = win.map((y) => Math.log(series.get(y)!));
      if (win.length >= 3 && logs.every(Number.isFinite)) {
        const my = win.reduce((a, b) => a + b, 0) / win.length, ml = logs.reduce((a, b) => a + b, 0) / logs.length;
        const sxy = win.reduce((a, y, i) => a + (y - my) * (logs[i] - ml), 0);
        const sxx = win.reduce((a, y) => a + (y - my) ** 2, 0);
        return { value: series.get(last)! * Math.exp((sxy / sxx) * (year - last)), from: last, fill: "trend" };
      }
    }
  }
  if (rule.nearest !== undefined) {
    let best: number | undefined;
    for (const y of years) {
      const d = Math.abs(y - year);
      if (d <= rule.nearest && (best === undefined || d < Math.abs(best - year))) best = y;
    }
    if (best !== undefined) return { value: series.get(best)!, from: best, fill: "nearest" };
  }
  return null;
}
