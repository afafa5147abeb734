/**
 * Panel QCA (García-Castro & Ariño 2016, "A general approach to panel data set-theoretic research"):
 * for a sufficiency relation X → Y observed for units i over periods t,
 *   pooled consistency   POCONS  = Σ_it min(x, y) / Σ_it x,         pooled coverage  POCOV  = Σ_it min(x, y) / Σ_it y
 *   between consistency  BECONS_t = Σ_i min(x_it, y_it) / Σ_i x_it   (one cross-section per period)
 *   within consistency   WICONS_i = Σ_t min(x_it, y_it) / Σ_t x_it   (one time series per unit)
 * and the matching coverages. `maxBetweenGap` / `maxWithinGap` report the largest |BECONS_t − POCONS| and
 * |WICONS_i − POCONS| (a plain summary; the paper's normalised distance measures are not implemented).
 */
import { Membership, sufficiency } from "./sets";

export interface PanelFitRow {
  key: string;
  n: number;
  consistency: number;
  coverage: number;
}

export interface PanelConsistency {
  pooled: { consistency: number; coverage: number; n: number };
  between: PanelFitRow[];
  within: PanelFitRow[];
  maxBetweenGap: number;
  maxWithinGap: number;
}

export function panelConsistency(x: Membership, y: Membership, unit: ArrayLike<string | number>, time: ArrayLike<string | number>): PanelConsistency {
  const n = x.length;
  if (y.length !== n || unit.length !== n || time.length !== n) throw new Error("panelConsistency: x, y, unit and time need the same length");
  const group = (ids: ArrayLike<string | number>) => {
    const g = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const k = String(ids[i]);
      (g.get(k) ?? g.set(k, []).get(k)!).push(i);
    }
    return [...g.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };
  const fit = ([key, idx]: [string, number[]]): PanelFitRow => {
    const f = sufficiency(
      idx.map((i) => x[i]),
      idx.map((i) => y[i]),
    );
    return { key, n: idx.length, consistency: f.inclusion, coverage: f.coverage };
  };
  const p = sufficiency(x, y);
  const between = group(time).map(fit);
  const within = group(unit).map(fit);
  const gap = (rs: PanelFitRow[]) => Math.max(0, ...rs.filter((r) => !Number.isNaN(r.consistency)).map((r) => Math.abs(r.consistency - p.inclusion)));
  return { pooled: { consistency: p.inclusion, coverage: p.coverage, n }, between, within, maxBetweenGap: gap(between), maxWithinGap: gap(within) };
}
