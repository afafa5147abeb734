/**
 * Panel verbs over plain arrays: structure, lags and leads within unit, transformations and group
 * summaries. Missing values are NaN and every verb says how it treats them.
 */

export interface PanelStructure {
  units: string[];
  periods: number[];
  nObs: number;
  /** Every unit observed in every period exactly once. */
  balanced: boolean;
  /** Observations per unit. */
  obsPerUnit: Map<string, number>;
  /** Periods where at least one unit is missing. */
  gaps: number[];
}

/** Describe the panel shape (Stata `xtdescribe` in one object). */
export function panelStructure(ids: readonly (string | number)[], times: ArrayLike<number>): PanelStructure {
  if (ids.length !== times.length) throw new Error(`panelStructure: ${ids.length} ids but ${times.length} times`);
  const obsPerUnit = new Map<string, number>();
  const periodSet = new Set<number>();
  const perPeriod = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const u = String(ids[i]);
    obsPerUnit.set(u, (obsPerUnit.get(u) ?? 0) + 1);
    periodSet.add(times[i]);
    perPeriod.set(times[i], (perPeriod.get(times[i]) ?? 0) + 1);
  }
  const units = [...obsPerUnit.keys()].sort();
  const periods = [...periodSet].sort((a, b) => a - b);
  const gaps = periods.filter((t) => (perPeriod.get(t) ?? 0) < units.length);
  const balanced = ids.length === units.length * periods.length && gaps.length === 0 && [...obsPerUnit.values()].every((n) => n === periods.length);
  return { units, periods, nObs: ids.length, balanced, obsPerUnit, gaps };
}

/**
 * Lag (k > 0) or lead (k < 0) of x within unit, by time value as Stata's L./F. operators do: the lag of the
 * observation at t is the unit's value at t − k, NaN where that period is not observed (a gap is not
 * bridged by the previous row).
 */
export function shiftWithin(ids: readonly (string | number)[], times: ArrayLike<number>, x: ArrayLike<number>, k: number): Float64Array {
  const at = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const key = `${ids[i]}\u0001${times[i]}`;
    if (at.has(key)) throw new Error(`shiftWithin: unit ${ids[i]} has two observations at time ${times[i]}`);
    at.set(key, i);
  }
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const j = at.get(`${ids[i]}\u0001${times[i] - k}`);
    out[i] = j === undefined ? NaN : x[j];
  }
  return out;
}

export const lagWithin = (ids: readonly (string | number)[], times: ArrayLike<number>, x: ArrayLike<number>, k = 1) => shiftWithin(ids, times, x, k);
export const leadWithin = (ids: readonly (string | number)[], times: ArrayLike<number>, x: ArrayLike<number>, k = 1) => shiftWithin(ids, times, x, -k);

/** ln(1 + x), the transformation the papers apply to skewed counts; refuses x <= −1. */
export function log1p(x: ArrayLike<number>, name = "x"): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (x[i] <= -1) throw new RangeError(`log1p(${name}): value ${x[i]} at position ${i} is <= -1, ln(1+x) is undefined`);
    out[i] = Math.log1p(x[i]);
  }
  return out;
}

/** Natural log; refuses non-positive values rather than returning −Infinity or NaN. */
export function ln(x: ArrayLike<number>, name = "x"): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0) && !Number.isNaN(x[i])) throw new RangeError(`ln(${name}): value ${x[i]} at position ${i} is not positive`);
    out[i] = Math.log(x[i]);
  }
  return out;
}

export type QuantileDefinition = "stata" | "r7";

/**
 * Quantile of the non-missing values. "stata" is Stata's default (`summarize, detail`, `_pctile`,
 * `winsor2`): with P = n·p, the average of the P-th and (P+1)-th order statistics when P is whole, else the
 * ⌈P⌉-th. "r7" is R's default `quantile(type = 7)` (linear interpolation).
 */
export function quantile(x: ArrayLike<number>, p: number, definition: QuantileDefinition = "stata"): number {
  if (p < 0 || p > 1) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const v = Array.from(x).filter((a) => !Number.isNaN(a)).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) throw new Error("quantile: no non-missing values");
  if (definition === "r7") {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
  }
  const P = n * p;
  const whole = Math.abs(P - Math.round(P)) < 1e-9 ? Math.round(P) : null;
  if (whole !== null) {
    if (whole <= 0) return v[0];
    if (whole >= n) return v[n - 1];
    return (v[whole - 1] + v[whole]) / 2;
  }
  return v[Math.min(n, Math.ceil(P)) - 1];
}

/** Winsorize at the given lower/upper quantiles (default 1% and 99%, Stata `winsor2` cuts(1 99)). */
export function winsorize(x: ArrayLike<number>, lower = 0.01, upper = 0.99, definition: QuantileDefinition = "stata"): Float64Array {
  const lo = quantile(x, lower, definition);
  const hi = quantile(x, upper, definition);
  return Float64Array.from(x, (v) => (Number.isNaN(v) ? v : Math.min(hi, Math.max(lo, v))));
}

/**
 * Deflate nominal values to the prices of a base period: real = nominal / index × index(base).
 * `index` is aligned with `nominal` (e.g. the province CPI of each city-year).
 */
export function deflate(nominal: ArrayLike<number>, index: ArrayLike<number>, baseIndex = 100): Float64Array {
  if (nominal.length !== index.length) throw new Error(`deflate: ${nominal.length} values but ${index.length} index values`);
  const out = new Float64Array(nominal.length);
  for (let i = 0; i < nominal.length; i++) {
    if (!(index[i] > 0)) throw new RangeError(`deflate: price index ${index[i]} at position ${i} is not positive`);
    out[i] = (nominal[i] / index[i]) * baseIndex;
  }
  return out;
}

export interface GroupStats {
  group: string;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  sum: number;
}

/** Summary statistics of x by group (non-missing values), in first-seen group order. */
export function groupSummary(groups: readonly (string | number)[], x: ArrayLike<number>): GroupStats[] {
  const by = new Map<string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = String(groups[i]);
    if (!by.has(g)) by.set(g, []);
    if (!Number.isNaN(x[i])) by.get(g)!.push(x[i]);
  }
  return [...by].map(([group, v]) => ({ group, ...moments(v) }));
}

/** n, mean, SD (n − 1 denominator, as Stata and R), min, max and sum of the non-missing values. */
export function moments(x: ArrayLike<number>): Omit<GroupStats, "group"> {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) ss += (x[i] - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, min: n ? min : NaN, max: n ? max : NaN, sum };
}

/** Order of unit labels independent of row order: numbers numerically, then text by code point. */
export function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const xn = a.trim() !== "" && Number.isFinite(x);
  const yn = b.trim() !== "" && Number.isFinite(y);
  if (xn && yn) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (xn !== yn) return xn ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
