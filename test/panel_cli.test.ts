import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "../kernel-lib/src/cli";
import { DataError } from "../kernel-lib/src/data/errors";
import { hausmanFamily, panelFamily } from "../kernel-lib/src/cli/panel";

// The families are run directly (registration in cli/index.ts FAMILIES is the lead's edit); expected numbers
// from test/reference/panel/make_expected.R.
const REF = path.join(__dirname, "reference/panel");
const ref = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8"));
const csv = path.join(REF, "grunfeld.csv");
function run(fam: typeof panelFamily, argv: string[]) {
  const out: string[] = [];
  const code = fam.run(parseArgs(argv, fam.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join("\n") };
}
const base = ["--data", csv, "--id", "firm", "--time", "year", "--formula", "inv ~ value + capital"];

describe("regionlab panel / hausman", () => {
  it("panel --model fe --vcov cluster --json", () => {
    const r = run(panelFamily, [...base, "--model", "fe", "--vcov", "cluster", "--cluster", "firm", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["model", "nobs", "coefficients", "r2", "r2_within", "adj_r2", "dropped", "collinear", "notes", "report", "preset", "vcov", "messages"]);
    expect(Object.keys(j.coefficients[0])).toEqual(["term", "estimate", "std_error", "statistic", "p_value"]);
    expect(j.coefficients[0].std_error).toBeCloseTo(ref.grunfeld_fe_ind.se_cl_hc0.value, 10);
    expect(j.r2_within).toBeCloseTo(ref.grunfeld_fe_ind.r2, 10);
  });
  it("panel --model re prints theta", () => {
    const j = JSON.parse(run(panelFamily, [...base, "--model", "re", "--json"]).out);
    expect(j.theta).toBeCloseTo(ref.grunfeld_re.theta, 10);
  });
  it("hausman --json", () => {
    const j = JSON.parse(run(hausmanFamily, [...base, "--json"]).out);
    expect(Object.keys(j)).toEqual(["statistic", "df", "p_value"]);
    expect(j.statistic).toBeCloseTo(ref.grunfeld_tests.hausman.statistic, 6);
  });
  it("bad input: usage errors and DataErrors (exit 2 in main)", () => {
    expect(() => run(panelFamily, [...base, "--model", "xx"])).toThrow(/--model/);
    expect(() => run(panelFamily, ["--data", csv, "--id", "firm", "--time", "year", "--formula", "inv ~ nope", "--model", "fe"])).toThrow(DataError);
    expect(() => run(panelFamily, ["--data", csv, "--id", "firm", "--time", "year", "--formula", "inv ~ grp", "--model", "fe"])).toThrow(/column "grp"/);
  });
});
