// feols against R fixest 0.14.2 run on plm's Grunfeld (balanced and an unbalanced subset) and Produc
// (test/reference/panel/fixest/make_expected.R): one- and two-way fixed effects; iid, hetero, one- and two-way
// clustered variances; fixest's small-sample conventions (ssc: adj, fixef.K nested/full/none, cluster.adj,
// cluster.df min/conventional, t.df) as our preset "fixest" with the matching Ssc override. Coefficients, SEs,
// t statistics and the t df to 1e-8 relative, p-values to 1e-8 relative (1e-14 absolute).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readTable } from "../kernel-lib/src/data/table";
import { feols } from "../kernel-lib/src/panel/estimate";
import { Ssc, cluster, hetero, iid } from "../kernel-lib/src/panel/vcov";

const dir = path.join(__dirname, "reference/panel");
const E = JSON.parse(fs.readFileSync(path.join(dir, "fixest", "expected.json"), "utf8"));
const data: Record<string, ReturnType<typeof readTable>> = {
  grunfeld: readTable(path.join(dir, "grunfeld.csv")),
  grunfeld_unbalanced: readTable(path.join(dir, "grunfeld_unbalanced.csv")),
  produc: readTable(path.join(dir, "produc.csv")),
};
const formula: Record<string, string> = {
  fe1: "inv ~ value + capital | firm",
  fe2: "inv ~ value + capital | firm + year",
  produc2: "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state + year",
};
/** fixest ssc() → our Ssc override of the fixest preset. */
const sscOf: Record<string, Partial<Ssc>> = {
  default: {},
  K_full: { K: "all" },
  K_none: { K: "slopes" },
  conventional: { clusterDf: "conventional" },
  no_adj: { adjN: "none" },
  no_cluster_adj: { adjG: false },
  t_df_conventional: { tDf: "N-K" },
};
const close = (a: number, b: number, what: string, tol = 1e-8, abs = 0) =>
  expect(Math.abs(a - b), `${what}: ours ${a}, fixest ${b}`).toBeLessThanOrEqual(tol * Math.abs(b) + abs);

describe(`feols vs fixest ${E.fixest_version}`, () => {
  for (const [name, c] of Object.entries<any>(E.cases)) {
    // fixest replaces a two-way cluster VCOV that is not positive definite (negative eigenvalues to 0); we report
    // the Cameron–Gelbach–Miller matrix as it is, so those cases are compared on the coefficients only
    const fixed = c.vcov_fixed_not_psd as boolean;
    it(`${name}${fixed ? " (coefficients: fixest 'fixed' a non-PSD VCOV)" : ""}`, () => {
      const vcov = c.vcov === "iid" ? iid() : c.vcov === "hetero" ? hetero("hc1") : cluster(c.vcov.split("+"), sscOf[c.ssc]);
      const fit = feols(data[c.data], formula[c.formula], { vcov, preset: "fixest" });
      expect(fit.names).toEqual(c.terms);
      expect(fit.nobs).toBe(c.nobs);
      const td = fit.tidy();
      c.terms.forEach((term: string, j: number) => {
        close(td[j].estimate, c.coef[j], `${term} coef`);
        if (fixed) return;
        close(td[j].std_error, c.se[j], `${term} se`);
        close(td[j].statistic, c.t[j], `${term} t`);
        close(td[j].p_value, c.p[j], `${term} p`, 1e-8, 1e-14);
      });
      if (!fixed) expect(fit.df).toBe(c.df_t);
    });
  }
});
