import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { DeaData, DeaOptions, DeaResult, LpBackend, dea, malmquist, productivityIndex, solveLP } from "../kernel-lib/src/dea";
import { evaluateRow, resolveSpec, rowEfficiency } from "../kernel-lib/src/dea/run";
import { computeScales } from "../kernel-lib/src/dea/data";
import { createRng } from "../kernel-lib/src/rng";

// Expected numbers: test/reference/dea/expected.json, written by test/reference/dea/make_expected.R (every model
// formulated from its paper and solved with R lpSolve — an implementation independent of ours). Tolerance 1e-6.
// DEAP 2.1 EG4: the published output (reference manifest: deap_eg4/*) (printed 3 decimals, tolerance 0.001).
const REF = path.join(__dirname, "reference/dea");
const expected = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8"));
const TOL = 1e-6;
const BACKENDS: LpBackend[] = ["simplex", "jsLpSolver"];

function csv(file: string): Record<string, string>[] {
  const [head, ...rows] = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const h = head.split(",").map((s) => s.replace(/"/g, ""));
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [h[i], v.replace(/"/g, "")])));
}
const num = (rows: Record<string, string>[], cols: string[]) => rows.map((r) => cols.map((c) => Number(r[c])));

const datasets: Record<string, DeaData> = (() => {
  const t01 = csv(referenceFile("dea/pub_Tone2001.csv"));
  const pp = csv(referenceFile("dea/pub_Power_plants_Tone2002.csv"));
  const t03 = csv(referenceFile("dea/pub_Tone2003.csv"));
  const rnd = csv(path.join(REF, "random_undesirable.csv"));
  return {
    tone2001: { dmus: t01.map((r) => r.DMU), X: num(t01, ["Input1", "Input2"]), Y: num(t01, ["Output1", "Output2"]) },
    power_plants: { dmus: pp.map((r) => r.DMU), X: num(pp, ["X1", "X2", "X3", "X4"]), Y: num(pp, ["Y1", "Y2"]) },
    tone2003: { dmus: t03.map((r) => r.DMU), X: num(t03, ["x"]), Y: num(t03, ["yg"]), B: num(t03, ["yb"]) },
    random_undesirable: { dmus: rnd.map((r) => r.dmu), X: num(rnd, ["x1", "x2", "x3"]), Y: num(rnd, ["y"]), B: num(rnd, ["b"]) },
  };
})();

interface Case {
  dataset: string;
  model: string;
  orientation: "input" | "output" | "non";
  rts: "crs" | "vrs" | "nirs" | "ndrs";
  dmu: string;
  status: number;
  efficiency?: number;
  slacksum?: number;
}

const groups = new Map<string, Case[]>();
for (const c of expected.cases as Case[]) {
  const k = `${c.dataset} ${c.model} ${c.orientation} ${c.rts}`;
  groups.set(k, [...(groups.get(k) ?? []), c]);
}

function run(c: Case, backend: LpBackend): DeaResult[] {
  const d = datasets[c.dataset];
  const radial = c.model === "radial" || c.model === "radial-super";
  const data = radial ? { ...d, B: undefined } : d;
  const model = radial ? "radial" : (c.model as "additive" | "sbm" | "super-sbm" | "ddf");
  return dea(data, { model, orientation: c.orientation, rts: c.rts, backend, superEfficiency: c.model === "radial-super" });
}

describe("DEA models against an independent R lpSolve formulation (1e-6)", () => {
  for (const backend of BACKENDS) {
    for (const [key, cases] of groups) {
      it(`${backend}: ${key}`, () => {
        const res = run(cases[0], backend);
        for (const c of cases) {
          const r = res.find((z) => z.dmu === c.dmu)!;
          const label = `${key} ${c.dmu}`;
          if (c.status !== 0) {
            expect(r.infeasible, label).toBe(true);
            expect(r.efficiency, label).toBeNull();
            continue;
          }
          expect(r.infeasible, label).toBe(false);
          const ours = c.model === "additive" || c.model === "ddf" ? r.objective! : r.efficiency!;
          expect(Math.abs(ours - c.efficiency!), `${label}: ours ${ours} vs lpSolve ${c.efficiency}`).toBeLessThan(TOL);
          if (c.slacksum !== undefined && c.slacksum !== null && backend === "simplex") {
            const ss = [...r.slacks.inputs, ...r.slacks.outputs].reduce((a, v) => a + v, 0);
            expect(Math.abs(ss - c.slacksum), `${label} slack sum`).toBeLessThan(TOL * (1 + c.slacksum));
          }
        }
      });
    }
  }
});

describe("results carry λ, peers and targets consistent with the LP", () => {
  it("radial input CCR: target = Σλ x_j, θ x_o − s⁻ and y_o + s⁺ (Tone 2001 data)", () => {
    const d = datasets.tone2001;
    for (const r of dea(d, { model: "ccr", orientation: "input" })) {
      const j = d.dmus.indexOf(r.dmu);
      for (let i = 0; i < 2; i++) {
        const comb = r.peers.reduce((a, p) => a + p.lambda * d.X[d.dmus.indexOf(p.dmu)][i], 0);
        expect(comb).toBeCloseTo(r.targets.inputs[i], 9);
        expect(r.targets.inputs[i]).toBeCloseTo(r.theta! * d.X[j][i] - r.slacks.inputs[i], 9);
      }
      for (let k = 0; k < 2; k++) {
        const comb = r.peers.reduce((a, p) => a + p.lambda * d.Y[d.dmus.indexOf(p.dmu)][k], 0);
        expect(comb).toBeCloseTo(r.targets.outputs[k], 9);
      }
    }
  });
  it("SBM: ρ recomputed from the reported slacks (Tone 2003 data, undesirable output, VRS)", () => {
    const d = datasets.tone2003;
    for (const r of dea(d, { model: "sbm", rts: "vrs" })) {
      const j = d.dmus.indexOf(r.dmu);
      const num = 1 - r.slacks.inputs[0] / d.X[j][0];
      const den = 1 + (r.slacks.outputs[0] / d.Y[j][0] + r.slacks.undesirable[0] / d.B![j][0]) / 2;
      expect(num / den).toBeCloseTo(r.efficiency!, 9);
      expect(r.peers.reduce((a, p) => a + p.lambda, 0)).toBeCloseTo(1, 9);
    }
  });
  it("super-SBM: efficient DMUs get δ ≥ 1, inefficient keep ρ < 1, no DMU dropped", () => {
    const d = datasets.random_undesirable;
    const res = dea(d, { model: "super-sbm", rts: "vrs" });
    expect(res.length).toBe(d.dmus.length);
    for (const r of res) {
      if (r.superEfficient) expect(r.efficiency!).toBeGreaterThanOrEqual(1 - 1e-9);
      else expect(r.efficiency!).toBeLessThan(1);
    }
  });
});

describe("infeasible super-efficiency (VRS) is flagged with the documented treatment", () => {
  const d = datasets.power_plants;
  const flagged = dea(d, { model: "radial", orientation: "input", rts: "vrs", superEfficiency: true });
  it("Andersen–Petersen VRS: the LP lpSolve calls infeasible is flagged, efficiency null, row kept", () => {
    const exp = (expected.cases as Case[]).filter((c) => c.dataset === "power_plants" && c.model === "radial-super" && c.rts === "vrs");
    expect(flagged.length).toBe(6);
    for (const c of exp) expect(flagged.find((r) => r.dmu === c.dmu)!.infeasible).toBe(c.status !== 0);
  });
  it("oriented super-SBM: treatments flag / nonOriented / one", () => {
    const rnd = datasets.random_undesirable;
    const f = dea(rnd, { model: "super-sbm", orientation: "output", rts: "vrs" });
    const bad = f.filter((r) => r.infeasible);
    const exp = (expected.cases as Case[]).filter((c) => c.dataset === "random_undesirable" && c.model === "super-sbm" && c.orientation === "output" && c.rts === "vrs" && c.status !== 0);
    expect(bad.map((r) => r.dmu).sort()).toEqual(exp.map((c) => c.dmu).sort());
    expect(bad.length).toBeGreaterThan(0);
    const alt = dea(rnd, { model: "super-sbm", orientation: "output", rts: "vrs", infeasible: "nonOriented" });
    const non = dea(rnd, { model: "super-sbm", orientation: "non", rts: "vrs" });
    for (const b of bad) {
      const a = alt.find((r) => r.dmu === b.dmu)!;
      expect(a.infeasible).toBe(true);
      expect(a.treatment).toMatch(/non-oriented/);
      expect(a.efficiency).toBeCloseTo(non.find((r) => r.dmu === b.dmu)!.efficiency!, 9);
    }
    const one = dea(rnd, { model: "super-sbm", orientation: "output", rts: "vrs", infeasible: "one" });
    for (const b of bad) expect(one.find((r) => r.dmu === b.dmu)!.efficiency).toBe(1);
  });
});

describe("data checks and zero conventions", () => {
  it("refuses negative data naming the DMU and variable", () => {
    expect(() => dea({ dmus: ["a", "b"], X: [[1], [-2]], Y: [[1], [1]], inputNames: ["capital"] }, { model: "sbm" })).toThrow(/DMU "b".*capital.*negative/);
  });
  it("refuses non-finite cells and all-zero variables", () => {
    expect(() => dea({ dmus: ["a", "b"], X: [[1], [NaN]], Y: [[1], [1]] }, { model: "ccr" })).toThrow(/not a finite number/);
    expect(() => dea({ dmus: ["a", "b"], X: [[0], [0]], Y: [[1], [1]] }, { model: "ccr" })).toThrow(/zero for every DMU/);
  });
  it("SBM with a zero input deletes that term (Tone): a DMU with x=0 on one input is scored on the other", () => {
    const d: DeaData = { dmus: ["a", "b", "c"], X: [[0, 2], [1, 4], [2, 1]], Y: [[1], [1], [1]] };
    const r = dea(d, { model: "sbm" });
    expect(r.every((z) => z.status === "optimal")).toBe(true);
    expect(r[0].efficiency).toBeCloseTo(1, 9);
  });
  it("SBM with a zero desirable output stays finite (y_ro replaced by min positive / 100)", () => {
    const d: DeaData = { dmus: ["a", "b", "c"], X: [[1], [1], [1]], Y: [[0], [2], [4]] };
    const r = dea(d, { model: "sbm" });
    expect(Number.isFinite(r[0].efficiency!)).toBe(true);
    expect(r[0].efficiency!).toBeLessThan(0.05);
  });
});

describe("LP core: explicit statuses, agreement with javascript-lp-solver", () => {
  it("reports infeasible and unbounded", () => {
    const inf = solveLP({ nVars: 2, sense: "min", c: [1, 1], rows: [{ a: [1, 1], op: "<=", b: 1 }, { a: [1, 1], op: ">=", b: 2 }] });
    expect(inf.status).toBe("infeasible");
    const unb = solveLP({ nVars: 2, sense: "max", c: [1, 0], rows: [{ a: [1, -1], op: "<=", b: 1 }] });
    expect(unb.status).toBe("unbounded");
    expect(solveLP({ nVars: 2, sense: "min", c: [1, 1], rows: [{ a: [1, 1], op: "<=", b: 1 }, { a: [1, 1], op: ">=", b: 2 }] }, "jsLpSolver").status).toBe("infeasible");
  });
  it("free variables, negative right-hand sides, redundant equalities", () => {
    const s = solveLP({ nVars: 2, sense: "min", c: [1, 0], rows: [{ a: [1, 1], op: "=", b: -3 }, { a: [2, 2], op: "=", b: -6 }, { a: [0, 1], op: "<=", b: 1 }], free: [0] });
    expect(s.status).toBe("optimal");
    expect(s.x[0]).toBeCloseTo(-4, 12);
    expect(s.objective).toBeCloseTo(-4, 12);
  });
  it("degenerate LP (Beale's cycling example) terminates at the optimum", () => {
    // Beale (1955): cycles under the textbook Dantzig rule without anti-cycling; optimum −1/20 at x1 = 1/25, x3 = 1.
    const s = solveLP({
      nVars: 4, sense: "min", c: [-0.75, 150, -0.02, 6],
      rows: [{ a: [0.25, -60, -0.04, 9], op: "<=", b: 0 }, { a: [0.5, -90, -0.02, 3], op: "<=", b: 0 }, { a: [0, 0, 1, 0], op: "<=", b: 1 }],
    });
    expect(s.status).toBe("optimal");
    expect(s.objective).toBeCloseTo(-0.05, 12);
  });
});

describe("panels: reference sets against R lpSolve (1e-6)", () => {
  const pan = csv(path.join(REF, "random_panel.csv"));
  const d: DeaData = { dmus: pan.map((r) => r.dmu), periods: pan.map((r) => Number(r.year)), X: num(pan, ["k", "l"]), Y: num(pan, ["y"]), B: num(pan, ["b"]) };
  for (const frontier of ["contemporaneous", "global", "sequential"] as const) {
    for (const rts of ["crs", "vrs"] as const) {
      it(`super-SBM with undesirable output, ${frontier}, ${rts}`, () => {
        const res = dea(d, { model: "super-sbm", rts, frontier });
        const exp = expected.panel.filter((c: { frontier: string; rts: string }) => c.frontier === frontier && c.rts === rts);
        expect(res.length).toBe(exp.length);
        for (const c of exp) {
          const r = res.find((z) => z.dmu === c.dmu && z.period === c.period)!;
          if (c.status !== 0) expect(r.infeasible).toBe(true);
          else expect(Math.abs(r.efficiency! - c.efficiency)).toBeLessThan(TOL);
        }
      });
    }
  }
  it("window analysis (width 2), SBM CRS", () => {
    const res = dea(d, { model: "sbm", frontier: "window", window: 2 });
    const exp = expected.panel.filter((c: { frontier: string }) => c.frontier === "window2");
    expect(res.length).toBe(exp.length);
    for (const c of exp) {
      const r = res.find((z) => z.dmu === c.dmu && z.period === c.period && z.window === c.window)!;
      expect(Math.abs(r.efficiency! - c.efficiency)).toBeLessThan(TOL);
    }
  });
  for (const spec of [
    { index: "gml", model: "super-sbm", rts: "crs" },
    { index: "gml", model: "super-sbm", rts: "vrs" },
    { index: "ml", model: "ddf", rts: "crs" },
    { index: "gml", model: "ddf", rts: "crs" },
    { index: "ml", model: "super-sbm", rts: "crs" },
  ] as const) {
    it(`${spec.index} on ${spec.model} ${spec.rts}: effch, techch, tfpch`, () => {
      const res = productivityIndex(d, spec);
      const exp = expected.indices.filter((c: typeof spec) => c.index === spec.index && c.model === spec.model && c.rts === spec.rts);
      expect(res.results.length).toBe(exp.length);
      for (const c of exp) {
        const r = res.results.find((z) => z.dmu === c.dmu && z.period === c.period)!;
        for (const k of ["effch", "techch", "tfpch"] as const) expect(Math.abs(r[k]! - c[k]), `${c.dmu} ${c.period} ${k}`).toBeLessThan(TOL);
        expect(r.effch! * r.techch!).toBeCloseTo(r.tfpch!, 12);
      }
      // cumulative index = chained product
      const first = res.results.filter((z) => z.dmu === "P01");
      expect(first[first.length - 1].cumulative!.tfpch).toBeCloseTo(first.reduce((a, z) => a * z.tfpch!, 1), 12);
    });
  }
});

describe("Malmquist exactly as DEAP 2.1", () => {
  const rows = csv(referenceFile("deap_eg4/data.csv"));
  const d: DeaData = { dmus: rows.map((r) => r.firm), periods: rows.map((r) => Number(r.year)), X: num(rows, ["x"]), Y: num(rows, ["y"]) };
  for (const backend of BACKENDS) {
    const m = malmquist(d, { orientation: "output", backend });
    // DEAP prints 3 decimals; the SOURCES note: compare with 0.001 (an exact 0.5625 prints as 0.563, 0.45/0.8 as 0.562).
    it(`${backend}: EG4 firm-period indices (all 10 rows, 5 columns) to the printed 0.001`, () => {
      for (const p of csv(referenceFile("deap_eg4/published_results.csv"))) {
        const r = m.results.find((z) => z.dmu === p.firm && z.period === Number(p.period))!;
        for (const k of ["effch", "techch", "pech", "sech", "tfpch"] as const) expect(Math.abs(r[k]! - Number(p[k])), `${p.firm}/${p.period} ${k}`).toBeLessThanOrEqual(0.001);
      }
    });
    it(`${backend}: EG4 annual and overall geometric means to 0.001`, () => {
      for (const p of csv(referenceFile("deap_eg4/published_summary_means.csv"))) {
        const r = p.period === "mean" ? m.mean : m.byPeriod.find((z) => z.period === Number(p.period))!;
        for (const k of ["effch", "techch", "pech", "sech", "tfpch"] as const) expect(Math.abs(r[k] - Number(p[k])), `${p.period} ${k}`).toBeLessThanOrEqual(0.001);
      }
    });
    it(`${backend}: EG4 distance summary (CRS t−1/t/t+1 frontiers, VRS) to 0.001`, () => {
      for (const p of csv(referenceFile("deap_eg4/published_distances.csv"))) {
        const r = m.distances.find((z) => z.dmu === p.firm && z.period === Number(p.year))!;
        const cmp = (ours: number | null, pub: string) => {
          if (pub === "") expect(ours).toBeNull();
          else expect(Math.abs(ours! - Number(pub))).toBeLessThanOrEqual(0.001);
        };
        cmp(r.crsPrev, p.crs_te_ref_prev);
        cmp(r.crsSame, p.crs_te_ref_same);
        cmp(r.crsNext, p.crs_te_ref_next);
        cmp(r.vrs, p.vrs_te);
      }
    });
  }
  it("EFFCH = PECH × SECH and TFPCH = EFFCH × TECHCH exactly; summaries are geometric means", () => {
    const m = malmquist(d);
    for (const r of m.results) {
      expect(r.pech! * r.sech!).toBeCloseTo(r.effch!, 12);
      expect(r.effch! * r.techch!).toBeCloseTo(r.tfpch!, 12);
    }
    expect(m.mean.effch * m.mean.techch).toBeCloseTo(m.mean.tfpch, 12);
  });
  it("EG4 firm means agree with the computed (not published) firm means file to 0.001", () => {
    const m = malmquist(d);
    for (const p of csv(referenceFile("deap_eg4/computed_firm_means.csv"))) {
      const r = m.byDmu.find((z) => z.dmu === p.firm)!;
      for (const k of ["effch", "techch", "pech", "sech", "tfpch"] as const) expect(Math.abs(r[k] - Number(p[k]))).toBeLessThanOrEqual(0.001);
    }
  });
  it("Wang & Lan (2011) provinces, DEAP conventions, output and input orientation, against R lpSolve (1e-6)", () => {
    const wl = csv(referenceFile("dea/pub_Economy_WangLan2011.csv"));
    const years = [2005, 2006, 2007, 2008, 2009];
    const long = years.flatMap((y) => wl.map((r) => ({ dmu: r.DMUs, y, k: Number(r[`Capital${y}`]), l: Number(r[`Labor${y}`]), q: Number(r[`GIOV${y}`]) })));
    const pd: DeaData = { dmus: long.map((r) => r.dmu), periods: long.map((r) => r.y), X: long.map((r) => [r.k, r.l]), Y: long.map((r) => [r.q]) };
    for (const orientation of ["output", "input"] as const) {
      const m = malmquist(pd, { orientation });
      for (const c of expected.malmquist_wanglan.filter((z: { orientation: string }) => z.orientation === orientation)) {
        const r = m.results.find((z) => z.dmu === c.dmu && z.period === c.period)!;
        for (const k of ["effch", "techch", "pech", "sech", "tfpch"] as const) expect(Math.abs(r[k]! - c[k]), `${orientation} ${c.dmu} ${c.period} ${k}`).toBeLessThan(TOL);
      }
    }
  });
  it("refuses an unbalanced panel", () => {
    expect(() => malmquist({ ...d, dmus: d.dmus.slice(1), periods: d.periods!.slice(1), X: d.X.slice(1), Y: d.Y.slice(1) })).toThrow(/unbalanced/);
  });
});

describe("rowEfficiency (the score-only path of the productivity indices) equals evaluateRow's efficiency", () => {
  it("every model, RTS and orientation, own and cross-period reference sets, zeros and infeasible LPs included", () => {
    const rng = createRng(20261202, "test-dea-row-efficiency");
    const draw = () => (rng.uniform() < 0.04 ? 0 : 1 + 9 * rng.uniform());
    const d: DeaData = { dmus: [], periods: [], X: [], Y: [], B: [] };
    for (let t = 0; t < 2; t++) for (let j = 0; j < 14; j++) {
      (d.dmus as string[]).push(`u${j}`);
      (d.periods as number[]).push(t);
      (d.X as number[][]).push([draw(), 1 + rng.uniform()]);
      (d.Y as number[][]).push([draw()]);
      (d.B as number[][]).push([draw()]);
    }
    const noB: DeaData = { ...d, B: undefined };
    const sc = computeScales(d), scNoB = computeScales(noB);
    const refs = [Array.from({ length: 14 }, (_, k) => k), Array.from({ length: 14 }, (_, k) => 14 + k)];
    let checked = 0, empty = 0;
    for (const rts of ["crs", "vrs", "nirs", "ndrs"] as const) {
      const models: [DeaData, DeaOptions][] = [
        [noB, { model: "radial", orientation: "input", rts }], [noB, { model: "radial", orientation: "output", rts, secondStage: false }],
        [noB, { model: "radial", orientation: "input", rts, superEfficiency: true }], [d, { model: "additive", rts }], [d, { model: "sbm", rts }],
        [d, { model: "super-sbm", rts }], [d, { model: "super-sbm", orientation: "input", rts }], [d, { model: "ddf", rts }],
      ];
      for (const [data, o] of models) {
        const s = data.B ? sc : scNoB, spec = resolveSpec(o, s);
        for (let j = 0; j < 28; j++) for (const ref of refs) {
          const full = evaluateRow(data, j, ref, spec, s, o);
          const fast = rowEfficiency(data, j, ref, spec, s, o);
          expect(Object.is(fast, full.infeasible ? null : full.efficiency)).toBe(true);
          checked++;
          if (fast === null) empty++;
        }
      }
    }
    expect(checked).toBe(4 * 8 * 28 * 2);
    expect(empty).toBeGreaterThan(50); // additive has no score; super-efficiency under VRS/NIRS/NDRS has infeasible LPs
  });
});
