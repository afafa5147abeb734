/**
 * CLI family `regionlab iv`: 2SLS with fixest's formula syntax, Stata's small/asymptotic variances and the
 * ivreg2 identification diagnostics in one JSON object.
 */
import { readTable } from "../data/table";
import { Family, UsageError, checkKnown, one, asUsageError as wrap } from "./args";
import { ivreg } from "../panel/iv";
import { ivDiagnostics } from "../panel/ivdiag";
import { PRESETS, VcovSpec } from "../panel/vcov";

export const ivFamily: Family = {
  summary: "instrumental variables (2SLS) with first-stage, Kleibergen–Paap, Cragg–Donald, Hansen/Sargan and Stock–Yogo",
  booleans: ["json", "small"],
  help: `regionlab iv --data <csv> --formula "y ~ exog | endog ~ z1 + z2" [--small] [--vcov iid|hc1|cluster]
    [--cluster <col>] [--id <col> --time <col>] [--weights <col> [--weight-type aweight|pweight|fweight]] [--preset stata.xtreg|stata.areg|stata.reghdfe|plm|fixest] [--json]

fixest's IV syntax: "y ~ x1 + x2 | endog ~ z1 + z2", with fixed effects "y ~ x1 | city + year | endog ~ z1 + z2"
(the fixed-effect part may also follow the IV part). Without --small the variance is ivreg2's asymptotic form
(σ² = RSS/N, HC0, clustered with no finite-sample factor; z and χ²); with --small Stata's small-sample form
(RSS/(N−K), HC1, cluster G/(G−1)·(N−1)/(N−K); t and F). --json prints { "nobs", "coefficients", "vcov", "small",
"first_stage", "diagnostics": { "cragg_donald_F", "kleibergen_paap": { "lm", "lm_df", "lm_p", "wald_F" },
"hansen_j" (robust/cluster) or "sargan" (iid), "anderson_lm" }, "stock_yogo": [{ "label", "value" }], "messages" }.
--weights: analytic (default) or probability weights, as Stata's [aweight=]/[pweight=] (the identification
diagnostics are then null: not implemented with weights). Bad input exits 2 with one line on stderr.`,
  run(p, io) {
    checkKnown(p, ["data", "formula", "small", "vcov", "cluster", "id", "time", "preset", "weights", "weight-type", "json"]);
    const weights = one(p, "weights");
    const weightType = (one(p, "weight-type") ?? "aweight") as "aweight" | "pweight" | "fweight";
    if (!["aweight", "pweight", "fweight"].includes(weightType)) throw new UsageError(`--weight-type must be aweight, pweight or fweight, got "${weightType}"`);
    const data = one(p, "data", true)!;
    const formula = one(p, "formula", true)!;
    const v = (one(p, "vcov") ?? "iid").toLowerCase();
    if (!["iid", "hc1", "cluster"].includes(v)) throw new UsageError(`--vcov must be iid, hc1 or cluster, got "${v}"`);
    const cl = one(p, "cluster");
    if (v === "cluster" && !cl) throw new UsageError("--vcov cluster needs --cluster <col>");
    if (v !== "cluster" && cl) throw new UsageError("--cluster needs --vcov cluster");
    const preset = one(p, "preset") ?? "stata.reghdfe";
    if (!PRESETS[preset]) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(", ")}, got "${preset}"`);
    const small = p.bools.has("small");
    const vcov: VcovSpec | string = v === "cluster" ? { type: "cluster", by: [cl!] } : v;
    const t = readTable(data);
    const id = one(p, "id");
    const time = one(p, "time");
    const { res, diag } = wrap(() => {
      const res = ivreg(t, formula, { vcov, preset, small, id, time, weights, weightType });
      const diag = weights ? undefined : ivDiagnostics(t, formula, { vcov: v === "iid" ? "iid" : v === "hc1" ? "robust" : "cluster", cluster: cl, id, time });
      return { res, diag };
    });
    const fit = res.fit;
    const g = fit.glance();
    const out = {
      formula,
      nobs: fit.nobs,
      coefficients: fit.tidy().map((r) => ({ term: r.term, estimate: r.estimate, std_error: r.std_error, statistic: r.statistic, p_value: r.p_value })),
      distribution: Number.isFinite(fit.df) ? `t(${fit.df})` : "normal",
      vcov: fit.vcovLabel,
      small,
      preset: fit.preset,
      wald: { statistic: g.statistic, df1: g.f_df1, df2: g.f_df2 ?? null, p_value: g.p_value, chi2: g.wald_chi2 ?? null },
      first_stage: res.firstStage.map((f) => ({ endog: f.endog, F: f.F, df1: f.df1, df2: Number.isFinite(f.df2) ? f.df2 : null, p_value: f.p_value, partial_r2: f.partialR2 })),
      diagnostics: !diag ? null : {
        cragg_donald_F: diag.craggDonald.F,
        kleibergen_paap: diag.kleibergenPaap ? { lm: diag.kleibergenPaap.lm, lm_df: diag.kleibergenPaap.lmDf, lm_p: diag.kleibergenPaap.lmP, wald: diag.kleibergenPaap.wald, wald_F: diag.kleibergenPaap.waldF } : null,
        anderson_lm: diag.andersonLM,
        ...(diag.hansenJ ? { hansen_j: diag.hansenJ } : {}),
        ...(diag.sargan ? { sargan: diag.sargan } : {}),
        vcov: diag.vcov,
      },
      stock_yogo: diag ? diag.stockYogo : null,
      messages: fit.messages,
    };
    if (p.bools.has("json")) io.out(JSON.stringify(out));
    else {
      io.out(fit.toString());
      for (const f of out.first_stage) io.out(`first stage ${f.endog}: F(${f.df1}, ${f.df2 ?? "∞"}) = ${f.F.toFixed(3)}`);
      if (!diag) return 0;
      io.out(`Cragg–Donald Wald F = ${diag.craggDonald.F.toFixed(3)}` + (diag.kleibergenPaap ? `; Kleibergen–Paap rk LM = ${diag.kleibergenPaap.lm.toFixed(3)} (p = ${diag.kleibergenPaap.lmP.toPrecision(3)}), rk Wald F = ${diag.kleibergenPaap.waldF.toFixed(3)}` : ""));
      if (diag.hansenJ) io.out(`Hansen J = ${diag.hansenJ.statistic.toFixed(3)} (df ${diag.hansenJ.df}, p = ${diag.hansenJ.p_value.toPrecision(3)})`);
      if (diag.sargan) io.out(`Sargan = ${diag.sargan.statistic.toFixed(3)} (df ${diag.sargan.df}, p = ${diag.sargan.p_value.toPrecision(3)})`);
      for (const s of diag.stockYogo) io.out(`Stock–Yogo ${s.label}: ${s.value}`);
    }
    return 0;
  },
};
