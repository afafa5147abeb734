// Helpers of the data atlas notebook: coverage counts and map figures for the real datasets the project reads.
// Loaded with loadStudyModule("data-atlas", "atlas"); they only arrange and draw, every number comes from the files.
import { pearsonCorrelation, colorAt, resolveScale, outlineTrace, mapAxes, quantile, type ColorScale, type Figure, type Trace, type Table, type FeatureCollection } from "kernel-lib";

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

export interface PointValue {
  code: string;
  value: number;
}

/**
 * Prefecture points (ECharts label points) coloured by value; the colour range is clipped to the 2nd–98th
 * percentile so one outlier does not flatten the map (the clipped range is in the colour-bar title).
 * Returns the figure and the units that have no point (counted, never dropped silently).
 */
export function pointMap(
  provinces: FeatureCollection,
  points: Map<string, { lon: number; lat: number; name: string }>,
  values: readonly PointValue[],
  o: { title: string; unit: string; scale?: ColorScale },
): { figure: Figure; drawn: number; unplaced: string[] } {
  const at = values.filter((v) => points.has(v.code) && Number.isFinite(v.value));
  const unplaced = values.filter((v) => !points.has(v.code)).map((v) => v.code);
  const vals = at.map((v) => v.value);
  const lo = quantile(vals, 0.02, "r7");
  const hi = quantile(vals, 0.98, "r7");
  const trace: Trace = {
    type: "scatter",
    mode: "markers",
    x: at.map((v) => points.get(v.code)!.lon),
    y: at.map((v) => points.get(v.code)!.lat),
    text: at.map((v) => `${points.get(v.code)!.name} ${v.code}: ${v.value}`),
    hoverinfo: "text",
    marker: { color: vals, colorscale: o.scale ?? "Viridis", cmin: lo, cmax: hi, size: 7, showscale: true, colorbar: { title: { text: o.unit } }, line: { color: "#333333", width: 0.3 } },
    showlegend: false,
  };
  return {
    figure: { data: [outlineTrace(provinces), trace], layout: { title: { text: o.title }, width: 760, height: 600, margin: { l: 10, r: 10, t: 50, b: 10 }, ...mapAxes(36), showlegend: false } },
    drawn: at.length,
    unplaced,
  };
}

/** Provinces filled by value (outer rings), with a colour bar carried by markers at the label points. */
export function provinceChoropleth(provinces: FeatureCollection, values: Map<string, number>, o: { title: string; unit: string; scale?: ColorScale }): Figure {
  const vals = [...values.values()].filter((v) => Number.isFinite(v));
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const scale = resolveScale(o.scale ?? "Viridis");
  const fills: Trace[] = [];
  const cx: number[] = [];
  const cy: number[] = [];
  const cv: number[] = [];
  const ct: string[] = [];
  for (const f of provinces.features) {
    const code = String(f.properties?.adcode ?? "");
    const v = values.get(code);
    if (v === undefined || !Number.isFinite(v)) continue;
    const g = f.geometry;
    const rings = g.type === "Polygon" ? [(g.coordinates as number[][][])[0]] : (g.coordinates as number[][][][]).map((p) => p[0]);
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const r of rings) {
      for (const [lon, lat] of r) {
        x.push(lon);
        y.push(lat);
      }
      x.push(null);
      y.push(null);
    }
    const color = colorAt(scale, hi > lo ? (v - lo) / (hi - lo) : 0.5);
    fills.push({ type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: color, line: { color: "#555555", width: 0.4 }, hoverinfo: "skip", showlegend: false });
    const cp = f.properties?.cp as [number, number] | undefined;
    if (cp) {
      cx.push(cp[0]);
      cy.push(cp[1]);
      cv.push(v);
      ct.push(`${f.properties?.name_zh}: ${v}`);
    }
  }
  const bar: Trace = { type: "scatter", mode: "markers", x: cx, y: cy, text: ct, hoverinfo: "text", marker: { color: cv, colorscale: scale, cmin: lo, cmax: hi, size: 4, showscale: true, colorbar: { title: { text: o.unit } }, line: { color: "#ffffff", width: 0.5 } }, showlegend: false };
  return { data: [outlineTrace(provinces), ...fills, bar], layout: { title: { text: o.title }, width: 760, height: 600, margin: { l: 10, r: 10, t: 50, b: 10 }, ...mapAxes(36), showlegend: false } };
}

/** Pearson correlation of paired finite values (kernel-lib's). */
export const correlation = (x: readonly number[], y: readonly number[]): number => pearsonCorrelation(x, y);
