/**
 * The multipolar-network-organization notebook's plumbing: the framework diagram's layout, the printed tables,
 * provinces built from the census prefectures, the pole, polycentricity and network tables, the flow map's layout,
 * the ledger's typed-list inputs and the findings text. The notebook keeps the measures and the network calls.
 * Loaded with loadStudyModule(STUDY, "study").
 */
import {
  byProvenance, coefficientOfVariation, diagramNode, flowDiagram, flowMap, giniCoefficient, herfindahl, listTimeline,
  network, primacyIndices, projectDataPath, rankSize, rankSizePolycentricity, readGeoJson, table, topKShare, wrapText,
  type DataProvenance, type DataTable, type DiagramEdge, type Figure, type GravityFlow, type Ours, type PlotOptions,
  type Table, type Trace,
} from "kernel-lib";

type Row = Record<string, string | number | null>;
export type Plot = [Figure, PlotOptions];

/** The names of the two public sources, or the user's files. */
export function sourceNames(census: DataProvenance, patents: DataProvenance): string {
  return `${byProvenance(census, { public: "census_prefecture_2010_2020 (6th and 7th censuses, leiii/census)",
    other: census.label })}, ${byProvenance(patents, { public: "province_patents_rd_2010_2023 (中国科技统计年鉴 via "
    + "huhuaping/techme)", other: patents.label })}`;
}

/** The paper's definition of MNSO drawn as a network (the paper has no figure). */
export function frameworkPlot(): Plot {
  const red = "#d62728", orange = "#ff7f0e", brown = "#8c564b";
  const nodes = [
    diagramNode("p1", 0, 3.3, "growth pole 1", red), diagramNode("p2", 0, 2.4, "growth pole 2", red),
    diagramNode("pn", 0, 1.5, "… pole n (n ≥ 2, L584)", red),
    diagramNode("net", 0, 0.4, "ONE region-wide spatial<br>economic network (L588–592)", "#1f77b4"),
    diagramNode("hint", 0, -0.6, "hinterlands, other nodes<br>(secondary, L592–600)", "#bbbbbb"),
    diagramNode("comb", 1.6, 2.6, "spatial combination 空间组合<br>(poles = hubs, core nodes)", orange),
    diagramNode("func", 1.6, 0.6, "functional interaction 功能互动<br>(poles drive, network feeds)", orange),
    diagramNode("sym", 3.1, 1.6, "integrated mutualistic<br>symbiosis 一体互利共生", "#2ca02c"),
    diagramNode("mnso", 4.5, 1.6, "MNSO 多极网络<br>空间组织 (whole-region)", "#9467bd"),
    diagramNode("c1", 6.0, 3.6, "uniqueness 独特性", brown),
    diagramNode("c2", 6.0, 2.6, "systematicity 系统性 ('1+1≥2')", brown),
    diagramNode("c3", 6.0, 1.6, "spatiality 空间性", brown), diagramNode("c4", 6.0, 0.6, "dynamism 动态性 (iteration)", brown),
    diagramNode("c5", 6.0, -0.4, "diversity 多样性", brown),
  ];
  const link = (a: string, b: string, w: number): DiagramEdge => [a, b, w, w > 3 ? "#2ca02c" : "#bbbbbb"];
  const edges = [...["p1", "p2", "pn", "net"].flatMap((p) => [link(p, "comb", 2), link(p, "func", 2)]),
    link("hint", "func", 1), link("comb", "sym", 3.5), link("func", "sym", 3.5), link("sym", "mnso", 4.5),
    ...["c1", "c2", "c3", "c4", "c5"].map((c) => link("mnso", c, 1.2))];
  return [flowDiagram(nodes, edges, { title: "The definition of MNSO (L524–530) and its five characteristics (§三)",
    x: [-0.9, 6.9], y: [-1.3, 3.9], width: 1080, height: 560, labelDy: 0.28 }),
  { caption: "The paper's definition drawn as a network (red: poles; blue: the network; green: the symbiosis that "
      + "makes the MNSO)", provenance: "printed", source: "Wording: 覃成林 (2025), L524–637 and §三 (L736–901); the "
      + "diagram is ours, the paper has none." }];
}

/** The research timeline (timeline.csv) as dated events. */
export function timelinePlot(ev: Row[]): Plot {
  return [listTimeline(ev.map((r) => ({ x: r.year as number, xEnd: r.year_end === null ? undefined : (r.year_end as number),
    label: `<b>${r.printed}</b> ${wrapText(String(r.event), 50)}`, hover: `${r.printed}: ${r.event}` })),
  { title: "How the MNSO idea developed (dates as the paper cites them)", labelX: 2000.5, x: [1973, 2027.5],
    ticks: [2002, 2006, 2010, 2014, 2018, 2022, 2026], height: 560,
    spanName: (e) => `${ev.find((r) => r.year === e.x && r.year_end === e.xEnd)?.printed} (project span)` }),
  { caption: "Research timeline of MNSO", provenance: "printed", source: "覃成林 (2025), L247–472 and L271 (timeline.csv)." }];
}

export function countsTable(counts: Row[]): DataTable {
  return table(counts.map((r) => ({ statement: String(r.statement), value: r.value as number, printed: String(r.printed),
    lines: String(r.lines) })), { caption: "Counts and thresholds printed in the paper", provenance: "printed",
    digits: { value: 0 } });
}

/** Table 1 as printed: two classes side by side. */
export function typologyTable(typ: Row[]): DataTable {
  const whole = typ.filter((r) => r.class === "whole-region"), local = typ.filter((r) => r.class === "local");
  const circ = "①②③④⑤";
  const cell = (r: Row | undefined, i: number) => (r ? { html: `${circ[i]} ${r.type_zh}<br><small>${r.type_en}</small>` } : "");
  return table(Array.from({ length: Math.max(whole.length, local.length) }, (_, i) => ({
    "全域性 whole-region": cell(whole[i], i), "局域性 local": cell(local[i], i) })),
  { caption: "Table 1 区域经济空间组织类型 (types of regional economic spatial organization)", provenance: "printed",
    notes: ["资料来源：作者整理 (compiled by the author), L698–728. Parenthetical glosses of the printed table shortened."] });
}

export interface Province {
  code: string; name: string; pop2010: number; pop2020: number; lon: number; lat: number; capital: string; pole: string;
}

/**
 * The 31 mainland provinces from the census prefectures (codes 81/82, Hong Kong and Macau, left out), placed at
 * their capital's ECharts point, each with the pole the paper's region list assigns it (poles.csv).
 */
export function provinces(census: Table, pref: Table, poles: Row[]) {
  const prefRows = pref.rows();
  const provName = new Map(prefRows.map((r) => [String(r.province_adcode), String(r.province_zh)]));
  const byCode = new Map(prefRows.map((r) => [String(r.adcode), r]));
  const prov = new Map<string, Province>();
  let missingPop = 0;
  for (const r of census.rows()) {
    const code = String(r.province_code);
    if (code.startsWith("81") || code.startsWith("82")) continue;
    if (r.pop_2020 === null || r.pop_2010 === null) missingPop++;
    if (!prov.has(code)) {
      const cap = byCode.get(["11", "12", "31", "50"].includes(code.slice(0, 2)) ? code : code.slice(0, 2) + "0100");
      if (!cap) throw new Error(`no capital point for province ${code}`);
      prov.set(code, { code, name: provName.get(code) ?? String(r.province_zh), pop2010: 0, pop2020: 0,
        lon: cap.lon as number, lat: cap.lat as number, capital: String(cap.name_zh), pole: "" });
    }
    const p = prov.get(code)!;
    p.pop2010 += (r.pop_2010 as number | null) ?? 0;
    p.pop2020 += (r.pop_2020 as number | null) ?? 0;
  }
  const P = [...prov.values()];
  const poleOfName = new Map(poles.flatMap((r) => String(r.provinces_ours).split(";").map((n) => [n, String(r.pole_zh)])));
  P.forEach((p) => (p.pole = poleOfName.get(p.name) ?? ""));
  // A province of the pole list that the census file lacks is named, and its pole is measured without it.
  const missingPoleProvinces = [...poleOfName.keys()].filter((n) => !P.some((p) => p.name === n));
  return { P, missingPop, missingPoleProvinces, totalPop: P.reduce((a, p) => a + p.pop2020, 0) };
}

/** Patents granted by province code in one year. */
export function patentsIn(patents: Table, year: number): Map<string, number> {
  return new Map(patents.rows().filter((r) => r.year === year)
    .map((r) => [String(r.province_adcode), r.patents_granted as number]));
}

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The 7 poles as groups of provinces: their weight in population and in patents. */
export function poleTable(P: Province[], poles: Row[], patY: Map<string, number>, patentYear: number, sources: string) {
  const totalPop = total(P.map((p) => p.pop2020));
  const rows = poles.map((r) => {
    const members = P.filter((p) => p.pole === r.pole_zh);
    return { pole: String(r.pole_zh), provinces: members.map((p) => p.name).join("、"),
      pop2020: total(members.map((p) => p.pop2020)), pop2010: total(members.map((p) => p.pop2010)),
      patents: total(members.map((p) => patY.get(p.code) ?? 0)), nProv: members.length };
  });
  const patTot = total([...patY.values()]);
  const SHARE = `share of patents granted ${patentYear} (%)`;
  return { rows, table: table(rows.map((r) => ({ pole: r.pole, "provinces (ours)": r.provinces,
    "population 2020 (万)": r.pop2020 / 1e4, "share of population (%)": (100 * r.pop2020) / totalPop,
    "population growth 2010–2020 (%)": 100 * (r.pop2020 / r.pop2010 - 1), [SHARE]: (100 * r.patents) / patTot })),
  { caption: "The 7 national growth poles approximated by provinces: weight in population and in patents",
    provenance: "real", digits: { "population 2020 (万)": 0, "share of population (%)": 1,
      "population growth 2010–2020 (%)": 1, [SHARE]: 1 },
    notes: [`Together: ${((100 * total(rows.map((r) => r.pop2020))) / totalPop).toFixed(1)}% of the population and `
      + `${((100 * total(rows.map((r) => r.patents))) / patTot).toFixed(1)}% of patents granted in ${patentYear}, on `
      + `${total(rows.map((r) => r.nProv))} of 31 provinces.`, `Sources: ${sources}. Province-to-pole assignment ours.`] }) };
}

export interface Series { label: string; v: number[] }

/**
 * The four size distributions (census population 2010 and 2020, patents granted 2010 and in `patentYear`) over the
 * provinces. A province without a positive value in a series is left out of that series and named in `missing`.
 */
export function sizeSeries(P: Province[], pat2010: Map<string, number>, patY: Map<string, number>, patentYear: number) {
  const raw: Series[] = [
    { label: "population 2010 (census)", v: P.map((p) => p.pop2010) },
    { label: "population 2020 (census)", v: P.map((p) => p.pop2020) },
    { label: "patents granted 2010", v: P.map((p) => pat2010.get(p.code) ?? NaN) },
    { label: `patents granted ${patentYear}`, v: P.map((p) => patY.get(p.code) ?? NaN) },
  ];
  const missing: string[] = [];
  const series = raw.map((s) => {
    const out = P.filter((_, i) => !(s.v[i] > 0)).map((p) => p.name);
    if (out.length) missing.push(`${s.label}: ${out.length} province(s) without a value, left out of this series (${out.join("、")})`);
    return { label: s.label, v: s.v.filter((x) => x > 0) };
  });
  return { series, missing };
}

/** Rank-size, primacy and concentration measures of one size distribution. */
export function polycentricity(s: Series, rankTop: number): Row {
  const rs = rankSize(s.v, { top: rankTop }), pr = primacyIndices(s.v), h = herfindahl(s.v);
  return { series: s.label, "q (all)": rs.q, "SE": rs.se, "R²": rs.r2,
    "polycentricity 1 − q (top 7)": rankSizePolycentricity(s.v, 7).polycentricity, "two-city": pr.twoCity,
    "four-city": pr.fourCity, "eleven-city": pr.elevenCity, "top-7 share (%)": 100 * topKShare(s.v, 7),
    "Herfindahl": h.herfindahl, "effective number N*": h.effectiveNumber, Gini: giniCoefficient(s.v),
    CV: coefficientOfVariation(s.v) };
}

export function polycentricityTable(rows: Row[], n: number, rankTop: number, sources: string): DataTable {
  return table(rows, { caption: `Polycentricity of China's ${n} provinces: population and patents`, provenance: "real",
    digits: { "q (all)": 3, SE: 3, "R²": 3, "polycentricity 1 − q (top 7)": 3, "two-city": 2, "four-city": 2,
      "eleven-city": 2, "top-7 share (%)": 1, Herfindahl: 4, "effective number N*": 1, Gini: 3, CV: 3 },
    notes: [`q over the top ${rankTop} provinces (parameter rankTop); SE classical OLS. Provinces are administrative `
      + "units, not functional poles: their rank-size exponents are far below city-level ones.", `Sources: ${sources}.`] });
}

/** Rank-size plot of two series with their fitted lines and Zipf's law. */
export function rankSizePlot(a: Series, b: Series, rankTop: number, sources: string): Plot {
  const qPop = rankSize(a.v, { top: rankTop }).q, qPat = rankSize(b.v, { top: rankTop }).q;
  const traces = (s: Series, color: string): Trace[] => {
    const v = [...s.v].sort((x, y) => y - x), rs = rankSize(v, { top: rankTop });
    return [{ type: "scatter", mode: "markers", name: s.label, x: v.map((_, i) => i + 1), y: v.map((x) => x / v[0]),
      marker: { color, size: 7 } },
    { type: "scatter", mode: "lines", name: `fit q = ${rs.q.toFixed(2)}`, x: [1, rs.n], line: { color, dash: "dash", width: 1.5 },
      y: [Math.exp(rs.intercept) / v[0], (Math.exp(rs.intercept) * rs.n ** -rs.q) / v[0]] }];
  };
  return [{ data: [...traces(a, "#1f77b4"), ...traces(b, "#d62728"), { type: "scatter", mode: "lines",
    name: "Zipf's law (q = 1)", x: [1, 31], y: [1, 1 / 31], line: { color: "#999999", dash: "dot" } }],
  layout: { title: { text: "Rank-size plot of provinces (size relative to the largest)" }, width: 820, height: 480,
    xaxis: { type: "log", title: { text: "rank" } }, yaxis: { type: "log", title: { text: "size / size of rank 1" } },
    legend: { orientation: "h", y: -0.2 } } },
  { caption: `Population is much flatter than Zipf (q = ${qPop.toFixed(2)}); patents are steeper (q = `
      + `${qPat.toFixed(2)}): innovation is more concentrated than people`, provenance: "real",
    source: `${sources}; fit: kernel-lib rankSize.` }];
}

/** The union of each node's k strongest links, as undirected pairs. */
export function backbone(flows: GravityFlow[], ids: string[], k: number): GravityFlow[] {
  const key = (a: string, b: string) => [a, b].sort().join("|");
  const keep = new Set(ids.flatMap((id) => flows.filter((f) => f.source === id).sort((a, b) => b.flow - a.flow)
    .slice(0, k).map((f) => key(f.source, f.target))));
  return flows.filter((f) => f.source < f.target && keep.has(key(f.source, f.target)));
}

type Graph = ReturnType<typeof network.buildGraph>;
type Louvain = ReturnType<typeof network.louvain>;

export interface NetworkResult { full: Graph; lv: Louvain; gb: Graph; commOf: Map<string, number> }

export function networkTable(x: NetworkResult, o: { gamma: number; k: number; mass: string; seed: number; restarts: number }) {
  const ind = network.networkIndicators(x.gb);
  return table([
    { network: `complete gravity network (γ = ${o.gamma})`, nodes: x.full.n, edges: x.full.edges,
      density: network.density(x.full), "Louvain communities": x.lv.communities, modularity: x.lv.modularity,
      "average degree": network.averageDegree(x.full), "average clustering": network.clustering(x.full).average,
      "average path length": null, diameter: null },
    { network: `backbone (each capital's ${o.k} strongest links)`, nodes: ind.nodes, edges: ind.edges,
      density: ind.density, "Louvain communities": null,
      modularity: network.modularity(x.gb, Array.from(x.full.ids, (id) => x.commOf.get(id)!)),
      "average degree": ind.average_degree, "average clustering": ind.average_clustering,
      "average path length": ind.average_path_length, diameter: ind.diameter },
  ], { caption: `Gravity network of the 31 provincial capitals, mass = ${o.mass}`, provenance: "real",
    digits: { nodes: 0, edges: 0, "Louvain communities": 0, density: 3, modularity: 3, "average degree": 2,
      "average clustering": 3, "average path length": 3, diameter: 0 },
    notes: ["Indicators with Gephi's definitions (kernel-lib network); clustering is unweighted; path length and "
      + `diameter unweighted (hops). Louvain seed ${o.seed}, ${o.restarts} restarts; the backbone's modularity is `
      + "computed for the communities of the complete network."] });
}

/** Capitals ranked by weighted degree in the complete network; how many pole provinces are among the top. */
export function hubs(x: NetworkResult, P: Province[]) {
  const strength = x.full.ids.map((id, i) => ({ id, s: x.full.outStrength(i) }));
  const sMax = Math.max(...strength.map((r) => r.s));
  const rows = strength.sort((a, b) => b.s - a.s).map((r, k) => {
    const p = P.find((q) => q.name === r.id)!;
    return { rank: k + 1, province: r.id, capital: p.capital, "pole (ours)": p.pole || "—",
      community: x.commOf.get(r.id)! + 1, "strength (relative to max)": r.s / sMax,
      "backbone degree": x.gb.outDegree(x.gb.index.get(r.id)!) };
  });
  const poleProvs = P.filter((p) => p.pole).length;
  return { poleProvs, poleInTop: rows.slice(0, poleProvs).filter((r) => r["pole (ours)"] !== "—").length,
    table: table(rows.slice(0, 12), { caption: "The 12 strongest hubs of the gravity network (weighted degree)",
      provenance: "real", digits: { rank: 0, community: 0, "strength (relative to max)": 3, "backbone degree": 0 } }) };
}

const POLE_COLORS = ["#e41a1c", "#ff7f00", "#377eb8", "#4daf4a", "#984ea3", "#a65628", "#f781bf"];

/** The backbone on the map: communities as markers, pole provinces shaded. */
export function flowMapPlot(x: NetworkResult, bb: GravityFlow[], P: Province[], poles: Row[], k: number,
  sources: string): Plot {
  const poleColors = Object.fromEntries(poles.map((r, i) => [String(r.pole_zh), POLE_COLORS[i]]));
  const provOf = new Map(P.map((p) => [p.code, p]));
  const comm = (p: Province) => x.commOf.get(p.name)!;
  const fig = flowMap([...P].sort((a, b) => comm(a) - comm(b)).map((p) => ({ id: p.name, lon: p.lon, lat: p.lat,
    value: x.full.outStrength(x.full.index.get(p.name)!), group: `community ${comm(p) + 1}`, label: p.capital })),
  bb.map((f) => ({ source: f.source, target: f.target, weight: f.flow })),
  { boundaries: readGeoJson(projectDataPath("geo/china_provinces.geojson")), regionColors: poleColors, widthClasses: 4,
    regionOf: (f) => provOf.get(String(f.properties.adcode))?.pole || undefined, maxWidth: 5, maxMarker: 20,
    labels: true, flowColor: "rgba(80,80,80,0.55)" });
  fig.layout = { ...fig.layout, title: { text: "Gravity backbone, Louvain communities and the 7 poles" }, width: 1000,
    height: 720, legend: { orientation: "v", x: 1.0, y: 1 } };
  return [fig, { caption: `Shaded: provinces of the 7 national growth poles (our approximation); lines: each capital's `
      + `${k} strongest gravity links; markers: Louvain communities, size ∝ √strength`, provenance: "real",
    source: `Masses: ${sources}; capitals: Apache ECharts label points; outlines: geo/china_provinces.geojson; poles: `
      + "覃成林 (2025) L353–359." }];
}

/** Counts of lists typed from the paper's own text: shown in the ledger, counted nowhere (input). */
export function typedCounts(poles: Row[], typ: Row[]): Record<string, Ours> {
  const named = poles.length;
  return {
    "poles-2014-count": { input: true, value: named, note: poles.map((r) => r.pole_zh).join("、") },
    "pattern-2016-poles": { input: true, value: named, note: "the 2014 list; the 2016 poles are not named" },
    "pattern-2016-networks": { input: true, value: ["快速交通网络", "信息网络", "企业空间组织网络"].length,
      note: "named at L449–451" },
    "wei-tiers": { input: true, value: ["世界级", "国家级", "区域级"].length, note: "named at L381" },
    "characteristics-count": { input: true, value: ["独特性", "系统性", "空间性", "动态性", "多样性"].length,
      note: "sections 其一–其五 (L736, 764, 803, 847, 881)" },
    "table1-classes": { input: true, value: new Set(typ.map((r) => r.class)).size },
    "table1-whole": { input: true, value: typ.filter((r) => r.class === "whole-region").length },
    "table1-local": { input: true, value: typ.filter((r) => r.class === "local").length },
  };
}

export interface Findings {
  census: DataProvenance; nProv: number; patentYear: number; pop: Row; pt: Row; hPoles: number;
  communities: number; modularity: number; poleProvs: number; poleInTop: number;
}

/** Findings, misprints and what the numbers say. */
export function findings(x: Findings): string {
  const f = (v: string | number | null, d: number) => Number(v).toFixed(d);
  const { pop, pt } = x;
  return `
**Checks of the text.** The counts the paper prints agree with the lists it gives (7 poles named at L353–359; 3 linkage networks;
3 tiers of city clusters; 5 characteristics, §三 其一–其五; Table 1 has 2 classes with 4 and 5 types). The **8 national development axes**
of the 2016 pattern (L441) are never named, so that count cannot be checked.

**Misprints and inconsistencies.** The Part-A notes list no misprint for this paper. Reading the source, we flag:
* **L795** cites "覃成林、贾善铭、杨霞、种照辉，2014", while the same four authors' book is dated **2016** at L419–431 (and the 2014 book is
  胡军、覃成林等). Without the reference list (lost in extraction) this is either a misprint for 2016 or a different publication.
* **Table 1 and the definition**: MNSO needs "≥ 2" poles (L584), yet the **dual-core structure** (双核结构, two cores) is classed as a
  *local* organization and MNSO as *whole-region*. The distinction rests on coverage (the single region-wide network), not on the
  number of poles; a reader should not take "≥ 2" alone as the criterion.

**How multipolar is China (${x.census.kind === "public" ? "real data" : x.census.label}, our method)?** By census 2020 population the ${x.nProv} provinces give an effective number of
${f(pop["effective number N*"], 1)} equal-sized units, a rank-size exponent q = ${f(pop["q (all)"], 3)} (much flatter than Zipf's q = 1)
and a four-city primacy of ${f(pop["four-city"], 2)}: population is spread over many provinces. Patents granted in ${x.patentYear}
are far more concentrated: N* = ${f(pt["effective number N*"], 1)}, q = ${f(pt["q (all)"], 3)}, top-7 share
${f(pt["top-7 share (%)"], 1)}% (population: ${f(pop["top-7 share (%)"], 1)}%). Innovation — the kind of pole the paper has in mind
— is multipolar but with a few strong poles. The 7 pole regions (our provincial approximation) have an effective number of
${f(x.hPoles, 2)} by population, above the paper's threshold of 2.

**The network.** The gravity network of capitals splits into ${x.communities} Louvain communities (modularity ${f(x.modularity, 3)}), which are
geographically contiguous because distance enters the weights — the "spatiality" the author demands. Of the ${x.poleProvs} provinces
assigned to poles, ${x.poleInTop} are among the ${x.poleProvs} strongest hubs: the poles are the hubs, as §二 says they should be
(a property of gravity networks with population masses, so a consistency check, not a test).

**Limits.** Provinces are coarse stand-ins for growth poles (metropolitan areas); the gravity network is a potential-interaction
model, not observed flows (firm networks, trade, commuting); masses and γ are parameters to vary.
`;
}
