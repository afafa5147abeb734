import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, UsageError } from "../kernel-lib/src/cli";
import { DataError } from "../kernel-lib/src/data/errors";
import { deaFamily, malmquistFamily } from "../kernel-lib/src/cli/dea";
import type { Family } from "../kernel-lib/src/cli";

// The families are registered in cli/index.ts FAMILIES by the lead; here they are driven directly with the
// same parser and the same error classes main() maps to exit code 2.
const EG4 = referenceFile("deap_eg4/data.csv");
const PANEL = path.join(__dirname, "reference/dea/random_panel.csv");

function call(f: Family, argv: string[]): { code: number; out: string[] } {
  const out: string[] = [];
  const code = f.run(parseArgs(argv, f.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) }) as number;
  return { code, out };
}

describe("regionlab dea / malmquist families", () => {
  it("malmquist --json on EG4 prints DEAP's rows with the later period", () => {
    const { code, out } = call(malmquistFamily, ["--data", EG4, "--dmu", "firm", "--period", "year", "--inputs", "x", "--outputs", "y", "--json"]);
    expect(code).toBe(0);
    const j = JSON.parse(out[0]);
    const r = j.results.find((z: { dmu: string; period: number }) => z.dmu === "4" && z.period === 2);
    expect(r.effch).toBeCloseTo(0.5625, 9);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(["dmu", "period", "effch", "techch", "pech", "sech", "tfpch"]));
    expect(j.mean.tfpch).toBeCloseTo(1.0605, 4);
  });
  it("dea --json: super-SBM VRS global frontier with an undesirable output", () => {
    const { code, out } = call(deaFamily, ["--data", PANEL, "--dmu", "dmu", "--period", "year", "--inputs", "k,l", "--outputs", "y", "--undesirable", "b", "--model", "super-sbm", "--orientation", "non", "--rts", "vrs", "--frontier", "global", "--json"]);
    expect(code).toBe(0);
    const j = JSON.parse(out[0]);
    expect(j.results.length).toBe(48);
    for (const r of j.results) expect(Object.keys(r)).toEqual(expect.arrayContaining(["dmu", "period", "efficiency", "infeasible", "slacks", "peers", "targets"]));
  });
  it("gml on super-SBM via the CLI", () => {
    const { code, out } = call(malmquistFamily, ["--data", PANEL, "--dmu", "dmu", "--period", "year", "--inputs", "k,l", "--outputs", "y", "--undesirable", "b", "--index", "gml", "--model", "super-sbm", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]).results.length).toBe(36);
  });
  it("bad input: usage errors and data errors naming file, row, column", () => {
    expect(() => call(deaFamily, ["--data", PANEL, "--dmu", "dmu", "--inputs", "k", "--outputs", "y", "--model", "xyz"])).toThrow(UsageError);
    expect(() => call(deaFamily, ["--data", PANEL, "--dmu", "dmu", "--inputs", "k", "--outputs", "y", "--bogus", "1"])).toThrow(/unknown option/);
    expect(() => call(deaFamily, ["--data", PANEL, "--dmu", "dmu", "--inputs", "nope", "--outputs", "y"])).toThrow(DataError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dea-"));
    const f = path.join(dir, "neg.csv");
    fs.writeFileSync(f, "id,x,y\na,1,2\nb,-3,4\n");
    expect(() => call(deaFamily, ["--data", f, "--dmu", "id", "--inputs", "x", "--outputs", "y"])).toThrow(/neg\.csv, row 2.*column "x".*non-negative/);
    expect(() => call(malmquistFamily, ["--data", EG4, "--dmu", "firm", "--period", "year", "--inputs", "x", "--outputs", "y", "--undesirable", "y"])).toThrow(UsageError);
  });
});
