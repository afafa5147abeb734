import { quantile } from "../data/panel";
import { colorAt, resolveScale, type ColorScale, type Figure, type Trace } from "../display/figure";
import { mapAxes, outlineTrace, type FeatureCollection } from "./outline";

/** A unit's value, keyed by its code (adcode as text). */
export interface PointValue {
  code: string;
  value: number;
}

/** Where each unit is drawn: a label point and the name shown on hover. */
export type UnitPoints = Map<string, { lon: number; lat: number; name: string }>;

export interface ValueMapOptions {
  title: string;
  /** Colour-bar title (the unit of the value). */
  unit: string;
  scale?: ColorScale;
}

/**
 * Units drawn at their points over the province outlines, coloured by value. The colour range is clipped to the
 * 2nd–98th percentile (R's type 7) so one outlier does not flatten the map. Units without a point are returned in
 * `unplaced` (counted, never dropped silently); a unit with a point but a non-finite value is not drawn.
 */
export function pointValueMap(provinces: FeatureCollection, points: UnitPoints, values: readonly PointValue[],
  o: ValueMapOptions): { figure: Figure; drawn: number; unplaced: string[]; range: [number, number] } {
  const at = values.filter((v) => points.has(v.code) && Number.isFinite(v.value));
  const unplaced = values.filter((v) => !points.has(v.code)).map((v) => v.code);
  const vals = at.map((v) => v.value);
  const lo = quantile(vals, 0.02, "r7");
  const hi = quantile(vals, 0.98, "r7");
  const trace: Trace = {
    type: "scatter", mode: "markers",
    x: at.map((v) => points.get(v.code)!.lon), y: at.map((v) => points.get(v.code)!.lat),
    text: at.map((v) => `${points.get(v.code)!.name} ${v.code}: ${v.value}`), hoverinfo: "text",
    marker: { color: vals, colorscale: o.scale ?? "Viridis", cmin: lo, cmax: hi, size: 7, showscale: true,
      colorbar: { title: { text: o.unit } }, line: { color: "#333333", width: 0.3 } },
    showlegend: false,
  };
  const layout = { title: { text: o.title }, width: 760, height: 600, margin: { l: 10, r: 10, t: 50, b: 10 },
    ...mapAxes(36), showlegend: false };
  return { figure: { data: [outlineTrace(provinces), trace], layout }, drawn: at.length, unplaced, range: [lo, hi] };
}

/**
 * Provinces filled by value (their outer rings) on a linear scale from the smallest to the largest value; the
 * colour bar rides on markers at the provinces' label points (`cp`). A province without a value stays unfilled.
 */
export function provinceChoropleth(provinces: FeatureCollection, values: Map<string, number>, o: ValueMapOptions): Figure {
  const vals = [...values.values()].filter((v) => Number.isFinite(v));
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const scale = resolveScale(o.scale ?? "Viridis");
  const fills: Trace[] = [];
  const cx: number[] = [], cy: number[] = [], cv: number[] = [], ct: string[] = [];
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
    fills.push({ type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: color, line: { color: "#555555", width: 0.4 },
      hoverinfo: "skip", showlegend: false });
    const cp = f.properties?.cp as [number, number] | undefined;
    if (cp) {
      cx.push(cp[0]);
      cy.push(cp[1]);
      cv.push(v);
      ct.push(`${f.properties?.name_zh}: ${v}`);
    }
  }
  const bar: Trace = { type: "scatter", mode: "markers", x: cx, y: cy, text: ct, hoverinfo: "text",
    marker: { color: cv, colorscale: scale, cmin: lo, cmax: hi, size: 4, showscale: true, colorbar: { title: { text: o.unit } },
      line: { color: "#ffffff", width: 0.5 } }, showlegend: false };
  return { data: [outlineTrace(provinces), ...fills, bar], layout: { title: { text: o.title }, width: 760, height: 600,
    margin: { l: 10, r: 10, t: 50, b: 10 }, ...mapAxes(36), showlegend: false } };
}
