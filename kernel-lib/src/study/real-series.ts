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

/** Where a value of a filled series comes from: the real file, a log-linear interpolation between two real years,
 * or the unit's own trend carried past its first or last real year. */
export type FillOrigin = "real" | "interpolated" | "trend";

export interface FilledSeries {
  /** "unit|year" → value for every unit with at least one real value and every year asked. */
  values: Map<string, number>;
  origin: Map<string, FillOrigin>;
  counts: Record<FillOrigin, number>;
  /** Units without any real value in the years asked: not filled (the caller says what it does with them). */
  unfilled: string[];
  /** One line saying the rule and the counts, for a provenance table. */
  rule: string;
}

export interface FillOptions {
  /** Real years at each end whose mean log growth is carried on (default 5). */
  trendYears?: number;
  /** Bounds of that annual log growth (default [-0.3, 0.3]): a short, steep real run is not carried on unbounded. */
  growthRange?: [number, number];
  /** Seeded standard-normal draws for a random walk around the trend (SD `sd` per year); none when absent. */
  normal?: () => number;
  sd?: number;
}

/**
 * A real series made complete over `years` for `units`, by a documented rule conditional on each unit's own real
 * values: real values are kept; a gap between two real years is interpolated log-linearly; years before the first or
 * after the last real year continue from that value at the unit's mean annual log growth over its `trendYears` real
 * years at that end (bounded by `growthRange`), plus an optional seeded random walk. A unit with one real value stays
 * flat. Values must be positive (the rule works in logs); a non-positive one is an error naming the unit and year.
 * Draws are taken unit by unit in the order of `units` and year by year, so the result does not depend on row order.
 */
export function fillSeries(real: ReadonlyMap<string, number>, units: readonly string[], years: readonly number[], o: FillOptions = {}): FilledSeries {
  const k = o.trendYears ?? 5;
  const [gLo, gHi] = o.growthRange ?? [-0.3, 0.3];
  const sd = o.normal ? (o.sd ?? 0) : 0;
  const ys = [...years].sort((a, b) => a - b);
  const values = new Map<string, number>();
  const origin = new Map<string, FillOrigin>();
  const counts: Record<FillOrigin, number> = { real: 0, interpolated: 0, trend: 0 };
  const unfilled: string[] = [];
  const put = (key: string, v: number, how: FillOrigin) => { values.set(key, v); origin.set(key, how); counts[how]++; };
  for (const u of units) {
    const have = ys.filter((y) => real.has(`${u}|${y}`));
    if (!have.length) { unfilled.push(u); continue; }
    const ln = new Map(have.map((y) => {
      const v = real.get(`${u}|${y}`) as number;
      if (!(Number.isFinite(v) && v > 0)) throw new Error(`fillSeries: ${u}|${y} is ${v}; the fill rule needs positive values`);
      return [y, Math.log(v)];
    }));
    const slope = (a: number, b: number) => (b === a ? 0 : Math.min(gHi, Math.max(gLo, ((ln.get(b) as number) - (ln.get(a) as number)) / (b - a))));
    const first = have[0], last = have[have.length - 1];
    const gFirst = slope(first, have[Math.min(k, have.length) - 1]);
    const gLast = slope(have[Math.max(0, have.length - k)], last);
    const at = (y: number) => real.get(`${u}|${y}`) as number;
    const walk = () => (sd ? sd * (o.normal as () => number)() : 0);
    let before = 0;
    for (const y of ys.filter((t) => t < first).reverse()) { before += walk(); put(`${u}|${y}`, at(first) * Math.exp(-gFirst * (first - y) + before), "trend"); }
    let after = 0;
    for (const y of ys.filter((t) => t >= first)) {
      const key = `${u}|${y}`;
      if (ln.has(y)) { put(key, real.get(key) as number, "real"); continue; }
      if (y > last) { after += walk(); put(key, at(last) * Math.exp(gLast * (y - last) + after), "trend"); continue; }
      const a = have.filter((t) => t < y).pop() as number, b = have.find((t) => t > y) as number;
      put(key, at(a) * Math.exp(((ln.get(b) as number) - (ln.get(a) as number)) * (y - a) / (b - a)), "interpolated");
    }
  }
  const rule = `${counts.real} real unit-years; ${counts.interpolated} interpolated log-linearly between real years; `
    + `${counts.trend} carried past the unit's real years at its mean log growth over its ${k} real years at that end`
    + `${sd ? ` plus a seeded random walk (SD ${sd})` : ""}; ${unfilled.length} units without any real value`;
  return { values, origin, counts, unfilled, rule };
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
