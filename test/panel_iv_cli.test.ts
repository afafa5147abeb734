import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "../kernel-lib/src/cli";
import { ivFamily } from "../kernel-lib/src/cli/iv";

// `regionlab iv` against AER::ivreg + sandwich (test/reference/panel/iv_cli_reference.R) for the coefficients
// and each variance form (1e-8 relative), and against the ivreg2-formula reference of test/panel_ivdiag.test.ts
// (ivdiag_expected.json) for the identification diagnostics (1e-6, as there).
const REF = path.join(__dirname, "reference/panel");
const E = JSON.parse(fs.readFileSync(path.join(REF, "iv_cli_expected.json"), "utf8"));
const D = JSON.parse(fs.readFileSync(path.join(REF, "ivdiag_expected.json"), "utf8"));
const csv = path.join(REF, "ivdiag_data.csv");
const close = (ours: number, theirs: number, what: string, rel = 1e-8) =>
  expect(Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-300), `${what}: ours ${ours} vs R ${theirs}`).toBeLessThan(rel);
function run(argv: string[]) {
  const out: string[] = [];
  const code = ivFamily.run(parseArgs(argv, ivFamily.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, json: code === 0 && argv.includes("--json") ? JSON.parse(out.join("\n")) : undefined, text: out.join("\n") };
}
const POOLED = ["--data", csv, "--formula", "y ~ x1 | d1 + d2 ~ z1 + z2 + z3", "--json"];

describe("regionlab iv: coefficients and the small / asymptotic variances (AER::ivreg + sandwich)", () => {
  for (const small of [true, false])
    for (const v of ["iid", "hc1", "cluster"] as const)
      it(`${small ? "--small" : "asymptotic"} --vcov ${v}`, () => {
        const r = run([...POOLED, "--vcov", v, ...(v === "cluster" ? ["--cluster", "id"] : []), ...(small ? ["--small"] : [])]);
        expect(r.code).toBe(0);
        const j = r.json;
        const e = E.pooled;
        expect(j.coefficients.map((c: { term: string }) => c.term)).toEqual(e.names);
        j.coefficients.forEach((c: { estimate: number; std_error: number }, i: number) => {
          close(c.estimate, e.coef[i], `b ${e.names[i]}`);
          close(c.std_error, e[small ? "small" : "asymptotic"][v][i], `se ${e.names[i]}`);
        });
        expect(j.small).toBe(small);
        expect(j.distribution).toBe(small ? (v === "cluster" ? "t(39)" : `t(${j.nobs - 4})`) : "normal"); // 40 clusters: t(G − 1)
      });
  it("fixed effects after a second | (LSDV 2SLS in AER)", () => {
    const r = run(["--data", csv, "--formula", "y ~ x1 | id | d1 ~ z1 + z2", "--small", "--json"]);
    E.within.coef.forEach((b: number, i: number) => close(r.json.coefficients[i].estimate, b, `b ${E.within.names[i]}`));
    E.within.small.iid.forEach((s: number, i: number) => close(r.json.coefficients[i].std_error, s, `se ${E.within.names[i]}`));
    // the fixed-effect part may also follow the IV part
    const r2 = run(["--data", csv, "--formula", "y ~ x1 | d1 ~ z1 + z2 | id", "--small", "--json"]);
    close(r2.json.coefficients[1].estimate, E.within.coef[1], "b d1 (FE last)");
  });
});

describe("regionlab iv: identification diagnostics in the JSON", () => {
  it("iid: Cragg–Donald F, KP = CD, Sargan, Stock–Yogo table", () => {
    const j = run([...POOLED]).json;
    close(j.diagnostics.cragg_donald_F, D.pooled.cd_F, "CD F", 1e-6);
    close(j.diagnostics.kleibergen_paap.lm, D.pooled.kp_iid.lm, "KP LM", 1e-6);
    close(j.diagnostics.sargan.statistic, D.pooled.sargan, "Sargan", 1e-6);
    expect(j.diagnostics.hansen_j).toBeUndefined();
    expect(j.stock_yogo.length).toBeGreaterThan(0);
    expect(j.first_stage.map((f: { endog: string }) => f.endog)).toEqual(["d1", "d2"]);
  });
  it("cluster: Kleibergen–Paap rk LM and Wald F, Hansen J", () => {
    const j = run([...POOLED, "--vcov", "cluster", "--cluster", "id"]).json;
    close(j.diagnostics.kleibergen_paap.lm, D.pooled.kp_cluster.lm, "KP LM", 1e-6);
    close(j.diagnostics.kleibergen_paap.wald_F, D.pooled.kp_cluster.waldF, "KP Wald F", 1e-6);
    close(j.diagnostics.hansen_j.statistic, D.pooled.hansenJ_cluster, "Hansen J", 1e-6);
  });
  it("bad options exit as usage errors", () => {
    expect(() => run([...POOLED, "--vcov", "hc3"])).toThrow(/--vcov must be iid, hc1 or cluster/);
    expect(() => run([...POOLED, "--vcov", "cluster"])).toThrow(/needs --cluster/);
    expect(() => run(["--data", csv, "--formula", "y ~ x1 + d1", "--json"])).toThrow(/IV part/);
  });
});

describe("IV with analytic weights (AER::ivreg(weights = w))", () => {
  const wcsv = path.join(REF, "iv_weighted.csv");
  for (const v of ["iid", "hc1", "cluster"] as const)
    it(`--weights w --small --vcov ${v}`, () => {
      const r = run(["--data", wcsv, "--formula", "y ~ x1 | d1 + d2 ~ z1 + z2 + z3", "--weights", "w", "--small", "--vcov", v, ...(v === "cluster" ? ["--cluster", "id"] : []), "--json"]);
      r.json.coefficients.forEach((c: { estimate: number; std_error: number }, i: number) => {
        close(c.estimate, E.weighted.coef[i], `b ${E.weighted.names[i]}`);
        close(c.std_error, E.weighted.small[v][i], `se ${E.weighted.names[i]}`);
      });
      expect(r.json.diagnostics).toBeNull();
      expect(r.json.messages.join(" ")).toMatch(/aweight w/);
    });
  it("weighted, with unit fixed effects (weighted demeaning)", () => {
    const r = run(["--data", wcsv, "--formula", "y ~ x1 | id | d1 ~ z1 + z2", "--weights", "w", "--small", "--json"]);
    E.weighted_within.coef.forEach((b: number, i: number) => close(r.json.coefficients[i].estimate, b, `b ${E.weighted_within.names[i]}`));
    E.weighted_within.small.iid.forEach((s: number, i: number) => close(r.json.coefficients[i].std_error, s, `se ${E.weighted_within.names[i]}`));
  });
});
