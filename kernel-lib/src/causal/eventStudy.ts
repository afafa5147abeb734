/**
 * Event study: y_it = Σ_{e≠−1} β_e 1{t − G_i = e} + X'γ + α_i + λ_t + ε, leads e = −K..−2 and lags 0..L relative
 * to adoption G_i, the reference period −1 omitted, end points binned (e ≤ −K into −K, e ≥ L into L; set
 * `bin: false` to drop observations outside the window instead), never-treated units all zero. Joint
 * pre-trend test: Wald χ² (and F = χ²/q) of the leads with the cluster-robust covariance.
 */
import { Figure } from "../display/figure";
import { PanelData } from "../panel";
import { feols } from "../panel";
import { PanelFit, pchisqUpper, pfUpper } from "../panel";
import { quadInv, subMatrix } from "../core/linalg";
import { StaggerSpec, VcovChoice, feolsOpts, relName, stagger } from "./util";
import { normalQuantile } from "../core/distributions";
import { ModelResult, numOrNull, withResult } from "../core/result";

export interface EventStudyOptions extends StaggerSpec, VcovChoice {
  y: string;
  /** Number of leads K (bins e ≤ −K). Default 4. */
  leads?: number;
  /** Number of lags L (bins e ≥ L). Default 4. */
  lags?: number;
  /** Bin the end points (default) or drop observations outside [−K, L]. */
  bin?: boolean;
  covariates?: string[];
  level?: number;
}

export interface EventRow {
  rel_time: number;
  term: string;
  estimate: number;
  std_error: number;
  conf_low: number;
  conf_high: number;
  p_value: number;
  /** true for the omitted reference period (−1). */
  reference: boolean;
}

export interface EventStudyResult extends ModelResult {
  coefficients: EventRow[];
  pretrend: { statistic: number; df: number; p_value: number; f_statistic: number; f_p_value: number; method: string };
  fit: PanelFit;
  figure(title?: string): Figure;
}

export function eventStudy(data: PanelData, opts: EventStudyOptions): EventStudyResult {
  const K = opts.leads ?? 4;
  const L = opts.lags ?? 4;
  if (!(K >= 2) || !(L >= 0)) throw new Error("eventStudy: leads must be ≥ 2 (−1 is the reference) and lags ≥ 0");
  const s = stagger(data, opts);
  const bin = opts.bin ?? true;
  let t = s.table;
  const rels: number[] = [];
  for (let e = -K; e <= L; e++) if (e !== -1) rels.push(e);
  const names = rels.map((e) => `ev_${relName(e)}`);
  const n = t.nRows;
  const keep: number[] = [];
  const cols = rels.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const g = s.cohortOfRow[i];
    if (g > 0) {
      let e = s.time[i] - g;
      if (e < -K || e > L) {
        if (!bin) continue;
        e = e < -K ? -K : L;
      }
      const j = rels.indexOf(e);
      if (j >= 0) cols[j][i] = 1;
    }
    keep.push(i);
  }
  names.forEach((nm, j) => (t = t.with(nm, cols[j])));
  if (keep.length < n) t = t.take(keep);
  const rhs = [...names, ...(opts.covariates ?? [])].join(" + ");
  const fit = feols(t, `${opts.y} ~ ${rhs} | ${opts.id} + ${opts.time}`, feolsOpts(opts, opts.id, opts.time, opts.level));
  const tidy = fit.tidy(opts.level);
  const rows: EventRow[] = [];
  for (let e = -K; e <= L; e++) {
    if (e === -1) {
      rows.push({ rel_time: -1, term: "reference", estimate: 0, std_error: 0, conf_low: 0, conf_high: 0, p_value: NaN, reference: true });
      continue;
    }
    const nm = `ev_${relName(e)}`;
    const r = tidy.find((z) => z.term === nm);
    if (!r) rows.push({ rel_time: e, term: nm, estimate: NaN, std_error: NaN, conf_low: NaN, conf_high: NaN, p_value: NaN, reference: false });
    else rows.push({ rel_time: e, term: nm, estimate: r.estimate, std_error: r.std_error, conf_low: r.conf_low, conf_high: r.conf_high, p_value: r.p_value, reference: false });
  }
  const pre = names.filter((nm, j) => rels[j] < -1).map((nm) => fit.names.indexOf(nm)).filter((j) => j >= 0);
  const k = fit.names.length;
  const W = pre.length ? quadInv(subMatrix(fit.vcov, k, pre), pre.length, pre.map((j) => fit.coefficients[j]), "lead covariance") : NaN;
  const q = pre.length;
  const pretrend = { statistic: W, df: q, p_value: pchisqUpper(W, q), f_statistic: W / q, f_p_value: pfUpper(W / q, q, fit.df), method: "Wald test of all leads = 0 (cluster-robust)" };
  const level = opts.level ?? 0.95;
  const res = { coefficients: rows, pretrend, fit, figure: (title = "Event study") => eventStudyFigure(rows, title, level) };
  return withResult(res, (r) => ({
    title: `Event study: ${r.fit.formula}`,
    header: () => [
      `Observations: ${r.fit.nobs}; reference period −1 (estimate 0)`,
      `Standard errors: ${r.fit.inference()}`,
      `Pre-trend: ${r.pretrend.method}: χ²(${r.pretrend.df}) = ${r.pretrend.statistic.toFixed(3)}, p = ${r.pretrend.p_value.toPrecision(3)}`,
    ],
    tidy: () => r.coefficients.map((c) => ({
      term: c.term, estimate: numOrNull(c.estimate), std_error: numOrNull(c.std_error), statistic: c.reference ? null : numOrNull(c.estimate / c.std_error),
      p_value: numOrNull(c.p_value), conf_low: numOrNull(c.conf_low), conf_high: numOrNull(c.conf_high), rel_time: c.rel_time, reference: c.reference,
    })),
    glance: () => ({ ...r.fit.glance(), pretrend_chi2: r.pretrend.statistic, pretrend_df: r.pretrend.df, pretrend_p_value: r.pretrend.p_value }),
    notes: () => r.fit.messages,
  }));
}

/** Coefficient plot: point estimates with confidence intervals, reference period at zero, adoption line. */
export function eventStudyFigure(rows: readonly { rel_time: number; estimate: number; conf_low: number; conf_high: number }[], title = "Event study", level = 0.95): Figure {
  const ok = rows.filter((r) => Number.isFinite(r.estimate));
  const x = ok.map((r) => r.rel_time);
  return {
    data: [
      {
        type: "scatter",
        mode: "lines+markers",
        name: `estimate (${Math.round(level * 100)}% CI)`,
        x,
        y: ok.map((r) => r.estimate),
        error_y: { type: "data", array: ok.map((r) => r.conf_high - r.estimate), arrayminus: ok.map((r) => r.estimate - r.conf_low) },
      },
    ],
    layout: {
      title,
      xaxis: { title: "periods relative to adoption" },
      yaxis: { title: "coefficient", zeroline: true },
      shapes: [
        { type: "line", x0: Math.min(...x), x1: Math.max(...x), y0: 0, y1: 0, line: { color: "#888", dash: "dash" } },
        { type: "line", x0: -0.5, x1: -0.5, y0: 0, y1: 1, yref: "paper", line: { color: "#d62728", dash: "dot" } },
      ],
    },
  };
}

/** Normal critical value (two-sided). */
export const zCrit = (level: number): number => normalQuantile(1 - (1 - level) / 2);
