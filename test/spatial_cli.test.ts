import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataError } from "../kernel-lib/src/data";
import { parseArgs } from "../kernel-lib/src/cli";
import { moranFamily, spatialFamily } from "../kernel-lib/src/cli/spatial";

// The families are exercised directly (registration in cli/index.ts FAMILIES is the lead's); expected numbers
// from test/reference/spatial/make_expected.R (spdep / spatialreg).
const ref = path.join(__dirname, "reference/spatial");
const E = JSON.parse(fs.readFileSync(path.join(ref, "expected_cross.json"), "utf8"));
const run = async (f: typeof moranFamily, argv: string[]) => {
  const out: string[] = [];
  const code = await f.run(parseArgs(argv, f.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join("\n") };
};
const data = path.join(ref, "cross.csv");
const W = path.join(ref, "W_knn5_rowstd.csv");

describe("regionlab moran / spatial", () => {
  it("moran --json prints the spdep numbers", async () => {
    const r = await run(moranFamily, ["--data", data, "--var", "y", "--weights", W, "--json"]);
    const j = JSON.parse(r.out);
    for (const k of ["I", "expected", "variance_normal", "variance_randomization", "z_normal", "z_randomization", "p_normal", "p_randomization"]) expect(Math.abs(j[k] - E.moran_y[k])).toBeLessThan(1e-8 * Math.max(1, Math.abs(E.moran_y[k])));
  });
  it("spatial --model sdm --json prints rho, coefficients, log_likelihood, sigma2 and impacts", async () => {
    const r = await run(spatialFamily, ["--data", data, "--formula", "y ~ x1 + x2", "--weights", W, "--model", "sdm", "--draws", "200", "--json"]);
    const j = JSON.parse(r.out);
    expect(Math.abs(j.rho - E.sdm.param)).toBeLessThan(1e-6 * Math.abs(E.sdm.param));
    expect(j.coefficients.map((c: { term: string }) => c.term)).toEqual(["(Intercept)", "x1", "x2", "W*x1", "W*x2"]);
    expect(Math.abs(j.log_likelihood - E.sdm.LL)).toBeLessThan(1e-6);
    expect(j.impacts.map((c: { term: string }) => c.term)).toEqual(["x1", "x2"]);
  });
  it("spatial --logdet lu gives spatialreg's numbers and says which log-determinant it used; mc prints a notice", async () => {
    const r = await run(spatialFamily, ["--data", data, "--formula", "y ~ x1 + x2", "--weights", W, "--model", "sdm", "--draws", "0", "--logdet", "lu", "--json"]);
    const j = JSON.parse(r.out);
    expect(j.logdet.method).toBe("lu");
    expect(j.logdet.description).toMatch(/^exact/);
    expect(Math.abs(j.rho - E.sdm.param)).toBeLessThan(1e-6 * Math.abs(E.sdm.param));
    expect(Math.abs(j.log_likelihood - E.sdm.LL)).toBeLessThan(1e-6);
    const m = await run(spatialFamily, ["--data", data, "--formula", "y ~ x1 + x2", "--weights", W, "--model", "sdm", "--draws", "0", "--logdet", "mc"]);
    expect(m.out).toMatch(/notice: log-determinant approximate \(Barry–Pace Monte Carlo/);
    expect(m.out).toMatch(/log-determinant: approximate/);
  });
  it("a weights matrix whose ids do not match the data is a DataError naming the weights file", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rl-spcli-"));
    const bad = path.join(tmp, "w.csv");
    const lines = fs.readFileSync(W, "utf8").split("\n");
    lines[0] = lines[0].replace("u07", "u99");
    fs.writeFileSync(bad, lines.join("\n"));
    await expect(run(spatialFamily, ["--data", data, "--formula", "y ~ x1 + x2", "--weights", bad, "--model", "sar", "--id", "id"])).rejects.toThrow(DataError);
    await expect(run(spatialFamily, ["--data", data, "--formula", "y ~ x1 + x2", "--weights", bad, "--model", "sar", "--id", "id"])).rejects.toThrow(/w\.csv.*u07/);
    await expect(run(moranFamily, ["--data", data, "--var", "y", "--weights", bad, "--id", "id"])).rejects.toThrow(/w\.csv/);
    await expect(run(moranFamily, ["--data", data, "--var", "y", "--weights", W, "--bogus", "1"])).rejects.toThrow(/unknown option --bogus/);
  });
});
