/**
 * Plumbing of notebooks/resource-cities-hqd-interview.ipynb that a reader does not need to follow the analysis:
 * joining the plan's cities to the census (and saying what a partial census leaves out), the group summaries,
 * the ranked chart's layout, the ledger ids, the policy dates as the interview prints them and the narrative text.
 */
import { DataError, Figure, type Published, listTimeline, printedValue, readTable, projectDataPath, valueMap, readGeoJson, toTable }
  from "kernel-lib";

/** A DataFrame (what the notebook holds) or a Table. */
type Data = Parameters<typeof toTable>[0];

export const TYPES = ["growing", "mature", "declining", "regenerating"] as const;
export const TYPE_ZH: Record<string, string> = { growing: "成长型", mature: "成熟型", declining: "衰退型", regenerating: "再生型" };
export const REGIONS = ["east", "central", "west", "northeast"] as const;
const TYPE_COLOR: Record<string, string> = { growing: "#2ca02c", mature: "#1f77b4", declining: "#d62728", regenerating: "#9467bd" };
const MUNICIPALITIES = new Set(["110100", "120100", "310100", "500100"]);
const SAR = ["81", "82"];

/** Boundary changes between the plan (2013) and the 2020 census that make a city unmeasurable on 2020 boundaries. */
const KNOWN_CHANGES: Record<string, string> = { "371200": "莱芜 was merged into 济南 in January 2019; the 2020-boundary " +
  "census has no 莱芜 row and 济南's 2010 figure already includes it" };

export interface City { code: string; name: string; province: string; type: string; typeZh: string; lon: number; lat: number;
  region: string; pop2010: number; pop2020: number; change: number }
export interface Unmatched { code: string; name: string; type: string; reason: string; lon: number; lat: number }

export interface Matched {
  measured: City[];
  unmatched: Unmatched[];
  /** NBS region of each plan city's province (by the first two code digits). */
  regionOf: Map<string, string>;
  /** One line saying what the census leaves out beyond the known boundary changes (empty when nothing). */
  partial: string;
}

/** The plan's cities joined to the census by code; a plan city without a census row is listed with the reason. */
export function matchCities(citiesData: Data, censusData: Data, censusPath: string): Matched {
  const cities = toTable(citiesData), census = toTable(censusData);
  const provinces = readTable(projectDataPath("geo/china_provinces.csv"));
  const regionOf = new Map(provinces.str("adcode").map((c, i) => [c.slice(0, 2), provinces.str("region")[i]]));
  const rowOf = new Map(census.str("city_code").map((c, i) => [c, i]));
  const p10 = census.num("pop_2010"), p20 = census.num("pop_2020");
  const measured: City[] = [], unmatched: Unmatched[] = [];
  for (let i = 0; i < cities.nRows; i++) {
    const code = cities.str("adcode")[i], j = rowOf.get(code);
    const base = { code, name: cities.str("name_zh")[i], type: cities.str("type")[i], lon: cities.num("lon")[i],
      lat: cities.num("lat")[i] };
    if (j === undefined) {
      unmatched.push({ ...base, reason: KNOWN_CHANGES[code] ?? "no census row with this code (a partial census, or a code to check)" });
      continue;
    }
    for (const [col, v] of [["pop_2010", p10[j]], ["pop_2020", p20[j]]] as const) if (Number.isNaN(v)) throw new DataError([{
      file: censusPath, row: j + 1, column: col, value: "", expected: `a population for ${base.name}, a resource-based city` }]);
    measured.push({ ...base, province: cities.str("province_zh")[i], typeZh: cities.str("type_zh")[i],
      region: regionOf.get(code.slice(0, 2)) ?? "?", pop2010: p10[j], pop2020: p20[j], change: (100 * (p20[j] - p10[j])) / p10[j] });
  }
  const missing = unmatched.filter((u) => !KNOWN_CHANGES[u.code]);
  const partial = missing.length ? `The census lacks ${missing.length} of the plan's ${cities.nRows} cities: ` +
    `${missing.map((u) => `${u.name} (${u.code})`).join("、")}; they are left out of every count, table and map below.` : "";
  if (!measured.length) throw new Error(`${censusPath}: none of the plan's ${cities.nRows} cities has a census row; nothing to measure`);
  return { measured, unmatched, regionOf, partial };
}

const cell = (n: number) => ({ html: String(n) });

/** One row of the shrinkage tables; an empty group (a partial census) shows dashes instead of failing. */
function summaryRow(label: string, group: City[], listed: number, threshold: number) {
  const worst = [...group].sort((a, b) => a.change - b.change)[0];
  const nShrank = group.filter((c) => c.change < threshold).length;
  return { group: label, "in plan": cell(listed), measured: cell(group.length), shrank: cell(nShrank),
    "share shrank (%)": group.length ? (100 * nShrank) / group.length : null,
    "mean change (%)": group.length ? group.reduce((a, c) => a + c.change, 0) / group.length : null,
    "largest loss": { html: worst ? `${worst.name} ${worst.change.toFixed(1)}%` : "— (no city measured)" } };
}

/** Rows by plan type (plus "all") and by region: in plan, measured, shrank, share, mean change, largest loss. */
export function shrinkSummaries(citiesData: Data, m: Matched, threshold: number) {
  const cities = toTable(citiesData);
  const types = cities.str("type"), codes = cities.str("adcode");
  const byType = [...TYPES.map((ty) => summaryRow(`${ty} ${TYPE_ZH[ty]}`, m.measured.filter((c) => c.type === ty),
    types.filter((x) => x === ty).length, threshold)), summaryRow("all", m.measured, cities.nRows, threshold)];
  const byRegion = REGIONS.map((rg) => summaryRow(rg, m.measured.filter((c) => c.region === rg),
    codes.filter((c) => m.regionOf.get(c.slice(0, 2)) === rg).length, threshold));
  return { byType, byRegion };
}

/**
 * Prefecture-level units of the census (codes ending in 00, without the four municipalities, province-administered
 * county-level units xx90xx, Hong Kong and Macao) with both counts: how many shrank, and the same for those that are
 * not resource-based cities.
 */
export function otherPrefectures(censusData: Data, m: Matched, threshold: number) {
  const census = toTable(censusData);
  const cc = census.str("city_code"), p10 = census.num("pop_2010"), p20 = census.num("pop_2020");
  const rbc = new Set(m.measured.map((c) => c.code));
  const all = cc.map((code, j) => ({ code, j })).filter(({ code, j }) => code.endsWith("00") && code.slice(2, 4) !== "90"
    && !MUNICIPALITIES.has(code) && !SAR.includes(code.slice(0, 2)) && !Number.isNaN(p10[j]) && !Number.isNaN(p20[j]));
  const shrinks = (j: number) => (100 * (p20[j] - p10[j])) / p10[j] < threshold;
  const non = all.filter((p) => !rbc.has(p.code));
  const censusRowsPop = cc.reduce((a, code, j) => (SAR.includes(code.slice(0, 2)) || Number.isNaN(p20[j]) ? a : a + p20[j]), 0);
  const shrank = all.filter((p) => shrinks(p.j)).length, nonShrank = non.filter((p) => shrinks(p.j)).length;
  return { n: all.length, shrank, nonN: non.length, nonShrank, censusRowsPop, allShare: (100 * shrank) / all.length,
    nonShare: (100 * nonShrank) / non.length };
}

/** Shrinking shares of the resource cities, the other prefecture-level cities and all of them. */
export function shareRows(o: ReturnType<typeof otherPrefectures>, measured: number, shrank: number) {
  return [
    { group: "resource-based cities", cities: cell(measured), shrank: cell(shrank), "share (%)": (100 * shrank) / measured },
    { group: "other prefecture-level cities", cities: cell(o.nonN), shrank: cell(o.nonShrank), "share (%)": o.nonShare },
    { group: "all prefecture-level cities", cities: cell(o.n), shrank: cell(o.shrank), "share (%)": o.allShare },
  ];
}

/** Every measured city at its label point coloured by its change (capped at ±30%); unmeasurable ones as grey crosses. */
export function changeMap(m: Matched, title: string): Figure {
  return valueMap(m.measured.map((c) => ({ lon: c.lon, lat: c.lat, value: c.change,
    hover: `${c.name} (${c.typeZh}) ${c.change.toFixed(1)}%` })), { title, range: [-30, 30], colorscale: "RedBlue", size: 9,
    boundaries: readGeoJson(projectDataPath("geo/china_provinces.geojson")), colorbarTitle: "% change",
    markerLine: { color: "#333", width: 0.5 }, marks: m.unmatched.map((u) => ({ lon: u.lon, lat: u.lat, text: `${u.name}: merged` })),
    centerLat: 36 });
}

/** The largest losses as horizontal bars coloured by plan type, with a dashed line at the severe threshold. */
export function rankedLossChart(ranked: City[], severe: number): Figure {
  const label = (c: City) => `${c.name} (${c.province})`;
  return { data: TYPES.map((ty) => {
    const sub = ranked.filter((c) => c.type === ty);
    return { type: "bar" as const, orientation: "h" as const, name: `${ty} ${TYPE_ZH[ty]}`, x: sub.map((c) => c.change),
      y: sub.map(label), marker: { color: TYPE_COLOR[ty] } };
  }), layout: { title: { text: `The ${ranked.length} largest population losses, 2010→2020` }, width: 820,
    height: 80 + 22 * ranked.length, barmode: "overlay", margin: { l: 150, r: 30, t: 50, b: 50 },
    xaxis: { title: { text: "change in resident population (%)" } },
    yaxis: { type: "category", autorange: "reversed", categoryorder: "array", categoryarray: ranked.map(label) },
    shapes: [{ type: "line", x0: severe, x1: severe, y0: 0, y1: 1, yref: "paper", line: { color: "#444", dash: "dash", width: 1 } }] } };
}

/** The national policy documents as the host's introduction (L51–83) dates them; x = year + month/12 (approximate). */
export const POLICY: { x: number; text: string; until?: number }[] = [
  { x: 2001.5, text: "阜新: first resource-exhausted city transformation pilot" },
  { x: 2007.9, text: "国发〔2007〕38号: State Council opinions on sustainable development of RBCs" },
  { x: 2013.87, text: "国发〔2013〕45号: national plan 2013–2020, 262 RBCs in four types", until: 2020.99 },
  { x: 2016.9, text: "发改振兴规〔2016〕1966号: industrial upgrading of old-industrial and resource cities" },
  { x: 2021.9, text: "发改振兴〔2021〕1559号: 14th Five-Year plan for high-quality development of resource regions" },
];

/** The policy dates on a timeline (the plan's period as a span). */
export function policyTimeline(): Figure {
  return listTimeline(POLICY.map((p) => ({ x: p.x, label: `${Math.floor(p.x)}  ${p.text}`, xEnd: p.until })),
    { title: "National policy for resource-based cities, as the interview dates it", labelX: 1999.8, x: [1982, 2024],
      ticks: [2001, 2005, 2009, 2013, 2017, 2021], width: 900, height: 460, spanName: () => "plan period 2013–2020" });
}

/** The cities within ±band % of no change, closest losses first. */
export function nearZeroRows(measured: City[], band: number) {
  const people = (v: number) => ({ html: v.toLocaleString("en") });
  return measured.filter((c) => Math.abs(c.change) < band).sort((a, b) => a.change - b.change).map((c) => ({ city: c.name,
    province: c.province, type: c.typeZh, "population 2010": people(c.pop2010), "population 2020": people(c.pop2020),
    "change (%)": c.change }));
}

/** How many cities count as shrinking at each threshold (change < threshold), and their share. */
export function thresholdSweep(measured: City[], thresholds: number[]) {
  return thresholds.map((th) => {
    const k = measured.filter((c) => c.change < th).length;
    return { "threshold (%)": th, shrank: cell(k), "share (%)": (100 * k) / measured.length };
  });
}

/** The Okun fit beside the planted values: β, the implied potential growth −α/β and −1/β. */
export function okunRows(a: number, b: number, se: number, beta: number, potential: number) {
  const SE = "std. error (HC1)";
  return [{ term: "β (Okun coefficient)", estimate: b, [SE]: se, planted: beta },
    { term: "implied g* = −α/β", estimate: -a / b, [SE]: null, planted: potential },
    { term: "growth per 1 point less unemployment = −1/β", estimate: -1 / b, [SE]: null, planted: -1 / beta }];
}

/** Okun's-law illustration: growth against the change in unemployment, with the fitted line. */
export function okunChart(g: number[], du: number[], a: number, b: number): Figure {
  const r = [Math.min(...g), Math.max(...g)];
  return { data: [
    { type: "scatter", mode: "markers", x: g, y: du, name: "illustrative years", marker: { color: "#1f77b4", size: 7 } },
    { type: "scatter", mode: "lines", x: r, y: r.map((x) => a + b * x), name: "OLS fit", line: { color: "#d62728" } },
  ], layout: { title: { text: "Okun's law: growth against the change in unemployment" }, width: 700, height: 440,
    xaxis: { title: { text: "real growth g (%)" } }, yaxis: { title: { text: "Δ unemployment (points)" } } } };
}

/** A growth path pushed through Okun's law Δu = β(g − g*) and the employment elasticity η. */
export function growthPath(path: number[], o: { beta: number; potential: number; u0: number; eta: number }) {
  let u = o.u0, e = 100;
  return path.map((g, i) => {
    u = u + o.beta * (g - o.potential);
    e = e * Math.exp(o.eta * Math.log(1 + g / 100));
    return { year: i + 1, growth: g, unemployment: u, employment: e };
  });
}

/** The path as the table shows it. */
export function growthPathRows(rows: ReturnType<typeof growthPath>) {
  return rows.map((r) => ({ "year after base": cell(r.year), "growth (%)": r.growth, "unemployment (%)": r.unemployment,
    "employment (base = 100)": r.employment }));
}

export function growthPathChart(rows: ReturnType<typeof growthPath>): Figure {
  const x = rows.map((r) => r.year);
  return { data: [
    { type: "bar", x, y: rows.map((r) => r.growth), name: "growth (%)", marker: { color: "#9ecae1" } },
    { type: "scatter", mode: "lines+markers", x, y: rows.map((r) => r.unemployment), name: "unemployment (%)",
      line: { color: "#d62728" } },
  ], layout: { title: { text: "What a growth path implies for unemployment" }, width: 700, height: 420,
    xaxis: { title: { text: "years after the base year" } }, yaxis: { title: { text: "%" } } } };
}

/** "What differs, and why" as markdown bullets. */
export function whatDiffers(pub: Published, r: ShrinkResult): string {
  const num = (id: string) => printedValue(pub, id);
  const n = { ...r, severe: r.severeCities, printedShrank: num("rbc-shrank"), printedGrew: num("rbc-grew"),
    printedTotal: num("rbc-total"), printedShare: num("rbc-shrank-share") };
  const diff = n.shrank - n.printedShrank;
  const flips = n.measured.filter((c) => c.change < 0 && c.change > -1).sort((a, b) => a.change - b.change)
    .map((c) => `${c.name} (${c.change.toFixed(2)}%)`);
  const byRegion = REGIONS.map((rg) => [rg, n.severe.filter((c) => c.region === rg).length] as const).filter(([, k]) => k > 0);
  return [
    `* **Count.** We find **${n.shrank} of ${n.measured.length}** measurable cities shrinking (${n.share.toFixed(1)}%), the ` +
    `paper **${n.printedShrank} of ${n.printedTotal}** (${n.printedShare}%): ${diff >= 0 ? diff + " more" : -diff + " fewer"} ` +
    `shrinking and ${n.printedGrew - n.grew} fewer growing, with ${n.printedTotal - n.measured.length} of the paper's ` +
    `${n.printedTotal} not measured.`,
    "* **莱芜.** Merged into 济南 in 2019, it has no row on 2020 boundaries. The paper, published in 2023, counts 126, so its " +
    "authors either used 2010-boundary figures for 莱芜 or a source that still separates it; either way one city is outside our count.",
    "* **Boundaries.** Our 2010 figures are re-aggregated to 2020 units by the data's compilers. The paper's sources [14,15] " +
    "(not in the extracted text) may have compared 2010 yearbook figures on 2010 boundaries with 2020 bulletins; every boundary " +
    "change between the censuses (e.g. 巢湖's split in 2011, which moved counties into 马鞍山, a regenerating city) then moves a " +
    "city's change by several points.",
    `* **Margins.** The count is sensitive near zero: ${flips.length ? flips.join(", ") + " lost less than 1%" : "no city lost " +
    "less than 1%"}; a threshold of −1% instead of 0 gives ${n.measured.filter((c) => c.change < -1).length} shrinking cities.`,
    `* **What holds.** A majority of resource-based cities lost population; the share is far above other prefecture-level ` +
    `cities (${n.nonShare.toFixed(1)}%, one-sided p = ${n.p.toExponential(1)}); and ${n.severe.length} cities lost ` +
    `${-n.severeThreshold}% or more, led by ${n.ranked.slice(0, 3).map((c) => `${c.name} ${c.change.toFixed(1)}%`).join(", ")} ` +
    `(${byRegion.map(([rg, k]) => `${k} in the ${rg}`).join(", ")}).`,
    n.userFiles ? `* *Computed on ${n.userFiles}: the sentences about boundaries describe the public census file.*` : "",
  ].filter(Boolean).join("\n");
}

const printedCell = (pub: Published, id: string) => {
  const e = pub.entries.find((x) => x.id === id);
  if (!e) throw new Error(`published.json has no entry ${id}`);
  return { html: e.printed.replace("%", "") };
};

/** The files read, with their origin and hash. */
export function dataUsed(files: { dataset: string; d: { path: string; table: { nRows: number }; origin: string; sha256: string;
  entry?: { licence?: string } | null } }[]) {
  return files.map(({ dataset, d }) => ({ dataset, file: d.path.split(/[\\/]/).pop() ?? d.path,
    rows: { html: String(d.table.nRows) }, origin: d.origin, "SHA-256": d.sha256.slice(0, 16) + "…",
    licence: d.entry?.licence ?? "your file" }));
}

/** The paper's count beside ours. */
export function countRows(pub: Published, o: { plan: number; measured: number; grew: number; shrank: number; share: number;
  severe: number; severeThreshold: number }) {
  return [
    { "": "Cities in the plan", paper: printedCell(pub, "rbc-total"), ours: cell(o.plan) },
    { "": "Measurable on 2020 boundaries", paper: "", ours: cell(o.measured) },
    { "": "Grew", paper: printedCell(pub, "rbc-grew"), ours: cell(o.grew) },
    { "": "Shrank", paper: printedCell(pub, "rbc-shrank"), ours: cell(o.shrank) },
    { "": "Share that shrank (%)", paper: printedCell(pub, "rbc-shrank-share"), ours: o.share },
    { "": `Severe (≤ ${o.severeThreshold}%)`, paper: { html: "“some”, > 20%" }, ours: cell(o.severe) },
  ];
}

export interface ShrinkResult { plan: number; measured: City[]; grew: number; shrank: number; share: number; ranked: City[];
  severeCities: City[]; severeThreshold: number; allShare: number; allN: number; nonShare: number; p: number; fisherP: number;
  /** The user's files when not the public ones ("" otherwise). */
  userFiles: string }

/** Ledger values of the shrinking-city claims (rbc-*). The implied share is a check among printed numbers. */
export function shrinkLedger(pub: Published, r: ShrinkResult) {
  const n = r.measured.length, pct = (v: number) => `${v.toFixed(1)}%`, worst = r.ranked[0], severe = r.severeCities.length;
  return {
    "rbc-total": { value: r.plan, note: `${n} of them measurable on 2020 boundaries` },
    "rbc-grew": { value: r.grew, note: `of ${n} measured` },
    "rbc-shrank": { value: r.shrank, note: `of ${n} measured` },
    "rbc-shrank-share": { value: r.share, note: `${r.shrank}/${n}` },
    "rbc-shrank-share-implied": { value: (100 * printedValue(pub, "rbc-shrank")) / printedValue(pub, "rbc-total"),
      provenance: "printed" as const, note: "from the printed counts (74/126)" },
    "rbc-severe": { value: -worst.change, note: `largest loss: ${worst.name}; ${severe} cities at or beyond ${r.severeThreshold}%` },
    "rbc-vs-all": { value: r.share - r.allShare, note: `${pct(r.share)} vs ${pct(r.allShare)} of ${r.allN} prefecture-level cities` },
    "rbc-vs-nonrbc-p": { value: r.p, note: `${pct(r.share)} vs ${pct(r.nonShare)}; Fisher one-sided p = ${r.fisherP.toExponential(2)}` },
  };
}

/**
 * The interview's other numbers that can be checked: the population share (census), the carbon figures against each
 * other (from the printed shares; the CO₂ share is printed as 三分之一, exactly 1/3), 67 vs 69 pilots, and the plan's
 * 262 units (lists + the plan text's 58 counties and 16 districts). Returns the table rows and the ledger values.
 */
export function otherClaims(pub: Published, o: { measured: City[]; plan: number; countyCities: number; censusRowsPop: number }) {
  const CHINA_POP_2020 = 1_411_778_724; // 7th census, 31 provinces (NBS communiqué No. 2, 2021-05-11)
  const num = (id: string) => printedValue(pub, id), shown = (id: string) => printedCell(pub, id).html;
  const rbcPop = o.measured.reduce((a, c) => a + c.pop2020, 0), popShare = (100 * rbcPop) / CHINA_POP_2020;
  const p = num("pop-share") / 100, y = num("gdp-share") / 100, c = 1 / 3;
  const pcRatio = (c / p) / ((1 - c) / (1 - p)), intensityRatio = (c / y) / ((1 - c) / (1 - y));
  const yFor = 1 / (1 + (num("co2-intensity-ratio") * (1 - c)) / c); // the GDP share that gives the printed ratio exactly
  const planUnits = o.plan + o.countyCities + 58 + 16;
  const M = (v: number) => (v / 1e6).toFixed(1);
  const rows = [
    { check: "RBC population 2020 / China 2020", paper: shown("pop-share") + "%", ours: { html: `${popShare.toFixed(1)}%` },
      how: `${M(rbcPop)} M of ${M(CHINA_POP_2020)} M (sum of the census rows: ${M(o.censusRowsPop)} M; 莱芜 not counted)` },
    { check: "CO₂ per person, RBC / non-RBC", paper: `${(1 + num("co2-pc-premium") / 100).toFixed(3)} (+${shown("co2-pc-premium")}%)`,
      ours: { html: pcRatio.toFixed(3) }, how: `(1/3 ÷ ${p.toFixed(2)}) / (2/3 ÷ ${(1 - p).toFixed(2)}), from the printed shares` },
    { check: "CO₂ per GDP, RBC / non-RBC", paper: `${shown("co2-intensity-ratio")}×`, ours: { html: intensityRatio.toFixed(3) },
      how: `(1/3 ÷ ${y.toFixed(2)}) / (2/3 ÷ ${(1 - y).toFixed(2)}), from the printed shares` },
    { check: `GDP share that ${shown("co2-intensity-ratio")}× would need`, paper: `${shown("gdp-share")}%`,
      ours: { html: `${(100 * yFor).toFixed(1)}%` }, how: `solve (c/y)/((1−c)/(1−y)) = ${shown("co2-intensity-ratio")} for y` },
    { check: "implied CO₂ per 10⁴ yuan, non-RBC", paper: "", how: `${shown("co2-intensity")} ÷ ${shown("co2-intensity-ratio")}`,
      ours: { html: (num("co2-intensity") / num("co2-intensity-ratio")).toFixed(2) } },
    { check: "resource-exhausted cities", paper: `${shown("exhausted-67")} (L137)`, ours: { html: String(num("pilots-69")) },
      how: "the host's own count of pilots (L69); 67 is the number of declining-type units in the 2013 plan" },
    { check: "resource-based units in the 2013 plan", paper: shown("plan-units"), ours: { html: String(planUnits) },
      how: `${o.plan} prefecture-level + ${o.countyCities} county-level cities (lists) + 58 counties + 16 districts (plan text)` },
  ];
  const ledger = {
    "plan-units": { value: planUnits, note: "lists + plan text" },
    "exhausted-67": { value: num("pilots-69"), note: "the paper's own count of pilots (L69)", provenance: "printed" as const },
    "pop-share": { value: popShare, note: `${o.measured.length} measurable cities; census 2020` },
    "co2-pc-premium": { value: 100 * (pcRatio - 1), note: "implied by the printed shares", provenance: "printed" as const },
    "co2-intensity-ratio": { value: intensityRatio, provenance: "printed" as const,
      note: `implied by the printed shares; ${shown("co2-intensity-ratio")}× needs a GDP share of ${(100 * yFor).toFixed(1)}%` },
  };
  return { rows, ledger };
}
