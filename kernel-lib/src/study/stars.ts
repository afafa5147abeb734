import { STARS_R, STARS_STATA, StarLevels, starsFor } from "../display/regtable";

/**
 * Significance stars by the paper's thresholds. "paper" is the applied-economics default (* 10 %, ** 5 %, *** 1 %);
 * "esttab" is esttab's default (* 5 %, ** 1 %, *** 0.1 %); or pass the levels a paper states.
 */
export type StarRule = "paper" | "esttab" | StarLevels;

export function starLevels(rule: StarRule = "paper"): StarLevels {
  return rule === "paper" ? STARS_STATA : rule === "esttab" ? STARS_R : rule;
}

/** "***", "**", "*" or "" for a p-value; a missing p (NaN) gets no stars. */
export function stars(p: number, rule: StarRule = "paper"): string {
  return starsFor(p, starLevels(rule));
}

/** The legend a table prints under it, e.g. "* p<0.1, ** p<0.05, *** p<0.01". */
export function starLegend(rule: StarRule = "paper"): string {
  return [...starLevels(rule).levels].reverse().map((l) => `${l.symbol} p<${l.p}`).join(", ");
}
