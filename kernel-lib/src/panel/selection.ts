/**
 * Selection on unobservables, as applied-economics papers report it.
 *
 * Oster (2019, J. Business & Economic Statistics 37(2), 187–204), coefficient-stability bounds in the widely
 * used closed forms (Oster's restricted estimator with equal selection, her eq. (4) approximation):
 *   β*(δ = 1) = β̃ − (β̊ − β̃)·(R_max − R̃) / (R̃ − R̊)
 *   δ(β = b)  = (β̃ − b)·(R̃ − R̊) / ((β̊ − β̃)·(R_max − R̃))
 * with β̊, R̊ from the short (uncontrolled) regression, β̃, R̃ from the controlled one, and R_max = min(1, 1.3·R̃)
 * by default (Oster's rule of thumb). Stata psacalc's exact δ / β* (roots of her cubic) are NOT computed here.
 *
 * Altonji, Elder & Taber (2005) ratio as Chinese papers use it (Nunn & Wantchekon 2011 form):
 *   AET = β_F / (β_R − β_F), β_R without and β_F with the controls; |AET| > 1 is read as robustness.
 */
import { PanelData } from "./design";
import { feols, FeolsOptions } from "./estimate";

export interface SelectionResult {
  treatment: string;
  betaRestricted: number;
  r2Restricted: number;
  betaFull: number;
  r2Full: number;
  rmax: number;
  /** Oster β* at δ = 1. */
  betaStar: number;
  /** Oster δ that would make the treatment effect equal `beta` (default 0). */
  delta: number;
  /** Altonji–Elder–Taber ratio β_F / (β_R − β_F). */
  aet: number;
  /** R² used: "r2" (overall) or "within". */
  r2Type: string;
}

export interface SelectionOptions extends FeolsOptions {
  /** R_max; default min(1, rmaxMultiplier·R̃). */
  rmax?: number;
  rmaxMultiplier?: number;
  /** Target effect for δ (default 0). */
  beta?: number;
  /** Which R²: overall (default) or within (with fixed effects). */
  r2?: "r2" | "within";
}

/** Oster's δ and β* from two coefficient/R² pairs (see the module comment). */
export function osterFromMoments(betaR: number, r2R: number, betaF: number, r2F: number, rmax: number, beta = 0): { betaStar: number; delta: number } {
  if (!(rmax > r2F)) throw new Error(`oster: R_max (${rmax}) must exceed the controlled R² (${r2F})`);
  if (r2F === r2R) throw new Error("oster: the controls do not change R² (R̃ = R̊); δ and β* are undefined");
  return {
    betaStar: betaF - ((betaR - betaF) * (rmax - r2F)) / (r2F - r2R),
    delta: ((betaF - beta) * (r2F - r2R)) / ((betaR - betaF) * (rmax - r2F)),
  };
}

/** AET ratio β_F / (β_R − β_F). */
export function aetRatio(betaR: number, betaF: number): number {
  return betaF / (betaR - betaF);
}

/**
 * `selection(t, "y ~ d", "y ~ d + x1 + x2", { treatment: "d" })` — both formulas may carry the same fixed
 * effects ("| city + year"); the restricted one should hold the treatment and whatever the paper keeps fixed.
 */
export function selection(data: PanelData, restricted: string, full: string, opts: SelectionOptions & { treatment: string }): SelectionResult {
  const fr = feols(data, restricted, { ...opts, vcov: "iid" });
  const ff = feols(data, full, { ...opts, vcov: "iid" });
  if (fr.nobs !== ff.nobs) throw new Error(`selection: the two regressions use different samples (${fr.nobs} vs ${ff.nobs} observations); drop missing values first`);
  const which = opts.r2 ?? "r2";
  const r2 = (f: typeof fr) => {
    const v = which === "within" ? f.init.r2Within : (f.init.r2Lsdv ?? f.init.r2);
    if (v === undefined) throw new Error(`selection: within R² requested but "${f.formula}" has no fixed effects`);
    return v;
  };
  const bR = fr.coef(opts.treatment);
  const bF = ff.coef(opts.treatment);
  const rR = r2(fr);
  const rF = r2(ff);
  const rmax = opts.rmax ?? Math.min(1, (opts.rmaxMultiplier ?? 1.3) * rF);
  const o = osterFromMoments(bR, rR, bF, rF, rmax, opts.beta ?? 0);
  return { treatment: opts.treatment, betaRestricted: bR, r2Restricted: rR, betaFull: bF, r2Full: rF, rmax, betaStar: o.betaStar, delta: o.delta, aet: aetRatio(bR, bF), r2Type: which };
}
