/**
 * The plumbing of notebooks/yangtze-openness.ipynb: Table 1 as rows by level, the display of the checks among
 * its printed numbers, the census population weights, the maps, and the ledger and "what differs" text.
 * Loaded with loadStudyModule("yangtze-openness", "study"); the notebook keeps the formulas and the calls.
 */
import {
  figure, mapAxes, outlineTrace, printedValue, registerEnglish, studySchema, table, countsText,
  type DataTable, type FeatureCollection, type LedgerComparison, type Figure, type PlotlyFigure, type Published, type Table, type Trace,
} from "kernel-lib";

export const YEARS = [1993, 2000, 2005, 2010, 2014, 2022];
export const REACH_ZH: Record<string, string> = { lower: "下游", middle: "中游", upper: "上游" };
const REACH_COLOURS: Record<string, string> = { lower: "#1f77b4", middle: "#ff7f0e", upper: "#2ca02c" };
type Provenance = "printed" | "real";

/** Table 1 read by level: province rows, reach rows, the means and changes the paper derives from them. */
export interface Table1 {
  path: string;
  units: string[]; en: string[]; level: string[]; reach: string[]; adcode: string[];
  z(year: number): Float64Array;
  annualChange: Float64Array;
  /** Row indices of the provinces and of the reach means present in the file. */
  provIdx: number[]; regIdx: number[];
  /** Provinces of Table 1 (English, as the schema lists them) that the file lacks: left out everywhere. */
  missing: string[];
  regMean(reach: string, year: number): number;
  /** 年均变化: (Z2022 − Z1993)/29, of the province or of the reach mean. */
  change(i: number): number;
  yrebMean(year: number): number;
  provinceValues(year: number): number[];
}

export function table1(T: Table, path: string): Table1 {
  const units = T.str("unit_zh"), en = T.str("unit_en"), level = T.str("level"), reach = T.str("reach");
  const adcode = T.str("adcode");
  const z = (y: number) => T.num(`z${y}`);
  const rowsAt = (lv: string) => units.map((_, i) => i).filter((i) => level[i] === lv);
  const provIdx = rowsAt("province"), regIdx = rowsAt("region");
  const enSpec = studySchema("yangtze-openness", "table1").columns.unit_en;
  const expected = ("levels" in enSpec ? enSpec.levels ?? [] : []).filter((u) => !u.endsWith("reaches"));
  const missing = expected.filter((u) => !provIdx.some((i) => en[i] === u));
  if (!provIdx.length) throw new Error(`${path}: no province rows (level "province") in Table 1`);
  const regMean = (r: string, y: number) => {
    const ii = provIdx.filter((i) => reach[i] === r);
    return ii.reduce((a, i) => a + z(y)[i], 0) / ii.length;
  };
  const change = (i: number) => (level[i] === "region" ? regMean(reach[i], 2022) - regMean(reach[i], 1993)
    : z(2022)[i] - z(1993)[i]) / 29;
  const yrebMean = (y: number) => provIdx.reduce((a, i) => a + z(y)[i], 0) / provIdx.length;
  return { path, units, en, level, reach, adcode, z, annualChange: T.num("annual_change"), provIdx, regIdx, missing,
    regMean, change, yrebMean, provinceValues: (y) => provIdx.map((i) => z(y)[i]) };
}

/** One sentence on what the file lacks and what is left out (empty when nothing is missing). */
export function coverageNote(t: Table1): string {
  const file = t.path.split("/").slice(-2).join("/");
  if (!t.missing.length) return `${file}: all 11 provinces of Table 1 present.`;
  return `${file}: ${t.missing.length} of the 11 provinces of Table 1 missing (${t.missing.join(", ")}); left out of `
    + "the reach means, the YREB mean, the CV, the maps and the ledger (their entries stay empty).";
}

const label = (t: Table1, i: number) => `${t.units[i]} ${t.en[i]}`;

// English beside the Chinese column and reach labels of the tables and charts (the province names carry their own).
registerEnglish({ 年均变化: "average annual change", "年均变化: printed / ours": "average annual change: printed / ours",
  下游: "lower reaches", 中游: "middle reaches", 上游: "upper reaches", "下游 mean": "lower-reach mean",
  "中游 mean": "middle-reach mean", "上游 mean": "upper-reach mean" });

export function table1View(t: Table1, provenance: Provenance): DataTable {
  return table(t.units.map((u, i) => ({ unit: label(t, i), reach: REACH_ZH[t.reach[i]],
    ...Object.fromEntries(YEARS.map((y) => [String(y), t.z(y)[i]])), "年均变化": t.annualChange[i] })),
  { caption: "Table 1: composite openness index, as printed", provenance, digits: 3,
    notes: [`Source: 002_af8018e6aeb53915.txt, Table 1 (L20490–20626); file ${t.path.split("/").slice(-2).join("/")}.`] });
}

const flag = (ours: number, printed: number, tol: number, what = "") => (Math.abs(ours - printed) > tol ? ` ⚠${what}` : "");

/** The printed reach means and annual changes beside ours (checks among printed numbers). */
export function regionalCheck(t: Table1): DataTable {
  return table([...t.provIdx, ...t.regIdx].map((i) => {
    const cells = YEARS.map((y) => [String(y), { html: t.level[i] === "region"
      ? `${t.z(y)[i].toFixed(3)} / ${t.regMean(t.reach[i], y).toFixed(3)}${flag(t.regMean(t.reach[i], y), t.z(y)[i], 0.0005 + 1e-9)}`
      : t.z(y)[i].toFixed(3) }]);
    const pc = t.annualChange[i], ch = t.change(i);
    return { unit: label(t, i), ...Object.fromEntries(cells),
      "年均变化: printed / ours": { html: `${pc.toFixed(3)} / ${ch.toFixed(3)}${flag(ch, pc, 0.0015, " misprint")}` } };
  }), { caption: "Regional means (printed / ours) and annual changes (printed / ours)", provenance: "printed",
    notes: ["⚠: differs by more than rounding. Annual changes are judged within ±0.0015 (the rounding of the two printed "
      + "values plus half a unit)."] });
}

export function yrebMeanTable(t: Table1, pub: Published): DataTable {
  return table(YEARS.map((y) => ({ year: { html: String(y) }, "mean of the 11 provinces": t.yrebMean(y),
    "paper (text)": { html: y === 1993 || y === 2022 ? String(printedValue(pub, `text-yreb-${y}`)) : "" } })),
  { caption: "YREB composite index: simple mean of the 11 provinces", provenance: "printed", digits: 4 });
}

// style is an untyped plotly attribute bag (legendgroup, textfont are plotly's, not in kernel-lib's Trace subset).
const series = (name: string, x: number[], y: number[], style: object): Trace =>
  ({ type: "scatter", name, x, y, ...style });

export function trendFigure(t: Table1): PlotlyFigure {
  const data: Trace[] = [
    ...t.provIdx.map((i) => series(t.units[i], YEARS, YEARS.map((y) => Math.max(t.z(y)[i], 0.0005)),
      { mode: "lines+markers", line: { color: REACH_COLOURS[t.reach[i]], width: 1.2 }, marker: { size: 5 },
        legendgroup: t.reach[i] })),
    ...["lower", "middle", "upper"].map((r) => series(`${REACH_ZH[r]} mean`, YEARS, YEARS.map((y) => t.regMean(r, y)),
      { mode: "lines", line: { color: REACH_COLOURS[r], width: 4, dash: "dot" } })),
    series("YREB mean", YEARS, YEARS.map(t.yrebMean), { mode: "lines", line: { color: "#000", width: 3 } }),
  ];
  return figure({ data, layout: { title: { text: "Composite openness index, 1993–2022 (Table 1)" }, width: 860,
    height: 500, xaxis: { title: { text: "year" } },
    yaxis: { title: { text: "composite openness index (log)" }, type: "log" } } },
  { caption: "Blue: lower reaches, orange: middle, green: upper; thick dotted: reach means; black: YREB mean",
    provenance: "printed", source: "Table 1 (0.001 in 贵州 2000/2005 drawn as printed; no zeros)." });
}

/** Census population summed by province (first two digits of the code), aligned with t.provIdx. */
export interface PopulationWeights {
  pop2010: number[]; pop2020: number[];
  /** Weights of a year: 2010 census up to 2010, 2020 from 2020, linear in between. */
  at(year: number): number[];
  /** "city_code pop_year" of each empty cell, left out of its province's sum. */
  emptyCells: string[];
  /** Provinces of the table without any census row: their weight is NaN and the weighted CV leaves them out. */
  noCensus: string[];
  view: DataTable;
}

export function populationWeights(ct: Table, t: Table1, ref: string): PopulationWeights {
  const pcode = ct.str("province_code"), city = ct.str("city_code");
  const emptyCells: string[] = [];
  const popOf = (ad: string, year: 2010 | 2020) => {
    const v = ct.num(`pop_${year}`);
    let s = 0, rows = 0;
    for (let k = 0; k < ct.nRows; k++) if (pcode[k].slice(0, 2) === ad.slice(0, 2)) {
      rows++;
      if (Number.isNaN(v[k])) emptyCells.push(`${city[k]} pop_${year}`);
      else s += v[k];
    }
    return rows ? s : NaN;
  };
  const pop2010 = t.provIdx.map((i) => popOf(t.adcode[i], 2010)), pop2020 = t.provIdx.map((i) => popOf(t.adcode[i], 2020));
  const noCensus = t.provIdx.filter((_, k) => Number.isNaN(pop2010[k])).map((i) => label(t, i));
  const at = (y: number) => (y <= 2010 ? pop2010 : y >= 2020 ? pop2020
    : pop2010.map((p, k) => p + ((pop2020[k] - p) * (y - 2010)) / 10));
  const share = (p: number[], k: number) => (100 * p[k]) / p.filter(Number.isFinite).reduce((a, b) => a + b, 0);
  const view = table(t.provIdx.map((i, k) => ({ province: label(t, i), "census 2010 (10⁴)": pop2010[k] / 1e4,
    "census 2020 (10⁴)": pop2020[k] / 1e4, "share 2010 (%)": share(pop2010, k), "share 2020 (%)": share(pop2020, k) })),
  { caption: "Population weights: resident population by census, summed over the prefectures of each province",
    provenance: "real", digits: { "census 2010 (10⁴)": 0, "census 2020 (10⁴)": 0, "share 2010 (%)": 2, "share 2020 (%)": 2 },
    notes: [`Census: ${ref}. Empty population cells in the 11 provinces, left out: `
      + `${emptyCells.length ? emptyCells.join(", ") : "none"}.`
      + (noCensus.length ? ` Provinces without census rows, left out of the weighted CV: ${noCensus.join(", ")}.` : "")] });
  return { pop2010, pop2020, at, emptyCells, noCensus, view };
}

export interface CvSeries { weighted(y: number): number; unweighted(y: number): number; williamson(y: number): number }

export function cvTable(t: Table1, cv: CvSeries, cvMean: string, pub: Published): DataTable {
  const u1993 = printedValue(pub, "text-yreb-1993"), v = t.provinceValues(1993);
  const cvAt1993Text = Math.sqrt(v.reduce((a, x) => a + (x - u1993) ** 2, 0) / v.length) / u1993;
  return table(YEARS.map((y) => ({ year: { html: String(y) },
    "paper": { html: y === 1993 || y === 2022 ? String(printedValue(pub, `text-cv-${y}`)) : "" },
    [`weighted CV (u ${cvMean})`]: cv.weighted(y), "Williamson (kernel-lib, weighted u)": cv.williamson(y),
    "unweighted CV": cv.unweighted(y),
    "weights": y <= 2010 ? "census 2010" : y >= 2020 ? "census 2020" : "interpolated" })),
  { caption: "Coefficient of variation of the 11 provincial indices", provenance: "printed", digits: 3,
    notes: [`With the text's YREB mean u = ${u1993} in 1993 (Table 1 gives ${t.yrebMean(1993).toFixed(3)}) the `
      + `unweighted CV is ${cvAt1993Text.toFixed(3)}. Indices: printed (Table 1); weights: census (real).`] });
}

export function cvFigure(cv: CvSeries, cvMean: string, pub: Published): PlotlyFigure {
  const quoted = [1993, 1998, 2022];
  return figure({ data: [series(`weighted (u ${cvMean})`, YEARS, YEARS.map(cv.weighted), { mode: "lines+markers" }),
    series("unweighted", YEARS, YEARS.map(cv.unweighted), { mode: "lines+markers", line: { dash: "dash" } }),
    series("paper (text)", quoted, quoted.map((y) => printedValue(pub, `text-cv-${y}`)),
      { mode: "markers", marker: { size: 11, symbol: "diamond", color: "#d62728" } })],
  layout: { title: { text: "Regional disparity of opening up in the YREB (Figure 2's points)" }, width: 760, height: 420,
    xaxis: { title: { text: "year" } }, yaxis: { title: { text: "coefficient of variation" } } } },
  { caption: "Ours at the six years of Table 1; the paper's three quoted values (1998 is not in Table 1)",
    provenance: "printed" });
}

const BREAKS = [0.01, 0.1, 0.5, 1, 5];
const PALETTE = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08519c", "#08306b"];
const CLASS_LABELS = ["< 0.01", "0.01–0.1", "0.1–0.5", "0.5–1", "1–5", "≥ 5"];

/** The provinces filled by class of the composite index in `year`, labelled with their value. */
export function classMap(geo: FeatureCollection, t: Table1, year: number): PlotlyFigure {
  const featureOf = (i: number) => geo.features.find((f) => f.properties?.adcode === t.adcode[i]);
  const xy = (i: number) => {   // outer rings of a province, separated by nulls
    const g = featureOf(i)?.geometry;
    if (!g) throw new Error(`no outline for ${t.units[i]} (${t.adcode[i]})`);
    const rings = g.type === "Polygon" ? [(g.coordinates as number[][][])[0]]
      : (g.coordinates as number[][][][]).map((p) => p[0]);
    return { x: rings.flatMap((r) => [...r.map((p) => p[0]), null]), y: rings.flatMap((r) => [...r.map((p) => p[1]), null]) };
  };
  const cp = t.provIdx.map((i) => featureOf(i)?.properties?.cp as number[]);
  const cls = t.provIdx.map((i) => BREAKS.filter((b) => t.z(year)[i] >= b).length);
  const fills: Trace[] = t.provIdx.map((i, k) => ({ type: "scatter", mode: "lines", ...xy(i), fill: "toself",
    fillcolor: PALETTE[cls[k]], line: { color: "#333", width: 0.8 }, showlegend: false, hoverinfo: "skip" }));
  const legend: Trace[] = [...new Set(cls)].sort().map((c) => ({ type: "scatter", mode: "markers", x: [null], y: [null],
    marker: { size: 12, symbol: "square", color: PALETTE[c] }, name: CLASS_LABELS[c] }));
  const textfont: object = { textfont: { size: 10, color: cls.map((c) => (c >= 3 ? "#fff" : "#000")) } };
  const labels: Trace = { type: "scatter", mode: "text", x: cp.map((c) => c[0]), y: cp.map((c) => c[1]),
    text: t.provIdx.map((i) => `${t.units[i]}<br>${t.z(year)[i].toFixed(3)}`), showlegend: false, hoverinfo: "text",
    ...textfont };
  const axes = mapAxes(30);
  const fig: Figure = { data: [outlineTrace(geo, { color: "#bbbbbb", width: 0.5 }), ...fills, ...legend, labels],
    layout: { title: { text: `Composite openness index, ${year}` }, width: 820, height: 520,
      margin: { l: 10, r: 10, t: 50, b: 10 }, xaxis: { ...axes.xaxis, range: [96, 124] },
      yaxis: { ...axes.yaxis, range: [20, 36] }, legend: { title: { text: "index" } } } };
  return figure(fig, { caption: `YREB provinces by composite openness index, ${year} (Table 1)`, provenance: "printed",
    source: "Index: Table 1. Outlines: Apache ECharts 4.9.0 map data (Apache-2.0)." });
}

export function gdpView(t: Table1, gdp: ReadonlyMap<string, number>, gdpSource: string): DataTable {
  return table(t.provIdx.map((i) => ({ province: label(t, i),
    ...Object.fromEntries([1993, 2005, 2020].map((y) => [`GDP ${y}`, gdp.get(`${t.units[i]}|${y}`) ?? NaN])) })),
  { caption: "Provincial nominal GDP (10⁸ yuan), the real input of the demonstration", provenance: "real", digits: 0,
    notes: [`Source: ${gdpSource} (henrylin03/china-gdp, NBS figures; unit inferred, see data/panels/README.md). `
      + "2021–2022 are not in the file."] });
}

export function demoFigure(t: Table1, years: number[], demo: { unit: string; Z: number }[], realGdp: boolean): PlotlyFigure {
  const what = realGdp ? "real provincial GDP, synthetic trade and FIE ratios" : "synthetic GDP, trade and FIE";
  return figure({
    data: t.provIdx.map((i) => ({ type: "scatter", mode: "lines", name: t.units[i], x: years,
      y: demo.filter((r) => r.unit === t.units[i]).map((r) => r.Z), line: { color: REACH_COLOURS[t.reach[i]], width: 1.5 } })),
    layout: { title: { text: `Composite index Z = √(T·I) on ${realGdp ? "real GDP and synthetic trade / FIE" : "synthetic inputs"}` },
      width: 820, height: 420, xaxis: { title: { text: "year" } }, yaxis: { title: { text: "index (10⁸ yuan)" }, type: "log" } },
  }, { caption: `Illustrative only: ${what}; colours by reach`, provenance: "synthetic" });
}

type Ours = Record<string, { value: number | null; note?: string; input?: boolean }>;

/** Our value of every ledger entry: Table 1 (read as data or derived), the text's means, growth, CVs and ratio. */
export function ledgerValues(t: Table1, cv: CvSeries, o: { printed: boolean; growth: number; cvMean: string }): Ours {
  const ours: Ours = {};
  const keyOf = (en: string) => en.split(" ")[0].toLowerCase();
  for (const i of [...t.provIdx, ...t.regIdx]) {
    for (const y of YEARS) ours[`t1-${keyOf(t.en[i])}-${y}`] = t.level[i] === "region"
      ? { value: t.regMean(t.reach[i], y), note: "mean of the printed provinces" }
      : { value: t.z(y)[i], note: o.printed ? "entered from the table" : "from your file", input: o.printed };
    ours[`t1-${keyOf(t.en[i])}-change`] = { value: t.change(i), note: "(Z2022 − Z1993)/29" };
  }
  for (const en of t.missing) for (const y of [...YEARS, "change"]) {
    ours[`t1-${keyOf(en)}-${y}`] = { value: null, note: "not in your file" };
  }
  const meanNote = "mean of the 11 printed provinces";
  ours["text-yreb-1993"] = { value: t.yrebMean(1993), note: meanNote };
  ours["text-yreb-2022"] = { value: t.yrebMean(2022), note: meanNote };
  ours["text-yreb-increase"] = { value: t.yrebMean(2022) - t.yrebMean(1993) };
  ours["text-yreb-growth"] = { value: o.growth,
    note: "compound rate 0.051 → 3.44; the paper's figure is probably a mean of annual rates" };
  const shanghai = t.provIdx.find((i) => t.en[i] === "Shanghai");
  ours["text-shanghai-change"] = { value: shanghai === undefined ? null : t.change(shanghai) };
  for (const y of [1993, 2022]) ours[`text-cv-${y}`] = { value: cv.weighted(y),
    note: `census-${y === 1993 ? 2010 : 2020} weights, u ${o.cvMean}; unweighted ${cv.unweighted(y).toFixed(3)}` };
  const reachChange = (r: string) => (t.regMean(r, 2022) - t.regMean(r, 1993)) / 29;
  ours["text-slow-ratio"] = { value: Math.max(reachChange("middle"), reachChange("upper")) / reachChange("lower"),
    note: "larger of middle/lower and upper/lower" };
  return ours;
}

/** The "what differs, and why" bullets, every number from the data, the ledger or published.json. */
export function whatDiffers(t: Table1, cv: CvSeries, ledger: LedgerComparison, pub: Published,
  o: { growth: number; cvMean: string }): string {
  const paper = (id: string) => printedValue(pub, id);
  const dp3 = (x: number) => x.toFixed(3);
  const lower = t.regIdx.find((i) => t.reach[i] === "lower");
  const misprint = lower === undefined ? "* **Misprint in Table 1.** The lower reaches' row is not in your file."
    : `* **Misprint in Table 1.** The lower reaches' 年均变化 is printed ${t.annualChange[lower]}; the printed endpoints `
    + `give (${t.z(2022)[lower]} − ${t.z(1993)[lower]})/29 = ${dp3((t.z(2022)[lower] - t.z(1993)[lower]) / 29)}. `
    + "Every other annual change and every regional mean follows from the provincial rows.";
  return [
    `* **Ledger.** ${countsText(ledger.counts())} (annual series, trade and investment indices that the paper does not `
      + `print). Differing: ${ledger.disagreeing().map((r) => `${r.entry.id} (printed ${r.entry.printed}, ours `
        + `${r.ours?.toFixed(3)})`).join("; ") || "none"}.`,
    misprint,
    `* **The YREB level in 1993.** The text's ${paper("text-yreb-1993")} is not the mean of the 11 printed provinces `
      + `(${t.yrebMean(1993).toFixed(4)}); 2022's ${paper("text-yreb-2022")} is (${t.yrebMean(2022).toFixed(4)}). The `
      + "text's 1993 figure may come from an aggregate computed on YREB totals or a different data vintage.",
    `* **Growth rate.** ${paper("text-yreb-1993")} → ${paper("text-yreb-2022")} over 29 years is ${o.growth.toFixed(2)}% `
      + `a year compounded, not ${paper("text-yreb-growth")}%: the paper's figure is presumably an average of yearly `
      + "growth rates, which cannot be checked without the annual series.",
    `* **Coefficient of variation.** With census population weights (u ${o.cvMean}) we get ${dp3(cv.weighted(1993))} `
      + `for 1993 (printed ${paper("text-cv-1993")}) and ${dp3(cv.weighted(2022))} for 2022 (printed `
      + `${paper("text-cv-2022")}); the unweighted CVs are ${dp3(cv.unweighted(1993))} and ${dp3(cv.unweighted(2022))}. `
      + "So 1993 fits the population-weighted eq. (4), but the printed 2022 value equals the *unweighted* CV to the "
      + "third decimal: the paper appears to mix the two (or its 2022 weights were near equal, which census shares "
      + "rule out). Our early-year weights are the 2010 census, an approximation.",
    `* **${paper("text-yreb-increase")}.** The text's increase is ${paper("text-yreb-2022")} − ${paper("text-yreb-1993")} `
      + `= ${dp3(paper("text-yreb-2022") - paper("text-yreb-1993"))} from its own rounded endpoints; ours uses the `
      + "Table 1 means.",
    `* **Not in the table.** 1998's peak (${pub.entries.find((e) => e.id === "text-cv-1998")?.printed}), the stage growth rates and the trade/FDI growth `
      + "rates need the annual series of Figure 1, which the paper draws but does not print.",
  ].join("\n");
}
