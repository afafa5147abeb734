import { chiSquaredUpper, lnGamma, normalCdf, normalQuantile, normalUpper } from "../core/distributions";

/**
 * Comparing two shares ("58.7% of resource cities shrank, more than other cities"): the two-sample test of
 * proportions without continuity correction (R `prop.test(..., correct = FALSE)`) and Fisher's exact test
 * (R `fisher.test`), golden-tested against R in test/reference/stats.
 */

export type Alternative = "two.sided" | "greater" | "less";

export interface TwoProportionResult {
  p1: number;
  p2: number;
  difference: number;
  /** Pearson chi-square with 1 df (= z²). */
  chi2: number;
  z: number;
  p_value: number;
  alternative: Alternative;
  /** Wald interval for p1 − p2 at `level` (R's prop.test interval without continuity correction). */
  conf_low: number;
  conf_high: number;
  level: number;
}

function checkCounts(x: number, n: number, what: string): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n <= 0 || x < 0 || x > n) {
    throw new RangeError(`${what}: need whole counts 0 <= x <= n, n > 0; got x=${x}, n=${n}`);
  }
}

export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, alternative: Alternative = "two.sided", level = 0.95): TwoProportionResult {
  checkCounts(x1, n1, "twoProportionTest (group 1)");
  checkCounts(x2, n2, "twoProportionTest (group 2)");
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pool = (x1 + x2) / (n1 + n2);
  const se0 = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
  if (se0 === 0) throw new RangeError("twoProportionTest: both groups are all successes or all failures; the test is undefined");
  const z = (p1 - p2) / se0;
  const chi2 = z * z;
  const p_value = alternative === "two.sided" ? chiSquaredUpper(chi2, 1) : alternative === "greater" ? normalUpper(z) : normalCdf(z);
  const seW = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const d = p1 - p2;
  let conf_low: number;
  let conf_high: number;
  if (alternative === "two.sided") {
    const q = normalQuantile(1 - (1 - level) / 2);
    conf_low = Math.max(d - q * seW, -1);
    conf_high = Math.min(d + q * seW, 1);
  } else {
    const q = normalQuantile(level);
    conf_low = alternative === "greater" ? Math.max(d - q * seW, -1) : -1;
    conf_high = alternative === "less" ? Math.min(d + q * seW, 1) : 1;
  }
  return { p1, p2, difference: d, chi2, z, p_value, alternative, conf_low, conf_high, level };
}

function logChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

export interface FisherResult {
  p_value: number;
  alternative: Alternative;
  /** Sample odds ratio (a·d)/(b·c); Infinity or 0 when a cell is zero. */
  sample_odds_ratio: number;
}

/**
 * Fisher's exact test on the 2×2 table [[a, b], [c, d]]. Two-sided p sums the probabilities of all tables
 * with the same margins that are no more likely than the observed one (relative tolerance 1e-7, as R).
 */
export function fisherExact(a: number, b: number, c: number, d: number, alternative: Alternative = "two.sided"): FisherResult {
  for (const v of [a, b, c, d]) if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: cells must be whole counts >= 0, got ${[a, b, c, d].join(", ")}`);
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const n = r1 + r2;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const logDen = logChoose(n, c1);
  const prob = (x: number) => Math.exp(logChoose(r1, x) + logChoose(r2, c1 - x) - logDen);
  let p = 0;
  if (alternative === "two.sided") {
    const pObs = prob(a);
    for (let x = lo; x <= hi; x++) {
      const px = prob(x);
      if (px <= pObs * (1 + 1e-7)) p += px;
    }
  } else if (alternative === "greater") {
    for (let x = a; x <= hi; x++) p += prob(x);
  } else {
    for (let x = lo; x <= a; x++) p += prob(x);
  }
  return { p_value: Math.min(1, p), alternative, sample_odds_ratio: (a * d) / (b * c) };
}
