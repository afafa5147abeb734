/**
 * CLI families `regionlab did` and `regionlab psm` (registered in cli/index.ts FAMILIES by the lead).
 */
import { DataError } from "../data/errors";
import { DroppedRows, droppedRows, droppedText } from "../data/report";
import { Table, readTable, requireDistinct, requireUniqueKey, requireVariation } from "../data/table";
import { stagger } from "../causal/util";
import { Family, UsageError, checkKnown, choice, listFlag, numberFlag, one, asUsageError as wrap, printJson, requireFinite } from "./args";
import { callawaySantAnna } from "../causal/callawaySantAnna";
import { twfeDid } from "../causal/did";
import { eventStudy } from "../causal/eventStudy";
import { psm } from "../causal/psm";
import { sunAbraham } from "../causal/sunAbraham";
import { normalTwoSided } from "../core/distributions";

const pNorm = normalTwoSided;

/**
 * Refuse a DID design that cannot identify an effect, before estimating: repeated (id, time) rows, a constant
 * outcome, one unit or one period, no treated unit, or no comparison group for the chosen estimator.
 */
function checkDidDesign(t: Table, o: { id: string; time: string; y: string; treatment?: string; cohort?: string; estimator: string; control: string }) {
  for (const c of [o.id, o.time, o.y]) t.col(c);
  requireUniqueKey(t, [o.id, o.time], "observation");
  requireVariation(t, o.y, "outcome");
  requireDistinct(t, o.id, 2, "a difference-in-differences compares units");
  requireDistinct(t, o.time, 2, "a difference-in-differences compares periods");
  const s = stagger(t, { id: o.id, time: o.time, treatment: o.cohort ? undefined : o.treatment, cohort: o.cohort });
  const col = o.cohort ?? o.treatment!;
  const cohorts = new Set(Array.from(s.cohortOfUnit).filter((g) => g > 0));
  const nNever = s.cohortOfUnit.filter((g) => !(g > 0)).length;
  if (!cohorts.size) throw new DataError([{ file: t.file, column: col, expected: "at least one treated unit (no unit is ever treated, so there is no effect to estimate)" }]);
  const first = s.times[0];
  const notYet = [...cohorts].some((g) => g > first) && cohorts.size > 1;
  if (!nNever && !notYet) throw new DataError([{ file: t.file, column: col, expected: "a comparison group: some units never treated, or adopting at different times (every unit is treated from the same period)" }]);
  if (!nNever && o.estimator === "cs" && o.control === "never") throw new DataError([{ file: t.file, column: col, expected: "never-treated units for Callaway–Sant'Anna with --control never (there are none; pass --control notyet)" }]);
}

/** Rows with a missing outcome or covariate, which the estimators drop listwise. */
function missingRows(t: Table, cols: readonly string[]): number {
  const cs = cols.map((c) => t.num(c));
  let n = 0;
  for (let i = 0; i < t.nRows; i++) if (cs.some((c) => Number.isNaN(c[i]))) n++;
  return n;
}

export const didFamily: Family = {
  summary: "difference-in-differences with staggered adoption: two-way FE, event study, Callaway–Sant'Anna, Sun–Abraham",
  booleans: ["json", "event-study"],
  help: `regionlab did --data <csv> --id <col> --time <col> --y <col> --treatment <col> [--covariates a,b]
    [--cluster <col>] [--event-study --cohort <col> --leads K --lags L] [--estimator twfe|cs|sa]
    [--control never|notyet] [--cs-method dr|ipw|reg] [--balance-e k] [--min-e a] [--max-e b] [--bootstrap B --seed s]
    [--preset stata.reghdfe|plm|fixest|stata.xtreg|stata.areg] [--json]

twfe (default): y on the 0/1 treatment with unit and time fixed effects, SEs clustered on --cluster (default
the id), Stata reghdfe conventions unless --preset. --event-study adds leads/lags relative to adoption
(reference −1, end points binned; adoption from --cohort or from the first treated period). cs: Callaway–
Sant'Anna as R's did (never-treated controls unless --control notyet; with covariates --cs-method dr (default),
ipw or reg, covariates taken at the base period), estimate = the simple aggregation, event_study = the dynamic
one (aggte's --balance-e, --min-e, --max-e), pretest = did's Wald pre-test of parallel trends; --bootstrap B
adds did's multiplier-bootstrap SEs and sup-t bands to the event study (seeded by --seed, printed). sa: Sun–Abraham. --json prints { "estimate", "std_error",
"p_value", "event_study": [{ "rel_time", "estimate", "std_error" }] }.`,
  run(p, io) {
    checkKnown(p, ["data", "id", "time", "y", "treatment", "covariates", "cluster", "event-study", "cohort", "leads", "lags", "estimator", "control", "cs-method", "balance-e", "min-e", "max-e", "bootstrap", "seed", "preset", "json"]);
    const data = one(p, "data", true)!;
    const id = one(p, "id", true)!;
    const time = one(p, "time", true)!;
    const y = one(p, "y", true)!;
    const treatment = one(p, "treatment");
    const cohort = one(p, "cohort");
    if (!treatment && !cohort) throw new UsageError("--treatment (or --cohort) is required");
    const covariates = listFlag(one(p, "covariates"));
    const cluster = one(p, "cluster");
    const estimator = choice(p, "estimator", ["twfe", "cs", "sa"] as const, "twfe")!;
    const control = choice(p, "control", ["never", "notyet"] as const, "never")!;
    const leads = numberFlag(p, "leads", 2, 100, 4)!;
    const lags = numberFlag(p, "lags", 0, 100, 4)!;
    const preset = one(p, "preset");
    const csMethod = choice(p, "cs-method", ["dr", "ipw", "reg"] as const, "dr")!;
    const eWindow = { balanceE: numberFlag(p, "balance-e", 0, 1000), minE: numberFlag(p, "min-e", -1000, 1000), maxE: numberFlag(p, "max-e", -1000, 1000) };
    for (const [k, v] of Object.entries(eWindow)) if (v !== undefined && !Number.isInteger(v)) throw new UsageError(`--${k.replace("E", "-e").toLowerCase()} must be a whole number of periods, got ${v}`);
    const bootstrap = numberFlag(p, "bootstrap", 1, 1e6);
    const seed = numberFlag(p, "seed", 0, 0xffffffff);
    if (bootstrap !== undefined && !Number.isInteger(bootstrap)) throw new UsageError(`--bootstrap must be a whole number of draws, got ${bootstrap}`);
    if (bootstrap !== undefined && seed === undefined) throw new UsageError("--bootstrap needs --seed (every random draw is seeded and printed)");
    if (estimator !== "cs" && (p.flags["cs-method"] !== undefined || bootstrap !== undefined || Object.values(eWindow).some((v) => v !== undefined))) throw new UsageError("--cs-method, --balance-e, --min-e, --max-e and --bootstrap apply to --estimator cs only");
    const t = readTable(data);
    checkDidDesign(t, { id, time, y, treatment, cohort, estimator, control });
    const spec = { id, time, treatment: cohort ? undefined : treatment, cohort };
    const vc = { cluster, preset };
    const out = wrap(() => {
      if (estimator === "cs") {
        const r = callawaySantAnna(t, { ...spec, y, covariates, control, estimator: csMethod, ...eWindow, bootstrap, seed });
        const nT = new Set(t.num(time)).size;
        return {
          estimate: r.simple.overall,
          std_error: r.simple.overall_se,
          p_value: pNorm(r.simple.overall / r.simple.overall_se),
          dropped: droppedRows({ reason: "missing values (listwise)", rows: missingRows(t, [y, ...covariates]) }, { reason: "units treated in the first period (no pre-period; did drops them)", rows: r.dropped_units_treated_first_period * nT }),
          event_study: r.dynamic.by.map((z) => ({ rel_time: z.key, estimate: z.att, std_error: z.std_error, ...(bootstrap ? { boot_se: z.boot_se, conf_low: z.conf_low, conf_high: z.conf_high } : {}) })),
          ...(bootstrap ? { bootstrap: { draws: bootstrap, seed, weights: "Rademacher", bands: "sup-t over the event times", cell_critical_value: r.critical_value } } : {}),
          dynamic_overall: { estimate: r.dynamic.overall, std_error: r.dynamic.overall_se },
          pretest: { statistic: r.pretest.statistic, df: r.pretest.df, p_value: r.pretest.p_value, method: "did's Wald test that every pre-treatment ATT(g,t) is 0", ...(r.pretest.note ? { note: r.pretest.note } : {}) },
          convention: r.convention,
        };
      }
      if (estimator === "sa") {
        const r = sunAbraham(t, { ...spec, ...vc, y, covariates });
        return { estimate: r.att, std_error: r.att_se, p_value: pNorm(r.att / r.att_se), dropped: droppedRows({ reason: "missing values (listwise)", rows: missingRows(t, [y, ...covariates]) }), event_study: r.event.map((z) => ({ rel_time: z.rel_time, estimate: z.estimate, std_error: z.std_error })) };
      }
      const d = twfeDid(t, { id, time, treatment, cohort: treatment ? undefined : cohort, y, covariates, ...vc });
      const dropped: DroppedRows[] = droppedRows({ reason: "missing values (listwise)", rows: d.fit.nDropped }, { reason: "singleton groups", rows: d.fit.nSingletons });
      const o: Record<string, unknown> = { estimate: d.estimate, std_error: d.std_error, p_value: d.p_value, nobs: d.nobs, dropped, event_study: [] };
      if (p.bools.has("event-study")) {
        const es = eventStudy(t, { ...spec, ...vc, y, covariates, leads, lags });
        o.event_study = es.coefficients.map((z) => ({ rel_time: z.rel_time, estimate: z.estimate, std_error: z.std_error }));
        o.pretrend = { statistic: es.pretrend.statistic, df: es.pretrend.df, p_value: es.pretrend.p_value };
      }
      return o;
    });
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, out);
    else {
      const o = out as { estimate: number; std_error: number; p_value: number; dropped: DroppedRows[]; event_study: { rel_time: number; estimate: number; std_error: number }[] };
      io.out(`${estimator}: estimate ${o.estimate.toFixed(6)} (SE ${o.std_error.toFixed(6)}), p = ${o.p_value.toPrecision(4)}`);
      if (o.dropped.length) io.out(droppedText(o.dropped));
      for (const r of o.event_study) io.out(`  e = ${String(r.rel_time).padStart(3)}  ${r.estimate.toFixed(6)}  (${r.std_error.toFixed(6)})`);
      const pre = (out as { pretest?: { statistic: number | null; df: number; p_value: number | null; note?: string } }).pretest;
      const bs = (out as { bootstrap?: { draws: number; seed: number } }).bootstrap;
      if (bs) io.out(`multiplier bootstrap: ${bs.draws} draws, seed ${bs.seed} (uniform bands in --json)`);
      if (pre) io.out(pre.statistic === null ? `pre-test: ${pre.note ?? "not available"}` : `pre-test of parallel trends: chi2(${pre.df}) = ${pre.statistic.toFixed(4)}, p = ${pre.p_value!.toPrecision(4)}`);
    }
    return 0;
  },
};

export const psmFamily: Family = {
  summary: "propensity score matching: score, nearest/radius/kernel matching, balance, ATT",
  booleans: ["json", "replace"],
  help: `regionlab psm --data <csv> --treatment <col> --covariates a,b,c --outcome <col> --method nearest|radius|kernel
    [--ratio k] [--replace] [--caliper c] [--caliper-scale sd|abs] [--link logit|probit]
    [--order largest|smallest|data|random --seed n] [--common none|both|treated] [--bandwidth h] [--json]

Score by logit (default) or probit; nearest: k controls per treated unit (MatchIt's order: largest score
first; --order data is psmatch2's), caliper in SDs of the score (default) or absolute; radius: every control
within --caliper; kernel: Epanechnikov with --bandwidth (0.06). ATT = weighted difference of matched means,
SE Abadie–Imbens for nearest with replacement (else the matched-sample t). --json prints
{ "propensity_coefficients": [{ "term", "estimate", "std_error" }], "matched_treated", "matched_control",
"att", "att_se", "balance": [{ "covariate", "smd_before", "smd_after" }], "convergence": { "ok", "iterations",
"message" } }. No treated or no control unit, perfect separation and a logit that does not converge exit 2.`,
  run(p, io) {
    checkKnown(p, ["data", "treatment", "covariates", "outcome", "method", "ratio", "replace", "caliper", "caliper-scale", "link", "order", "seed", "common", "bandwidth", "json"]);
    const data = one(p, "data", true)!;
    const treatment = one(p, "treatment", true)!;
    const covariates = listFlag(one(p, "covariates", true));
    if (!covariates.length) throw new UsageError("--covariates needs at least one column");
    const outcome = one(p, "outcome", true)!;
    const method = choice(p, "method", ["nearest", "radius", "kernel"] as const, "nearest")!;
    const ratio = numberFlag(p, "ratio", 1, 1000, 1)!;
    if (!Number.isInteger(ratio)) throw new UsageError(`--ratio must be a whole number, got ${ratio}`);
    const caliper = numberFlag(p, "caliper", 0, Infinity);
    const caliperScale = choice(p, "caliper-scale", ["sd", "abs"] as const, method === "radius" ? "abs" : "sd")!;
    const link = choice(p, "link", ["logit", "probit"] as const, "logit")!;
    const order = choice(p, "order", ["largest", "smallest", "data", "random"] as const, "largest")!;
    const seed = numberFlag(p, "seed", 0, 0xffffffff);
    const discard = choice(p, "common", ["none", "both", "treated"] as const, "none")!;
    const bandwidth = numberFlag(p, "bandwidth", 0, Infinity);
    if (method === "radius" && caliper === undefined) throw new UsageError("--method radius needs --caliper (the radius)");
    const t = readTable(data);
    for (const c of [treatment, outcome, ...covariates]) t.num(c);
    requireVariation(t, outcome, "outcome");
    const r = wrap(() => psm(t, { treatment, covariates, outcome, method, ratio, replace: p.bools.has("replace"), caliper, caliperScale, link, order, seed, discard, bandwidth }));
    const out = {
      propensity_coefficients: r.pscore.tidy().map((z) => ({ term: z.term, estimate: z.estimate, std_error: z.std_error })),
      matched_treated: r.matching.matched_treated,
      matched_control: r.matching.matched_control,
      att: r.att,
      att_se: r.att_se,
      balance: r.balance.map((b) => ({ covariate: b.covariate, smd_before: b.smd_before, smd_after: b.smd_after })),
      convergence: r.pscore.convergence,
    };
    if (!out.matched_treated) throw new UsageError("no treated unit found a match (widen --caliper or change --common); the ATT is undefined");
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, out);
    else {
      io.out(`psm (${method}, ${link}): ${out.matched_treated} treated matched to ${out.matched_control} controls; ATT ${r.att!.toFixed(4)} (SE ${r.att_se!.toFixed(4)}; ${r.att_se_method})`);
      for (const b of r.balance) io.out(`  ${b.covariate.padEnd(16)} SMD ${b.smd_before.toFixed(4)} → ${b.smd_after.toFixed(4)}   %bias ${b.bias_before.toFixed(1)} → ${b.bias_after.toFixed(1)}`);
    }
    return 0;
  },
};
