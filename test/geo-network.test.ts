import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { EARTH_RADIUS_KM, distanceMatrix, greatCircleKm } from "../kernel-lib/src/geo/greatCircle";
import { PAPER_BANDS, bandShares, bandsFrom, distanceBand, shareWithin } from "../kernel-lib/src/geo/bands";
import { fitGravity, gravityFlows } from "../kernel-lib/src/geo/gravity";
import { flowMap, flowTraces, regionPolygonTraces } from "../kernel-lib/src/geo/flowMap";
import { readGeoJson } from "../kernel-lib/src/geo/outline";

// Expected distances: haversine in NumPy (test/reference/network/coreperiphery_reference.py), a different
// formula from the paper's law of cosines, equal in exact arithmetic.
const cp = JSON.parse(fs.readFileSync(path.join(__dirname, "reference", "network", "expected_cp.json"), "utf8"));
const GEOJSON = path.resolve(__dirname, "..", "data", "geo", "china_provinces.geojson");

describe("the paper's great-circle distance, formula (1)–(2)", () => {
  it("R = 6371.004 km and agreement with haversine to 1e-6 km", () => {
    expect(EARTH_RADIUS_KM).toBe(6371.004);
    for (const d of cp.distances) {
      const [a, b, c, e] = d.lonlat;
      expect(Math.abs(greatCircleKm(a, b, c, e) - d.km)).toBeLessThan(1e-6);
      expect(greatCircleKm(c, e, a, b)).toBeCloseTo(greatCircleKm(a, b, c, e), 9);
    }
  });

  it("identical points give 0 (Z clipped to 1), antipodes πR; bad coordinates throw", () => {
    expect(greatCircleKm(116.4, 39.9, 116.4, 39.9)).toBe(0);
    expect(greatCircleKm(0, 0, 180, 0)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(() => greatCircleKm(116, 95, 0, 0)).toThrow(/lat1/);
    const D = distanceMatrix([{ id: "a", lon: 0, lat: 0 }, { id: "b", lon: 1, lat: 0 }]);
    expect(D[0][1]).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9);
  });
});

describe("distance bands (0, 360), [360, 900), [900, 1500), ≥ 1500 km", () => {
  it("boundaries", () => {
    expect([0, 1, 359.999, 360, 899.99, 900, 1499.9, 1500, 4000].map((d) => distanceBand(d))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(PAPER_BANDS.map((b) => b.labelZh)).toEqual(["近距离", "较远距离", "很远距离", "遥远距离"]);
    expect([50, 150].map((d) => distanceBand(d, bandsFrom([100])))).toEqual([1, 2]);
    expect(() => bandsFrom([5, 3])).toThrow();
  });

  it("shares by events or weights, and within 441 km", () => {
    const d = [100, 200, 500, 1000, 2000];
    expect(bandShares(d).map((s) => s.share)).toEqual([0.4, 0.2, 0.2, 0.2]);
    expect(bandShares(d, [1, 1, 2, 0, 6]).map((s) => s.share)).toEqual([0.2, 0.2, 0, 0.6]);
    expect(shareWithin(d, 441)).toBeCloseTo(0.4, 15);
  });
});

describe("gravity flows", () => {
  const pts = [
    { id: "a", lon: 110, lat: 30, mass: 10 },
    { id: "b", lon: 112, lat: 31, mass: 5 },
    { id: "c", lon: 118, lat: 36, mass: 20 },
    { id: "d", lon: 104, lat: 30.5, mass: 8 },
  ];
  it("T_ij = k M_i^α M_j^β / d^γ", () => {
    const f = gravityFlows(pts, { k: 2, gamma: 1.5 });
    expect(f.length).toBe(12);
    const ab = f.find((x) => x.source === "a" && x.target === "b")!;
    expect(ab.flow).toBeCloseTo((2 * 10 * 5) / greatCircleKm(110, 30, 112, 31) ** 1.5, 12);
  });
  it("the log-linear fit recovers exact parameters", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, lon: 100 + 3 * i, lat: 25 + ((i * 7) % 11), mass: 1 + ((i * 5) % 9) }));
    const f = gravityFlows(many, { k: 3, alpha: 0.8, beta: 1.2, gamma: 1.7 });
    const m = new Map(many.map((p) => [p.id, p.mass]));
    const fit = fitGravity(f.map((x) => ({ flow: x.flow, massSource: m.get(x.source)!, massTarget: m.get(x.target)!, distance: x.distance })));
    expect(fit.k).toBeCloseTo(3, 8);
    expect(fit.alpha).toBeCloseTo(0.8, 8);
    expect(fit.beta).toBeCloseTo(1.2, 8);
    expect(fit.gamma).toBeCloseTo(1.7, 8);
    expect(fit.r2).toBeCloseTo(1, 10);
  });
});

describe("flow map traces on the province boundaries", () => {
  const pts = [
    { id: "新余", lon: 114.93, lat: 27.81, value: 533, group: "declining" },
    { id: "南昌", lon: 115.89, lat: 28.68, value: 82, group: "other" },
    { id: "北京", lon: 116.41, lat: 39.9, value: 148, group: "other" },
  ];
  const flows = [{ source: "新余", target: "南昌", weight: 10 }, { source: "新余", target: "北京", weight: 2 }, { source: "南昌", target: "北京", weight: 1 }];

  it("region polygons: one filled trace per region, from the real province GeoJSON", () => {
    const fc = readGeoJson(GEOJSON);
    const t = regionPolygonTraces(fc, "region");
    expect(t.length).toBeGreaterThanOrEqual(4);
    for (const tr of t) {
      expect(tr.fill).toBe("toself");
      expect(tr.x!.length).toBe(tr.y!.length);
    }
    const fig = flowMap(pts, flows, { boundaries: fc, regionOf: "region", widthClasses: 2 });
    expect(fig.data.filter((d) => d.name === "boundaries").length).toBe(1);
    expect(fig.layout!.yaxis!.scaleanchor).toBe("x");
  });

  it("flows in width classes, strongest widest; points grouped; unknown endpoints throw", () => {
    const t = flowTraces(pts, flows, { widthClasses: 3, maxWidth: 6 });
    expect(t.length).toBe(3);
    expect(t.map((x) => x.line!.width)).toEqual([2, 4, 6]);
    expect(t[2].x).toEqual([114.93, 115.89, null]);
    const fig = flowMap(pts, flows);
    expect(fig.data.filter((d) => d.mode === "markers").map((d) => d.name)).toEqual(["declining", "other"]);
    expect(() => flowTraces(pts, [{ source: "x", target: "北京", weight: 1 }])).toThrow(/"x"/);
    expect(flowTraces(pts, flows, { topFlows: 1 }).length).toBe(1);
  });
});
