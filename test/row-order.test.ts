import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data/table";
import { threshold } from "../kernel-lib/src/panel/threshold";
import { mediation } from "../kernel-lib/src/panel/mediation";
import { createRng } from "../kernel-lib/src/rng";
import * as causal from "../kernel-lib/src/causal";

// Seeded resampling must not depend on the file's row order: the same panel, shuffled, gives the same draws.
function panel() {
  const rng = createRng(7, "row-order test");
  const id: string[] = [], year: number[] = [], x: number[] = [], m: number[] = [], q: number[] = [], y: number[] = [];
  for (let i = 0; i < 24; i++)
    for (let t = 0; t < 6; t++) {
      const xi = rng.normal(), qi = rng.uniform() * 10, mi = 0.5 * xi + rng.normal();
      id.push(`c${String(i).padStart(2, "0")}`); year.push(2010 + t); x.push(xi); q.push(qi); m.push(mi);
      y.push((qi < 5 ? 0.3 : 0.8) * xi + 0.4 * mi + rng.normal() + i / 10);
    }
  return { id, year, x, m, q, y };
}

function shuffled(cols: ReturnType<typeof panel>): Table {
  const n = cols.id.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(99, "shuffle");
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(0, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pick = <T,>(a: T[]) => order.map((i) => a[i]);
  return Table.fromColumns("shuffled.csv", { id: pick(cols.id), year: pick(cols.year), x: pick(cols.x), m: pick(cols.m), q: pick(cols.q), y: pick(cols.y) });
}

describe("seeded resampling is independent of row order", () => {
  const cols = panel();
  const sorted = Table.fromColumns("sorted.csv", cols);
  const mixed = shuffled(cols);

  it("threshold bootstrap: the same F, p-value and critical values", () => {
    const o = { id: "id", time: "year", y: "y", rx: "x", q: "q", nthresh: 1 as const, bootstrap: 30, seed: 11, grid: 40 };
    const a = threshold(sorted, o);
    const b = threshold(mixed, o);
    expect(JSON.stringify(b.tests)).toBe(JSON.stringify(a.tests));
  });

  it("cluster bootstrap of a mediation: the same intervals", () => {
    const o = { x: "x", m: "m", y: "y", fe: "id + year", bootstrap: { draws: 50, seed: 5, cluster: "id" } };
    const a = mediation(sorted, o);
    const b = mediation(mixed, o);
    expect(b.bootstrap!.percentile[0]).toBeCloseTo(a.bootstrap!.percentile[0], 12);
    expect(b.bootstrap!.percentile[1]).toBeCloseTo(a.bootstrap!.percentile[1], 12);
  });
});

// jjj-ftz-psm-did: 13 cities × 10 years, staggered adoption (2015, 2019 ×4, 2020); matching and placebo draws.
function ftzPanel() {
  const rng = createRng(13, "row-order ftz panel");
  const start = [2015, 2019, 2019, 2019, 2019, 2020, 0, 0, 0, 0, 0, 0, 0];
  const c = { city: [] as string[], year: [] as number[], FTZ: [] as number[], fe: [] as number[], pgdp: [] as number[], y: [] as number[] };
  start.forEach((g, i) => {
    const lev = rng.normal();
    for (let t = 0; t < 10; t++) {
      const d = g > 0 && 2013 + t >= g ? 1 : 0, fe = 0.6 + 0.1 * lev + rng.normal(0, 0.05), pgdp = 4 + lev + 0.2 * t + rng.normal(0, 0.1);
      c.city.push(`13${String(i).padStart(2, "0")}00`); c.year.push(2013 + t); c.FTZ.push(d); c.fe.push(fe); c.pgdp.push(pgdp);
      c.y.push(3.9 + 0.05 * lev + 0.2 * d - 0.25 * fe - 0.01 * pgdp + rng.normal(0, 0.03));
    }
  });
  return c;
}

function shuffleCols<T extends Record<string, unknown[]>>(cols: T): Record<string, unknown[]> {
  const n = Object.values(cols)[0].length;
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(5, "shuffle ftz");
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(0, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, order.map((i) => v[i])]));
}

describe("jjj-ftz-psm-did: matching and placebo draws are independent of row order", () => {
  const cols = ftzPanel();
  const sorted = Table.fromColumns("sorted.csv", cols);
  const mixed = Table.fromColumns("shuffled.csv", shuffleCols(cols) as Record<string, (string | number)[]>);
  const spec = { id: "city", time: "year", y: "y", treatment: "FTZ", covariates: ["fe", "pgdp"], vcov: "cluster", cluster: "city", preset: "stata.reghdfe" };

  it("k-NN in caliper, k-NN and radius matching: the same ATT, SE and matched counts", () => {
    for (const m of [{ method: "nearest", ratio: 4, replace: true }, { method: "radius", caliper: 0.66, caliperScale: "abs" },
      { method: "nearest", ratio: 4, replace: true, caliper: 0.66, caliperScale: "abs" }] as const) {
      const o = { treatment: "FTZ", covariates: ["fe", "pgdp"], outcome: "y", link: "logit" as const, ...m };
      const a = causal.psm(sorted, o), b = causal.psm(mixed, o);
      expect(b.att).toBeCloseTo(a.att!, 12);
      expect(b.att_se).toBeCloseTo(a.att_se!, 12);
      expect(b.matching.matched_control).toBe(a.matching.matched_control);
    }
  });

  it("placebo (200 seeded reassignments of units): the same draws and p-value", () => {
    const o = { ...spec, draws: 200, seed: 20250421, mode: "units" as const };
    const a = causal.placeboTest(sorted, o), b = causal.placeboTest(mixed, o);
    expect(b.p_value).toBe(a.p_value);
    for (let i = 0; i < 200; i++) expect(b.draws[i]).toBeCloseTo(a.draws[i], 12);
  });

  it("wild cluster bootstrap and exact randomization: the same p-values", () => {
    const wa = causal.wildClusterBootstrap(sorted, spec), wb = causal.wildClusterBootstrap(mixed, spec);
    expect(wb.p_value).toBe(wa.p_value);
    expect(wb.statistic).toBeCloseTo(wa.statistic, 10);
    const ra = causal.exactRandomization(sorted, spec), rb = causal.exactRandomization(mixed, spec);
    expect(rb.p_value).toBe(ra.p_value);
  });
});
