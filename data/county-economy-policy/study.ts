/**
 * The plumbing of the county-economy-policy notebook that a reader does not need to follow it: the framework's
 * links, the timeline and count layouts, the before/after rows and the cross-references the ledger checks. The
 * notebook keeps the data, the counts per stage and the tables; loaded with loadStudyModule(STUDY, "study").
 */
import { DEFAULT_COLORS, cagr, flowDiagram, growthMultiple, type Cell, type DiagramEdge, type Figure,
  type Ours } from "kernel-lib";

type Row = Record<string, number | string | null>;
/** A dated document with the year it is drawn at (misprints corrected or not). */
export type Doc = Row & { yearUsed: number };

/** The first four digits of a printed date ("2005年" → 2005). */
export const yearOf = (printed: unknown) => Number(String(printed).slice(0, 4));

/** 图1 rebuilt: policy families → the five production factors → county catch-up. */
export function framework(): Figure {
  const POL = ["fiscal and tax 财税", "finance 金融", "industry 产业", "talent 人才", "land 土地"];
  const FAC = ["capital 资本", "technology 技术", "data 数据", "labour 劳动", "land 土地 (factor)"];
  const nodes = [
    ...POL.map((label, i) => ({ id: `p${i}`, x: 0, y: 4 - i, label, color: "#1f77b4" })),
    ...FAC.map((label, i) => ({ id: `f${i}`, x: 1, y: 4 - i, label, color: "#2ca02c" })),
    { id: "reg", x: 2, y: 2, label: "differentiated<br>regional policy", color: "#ff7f0e", size: 18 },
    { id: "up", x: 2.8, y: 2, label: "county catch-up<br>追赶超越", color: "#d62728", size: 18 },
  ];
  const link = (p: number, f: number, label: string): DiagramEdge => [`p${p}`, `f${f}`, 3, "#9ecae1", label];
  const edges: DiagramEdge[] = [
    link(0, 0, "transfers, tax sharing, special funds"), link(1, 0, "credit, funds, 专项债+REITs"),
    link(1, 1, "IP-pledge loans"), link(2, 1, "链群融合, chain-leader firms"),
    link(2, 2, "industrial internet, digital platforms"), link(3, 3, "引育融合: return subsidies, talent pools"),
    link(3, 1, "Wuhan technology → county conversion"),
    link(4, 4, "collective construction land to market, quota trading"),
    ...FAC.map((_, i): DiagramEdge => [`f${i}`, "reg", 2, "#dddddd"]), ["reg", "up", 4, "#d62728"],
  ];
  return flowDiagram(nodes, edges, { title: "Policy families → the five production factors → county catch-up (图1, rebuilt)",
    x: [-0.75, 3.1], y: [-0.6, 4.6], width: 1000, labelDy: 0.3 });
}

const SRC_COLOR: Record<string, string> = { "Table 1": "#1f77b4", "Table 2": "#ff7f0e", text: "#7f7f7f" };
const STAGE_FILL = ["rgba(44,160,44,0.10)", "rgba(31,119,180,0.10)", "rgba(255,127,14,0.10)", "rgba(214,39,40,0.10)"];

/** Every dated document by year and theme on the four shaded stages, with the 2005 → 2007 misprint drawn. */
export function documentsFigure(P: Doc[], S: Row[]): Figure {
  const themes = [...new Set(P.map((p) => String(p.theme)))];
  const mis = P.find((p) => p.id === "t1-2005");
  const end = (s: Row) => Math.min(s.end as number, 2024);
  const bySource = Object.keys(SRC_COLOR).map((src) => {
    const sub = P.filter((p) => p.source === src);
    return { type: "scatter" as const, mode: "markers" as const, name: src === "text" ? "named in the text" : src,
      x: sub.map((p) => p.yearUsed), y: sub.map((p) => String(p.theme)), hoverinfo: "text" as const,
      marker: { size: 12, color: SRC_COLOR[src], line: { color: "#333", width: 1 } },
      hovertext: sub.map((p) => `${p.year_printed} ${p.issuer}: ${p.title}`) };
  });
  return { data: [...bySource,
    ...(mis ? [{ type: "scatter" as const, mode: "lines+markers" as const, x: [2005, 2007],
      name: "17th Congress report: printed 2005 → 2007", y: [String(mis.theme), String(mis.theme)],
      line: { color: "#d62728", dash: "dot" as const }, marker: { size: [10, 1], color: "#d62728", symbol: "x" } }] : []),
    { type: "scatter", mode: "text", x: S.map((s) => ((s.start as number) + end(s)) / 2), y: S.map(() => themes[themes.length - 1]),
      text: S.map((s) => `<b>${s.core}</b> ${s.start}–${(s.end as number) >= 2025 ? "" : s.end}`), textposition: "top center",
      showlegend: false, hoverinfo: "skip" }],
  layout: { title: { text: "County-economy policy documents by year and theme, on the paper's four stages" }, width: 1040,
    height: 520, margin: { l: 170, r: 20, t: 60, b: 80 }, xaxis: { title: { text: "year" }, range: [1976, 2025] },
    yaxis: { type: "category", categoryorder: "array", categoryarray: themes }, legend: { orientation: "h", y: -0.15 },
    shapes: S.map((s, i) => ({ type: "rect", x0: (s.start as number) - 0.5, x1: end(s) + 0.5, y0: 0, y1: 1, yref: "paper",
      fillcolor: STAGE_FILL[i], line: { width: 0 } })) } };
}

/** Stacked bars of the documents per `binYears` years, one series per value of the column `countBy`. */
export function countsFigure(P: Doc[], countBy: string, binYears: number): Figure {
  const groupOf = (p: Doc) => String(p[countBy]);
  const groups = [...new Set(P.map(groupOf))];
  const bins = Array.from({ length: Math.ceil((2024 - 1978) / binYears) }, (_, i) => 1978 + i * binYears);
  const inBin = (p: Doc, b: number) => p.yearUsed >= b && p.yearUsed < b + binYears;
  return { data: groups.map((g, i) => ({ type: "bar" as const, name: g, x: bins.map((b) => b + (binYears - 1) / 2),
    y: bins.map((b) => P.filter((p) => groupOf(p) === g && inBin(p, b)).length), marker: { color: DEFAULT_COLORS[i % 10] } })),
  layout: { title: { text: `Dated county-economy documents per ${binYears === 1 ? "year" : binYears + " years"}, by ${countBy}` },
    barmode: "stack", width: 980, height: 420, xaxis: { title: { text: "year" } }, yaxis: { title: { text: "documents" } },
    legend: { orientation: "h", y: -0.3 } } };
}

/** Documents per stage and per ten years of the stage (stage 3 counted to 2011, stage 4 from 2012). */
export function stageRows(P: Doc[], S: Row[]): Record<string, Cell>[] {
  const stageOf = (y: number) => S.find((s) => y >= (s.start as number) && y <= (s.end as number))?.core ?? "between stages";
  return [...S.map((s) => {
    const n = P.filter((p) => stageOf(p.yearUsed) === s.core).length;
    const len = Math.min(s.end as number, 2023) - (s.start as number) + 1;
    return { stage: `${s.stage} ${s.core}: ${s.label}`, period: String(s.printed_period), years: { html: String(len) },
      documents: { html: String(n) }, "per 10 years": (10 * n) / len };
  }), { stage: "between stages (1990–1992)", period: "not covered by the text", years: { html: "3" },
    documents: { html: String(P.filter((p) => stageOf(p.yearUsed) === "between stages").length) }, "per 10 years": null }];
}

const TOOLS = ["resource allocation", "incentive guidance", "institutional innovation"];

/** Local measures (Tables 3–5) as a province × tool-type bubble grid, provinces by number of measures. */
export function localFigure(L: Row[]): Figure {
  const nIn = (p: string) => L.filter((r) => r.province === p).length;
  const provs = [...new Set(L.map((r) => String(r.province)))].sort((a, b) => nIn(b) - nIn(a));
  const measures = (p: string, t: string) => L.filter((r) => r.province === p && r.tool_type === t);
  const cells = provs.flatMap((p) => TOOLS.map((t) => ({ p, t, n: measures(p, t).length }))).filter((c) => c.n > 0);
  return { data: [{ type: "scatter", mode: "markers+text", x: cells.map((c) => c.t), y: cells.map((c) => c.p),
    text: cells.map((c) => String(c.n)), textposition: "middle center", hoverinfo: "text",
    marker: { size: cells.map((c) => 18 + 14 * c.n), color: cells.map((c) => TOOLS.indexOf(c.t)), cmin: 0, cmax: 2,
      colorscale: [[0, "#9ecae1"], [0.5, "#fdae6b"], [1, "#a1d99b"]] },
    hovertext: cells.map((c) => measures(c.p, c.t).map((r) => r.measure).join("; ")) }],
  layout: { title: { text: "Local measures by province and tool type (Tables 3–5)" }, width: 760, height: 560,
    margin: { l: 80, r: 20, t: 50, b: 60 }, xaxis: { type: "category", categoryorder: "array", categoryarray: TOOLS },
    yaxis: { type: "category", autorange: "reversed" } } };
}

/** The before/after figures the paper cites (`fv(id)` from facts.csv) and the growth they imply. */
export function beforeAfterRows(fv: (id: string) => number): Record<string, Cell>[] {
  const row = (what: string, t0: number, t1: number, id0: string, id1: string, reading: string, lines: string) => {
    const x0 = fv(id0), x1 = fv(id1);
    return { series: what, period: `${t0}–${t1}`, from: x0, to: x1, multiple: growthMultiple(x0, x1),
      "CAGR (%)": 100 * cagr(x0, x1, t1 - t0) as number | null, reading, lines };
  };
  const hebei = fv("hebei-tax-growth");
  return [
    row("grain output (亿吨)", 1978, 1984, "grain-1978", "grain-1984", "≈", "L2689–2691"),
    row("Hunan quality-safety counties", 2018, 2023, "hunan-qs-2018", "hunan-qs-2023", "≥ (30余个)", "L3241–3243"),
    row("Zhejiang collective construction land sales (亿元)", 2018, 2023, "zhejiang-land-2018", "zhejiang-land-2023",
      "> (不足10 → 超50)", "L3369–3371"),
    { series: "Hebei county tax revenue (index)", period: "2019–2022", from: 100, to: 100 * Math.pow(1 + hebei / 100, 3),
      multiple: Math.pow(1 + hebei / 100, 3), "CAGR (%)": hebei, lines: "L3228–3229",
      reading: "printed rate (约8%); cumulative over 3 elapsed years (4 if 2019 is itself a growth year)" },
    { series: "Henan counties in 省直管县 fiscal reform", period: "dates not printed", from: fv("henan-counties-before"),
      to: fv("henan-counties-after"), multiple: fv("henan-counties-after") / fv("henan-counties-before"), "CAGR (%)": null,
      reading: "no dates: multiple only", lines: "L3132–3134" },
  ];
}

/** The checks among the printed numbers: table titles against their dates, text against the local tables. */
export function ledgerChecks(P: Doc[], L: Row[]): Record<string, Ours> {
  const t1 = P.filter((p) => p.source === "Table 1"), t2 = P.filter((p) => p.source === "Table 2");
  const firstNumber = (prov: string, re: RegExp) => {
    const r = L.find((x) => x.province === prov && re.test(String(x.measure)));
    if (!r) throw new Error(`local.csv: no ${prov} measure matching ${re}`);
    return Number(re.exec(String(r.measure))![1]);
  };
  const congress16 = yearOf(t1.find((p) => String(p.issuer).includes("十六大"))!.year_printed);
  const titleYear = (re: RegExp) => Number(/（(\d{4})—/.exec(String(P.find((p) => re.test(String(p.title)))!.title))![1]);
  return {
    "t1-title-from": { value: Math.min(...t1.map((p) => yearOf(p.year_printed))) },
    "t1-title-to": { value: Math.max(...t1.map((p) => yearOf(p.year_printed))) },
    "t2-title-from": { value: Math.min(...t2.map((p) => yearOf(p.year_printed))) },
    "t1-17th-congress": { value: congress16 + 5, note: `16th Congress ${congress16} (same table) + 5 years` },
    "t2-rural-plan-year": { value: titleYear(/乡村振兴战略规划/) },
    "t2-commerce-plan-year": { value: titleYear(/县域商业三年行动计划/) },
    "xref-henan-102": { value: firstNumber("河南", /全部(\d+)个县/) },
    "xref-chongqing-100": { value: firstNumber("重庆", /(\d+)亿元/) },
    "xref-shandong-10": { value: firstNumber("山东", /(\d+)个工业强县/) },
    "xref-guangxi-70": { value: firstNumber("广西", /(\d+)个县/) },
    "xref-gansu-10": { value: firstNumber("甘肃", /评选(\d+)个/) },
    "xref-anhui-200": { value: firstNumber("安徽", /最高(\d+)万元/) },
  };
}
