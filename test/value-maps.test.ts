// pointValueMap and provinceChoropleth (kernel-lib/src/geo/valueMap.ts) on a hand-made map; the expected
// percentiles and colours are worked out by hand (R type-7 quantiles; the Viridis stops of display/figure.ts).
import { describe, expect, it } from "vitest";
import { pointValueMap, provinceChoropleth, type FeatureCollection } from "../kernel-lib/src";

const square = (x: number, y: number) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]];
const geo: FeatureCollection = {
  type: "FeatureCollection",
  features: ["110000", "120000", "130000", "140000"].map((code, i) => ({
    type: "Feature", properties: { adcode: code, name_zh: `p${i}`, cp: [i + 0.5, 0.5] },
    geometry: { type: "Polygon", coordinates: square(i, 0) },
  })),
};

describe("pointValueMap", () => {
  const points = new Map([["A", { lon: 1, lat: 2, name: "a" }], ["B", { lon: 3, lat: 4, name: "b" }],
    ["C", { lon: 5, lat: 6, name: "c" }], ["N", { lon: 7, lat: 8, name: "n" }]]);
  const m = pointValueMap(geo, points, [{ code: "A", value: 1 }, { code: "B", value: 2 }, { code: "C", value: 3 },
    { code: "D", value: 4 }, { code: "N", value: NaN }], { title: "t", unit: "u" });
  it("draws the units with a point and a finite value, and names those without a point", () => {
    expect(m.drawn).toBe(3);
    expect(m.unplaced).toEqual(["D"]);
    expect(m.figure.data[1].x).toEqual([1, 3, 5]);
    expect(m.figure.data[1].y).toEqual([2, 4, 6]);
  });
  it("clips the colours to the 2nd–98th percentile (type 7: 1 + 0.04, 2 + 0.96)", () => {
    expect(m.range[0]).toBeCloseTo(1.04, 12);
    expect(m.range[1]).toBeCloseTo(2.96, 12);
    expect(m.figure.data[1].marker?.cmin).toBeCloseTo(1.04, 12);
  });
});

describe("provinceChoropleth", () => {
  const fig = provinceChoropleth(geo, new Map([["110000", 10], ["120000", 15], ["130000", 20]]), { title: "t", unit: "u" });
  const fills = fig.data.filter((t) => t.fill === "toself");
  it("fills the provinces with a value, lowest to highest on the scale, and leaves the others empty", () => {
    expect(fills.map((t) => t.fillcolor)).toEqual(["rgb(68,1,84)", "rgb(33,145,140)", "rgb(253,231,37)"]);
    expect(fills[0].x).toEqual([0, 1, 1, 0, 0, null]);
  });
  it("carries the colour bar on the label points", () => {
    const bar = fig.data[fig.data.length - 1];
    expect(bar.x).toEqual([0.5, 1.5, 2.5]);
    expect(bar.marker?.cmin).toBe(10);
    expect(bar.marker?.cmax).toBe(20);
  });
});
