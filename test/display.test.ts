import { describe, expect, it } from "vitest";
import { DataTable, ModelLike, STARS_R, captionFor, escapeHtml, figureToSvg, htmlTable, niceTicks, plotlyScriptTag, regressionTable, starsFor, figure, resetPlotly } from "kernel-lib";
import { f1 } from "../kernel-lib/src/display/svg";
import { createRng } from "../kernel-lib/src/rng";

const model = (coefs: [string, number, number, number][], nobs: number, r2: number): ModelLike => ({
  tidy: () => coefs.map(([term, estimate, std_error, p_value]) => ({ term, estimate, std_error, statistic: estimate / std_error, p_value })),
  glance: () => ({ nobs, r_squared: r2 }),
});

describe("tables", () => {
  it("escapes HTML and labels synthetic results where a reader sees them", () => {
    expect(escapeHtml('<b a="1">&')).toBe("&lt;b a=&quot;1&quot;&gt;&amp;");
    expect(captionFor("Table 5", "synthetic")).toBe("Table 5 (synthetic data)");
    expect(captionFor("Table 5: synthetic data", "synthetic")).toBe("Table 5: synthetic data");
    const t = new DataTable([{ a: 1.23456, b: "<x>" }], undefined, { caption: "T", provenance: "synthetic", digits: 2 });
    expect(t.html()).toContain("1.23");
    expect(t.html()).toContain("&lt;x&gt;");
    expect(t.html()).toContain("synthetic data");
    expect(t.text()).toContain("T (synthetic data)");
    expect(htmlTable([{ v: -0.5 }], undefined, { digits: 1 })).toContain("−0.5");
  });

  it("regression table: stars, SE or t in parentheses, indicator rows, N and R²", () => {
    const m1 = model([["x1", 0.5, 0.1, 0.0001], ["x2", -0.2, 0.15, 0.2]], 1840, 0.61234);
    const m2 = model([["x1", 0.45, 0.2, 0.03]], 1840, 0.5);
    const t = regressionTable([{ label: "(1)", model: m1, rows: { "City FE": "Yes" } }, { label: "(2)", model: m2, rows: { "City FE": "Yes" } }], { caption: "Table 5", provenance: "synthetic" });
    const g = t.grid();
    expect(g[0]).toEqual(["", "(1)", "(2)"]);
    expect(g[1]).toEqual(["x1", "0.500***", "0.450**"]);
    expect(g[2]).toEqual(["", "(0.100)", "(0.200)"]);
    expect(g[3]).toEqual(["x2", "−0.200", ""]);
    expect(g.find((r) => r[0] === "City FE")).toEqual(["City FE", "Yes", "Yes"]);
    expect(g.find((r) => r[0] === "N")).toEqual(["N", "1840", "1840"]);
    expect(t.html()).toContain("synthetic data");
    const tt = regressionTable([{ label: "(1)", model: m1 }], { parens: "t", stars: STARS_R, terms: { x1: "DFII" }, dropUnlisted: true });
    expect(tt.grid()[1]).toEqual(["DFII", "0.500***", ]);
    expect(tt.grid()[2]).toEqual(["", "(5.00)"]);
    expect(tt.text()).toContain("t statistics in parentheses");
    expect(starsFor(0.04, STARS_R)).toBe("*");
    expect(starsFor(0.04)).toBe("**");
  });
});

describe("figures", () => {
  it("nice ticks", () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-0.3, 0.35)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  });

  it("draws a static SVG with one mark per point, bar and colour-scaled marker", () => {
    const svg = figureToSvg({
      data: [
        { type: "scatter", mode: "markers", x: [1, 2, 3], y: [3, 1, 2], marker: { color: [-1, 0, 1], colorscale: "RedBlue", showscale: true } },
        { type: "scatter", mode: "lines", x: [0, 1, null, 2, 3], y: [0, 1, null, 1, 0], name: "outline" },
        { type: "bar", x: ["a", "b"], y: [1, -2] },
      ],
      layout: { title: { text: "T <1>" }, width: 400, height: 300 },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<circle/g)?.length).toBe(3);
    expect(svg.match(/<polyline/g)?.length).toBe(2);
    expect(svg).toContain("T &lt;1&gt;");
    expect(svg).toContain("rgb(165,0,38)"); // the low end of the RedBlue scale for the value −1
  });

  it("draws log axes with decade ticks and drops non-positive values", () => {
    const svg = figureToSvg({ data: [{ type: "scatter", mode: "markers", x: [1, 2, 3, 4], y: [1, 10, 1000, 0] }], layout: { yaxis: { type: "log" }, width: 300, height: 200 } });
    expect(svg.match(/<circle/g)?.length).toBe(3);
    expect(svg).toContain(">100<");
    expect(svg).toContain(">1000<");
  });

  it("sends the plotly bundle once per session, shielded from AMD loaders, plus a static SVG", () => {
    resetPlotly();
    const a = figure({ data: [{ x: [1], y: [1] }] }, { caption: "A", provenance: "synthetic" }).mimeBundle();
    const b = figure({ data: [{ x: [1], y: [1] }] }).mimeBundle();
    expect(a["text/html"]).toContain("Plotly");
    expect(a["text/html"].length).toBeGreaterThan(1_000_000);
    expect(b["text/html"].length).toBeLessThan(100_000);
    expect(a["image/svg+xml"]).toContain("<svg");
    expect(a["text/plain"]).toContain("synthetic data");
    expect(plotlyScriptTag()).toContain(".call(window,undefined,undefined,undefined)");
    expect(a["text/html"]).not.toMatch(/<script[^>]+src=/);
  });
});

describe("SVG number formatting and drawing shortcuts", () => {
  it("f1 prints exactly (Math.round(v * 10) / 10).toString()", () => {
    const rng = createRng(20261202, "test-f1");
    const vals = [0, -0, 0.04, -0.04, 0.05, -0.05, 0.15, -0.15, 0.95, -0.95, 1e13, -1e13, 9.99999e13, 1e14, 1e15, 1e21, 5e-324, NaN, Infinity, -Infinity];
    for (let i = 0; i < 200_000; i++) vals.push((rng.uniform() - 0.5) * Math.pow(10, Math.floor(16 * rng.uniform()) - 3));
    for (let i = -20_000; i <= 20_000; i++) vals.push(i / 100, i / 10 + 0.05, i / 10 - 0.05);
    let differ = 0;
    for (const v of vals) if (f1(v) !== (Math.round(v * 10) / 10).toString()) differ++;
    expect(differ).toBe(0);
  });
  it("a figure's HTML carries the same static SVG as its image/svg+xml", () => {
    const xs = Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 100 - 0);
    const b = figure({ data: [{ type: "scatter", mode: "lines", x: xs, y: xs.map((v) => v * v) }], layout: { yaxis: { scaleanchor: "x" } } }).mimeBundle();
    expect(b["text/html"]).toContain(b["image/svg+xml"]);
  });
});
