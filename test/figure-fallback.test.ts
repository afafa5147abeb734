import { describe, expect, it } from "vitest";
import { Figure, categoryOrder, displayWidth, figure, withEnglish } from "kernel-lib";

// The static SVG fallback must show what the live plotly chart shows: the same categories in the same order,
// the same labels, each bar at its own category with a length proportional to its value. These tests read
// the plotly spec out of the figure's HTML (what plotly draws) and the geometry out of the SVG.

function plotlySpec(html: string): Figure {
  const m = /var spec=(\{[\s\S]*?\});var tries/.exec(html);
  if (!m) throw new Error("no plotly spec in the figure HTML");
  return JSON.parse(m[1]) as Figure;
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** Category labels of the y axis (right-aligned text left of the plot), top to bottom. */
function yLabels(svg: string): { label: string; y: number }[] {
  return [...svg.matchAll(/<text ([^>]*text-anchor="end"[^>]*)>([^<]*)<\/text>/g)]
    .map((m) => ({ label: unescape(m[2]), y: Number(attrs(m[1]).y) - 4 }))
    .sort((a, b) => a.y - b.y);
}

function bars(svg: string): { x: number; y: number; w: number; h: number; fill: string }[] {
  return [...svg.replace(/<g class="rl-(legend|badge)">[\s\S]*?<\/g>/g, "").matchAll(/<rect ([^>]*)\/>/g)]
    .map((m) => attrs(m[1]))
    .filter((a) => a.fill && a.fill !== "#ffffff" && a.width && Number(a.height) < 100 && a.x !== "0")
    .map((a) => ({ x: Number(a.x), y: Number(a.y), w: Number(a.width), h: Number(a.height), fill: a.fill }));
}

// The shape of the "25 largest population losses" chart in resource-cities-hqd-interview: one trace per city
// type (so trace order is not the ranking), the ranking given by categoryarray, first on top.
const ranked = [
  { name: "伊春 (黑龙江)", type: "declining", change: -31.2 },
  { name: "鹤岗 (黑龙江)", type: "declining", change: -24.5 },
  { name: "白山 (吉林)", type: "mature", change: -22.1 },
  { name: "七台河 (黑龙江)", type: "declining", change: -20.4 },
  { name: "双鸭山 (黑龙江)", type: "mature", change: -18.3 },
  { name: "辽源 (吉林)", type: "declining", change: -15.0 },
  { name: "通化 (吉林)", type: "regenerating", change: -12.7 },
  { name: "铜川 (陕西)", type: "growing", change: -9.9 },
];
const COLORS: Record<string, string> = { growing: "#2ca02c", mature: "#1f77b4", declining: "#d62728", regenerating: "#9467bd" };

function rankedFigure(): Figure {
  return {
    data: Object.keys(COLORS).map((ty) => {
      const sub = ranked.filter((c) => c.type === ty);
      return { type: "bar", orientation: "h", name: ty, x: sub.map((c) => c.change), y: sub.map((c) => c.name), marker: { color: COLORS[ty] } };
    }),
    layout: {
      width: 820,
      height: 80 + 22 * ranked.length,
      barmode: "overlay",
      margin: { l: 150, r: 30, t: 50, b: 50 },
      yaxis: { type: "category", autorange: "reversed", categoryorder: "array", categoryarray: ranked.map((c) => c.name) },
    },
  };
}

describe("static SVG fallback against the plotly spec", () => {
  it("keeps the ranking of a chart whose traces are grouped by type (categoryarray, reversed axis)", () => {
    const f = figure(rankedFigure(), { caption: "largest losses", provenance: "real" });
    const spec = plotlySpec(f.html(false));
    const svg = f.svg();
    // What plotly draws top to bottom: the category array (the axis is reversed, so its first entry on top).
    const expected = spec.layout!.yaxis!.categoryarray!.map(String);
    expect(expected).toEqual(ranked.map((c) => withEnglish(c.name)));
    const labels = yLabels(svg);
    expect(labels.map((l) => l.label)).toEqual(expected);
    // Every data point of every trace: a bar on its own category's row, in its trace's colour, length ∝ value.
    const drawn = bars(svg);
    const points = spec.data.flatMap((t) => (t.y ?? []).map((cat, i) => ({ cat: String(cat), value: t.x![i] as number, color: t.marker!.color as string })));
    expect(drawn.length).toBe(points.length);
    let pxPerUnit: number | null = null;
    for (const p of points) {
      const row = labels.find((l) => l.label === p.cat)!;
      const bar = drawn.find((b) => Math.abs(b.y + b.h / 2 - row.y) < 1)!;
      expect(bar, p.cat).toBeDefined();
      expect(bar.fill).toBe(p.color);
      pxPerUnit ??= bar.w / Math.abs(p.value);
      expect(bar.w / Math.abs(p.value)).toBeCloseTo(pxPerUnit, 1);
    }
  });

  it("puts English beside Chinese category labels in both the spec and the SVG, and widens the margin for them", () => {
    const f = figure(rankedFigure());
    const spec = plotlySpec(f.html(false));
    expect(spec.data[2].y).toEqual(["伊春 (黑龙江) · Yichun (Heilongjiang)", "鹤岗 (黑龙江) · Hegang (Heilongjiang)", "七台河 (黑龙江) · Qitaihe (Heilongjiang)", "辽源 (吉林) · Liaoyuan (Jilin)"]);
    expect(spec.layout!.yaxis!.automargin).toBe(true);
    const labels = yLabels(f.svg());
    // The longest label fits: its right edge is the plot's left edge, its left edge inside the picture.
    const plotLeft = Number(/<line x1="([\d.]+)" x2="\1" y1="[\d.]+" y2="[\d.]+" stroke="#333"\/>/.exec(f.svg())![1]);
    // At 11 px a CJK character is about 11 px wide and a Latin one about 6 px: the margin holds the longest label.
    const widest = Math.max(...labels.map((l) => displayWidth(l.label) * 5.5));
    expect(plotLeft).toBeGreaterThan(150);
    expect(plotLeft - 6).toBeGreaterThanOrEqual(widest);
  });

  it("orders categories as plotly does: by appearance, sorted, or the array first and the rest after", () => {
    const vals = ["b", "a", "c", "a"];
    expect(categoryOrder(vals)).toEqual(["b", "a", "c"]);
    expect(categoryOrder(vals, { categoryorder: "category ascending" })).toEqual(["a", "b", "c"]);
    expect(categoryOrder(vals, { categoryorder: "category descending" })).toEqual(["c", "b", "a"]);
    expect(categoryOrder(vals, { categoryorder: "array", categoryarray: ["c", "z", "a"] })).toEqual(["c", "z", "a", "b"]);
  });

  it("keeps a categoryarray on the x axis (county-economy-policy's tools chart)", () => {
    const tools = ["规划", "财政", "金融", "土地"];
    const f = figure({
      data: [{ type: "bar", x: ["金融", "规划", "土地", "财政"], y: [3, 5, 1, 2] }],
      layout: { xaxis: { type: "category", categoryorder: "array", categoryarray: tools } },
    });
    const spec = plotlySpec(f.html(false));
    const svg = f.svg();
    const xs = [...svg.matchAll(/<text ([^>]*text-anchor="middle" font-size="11")>([^<]*)<\/text>/g)].map((m) => ({ x: Number(attrs(m[1]).x), label: m[2] })).sort((a, b) => a.x - b.x);
    expect(xs.map((t) => t.label)).toEqual(spec.layout!.xaxis!.categoryarray!.map(String));
    expect(xs[0].label).toBe("规划 · Guihua");
  });

  it("labels a figure from synthetic data inside the SVG too, as its caption does", () => {
    const f = figure(rankedFigure(), { caption: "losses", provenance: "synthetic" });
    expect(f.caption()).toBe("losses (synthetic data)");
    expect(f.svg()).toMatch(/<g class="rl-badge">.*synthetic data<\/text><\/g>/);
    expect(figure(rankedFigure(), { provenance: "real" }).svg()).not.toContain("synthetic data");
    expect(f.mimeBundle()["image/svg+xml"]).toContain("synthetic data");
  });
});
