import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError, parseArgs } from "../kernel-lib/src/cli";
import { DataError } from "../kernel-lib/src/data/errors";
import { qcaFamily } from "../kernel-lib/src/cli/qca";
import { panelConsistency, robustnessSweep, qcaData, truthTable, minimize } from "../kernel-lib/src/qca";
import { readTable } from "../kernel-lib/src/data";


/** Runs the family the way cli/index.ts main() does: exit 2 with one stderr line on bad input. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [],
    err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  try {
    const code = await qcaFamily.run(parseArgs(argv, qcaFamily.booleans), io);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } catch (e) {
    if (e instanceof DataError || e instanceof UsageError) return { code: 2, out: out.join("\n"), err: `regionlab qca: ${(e as Error).message}` };
    throw e;
  }
}

describe("regionlab qca", () => {
  it("prints R QCA's intermediate LF solution in the issue's JSON shape", async () => {
    const r = await run(["--data", referenceFile("qca/LF.csv"), "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB", "--incl-cut", "0.8", "--solution", "intermediate", "--dir-exp", "DEV,URB,LIT,IND,STB", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["solutions"]);
    expect(j.solutions).toHaveLength(1);
    const s = j.solutions[0];
    expect(Object.keys(s).sort()).toEqual(["coverage", "inclusion", "terms"]);
    expect(Object.keys(s.terms[0]).sort()).toEqual(["expression", "inclusion", "pri", "raw_coverage", "unique_coverage"]);
    expect(s.terms.map((t: { expression: string }) => t.expression).sort()).toEqual(["DEV*LIT*~IND*STB", "DEV*URB*LIT*STB"]);
    // R QCA 3.15 prints M1 0.866 / 0.660
    expect(Math.abs(s.inclusion - 0.866)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(s.coverage - 0.66)).toBeLessThanOrEqual(0.0005);
  });
  it("parsimonious CVF prints the four tied models; text output works", async () => {
    const r = await run(["--data", referenceFile("qca/CVF.csv"), "--outcome", "PROTEST", "--conditions", "DEMOC,ETHFRACT,GEOCON,POLDIS,NATPRIDE", "--incl-cut", "0.8", "--solution", "parsimonious", "--json"]);
    expect(JSON.parse(r.out).solutions).toHaveLength(4);
    const t = await run(["--data", referenceFile("qca/LC.csv"), "--outcome", "~SURV", "--conditions", "DEV,URB,LIT,IND,STB", "--incl-cut", "1", "--solution", "parsimonious"]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/M1: ~DEV \+ ~STB => ~SURV/);
  });
  it("calibrates raw columns (direct, both conventions) before the analysis", async () => {
    const args = ["--data", referenceFile("qca/LR.csv"), "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND,STB", "--incl-cut", "0.8", "--solution", "complex", "--json",
      "--calibrate", "DEV:400,550,900;URB:25,50,65;LIT:50,75,99;IND:20,30,40;STB:10,6.5,4;SURV:-9,0.5,10"];
    for (const v of ["rqca", "fsqca"]) {
      const r = await run([...args, "--calibration", v]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).solutions.length).toBeGreaterThan(0);
    }
  });
  it("bad input exits 2 with one line naming file, row and column", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-qca-"));
    const f = path.join(dir, "bad.csv");
    fs.writeFileSync(f, "case,A,B,Y\na,0.2,0.9,1\nb,1.7,0.1,0\nc,0.8,0.6,1\n");
    const base = ["--data", f, "--outcome", "Y", "--conditions", "A,B", "--incl-cut", "0.8", "--solution", "complex"];
    const r = await run(base);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toContain(f);
    expect(r.err).toContain("row 2");
    expect(r.err).toContain('column "A"');
    fs.writeFileSync(f, "case,A,B,Y\na,0.2,,1\n");
    const e = await run(base);
    expect(e.code).toBe(2);
    expect(e.err).toContain('column "B"');
    expect((await run([...base.slice(0, -2), "--solution", "nope"])).code).toBe(2);
    expect((await run([...base, "--bogus", "1"])).code).toBe(2);
    expect((await run(base.map((a) => (a === "A,B" ? "A,Q" : a)))).err).toContain('"Q"');
    expect((await run([...base.slice(0, -2), "--solution", "intermediate"])).err).toMatch(/--dir-exp/);
  });
});

describe("robustness sweep and panel consistency", () => {
  it("sweeps the inclusion cut-off on LF and reports the changes", () => {
    const t = readTable(referenceFile("qca/LF.csv"));
    const cols: Record<string, Float64Array> = {};
    for (const n of ["DEV", "URB", "LIT", "IND", "STB", "SURV"]) cols[n] = t.num(n);
    const sw = robustnessSweep(cols, { outcome: "SURV", conditions: ["DEV", "URB", "LIT", "IND", "STB"], inclCut: 0.8, solution: "parsimonious" }, { inclCut: [0.75, 0.8, 0.85, 0.9] });
    const at = (ic: number) => sw.rows.find((r) => r.inclCut === ic)!;
    expect(at(0.8).sameAsBaseline).toBe(true);
    expect(at(0.8).solutions).toEqual(["DEV*~IND + URB*STB"]);
    // at 0.85 the FI/IE row (incl 0.804) drops out: only URB*STB-type terms remain
    expect(at(0.85).sameAsBaseline).toBe(false);
    expect(at(0.85).dropped).toContain("DEV*~IND");
  });
  it("pooled, between and within consistency from their definitions", () => {
    // two units × three years; by hand: pooled Σmin/Σx = 2.2 / 2.9
    const x = [0.9, 0.6, 0.2, 0.3, 0.4, 0.5];
    const y = [0.8, 0.7, 0.1, 0.3, 0.2, 0.6];
    const unit = ["a", "a", "a", "b", "b", "b"];
    const year = [2001, 2002, 2003, 2001, 2002, 2003];
    const p = panelConsistency(x, y, unit, year);
    expect(p.pooled.consistency).toBeCloseTo((0.8 + 0.6 + 0.1 + 0.3 + 0.2 + 0.5) / 2.9, 12);
    expect(p.between.map((b) => b.key)).toEqual(["2001", "2002", "2003"]);
    expect(p.between[0].consistency).toBeCloseTo(1.1 / 1.2, 12);
    expect(p.between[1].consistency).toBeCloseTo(0.8 / 1.0, 12);
    expect(p.within[0].consistency).toBeCloseTo(1.5 / 1.7, 12);
    expect(p.within[1].consistency).toBeCloseTo(1.0 / 1.2, 12);
    expect(p.within[1].coverage).toBeCloseTo(1.0 / 1.1, 12);
  });
  it("many conditions: the parsimonious search without enumerating 2^k remainders", () => {
    // 18 conditions, 40 cases: exact primes via the search against OFF rows
    let s = 11;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const names = Array.from({ length: 18 }, (_, j) => `C${j + 1}`);
    const cols: Record<string, number[]> = {};
    for (const c of [...names, "Y"]) cols[c] = Array.from({ length: 40 }, () => Math.round(rnd() * 100) / 100);
    cols.Y = cols.C1.map((v, i) => (v > 0.5 && cols.C2[i] < 0.5 ? 0.9 : 0.1));
    const d = qcaData(cols, "Y", names);
    const res = minimize(truthTable(d, { inclCut: 0.8 }), { solution: "parsimonious" });
    expect(res.solutions.length).toBeGreaterThan(0);
    expect(res.solutions[0].terms.length).toBeGreaterThan(0);
  });
});
