import { jStat } from "jstat";

/**
 * The one distributions module of kernel-lib: normal, Student t, χ² and F — CDFs, upper tails and quantiles.
 * Every p-value in kernel-lib comes from here.
 *
 * Upper tails are computed directly (never as 1 − CDF), so they keep their relative accuracy far into the
 * tails: the regularized incomplete gamma Q(a, x) by its continued fraction for x > a + 1, the incomplete beta
 * by jStat's continued fraction on the small side. Quantiles start from jStat's approximations and are polished
 * by Newton steps on the accurate tails. Tested against R's pnorm/pt/pchisq/pf and qnorm/qt/qchisq/qf to 1e-12
 * relative, down to 1e-300 (test/reference/core/).
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 10_000;
const LN_SQRT_2PI = 0.9189385332046727418;

/** Stirling's correction lgamma(x) − ((x − ½) ln x − x + ½ ln 2π) for x ≥ 10 (error < 1e-17). */
function lgammaCorrection(x: number): number {
  const x2 = 1 / (x * x);
  return (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360)))))) / x;
}

/** ln Γ(a) for a > 0: Lanczos (g = 7, 9 terms) below 10, Stirling with its correction series above. */
export function lnGamma(a: number): number {
  if (!(a > 0)) return NaN;
  if (a >= 10) return (a - 0.5) * Math.log(a) - a + LN_SQRT_2PI + lgammaCorrection(a);
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - lnGamma(1 - a);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const x = a - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (x + i);
  const t = x + 7.5;
  return LN_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b), without the cancellation of lnΓ(a) + lnΓ(b) − lnΓ(a + b) when a or b is large. */
export function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = lgammaCorrection(p) + lgammaCorrection(q) - lgammaCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = lgammaCorrection(q) - lgammaCorrection(p + q);
    return lnGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/** Regularized lower incomplete gamma P(a, x) by its series (converges fast for x < a + 1). */
function gammaPSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * sum;
}

/** Regularized upper incomplete gamma Q(a, x) by Lentz's continued fraction (for x ≥ a + 1). */
function gammaQContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** P(a, x) and Q(a, x) = 1 − P(a, x), each computed on its accurate side. */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0) || Number.isNaN(x)) return { lower: NaN, upper: NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (x < a + 1) {
    const p = gammaPSeries(a, x);
    return { lower: p, upper: 1 - p };
  }
  const q = gammaQContinuedFraction(a, x);
  return { lower: 1 - q, upper: q };
}

/** The continued fraction of I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b) ("lower") and 1 − I_x(a, b) ("upper"), each on its accurate side.
 * The caller passes y = 1 − x and the logarithms of x and y computed without cancellation.
 */
function incompleteBeta(a: number, b: number, x: number, y: number, lnx: number, lny: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  const front = Math.exp(a * lnx + b * lny - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lo = (front * betaContinuedFraction(a, b, x)) / a;
    return { lower: lo, upper: 1 - lo };
  }
  const up = (front * betaContinuedFraction(b, a, y)) / b;
  return { lower: 1 - up, upper: up };
}

/** Regularized incomplete beta I_x(a, b) and its complement. */
export function regularizedBeta(x: number, a: number, b: number): { lower: number; upper: number } {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return { lower: NaN, upper: NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x >= 1) return { lower: 1, upper: 0 };
  return incompleteBeta(a, b, x, 1 - x, Math.log(x), Math.log1p(-x));
}

// ---- normal ----

/** P(Z > z) for the standard normal. */
export function normalUpper(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 1 - normalUpper(-z);
  return 0.5 * regularizedGamma(0.5, (z * z) / 2).upper;
}

/** P(Z ≤ z). */
export function normalCdf(z: number): number {
  return normalUpper(-z);
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Two-sided p-value of a z statistic. */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, 2 * normalUpper(Math.abs(z)));
}

/** Standard normal quantile: the z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  // lower half: solve normalUpper(-x) = p, Newton in log space keeps relative accuracy in the far tail
  let x = jStat.normal.inv(p, 0, 1);
  if (!Number.isFinite(x)) x = -Math.sqrt(-2 * Math.log(p));
  for (let i = 0; i < 50; i++) {
    const f = normalCdf(x);
    const step = f > 0 ? ((Math.log(f) - Math.log(p)) * f) / normalPdf(x) : x;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

// ---- Student t ----

/** P(T > t) with df degrees of freedom (df = Infinity: normal). */
export function tUpper(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(df)) return normalUpper(t);
  if (t < 0) return 1 - tUpper(-t, df);
  if (t === Infinity) return 0;
  // P(T > t) = I_x(df/2, 1/2) / 2 with x = df/(df+t²); x, 1 − x and their logs computed without cancellation
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return 0.5 * incompleteBeta(df / 2, 0.5, x, y, -Math.log1p(t2 / df), 2 * Math.log(t) - Math.log(df + t2)).lower;
}

export function tCdf(t: number, df: number): number {
  return tUpper(-t, df);
}

/** Two-sided p-value of a t statistic (df = Infinity: normal). */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * tUpper(Math.abs(t), df));
}

function tPdf(t: number, df: number): number {
  return Math.exp(-lnBeta(0.5, df / 2) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Quantile of Student t (df = Infinity: normal). */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df);
  // Lower half, x < 0. Newton on u = ln(−x) against ln P(T ≤ x): stable from the centre to 1e-300 tails.
  let x = jStat.studentt.inv(p, df);
  if (!Number.isFinite(x) || !(x < 0) || (p < 1e-8 && df <= 30)) {
    // heavy tails: the asymptote P(T ≤ −x) ≈ df^((df−1)/2) x^(−df) / B(½, df/2); light tails: the normal quantile
    x = df <= 30 ? -Math.exp((((df - 1) / 2) * Math.log(df) - lnBeta(0.5, df / 2) - Math.log(p)) / df) : normalQuantile(p);
  }
  let u = Math.log(-x);
  for (let i = 0; i < 200; i++) {
    const ax = Math.exp(u);
    const f = tUpper(ax, df);
    const g = Math.log(f) - Math.log(p);
    const dg = (-tPdf(ax, df) * ax) / f;
    if (!Number.isFinite(g) || !(dg < 0)) break;
    const step = g / dg;
    u -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(u))) break;
  }
  return -Math.exp(u);
}

// ---- chi-squared ----

/** P(X > x) for χ² with df degrees of freedom. */
export function chiSquaredUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGamma(df / 2, x / 2).upper;
}

export function chiSquaredCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  return regularizedGamma(df / 2, x / 2).lower;
}

function chiSquaredPdf(x: number, df: number): number {
  const k = df / 2;
  return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - lnGamma(k));
}

/** Quantile of χ²: the x with P(X ≤ x) = p. */
export function chiSquaredQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const x0 = jStat.chisquare.inv(p, df);
  return polishPositiveQuantile(p, x0 > 0 && Number.isFinite(x0) ? x0 : df, (x) => chiSquaredCdf(x, df), (x) => chiSquaredUpper(x, df), (x) => chiSquaredPdf(x, df));
}

/**
 * Newton on the log of the tail that holds p (the lower tail below ½, the upper above), so the quantile keeps its
 * relative accuracy however small the tail; for distributions on (0, ∞).
 */
function polishPositiveQuantile(p: number, x0: number, lower: (x: number) => number, upper: (x: number) => number, pdf: (x: number) => number): number {
  const upperSide = p > 0.5;
  const target = upperSide ? 1 - p : p;
  let x = x0;
  for (let i = 0; i < 200; i++) {
    const f = upperSide ? upper(x) : lower(x);
    const dens = pdf(x);
    if (!(f > 0) || !(dens > 0)) break;
    let step = ((Math.log(f) - Math.log(target)) * f) / dens;
    if (upperSide) step = -step;
    let next = x - step;
    if (next <= 0) next = x / 2;
    const done = Math.abs(next - x) <= 1e-15 * x;
    x = next;
    if (done) break;
  }
  return x;
}

// ---- F ----

/** P(X > x) for F(d1, d2) (d2 = Infinity: χ²(d1)/d1). */
export function fUpper(x: number, d1: number, d2: number): number {
  if (Number.isNaN(x) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (!Number.isFinite(d2)) return chiSquaredUpper(x * d1, d1);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return fTails(x, d1, d2).upper;
}

export function fCdf(x: number, d1: number, d2: number): number {
  if (Number.isNaN(x) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (!Number.isFinite(d2)) return chiSquaredCdf(x * d1, d1);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return fTails(x, d1, d2).lower;
}

/** P(F ≤ x) and P(F > x) = I_u(d2/2, d1/2) with u = d2/(d2 + d1 x), computed without cancellation. */
function fTails(x: number, d1: number, d2: number): { lower: number; upper: number } {
  const dx = d1 * x;
  const u = d2 / (d2 + dx);
  const v = dx / (d2 + dx);
  const r = incompleteBeta(d2 / 2, d1 / 2, u, v, -Math.log1p(dx / d2), Math.log(dx) - Math.log(d2 + dx));
  return { lower: r.upper, upper: r.lower };
}

function fPdf(x: number, d1: number, d2: number): number {
  const lb = lnBeta(d1 / 2, d2 / 2);
  return Math.exp((d1 / 2) * Math.log(d1 / d2) + (d1 / 2 - 1) * Math.log(x) - ((d1 + d2) / 2) * Math.log1p((d1 * x) / d2) - lb);
}

/** Quantile of F(d1, d2). */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!Number.isFinite(d2)) return chiSquaredQuantile(p, d1) / d1;
  if (Number.isNaN(p) || p < 0 || p > 1 || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const x0 = jStat.centralF.inv(p, d1, d2);
  return polishPositiveQuantile(p, x0 > 0 && Number.isFinite(x0) ? x0 : 1, (x) => fCdf(x, d1, d2), (x) => fUpper(x, d1, d2), (x) => fPdf(x, d1, d2));
}
