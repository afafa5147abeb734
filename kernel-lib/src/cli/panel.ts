/**
 * CLI families `regionlab panel` and `regionlab hausman` (registered in cli/index.ts FAMILIES by the lead).
 */
import { readTable, requireDistinct, requireUniqueKey, requireVariation } from "../data/table";
import { droppedRows, droppedText } from "../data/report";
import { PanelFit } from "../panel/result";
import { Family, ParsedArgs, UsageError, checkKnown, one, asUsageError as wrap, printJson, requireFinite } from "./args";
import { panel, PanelEffect, PanelModel } from "../panel/estimate";
import { hausman } from "../panel/tests";
import { PRESETS, VcovSpec, driscollKraay } from "../panel/vcov";

const COMMON = ["data", "id", "time", "formula", "effect", "vcov", "cluster", "lag", "preset", "json"];


function common(p: ParsedArgs) {
  const data = one(p, "data", true)!;
  const id = one(p, "id", true)!;
  const time = one(p, "time", true)!;
  const formula = one(p, "formula", true)!;
  const effect = (one(p, "effect") ?? "individual") as PanelEffect;
  if (!["individual", "time", "twoways"].includes(effect)) throw new UsageError(`--effect must be individual, time or twoways, got "${effect}"`);
  const v = (one(p, "vcov") ?? "iid").toLowerCase();
  if (!["iid", "hc0", "hc1", "hc2", "hc3", "cluster", "dk"].includes(v)) throw new UsageError(`--vcov must be iid, hc0, hc1, hc2, hc3, cluster or dk, got "${v}"`);
  const cl = one(p, "cluster");
  const preset = one(p, "preset") ?? "plm";
  if (!PRESETS[preset]) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(", ")}, got "${preset}"`);
  let vcov: VcovSpec | string = v;
  if (v === "cluster") vcov = { type: "cluster", by: (cl ?? id).split(",").map((s) => s.trim()) };
  else if (cl) throw new UsageError("--cluster needs --vcov cluster");
  const lag = one(p, "lag");
  if (lag !== undefined && (v !== "dk" || !/^\d+$/.test(lag))) throw new UsageError(`--lag needs --vcov dk and a whole number ≥ 0, got "${lag}"`);
  if (v === "dk") vcov = driscollKraay(time, lag === undefined ? undefined : Number(lag));
  const t = readTable(data);
  for (const c of [id, time]) t.col(c);
  requireUniqueKey(t, [id, time], "observation");
  const lhs = formula.split("~")[0].trim();
  if (t.has(lhs)) requireVariation(t, lhs, "dependent variable");
  return { t, opts: { id, time, effect, vcov, preset }, formula };
}

/** Rows the fit left out and variables it dropped, for --json and the text output. */
function fitReport(fit: PanelFit) {
  const dropped = droppedRows({ reason: "missing values (listwise)", rows: fit.nDropped }, { reason: "singleton groups", rows: fit.nSingletons });
  const collinear = fit.messages.filter((m) => m.startsWith("collinear: dropped ")).flatMap((m) => m.slice("collinear: dropped ".length).split(", "));
  return { dropped, collinear, notes: fit.messages };
}

export const panelFamily: Family = {
  summary: "panel regression (pooled, fixed or random effects) with Stata/R conventions",
  booleans: ["json"],
  help: `regionlab panel --data <csv> --id <col> --time <col> --formula "y ~ x1 + x2" --model pooled|fe|re|between
    [--effect individual|time|twoways] [--vcov iid|hc0|hc1|hc2|hc3|cluster|dk] [--cluster <col>[,<col>]] [--lag <n>]
    [--preset plm|stata.xtreg|stata.areg|stata.reghdfe|fixest] [--weights <col> [--weight-type aweight|pweight|fweight]] [--json]

Estimates the model (random effects: Swamy–Arora, individual) and prints the coefficient table, or with
--json { "model", "nobs", "coefficients": [{ "term", "estimate", "std_error", "statistic", "p_value" }],
"r2", "r2_within", "adj_r2", "theta" (RE), "report": Stata xtreg's statistics (R² within/between/overall,
sigma_u, sigma_e, rho, corr(u_i, Xb), F test that all u_i=0, Wald chi2, group sizes, theta percentiles),
"dropped": [{ "reason", "rows" }], "collinear": [names], "notes", "preset", "vcov", "messages" }. Duplicate (id, time)
rows, a constant dependent variable and non-finite cells are refused (exit 2). Default vcov iid, preset plm, cluster
variable the id. --vcov dk gives Driscoll–Kraay SEs over --time periods (lag: --lag, else the preset's rule: Stata
xtscc floor(4(T/100)^(2/9)) with T/(T−1)·(N−1)/(N−K); plm and fixest floor(T^(1/4)), plm without a factor). Under --preset stata.xtreg, --vcov hc1 on FE or RE clusters on the id (Stata's vce(robust)), FE r2 is
the within R², BE nobs counts rows.
Bad input (unknown or text column, missing cluster values) exits 2 with one line on stderr.`,
  run(p, io) {
    checkKnown(p, [...COMMON, "model", "weights", "weight-type"]);
    const weights = one(p, "weights");
    const weightType = (one(p, "weight-type") ?? "aweight") as "aweight" | "pweight" | "fweight";
    if (!["aweight", "pweight", "fweight"].includes(weightType)) throw new UsageError(`--weight-type must be aweight, pweight or fweight, got "${weightType}"`);
    const model = one(p, "model", true)!;
    const models: Record<string, PanelModel> = { pooled: "pooled", fe: "within", within: "within", re: "random", random: "random", between: "between", be: "between" };
    if (!models[model]) throw new UsageError(`--model must be pooled, fe, re or between, got "${model}"`);
    const { t, opts, formula } = common(p);
    const fit = wrap(() => panel(t, formula, { ...opts, model: models[model], weights, weightType }));
    const g = fit.glance();
    const out: Record<string, unknown> = {
      model,
      nobs: fit.nobs,
      coefficients: fit.tidy().map((r) => ({ term: r.term, estimate: r.estimate, std_error: r.std_error, statistic: r.statistic, p_value: r.p_value })),
      r2: g.r_squared,
      r2_within: g.within_r_squared ?? null,
      adj_r2: g.adj_r_squared,
      ...fitReport(fit),
    };
    if (models[model] === "random") out.theta = g.theta;
    // xtreg's report: what Stata prints around the table (keys as glance(); absent ones do not apply)
    const XT = ["n_groups", "g_min", "g_avg", "g_max", "r2_within", "r2_between", "r2_overall", "sigma_u", "sigma_e", "rho", "corr_u_xb", "f_u", "f_u_df1", "f_u_df2", "f_u_p_value", "statistic", "f_df1", "f_df2", "p_value", "wald_chi2", "sigma", "Tbar", "theta_min", "theta_p5", "theta_p50", "theta_p95", "theta_max"];
    out.report = Object.fromEntries(XT.filter((k) => g[k] !== undefined).map((k) => [k, g[k]]));
    out.preset = fit.preset;
    out.vcov = fit.vcovLabel;
    out.messages = fit.messages;
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, out);
    else {
      io.out(fit.toString());
      const d = droppedText(fitReport(fit).dropped);
      if (d) io.out(d);
    }
    return 0;
  },
};

export const hausmanFamily: Family = {
  summary: "Hausman test of fixed against random effects (plm phtest)",
  booleans: ["json", "sigmamore"],
  help: `regionlab hausman --data <csv> --id <col> --time <col> --formula "y ~ x1 + x2" [--preset ...] [--sigmamore] [--json]

Fits the within and the random-effects (Swamy–Arora) models with iid variances and prints the Hausman
statistic, or with --json { "statistic", "df", "p_value" }. --sigmamore uses Stata's sigmamore variant.`,
  run(p, io) {
    checkKnown(p, [...COMMON, "sigmamore"]);
    const { t, opts, formula } = common(p);
    requireDistinct(t, opts.id, 2, "a Hausman test compares within-unit and between-unit variation, which needs several units");
    requireDistinct(t, opts.time, 2, "the within estimator needs at least two periods per unit");
    const h = wrap(() => {
      const fe = panel(t, formula, { ...opts, model: "within", effect: "individual" });
      const re = panel(t, formula, { ...opts, model: "random", effect: "individual" });
      return hausman(fe, re, { sigmamore: p.bools.has("sigmamore") });
    });
    if (!Number.isFinite(h.statistic)) throw new UsageError(`the Hausman statistic is not finite (${h.statistic}): the variance difference is singular for this design`);
    requireFinite({ statistic: h.statistic, df: h.df, p_value: h.p_value });
    if (p.bools.has("json")) printJson(io, { statistic: h.statistic, df: h.df, p_value: h.p_value });
    else io.out(`${h.method}: chi2(${h.df}) = ${h.statistic.toFixed(4)}, p = ${h.p_value.toPrecision(4)}`);
    return 0;
  },
};
