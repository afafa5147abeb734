/**
 * Cities as points on province outlines, coloured by one number (a population change, a market-access index):
 * the map several notebooks drew trace by trace. Optional labels (text above chosen points) and marks (points
 * drawn apart, e.g. a city that cannot be measured or the city a scenario changes).
 */
import { ColorScale, Figure, Trace } from "../display/figure";
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
