/**
 * Two-way fixed-effects difference-in-differences with (possibly staggered) adoption:
 * y_it = β D_it + X_it'γ + α_i + λ_t + ε_it, estimated by the panel engine's feols with cluster-robust SEs
 * (default: cluster on the unit, Stata reghdfe conventions; preset "plm", "fixest", "stata.xtreg" ... as in feols).
 * Under staggered adoption with changing effects β is a weighted average with possibly negative weights; see
 * bacon(), callawaySantAnna() and sunAbraham().
 */
import { Factor, demean } from "../panel";
import { PanelData } from "../panel";
import { feols } from "../panel";
import { PanelFit } from "../panel";
import { ModelResult, withResult } from "../core/result";
import { Stagger, StaggerSpec, VcovChoice, feolsOpts, stagger } from "./util";

export interface DidOptions extends StaggerSpec, VcovChoice {
  y: string;
  covariates?: string[];
  level?: number;
}

export interface DidResult extends ModelResult {
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  nobs: number;
  fit: PanelFit;
  stagger: Stagger;
}

/** Name of the generated post-adoption indicator when only a cohort column is given. */
export const D_NAME = "__did_D";

export function twfeDid(data: PanelData, opts: DidOptions): DidResult {
  const s = stagger(data, opts);
  const dName = opts.treatment ?? D_NAME;
  const t = opts.treatment ? s.table : s.table.with(D_NAME, s.D);
  const rhs = [dName, ...(opts.covariates ?? [])].join(" + ");
  const fit = feols(t, `${opts.y} ~ ${rhs} | ${opts.id} + ${opts.time}`, feolsOpts(opts, opts.id, opts.time, opts.level));
  const row = fit.tidy(opts.level).find((r) => r.term === dName)!;
  const res = { estimate: row.estimate, std_error: row.std_error, statistic: row.statistic, p_value: row.p_value, conf_low: row.conf_low, conf_high: row.conf_high, nobs: fit.nobs, fit, stagger: s };
  return withResult(res, (r) => ({
    title: `Two-way FE DID: ${r.fit.formula}`,
    header: () => [`Observations: ${r.nobs}; treatment ${dName}`, `Standard errors: ${r.fit.inference()}`],
    // the treatment effect first (term "ATT"), then the covariates
    tidy: () => r.fit.tidy(opts.level).map((x) => (x.term === dName ? { ...x, term: "ATT" } : x)),
    glance: () => r.fit.glance(),
    notes: () => r.fit.messages,
  }));
}

/** The sample of a fitted two-way FE DID, its fixed-effect factors and the demeaned outcome and covariates. */
export interface DidFrame {
  actual: DidResult;
  s: Stagger;
  rows: number[];
  n: number;
  fes: Factor[];
  uCodes: Int32Array;
  tCodes: Int32Array;
  yt: Float64Array;
  Wt: Float64Array[];
  /** Two-way demeaning of a reassigned treatment on this sample (closed form when balanced, else alternating projections). */
  demeanD(d: Float64Array): Float64Array;
}

/**
 * Fit the DID once and return what resampling procedures (placebo draws, wild bootstrap, randomization) reuse:
 * the rows the fit used (after listwise deletion and singletons), unit and time codes, and the demeaned y and
 * covariates, so every draw runs on exactly the actual estimate's sample.
 */
export function didFrame(data: PanelData, opts: StaggerSpec & VcovChoice & { y: string; covariates?: string[] }): DidFrame {
  const actual = twfeDid(data, opts);
  const s = actual.stagger;
  const rows = actual.fit.rows;
  const n = rows.length;
  const tIndex = new Map(s.times.map((t, j) => [t, j]));
  const uCodes = Int32Array.from(rows, (r) => s.unit[r]);
  const tCodes = Int32Array.from(rows, (r) => tIndex.get(s.time[r])!);
  const fes: Factor[] = [
    { name: opts.id, codes: uCodes, nLevels: s.units.length, levels: s.units },
    { name: opts.time, codes: tCodes, nLevels: s.times.length, levels: s.times.map(String) },
  ];
  const t = s.table;
  const y = Float64Array.from(rows, (r) => t.num(opts.y)[r]);
  const X = (opts.covariates ?? []).map((c) => Float64Array.from(rows, (r) => t.num(c)[r]));
  const dm = demean([y, ...X], fes);
  return { actual, s, rows, n, fes, uCodes, tCodes, yt: dm.cols[0], Wt: dm.cols.slice(1), demeanD: twoWayDemeaner(fes, uCodes, tCodes, s.units.length, s.times.length) };
}

/** Unit and time counts of a panel's rows, and `sums(d)`: d's unit and time sums into reused buffers, and its mean. */
export function twoWaySums(uCodes: Int32Array, tCodes: Int32Array, nU: number, nT: number) {
  const n = uCodes.length;
  const cntU = new Float64Array(nU);
  const cntT = new Float64Array(nT);
  for (let i = 0; i < n; i++) {
    cntU[uCodes[i]]++;
    cntT[tCodes[i]]++;
  }
  const sumU = new Float64Array(nU);
  const sumT = new Float64Array(nT);
  const sums = (d: Float64Array): number => {
    sumU.fill(0);
    sumT.fill(0);
    let all = 0;
    for (let i = 0; i < n; i++) {
      sumU[uCodes[i]] += d[i];
      sumT[tCodes[i]] += d[i];
      all += d[i];
    }
    return all / n;
  };
  return { cntU, cntT, sumU, sumT, sums };
}

/** Demeaning by unit and time for draws that change only the treatment: the balanced closed form reuses its buffers. */
export function twoWayDemeaner(fes: Factor[], uCodes: Int32Array, tCodes: Int32Array, nU: number, nT: number): (d: Float64Array) => Float64Array {
  const n = uCodes.length;
  const { cntU, cntT, sumU, sumT, sums } = twoWaySums(uCodes, tCodes, nU, nT);
  const balanced = n === nU * nT;
  return (d) => {
    if (!balanced) return demean([d], fes).cols[0];
    const all = sums(d);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = d[i] - sumU[uCodes[i]] / cntU[uCodes[i]] - sumT[tCodes[i]] / cntT[tCodes[i]] + all;
    return out;
  };
}
