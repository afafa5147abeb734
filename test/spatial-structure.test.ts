import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { herfindahl, marketAccess, primacyIndices, rankSize, rankSizePolycentricity, topKShare } from "kernel-lib";

// Expected values: NumPy (test/reference/indices/make_expected_spatial_structure.py → expected_spatial_structure.json),
// market access with haversine distances (our code uses the spherical law of cosines on the same sphere).
const dir = path.join(__dirname, "reference/indices");
const ref = JSON.parse(fs.readFileSync(path.join(dir, "expected_spatial_structure.json"), "utf8"));
const rows = fs.readFileSync(path.join(dir, "spatial_structure_input.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
const pts = rows.map((r) => ({ id: r[0], lon: Number(r[1]), lat: Number(r[2]), mass: Number(r[3]) }));
const sizes = pts.map((p) => p.mass);
const close = (a: number, b: number, tol = 1e-10) => expect(Math.abs(a - b)).toBeLessThan(tol * Math.max(1, Math.abs(b)));

describe("spatial structure measures against numpy", () => {
  for (const r of ref.rank_size) {
    it(`rank-size, top ${r.top}, rank shift ${r.shift}`, () => {
      const o = rankSize(sizes, { top: r.top, rankShift: r.shift });
      close(o.q, r.q);
      close(o.intercept, r.intercept);
      close(o.se, r.se);
      close(o.seGabaix, r.se_gabaix);
      close(o.r2, r.r2);
      expect(o.n).toBe(r.top);
    });
  }
  it("primacy indices and top-k share", () => {
    const p = primacyIndices(sizes);
    close(p.twoCity, ref.primacy.two);
    close(p.fourCity, ref.primacy.four);
    close(p.elevenCity, ref.primacy.eleven);
    close(p.topShare, ref.primacy.top_share);
    close(topKShare(sizes, 3), ref.top3_share);
  });
  it("Herfindahl, normalised, effective number", () => {
    const h = herfindahl(sizes);
    close(h.herfindahl, ref.herfindahl.h);
    close(h.normalized, ref.herfindahl.normalized);
    close(h.effectiveNumber, ref.herfindahl.effective);
  });
  it("rank-size polycentricity = 1 − q", () => {
    const p = rankSizePolycentricity(sizes, 4);
    close(p.polycentricity, 1 - ref.rank_size[3].q);
  });
  for (const m of ref.market_access) {
    it(`market access θ = ${m.theta}, own term ${m.own}`, () => {
      const o = marketAccess(pts, { theta: m.theta, selfDistanceKm: m.own ? ref.self_distance : undefined });
      o.forEach((r, i) => {
        close(r.external, m.external[i], 1e-9);
        close(r.own, m.own_term[i], 1e-12);
        close(r.access, m.access[i], 1e-9);
      });
    });
  }
  it("rejects bad input", () => {
    expect(() => rankSize([1, 2])).toThrow();
    expect(() => rankSize([1, 0, 3])).toThrow();
    expect(() => primacyIndices([5, 4, 3])).toThrow();
    expect(() => marketAccess(pts, { selfDistanceKm: [1, 2] })).toThrow();
  });
});
