import * as fs from "fs";
import { Trace } from "../display/figure";

/**
 * Boundary outlines from GeoJSON as plotly scatter traces in plain lon/lat (one trace, rings separated by
 * nulls), so maps need no tile server, no topojson download and draw the same in the static SVG.
 */

type Ring = number[][];
interface Geometry {
  type: "Polygon" | "MultiPolygon";
  coordinates: Ring[] | Ring[][];
}
export interface GeoFeature {
  type: "Feature";
  properties: Record<string, unknown>;
  geometry: Geometry;
}
export interface FeatureCollection {
  type: "FeatureCollection";
  features: GeoFeature[];
}

export function readGeoJson(file: string): FeatureCollection {
  const g = JSON.parse(fs.readFileSync(file, "utf8"));
  if (g?.type !== "FeatureCollection" || !Array.isArray(g.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return g as FeatureCollection;
}

function rings(geom: Geometry): Ring[] {
  if (geom.type === "Polygon") return geom.coordinates as Ring[];
  if (geom.type === "MultiPolygon") return (geom.coordinates as Ring[][]).flat();
  throw new Error(`geo: unsupported geometry type ${(geom as Geometry).type}`);
}

export interface OutlineOptions {
  color?: string;
  width?: number;
  /** Keep only features whose property passes this test (e.g. drop 南海诸岛 insets). */
  filter?: (f: GeoFeature) => boolean;
  name?: string;
}

export function outlineTrace(fc: FeatureCollection, opts: OutlineOptions = {}): Trace {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const f of fc.features) {
    if (opts.filter && !opts.filter(f)) continue;
    for (const r of rings(f.geometry)) {
      for (const [lon, lat] of r) {
        x.push(lon);
        y.push(lat);
      }
      x.push(null);
      y.push(null);
    }
  }
  return {
    type: "scatter",
    mode: "lines",
    x,
    y,
    line: { color: opts.color ?? "#9a9a9a", width: opts.width ?? 0.8 },
    hoverinfo: "skip",
    showlegend: false,
    name: opts.name ?? "boundaries",
  };
}

/** Axis settings that keep a lon/lat map's proportions at a given latitude (1/cos φ on the y axis). */
export function mapAxes(centerLat = 35): { xaxis: Record<string, unknown>; yaxis: Record<string, unknown> } {
  return {
    xaxis: { visible: false, showgrid: false, zeroline: false },
    yaxis: { visible: false, showgrid: false, zeroline: false, scaleanchor: "x", scaleratio: 1 / Math.cos((centerLat * Math.PI) / 180) },
  };
}
