import { describe, expect, it } from "vitest";
import { FeatureCollection, mapColorValues, valueMap } from "../kernel-lib/src";

describe("valueMap (cities coloured by one number on outlines)", () => {
  it("clamps colours to the range but keeps the values in the hover text", () => {
    const fig = valueMap([{ lon: 110, lat: 30, value: -45, hover: "A −45%" }, { lon: 115, lat: 40, value: 12 }],
      { title: "t", range: [-30, 30], colorscale: "RedBlue" });
    const pts = fig.data[0];
    expect(pts.marker?.color).toEqual([-30, 12]);
    expect(pts.marker?.cmin).toBe(-30);
    expect(pts.marker?.cmax).toBe(30);
    expect(pts.hovertext).toEqual(["A −45%", "12"]);
    expect(pts.x).toEqual([110, 115]);
  });
  it("log10 colours with a floor, by hand: log10(100) = 2, log10(0.001) = −3", () => {
    expect(mapColorValues([100, 0, 1], { transform: "log10", floor: 1e-3 })).toEqual([2, -3, 0]);
    expect(() => mapColorValues([0], { transform: "log10" })).toThrow(/point 1 .*positive/);
  });
  it("refuses a value that is not finite instead of drawing it", () => {
    expect(() => valueMap([{ lon: 1, lat: 2, value: NaN }], { title: "t" })).toThrow(/point 1 has value NaN/);
  });
  it("adds outlines first, labels shifted north, and marks as their own trace", () => {
    const fc: FeatureCollection = { type: "FeatureCollection", features: [{ type: "Feature", properties: {},
      geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
    const fig = valueMap([{ lon: 0.5, lat: 0.5, value: 1, size: 4 }], { title: "t", boundaries: fc,
      labels: [{ lon: 0.5, lat: 0.5, text: "A" }], labelOffset: 1, marks: [{ lon: 0.2, lat: 0.3, text: "B" }], markSymbol: "star" });
    expect(fig.data.map((t) => t.mode)).toEqual(["lines", "markers", "text", "markers+text"]);
    expect(fig.data[1].marker?.size).toEqual([4]);
    expect(fig.data[2].y).toEqual([1.5]);
    expect(fig.data[3].marker?.symbol).toBe("star");
  });
});
