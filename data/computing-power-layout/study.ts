/**
 * The plumbing of the computing-power-layout notebook that a reader does not need to follow it: the framework's
 * node list, the timeline and map layouts, the geocoding of Table 1's start-up areas, the consistency-check rows and
 * the misprint text. The notebook keeps the data, the distances and the ledger; loaded with loadStudyModule.
 */
import { diagramNode, flowDiagram, greatCircleKm, listTimeline, mapAxes, openData, outlineTrace, projectDataPath,
  readGeoJson, studySchema, cagr, type Cell, type DiagramEdge, type Figure, type Trace } from "kernel-lib";

const STUDY = "computing-power-layout";
type Row = Record<string, number | string | null>;

/** Layout types → transition channels → leap of industrial chains (the paper has no figure). */
export function framework(): Figure {
  const grey = "#7f7f7f", blue = "#1f77b4", orange = "#ff7f0e";
  const nodes = [
    diagramNode("infra", 0, 3, "computing infrastructure<br>(data centres, hubs)", grey),
    diagramNode("net", 0, 1.8, "computing networks<br>(transmission)", grey),
    diagramNode("trade", 0, 0.6, "computing-power trading<br>(markets, vouchers)", grey),
    diagramNode("l1", 1.7, 3, "local-demand layout<br>本地算力产业链", blue),
    diagramNode("l2", 1.7, 1.8, "cross-regional layout<br>(production + transmission)", blue),
    diagramNode("l3", 1.7, 0.6, "cross-regional trading<br>算力交易中心", blue),
    diagramNode("c1", 3.5, 3.4, "technology level of<br>general industry", orange),
    diagramNode("c2", 3.5, 2.3, "cross-regional digital-<br>industry agglomeration", orange),
    diagramNode("c3", 3.5, 1.2, "intelligent-computing<br>industry growth", orange),
    diagramNode("c4", 3.5, 0.1, "computing–electricity<br>symbiosis (green)", orange),
    diagramNode("leap", 5.1, 1.8, "leap of regional<br>industrial chains 跃迁", "#2ca02c"),
  ];
  const channels = ["c1", "c2", "c3", "c4"];
  const edges: DiagramEdge[] = [["infra", "l1"], ["infra", "l2"], ["net", "l2"], ["trade", "l3"], ["net", "l3"],
    ...["l1", "l2", "l3"].flatMap((l) => channels.map((c): DiagramEdge => [l, c])),
    ...channels.map((c): DiagramEdge => [c, "leap"])];
  return flowDiagram(nodes, edges, { title: "Computing-power layout → transition channels → leap of industrial chains",
    x: [-0.8, 5.9], y: [-0.8, 3.8] });
}

/** The dated steps of timeline.csv, one per line, coloured by stage. */
export function timelineFigure(rows: Row[]): Figure {
  const stageColour: Record<string, string> = { "stage 1": "#1f77b4", "stage 2": "#ff7f0e" };
  const eventText = (e: string) => (e.length > 64 ? e.slice(0, 64) + "…" : e);
  return listTimeline(rows.map((r) => ({ x: r.t as number, label: `<b>${r.month}</b> (${r.stage}) ${eventText(String(r.event))}`,
    hover: String(r.event), color: stageColour[String(r.stage)] ?? "#2ca02c" })),
  { title: "Dated steps the paper cites (stages 1–3)", labelX: 2019.9, x: [2009.6, 2025.3],
    ticks: [2020, 2021, 2022, 2023, 2024, 2025] });
}

export interface Placed { lon: number; lat: number; prov: string; names: string }
export interface Cluster extends Placed { region_printed: string; hub: string; cluster: string }
export interface Centre extends Placed { city: string; status: string }
export interface Nearest { e: Cluster; w: Cluster; d: number }
export interface HubMap {
  clusters: Cluster[]; centres: Centre[]; west: Cluster[]; east: Cluster[]; nearest: Nearest[];
  /** NBS region (东部/中部/西部/东北) of a province adcode. */
  regionOf: Map<string, string>;
}

/**
 * Table 1's clusters and the supercomputing centres placed at the mean label point of their prefectures (our
 * geocoding, `anchors_ours`), and each 东部地区 cluster's nearest 西部地区 cluster by great-circle distance.
 */
export async function placeHubs(hubs: Row[], centres: Row[]): Promise<HubMap> {
  const geoTable = async (file: string, schema: string) =>
    (await openData(projectDataPath(`geo/${file}`), studySchema(STUDY, schema))).table.rows();
  const pt = new Map((await geoTable("china_prefectures_echarts.csv", "prefectures")).map((r) => [String(r.adcode), r]));
  const provs = await geoTable("china_provinces.csv", "provinces");
  const regionOf = new Map(provs.map((r) => [String(r.adcode), String(r.region_zh ?? "")]));
  const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const place = (codes: string): Placed => {
    const ps = codes.split(";").map((c) => {
      const p = pt.get(c);
      if (!p) throw new Error(`no point for ${c}`);
      return p;
    });
    return { lon: average(ps.map((p) => p.lon as number)), lat: average(ps.map((p) => p.lat as number)),
      prov: String(ps[0].province_adcode), names: ps.map((p) => p.name_zh).join("/") };
  };
  const clusters = hubs.map((r) => ({ region_printed: String(r.region_printed), hub: String(r.hub),
    cluster: String(r.cluster), ...place(String(r.anchors_ours)) }));
  const placedCentres = centres.map((r) => ({ city: String(r.city), status: String(r.status), ...place(String(r.anchor_ours)) }));
  const west = clusters.filter((h) => h.region_printed === "西部地区"), east = clusters.filter((h) => h.region_printed === "东部地区");
  const nearest = east.map((e) => west.map((w) => ({ e, w, d: greatCircleKm(e.lon, e.lat, w.lon, w.lat) }))
    .sort((a, b) => a.d - b.d)[0]);
  return { clusters, centres: placedCentres, west, east, nearest, regionOf };
}

/** The 东部地区 clusters whose province lies in the NBS region `region` (西部, 中部). */
export const eastBlockIn = (m: HubMap, region: string) =>
  m.east.filter((h) => m.regionOf.get(h.prov) === region).map((h) => h.cluster);

/** Province outlines, the clusters by block, the supercomputing centres and the east→nearest-west links. */
export function mapFigure(m: HubMap): Figure {
  const traces: Trace[] = [outlineTrace(readGeoJson(projectDataPath("geo/china_provinces.geojson")))];
  traces.push({ type: "scatter", mode: "lines", name: "to the nearest western cluster", hoverinfo: "skip",
    x: m.nearest.flatMap((n) => [n.e.lon, n.w.lon, null]), y: m.nearest.flatMap((n) => [n.e.lat, n.w.lat, null]),
    line: { color: "rgba(120,120,120,0.6)", width: 1.5, dash: "dash" } });
  for (const operating of [true, false]) {
    const s = m.centres.filter((x) => (x.status === "operating") === operating);
    traces.push({ type: "scatter", mode: "markers", x: s.map((x) => x.lon), y: s.map((x) => x.lat),
      name: `supercomputing centre (${operating ? "operating" : "not yet operating"})`, hoverinfo: "text",
      marker: { symbol: operating ? "diamond" : "diamond-open", size: operating ? 9 : 10, color: "#9467bd" },
      hovertext: s.map((x) => x.city) });
  }
  const clusterLabel = (c: string) => c.replace("数据中心集群", "").replace("长三角生态绿色一体化发展示范区", "长三角示范区");
  for (const [grp, color, label] of [[m.west, "#d62728", "西部地区"], [m.east, "#1f77b4", "东部地区"]] as const) {
    traces.push({ type: "scatter", mode: "markers+text", name: `cluster, table block ${label}`, x: grp.map((h) => h.lon),
      y: grp.map((h) => h.lat), text: grp.map((h) => clusterLabel(h.cluster)), textposition: "top center",
      marker: { size: 14, color, line: { color: "#fff", width: 1 } }, hovertext: grp.map((h) => `${h.hub}: ${h.cluster}`),
      hoverinfo: "text" });
  }
  return { data: traces, layout: { ...mapAxes(33), width: 1000, height: 760, legend: { orientation: "h", y: -0.02 },
    title: { text: "东数西算 hub clusters (Table 1) and the 14 national supercomputing centres" },
    margin: { l: 10, r: 10, t: 40, b: 10 } } };
}

/** The arithmetic behind the consistency checks, from the cited values (`C(id)`). */
export function energyArithmetic(C: (id: string) => number) {
  const e23 = C("energy-2023"), g = C("energy-growth") / 100, sh = C("energy-share") / 100;
  const e22 = e23 / (1 + g);
  return { e23, e22, growth: cagr(e22, e23, 1), national: e23 / sh, natLo: e23 / 0.0165, natHi: e23 / 0.0155,
    popRatio: C("total-vs-us") / C("percap-vs-us") };
}
export type EnergyArithmetic = ReturnType<typeof energyArithmetic>;

/** The rows of the consistency-check table. */
export function checkRows(a: EnergyArithmetic, C: (id: string) => number, m: HubMap): Record<string, Cell>[] {
  const cyWest = eastBlockIn(m, "西部");
  return [
    { check: "2022 energy use implied by 1500亿 kWh and +15.4%", result: `${a.e22.toFixed(1)}亿 kWh`,
      note: `cagr(${a.e22.toFixed(1)}, 1500, 1) = ${(100 * a.growth).toFixed(2)}%: the rate only holds as a percent, ` +
        "not as 'percentage points'" },
    { check: "national electricity consumption implied by the 1.6% share", result: `${(a.national / 1e4).toFixed(3)}万亿 kWh`,
      note: `range ${(a.natLo / 1e4).toFixed(2)}–${(a.natHi / 1e4).toFixed(2)}万亿 kWh from rounding (1.55–1.65%); ` +
        "compare with the NBS/CEC national total for 2023" },
    { check: "China/US population implied by the two Huawei ratios", result: a.popRatio.toFixed(3),
      note: "China would have only 5/3 the US population; any census puts the ratio far higher, so the two ratios " +
        "cannot refer to the same measure and year" },
    { check: "ratio of the two elasticities (digital economy / GDP)", result: (C("index-de") / C("index-gdp")).toFixed(3),
      note: "the index moves the digital economy about 1.8 times as much as GDP" },
    { check: "supercomputing centres named vs printed count",
      result: `${m.centres.length} named / ${C("supercomputing-2023")} printed`,
      note: `${m.centres.filter((s) => s.status === "operating").length} operating` },
    { check: "clusters in the 东部地区 block whose province is western (NBS)", result: `${cyWest.length}`,
      note: cyWest.join("、") || "none" },
  ];
}

/** The misprints and labelling issues, with the numbers computed above. */
export function misprints(a: EnergyArithmetic, m: HubMap): string {
  const cyWest = eastBlockIn(m, "西部"), cyCentral = eastBlockIn(m, "中部");
  return `
* **"增长了15.4个百分点" (L6412–6413)** for the growth of a level (energy use of computing centres): percentage points
  apply to rates and shares, not to levels. Read as **15.4%**, the implied 2022 level is ${a.e22.toFixed(1)}亿 kWh.
* **The Huawei ratios (L5627–5631)** are mutually inconsistent: total 1/3 and per capita 1/5 of the US would mean China's
  population is only ${a.popRatio.toFixed(2)} times the US's. Probably different measures or years were combined (the
  notes do not list this; it follows from the arithmetic).
* **Table 1 block 东部地区** contains ${cyWest.length} clusters in western provinces (${cyWest.join("、")}): 成渝枢纽 is a
  *demand-side* hub of 东数西算 located in the west; the table's east/west blocks mean demand side / resource side, not
  the NBS regions (${cyCentral.join("、")} lies in a central province, Anhui).
* The 1.6% share is consistent with itself only in the trivial sense; the national total it implies
  (${(a.national / 1e4).toFixed(2)}万亿 kWh) is what a reader should check against the published 2023 figure.
`;
}

/** The growth effect (%) of a rise of the index by 0–10 points at the cited elasticities (‰ per point). */
export function whatIfFigure(C: (id: string) => number): Figure {
  const pts = Array.from({ length: 11 }, (_, i) => i);
  const line = (id: string, what: string, color: string): Trace => ({ type: "scatter", mode: "lines+markers",
    name: `${what} (+${C(id)}‰ per point)`, x: pts, y: pts.map((p) => (p * C(id)) / 10), line: { color } });
  return { data: [line("index-de", "digital economy", "#1f77b4"), line("index-gdp", "GDP", "#d62728")],
    layout: { title: { text: "Implied growth effect of a rise in the computing-power index" }, width: 760, height: 420,
      xaxis: { title: { text: "rise of the index (points)" } }, yaxis: { title: { text: "additional growth (%)" } },
      legend: { orientation: "h", y: -0.2 } } };
}
