/**
 * The plumbing of the intl-circulation-nqpf notebook that a reader does not need to follow it: the framework's
 * nodes, the list of endpoint pairs with their ledger ids and rounding units, plot layouts, the rows of the growth
 * and decomposition tables and the ledger's values. The notebook keeps the data, the decompositions and the tables;
 * loaded with loadStudyModule(STUDY, "study").
 */
import { cagr, cagrRange, compound, diagramNode, doublingTime, flowDiagram, growthMultiple, printedValue,
  type AdditiveDecomposition, type Cell, type DiagramEdge, type Figure, type MultiplicativeDecomposition, type Ours,
  type Published } from "kernel-lib";

type Row = Record<string, number | string | null>;
/** A cited value by series, year and category ("all" for a total). */
export type Cited = (series: string, year: number, category?: string) => number;

/** The paper's argument as a directed network (the paper has no figure). */
export function framework(): Figure {
  const brown = "#8c564b", blue = "#1f77b4";
  const nodes = [
    diagramNode("zhouyi", 0, 3.2, "Theory: 《周易》 乾, 泰/否, 大畜<br>'天地交而万物通' (一.1)", brown),
    diagramNode("history", 0, 2.0, "History: river civilisations,<br>sea routes, Silk Road (一.2)", brown),
    diagramNode("practice", 0, 0.8, "Practice: reform and opening<br>since 1978 (一.3, the data)", brown),
    diagramNode("flow", 1, 2.0, "Productivity grows<br>through FLOW 流动", "#d62728"),
    diagramNode("goods", 2, 2.7, "goods and ordinary<br>factor flows (二.1)", "#7f7f7f"),
    diagramNode("ideas", 2, 1.3, "idea flows: inventions,<br>talent, data (二.2–3)", "#ff7f0e"),
    diagramNode("hardware", 3, 3.4, "'hardware': BRI<br>infrastructure (三.1)", blue),
    diagramNode("software", 3, 2.45, "'software': rules, IP,<br>standards (三.2)", blue),
    diagramNode("digital", 3, 1.55, "'digital': cross-border<br>data, digital trade (三.3)", blue),
    diagramNode("industry", 3, 0.6, "'industrial': supply-chain<br>cooperation (三.4)", blue),
    diagramNode("circ", 4, 2.0, "high-level<br>international<br>circulation", "#2ca02c"),
    diagramNode("nqpf", 5, 2.0, "new quality<br>productive<br>forces 新质生产力", "#9467bd"),
  ];
  const thin = (a: string, b: string, w = 1.5): DiagramEdge => [a, b, w, "#bbbbbb"];
  const thick = (a: string, b: string, w = 4): DiagramEdge => [a, b, w, "#ff7f0e"];
  const edges = [thin("zhouyi", "flow"), thin("history", "flow"), thin("practice", "flow"), thin("flow", "goods"),
    thick("flow", "ideas"), thin("goods", "hardware"), thin("goods", "industry"), thin("goods", "software", 1),
    thick("ideas", "software"), thick("ideas", "digital"), thin("ideas", "industry", 2),
    ...["hardware", "software", "digital", "industry"].map((c) => thin(c, "circ")), thick("circ", "nqpf")];
  return flowDiagram(nodes, edges, { title: "Flow as the engine of productivity: the paper's framework",
    x: [-0.6, 5.6], y: [-0.3, 3.8], height: 560, labelDy: 0.3 });
}

/** A value of cited.csv by series, year and category; a missing row is an error naming the file. */
export function citedValues(rows: Row[]): Cited {
  return (series, year, category = "all") => {
    const r = rows.find((x) => x.series === series && x.year === year && x.category === category);
    if (!r) throw new Error(`cited.csv: no row for ${series}/${category}/${year}`);
    return r.value as number;
  };
}

// [key, label, series, t0, t1, ledger ids of the printed multiple and rate, half units of the endpoints, flag]
const PAIRS: [string, string, string, number, number, string | null, string | null, [number, number], string?][] = [
  ["trade", "imports + exports", "trade_total", 1980, 2023, "trade-multiple", "trade-cagr", [0.05, 0.005]],
  ["exports", "exports", "exports", 1980, 2023, "exports-multiple", "exports-cagr", [0.05, 0.005]],
  ["world", "world exports", "world_exports", 1980, 2023, null, null, [0.5, 500]],
  ["fdi", "FDI actually used", "fdi_inward", 1980, 2023, null, null, [0.05, 0.005], "1980 figure implausible (section 5)"],
  ["ofdiFlow", "outward FDI, flow", "ofdi_flow", 2007, 2023, null, null, [0.005, 0.005]],
  ["ofdiStock", "outward FDI, stock", "ofdi_stock", 2008, 2023, null, null, [0.005, 0.005]],
  ["patents", "invention patent applications", "invention_patent_applications", 1995, 2023, "patents-multiple", null,
    [0.5, 500]],
];

/** The "series/year" keys the growth table needs from cited.csv. */
export const neededEndpoints = (): string[] => PAIRS.flatMap((p) => [`${p[2]}/${p[3]}`, `${p[2]}/${p[4]}`]);

export interface Growth {
  label: string; x0: number; x1: number; n: number; m: number; g: number; flag?: string;
  range: { low: number; high: number }; pm: number | null; pr: number | null; t0: number; t1: number;
}

/** Multiple, CAGR, its rounding range and the printed multiple and rate of each endpoint pair, by key. */
export function growthPairs(val: Cited, yearsBetween: (t0: number, t1: number) => number, pub: Published):
  Map<string, Growth> {
  const printedOrNull = (id: string | null) => (id ? printedValue(pub, id) : null);
  return new Map(PAIRS.map(([key, label, series, t0, t1, idM, idR, half, flag]) => {
    const x0 = val(series, t0), x1 = val(series, t1), n = yearsBetween(t0, t1);
    return [key, { label: `${label} ${t0}–${t1}`, x0, x1, n, m: growthMultiple(x0, x1), g: cagr(x0, x1, n), flag,
      range: cagrRange(x0, x1, n, half[0], half[1]), pm: printedOrNull(idM), pr: printedOrNull(idR), t0, t1 }];
  }));
}

/** The growth table: the paper's multiple and rate beside ours, the rounding range and the doubling time. */
export function growthRows(G: Map<string, Growth>): Record<string, Cell>[] {
  return [...G.values()].map((p) => ({
    series: p.label.replace(/ \d{4}–\d{4}$/, ""), period: `${p.t0}–${p.t1}`, years: { html: String(p.n) },
    "multiple (paper)": p.pm, "multiple (ours)": p.m, "CAGR % (paper)": p.pr, "CAGR % (ours)": 100 * p.g,
    "CAGR range from rounding": { html: `${(100 * p.range.low).toFixed(3)}–${(100 * p.range.high).toFixed(3)}` },
    "years implied by printed rate": p.pr ? Math.log(p.m) / Math.log(1 + p.pr / 100) : null,
    "doubling time (years)": p.g > 0 ? doublingTime(p.g) : null,
    note: p.flag ?? (p.pr ? "" : "rate not printed: computed here"),
  }));
}
export const GROWTH_DIGITS = { "multiple (paper)": 2, "multiple (ours)": 3, "CAGR % (paper)": 2, "CAGR % (ours)": 3,
  "years implied by printed rate": 2, "doubling time (years)": 1 };

/** Our CAGRs as bars, the printed rates as diamonds. */
export function growthFigure(G: Map<string, Growth>): Figure {
  const P = [...G.values()], withRate = P.filter((p) => p.pr !== null);
  return { data: [
    { type: "bar", orientation: "h", name: "CAGR from the endpoints (ours)", y: P.map((p) => p.label), x: P.map((p) => 100 * p.g),
      marker: { color: P.map((p) => (p.flag ? "#cccccc" : "#1f77b4")) }, textposition: "outside",
      text: P.map((p) => `${(100 * p.g).toFixed(2)}%${p.flag ? " (implausible base)" : ""}`) },
    { type: "scatter", mode: "markers", name: "rate printed by the paper", y: withRate.map((p) => p.label),
      x: withRate.map((p) => p.pr!), marker: { color: "#d62728", size: 12, symbol: "diamond" } },
  ], layout: { title: { text: "Average annual growth of the cited series" }, width: 900, height: 420,
    margin: { l: 290, r: 60, t: 50, b: 50 }, xaxis: { title: { text: "% per year (compound)" }, range: [0, 24] },
    yaxis: { type: "category", autorange: "reversed" }, legend: { orientation: "h", y: -0.2 } } };
}

/** Rows of the multiplicative decomposition (factors, then the total). */
export const multiplicativeRows = (d: MultiplicativeDecomposition): Record<string, Cell>[] =>
  [...d.factors, d.total].map((r) => ({ factor: r.name, multiple: r.multiple, "ln multiple": r.log_growth,
    "CAGR (%)": 100 * r.cagr, "share of log growth (%)": 100 * r.share }));

/** Rows of the additive decomposition (components, then the total). */
export const additiveRows = (d: AdditiveDecomposition): Record<string, Cell>[] =>
  [...d.components, d.total].map((r) => ({ part: r.name, "1980 (亿美元)": r.start, "2023 (亿美元)": r.end,
    "share 1980 (%)": 100 * r.share_start, "share 2023 (%)": 100 * r.share_end, "CAGR (%)": 100 * r.cagr,
    "contribution to growth (× 1980 trade)": r.contribution, "share of the increase (%)": 100 * r.share_of_increase }));

/** Stacked bars: export growth by log shares, trade growth by shares of the increase. */
export function sourcesFigure(mult: MultiplicativeDecomposition, add: AdditiveDecomposition): Figure {
  const bar = (name: string, x: string, share: number, color: string) => ({ type: "bar" as const, name, x: [x],
    y: [100 * share], marker: { color }, text: [`${(100 * share).toFixed(1)}%`], textposition: "inside" as const });
  const EXP = "China's exports, 1980–2023", TRADE = "increase of trade, 1980–2023";
  return { data: [bar("world-market growth", EXP, mult.factors[0].share, "#9ecae1"),
    bar("market-share gain", EXP, mult.factors[1].share, "#d62728"),
    bar("exports", TRADE, add.components[0].share_of_increase, "#1f77b4"),
    bar("imports", TRADE, add.components[1].share_of_increase, "#ff7f0e")],
  layout: { title: { text: "Where the growth came from" }, barmode: "stack", width: 760, height: 440,
    yaxis: { title: { text: "% of log growth (left) / of the increase (right)" }, range: [0, 100] } } };
}

export const SECTORS = ["primary", "secondary", "tertiary"];

/** Sector shares of GDP in 1980 and 2023, stacked. */
export function sectorsFigure(s80: number[], s23: number[]): Figure {
  return { data: SECTORS.map((s, i) => ({ type: "bar" as const, name: s, x: ["1980", "2023"], y: [s80[i], s23[i]],
    text: [`${s80[i]}%`, `${s23[i]}%`], textposition: "inside" as const,
    marker: { color: ["#2ca02c", "#1f77b4", "#ff7f0e"][i] } })),
  layout: { title: { text: "Sector shares of GDP, 1980 and 2023" }, barmode: "stack", width: 520, height: 440,
    xaxis: { type: "category" }, yaxis: { title: { text: "% of GDP" }, range: [0, 100] } } };
}

/** The 2023 value-added growth of the industries the paper cites (series va_growth). */
export function valueAddedFigure(rows: Row[]): Figure {
  const vg = rows.filter((r) => r.series === "va_growth");
  return { data: [{ type: "bar", orientation: "h", x: vg.map((r) => r.value as number), y: vg.map((r) => String(r.category)),
    text: vg.map((r) => String(r.printed)), textposition: "outside", marker: { color: "#1f77b4" } }],
  layout: { title: { text: "Value-added growth in 2023, selected industries" }, width: 820, height: 340,
    margin: { l: 330, r: 40, t: 50, b: 50 }, xaxis: { title: { text: "% (real)" }, range: [0, 15] },
    yaxis: { type: "category", autorange: "reversed" } } };
}

/** The internal checks: sector shares adding to 100, and 1980 FDI against 1980 trade. */
export function checkRows(s80: number[], s23: number[], fdi80: number, tr80: number, fdi: Growth): Record<string, Cell>[] {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const adds = (s: number) => (Math.abs(s - 100) < 0.05 ? "consistent" : "inconsistent");
  return [
    { check: "1980 sector shares add up", printed: s80.join(" + "), result: { html: `${sum(s80).toFixed(1)}%` },
      verdict: adds(sum(s80)) },
    { check: "2023 sector shares add up", printed: s23.join(" + "), result: { html: `${sum(s23).toFixed(1)}%` },
      verdict: adds(sum(s23)) },
    { check: "1980 FDI actually used vs 1980 total trade", printed: `${fdi80} vs ${tr80} 亿美元`,
      result: { html: `FDI = ${(fdi80 / tr80).toFixed(2)} × trade` }, verdict: "implausible: inflows larger than all " +
        `imports and exports of the year; a data error. Its 'growth' to 2023 would be only ${(100 * fdi.g).toFixed(2)}% a year` },
  ];
}

export interface Scenario { x23: number; w23: number; share80: number; share23: number; exportGrowth: number;
  worldGrowth: number; year: number }
/** China's share of world exports: the printed endpoints, the constant-rate path between them and the scenario. */
export function scenarioFigure(s: Scenario): { figure: Figure; finalShare: number } {
  const yrs = Array.from({ length: s.year - 2023 + 1 }, (_, i) => 2023 + i);
  const grow = (x: number, pct: number, y: number) => compound(x, pct / 100, y - 2023);
  const path = yrs.map((y) => (100 * grow(s.x23, s.exportGrowth, y)) / grow(s.w23, s.worldGrowth, y));
  const between = Array.from({ length: 44 }, (_, i) => 1980 + i);
  return { finalShare: path[path.length - 1], figure: { data: [
    { type: "scatter", mode: "markers", name: "printed (1980, 2023)", x: [1980, 2023], y: [s.share80, s.share23],
      marker: { color: "#d62728", size: 10 } },
    { type: "scatter", mode: "lines", name: "constant-rate path between the endpoints", x: between,
      y: between.map((y) => s.share80 * Math.pow(s.share23 / s.share80, (y - 1980) / 43)),
      line: { color: "#999999", dash: "dot" } },
    { type: "scatter", mode: "lines", name: `scenario: exports +${s.exportGrowth}%, world +${s.worldGrowth}%`,
      x: yrs, y: path, line: { color: "#1f77b4", dash: "dash" } },
  ], layout: { title: { text: "China's share of world exports: endpoints and an assumed path" }, width: 820, height: 440,
    xaxis: { title: { text: "year" } }, yaxis: { title: { text: "% of world exports" } },
    legend: { orientation: "h", y: -0.2 } } } };
}

/** Ours for every derived statistic the paper prints, under its ledger id, from the endpoint pairs and cited.csv. */
export function ledgerChecks(G: Map<string, Growth>, val: Cited, n43: number): Record<string, Ours> {
  const x80 = val("exports", 1980), x23 = val("exports", 2023), w23 = val("world_exports", 2023);
  const share80 = (100 * x80) / val("world_exports", 1980), share23 = (100 * x23) / w23;
  const s80 = SECTORS.map((s) => val("gdp_share", 1980, s)), s23 = SECTORS.map((s) => val("gdp_share", 2023, s));
  const a = { n43, x23, w23, share80, share23, s80, s23 };
  const g = (k: string) => G.get(k)!;
  const ratePct = (k: string) => 100 * g(k).g;
  const shareWith = (w: number) => ((100 * a.x23) / w).toFixed(2);
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  return {
    "trade-multiple": { value: g("trade").m },
    "trade-cagr": { value: ratePct("trade"),
      note: `over ${a.n43} years; rounds to ${ratePct("trade").toFixed(2)}: the paper truncates` },
    "exports-multiple": { value: g("exports").m },
    "exports-cagr": { value: ratePct("exports"), note: `over ${a.n43} years` },
    "export-share-1980-bound": { value: a.share80 },
    "export-share-1980": { value: a.share80 },
    "export-share-2023": { value: a.share23, note: `rounds to ${a.share23.toFixed(2)} (truncated in print); ` +
      `23.8万亿 ± 0.05 allows ${shareWith(a.w23 + 500)}–${shareWith(a.w23 - 500)}` },
    "patents-multiple": { value: g("patents").m },
    "patents-years": { value: g("patents").t1 - g("patents").t0, note: "the endpoints of cited.csv" },
    "gdp-shares-1980-sum": { value: sum(a.s80), note: a.s80.join(" + ") },
    "gdp-shares-2023-sum": { value: sum(a.s23), note: a.s23.join(" + ") },
  };
}
