/**
 * Propensity scores by maximum likelihood (logit or probit), fitted by iteratively reweighted least squares
 * (Fisher scoring, as R glm and Stata logit/probit), with standard errors from the inverse expected
 * information (X'WX)⁻¹. Golden-tested against glm(binomial(link)) on MatchIt's lalonde.
 */
import { PanelData, asTable } from "../panel";
import { crossprod, invSPD, matVec } from "../core/linalg";
import { DataError } from "../data/errors";
import { Convergence } from "../data/report";
import { normalCdf, normalQuantile, normalTwoSided } from "../core/distributions";

export type Link = "logit" | "probit";

export interface PscoreOptions {
  treatment: string;
  covariates: string[];
  link?: Link;
  tol?: number;
  maxIter?: number;
}

export interface PscoreResult {
  link: Link;
  terms: string[];
  coefficients: Float64Array;
  std_errors: Float64Array;
  vcov: Float64Array;
  /** Fitted probabilities per row. */
  score: Float64Array;
  /** Linear predictor per row. */
  linear: Float64Array;
  treat: Uint8Array;
  loglik: number;
  iterations: number;
  /** IRLS reached its deviance tolerance (pscore refuses a fit that did not). */
  convergence: Convergence;
  tidy(): { term: string; estimate: number; std_error: number; statistic: number; p_value: number }[];
}

const SQRT2PI = Math.sqrt(2 * Math.PI);
const EPS = 2.220446049250313e-16;

function linkFns(link: Link) {
  if (link === "logit")
    return {
      mu: (eta: number) => 1 / (1 + Math.exp(-eta)),
      dmu: (eta: number) => {
        const e = Math.exp(-Math.abs(eta));
        return e / ((1 + e) * (1 + e));
      },
      eta: (mu: number) => Math.log(mu / (1 - mu)),
    };
  return {
    // R's probit linkinv clamps to [-thresh, thresh]
    mu: (eta: number) => {
      const th = -normalQuantile(EPS);
      const e = Math.min(Math.max(eta, -th), th);
      return normalCdf(e);
    },
    dmu: (eta: number) => Math.max(Math.exp(-0.5 * eta * eta) / SQRT2PI, EPS),
    eta: (mu: number) => normalQuantile(mu),
  };
}

/**
 * Binary-response GLM by IRLS on a design matrix (columns, first is the intercept). `vcovAt`: "converged"
 * evaluates (X'WX)⁻¹ at the final estimate; "last-step" keeps the weights of the last IRLS step, as R's
 * vcov(glm) does (with R's tol 1e-8 the two differ by about the last step's size).
 */
export function binaryGlm(y: ArrayLike<number>, X: Float64Array[], link: Link = "logit", tol = 1e-12, maxIter = 100, vcovAt: "converged" | "last-step" = "converged") {
  const n = y.length;
  const k = X.length;
  const f = linkFns(link);
  let eta = Float64Array.from({ length: n }, (_, i) => f.eta((y[i] + 0.5) / 2));
  let beta = new Float64Array(k);
  let dev = Infinity;
  let it = 0;
  let converged = false;
  let V = new Float64Array(k * k);
  for (; it < maxIter; it++) {
    const sw = new Float64Array(n);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const mu = f.mu(eta[i]);
      const d = f.dmu(eta[i]);
      const w = (d * d) / Math.max(mu * (1 - mu), 1e-300);
      z[i] = eta[i] + (y[i] - mu) / d;
      sw[i] = Math.sqrt(w);
    }
    const Xw = X.map((c) => Float64Array.from(c, (v, i) => v * sw[i]));
    const zw = Float64Array.from(z, (v, i) => v * sw[i]);
    const xtx = crossprod(Xw);
    V = invSPD(xtx, k, "X'WX");
    const xtz = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Xw[j][i] * zw[i];
      xtz[j] = s;
    }
    beta = matVec(V, k, xtz);
    eta = new Float64Array(n);
    for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) eta[i] += beta[j] * X[j][i];
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      const mu = Math.min(Math.max(f.mu(eta[i]), 1e-300), 1 - 1e-16);
      d2 += y[i] ? -2 * Math.log(mu) : -2 * Math.log(1 - mu);
    }
    if (Math.abs(d2 - dev) / (Math.abs(d2) + 0.1) < tol) {
      dev = d2;
      converged = true;
      break;
    }
    dev = d2;
  }
  if (vcovAt === "converged") {
    const sw = Float64Array.from(eta, (e) => {
      const mu = f.mu(e);
      const d = f.dmu(e);
      return Math.sqrt((d * d) / Math.max(mu * (1 - mu), 1e-300));
    });
    V = invSPD(crossprod(X.map((c) => Float64Array.from(c, (v, i) => v * sw[i]))), k, "X'WX");
  }
  const mu = Float64Array.from(eta, (e) => f.mu(e));
  return { beta, V, eta, mu, deviance: dev, iterations: Math.min(it + 1, maxIter), converged };
}

export function pscore(data: PanelData, opts: PscoreOptions): PscoreResult {
  const t = asTable(data);
  const link = opts.link ?? "logit";
  const d = t.num(opts.treatment);
  const treat = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) {
    if (d[i] !== 0 && d[i] !== 1) throw t.cellError(i, opts.treatment, String(d[i]), "0 or 1");
    treat[i] = d[i];
  }
  const cols = opts.covariates.map((c) => t.num(c));
  for (const [j, c] of cols.entries())
    for (let i = 0; i < c.length; i++)
      if (!Number.isFinite(c[i])) throw t.cellError(i, opts.covariates[j], String(c[i]), "a number (pscore: no missing covariates)");
  const nTreated = treat.reduce((a, v) => a + v, 0);
  if (nTreated === 0 || nTreated === treat.length)
    throw new DataError([{ file: t.file, column: opts.treatment, value: String(nTreated ? 1 : 0), expected: `both treated (1) and control (0) units; every row is ${nTreated ? "treated" : "a control"}, so there is nothing to compare` }]);
  const separated = (what: string) =>
    new DataError([{ file: t.file, column: opts.covariates.join("+"), expected: `treated and control units that overlap in the covariates; ${what} separate(s) them perfectly, so the propensity ${link} has no finite estimate (drop or coarsen the separating covariate)` }]);
  cols.forEach((c, j) => {
    let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    for (let i = 0; i < c.length; i++) (lo[treat[i]] = Math.min(lo[treat[i]], c[i])), (hi[treat[i]] = Math.max(hi[treat[i]], c[i]));
    if (hi[0] < lo[1] || hi[1] < lo[0]) throw separated(opts.covariates[j]);
  });
  const X = [new Float64Array(d.length).fill(1), ...cols];
  let r: ReturnType<typeof binaryGlm>;
  try {
    r = binaryGlm(treat, X, link, opts.tol, opts.maxIter);
  } catch (e) {
    throw new DataError([{ file: t.file, column: opts.covariates.join("+"), expected: `covariates the propensity ${link} can be fitted on; its information matrix became singular (${(e as Error).message.split("\n")[0]}): collinear covariates or separation` }]);
  }
  // Complete or quasi-complete separation: the fitted index orders the groups perfectly, so the ML estimate
  // does not exist (IRLS walks off to infinity; R's glm warns "fitted probabilities numerically 0 or 1").
  let maxC = -Infinity, minT = Infinity, minC = Infinity, maxT = -Infinity;
  for (let i = 0; i < treat.length; i++) {
    if (treat[i]) (minT = Math.min(minT, r.eta[i])), (maxT = Math.max(maxT, r.eta[i]));
    else (maxC = Math.max(maxC, r.eta[i])), (minC = Math.min(minC, r.eta[i]));
  }
  if (maxC < minT || maxT < minC) throw separated(opts.covariates.join(", "));
  if (!r.converged) throw new DataError([{ file: t.file, column: opts.covariates.join("+"), expected: `a propensity ${link} that converges; IRLS stopped after ${r.iterations} iterations without meeting its tolerance` }]);
  const k = X.length;
  const se = Float64Array.from({ length: k }, (_, j) => Math.sqrt(r.V[j * k + j]));
  const terms = ["(Intercept)", ...opts.covariates];
  let ll = 0;
  for (let i = 0; i < treat.length; i++) ll += treat[i] ? Math.log(r.mu[i]) : Math.log(1 - r.mu[i]);
  return {
    link,
    terms,
    coefficients: r.beta,
    std_errors: se,
    vcov: r.V,
    score: r.mu,
    linear: r.eta,
    treat,
    loglik: ll,
    iterations: r.iterations,
    convergence: { ok: r.converged, iterations: r.iterations, message: r.converged ? "IRLS converged (relative deviance change below tolerance)" : "IRLS did not converge" },
    tidy: () =>
      terms.map((term, j) => {
        const z = r.beta[j] / se[j];
        return { term, estimate: r.beta[j], std_error: se[j], statistic: z, p_value: normalTwoSided(z) };
      }),
  };
}
