/**
 * Plumbing of notebooks/place-based-policy-review.ipynb that a reader does not need to follow the review: the
 * diagram's node list, the timeline's layout, the row mappings of the printed tables, the census join, the
 * what-if bookkeeping and the narrative text. The notebook keeps the data, the equations, marketAccess and the
 * tables and figures.
 */
import { DEFAULT_COLORS, type DiagramEdge, type Figure, type Trace, diagramNode, flowDiagram, greatCircleKm, marketAccess,
  network, pearsonCorrelation, projectDataPath, readGeoJson, registerEnglish, toTable, valueMap } from "kernel-lib";

// English beside the Chinese labels of Tables 2–3 and the tool matrix (the review's own terms, §四 and Table 2).
registerEnglish({ 区域类型: "region type", 政策目标: "policy goal", 问题: "problem", 作用路径: "channel",
  政策类型: "policy types", 萧条地区: "depressed regions", 落后地区: "lagging regions", 膨胀地区: "congested regions",
  企业区: "enterprise zones", 大学城: "university towns", 产业集群: "industrial clusters", 专项拨款: "special grants",
  基础设施投资: "infrastructure investment" });

type Data = Parameters<typeof toTable>[0];
type Row = Record<string, number | string | null>;
const rowsOf = (d: Data): Row[] => toTable(d).rows();
const str = (v: unknown) => String(v);

/** 图2 rebuilt from §三: the two sub-types, their channels, the outcomes and the five tools of §四. */
export function mechanismDiagram(): Figure {
  const node = (id: string, x: number, y: number, label: string, color: string, size = 14) => diagramNode(id, x, y, label, color, size);
  const nodes = [
    node("pure", 0, 3.2, "pure place-based policies<br>纯粹的“基于地”政策", "#1f77b4"),
    node("people", 0, 0.3, "place-based people policies<br>“基于地”的人口政策", "#ff7f0e"),
    node("ext", 1.7, 4.0, "external environment 外部环境", "#9ecae1"), node("int", 1.7, 2.2, "internal environment 内部环境", "#9ecae1"),
    ...([["e1", 4.9, "① infrastructure"], ["e2", 4.35, "② agglomeration (share, match, learn)"], ["e3", 3.8, "③ industry localisation"],
      ["e4", 3.25, "④ knowledge spillovers"], ["i1", 2.5, "① tax subsidies"], ["i2", 1.95, "② investment & financing"]] as const)
      .map(([id, y, label]) => node(id, 3.5, y, label, "#c6dbef")),
    node("p1", 3.5, 0.8, "① network effects", "#fdd0a2"), node("p2", 3.5, 0.0, "② easing spatial mismatch", "#fdd0a2"),
    node("prod", 5.4, 3.2, "firm productivity<br>企业生产力", "#1f77b4"), node("jobs", 5.4, 0.4, "employment & wages<br>就业与工资", "#ff7f0e"),
    node("pros", 7.0, 1.8, "place prosperity<br>地区繁荣", "#2ca02c"),
    node("t-inf", 1.2, 5.6, "tool: infrastructure investment", "#7f7f7f", 9),
    node("t-uni", 3.4, 5.6, "tools: university towns, cluster promotion", "#7f7f7f", 9),
    node("t-ez", 1.2, 1.3, "tools: enterprise zones, special grants", "#7f7f7f", 9),
  ];
  const E = (a: string, bs: string[], color = "#bbbbbb", w = 1.5) => bs.map((b): DiagramEdge => [a, b, w, color]);
  const channels = ["e1", "e2", "e3", "e4", "i1", "i2"];
  const edges = [...E("pure", ["ext", "int"]), ...E("ext", ["e1", "e2", "e3", "e4"]), ...E("int", ["i1", "i2"]),
    ...E("people", ["p1", "p2"]), ...channels.flatMap((c) => E(c, ["prod"])), ...E("p1", ["jobs"]), ...E("p2", ["jobs"]),
    ...E("prod", ["pros"]), ...E("jobs", ["pros"]), ...E("t-inf", ["e1"], "#999999", 1), ...E("t-uni", ["e3", "e4"], "#999999", 1),
    ...E("t-ez", ["i1", "i2", "p1"], "#999999", 1)];
  return flowDiagram(nodes, edges, { title: "How place-based policies create place prosperity (图2, rebuilt from §三)",
    x: [-1.0, 7.8], y: [-0.5, 6.1], width: 1080, height: 620, labelDy: -0.12, textposition: "top center" });
}

const STANCE_COLOR: Record<string, string> = { practice: "#7f7f7f", against: "#d62728", for: "#2ca02c", both: "#9467bd" };
const STANCE_Y: Record<string, number> = { practice: 0, against: -1, for: 1, both: 0.5 };
const stanceName = (st: string) => (st === "practice" ? "practice" : st === "both" ? "people + place together" : `${st} place-based policies`);

/** 图1 as a timeline at the text's years, with the entries Figure 1 prints differently; and the table beside it. */
export function debateTimeline(timeline: Data) {
  const tl = rowsOf(timeline);
  const clip40 = (t: unknown) => (str(t).length > 40 ? str(t).slice(0, 40) + "…" : str(t));
  const traces: Trace[] = [{ type: "scatter", mode: "lines", x: [1925, 2030], y: [0, 0], line: { color: "#cccccc", width: 2 },
    hoverinfo: "skip", showlegend: false }];
  for (const st of ["practice", "against", "for", "both"]) {
    const g = tl.filter((r) => r.stance === st), yr = g.map((r) => r.year_text as number);
    const y = g.map((_, i) => STANCE_Y[st] * (1 + 0.7 * (i % 3)));
    traces.push({ type: "scatter", mode: "lines", x: yr.flatMap((t) => [t, t, null]), y: y.flatMap((v) => [0, v, null]),
      line: { color: STANCE_COLOR[st], width: 1 }, hoverinfo: "skip", showlegend: false });
    traces.push({ type: "scatter", mode: "markers+text", name: stanceName(st), x: yr, y, marker: { size: 11, color: STANCE_COLOR[st] },
      text: g.map((r) => `<b>${r.author_text}</b><br>${clip40(r.position)}`), textposition: st === "against" ? "bottom center" : "top center",
      hovertext: g.map((r) => `${r.author_text}: ${r.position} (${r.lines})`), hoverinfo: "text" });
  }
  const plain = (s: unknown, re: RegExp) => str(s).replace(re, "");
  const figDiff = tl.filter((r) => r.author_fig && (r.year_fig !== r.year_text
    || plain(r.author_fig, /[（）0-9]/g) !== plain(r.author_text, /[() 0-9]/g).replace("and", "、")));
  const ticks = [1930, 1950, 1970, 1990, 2010, 2030];
  traces.push({ type: "scatter", mode: "markers+text", name: "as printed in Figure 1 (differs from text)", hoverinfo: "skip",
    x: figDiff.map((r) => r.year_fig as number), y: figDiff.map((_, i) => -3.4 - 0.45 * i), textposition: "middle left",
    marker: { size: 10, symbol: "x", color: "#d62728" }, text: figDiff.map((r) => `Figure 1: ${r.author_fig}`) },
  { type: "scatter", mode: "text", x: ticks, y: ticks.map(() => -0.12), text: ticks.map(String), textposition: "bottom center",
    showlegend: false, hoverinfo: "skip" });
  const figure: Figure = { data: traces, layout: { title: { text: "The place-based policy debate: positions by year (above: for, below: against)" },
    width: 1100, height: 700, margin: { l: 10, r: 10, t: 50, b: 10 }, xaxis: { visible: false, range: [1912, 2042] },
    yaxis: { visible: false, range: [-4.6, 3.6] }, legend: { orientation: "h", y: 1.0 } } };
  const rows = tl.map((r) => ({ "work (text)": str(r.author_text), "year (text)": r.year_text as number,
    "in Figure 1": r.author_fig ? str(r.author_fig) : "—", stance: str(r.stance), position: str(r.position), lines: str(r.lines) }));
  return { figure, rows, entries: tl };
}

/** The five tools of §四(一). */
export const FIVE_TOOLS = ["企业区", "大学城", "产业集群", "专项拨款", "基础设施投资"];

/** Table 2 as printed, and the tool × region-type matrix with the number of Table 3 directions per tool. */
export function toolTables(table2: Data, table3: Data) {
  const t2 = rowsOf(table2), t3 = rowsOf(table3);
  const toolsOf = (r: Row) => str(r.policy_types).split("、");
  const regionTypes = [...new Set(t2.map((r) => str(r.region_type)))];
  const t3Types = [...new Set(t3.map((r) => str(r.policy_type)))];
  const matrix = FIVE_TOOLS.map((tool) => ({ tool, ...Object.fromEntries(regionTypes.map((rt) => [rt,
    t2.filter((r) => r.region_type === rt && toolsOf(r).includes(tool)).length])),
    "Table 3 directions": t3.filter((r) => str(r.policy_type).startsWith(tool.slice(0, 2))).length }));
  const table2Rows = t2.map((r) => ({ "区域类型": str(r.region_type), "政策目标": str(r.goal), "问题": str(r.problem),
    "作用路径": str(r.path), "政策类型": str(r.policy_types) }));
  const nPilot = t3.filter((r) => r.policy_type === "政策性改革试验区").length;
  const note = `Table 3 (L22129–22244) has ${t3Types.length} policy types (${t3Types.join("、")}) and ${t3.length} directions; ` +
    `政策性改革试验区 (${nPilot} directions) is the China-specific type (L21865–21867).`;
  return { table2Rows, matrix, note, regionTypes, t3Types,
    outsideFive: [...new Set(t2.flatMap(toolsOf))].filter((t) => !FIVE_TOOLS.includes(t)) };
}

/** The printed effect sizes and the other cited numbers as the tables show them. */
export function quotedRows(estimates: Data, cited: Data) {
  const est = rowsOf(estimates);
  return {
    estimates: est.map((r) => ({ study: str(r.study), "policy type (ours)": str(r.policy_type_ours), method: str(r.method),
      outcome: str(r.outcome), estimate: r.lo !== null ? `${r.lo} – ${r.hi}` : str(r.estimate), unit: str(r.unit),
      printed: str(r.printed), lines: str(r.lines) })),
    cited: rowsOf(cited).filter((r) => r.unit !== "count").map((r) => ({ statement: str(r.statement), printed: str(r.printed),
      value: r.value as number, unit: str(r.unit), lines: str(r.lines) })),
  };
}

const SHORT: Record<string, string> = { "kline-tva-mfg": "TVA → national mfg efficiency",
  "xu-inland": "transport → inland welfare via ports", "donaldson-offset": "railroads: loss offset by alternatives",
  "allen-highways": "highways → national welfare (pp)", "donaldson-remove-1890": "railroads removed 1890 → land value",
  "fan-avg": "e-commerce → real income, average", "fan-small-large": "smallest vs largest city gain",
  "fan-online24": "online share 24% → real income" };

/** Forest-style chart: one row per printed estimate in % or pp, by policy type; printed ranges as intervals. */
export function forestChart(estimates: Data): Figure {
  const pct = rowsOf(estimates).filter((r) => str(r.unit).includes("%") || str(r.unit).includes("percentage"));
  const groups = [...new Set(pct.map((r) => str(r.policy_type_ours)))];
  const rowLabel = (r: Row) => `${str(r.study).replace(/,.*$/, "")}: ${SHORT[str(r.id)] ?? str(r.outcome).slice(0, 40)}`;
  const valText = (r: Row) => (r.lo !== null ? `${r.lo}–${r.hi}${str(r.unit).startsWith("percentage") ? " pp" : "%"}` : `${r.estimate}%`);
  const KIND: Record<string, [string, string]> = { point: ["", "circle"], range: [" — printed range", "circle-open"],
    counterfactual: [" — counterfactual/scenario", "diamond"] };
  const num = (v: unknown) => v as number;
  const data: Trace[] = groups.flatMap((g, gi) => Object.entries(KIND).map(([kind, [suffix, symbol]]) => {
    const rs = pct.filter((r) => r.policy_type_ours === g && r.kind === kind);
    return { type: "scatter" as const, mode: "markers+text" as const, name: `${g}${suffix}`, x: rs.map((r) => num(r.estimate)),
      y: rs.map(rowLabel), error_x: { type: "data" as const, visible: true,
        array: rs.map((r) => (r.hi !== null ? num(r.hi) - num(r.estimate) : 0)),
        arrayminus: rs.map((r) => (r.lo !== null ? num(r.estimate) - num(r.lo) : 0)) },
      marker: { size: 11, color: DEFAULT_COLORS[[0, 1, 2, 4][gi]], symbol }, text: rs.map(valText), textposition: "top center",
      hovertext: rs.map((r) => `${r.study}: ${r.outcome} — ${r.printed} (${r.lines})`), hoverinfo: "text", n: rs.length };
  }).filter((t) => t.n > 0).map(({ n, ...t }) => t));
  return { data, layout: { title: { text: "Effect sizes quoted in the review, by policy type (percent or percentage points)" },
    width: 1100, height: 560, margin: { l: 20, r: 30, t: 50, b: 60 }, xaxis: { zeroline: true, range: [-75, 95],
      title: { text: "printed effect (%, pp); intervals = printed ranges, not confidence intervals" } },
    yaxis: { type: "category", automargin: true, autorange: "reversed" }, legend: { orientation: "h", y: -0.2 },
    shapes: [{ type: "line", x0: 0, x1: 0, y0: 0, y1: 1, yref: "paper", line: { color: "#888", width: 1, dash: "dot" } }] } };
}

/** The vote count of findings reported in words: stacked bars by method and direction, and the rows behind it. */
export function voteCount(directions: Data) {
  const dirs = rowsOf(directions);
  const DIRS: [string, string, string][] = [["+", "positive (+)", "#2ca02c"], ["0", "no (significant) effect", "#bbbbbb"],
    ["−", "negative (−)", "#d62728"], ["not stated", "direction not stated", "#f0e442"]];
  const methods = [...new Set(dirs.map((r) => str(r.method)))];
  const figure: Figure = { data: DIRS.map(([d, name, color]) => ({ type: "bar" as const, name, x: methods, marker: { color },
      y: methods.map((m) => dirs.filter((r) => r.method === m && r.direction === d).length) })),
    layout: { title: { text: "Findings reported without numbers: direction by method (vote count)" }, barmode: "stack",
      width: 900, height: 420, xaxis: { type: "category", title: { text: "method as named by the review" } },
      yaxis: { title: { text: "findings" } }, legend: { orientation: "h", y: -0.25 } } };
  const rows = dirs.map((r) => ({ study: str(r.study), method: str(r.method), "policy type (ours)": str(r.policy_type_ours),
    outcome: str(r.outcome), direction: str(r.direction), printed: str(r.printed), lines: str(r.lines) }));
  return { figure, rows, n: dirs.length };
}

/** The lists the text gives for the counts it announces (cited.csv ids n-*). */
export function announcedLists(tools: { regionTypes: string[] }): Record<string, string[]> {
  return {
    "n-features": ["目标导向的“地区繁荣”属性", "空间排他性的精确政策边界", "因地制宜的“地方感”", "工具组合的多元化"],
    "n-reasons": ["区域经济差距扩大带来政治反弹", "无视欠发达地区的发展潜力", "“基于人”政策并未实现缩小区域发展差距"],
    "n-subtypes": ["纯粹的“基于地”政策", "“基于地”的人口政策"], "n-paths": ["提升企业生产力", "促进劳动力就业、提高工资"],
    "n-tools": FIVE_TOOLS, "n-region-types": tools.regionTypes,
    "n-eval-dims": ["政策目标（长期利益）", "要素配置（扭曲流动）", "成本转嫁（空间负外部性）", "全局均衡（全国总体利益）", "社会公平（居住、就业、网络）"],
    "n-qsm-adv": ["异形同构性", "空间一般均衡视角", "反事实模拟能力"],
  };
}

/** Arithmetic on printed values: the Donaldson railroad loss, Fan et al.'s scenario ratio, Allen's range, the counts. */
export function consistencyChecks(estimates: Data, cited: Data, lists: Record<string, string[]>, outsideFive: string[]) {
  const est = rowsOf(estimates), citedRows = rowsOf(cited);
  const E1 = (id: string) => {
    const r = est.find((c) => c.id === id);
    if (!r) throw new Error(`estimates.csv: no ${id}`);
    return r;
  };
  const num = (id: string, f: "estimate" | "lo" | "hi" = "estimate") => E1(id)[f] as number;
  const announced = (id: string) => {
    const r = citedRows.find((c) => c.id === id);
    if (!r) throw new Error(`cited.csv: no ${id}`);
    return r;
  };
  const loss = -num("donaldson-remove-1890"), elast = num("donaldson-ma-elast");
  const netLo = loss * (1 - num("donaldson-offset", "hi") / 100), netHi = loss * (1 - num("donaldson-offset", "lo") / 100);
  const maFall = 1 - Math.exp(Math.log(1 - loss / 100) / elast);
  const fanRatio = num("fan-online24") / num("fan-avg");
  const halfAllen = (num("allen-highways", "hi") - num("allen-highways", "lo")) / 2;
  const rows = [
    { check: "net land-value loss with alternative transport (Donaldson et al.)", result: `${netLo.toFixed(1)}% – ${netHi.toFixed(1)}%`,
      note: `${loss}% × (1 − ${num("donaldson-offset", "hi") / 100} … ${num("donaldson-offset", "lo") / 100})` },
    { check: `fall of market access that the ${elast} elasticity maps to a ${loss}% land-value fall`, result: `${(100 * maFall).toFixed(1)}%`,
      note: `ln(1 − ${loss / 100}) / ${elast}, back-transformed; a reading aid, not a number of the study` },
    { check: "gain at a 24% online share / average gain today (Fan et al.)", result: `${fanRatio.toFixed(2)}×`,
      note: `${num("fan-online24")}% / ${num("fan-avg")}%` },
    { check: "Allen T et al.: midpoint and half-width of the printed range", note: "the only welfare range printed",
      result: `${num("allen-highways").toFixed(2)} ± ${halfAllen.toFixed(2)} pp` },
    ...Object.entries(lists).map(([id, items]) => ({ check: `count: ${announced(id).statement}`,
      result: `${items.length} listed / ${announced(id).value} announced`, note: items.join("；") })),
    { check: "Table 2 tools outside the five tools of §四", result: String(outsideFive.length),
      note: outsideFive.join("、") || "none: Table 2 is consistent with §四(一)" },
  ];
  return { rows, netLo, netHi, fanRatio, elast };
}

export interface City { id: string; name: string; prov: string; mass: number; lon: number; lat: number; how: "code" | "name" }

/**
 * Census 2020 joined to the ECharts label points, by code and else by name; every unit left out is counted and named
 * (no label point, no 2020 population, Hong Kong and Macao) and so is every label point without a census unit.
 */
export function joinCensus(censusData: Data, pointsData: Data) {
  const census = rowsOf(censusData), pref = rowsOf(pointsData);
  const ptByCode = new Map(pref.map((r) => [str(r.adcode), r]));
  const ptByName = new Map(pref.map((r) => [str(r.name_zh), r]));
  const bareName = (s: string) => s.replace(/(特别行政区|市|地区|盟)$/, "");
  const cities: City[] = [], byName: string[] = [], noPoint: string[] = [], noPop: string[] = [], sar: string[] = [];
  const usedPts = new Set<string>();
  for (const r of census) {
    const code = str(r.city_code), name = str(r.city_zh);
    if (code.startsWith("81") || code.startsWith("82")) { sar.push(name); continue; }
    if (r.pop_2020 === null) { noPop.push(name); continue; }
    const p = ptByCode.get(code) ?? ptByName.get(bareName(name)), how = ptByCode.has(code) ? "code" : "name";
    if (!p) { noPoint.push(`${name} (${(r.pop_2020 as number).toLocaleString("en")})`); continue; }
    if (how === "name") byName.push(`${name} ${code} ↔ ${p.name_zh} ${p.adcode}`);
    usedPts.add(str(p.adcode));
    cities.push({ id: code, name, prov: str(r.province_zh), mass: r.pop_2020 as number, lon: p.lon as number, lat: p.lat as number, how });
  }
  if (!cities.length) throw new Error("the census file has no unit with a 2020 population and a label point; nothing to compute");
  const unusedPts = pref.filter((p) => !usedPts.has(str(p.adcode)) && !["810000", "820000"].includes(str(p.adcode)))
    .map((p) => `${p.name_zh} ${p.adcode}`);
  const popAll = census.filter((r) => !str(r.city_code).startsWith("8")).reduce((a, r) => a + ((r.pop_2020 as number | null) ?? 0), 0);
  const popUsed = cities.reduce((a, c) => a + c.mass, 0);
  const rows = [
    { join: "matched by city code", units: cities.filter((c) => c.how === "code").length, detail: "" },
    { join: "matched by name (codes differ)", units: byName.length, detail: byName.join("；") },
    { join: "census units without a label point (dropped)", units: noPoint.length, detail: noPoint.join("；") },
    { join: "census units without a 2020 population (dropped)", units: noPop.length, detail: noPop.join("、") },
    { join: "Hong Kong, Macau (outside the mainland census; dropped)", units: sar.length, detail: sar.join("、") },
    { join: "label points without a census unit (unused)", units: unusedPts.length,
      detail: unusedPts.join("；") + " (莱芜 merged into 济南 in 2019; census on 2020 boundaries)" },
  ];
  const caption = `Join of census 2020 and ECharts label points: ${cities.length} units, ${((100 * popUsed) / popAll).toFixed(4)}% ` +
    `of the mainland population with a 2020 figure (${(popUsed / 1e8).toFixed(4)}亿)`;
  return { cities, rows, caption, popUsed };
}

/** Population-weighted mean of a value per city. */
export const popWeighted = (cities: City[], v: number[]) =>
  v.reduce((a, x, i) => a + x * cities[i].mass, 0) / cities.reduce((a, c) => a + c.mass, 0);

/** The ten highest and five lowest units by the MA index, with their rank. */
export function accessRanking(cities: City[], idx: number[]) {
  const order = idx.map((_, i) => i).sort((a, b) => idx[b] - idx[a]);
  const row = (i: number) => ({ city: cities[i].name, province: cities[i].prov, "population 2020 (万)": cities[i].mass / 1e4,
    "MA index": idx[i], rank: order.indexOf(i) + 1 });
  return { order, rows: [...order.slice(0, 10).map(row), ...order.slice(-5).map(row)] };
}

const outlines = () => readGeoJson(projectDataPath("geo/china_provinces.geojson"));

/** The MA index on the map: colour log10(index), size ∝ √population, the chosen cities labelled. */
export function accessMap(cities: City[], idx: number[], labelIds: string[], theta: number): Figure {
  const labelled = cities.map((c, i) => ({ c, i })).filter(({ c }) => labelIds.includes(c.id));
  return valueMap(cities.map((c, i) => ({ lon: c.lon, lat: c.lat, value: idx[i], size: 3 + Math.sqrt(c.mass / 1e6) * 2.2,
    hover: `${c.name}: MA index ${idx[i].toFixed(1)}, pop ${(c.mass / 1e4).toFixed(0)}万` })), { transform: "log10",
    title: `Market access of ${cities.length} prefecture-level units, θ = ${theta} (census 2020 population)`,
    boundaries: outlines(), colorbarTitle: "log10 MA index", markerLine: { color: "#ffffff", width: 0.3 }, width: 1000, height: 760,
    labels: labelled.map(({ c, i }) => ({ lon: c.lon, lat: c.lat, text: `${c.name.replace(/市$/, "")} ${idx[i].toFixed(0)}` })) });
}

const km = (a: City, b: City) => greatCircleKm(a.lon, a.lat, b.lon, b.lat);

/** What-if on θ: dispersion (CV), rank correlation with the baseline and with population; the closest pair of units. */
export function thetaSweep(cities: City[], grid: number[], ma: number[], maAt: (th: number) => number[]) {
  const ranks = (v: number[]) => network.rankValues(v, "asc");
  const rankCorrelation = (a: number[], b: number[]) => pearsonCorrelation(ranks(a), ranks(b));
  const masses = cities.map((c) => c.mass);
  let closest = { d: Infinity, a: 0, b: 0 };
  for (let a = 0; a < cities.length; a++) for (let b = a + 1; b < cities.length; b++) {
    const d = km(cities[a], cities[b]);
    if (d < closest.d) closest = { d, a, b };
  }
  const sweep = grid.map((th) => {
    const v = maAt(th), m = popWeighted(cities, v), sd = Math.sqrt(popWeighted(cities, v.map((x) => (x - m) ** 2)));
    return { th, cv: sd / m, rho: rankCorrelation(v, ma), rhoPop: rankCorrelation(v, masses), ix: v.map((x) => (100 * x) / m) };
  });
  return { sweep, closest: `${cities[closest.a].name}–${cities[closest.b].name}, ${closest.d.toFixed(1)} km apart` };
}

/**
 * What-if: every distance to unit k shortened by the share `cut` (s = 1 − cut). Unit k's external access scales by
 * s^−θ; every other unit gains M_k d_ik^−θ (s^−θ − 1). Checked against a direct sum for the unit nearest to k.
 */
export function transportScenario(cities: City[], maRows: { own: number; external: number; access: number }[], k: number,
  cut: number, theta: number) {
  const s = 1 - cut, ma = maRows.map((r) => r.access);
  const dk = cities.map((c) => km(c, cities[k]));
  const ma2 = ma.map((v, i) => (i === k ? maRows[k].own + maRows[k].external * s ** -theta
    : v + cities[k].mass * Math.max(dk[i], 1) ** -theta * (s ** -theta - 1)));
  const near = dk.map((d, i) => [d, i]).filter(([, i]) => i !== k).sort((a, b) => a[0] - b[0])[0][1];
  const direct = maRows[near].own + cities.reduce((a, c, j) => (j === near ? a
    : a + c.mass * Math.max(km(cities[near], c) * (j === k ? s : 1), 1) ** -theta), 0);
  const gain = ma2.map((v, i) => 100 * (v / ma[i] - 1));
  return { dk, gain, aggregate: 100 * (popWeighted(cities, ma2) / popWeighted(cities, ma) - 1),
    check: `identity vs direct sum for ${cities[near].name}: ${ma2[near].toFixed(3)} vs ${direct.toFixed(3)}`,
    order: gain.map((_, i) => i).sort((a, b) => gain[b] - gain[a]) };
}

/** The ten largest gains, with the printed land-value elasticity applied as an illustration. */
export function scenarioRows(cities: City[], sc: ReturnType<typeof transportScenario>, elast: number) {
  const land = `illustrative land-value change (%) at elasticity ${elast}`;
  const rows = sc.order.slice(0, 10).map((i) => ({ city: cities[i].name, province: cities[i].prov,
    "distance to improved city (km)": sc.dk[i], "MA gain (%)": sc.gain[i],
    [land]: 100 * (Math.exp(elast * Math.log(1 + sc.gain[i] / 100)) - 1) }));
  return { rows, digits: { "distance to improved city (km)": 0, "MA gain (%)": 2, [land]: 2 },
    over1: sc.gain.filter((g) => g > 1).length };
}

/** The scenario's gains on the map (log10 of the gain in %), the improved city as a red star. */
export function scenarioMap(cities: City[], sc: ReturnType<typeof transportScenario>, k: number, cut: number, theta: number): Figure {
  return valueMap(cities.map((c, i) => ({ lon: c.lon, lat: c.lat, value: sc.gain[i],
    hover: `${c.name}: +${sc.gain[i].toFixed(2)}% (${sc.dk[i].toFixed(0)} km)` })), { transform: "log10", floor: 1e-3, size: 6,
    title: `ILLUSTRATIVE what-if: distances to ${cities[k].name} −${(100 * cut).toFixed(0)}% → gain in market access (θ = ${theta})`,
    boundaries: outlines(), colorbarTitle: "log10 MA gain (%)", width: 1000, height: 760, markSymbol: "star", markColor: "#d62728",
    markSize: 16, marks: [{ lon: cities[k].lon, lat: cities[k].lat, text: `${cities[k].name} (improved)` }] });
}

/** The closing "what differs and why". */
export function whatDiffers(o: { cities: City[]; order: number[]; censusLabel: string; theta: number; ownDistanceKm: number;
  distanceCut: number; improved: string; netLo: number; netHi: number; fanRatio: number; timeline: Row[] }): string {
  const { cities, order } = o;
  const bolton = o.timeline.find((r) => r.id === "bolton");
  const top = order[0];
  const topNN = cities.map((c, j) => ({ j, d: j === top ? Infinity : km(c, cities[top]) })).sort((x, y) => x.d - y.d)[0];
  const names = (is: number[]) => is.map((i) => cities[i].name).join("、");
  const ownTerm = o.ownDistanceKm > 0 ? `The own-market term uses one internal distance of ${o.ownDistanceKm} km for all units ` +
    "(an assumption)." : "Without an own-market term (no areas in the data) MA measures access to *other* places' " +
    `populations: small units next to large ones rank highest (${cities[top].name}, whose nearest neighbour ` +
    `${cities[topNN.j].name} is ${topNN.d.toFixed(0)} km away), a teaching point about the measure rather than a finding; ` +
    "set ownDistanceKm to add the own term.";
  return `
* **Nothing of the review is re-estimated here**: its numbers are other studies' results, entered as printed (estimates.csv,
  directions.csv, cited.csv) and in the ledger as *not reproducible* with that reason. What *is* checked: Figure 1 against the text,
  the counts the text announces against the lists it gives, Table 2 against §四, and arithmetic on the printed numbers
  (net railroad loss ${o.netLo.toFixed(1)}–${o.netHi.toFixed(1)}%, Fan et al.'s 24% scenario = ${o.fanRatio.toFixed(2)}× today's gain).
* **No intervals are printed.** The forest chart's two intervals are printed *ranges* (Donaldson et al.'s 13%~20%, Allen T et al.'s
  1.1~1.4 pp); all other rows are point values. The outcomes differ, so the chart shows magnitudes, not a pooled effect.
* **The market-access section is ours** (${o.censusLabel}, θ = ${o.theta}): ${cities.length} units, the highest access in
  ${names(order.slice(0, 3))}, the lowest in ${names(order.slice(-3))}. ${ownTerm} Great-circle distance
  ignores terrain and networks, which is exactly what Donaldson et al.'s trade-cost-based market access adds.
* **The what-ifs are illustrative**: θ values and the ${(100 * o.distanceCut).toFixed(0)}% cut to ${o.improved} are assumptions;
  the land-value translation borrows a 19th-century US elasticity.
${bolton ? `* Figure 1 prints ${bolton.author_fig} where the text gives ${bolton.year_text}; see section 6.` : ""}
`;
}

/** Misprints (the three listed in the notes first) and labelling issues. */
export const MISPRINTS = [
  { where: "图1 (L21290)", printed: "Bolton（1982）", reading: "Bolton (1992)", basis: "the text gives 1992 three times (L21251, L21326, L21384); ledger entry fig1-year-bolton differs" },
  { where: "图1 (L21288)", printed: "The Word Bank（2009）", reading: "The World Bank (2009)", basis: "typo; the text has 世界银行 (L21304, L21384)" },
  { where: "图1 (L21290)", printed: "Claeser、Gottlieb（2008）", reading: "Glaeser, Gottlieb (2008)", basis: "typo; the text has Glaeser (L21291)" },
  { where: "§六 (L22516)", printed: "目标导向的“地方繁荣”属性", reading: "“地区繁荣”", basis: "wording differs from the definition (L21090, L21391) and 表1 (实现地区繁荣); ours, not in the notes" },
  { where: "§二(一) (L21298)", printed: "人均10万美元的边际成本", reading: "as printed", basis: "人均 (per head) for Glaeser and Gottlieb's marginal cost; the notes read it as per job. Left as printed" },
  { where: "表1 (L21416–21463)", printed: "作用范围 / 政策边界 cells", reading: "possibly swapped", basis: "extraction of merged cells; not a misprint of the paper" },
  { where: "图2 (L21710)", printed: "caption only", reading: "—", basis: "the figure's content is not in the extracted text; the diagram in section 1 follows §三" },
  { where: "L21994 vs L22321", printed: "Kline and Moretti, 2014 / Kline et al.（2014）", reading: "same study", basis: "citation style differs; not an error" },
];

export { marketAccess };
