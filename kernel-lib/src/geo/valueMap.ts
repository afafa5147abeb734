/**
 * Cities as points on province outlines, coloured by one number (a population change, a market-access index):
 * the map several notebooks drew trace by trace. Optional labels (text above chosen points) and marks (points
 * drawn apart, e.g. a city that cannot be measured or the city a scenario changes).
 */
import { quantile } from "../data/panel";
import { ColorScale, Figure, Trace, colorAt, resolveScale } from "../display/figure";
import { FeatureCollection, mapAxes, outlineTrace } from "./outline";

export interface ValuePoint {
  lon: number;
  lat: number;
  value: number;
  /** Hover text. */
  hover?: string;
  /** Marker size of this point (else `size`). */
  size?: number;
}

export interface MapMark {
  lon: number;
  lat: number;
  text: string;
}

export interface ValueMapOptions {
  title: string;
  boundaries?: FeatureCollection;
  colorscale?: ColorScale;
  /** Colour range [lo, hi]: values outside are drawn at the nearest end (the hover keeps the true value). */
  range?: [number, number];
  /** "log10": colour by log10(value); values ≤ 0 are refused unless `floor` lifts them. */
  transform?: "log10";
  /** With "log10": values below it are coloured as `floor`. */
  floor?: number;
  colorbarTitle?: string;
  size?: number;
  markerLine?: { color: string; width: number };
  /** Text above these points (shifted north by `labelOffset` degrees). */
  labels?: MapMark[];
  labelOffset?: number;
  /** Points drawn apart with their text (symbol `markSymbol`, default "x", colour `markColor`). */
  marks?: MapMark[];
  markSymbol?: string;
  markColor?: string;
  markSize?: number;
  width?: number;
  height?: number;
  centerLat?: number;
}

/** The colour value of each point: checked finite, log-transformed and clamped as the options say. */
export function mapColorValues(values: readonly number[], opts: Pick<ValueMapOptions, "transform" | "floor" | "range"> = {}): number[] {
  return values.map((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`valueMap: point ${i + 1} has value ${v}; expected a finite number`);
    let c = v;
    if (opts.transform === "log10") {
      const lifted = opts.floor !== undefined ? Math.max(v, opts.floor) : v;
      if (!(lifted > 0)) throw new Error(`valueMap: point ${i + 1} has value ${v}; log10 needs a positive value (set floor)`);
      c = Math.log10(lifted);
    }
    if (opts.range) c = Math.max(opts.range[0], Math.min(opts.range[1], c));
    return c;
  });
}

export function valueMap(points: readonly ValuePoint[], opts: ValueMapOptions): Figure {
  const color = mapColorValues(points.map((p) => p.value), opts);
  const data: Trace[] = [];
  if (opts.boundaries) data.push(outlineTrace(opts.boundaries));
  const sizes = points.some((p) => p.size !== undefined) ? points.map((p) => p.size ?? opts.size ?? 8) : opts.size ?? 8;
  data.push({
    type: "scatter", mode: "markers", name: "value", x: points.map((p) => p.lon), y: points.map((p) => p.lat),
    hovertext: points.map((p) => p.hover ?? String(p.value)), hoverinfo: "text", showlegend: false,
    marker: {
      color, size: sizes, colorscale: opts.colorscale ?? "Viridis", showscale: true,
      ...(opts.range ? { cmin: opts.range[0], cmax: opts.range[1] } : {}),
      ...(opts.colorbarTitle ? { colorbar: { title: { text: opts.colorbarTitle } } } : {}),
      ...(opts.markerLine ? { line: opts.markerLine } : {}),
    },
  });
  const labels = opts.labels ?? [];
  if (labels.length) {
    const dy = opts.labelOffset ?? 0.9;
    data.push({ type: "scatter", mode: "text", x: labels.map((l) => l.lon), y: labels.map((l) => l.lat + dy),
      text: labels.map((l) => l.text), textposition: "top center", showlegend: false, hoverinfo: "skip" });
  }
  const marks = opts.marks ?? [];
  if (marks.length) {
    data.push({ type: "scatter", mode: "markers+text", name: "marked", x: marks.map((m) => m.lon), y: marks.map((m) => m.lat),
      text: marks.map((m) => m.text), textposition: "top center", showlegend: false, hoverinfo: "skip",
      marker: { color: opts.markColor ?? "#888888", size: opts.markSize ?? 9, symbol: opts.markSymbol ?? "x" } });
  }
  return {
    data,
    layout: { title: { text: opts.title }, width: opts.width ?? 820, height: opts.height ?? 640,
      margin: { l: 10, r: 10, t: 50, b: 10 }, ...mapAxes(opts.centerLat ?? 35), showlegend: false },
  };
}

// Units keyed by code (adcode as text) rather than given as points: the data atlas's maps.
/** A unit's value, keyed by its code (adcode as text). */
export interface PointValue {
  code: string;
  value: number;
}

/** Where each unit is drawn: a label point and the name shown on hover. */
export type UnitPoints = Map<string, { lon: number; lat: number; name: string }>;

/** Options of `pointValueMap` and `provinceChoropleth` (units keyed by code). */
export interface UnitMapOptions {
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
  o: UnitMapOptions): { figure: Figure; drawn: number; unplaced: string[]; range: [number, number] } {
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
export function provinceChoropleth(provinces: FeatureCollection, values: Map<string, number>, o: UnitMapOptions): Figure {
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
