/**
 * A flow map as plotly traces in plain lon/lat: region polygons (provinces filled by region), province
 * outlines (geo/outline.ts), flows as straight lines grouped into width classes (plotly draws one width per
 * trace), and points sized by a value. Pass the result's `data`/`layout` to display's figure helpers.
 */
import { DEFAULT_COLORS, Figure, Trace } from "../display/figure";
import { FeatureCollection, GeoFeature, mapAxes, outlineTrace } from "./outline";

export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  /** Marker size driver (e.g. weighted degree); sizes are scaled by √value. */
  value?: number;
  /** Group (community, region, class) for colour; one legend entry per group. */
  group?: string | number;
  label?: string;
}

export interface MapFlow {
  source: string;
  target: string;
  weight: number;
}

export interface FlowMapOptions {
  /** Province boundaries (readGeoJson("../shared/data/china_provinces.geojson")). */
  boundaries?: FeatureCollection;
  /** Fill provinces by a region key: a function of the feature, or a property name (e.g. "region"). */
  regionOf?: string | ((f: GeoFeature) => string | undefined);
  regionColors?: Record<string, string>;
  /** Number of line-width classes for flows (quantiles of the weights). Default 4. */
  widthClasses?: number;
  maxWidth?: number;
  maxMarker?: number;
  flowColor?: string;
  /** Draw only the strongest flows (by weight). */
  topFlows?: number;
  title?: string;
  labels?: boolean;
  centerLat?: number;
}

type Ring = number[][];

function outerRings(f: GeoFeature): Ring[] {
  const g = f.geometry;
  if (g.type === "Polygon") return [(g.coordinates as Ring[])[0]];
  return (g.coordinates as Ring[][]).map((p) => p[0]);
}

/** One filled scatter trace per region (rings separated by nulls, fill "toself"). */
export function regionPolygonTraces(fc: FeatureCollection, regionOf: string | ((f: GeoFeature) => string | undefined), colors: Record<string, string> = {}): Trace[] {
  const key = typeof regionOf === "function" ? regionOf : (f: GeoFeature) => {
    const v = f.properties?.[regionOf];
    return v === undefined || v === null ? undefined : String(v);
  };
  const groups = new Map<string, { x: (number | null)[]; y: (number | null)[] }>();
  for (const f of fc.features) {
    const r = key(f);
    if (r === undefined) continue;
    const g = groups.get(r) ?? { x: [], y: [] };
    for (const ring of outerRings(f)) {
      for (const [lon, lat] of ring) {
        g.x.push(lon);
        g.y.push(lat);
      }
      g.x.push(null);
      g.y.push(null);
    }
    groups.set(r, g);
  }
  let k = 0;
  return [...groups].map(([r, g]) => {
    const color = colors[r] ?? DEFAULT_COLORS[k++ % DEFAULT_COLORS.length];
    return { type: "scatter", mode: "lines", name: r, x: g.x, y: g.y, fill: "toself", fillcolor: withAlpha(color, 0.18), line: { color: withAlpha(color, 0.5), width: 0.5 }, hoverinfo: "skip", showlegend: true } as Trace;
  });
}

function withAlpha(color: string, a: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const v = parseInt(m[1], 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${a})`;
}

/** Flow lines in `classes` width classes by weight quantile; unknown endpoints throw. */
export function flowTraces(points: readonly MapPoint[], flows: readonly MapFlow[], opts: FlowMapOptions = {}): Trace[] {
  const at = new Map(points.map((p) => [p.id, p]));
  let fl = flows.filter((f) => f.weight > 0);
  for (const f of fl) for (const id of [f.source, f.target]) if (!at.has(id)) throw new RangeError(`flowMap: flow endpoint "${id}" has no coordinates`);
  fl = [...fl].sort((a, b) => b.weight - a.weight);
  if (opts.topFlows !== undefined) fl = fl.slice(0, opts.topFlows);
  if (!fl.length) return [];
  const classes = Math.max(1, Math.min(opts.widthClasses ?? 4, fl.length));
  const maxW = opts.maxWidth ?? 4;
  const asc = fl.map((f) => f.weight).sort((a, b) => a - b);
  const cuts = Array.from({ length: classes - 1 }, (_, i) => asc[Math.floor(((i + 1) * asc.length) / classes)]);
  const traces: Trace[] = [];
  for (let c = 0; c < classes; c++) {
    const lo = c === 0 ? -Infinity : cuts[c - 1];
    const hi = c === classes - 1 ? Infinity : cuts[c];
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    let wmin = Infinity, wmax = -Infinity;
    for (const f of fl) {
      if (!(f.weight >= lo && f.weight < hi)) continue;
      const a = at.get(f.source)!;
      const b = at.get(f.target)!;
      x.push(a.lon, b.lon, null);
      y.push(a.lat, b.lat, null);
      wmin = Math.min(wmin, f.weight);
      wmax = Math.max(wmax, f.weight);
    }
    if (!x.length) continue;
    traces.push({ type: "scatter", mode: "lines", name: `flow ${fmt(wmin)}–${fmt(wmax)}`, x, y, line: { color: opts.flowColor ?? "rgba(200,60,40,0.55)", width: (maxW * (c + 1)) / classes }, hoverinfo: "skip", showlegend: true });
  }
  return traces;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());

/** Points as markers, one trace per group; size ∝ √value. */
export function pointTraces(points: readonly MapPoint[], opts: FlowMapOptions = {}): Trace[] {
  const maxM = opts.maxMarker ?? 18;
  const vmax = Math.max(0, ...points.map((p) => p.value ?? 0));
  const groups = new Map<string, MapPoint[]>();
  for (const p of points) {
    const g = String(p.group ?? "points");
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  let k = 0;
  return [...groups].map(([g, ps]) => ({
    type: "scatter",
    mode: opts.labels ? "markers+text" : "markers",
    name: g,
    x: ps.map((p) => p.lon),
    y: ps.map((p) => p.lat),
    text: opts.labels ? ps.map((p) => p.label ?? p.id) : undefined,
    textposition: opts.labels ? "top center" : undefined,
    hovertext: ps.map((p) => `${p.label ?? p.id}${p.value !== undefined ? `: ${fmt(p.value)}` : ""}`),
    hoverinfo: "text",
    marker: { color: DEFAULT_COLORS[k++ % DEFAULT_COLORS.length], size: ps.map((p) => (vmax > 0 && p.value !== undefined ? 4 + (maxM - 4) * Math.sqrt(p.value / vmax) : 6)), line: { color: "#ffffff", width: 0.5 } },
  }) as Trace);
}

/** Region polygons, boundaries, flows and points, bottom to top, with lon/lat-preserving axes. */
export function flowMap(points: readonly MapPoint[], flows: readonly MapFlow[], opts: FlowMapOptions = {}): Figure {
  const data: Trace[] = [];
  if (opts.boundaries && opts.regionOf) data.push(...regionPolygonTraces(opts.boundaries, opts.regionOf, opts.regionColors));
  if (opts.boundaries) data.push(outlineTrace(opts.boundaries));
  data.push(...flowTraces(points, flows, opts));
  data.push(...pointTraces(points, opts));
  return { data, layout: { ...mapAxes(opts.centerLat ?? 35), title: opts.title, showlegend: true, margin: { l: 10, r: 10, t: opts.title ? 40 : 10, b: 10 } } };
}
