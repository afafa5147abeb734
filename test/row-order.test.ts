import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data/table";
import { threshold } from "../kernel-lib/src/panel/threshold";
import { mediation } from "../kernel-lib/src/panel/mediation";
import { createRng } from "../kernel-lib/src/rng";

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
