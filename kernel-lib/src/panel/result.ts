/** The estimation result every panel estimator returns: tidy()/glance() for the regression table. */
import { chiSquaredUpper, fUpper, normalUpper, tQuantile, tTwoSided } from "../core/distributions";
import { Glance, TidyRow } from "../display/regtable";
import { inspect } from "util";
import { GlanceRow, ModelResult, resultMethods } from "../core/result";
import { MimeBundle } from "../display/emit";
import { XtStats } from "./xtstats";
import { VcovSpec } from "./vcov";

export interface PanelTidyRow extends TidyRow {
  conf_low: number;
  conf_high: number;
}

export interface PanelFitInit {
  model: string;
  formula: string;
  names: string[];
  beta: Float64Array;
  V: Float64Array;
  /** Degrees of freedom for the t distribution; Infinity for z. */
  df: number;
  vcovLabel: string;
  preset: string;
  nobs: number;
  nDropped: number;
  nSingletons: number;
  residuals: Float64Array;
  fitted: Float64Array;
  rows: number[];
  rss: number;
  dfResid: number;
  r2: number;
  adjR2: number;
  r2Within?: number;
  adjR2Within?: number;
  fstat?: number;
  fdf1?: number;
  fdf2?: number;
  loglik?: number;
  ngroups?: number;
  theta?: number | Float64Array;
  sigma2?: { idios: number; id?: number };
  fe: string[];
  dfFe: number;
  messages: string[];
  nClusters?: number[];
  level?: number;
  /** Stata xtreg's report (R² within/between/overall, σ_u, σ_e, ρ, ...), for one-way panel models. */
  xt?: XtStats;
  /** R² of y on the regressors and every fixed-effect dummy, when r2 reports another (Stata xtreg, fe: within). */
  r2Lsdv?: number;
  /** Root MSE when it is not √(RSS/df_residual) (Stata xtreg, fe under robust or cluster variance). */
  rmse?: number;
  /** Kept for tests and re-use (transformed design, bread). */
  internals?: Record<string, unknown>;
  /** The same fit with another vcov, from the kept design and residuals (no refit); absent where not supported. */
  withVcov?: (vcov: VcovSpec | string, cluster?: string | string[]) => PanelFit;
}

/** Two-sided p-value of a t (df finite) or z statistic (df = Infinity), from core/distributions. */
export const pt2 = tTwoSided;
export const qt = tQuantile;
export const pchisqUpper = chiSquaredUpper;
export const pfUpper = fUpper;
export { normalUpper };

export class PanelFit implements ModelResult {
  readonly model: string;
  readonly formula: string;
  readonly names: string[];
  readonly coefficients: Float64Array;
  readonly vcov: Float64Array;
  readonly se: Float64Array;
  readonly df: number;
  readonly vcovLabel: string;
  readonly preset: string;
  readonly nobs: number;
  readonly nDropped: number;
  readonly nSingletons: number;
  readonly residuals: Float64Array;
  readonly fitted: Float64Array;
  readonly rows: number[];
  readonly messages: string[];
  readonly init: PanelFitInit;

  constructor(init: PanelFitInit) {
    this.init = init;
    this.model = init.model;
    this.formula = init.formula;
    this.names = init.names;
    this.coefficients = init.beta;
    this.vcov = init.V;
    const k = init.names.length;
    this.se = Float64Array.from({ length: k }, (_, i) => Math.sqrt(init.V[i * k + i]));
    this.df = init.df;
    this.vcovLabel = init.vcovLabel;
    this.preset = init.preset;
    this.nobs = init.nobs;
    this.nDropped = init.nDropped;
    this.nSingletons = init.nSingletons;
    this.residuals = init.residuals;
    this.fitted = init.fitted;
    this.rows = init.rows;
    this.messages = init.messages;
  }

  /**
   * The standard errors under another variance, without refitting (fixest's `summary(est, vcov = ...)`):
   * `fit.withVcov(cluster("city", "year"))`, `fit.withVcov("hc1")`, `fit.withVcov("cluster", "province")`. The
   * fit's preset and its rules apply as in a refit (xtreg's robust = cluster(id)); coefficients are unchanged.
   */
  withVcov(vcov: VcovSpec | string, cluster?: string | string[]): PanelFit {
    if (!this.init.withVcov) throw new Error(`withVcov: not available for the ${this.model} estimator; refit with { vcov }`);
    return this.init.withVcov(vcov, cluster);
  }

  coef(term: string): number {
    const i = this.names.indexOf(term);
    if (i < 0) throw new Error(`no coefficient "${term}" (have: ${this.names.join(", ")})`);
    return this.coefficients[i];
  }

  stdError(term: string): number {
    const i = this.names.indexOf(term);
    if (i < 0) throw new Error(`no coefficient "${term}" (have: ${this.names.join(", ")})`);
    return this.se[i];
  }

  tidy(level = this.init.level ?? 0.95): PanelTidyRow[] {
    const q = qt(1 - (1 - level) / 2, this.df);
    return this.names.map((term, i) => {
      const est = this.coefficients[i];
      const se = this.se[i];
      const stat = est / se;
      return { term, estimate: est, std_error: se, statistic: stat, p_value: pt2(stat, this.df), conf_low: est - q * se, conf_high: est + q * se };
    });
  }

  /** The variance, its small-sample convention (preset) and the reference distribution, in words. */
  inference(): string {
    return `${this.vcovLabel}; preset ${this.preset}; ${Number.isFinite(this.df) ? `t(${this.df})` : "z (normal)"}`;
  }

  glance(): Glance & GlanceRow {
    const i = this.init;
    const g: Glance & GlanceRow = {
      nobs: i.nobs,
      inference: this.inference(),
      r_squared: i.r2,
      adj_r_squared: i.adjR2,
      model: i.model,
      preset: i.preset,
      vcov: i.vcovLabel,
      df_residual: i.dfResid,
      sigma: i.rmse ?? Math.sqrt(i.rss / i.dfResid),
      nobs_dropped: i.nDropped,
      singletons_dropped: i.nSingletons,
    };
    if (i.r2Within !== undefined) g.within_r_squared = i.r2Within;
    if (i.adjR2Within !== undefined) g.adj_within_r_squared = i.adjR2Within;
    if (i.fstat !== undefined) {
      g.statistic = i.fstat;
      g.f_df1 = i.fdf1;
      g.f_df2 = Number.isFinite(i.fdf2!) ? i.fdf2 : undefined;
      g.p_value = pfUpper(i.fstat, i.fdf1!, i.fdf2!);
    }
    if (i.fstat !== undefined && !Number.isFinite(i.fdf2!)) g.wald_chi2 = i.fstat * i.fdf1!;
    if (i.loglik !== undefined) g.log_likelihood = i.loglik;
    if (i.xt) {
      const x = i.xt;
      Object.assign(g, { nobs_xt: x.N, g_min: x.g_min, g_avg: x.g_avg, g_max: x.g_max, r2_within: x.r2_w, r2_between: x.r2_b, r2_overall: x.r2_o });
      if (x.sigma_u !== undefined) Object.assign(g, { sigma_u: x.sigma_u, sigma_e: x.sigma_e, rho: x.rho });
      if (x.corr_u_xb !== undefined) g.corr_u_xb = x.corr_u_xb;
      if (x.F_u) Object.assign(g, { f_u: x.F_u.statistic, f_u_df1: x.F_u.df1, f_u_df2: x.F_u.df2, f_u_p_value: pfUpper(x.F_u.statistic, x.F_u.df1, x.F_u.df2) });
      if (x.Tbar !== undefined) g.Tbar = x.Tbar;
      if (x.theta) Object.assign(g, { theta_min: x.theta.min, theta_p5: x.theta.p5, theta_p50: x.theta.p50, theta_p95: x.theta.p95, theta_max: x.theta.max });
    }
    if (i.ngroups !== undefined) g.n_groups = i.ngroups;
    if (i.nClusters) g.n_clusters = i.nClusters.join(",");
    if (i.theta !== undefined) g.theta = typeof i.theta === "number" ? i.theta : meanOf(i.theta);
    if (i.sigma2) {
      g.sigma2_idios = i.sigma2.idios;
      if (i.sigma2.id !== undefined) g.sigma2_id = i.sigma2.id;
    }
    return g;
  }

  private contract() {
    const g = () => this.glance();
    return resultMethods({
      title: `${this.model}: ${this.formula}`,
      header: () => {
        const gl = g();
        const r2 = [`R² = ${fmt(gl.r_squared as number).trim()}`, gl.within_r_squared !== undefined ? `within R² = ${fmt(gl.within_r_squared as number).trim()}` : ""].filter(Boolean).join(", ");
        return [
          `Observations: ${this.nobs}${this.nDropped ? ` (${this.nDropped} dropped for missing values)` : ""}${this.init.fe.length ? `; fixed effects: ${this.init.fe.join(", ")}` : ""}`,
          `Standard errors: ${this.inference()}`,
          r2,
        ];
      },
      tidy: () => this.tidy(),
      glance: g,
      notes: () => this.messages,
    });
  }

  /** fixest's print: model and sample, the variance with its small-sample convention, the coefficient table. */
  summary(): string {
    return this.contract().summary();
  }

  mimeBundle(): MimeBundle {
    return this.contract().mimeBundle();
  }

  [inspect.custom](depth?: number, options?: { depth?: number | null }): string {
    return this.contract()[inspect.custom](depth, options);
  }

  /** One line per coefficient plus the conventions used, for a notebook cell. */
  toString(): string {
    const rows = this.tidy().map((r) => `${r.term.padEnd(24)} ${fmt(r.estimate)} ${fmt(r.std_error)} ${fmt(r.statistic)} ${fmt(r.p_value)}`);
    const g = this.glance();
    return [
      `${this.model}: ${this.formula}   N = ${this.nobs}${this.nDropped ? ` (${this.nDropped} rows with missing values dropped)` : ""}`,
      `${"term".padEnd(24)} ${"estimate".padStart(12)} ${"std.error".padStart(12)} ${"statistic".padStart(12)} ${"p.value".padStart(12)}`,
      ...rows,
      `R² = ${fmt(g.r_squared as number)}${g.within_r_squared !== undefined ? `, within R² = ${fmt(g.within_r_squared as number)}` : ""}; vcov: ${this.vcovLabel}; preset: ${this.preset}`,
      ...this.messages.map((m) => `note: ${m}`),
    ].join("\n");
  }
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

function fmt(v: number): string {
  return (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toFixed(6)).padStart(12);
}
