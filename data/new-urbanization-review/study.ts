/**
 * The plumbing of the new-urbanization-review notebook that a reader does not need to follow the analysis: the
 * framework's node list, plot layouts, the verdict of each published forecast, and the ledger ids. The notebook
 * keeps the data, the logistic fits and the tables; loaded with loadStudyModule(STUDY, "study").
 */
import { diagramNode, flowDiagram, logisticFit, openData, type Cell, type Figure, type LedgerOurs, type LogisticFit,
  type DataProvenance, type LogisticPrediction, type Ours } from "kernel-lib";

type Row = Record<string, number | string | null>;
export interface LabelledFit { label: string; fit: LogisticFit }

/** 图1 rebuilt from the text: three categories, eight topics. */
export function framework(): Figure {
  const A = "#1f77b4", B = "#2ca02c", C = "#9467bd", R = "#aec7e8";
  const nodes = [
    diagramNode("sys", 0, 4.5, "中国特色新型城镇化研究体系<br>research system", "#d62728", 22),
    diagramNode("core", 1.2, 7.4, "A. five core topics<br>五个核心议题", A, 18),
    diagramNode("rel", 1.2, 2.4, "B. two systemic relations<br>两个系统议题", B, 18),
    diagramNode("intl", 1.2, 0.3, "C. international comparison<br>国际比较", C, 18),
    diagramNode("t1", 2.6, 9.2, "1 process and strategy 城镇化进程与战略 (§二)", A, 12),
    diagramNode("t2", 2.6, 8.3, "2 citizenisation 农业转移人口市民化 (§三)", A, 12),
    diagramNode("t3", 2.6, 7.4, "3 urban system, city development 城镇体系与城市发展 (§四)", A, 12),
    diagramNode("t4", 2.6, 6.5, "4 county urbanisation 县域城镇化 (§五)", A, 12),
    diagramNode("t5", 2.6, 5.6, "5 reforms 城镇化改革 (§六)", A, 12),
    diagramNode("r1", 3.6, 5.05, "hukou 户籍", R, 9), diagramNode("r2", 3.6, 4.6, "urban–rural land 城乡土地", R, 9),
    diagramNode("r3", 3.6, 4.15, "public services 公共服务均等化", R, 9),
    diagramNode("r4", 3.6, 3.7, "administrative system 城镇行政体制", R, 9),
    diagramNode("t6", 2.6, 2.8, "6 urbanisation and urban–rural development (§七)", B, 12),
    diagramNode("t7", 2.6, 1.9, "7 urbanisation and economic development (§八)", B, 12),
    diagramNode("t8", 2.6, 0.3, "8 China in international comparison (§九)", C, 12),
  ];
  const tree: [string, string[]][] = [["sys", ["core", "rel", "intl"]], ["core", ["t1", "t2", "t3", "t4", "t5"]],
    ["t5", ["r1", "r2", "r3", "r4"]], ["rel", ["t6", "t7"]], ["intl", ["t8"]]];
  const edges = tree.flatMap(([a, bs]) => bs.map((b): [string, string] => [a, b]));
  return flowDiagram(nodes, edges, { title: "The research system of new urbanisation with Chinese characteristics (图1)",
    x: [-0.7, 6.3], y: [-0.3, 9.8], width: 1000, height: 560, labelDy: 0, textposition: "middle right" });
}

const STAGES: [number, number, string, string][] = [
  [1978, 1992, "1978–1991 slow 缓慢推进", "rgba(31,119,180,0.10)"],
  [1992, 2002, "1992–2001 slow→fast 由慢到快", "rgba(44,160,44,0.12)"],
  [2002, 2012, "2002–2011 fast 快速推进", "rgba(255,127,14,0.12)"],
  [2012, 2025, "2012– fast but slowing 速度放缓", "rgba(214,39,40,0.10)"],
];

/** The printed rates on the four reform-period stages of Table 1, with the 30/50/70% lines. */
export function stagesFigure(years: number[], rates: number[]): Figure {
  return { data: [
    { type: "scatter", mode: "lines+markers+text", x: years, y: rates, text: rates.map(String), textposition: "top left",
      name: "printed rate", line: { color: "#333", width: 1, dash: "dot" }, marker: { size: 8, color: "#d62728" } },
    { type: "scatter", mode: "text", x: STAGES.map(([a, b]) => (a + b) / 2), y: [88, 82, 88, 82],
      text: STAGES.map((s) => s[2]), showlegend: false, hoverinfo: "skip" },
  ], layout: { title: { text: "Urbanisation rate and the four stages of Table 1" }, width: 960, height: 480, showlegend: false,
    xaxis: { title: { text: "year" }, range: [1976, 2026] }, yaxis: { title: { text: "urban population (%)" }, range: [0, 95] },
    shapes: [...STAGES.map(([x0, x1, , fillcolor]) => ({ type: "rect" as const, x0, x1, y0: 0, y1: 95, fillcolor,
      line: { width: 0 } })), ...[30, 50, 70].map((h) => ({ type: "line" as const, x0: 1976, x1: 2026, y0: h, y1: h,
      line: { color: "#888", dash: "dash" as const, width: 1 } }))] } };
}

/** One row per fit: the parameters with their SEs and the years the curve crosses 30% and 50%. */
export function fitRows(fits: LabelledFit[]): Record<string, Cell>[] {
  return fits.map(({ label, fit }) => {
    const tt = Object.fromEntries(fit.terms().map((r) => [r.term, r]));
    return { model: label, "K (%)": fit.K, "se(K)": fit.estimatedK ? tt.K.std_error : null, "r (per year)": fit.r,
      "se(r)": tt.r.std_error, "t_m (year of K/2)": fit.tm, "se(t_m)": tt.tm.std_error, "residual SD (points)": fit.sigma,
      df: { html: String(fit.df) }, RSS: fit.rss, "year U = 30%": fit.K > 30 ? fit.timeAt(30) : null,
      "year U = 50%": fit.K > 50 ? fit.timeAt(50) : null };
  });
}
export const FIT_DIGITS = { "K (%)": 1, "se(K)": 1, "r (per year)": 4, "se(r)": 4, "t_m (year of K/2)": 1, "se(t_m)": 1,
  "residual SD (points)": 2, RSS: 2, "year U = 30%": 1, "year U = 50%": 1 };

const CURVE_COLORS = ["#7f7f7f", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

/** The fitted curves over 1975–2055, the prediction band of the chosen K, the printed rates and the forecasts. */
export function curvesFigure(fits: LabelledFit[], bandFit: LogisticFit, level: number, forecasts: Row[]): Figure {
  const predYears = Array.from({ length: 2055 - 1975 + 1 }, (_, i) => 1975 + i);
  const band = bandFit.predict(predYears, level);
  const shown = forecasts.filter((r) => !String(r.id).startsWith("su2022-") || r.id === "su2022-2035");
  const { t, y } = bandFit;
  return { data: [
    { type: "scatter", mode: "lines", x: [...predYears, ...[...predYears].reverse()], fill: "toself", hoverinfo: "skip",
      y: [...band.map((p) => p.pred_high), ...[...band].reverse().map((p) => p.pred_low)],
      fillcolor: "rgba(31,119,180,0.15)", line: { color: "rgba(0,0,0,0)" },
      name: `${Math.round(100 * level)}% prediction interval, K = ${bandFit.K}%` },
    ...fits.map(({ label, fit }, i) => ({ type: "scatter" as const, mode: "lines" as const, x: predYears, name: label,
      y: predYears.map((yr) => fit.value(yr)), line: { color: CURVE_COLORS[i % CURVE_COLORS.length],
        width: fit.K === bandFit.K ? 3 : 1.5, dash: (fit.estimatedK ? "dot" : "solid") as "dot" | "solid" } })),
    { type: "scatter", mode: "markers", x: t, y, name: "printed rates", marker: { color: "#d62728", size: 8 } },
    { type: "scatter", mode: "markers", x: shown.map((r) => (r.horizon as number) + 0.6), y: shown.map((r) => r.value as number),
      name: "published forecasts (Table 2, text)", marker: { color: "#000", size: 9, symbol: "diamond-open" },
      hovertext: shown.map((r) => `${r.study}: ${r.printed}`), hoverinfo: "text" },
  ], layout: { title: { text: "Logistic S-curves on the printed rates, and the published forecasts" }, width: 980,
    height: 560, xaxis: { title: { text: "year" }, range: [1975, 2056] },
    yaxis: { title: { text: "urban population (%)" }, range: [0, 110] }, legend: { x: 0.01, y: 0.99 } } };
}

const interval = (lo: number, hi: number) => ({ html: `${lo.toFixed(1)}–${hi.toFixed(1)}` });

/** Each fit's forecast in each year with its confidence interval (curve) and prediction interval (observation). */
export function forecastRows(fits: LabelledFit[], years: number[], level: number): Record<string, Cell>[] {
  const pct = Math.round(100 * level);
  return fits.flatMap(({ label, fit }) => fit.predict(years, level).map((p: LogisticPrediction) => ({ model: label,
    year: { html: String(p.t) }, "fitted (%)": p.fit, [`${pct}% CI of the curve`]: interval(p.conf_low, p.conf_high),
    [`${pct}% prediction interval`]: interval(p.pred_low, p.pred_high) })));
}

const REGIONAL = /-(east|central|west|northeast)-/;
/** The national forecasts (the regional ones of 苏红键 2022 cannot be judged by a national curve). */
export const nationalForecasts = (forecasts: Row[]) => forecasts.filter((r) => !REGIONAL.test(String(r.id)));

/** Each national forecast in the forecast years: inside, above or below the prediction interval of `fit`. */
export function judgeForecasts(national: Row[], fit: LogisticFit, years: number[], level: number) {
  return national.filter((r) => years.includes(r.horizon as number)).map((r) => {
    const p = fit.predict([r.horizon as number], level)[0], v = r.value as number;
    const inside = r.bound === ">" ? p.pred_high > v : v >= p.pred_low && v <= p.pred_high;
    return { study: String(r.study), year: { html: String(r.horizon) }, published: String(r.printed),
      [`logistic K = ${fit.K}%`]: p.fit, interval: interval(p.pred_low, p.pred_high),
      verdict: inside ? "inside" : v > p.pred_high ? "above" : "below" };
  });
}

/** The saturation level K at which the curve fitted with K fixed passes through `target` in `year` (bisection). */
export function saturationFor(years: number[], rates: number[], target: number, hiK: number, year = 2035): number {
  const at = (K: number) => logisticFit(years, rates, { saturation: K }).value(year);
  let lo = Math.max(...rates) + 0.5, hi = hiK;
  if ((at(lo) - target) * (at(hi) - target) > 0) {
    throw new Error(`no saturation level in (${lo}, ${hi}) gives ${target}% in ${year}`);
  }
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < target) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Findings {
  impliedK: { "implied K (%)": number }[]; judged: { verdict: string }[]; fits: LabelledFit[]; Kstar: number;
  consensusTarget: number; level: number; bandSaturation: number; data: DataProvenance;
}
/** The computed "what the curve says" bullets (fits[0] is the fit with K free). */
export function findings(f: Findings): string {
  const tmAt = (K: number) => f.fits.find((x) => x.fit.K === K)?.fit.tm.toFixed(1);
  const pct = Math.round(100 * f.level);
  const Ks = f.impliedK.map((r) => r["implied K (%)"]);
  const inside = f.judged.filter((j) => j.verdict === "inside").length;
  return [
    "* **The published 2035 forecasts are what an S-curve through the printed rates gives for a saturation level of " +
      `about ${Math.min(...Ks).toFixed(0)}–${Math.max(...Ks).toFixed(0)}%**; the consensus ` +
      `${f.consensusTarget}% corresponds to K ≈ ${f.Kstar.toFixed(0)}%, between Northam's mature 75–80% and the 83–92% ` +
      "of Table 3's developed countries.",
    `* ${inside} of ${f.judged.length} published national forecasts lie inside the ${pct}% prediction interval of the ` +
      `K = ${f.bandSaturation}% curve.`,
    tmAt(100) ? `* With K = 100% the curve's inflection — where acceleration turns into deceleration — falls in ` +
      `${tmAt(100)}, at 50%: exactly the paper's 2010 / 49.95% split. With a lower K it comes earlier ` +
      `(K = 80%: ${tmAt(80) ?? "—"}).` : "",
    `* Left free, K is not identified by rates that have not yet bent (estimate ${f.fits[0].fit.K.toFixed(0)}%, ` +
      "impossible): the saturation level is the forecaster's assumption, and it, not the fitting, decides the 2050 " +
      "number.",
    f.data.userFile ? `* *Computed on ${f.data.label}; the forecasts judged are those of its forecasts.csv.*` : "",
  ].filter(Boolean).join("\n");
}

const isNum = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);
const paceOf = (from: number, to: number, t0: number, t1: number) => (to - from) / (t1 - t0);

/** The pace (points a year) of each country's rapid stage from Table 3's endpoints, China's from the printed rates. */
export function paceFigure(countries: Row[], rateIn: (year: number) => number): Figure {
  const rows = [...countries.filter((r) => isNum(r.rapid_start) && isNum(r.rapid_from)).map((r) => ({
    country: `${r.country} ${r.rapid_start}–${r.rapid_end}`, from: r.rapid_from as number, to: r.rapid_to as number,
    pace: paceOf(r.rapid_from as number, r.rapid_to as number, r.rapid_start as number, r.rapid_end as number) })),
  { country: "China 1995–2020 (printed rates)", pace: paceOf(rateIn(1995), rateIn(2020), 1995, 2020),
    from: rateIn(1995), to: rateIn(2020) }];
  return { data: [{ type: "bar", orientation: "h", x: rows.map((r) => r.pace), y: rows.map((r) => r.country),
    text: rows.map((r) => `${r.pace.toFixed(2)} (${r.from}→${r.to}%)`), textposition: "outside",
    marker: { color: rows.map((r) => (r.country.startsWith("China") ? "#d62728" : "#1f77b4")) } }],
  layout: { title: { text: "Pace of the rapid-urbanisation stage" }, width: 860, height: 380,
    margin: { l: 260, r: 60, t: 50, b: 50 }, xaxis: { title: { text: "percentage points per year" }, range: [0, 1.8] },
    yaxis: { type: "category", autorange: "reversed" } } };
}

/** Table 3 as printed, with the India population misprint flagged. */
export function countryRows(countries: Row[]): Record<string, Cell>[] {
  return countries.map((r) => ({ country: `${r.country} ${r.country_zh}`, "rapid stage": String(r.rapid_period),
    "2023 population (亿)": r.pop_2023 as number, "urbanisation 2023 (%)": r.urban_2023 as number,
    "above the 75–80% band?": (r.urban_2023 as number) >= 75 ? "yes" : "no",
    flag: r.country === "India" ? "population misprint: 1.44亿 repeats Russia's figure" : "" }));
}

/** The internal checks under their ledger ids. */
export function recordChecks(ours: LedgerOurs, forecasts: Row[], countries: Row[], rateIn: (year: number) => number,
  fact: (id: string) => number): void {
  const t2 = forecasts.filter((r) => /^(su2022|liu2022|wei2021|zhang2021|un2019)-2035$/.test(String(r.id)))
    .map((r) => r.value as number).sort((a, b) => a - b);
  ours.put("consensus-2035-vs-table2", t2[Math.floor(t2.length / 2)], `median of ${t2.join(", ")}`);
  ours.put("su2022-text-vs-table2", forecasts.find((r) => r.id === "su2022-2035")!.value as number, "Table 2");
  ours.put("county-gap", rateIn(2020) - fact("county-urb-2020"), `${rateIn(2020)} − ${fact("county-urb-2020")}`);
  ours.put("students-gaps", fact("students-junior-2021") - fact("students-junior-gap"),
    `primary: ${fact("students-primary-2021") - fact("students-primary-gap")}`);
  ours.put("huline-sum", fact("huline-se") + fact("huline-nw"));
  ours.put("stage-1995-about-30", rateIn(1995));
  ours.put("stage-2010-about-50", rateIn(2010));
  ours.put("table1-monotone", Math.min(rateIn(1992) - rateIn(1991), rateIn(2002) - rateIn(2001),
    rateIn(2012) - rateIn(2011)));
  for (const r of countries) {
    const id = String(r.country).toLowerCase().replace(/ /g, "-");
    if (isNum(r.rapid_to)) {
      ours.put(`t3-${id}-text-end`, r.rapid_to, `Table 3: ${isNum(r.rapid_from) ? r.rapid_from + "→" : ""}${r.rapid_to}%`);
    }
    ours.put(`t3-${id}-text-2023`, r.urban_2023 as number, "Table 3");
  }
}

/**
 * The 2020 urbanisation rate and urban population recomputed from the census by prefecture (issue 19): the sums
 * over the mainland units that report both the urban and the total population. Units without the urban split are
 * counted and named, and the reason goes beside the numbers.
 */
export async function censusUrbanisation(): Promise<{ ours: Record<string, Ours>; statement: string }> {
  const t = (await openData("manifest:census_prefecture_2010_2020")).table;
  const code = t.str("city_code"), name = t.str("city_zh"), pop = t.num("pop_2020"), urban = t.num("pop_urban_2020");
  let sumPop = 0, sumUrban = 0, used = 0;
  const lacking: string[] = [], outside: string[] = [];
  for (let i = 0; i < t.nRows; i++) {
    if (code[i].startsWith("81") || code[i].startsWith("82")) { outside.push(name[i]); continue; }
    if (!Number.isFinite(pop[i]) || !Number.isFinite(urban[i])) { lacking.push(name[i]); continue; }
    sumPop += pop[i]; sumUrban += urban[i]; used++;
  }
  const why = `census by prefecture (manifest:census_prefecture_2010_2020), sum over ${used} mainland units; ` +
    `${lacking.length} units lack the 2020 urban split and are left out (${lacking.join("、")})`;
  return {
    ours: {
      "urb-2020": { value: (100 * sumUrban) / sumPop, provenance: "real", note: why },
      "fact-urban-pop-2020": { value: sumUrban / 1e8, provenance: "real", note: why },
    },
    statement: `Census 2020 by prefecture: ${used} mainland units used; ${lacking.length} without the urban split ` +
      `(${lacking.join(", ")}); ${outside.length} outside the mainland left out (${outside.join(", ")}).`,
  };
}
