// Helpers of the data atlas notebook: coverage counts and the coverage figure (the value maps are kernel-lib's
// pointValueMap and provinceChoropleth).
// Loaded with loadStudyModule("data-atlas", "atlas"); they only arrange and draw, every number comes from the files.
import { pearsonCorrelation, type Figure, type Table } from "kernel-lib";

/** Yellow-orange-red, for emissions and pollution (kernel-lib names only Viridis, Blues and the diverging scales). */
export const HEAT: [number, string][] = [
  [0, "rgb(255,255,204)"],
  [0.35, "rgb(254,178,76)"],
  [0.7, "rgb(240,59,32)"],
  [1, "rgb(128,0,38)"],
];

/** adcode as text (the reader infers 6-digit codes as numbers). */
export function codes(t: Table, col = "adcode"): string[] {
  const c = t.col(col);
  return Array.from(c as ArrayLike<number | string>, (v) => (typeof v === "number" ? (Number.isNaN(v) ? "" : String(v)) : v));
}

/** Units with a value in `value` (or any row when value is omitted), per year. */
export function unitsByYear(t: Table, value?: string, unit = "adcode", year = "year"): Map<number, number> {
  const u = codes(t, unit);
  const y = t.num(year);
  const v = value ? t.num(value) : null;
  const sets = new Map<number, Set<string>>();
  for (let i = 0; i < y.length; i++) {
    if (v && !Number.isFinite(v[i])) continue;
    const s = sets.get(y[i]) ?? new Set<string>();
    s.add(u[i]);
    sets.set(y[i], s);
  }
  return new Map([...sets].sort((a, b) => a[0] - b[0]).map(([k, s]) => [k, s.size]));
}

/**
 * A year × dataset grid of square markers (a heat map the SVG can draw), coloured by the share of the dataset's
 * best-covered year, so province and prefecture panels read on one scale; hover gives the count.
 */
export function coverageFigure(rows: { label: string; byYear: Map<number, number> }[], title: string): Figure {
  const x: number[] = [];
  const y: string[] = [];
  const c: number[] = [];
  const text: string[] = [];
  for (const r of rows) {
    const max = Math.max(...r.byYear.values());
    for (const [yr, n] of r.byYear) {
      x.push(yr);
      y.push(r.label);
      c.push(n / max);
      text.push(`${r.label} ${yr}: ${n} units`);
    }
  }
  return {
    data: [{ type: "scatter", mode: "markers", x, y, text, hoverinfo: "text", marker: { symbol: "square", size: 11, color: c, colorscale: "Viridis", cmin: 0, cmax: 1, showscale: true, colorbar: { title: { text: "share of max" } } }, showlegend: false }],
    layout: { title: { text: title }, width: 940, height: 120 + 34 * rows.length, margin: { l: 260, r: 20, t: 50, b: 40 }, xaxis: { title: { text: "year" } }, yaxis: { type: "category", automargin: true } },
  };
}

/** Pearson correlation of paired finite values (kernel-lib's). */
export const correlation = (x: readonly number[], y: readonly number[]): number => pearsonCorrelation(x, y);
