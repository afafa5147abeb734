import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import {
  QcaData,
  calibrateCrisp,
  calibrateDirect,
  calibrateIndirect,
  configurationChart,
  crossoverCheck,
  minimize,
  necessityTable,
  parseDirExp,
  parseTerm,
  qcaData,
  solutionFit,
  truthTable,
} from "../kernel-lib/src/qca";
import { primesAgainstOff, quineMcCluskey, solveChart } from "../kernel-lib/src/qca/boolean";
import { cubeExpression } from "../kernel-lib/src/qca/minimize";

// Data: the R QCA package's Lipset (LC, LF) and Cebotari & Vink (CVF) sets, read in place.
const HERE = path.join(__dirname, "reference/qca");

function load(name: string, outcome: string): QcaData {
  const t = readTable(referenceFile(`qca/${name}.csv`));
  const cols: Record<string, Float64Array> = {};
  const conds = t.names.filter((n) => n !== "case" && n !== outcome.replace(/^~/, ""));
  for (const n of t.names) if (n !== "case") cols[n] = t.num(n);
  return qcaData(cols, outcome, conds, t.str("case"));
}

const printed = JSON.parse(fs.readFileSync(path.join(HERE, "printed_rqca_docs.json"), "utf8"));
const csv = (f: string) => readTable(path.join(HERE, f)).rows();
const sortSol = (terms: string[]) => [...terms].sort();
// printed to 3 decimals: |ours − printed| ≤ 0.0005 (+1e-9 for the rounding boundary)
const P3 = 0.0005 + 1e-9;

describe("calibration against the base-R reference (make_expected.R)", () => {
  const rows = csv("expected_calibration.csv");
  const x = rows.map((r) => r.x as number);
  it("fsQCA 3.0 direct method (log odds ±3): 1e-12", () => {
    const m = calibrateDirect(x, { e: 2500, c: 5000, i: 20000 }, { variant: "fsqca" });
    rows.forEach((r, k) => expect(Math.abs(m[k] - (r.fsqca as number))).toBeLessThan(1e-12));
    // the anchors map to 0.953 / 0.5 / 0.047
    const a = calibrateDirect([2500, 5000, 20000], { e: 2500, c: 5000, i: 20000 });
    expect(a[0]).toBeCloseTo(0.0474, 4);
    expect(a[1]).toBe(0.5);
    expect(a[2]).toBeCloseTo(0.9526, 4);
  });
  it("R QCA direct method (idm 0.95, clipping at 1e-4): 1e-12, increasing and decreasing", () => {
    const m = calibrateDirect(x, { e: 2500, c: 5000, i: 20000 }, { variant: "rqca" });
    const d = calibrateDirect(x, { e: 20000, c: 5000, i: 2500 }, { variant: "rqca" });
    rows.forEach((r, k) => {
      expect(Math.abs(m[k] - (r.rqca as number))).toBeLessThan(1e-12);
      expect(Math.abs(d[k] - (r.rqca_decreasing as number))).toBeLessThan(1e-12);
    });
  });
  it("indirect method (fractional logit as R's glm): 1e-6 after R QCA's rounding to 6 decimals", () => {
    const m = calibrateIndirect(x, [1000, 4000, 5000, 10000, 20000]);
    rows.forEach((r, k) => expect(Math.abs(m[k] - (r.indirect as number))).toBeLessThanOrEqual(1.0000001e-6));
  });
  it("crisp thresholds as findInterval, and the crossover check", () => {
    expect(Array.from(calibrateCrisp([1, 5, 5.5, 10, 12], [5, 10]))).toEqual([0, 1, 1, 2, 2]);
    expect(crossoverCheck([4, 5000, 6], 5000)).toEqual([{ index: 1, value: 5000 }]);
    expect(crossoverCheck([0.2, 0.5, 0.7]).map((c) => c.index)).toEqual([1]);
    expect(() => calibrateDirect([1], { e: 5, c: 1, i: 10 })).toThrow(/crossover/);
  });
});

describe("necessity", () => {
  it("inclusion, RoN, coverage for each condition and its negation: base-R reference 1e-12", () => {
    for (const r of csv("expected_necessity.csv")) {
      const d = load(r.dataset as string, r.outcome as string);
      const row = necessityTable(d).find((x) => x.condition === r.condition)!;
      expect(Math.abs(row.inclusion - (r.inclusion as number))).toBeLessThan(1e-12);
      expect(Math.abs(row.ron - (r.ron as number))).toBeLessThan(1e-12);
      expect(Math.abs(row.coverage - (r.coverage as number))).toBeLessThan(1e-12);
    }
  });
  it("matches R QCA's printed pof() tables for CVF (3 decimals)", () => {
    for (const block of printed.necessity) {
      const tab = necessityTable(load("CVF", block.outcome));
      for (const [cond, [incl, ron, cov]] of Object.entries(block.rows as Record<string, number[]>)) {
        const r = tab.find((x) => x.condition === cond)!;
        expect(Math.abs(r.inclusion - incl)).toBeLessThanOrEqual(P3);
        expect(Math.abs(r.ron - ron)).toBeLessThanOrEqual(P3);
        expect(Math.abs(r.coverage - cov)).toBeLessThanOrEqual(P3);
      }
    }
  });
});

describe("truth table", () => {
  it("n, raw consistency and PRI per row: base-R reference 1e-12", () => {
    for (const r of csv("expected_truthtable.csv")) {
      const tt = truthTable(load(r.dataset as string, r.outcome as string), { inclCut: 0.8 });
      const row = tt.rows.find((x) => x.row === r.row)!;
      expect(row.n).toBe(r.n);
      expect(Math.abs(row.inclusion - (r.inclusion as number))).toBeLessThan(1e-12);
      expect(Math.abs(row.pri - (r.pri as number))).toBeLessThan(1e-12);
    }
  });
  for (const t of printed.truthTables) {
    it(`R QCA printed truth table: ${t.id}`, () => {
      const tt = truthTable(load(t.data, t.outcome), { inclCut: t.inclCut });
      expect(tt.rows.length).toBe(t.rows.length);
      for (const [row, out, n, incl, pri] of t.rows) {
        const r = tt.rows.find((x) => x.row === row)!;
        expect(r.out).toBe(out);
        expect(r.n).toBe(n);
        expect(Math.abs(r.inclusion - incl)).toBeLessThanOrEqual(P3);
        expect(Math.abs(r.pri - pri)).toBeLessThanOrEqual(P3);
      }
      expect(tt.remainders).toBe(2 ** tt.data.conditions.length - t.rows.length);
    });
  }
  it("frequency and PRI cut-offs; cases at 0.5 are unassigned", () => {
    const d = load("LC", "SURV");
    const tt = truthTable(d, { inclCut: 1, nCut: 2 });
    expect(tt.rows.filter((r) => r.out === "?").map((r) => r.row)).toEqual([6, 23, 31]);
    const lf = truthTable(load("LF", "SURV"), { inclCut: 0.8, priCut: 0.75 });
    // row 22 (FI, IE) has incl 0.804 but PRI 0.719 < 0.75: negative
    expect(lf.rows.find((r) => r.row === 22)!.out).toBe("0");
    const half = qcaData({ A: [0.5, 0.9, 0.1], B: [0.8, 0.7, 0.2], Y: [1, 1, 0] }, "Y", ["A", "B"], ["a", "b", "c"]);
    expect(truthTable(half).unassigned).toEqual([{ case: "a", conditions: ["A"] }]);
  });
});

describe("capping the number of tied models", () => {
  it("lists at most maxModels tied models and says it cut the list", () => {
    const m = printed.minimize.find((x: { data: string; solutions: unknown[] }) => x.data === "CVF" && x.solutions.length > 2);
    const d = load(m.data, m.outcome);
    const tt = truthTable(d, { inclCut: m.inclCut });
    const all = minimize(tt, { solution: m.solution });
    expect(all.truncated).toBe(false);
    expect(all.solutions.length).toBe(m.solutions.length);
    const two = minimize(tt, { solution: m.solution, maxModels: 2 });
    expect(two.truncated).toBe(true);
    expect(two.solutions.length).toBe(2);
  });
});

describe("minimisation against R QCA's printed solutions", () => {
  for (const m of printed.minimize) {
    it(m.id, () => {
      const d = load(m.data, m.outcome);
      const tt = truthTable(d, { inclCut: m.inclCut });
      const res = minimize(tt, { solution: m.solution, dirExp: m.dirExp ? parseDirExp(m.dirExp, d.conditions) : undefined });
      expect(res.heuristic).toBe(false);
      const ours = res.solutions.map((s) => sortSol(s.terms.map((t) => t.expression)).join(" + ")).sort();
      const theirs = (m.solutions as string[][]).map((s) => sortSol(s).join(" + ")).sort();
      expect(ours).toEqual(theirs);
      if (m.fit) {
        const s = res.solutions[0];
        for (const [expr, [incl, pri, cov, covU]] of Object.entries(m.fit as Record<string, (number | null)[]>)) {
          const t = s.terms.find((x) => x.expression === expr)!;
          expect(Math.abs(t.inclusion - incl!)).toBeLessThanOrEqual(P3);
          expect(Math.abs(t.pri - pri!)).toBeLessThanOrEqual(P3);
          expect(Math.abs(t.raw_coverage - cov!)).toBeLessThanOrEqual(P3);
          if (covU !== null) expect(Math.abs(t.unique_coverage - covU)).toBeLessThanOrEqual(P3);
        }
        const [si, sp, sc] = m.solutionFit;
        expect(Math.abs(s.inclusion - si)).toBeLessThanOrEqual(P3);
        expect(Math.abs(s.pri - sp)).toBeLessThanOrEqual(P3);
        expect(Math.abs(s.coverage - sc)).toBeLessThanOrEqual(P3);
      }
      if (m.simplifyingAssumptions) expect(res.solutions[0].assumptions).toEqual(m.simplifyingAssumptions);
      if (m.essential) for (const s of res.solutions) expect(s.terms.filter((t) => t.essential).map((t) => t.expression).sort()).toEqual([...m.essential].sort());
      if (m.uniqueCoverageByModel) {
        (m.modelFit as number[][]).forEach(([i, p, c], k) => {
          const want = sortSol(m.solutions[k]).join(" + ");
          const s = res.solutions.find((x) => sortSol(x.terms.map((t) => t.expression)).join(" + ") === want)!;
          expect(Math.abs(s.inclusion - i)).toBeLessThanOrEqual(P3);
          expect(Math.abs(s.pri - p)).toBeLessThanOrEqual(P3);
          expect(Math.abs(s.coverage - c)).toBeLessThanOrEqual(P3);
          for (const [expr, u] of Object.entries(m.uniqueCoverageByModel[k] as Record<string, number>)) {
            const t = s.terms.find((x) => x.expression === expr)!;
            expect(Math.abs(t.unique_coverage - u)).toBeLessThanOrEqual(P3);
            const [ti, tp, tc] = m.termFit[expr];
            expect(Math.abs(t.inclusion - ti)).toBeLessThanOrEqual(P3);
            expect(Math.abs(t.pri - tp)).toBeLessThanOrEqual(P3);
            expect(Math.abs(t.raw_coverage - tc)).toBeLessThanOrEqual(P3);
          }
        });
      }
    });
  }
  it("term and solution fit equal the base-R reference to 1e-12", () => {
    const rows = csv("expected_fit.csv");
    const bySol = new Map<string, typeof rows>();
    for (const r of rows) (bySol.get(`${r.dataset}|${r.solution}`) ?? bySol.set(`${r.dataset}|${r.solution}`, []).get(`${r.dataset}|${r.solution}`)!).push(r);
    for (const [k, rs] of bySol) {
      const [ds, expr] = k.split("|");
      const d = load(ds, ds === "LF" ? "SURV" : "PROTEST");
      const fit = solutionFit(d, expr.split(" + ").map((t) => parseTerm(t, d.conditions)));
      for (const r of rs) {
        const got = r.term === "(solution)" ? { inclusion: fit.inclusion, pri: fit.pri, raw_coverage: fit.coverage, unique_coverage: NaN } : fit.terms.find((t) => t.expression === r.term)!;
        expect(Math.abs(got.inclusion - (r.inclusion as number))).toBeLessThan(1e-12);
        expect(Math.abs(got.pri - (r.pri as number))).toBeLessThan(1e-12);
        expect(Math.abs(got.raw_coverage - (r.raw_coverage as number))).toBeLessThan(1e-12);
        if (r.term !== "(solution)") expect(Math.abs(got.unique_coverage - (r.unique_coverage as number))).toBeLessThan(1e-12);
      }
    }
  });
  it("core and peripheral conditions of the LF intermediate solution, and the configuration chart", () => {
    const d = load("LF", "SURV");
    const res = minimize(truthTable(d, { inclCut: 0.8 }), { solution: "intermediate", dirExp: parseDirExp("DEV,URB,LIT,IND,STB", d.conditions) });
    const s = res.solutions[0];
    const core = (e: string) => d.conditions.filter((_, j) => s.terms.find((t) => t.expression === e)!.core[j]);
    // parsimonious terms DEV*~IND and URB*STB are the cores
    expect(core("DEV*URB*LIT*STB")).toEqual(["URB", "STB"]);
    expect(core("DEV*LIT*~IND*STB")).toEqual(["DEV", "IND"]);
    expect(s.from).toEqual(["C1P1"]);
    expect(s.assumptions).toEqual([30]);
    const chart = configurationChart(s, d.conditions, { caption: "LF" });
    const txt = chart.text();
    expect(txt).toContain("(●)");
    expect(txt).toContain("⊗");
    const html = chart.html();
    expect(html).toContain("1.35em");
    expect(html).toContain("0.8em");
    expect(html).toContain("Solution coverage");
  });
});

describe("Boolean minimisation: textbook prime implicants", () => {
  const names = ["A", "B", "C", "D"];
  const exprs = (cs: { mask: number; value: number }[]) => cs.map((c) => cubeExpression(c, names)).sort();
  it("f = Σm(0,1,2,5,6,7,8,9,10,14) (Mano, Digital Design): six primes, unique minimum B'C' + CD' + A'BD", () => {
    // hand-derived: the primes are B'C', B'D', CD', A'BD, A'C'D, A'BC; B'C' (m9) and CD' (m14) are essential
    // and A'BD alone covers the rest (m5, m7)
    const on = [0, 1, 2, 5, 6, 7, 8, 9, 10, 14];
    const pis = quineMcCluskey(on, [], 4);
    expect(exprs(pis)).toEqual(["~B*~C", "~B*~D", "C*~D", "~A*B*D", "~A*~C*D", "~A*B*C"].sort());
    const ch = solveChart(pis, on);
    expect(ch.covers.map((c) => exprs(c.map((i) => pis[i])).join(" + "))).toEqual([["~B*~C", "C*~D", "~A*B*D"].sort().join(" + ")]);
    expect(exprs(ch.essential.map((i) => pis[i]))).toEqual(["~B*~C", "C*~D"].sort());
  });
  it("f = Σm(4,8,10,11,12,15) + d(9,14) (Roth, Fundamentals of Logic Design): primes and both minimum covers", () => {
    // B~C~D is the only prime covering m4; then {A~B, AC} or {A~D, AC} cover the rest; no 2-term cover exists
    const pis = quineMcCluskey([4, 8, 10, 11, 12, 15], [9, 14], 4);
    expect(exprs(pis)).toEqual(["A*~B", "A*C", "A*~D", "B*~C*~D"].sort());
    const ch = solveChart(pis, [4, 8, 10, 11, 12, 15]);
    expect(ch.covers.map((c) => exprs(c.map((i) => pis[i])).join(" + ")).sort()).toEqual(
      [["A*C", "A*~B", "B*~C*~D"].sort().join(" + "), ["A*C", "A*~D", "B*~C*~D"].sort().join(" + ")].sort(),
    );
  });
  it("cyclic chart f = Σm(0,1,2,5,6,7): no essential PI, two minimum covers", () => {
    const n3 = ["A", "B", "C"];
    const on = [0, 1, 2, 5, 6, 7];
    const pis = quineMcCluskey(on, [], 3);
    expect(pis.length).toBe(6);
    const ch = solveChart(pis, on);
    expect(ch.essential).toEqual([]);
    const sols = ch.covers.map((c) => c.map((i) => cubeExpression(pis[i], n3)).sort().join(" + ")).sort();
    expect(sols).toEqual(["A*C + ~A*~B + B*~C", "A*B + ~A*~C + ~B*C"].map((x) => x.split(" + ").sort().join(" + ")).sort());
  });
  it("the search against OFF rows finds the same primes as QM with every other row a don't-care", () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 40; trial++) {
      const k = 3 + (trial % 5);
      const on: number[] = [],
        off: number[] = [],
        dc: number[] = [];
      for (let r = 0; r < 2 ** k; r++) {
        const u = rnd();
        (u < 0.25 ? on : u < 0.55 ? off : dc).push(r);
      }
      if (!on.length) continue;
      const a = quineMcCluskey(on, dc, k).map((c) => `${c.mask},${c.value}`).sort();
      const b = primesAgainstOff(on, off, k).map((c) => `${c.mask},${c.value}`).sort();
      expect(b).toEqual(a);
    }
  });
  it("a too-complex chart falls back to the greedy heuristic and says so", () => {
    const on = [0, 1, 2, 5, 6, 7];
    const pis = quineMcCluskey(on, [], 3);
    const ch = solveChart(pis, on, 2);
    expect(ch.heuristic).toBe(true);
    const covered = on.every((r) => ch.covers[0].some((i) => (r & pis[i].mask) === pis[i].value));
    expect(covered).toBe(true);
  });
});
