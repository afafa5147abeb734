import { describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as path from "path";

const cli = path.resolve(__dirname, "..", "kernel-lib", "bin", "regionlab.js");
const fx = (f: string) => path.join(__dirname, "fixtures", f);
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
const schema = fx("panel_schema.json");

describe("regionlab CLI", () => {
  it("lists its families and has --help for each", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    for (const f of ["replicate", "validate", "describe"]) {
      expect(r.stdout).toContain(f);
      const h = run(f, "--help");
      expect(h.status).toBe(0);
      expect(h.stdout).toContain(`regionlab ${f}`);
    }
    expect(run("nosuch").status).toBe(2);
  });

  for (const [file, row, column] of [
    ["bad_missing_column.csv", 0, "y"],
    ["bad_duplicate.csv", 4, "id+year"],
    ["bad_text.csv", 3, "x"],
  ] as const) {
    it(`bad input ${file}: exit 2, one line on stderr naming file, row and column`, () => {
      const r = run("validate", "--data", fx(file), "--schema", schema);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toContain(`row ${row}`);
      expect(lines[0]).toContain(`column "${column}"`);
      expect(r.stdout).toBe("");
    });
  }

  it("validate --json and describe --json on good data", () => {
    const data = path.join(__dirname, "reference", "data", "panel_small.csv");
    const v = run("validate", "--data", data, "--schema", schema, "--json");
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ rows: 25, valid: true, missing: { y: 1 } });
    const d = run("describe", "--data", data, "--vars", "x,y", "--json");
    expect(d.status).toBe(0);
    const out = JSON.parse(d.stdout);
    expect(out.variables.map((s: { variable: string }) => s.variable)).toEqual(["x", "y"]);
    expect(out.variables[1].n).toBe(24);
  });

  it("usage errors exit 2", () => {
    expect(run("validate", "--data", "x.csv").status).toBe(2);
    expect(run("validate", "--data", fx("bad_text.csv"), "--schema", fx("nope.json")).status).toBe(2);
    expect(run("replicate", "--set", "novalue").status).toBe(2);
    expect(run("describe", "--bogus", "1").status).toBe(2);
  });
});
