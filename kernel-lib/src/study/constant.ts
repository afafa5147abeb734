import { Glance, ModelLike, TidyRow } from "../display/regtable";
import { PanelData, PanelFit, asTable, parseFormula } from "../panel";

/**
 * The constant as Stata prints it. Stata's FE estimators report a `_cons`: xtreg, fe and reghdfe give
 * _cons = mean(y) − mean(x)·b over the estimation sample (the intercept of the model with the fixed effects
 * centred). `panel(..., { model: "within" })` under the Stata xtreg preset already estimates it with its SE (the
 * "(Intercept)" row); `feols` with absorbed fixed effects does not, and here gets the point value with no SE.
 */
export const STATA_CONSTANT = "_cons";

export interface StataConstant {
  estimate: number;
  /** NaN when the fit carries no SE for it (feols with absorbed fixed effects). */
  std_error: number;
  statistic: number;
  p_value: number;
  /** How it was obtained, for a table note or the ledger. */
  source: "fit" | "means";
}

function isPanelFit(m: ModelLike): m is PanelFit {
  return m instanceof PanelFit;
}

/** mean(y) − Σ mean(x_j) b_j over the rows the fit used. */
export function constantFromMeans(fit: PanelFit, data: PanelData): number {
  const t = asTable(data);
  const y = parseFormula(fit.formula).lhs.label;
  const rows = fit.rows;
  const mean = (name: string) => {
    if (!t.has(name)) throw new Error(`withStataConstant: ${fit.formula}: "${name}" is not a column of the data; pass the data the model was fitted on`);
    const v = t.num(name);
    let s = 0;
    for (const r of rows) s += v[r];
    return s / rows.length;
  };
  let c = mean(y);
  for (const term of fit.names) if (term !== "(Intercept)") c -= mean(term) * fit.coef(term);
  return c;
}

/** The Stata `_cons` of a fit: its own intercept when it has one, else (FE) the value from the means. */
export function stataConstant(fit: ModelLike, data?: PanelData): StataConstant | null {
  const own = fit.tidy().find((r) => r.term === "(Intercept)" || r.term === STATA_CONSTANT);
  if (own) return { estimate: own.estimate, std_error: own.std_error, statistic: own.statistic, p_value: own.p_value, source: "fit" };
  if (!isPanelFit(fit) || !data) return null;
  return { estimate: constantFromMeans(fit, data), std_error: NaN, statistic: NaN, p_value: NaN, source: "means" };
}

/**
 * A view of the fit whose tidy() ends with the `_cons` row as Stata prints it (the intercept renamed and moved
 * last; for an absorbed-FE feols fit the value from the means, without SE), for `regressionTable` and `record`.
 * `r2` chooses the R² the glance reports as r_squared ("within" for FE models, as xtreg's e(r2)).
 */
export function withStataConstant(fit: ModelLike, data?: PanelData, options: { r2?: "as fitted" | "within" } = {}): ModelLike {
  const c = stataConstant(fit, data);
  if (!c && !(fit.glance().within_r_squared === undefined)) {
    throw new Error("withStataConstant: a fixed-effects fit needs the data it was fitted on to compute _cons");
  }
  const rows: TidyRow[] = fit.tidy().filter((r) => r.term !== "(Intercept)");
  if (c) rows.push({ term: STATA_CONSTANT, estimate: c.estimate, std_error: c.std_error, statistic: c.statistic, p_value: c.p_value });
  const glance = (): Glance => {
    const g = fit.glance();
    return options.r2 === "within" && g.within_r_squared !== undefined ? { ...g, r_squared: g.within_r_squared } : g;
  };
  return { tidy: () => rows.map((r) => ({ ...r })), glance };
}
