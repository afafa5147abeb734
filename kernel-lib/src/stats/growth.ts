/**
 * Growth arithmetic for series a paper gives only by their endpoints: growth multiples, compound annual
 * growth rates (CAGR), doubling times, and two decompositions a teacher uses with them:
 *
 * - multiplicative (growth accounting in logs): when X = A · B · … (exports = world exports × market share),
 *   ln(X_T/X_0) = Σ ln(F_T/F_0), so (1 + g_X) = Π (1 + g_F) and each factor's share of the log growth is
 *   ln(F_T/F_0) / ln(X_T/X_0);
 * - additive (contributions): when X = Σ x_i (trade = exports + imports), component i contributes
 *   Δx_i / X_0 to the growth of X and Δx_i / ΔX of its increase.
 *
 * Golden-tested against numpy in test/reference/stats (make_expected_growth.py).
 */

function checkPositive(v: number, what: string): void {
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${what}: need a positive finite number, got ${v}`);
}

function checkYears(years: number): void {
  if (!Number.isFinite(years) || years <= 0) throw new RangeError(`need a positive number of years, got ${years}`);
}

/** X_T / X_0. */
export function growthMultiple(start: number, end: number): number {
  checkPositive(start, "growthMultiple (start)");
  checkPositive(end, "growthMultiple (end)");
  return end / start;
}

/** Compound annual growth rate as a fraction: (X_T / X_0)^(1/years) − 1. */
export function cagr(start: number, end: number, years: number): number {
  checkYears(years);
  return Math.pow(growthMultiple(start, end), 1 / years) - 1;
}

/** The end value a start value reaches at `rate` (fraction per year) after `years`. */
export function compound(start: number, rate: number, years: number): number {
  if (!(rate > -1)) throw new RangeError(`compound: rate must exceed −1, got ${rate}`);
  return start * Math.pow(1 + rate, years);
}

/** Years to double at `rate` (fraction per year): ln 2 / ln(1 + rate). */
export function doublingTime(rate: number): number {
  if (!(rate > 0)) throw new RangeError(`doublingTime: rate must be positive, got ${rate}`);
  return Math.log(2) / Math.log(1 + rate);
}

/**
 * The range of CAGRs consistent with endpoints printed to a given rounding: each endpoint may lie anywhere
 * within ± half a unit of its last printed digit (`startHalfUnit`, `endHalfUnit`).
 */
export function cagrRange(start: number, end: number, years: number, startHalfUnit: number, endHalfUnit: number): { low: number; high: number } {
  return { low: cagr(start + startHalfUnit, end - endHalfUnit, years), high: cagr(start - startHalfUnit, end + endHalfUnit, years) };
}

export interface GrowthFactor {
  name: string;
  start: number;
  end: number;
}

export interface MultiplicativeRow {
  name: string;
  multiple: number;
  /** ln(F_T / F_0). */
  log_growth: number;
  /** Annual rate, fraction. */
  cagr: number;
  /** Share of the total log growth (the shares sum to 1). */
  share: number;
}

export interface MultiplicativeDecomposition {
  years: number;
  factors: MultiplicativeRow[];
  total: MultiplicativeRow;
  /** Relative gap between the product of the factor multiples and the given total multiple (0 when none given). */
  closure: number;
}

/**
 * Decompose the growth of a product X = Π F_k over `years` into the factors' log contributions. Without `total`
 * the total is the product of the factors; with it, `closure` reports how far the factors miss it.
 */
export function multiplicativeDecomposition(years: number, factors: GrowthFactor[], total?: GrowthFactor): MultiplicativeDecomposition {
  checkYears(years);
  if (factors.length === 0) throw new RangeError("multiplicativeDecomposition: need at least one factor");
  const rows = factors.map((f) => {
    const m = growthMultiple(f.start, f.end);
    return { name: f.name, multiple: m, log_growth: Math.log(m), cagr: Math.pow(m, 1 / years) - 1, share: 0 };
  });
  const productMultiple = rows.reduce((a, r) => a * r.multiple, 1);
  const totalMultiple = total ? growthMultiple(total.start, total.end) : productMultiple;
  const lnTotal = Math.log(totalMultiple);
  if (lnTotal === 0) throw new RangeError("multiplicativeDecomposition: the total does not grow; shares are undefined");
  for (const r of rows) r.share = r.log_growth / lnTotal;
  return {
    years,
    factors: rows,
    total: { name: total?.name ?? "product", multiple: totalMultiple, log_growth: lnTotal, cagr: Math.pow(totalMultiple, 1 / years) - 1, share: 1 },
    closure: productMultiple / totalMultiple - 1,
  };
}

export interface AdditiveRow {
  name: string;
  start: number;
  end: number;
  share_start: number;
  share_end: number;
  cagr: number;
  /** Δx_i / X_0: the component's contribution to the total growth ratio (the contributions sum to X_T/X_0 − 1). */
  contribution: number;
  /** Δx_i / ΔX: the component's share of the increase. */
  share_of_increase: number;
}

export interface AdditiveDecomposition {
  years: number;
  components: AdditiveRow[];
  total: AdditiveRow;
}

/** Contributions of the parts of a sum X = Σ x_i to its growth over `years`. */
export function additiveDecomposition(years: number, components: GrowthFactor[]): AdditiveDecomposition {
  checkYears(years);
  if (components.length === 0) throw new RangeError("additiveDecomposition: need at least one component");
  for (const c of components) {
    checkPositive(c.start, `additiveDecomposition (${c.name}, start)`);
    checkPositive(c.end, `additiveDecomposition (${c.name}, end)`);
  }
  const X0 = components.reduce((a, c) => a + c.start, 0);
  const XT = components.reduce((a, c) => a + c.end, 0);
  const dX = XT - X0;
  const row = (name: string, s: number, e: number): AdditiveRow => ({
    name, start: s, end: e, share_start: s / X0, share_end: e / XT, cagr: cagr(s, e, years),
    contribution: (e - s) / X0, share_of_increase: dX === 0 ? NaN : (e - s) / dX,
  });
  return { years, components: components.map((c) => row(c.name, c.start, c.end)), total: row("total", X0, XT) };
}

/**
 * Structural change between two share vectors (percent or fractions, same order): the norm of absorption
 * ½ Σ |s_T − s_0|, the share of the total that has moved between categories.
 */
export function structuralChange(start: number[], end: number[]): number {
  if (start.length !== end.length || start.length === 0) throw new RangeError("structuralChange: need two share vectors of the same length");
  return 0.5 * start.reduce((a, s, i) => a + Math.abs(end[i] - s), 0);
}
