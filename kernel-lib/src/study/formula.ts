/**
 * A fixest-style formula from its parts: `feFormula("y", ["x1", "x2"], "city + year")` → "y ~ x1 + x2 | city + year".
 * No regressors give "y ~ 1"; an empty `fe` leaves out the fixed-effects part. For the stepwise and per-outcome
 * specifications a notebook builds from lists of controls.
 */
export function feFormula(y: string, xs: readonly string[], fe = ""): string {
  return `${y} ~ ${xs.length ? xs.join(" + ") : "1"}${fe.trim() ? ` | ${fe.trim()}` : ""}`;
}
