/**
 * The figure description regionlab passes to plotly.js: a typed subset of plotly's own JSON (scatter and
 * bar traces, one x and one y axis), small enough that the same object can also be drawn as a static SVG.
 */
export type ColorScale = string | [number, string][];

export interface Marker {
  color?: string | number[] | string[];
  size?: number | number[];
  colorscale?: ColorScale;
  cmin?: number;
  cmax?: number;
  cmid?: number;
  showscale?: boolean;
  colorbar?: { title?: { text?: string } | string };
  line?: { color?: string; width?: number };
  opacity?: number;
  symbol?: string;
}

export interface Trace {
  type?: "scatter" | "bar";
  name?: string;
  x?: (number | string | null)[];
  y?: (number | string | null)[];
  mode?: "markers" | "lines" | "lines+markers" | "text" | "markers+text" | "lines+markers+text" | "none";
  orientation?: "v" | "h";
  marker?: Marker;
  line?: { color?: string; width?: number; dash?: "solid" | "dash" | "dot" };
  fill?: "none" | "toself";
  fillcolor?: string;
  text?: string[] | string;
  textposition?: string;
  hovertext?: string[];
  hoverinfo?: string;
  hovertemplate?: string;
  showlegend?: boolean;
  /** Error bars (for coefficient plots). */
  error_y?: { type: "data"; array: number[]; arrayminus?: number[]; visible?: boolean };
  error_x?: { type: "data"; array: number[]; arrayminus?: number[]; visible?: boolean };
}

export interface Axis {
  title?: { text?: string } | string;
  range?: [number, number];
  /** "x" on the y axis keeps one unit equal on both axes (maps). */
  scaleanchor?: "x";
  scaleratio?: number;
  visible?: boolean;
  showgrid?: boolean;
  zeroline?: boolean;
  type?: "linear" | "log" | "category";
  automargin?: boolean;
  tickformat?: string;
  autorange?: "reversed" | boolean;
  /** Order of a category axis, as in plotly: by first appearance ("trace", the default), sorted, or `categoryarray` first. */
  categoryorder?: "trace" | "category ascending" | "category descending" | "array";
  categoryarray?: (string | number)[];
}

export interface Layout {
  title?: { text?: string } | string;
  width?: number;
  height?: number;
  xaxis?: Axis;
  yaxis?: Axis;
  showlegend?: boolean;
  margin?: { l?: number; r?: number; t?: number; b?: number };
  barmode?: "group" | "overlay" | "stack";
  plot_bgcolor?: string;
  paper_bgcolor?: string;
  font?: { family?: string; size?: number };
  legend?: Record<string, unknown>;
  shapes?: Shape[];
}

export interface Shape {
  type: "line" | "rect";
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xref?: "x" | "paper";
  yref?: "y" | "paper";
  line?: { color?: string; width?: number; dash?: "solid" | "dash" | "dot" };
  fillcolor?: string;
}

export interface Figure {
  data: Trace[];
  layout?: Layout;
}

export const titleText = (t: { text?: string } | string | undefined): string => (typeof t === "string" ? t : t?.text ?? "");

/** Named colour scales, written out so plotly and the static SVG use the very same stops. */
export const COLOR_SCALES: Record<string, [number, string][]> = {
  RdBu: [
    [0, "rgb(5,10,172)"],
    [0.35, "rgb(106,137,247)"],
    [0.5, "rgb(190,190,190)"],
    [0.6, "rgb(220,170,132)"],
    [0.7, "rgb(230,145,90)"],
    [1, "rgb(178,10,28)"],
  ],
  // Diverging red (loss) – white – blue (gain), for changes centred on zero.
  RedBlue: [
    [0, "rgb(165,0,38)"],
    [0.25, "rgb(244,109,67)"],
    [0.5, "rgb(247,247,247)"],
    [0.75, "rgb(116,173,209)"],
    [1, "rgb(49,54,149)"],
  ],
  Viridis: [
    [0, "#440154"],
    [0.25, "#3b528b"],
    [0.5, "#21918c"],
    [0.75, "#5ec962"],
    [1, "#fde725"],
  ],
  Blues: [
    [0, "rgb(247,251,255)"],
    [0.5, "rgb(107,174,214)"],
    [1, "rgb(8,48,107)"],
  ],
};

export const DEFAULT_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function resolveScale(s: ColorScale | undefined): [number, string][] {
  if (!s) return COLOR_SCALES.Viridis;
  if (typeof s === "string") {
    const found = COLOR_SCALES[s];
    if (!found) throw new Error(`figure: unknown colour scale "${s}" (known: ${Object.keys(COLOR_SCALES).join(", ")})`);
    return found;
  }
  return s;
}

function parseRgb(c: string): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})$/i.exec(c);
  if (h) {
    const n = parseInt(h[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  throw new Error(`figure: cannot interpolate colour "${c}" (use rgb(r,g,b) or #rrggbb)`);
}

/** Colour at t in [0, 1] on a scale, by linear interpolation in RGB as plotly does. */
export function colorAt(scale: [number, string][], t: number): string {
  const u = Math.min(1, Math.max(0, t));
  for (let i = 1; i < scale.length; i++) {
    if (u <= scale[i][0]) {
      const [t0, c0] = scale[i - 1];
      const [t1, c1] = scale[i];
      const f = t1 === t0 ? 0 : (u - t0) / (t1 - t0);
      const a = parseRgb(c0);
      const b = parseRgb(c1);
      return `rgb(${a.map((v, k) => Math.round(v + f * (b[k] - v))).join(",")})`;
    }
  }
  return scale[scale.length - 1][1];
}

/** The [cmin, cmax] plotly would use for a numeric colour array (cmid centres it). */
export function colorRange(m: Marker, values: number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = m.cmin ?? Math.min(...finite);
  let hi = m.cmax ?? Math.max(...finite);
  if (m.cmid !== undefined && m.cmin === undefined && m.cmax === undefined) {
    const r = Math.max(Math.abs(lo - m.cmid), Math.abs(hi - m.cmid));
    lo = m.cmid - r;
    hi = m.cmid + r;
  }
  return [lo, hi];
}

/** One "lines+markers" series of a line chart (y against x), with an optional line style. */
export function lineTrace(name: string, x: (number | string)[], y: number[], line?: Trace["line"]): Trace {
  if (x.length !== y.length) throw new Error(`lineTrace "${name}": ${x.length} x values but ${y.length} y values`);
  return { type: "scatter", mode: "lines+markers", name, x, y, ...(line ? { line } : {}) };
}
