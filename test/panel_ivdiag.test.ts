import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { ivDiagnostics, stockYogo } from "../kernel-lib/src/panel";

// Expected numbers: test/reference/panel/ivdiag_reference.R (published formulas in base R + sandwich; KP via
// Kleibergen & Paap's own SVD construction, ours via an equivalent orthonormal-basis form).
const REF = path.join(__dirname, "reference/panel");
const ref = JSON.parse(fs.readFileSync(path.join(REF, "ivdiag_expected.json"), "utf8"));
const data = readTable(path.join(REF, "ivdiag_data.csv"));
const TOL = 1e-6;
function close(ours: number, theirs: number, what: string) {
  if (!(Math.abs(ours - theirs) <= TOL * Math.max(Math.abs(theirs), 1))) throw new Error(`${what}: ours ${ours} vs reference ${theirs}`);
}
const cases = {
  pooled: "y ~ x1 | d1 + d2 ~ z1 + z2 + z3",
  within: "y ~ x1 | id | d1 ~ z1 + z2",
} as const;

for (const [name, formula] of Object.entries(cases)) {
  const e = ref[name];
  describe(`ivDiagnostics (${name}: ${formula}) against the R reference`, () => {
    it("iid: Cragg–Donald, Anderson LM, KP = CD/Anderson, Sargan", () => {
      const r = ivDiagnostics(data, formula, { vcov: "iid" });
      close(r.craggDonald.wald, e.cd_wald, "CD Wald");
      close(r.craggDonald.F, e.cd_F, "CD F");
      close(r.andersonLM.statistic, e.anderson_lm, "Anderson LM");
      close(r.kleibergenPaap!.lm, e.kp_iid.lm, "KP LM iid");
      close(r.kleibergenPaap!.waldF, e.kp_iid.waldF, "KP Wald F iid");
      close(r.kleibergenPaap!.waldF, r.craggDonald.F, "iid KP Wald F = Cragg–Donald F");
      close(r.sargan!.statistic, e.sargan, "Sargan");
    });
    for (const v of ["robust", "cluster"] as const) {
      it(`${v}: KP rk LM, rk Wald F, Hansen J`, () => {
        const r = ivDiagnostics(data, formula, { vcov: v, cluster: v === "cluster" ? "id" : undefined });
        close(r.kleibergenPaap!.lm, e[`kp_${v}`].lm, "KP LM");
        close(r.kleibergenPaap!.wald, e[`kp_${v}`].wald, "KP Wald");
        close(r.kleibergenPaap!.waldF, e[`kp_${v}`].waldF, "KP Wald F");
        close(r.hansenJ!.statistic, e[`hansenJ_${v}`], "Hansen J");
      });
    }
  });
}

describe("Stock–Yogo table (ivreg2 s_cdsy)", () => {
  it("looks up K1 × L1 cells", () => {
    const one = stockYogo(1, 1);
    expect(one.map((c) => c.value)).toEqual([16.38, 8.96, 6.66, 5.53]);
    const t = stockYogo(2, 3);
    expect(t.find((c) => c.label === "10% maximal IV size")!.value).toBe(13.43);
    expect(stockYogo(3, 5).find((c) => c.label === "5% maximal IV relative bias")!.value).toBe(9.53);
    expect(stockYogo(1, 31)).toEqual([]);
  });
  it("bad input fails with a one-line message", () => {
    expect(() => ivDiagnostics(data, "y ~ x1 | d1 ~ nope")).toThrow(/column "nope"/);
    expect(() => ivDiagnostics(data, "y ~ x1 | d1 + d2 ~ z1")).toThrow(/not identified/);
  });
});
