/**
 * The plumbing of notebooks/nqpf-inclusive-green-growth.ipynb: the sample and panel displays, the GML bookkeeping,
 * the analysis panel, the tables beside the paper, the spatial table, the ledger ids, the planted rows and the
 * "what differs" text. Loaded with loadStudyModule("nqpf-inclusive-green-growth", "study"); the notebook keeps the
 * equations, the model specifications and the estimator calls.
 */
import {
  figure, normalTwoSided, printedNote, record, regressionTable, registerEnglish, show, sobel, stars, table, Table, winsorize,
  withStataConstant, asTable, type IvDiagnostics, type PanelData, type RegressionTable,
  type DataTable, type DescribeRow, type Impact, type LedgerOurs, type MoranResult, type PanelFit, type PlantedRow,
  type PlotlyFigure, type ProductivityResult, type Published, type SpatialFit, type TestResult,
} from "kernel-lib";
import type { City, Dropped } from "./sample";

type Provenance = "synthetic" | "real" | "printed";

export function sampleView(s: { cities: City[]; dropped: Dropped[]; small: City[]; units: number }): DataTable {
  const n = (k: number) => ({ html: String(k) });
  return table([
    { step: "ECharts prefecture-level units (prefecture + 4 municipalities)", units: n(s.units) },
    ...["地区 / 自治州 / 盟", "became a 地级市 after 2011"].map((r) => ({ step: `− ${r}`,
      units: n(s.dropped.filter((d) => d.reason === r).length) })),
    { step: "− 莱芜 and the paper's 伊春, 铜仁, 毕节", units: { html: "4" } },
    { step: "− 12 smallest outside the five agglomerations", units: n(s.small.length) },
    { step: "kept (paper: 272)", units: n(s.cities.length) },
    { step: "of which in the five agglomerations (Table 7 implies 107)", units: n(s.cities.filter((c) => c.agg).length) },
  ], { caption: "From the ECharts prefecture list to the 272 cities", provenance: "real",
    notes: [`Census match missing for: ${s.cities.filter((c) => !Number.isFinite(c.pop2010)).map((c) => c.name)
      .join(", ") || "none"}. Dropped as smallest: ${s.small.map((c) => c.name).join(", ")}.`] });
}

/** Cities of the panel outside the 272, and the 272 without any row: named, so a partial file says what it lacks. */
export function panelCoverage(panel: Table, cities: City[]): { unknown: string[]; absent: string[]; note: string } {
  const codes = new Set(panel.str("city_code"));
  const known = new Set(cities.map((c) => c.code));
  const unknown = [...codes].filter((c) => !known.has(c));
  const absent = cities.filter((c) => !codes.has(c.code)).map((c) => `${c.name} (${c.code})`);
  const note = absent.length
    ? `${absent.length} of the ${cities.length} sample cities have no row and are left out: ${absent.slice(0, 12).join(", ")}`
      + `${absent.length > 12 ? ", …" : ""}. The spatial steps need every city in every year and stop below.`
    : `all ${cities.length} sample cities present.`;
  return { unknown, absent, note };
}

export function panelViews(raw: Table, varProv: Record<string, string>, provenance: Provenance): DataTable[] {
  const cellOf = (v: unknown) => (typeof v === "number" ? { html: String(+v.toPrecision(5)) } : String(v));
  const real = Object.keys(varProv).filter((k) => varProv[k].startsWith("real"));
  return [
    table(raw.rows().slice(0, 4).map((r) => Object.fromEntries(Object.entries(r).slice(0, 16).map(([k, v]) => [k, cellOf(v)]))),
      { caption: "First rows of the panel, DEA block (raw units; see README)", provenance }),
    table(Object.entries(varProv).map(([variable, source]) => ({ variable: variable, source: source })),
      { caption: `Provenance of each panel variable (${real.length} real: ${real.join(", ") || "none"})`,
        notes: ["The paper prints no statistic of dfi, gdp or so2 alone (Table 3 describes NP, IGG and the controls), "
          + "so no ledger entry can be recomputed from the real series; every result that uses a synthetic variable "
          + "stays synthetic."] }),
  ];
}

/** The cumulative GML (IGG) by "city|year". */
export function iggByCityYear(gml: ProductivityResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of gml.results) if (r.cumulative?.tfpch != null) out.set(`${r.dmu}|${r.period}`, r.cumulative.tfpch);
  return out;
}

/** How far the DEA's IGG is from the planted one (synthetic panel only); the frontier city-year of the real-output
 * design ("adcode|year", not planted) is reported apart. */
export function gmlRecoveryText(raw: Table, igg: Map<string, number>, planted: number[], baseYear: number,
  frontier?: string): string {
  const yr = raw.num("year");
  const key = (k: number) => `${raw.str("city_code")[k]}|${yr[k]}`;
  const gap = (k: number) => Math.abs((igg.get(key(k)) ?? NaN) - planted[k]);
  const rows = Array.from({ length: raw.nRows }, (_, k) => k).filter((k) => yr[k] > baseYear);
  const err = rows.filter((k) => key(k) !== frontier).map(gap).sort((a, b) => a - b);
  const atF = rows.find((k) => key(k) === frontier);
  return `planted vs DEA IGG: median |difference| ${err[err.length >> 1].toFixed(4)}, 95th pct `
    + `${err[Math.floor(0.95 * err.length)].toFixed(4)}, largest ${err[err.length - 1].toFixed(3)}`
    + (atF === undefined ? "" : `; the frontier city-year ${frontier} (its super-efficiency, not planted): ${gap(atF).toFixed(3)}`);
}

export function gmlFigure(gml: ProductivityResult, provenance: Provenance): PlotlyFigure {
  const byPeriod = (name: string, key: "tfpch" | "effch" | "techch") => ({ type: "scatter" as const,
    mode: "lines+markers" as const, name, x: gml.byPeriod.map((r) => r.period), y: gml.byPeriod.map((r) => r[key]) });
  return figure({ data: [byPeriod("GML (geometric mean)", "tfpch"), byPeriod("EC (catch-up)", "effch"),
    byPeriod("BPC (best-practice gap change)", "techch")],
  layout: { title: { text: "Global Malmquist–Luenberger index and its decomposition, by year" }, width: 760, height: 360,
    xaxis: { title: { text: "year" } }, yaxis: { title: { text: "index (previous year = 1)" } } } },
  { caption: "GML by year, geometric means over cities", provenance,
    source: "productivityIndex(index: 'gml', model: 'super-sbm'); EC against the contemporaneous frontier." });
}

/** English of the NP indicators of Table 2 (data/nqpf-inclusive-green-growth/README.md), shown beside the Chinese. */
export const INDICATOR_ENGLISH: Record<string, string> = {
  地方财政科学事业费支出: "local fiscal spending on science", 地方财政教育事业费支出: "local fiscal spending on education",
  普通高等学校在校学生人数: "students enrolled in higher education", 每百人互联网宽带接入用户数:
    "broadband subscribers per 100 people", 每百人移动电话用户数: "mobile phone subscribers per 100 people",
  数字普惠金融指数: "digital financial inclusion index", 数字经济相关发明专利授权数: "digital-economy invention patents granted",
  电信业务总量: "telecom business volume", 邮政业务总量: "postal business volume", 创新创业指数: "innovation and entrepreneurship index",
  人工智能企业数量: "number of AI firms",
};

export function weightsView(weights: { indicator: string; entropy: number; weight: number }[], zh: string[],
  byYear: boolean, provenance: Provenance): DataTable {
  registerEnglish(Object.fromEntries(zh.map((z, j) => [`${z} (${weights[j].indicator})`,
    `${INDICATOR_ENGLISH[z] ?? z} (${weights[j].indicator})`])));
  return table(weights.map((w, j) => ({ indicator: `${zh[j]} (${w.indicator})`, entropy: w.entropy, weight: w.weight })),
    { caption: `Entropy weights of the NP indicators (${byYear ? "first year; weights vary by year" : "pooled"})`,
      provenance, digits: 4, notes: ["The paper prints no weights."] });
}

/** The 2011–2022 analysis panel as a DataFrame: NP, IGG from the DEA, controls, mediators, terrain × (t − 2010) as
 * the instrument. */
export function analysisPanel(reg: Table, NP: Float64Array, igg: Map<string, number>, cities: City[],
  vars: string[]) {
  const nameOf = new Map(cities.map((c) => [c.code, c.name]));
  const cols: Record<string, readonly (number | string)[] | Float64Array> = { city: reg.str("city_code"),
    year: reg.num("year"), NP: NP };
  cols.name = reg.str("city_code").map((c) => nameOf.get(c) ?? c);
  cols.IGG = Float64Array.from(reg.str("city_code"), (c, k) => igg.get(`${c}|${reg.num("year")[k]}`) ?? NaN);
  for (const v of vars) cols[v] = reg.num(v);
  cols.iv = Float64Array.from(reg.num("terrain"), (v, k) => v * (reg.num("year")[k] - 2010));
  return Table.fromColumns("analysis panel 2011–2022", cols).frame();
}

const printed = (pub: Published, id: string) => ({ html: pub.entries.find((e) => e.id === id)?.printed ?? "" });

export function table3View(stats: DescribeRow[], pub: Published, provenance: Provenance): DataTable {
  const p = (v: string, s: string) => printed(pub, `t3-${v}-${s}`);
  return table(stats.map((s) => ({ variable: s.variable, N: { html: String(s.n) },
    "mean (paper)": p(s.variable, "mean"), mean: s.mean, "SD (paper)": p(s.variable, "sd"), SD: s.sd,
    "min (paper)": p(s.variable, "min"), min: s.min, "max (paper)": p(s.variable, "max"), max: s.max })),
  { caption: "Table 3: descriptive statistics, paper beside ours", provenance, digits: 3 });
}

/** The one-year lag of NP within each city (NaN where year − 1 is not in the panel). */
export function lagWithinCity(data: PanelData, v: string): Float64Array {
  const D = asTable(data), rowAt = new Map(D.str("city").map((c, k) => [`${c}|${D.num("year")[k]}`, k]));
  return Float64Array.from(D.str("city"), (c, k) => D.num(v)[rowAt.get(`${c}|${D.num("year")[k] - 1}`) ?? -1] ?? NaN);
}

/** Table 6 (1)'s sample: NP lagged within city as L_NP, from `firstYear` on (a new column, added through a Table). */
export function withLaggedNP(data: PanelData, firstYear: number) {
  const D = asTable(data);
  return D.with("L_NP", lagWithinCity(D, "NP")).filter((k) => D.num("year")[k] >= firstYear).frame();
}

/** Table 7's groups: marketization high/low by the median of city means; agglomeration or not. */
export function withTable7Groups(data: PanelData, cities: City[]) {
  const D = asTable(data), codes = D.str("city");
  const marketMean = new Map(cities.map((c) => {
    const v = D.num("market").filter((_, k) => codes[k] === c.code);
    return [c.code, v.reduce((a, b) => a + b, 0) / v.length];
  }));
  const med = [...marketMean.values()].sort((a, b) => a - b)[cities.length / 2];
  const agg = new Map(cities.map((c) => [c.code, c.agg]));
  return D.with("mkt", codes.map((c) => ((marketMean.get(c) ?? NaN) >= med ? "high" : "low")))
    .with("coord", codes.map((c) => (agg.get(c) ? "high" : "low"))).frame();
}

export function chowCell(chow: TestResult[], j: number): string {
  return j % 2 ? "" : `${chow[j / 2].statistic.toFixed(2)}${stars(chow[j / 2].p_value)} (${chow[j / 2].p_value.toFixed(3)})`;
}

/** One value per city of `ids` in `year` (the spatial steps need the cities in W's order). */
export function byYear(data: PanelData, ids: string[], v: string, y: number): number[] {
  const D = asTable(data);
  const at = new Map<string, number>();
  D.str("city").forEach((c, k) => { if (D.num("year")[k] === y) at.set(c, D.num(v)[k]); });
  return ids.map((c) => {
    const x = at.get(c);
    if (x === undefined) throw new Error(`${v} ${y}: no row for city ${c}; the spatial steps need every city every year`);
    return x;
  });
}

export interface YearMoran { y: number; np: MoranResult; igg: MoranResult }

export function table9View(mor: YearMoran[], pub: Published, knnK: number, provenance: Provenance): DataTable {
  return table(mor.map((r) => ({ year: { html: String(r.y) }, "NP I (paper)": printed(pub, `t9-${r.y}-NP-I`),
    "NP I": r.np.I, "NP z": r.np.z_randomization, "NP p": r.np.p_randomization,
    "IGG I (paper)": printed(pub, `t9-${r.y}-IGG-I`), "IGG I": r.igg.I, "IGG z": r.igg.z_randomization,
    "IGG p": r.igg.p_randomization })),
  { caption: `Table 9: global Moran's I by year (${knnK}-NN substitute for contiguity)`, provenance, digits: 3 });
}

export type Models = { sem: SpatialFit; sar: SpatialFit; sdm: SpatialFit };
const coefOf = (sp: Models, m: keyof Models, t: string) => {
  const c = sp[m].coefficients.find((r) => r.term === t);
  if (!c) throw new Error(`${m}: no coefficient ${t}`);
  return c;
};
const rhoOf = (sp: Models, m: "sar" | "sdm") => sp[m].rho ?? NaN;

export function table10View(sp: Models, imp: Impact[], XS: string[], o: { knnK: number; seconds: number;
  synthetic: boolean; pub: Published; provenance: Provenance }): DataTable {
  const zCell = (est: number, z: number) => ({ html: `${est.toFixed(3)}${stars(normalTwoSided(z))}<br>(${z.toFixed(2)})` });
  const co = (m: keyof Models, t: string) => coefOf(sp, m, t);
  const rows: Record<string, string | { html: string }>[] = XS.map((x) => {
    const ix = imp.find((r) => r.term === x);
    if (!ix?.z) throw new Error(`impacts: no ${x}`);
    return { variable: x, "(1) SEM": zCell(co("sem", x).estimate, co("sem", x).z),
      "(2) SAR": zCell(co("sar", x).estimate, co("sar", x).z), "(3) SDM": zCell(co("sdm", x).estimate, co("sdm", x).z),
      "(4) W·x": zCell(co("sdm", `W*${x}`).estimate, co("sdm", `W*${x}`).z), "(5) direct": zCell(ix.direct, ix.z.direct),
      "(6) indirect": zCell(ix.indirect, ix.z.indirect), "(7) total": zCell(ix.total, ix.z.total) };
  });
  const rhoCell = (m: "sar" | "sdm") => zCell(rhoOf(sp, m), rhoOf(sp, m) / sp[m].rhoSe);
  rows.push({ variable: "ρ / λ", "(1) SEM": zCell(sp.sem.lambda ?? NaN, (sp.sem.lambda ?? NaN) / sp.sem.rhoSe),
    "(2) SAR": rhoCell("sar"), "(3) SDM": rhoCell("sdm"), "(4) W·x": "", "(5) direct": "", "(6) indirect": "",
    "(7) total": "" });
  const logL = (m: keyof Models) => ({ html: sp[m].log_likelihood.toFixed(1) });
  rows.push({ variable: "log L", "(1) SEM": logL("sem"), "(2) SAR": logL("sar"), "(3) SDM": logL("sdm") });
  const paper = printedNote(o.pub, ["t10-sdm-NP-b", "t10-wx-NP-b", "t10-sdm-rho"]);
  const effects = printedNote(o.pub, ["t10-direct-NP-b", "t10-indirect-NP-b", "t10-total-NP-b"],
    { label: (e) => e.column });
  return table(rows, { provenance: o.provenance,
    caption: `Table 10: spatial panel models, two-way FE, ${o.knnK}-NN W (ours; z in parentheses; stars 10/5/1%)`,
    notes: [`N = ${sp.sdm.nObs}; ${o.seconds.toFixed(1)} s. Paper SDM: ${paper}; ${effects}.`
      + `${o.synthetic ? " No spatial lag is planted in the synthetic panel (ρ = θ = 0)." : ""}`] });
}

export interface Fits {
  desc: DescribeRow[]; D: PanelData; DL: PanelData; t4: PanelFit[]; t5: PanelFit[]; t5data: PanelData[]; t6lag: PanelFit;
  fs: PanelFit; iv: PanelFit; kp: { lm: number; lmP: number; waldF: number }; sy10: number | null;
  t7: PanelFit[]; t7data: PanelData[]; chow: TestResult[]; t8: PanelFit[]; mor: YearMoran[]; sp: Models; imp: Impact[];
  XS: string[]; cities: number;
}

/** Every computed number under its ledger id (Tables 3–10 and the sample counts). */
export function recordLedger(ours: LedgerOurs, f: Fits): void {
  for (const s of f.desc) (["mean", "sd", "min", "max"] as const).forEach((c) => ours.put(`t3-${s.variable}-${c}`, s[c]));
  const rec = (prefix: string, fit: PanelFit, data: PanelData, rename: Record<string, string> = {}, stat: "t" | "se" = "t") =>
    record(ours, fit, { prefix: prefix, data: data, rename: rename, stat: stat, r2: "within_if_fe" });
  f.t4.forEach((fit, j) => rec(`t4-${j + 1}`, fit, f.D));
  f.t5.forEach((fit, j) => rec(`t5-${j + 1}`, fit, f.t5data[j]));
  rec("t6-1", f.t6lag, f.DL, { L_NP: "NP" });
  rec("t6-2", f.fs, f.D, { iv: "terrain" }, "se");
  rec("t6-3", f.iv, f.D, {}, "se");
  ours.put("t6-kp-lm", f.kp.lm); ours.put("t6-kp-lm-p", f.kp.lmP); ours.put("t6-kp-f", f.kp.waldF);
  ours.put("t6-sy10", f.sy10);
  f.t7.forEach((fit, j) => rec(`t7-${j + 1}`, fit, f.t7data[j]));
  ours.put("t7-chow-market", f.chow[0].statistic); ours.put("t7-chow-region", f.chow[1].statistic);
  [1, 2].forEach((j) => rec(`t8-${j + 1}`, f.t8[j], f.D));
  for (const j of [1, 2, 3]) ours.put(`t8-${j}-F`, null, "F not computed (which F the paper prints is not stated)");
  for (const r of f.mor) for (const [v, mi] of [["NP", r.np], ["IGG", r.igg]] as const) {
    ours.put(`t9-${r.y}-${v}-I`, mi.I); ours.put(`t9-${r.y}-${v}-z`, mi.z_randomization);
  }
  const co = (m: keyof Models, t: string) => coefOf(f.sp, m, t);
  for (const x of f.XS) {
    for (const m of ["sem", "sar", "sdm"] as const) {
      ours.put(`t10-${m}-${x}-b`, co(m, x).estimate); ours.put(`t10-${m}-${x}-z`, co(m, x).z);
    }
    ours.put(`t10-wx-${x}-b`, co("sdm", `W*${x}`).estimate); ours.put(`t10-wx-${x}-z`, co("sdm", `W*${x}`).z);
    const ix = f.imp.find((r) => r.term === x);
    for (const e of ["direct", "indirect", "total"] as const) {
      ours.put(`t10-${e}-${x}-b`, ix?.[e] ?? null); ours.put(`t10-${e}-${x}-z`, ix?.z?.[e] ?? null);
    }
  }
  for (const m of ["sar", "sdm"] as const) {
    ours.put(`t10-${m}-rho`, rhoOf(f.sp, m)); ours.put(`t10-${m}-rho-z`, rhoOf(f.sp, m) / f.sp[m].rhoSe);
  }
  for (const m of ["sem", "sar", "sdm"]) ours.put(`t10-${m}-r2`, null, "R² not computed (xsmle-style R² not in the engine)");
  ours.put("sample-cities", f.cities); ours.put("sample-N", asTable(f.D).nRows);
}

export interface Planted {
  total: Record<string, number>; aApp: Record<string, number>; aGrant: Record<string, number>; bApp: number; bGrant: number;
}

/** Each planted value beside its estimate: Table 4 (4), Table 8 (2)–(3), eq. (3), 2SLS, the lag and the SDM. */
export function plantedRows(PL: Planted, DIR: Record<string, number>, f: { t4: PanelFit[]; t8: PanelFit[];
  both: PanelFit; iv: PanelFit; t6lag: PanelFit; sp: Models }): PlantedRow[] {
  const row = (table: string, fit: PanelFit, term: string, planted: number, name = term) =>
    ({ table, term: name, planted, estimate: fit.coef(term), se: fit.stdError(term) });
  const sdm = (table: string, term: string, planted: number, c: { estimate: number; se: number }) =>
    ({ table, term, planted, estimate: c.estimate, se: c.se });
  const eq3 = "eq. (3), both mediators";
  return [
    ...Object.entries(PL.total).map(([x, v]) => row("Table 4 (4) IGG", f.t4[3], x, v)),
    ...Object.entries(PL.aApp).map(([x, v]) => row("Table 8 (2) app", f.t8[1], x, v)),
    ...Object.entries(PL.aGrant).map(([x, v]) => row("Table 8 (3) grant", f.t8[2], x, v)),
    row(eq3, f.both, "NP", DIR.NP), row(eq3, f.both, "app", PL.bApp), row(eq3, f.both, "grant", PL.bGrant),
    row("Table 6 (3) 2SLS", f.iv, "NP", PL.total.NP),
    row("Table 6 (1) lag (NP(t−1) ≠ NP: 0.252 × autocorrelation expected)", f.t6lag, "L_NP", PL.total.NP, "NP(t−1)"),
    sdm("Table 10 (3) SDM", "ρ", 0, { estimate: rhoOf(f.sp, "sdm"), se: f.sp.sdm.rhoSe }),
    sdm("Table 10 (4) W·x", "W·NP", 0, coefOf(f.sp, "sdm", "W*NP")),
    sdm("Table 10 (3) SDM", "NP", PL.total.NP, coefOf(f.sp, "sdm", "NP")),
  ];
}

export function vrsView(rows: { dea: string; infeasible: number; fit: PanelFit; stars: boolean }[], seconds: number,
  synthetic: boolean, provenance: Provenance): DataTable {
  const npCell = (f: PanelFit, withStars: boolean) => ({ html: `${f.coef("NP").toFixed(3)}`
    + `${withStars ? stars(f.tidy()[0].p_value) : ""} (${(f.coef("NP") / f.stdError("NP")).toFixed(2)})` });
  return table(rows.map((r) => ({ DEA: r.dea, infeasible: { html: String(r.infeasible) },
    "NP coef (t)": npCell(r.fit, r.stars), N: { html: String(r.fit.nobs) } })),
  { caption: `What-if: returns to scale of the super-SBM behind the GML (${seconds.toFixed(1)} s)`, provenance,
    notes: [`${synthetic ? "Under VRS the synthetic data (one CRS technology, cities of different size) no "
      + "longer return the planted efficiencies: scale effects enter IGG. " : ""}City-years whose chain breaks on an `
      + "infeasible VRS super-efficiency LP are left out."] });
}

export interface DiffersInput {
  synthetic: boolean; seed: number; dataSource: string; realVars: string[]; entries: number; cities: number;
  deaRts: string; deaBaseYear: number; gmlSeconds: number; np: DescribeRow; recovery: string; iv: PanelFit;
  kpF: number; chow: TestResult[]; rhoSdm: number; knnK: number; pub: Published;
  /** The frontier city-year of the real-output design (its IGG is not planted). */
  frontier?: string;
}

/** The "what differs, and why" bullets; printed numbers from published.json. */
export function whatDiffers(o: DiffersInput): string {
  const p = (id: string) => o.pub.entries.find((e) => e.id === id)?.printed ?? "?";
  const value = (id: string) => o.pub.entries.find((e) => e.id === id)?.value ?? NaN;
  const RTS = o.deaRts.toUpperCase();
  return [
    `* **Data.** ${o.synthetic ? `Everything below the city list is synthetic (seed ${o.seed})${o.realVars.length
      ? ` except ${o.realVars.join(", ")} (real in their real years; provenance tables in §2: dfi PKU-IDF 2011–2022, `
        + "gdp 2010–2017 at 2010 prices on a rebased and, for the municipalities, averaged deflator, so2 2010–2017 "
        + "emitted where the paper has produced; later years carried on by each city's trend)" : ""}. No number `
      + `here is evidence for or against the paper: the ledger marks all ${o.entries} printed numbers not reproducible, `
      + "since none describes a real variable alone."
      : `Real data from ${o.dataSource}.`}`,
    `* **Sample.** ${o.cities} cities by a documented rule (Step 1); the 107 agglomeration cities reproduce Table 7's `
      + "N = 1,284 exactly; which 12 small cities the paper dropped is unknown.",
    `* **IGG.** GML on a global super-SBM (${RTS}, non-oriented, base ${o.deaBaseYear}) in `
      + `${o.gmlSeconds.toFixed(1)} s. The paper's VRS is the what-if above. Its "2011 base" contradicts its own 2011 `
      + `Moran's I of IGG (${p("t9-2011-IGG-I")}), which a constant IGG cannot have; we start the chain in 2010.`
      + (o.frontier ? ` With the real gdp and so2 the frontier city-year ${o.frontier} (lowest SO₂ per GDP) has an `
        + "IGG that is its super-efficiency ratio, not a planted value; it is in every table below." : ""),
    `* **NP.** Pooled entropy weights, min–max TOPSIS, × 10; mean ${o.np.mean.toFixed(3)} vs ${p("t3-NP-mean")}, `
      + `max ${o.np.max.toFixed(2)} vs ${p("t3-NP-max")}.`,
    ...(o.synthetic ? [`* **Planted effects.** ${o.recovery}.`] : []),
    `* **2SLS.** Ours ${o.iv.coef("NP").toFixed(3)} (SE ${o.iv.stdError("NP").toFixed(3)}), K-P F ${o.kpF.toFixed(1)}: `
      + `${o.synthetic ? "with an exogenous NP the IV estimate is centred on the OLS one" : "compare it with the OLS column"}. `
      + `The paper's ${value("t6-3-NP-b")} against ${value("t4-4-NP-b")} (a `
      + `${(value("t6-3-NP-b") / value("t4-4-NP-b")).toFixed(1)}-fold jump) implies a strongly negative OLS bias or an `
      + "instrument that violates exclusion (ruggedness × trend also trends with IGG); the paper does not discuss it.",
    `* **Heterogeneity.** ${o.synthetic ? "No difference planted; our" : "Our"} Chow F: ${o.chow[0].statistic.toFixed(2)} `
      + `(p ${o.chow[0].p_value.toFixed(3)}) and ${o.chow[1].statistic.toFixed(2)} (p ${o.chow[1].p_value.toFixed(3)}). `
      + `The paper's "p-chow" values ${value("t7-chow-market")} and ${value("t7-chow-region")} are not p-values.`,
    `* **Spatial.** A ${o.knnK}-nearest-neighbour matrix stands in for contiguity (no polygons). `
      + `${o.synthetic ? "Moran's I of IGG is positive in our data because city effects and NP follow an east–west "
        + `gradient, not because of spillovers: the SDM's ρ = ${o.rhoSdm.toFixed(3)} (planted 0).`
        : `The SDM's ρ = ${o.rhoSdm.toFixed(3)}.`} Table 10's stars follow 5/1/0.1 % (esttab default), unlike the `
      + `other tables, and total-effect NP (t = ${p("t10-total-NP-z").replace(/[()]/g, "")}) is starred `
      + `${p("t10-total-NP-b").replace(/[^*]/g, "")} even under that rule.`,
    "* **Unstated choices, with the option taken:** SE type (conventional), R² (within), "
      + `base year (2010), RTS (${RTS}), orientation (non-oriented), `
      + "entropy weights (pooled), TOPSIS normalisation (min–max), winsorising (pooled 1/99 %, "
      + "IGG, NP and controls), lag (NP only), K-P statistics (robust), marketization split (city means, "
      + `median), Chow test (slopes only), W (${o.knnK}-NN, great circle, row-standardised), `
      + `spatial FE (two-way, Lee–Yu), ${o.synthetic ? "b-paths of eq. (3) (0.5, 0.3), " : ""}pop coefficient `
      + `(−0.0002 for the printed ${p("t4-4-pop-b").replace(/\*/g, "").replace("-", "−")}).`,
  ].join("\n");
}

/** Stops on cities outside the sample (the ledger and W are keyed by the 272); prints the sample cities it lacks. */
export function checkCoverage(panel: Table, cities: City[]): string[] {
  const c = panelCoverage(panel, cities);
  if (c.unknown.length) throw new Error(`panel has cities outside the 272: ${c.unknown.slice(0, 5).join(", ")}`);
  console.log(c.note);
  return c.absent;
}

/** D with IGG replaced by another GML run's cumulative index, without the city-years where its chain breaks (the
 * vrsView's N says how many are left). */
export function withIgg(data: PanelData, igg: Map<string, number>) {
  const D = asTable(data);
  const IGG = Float64Array.from(D.str("city"), (c, k) => igg.get(`${c}|${D.num("year")[k]}`) ?? NaN);
  return D.with("IGG", IGG).filter((k) => Number.isFinite(IGG[k])).frame();
}

export function kpRows(kp: { lm: number; lmP: number; waldF: number }, sy10: number | null): Record<string, string> {
  return { "K-P rk LM (p)": `${kp.lm.toFixed(4)} (${kp.lmP.toFixed(3)})`,
    "K-P Wald rk F": `${kp.waldF.toFixed(4)} (10% SY ${sy10})` };
}

/** Shows the first rows and the per-variable provenance of the panel; returns the real variables. */
export function showPanel(raw: Table, synthProvenance: Record<string, string> | undefined, dataSource: string,
  provenance: Provenance): string[] {
  const varProv = synthProvenance ?? Object.fromEntries(raw.names.map((n) => [n, `user file ${dataSource}`]));
  for (const view of panelViews(raw, varProv, provenance)) show(view);
  return Object.keys(varProv).filter((k) => varProv[k].startsWith("real"));
}

export function gmlSummary(gml: ProductivityResult, n: number, ms: number): string {
  const m = gml.mean;
  return `GML on super-SBM: ${n} DMU-years (global frontier) in ${ms} ms; infeasible: `
    + `${gml.results.filter((r) => r.infeasible).length}; mean GML ${m.tfpch.toFixed(4)}, effch ${m.effch.toFixed(4)}, `
    + `techch ${m.techch.toFixed(4)}`;
}

/** Table 5's samples: (1) IGG, NP and controls winsorised at 1/99 % (pooled, Stata's percentiles), (2) 2011–2019,
 * (3) without the four municipalities. */
export function table5Samples(data: PanelData, vars: string[], cities: City[], municipalities: string[]) {
  const D = asTable(data);
  let DW = D;
  for (const v of vars) DW = DW.with(v, winsorize(D.num(v), 0.01, 0.99));
  const muni = new Set(cities.filter((c) => municipalities.includes(c.name)).map((c) => c.code));
  return [DW, D.filter((k) => D.num("year")[k] <= 2019), D.filter((k) => !muni.has(D.str("city")[k]))]
    .map((d) => d.frame());
}

export function sobelView(t8: PanelFit[], total: number, provenance: Provenance): DataTable {
  const sob = ["app", "grant"].map((m, j) => ({ m,
    ...sobel(t8[1 + j].coef("NP"), t8[1 + j].stdError("NP"), t8[3 + j].coef(m), t8[3 + j].stdError(m)) }));
  return table(sob.map((s) => ({ mediator: s.m, "a·b": s.indirect, "Sobel z": s.sobel.z, p: s.sobel.p_value,
    "share of total": s.indirect / total })),
  { caption: "Indirect effects of NP through green innovation (not in the paper)", provenance, digits: 4 });
}

const STATS = [{ key: "nobs", label: "N", digits: 0 }, { key: "r_squared", label: "R² (within for FE)", digits: 3 }];
const stata = (f: PanelFit, data: PanelData) => withStataConstant(f, data, { r2: "within" });
const paperNote = (pub: Published, ids: string[]) =>
  `Paper: ${printedNote(pub, ids, { label: (e) => `${e.column} ${e.row}` })}.`;

/** Table 6 beside the paper's note: the lag, the first stage and the 2SLS with the K-P statistics. */
export function table6View(f: { t6lag: PanelFit; DL: PanelData; fs: PanelFit; iv: PanelFit; D: PanelData;
  ivd: IvDiagnostics; sy10: number | null }, pub: Published, provenance: Provenance): RegressionTable {
  const kp = f.ivd.kleibergenPaap;
  if (!kp) throw new Error("ivDiagnostics: no Kleibergen–Paap statistics");
  const feRows = { Controls: "Yes", "City / year FE": "Yes" };
  return regressionTable([
    { label: "(1) IGG, NP lagged", model: stata(f.t6lag, f.DL), rows: feRows },
    { label: "(2) NP, first stage", model: stata(f.fs, f.D), rows: feRows },
    { label: "(3) IGG, 2SLS", model: stata(f.iv, f.D), rows: { ...feRows, ...kpRows(kp, f.sy10) } },
  ], { caption: "Table 6: lag and 2SLS (ours; SE in parentheses)", provenance, digits: 3, dropUnlisted: true,
    stats: STATS, terms: { L_NP: "NP (t − 1)", NP: "NP", iv: "terrain × year", _cons: "_cons" },
    notes: [paperNote(pub, ["t6-1-NP-b", "t6-1-NP-t", "t6-1-N", "t6-2-terrain-b", "t6-2-terrain-se", "t6-3-NP-b",
      "t6-3-NP-se", "t6-kp-lm", "t6-kp-lm-p", "t6-kp-f"]),
    `Cragg–Donald F ${f.ivd.craggDonald.F.toFixed(2)}; Anderson LM ${f.ivd.andersonLM.statistic.toFixed(2)}.`] });
}

/** The options every regression table of the study shares: terms as named, t in parentheses, N and R². */
export function regressionStyle(provenance: Provenance, terms: string[]) {
  return { provenance, terms: Object.fromEntries([...terms, "_cons"].map((t) => [t, t])), digits: 3,
    parens: "t" as const, stats: STATS };
}

/** "Paper: (4) NP 0.252*** (9.370), …" for a table note, from published.json. */
export function paperNoteOf(pub: Published, ids: string[]): string {
  return paperNote(pub, ids);
}

/** The Stock–Yogo 10% critical value of the IV diagnostics (null when not tabulated). */
export function stockYogo10(ivd: IvDiagnostics): number | null {
  return ivd.stockYogo.find((s) => s.label.includes("10%"))?.value ?? null;
}

export const T5_LABELS = ["(1) winsorised 1%", "(2) without 2020–2022", "(3) without municipalities"];
export const T7_LABELS = ["(1) high market.", "(2) low market.", "(3) agglomeration", "(4) other"];

/** Table 8's column labels: (4)–(5) are eq. (3), which the paper does not print. */
export function t8Labels(outcomes: string[]): string[] {
  return outcomes.map((y, j) => `(${j + 1}) ${y}${j >= 3 ? " (eq. 3, not in paper)" : ""}`);
}

type Origin = "real" | "interpolated" | "trend";

/** By DEA year: how many city-years of gdp and so2 are real, interpolated or carried on by the city's trend. */
export function outputOriginView(raw: Table, origin: Record<"gdp" | "so2", Origin[]>): DataTable {
  const years = [...new Set(raw.num("year"))].sort((a, b) => a - b);
  const count = (v: "gdp" | "so2", y: number, o: Origin) => ({ html: String(origin[v]
    .filter((w, k) => w === o && raw.num("year")[k] === y).length) });
  return table(years.map((y) => ({ year: { html: String(y) }, "gdp real": count("gdp", y, "real"),
    "gdp interpolated": count("gdp", y, "interpolated"), "gdp trend": count("gdp", y, "trend"),
    "so2 real": count("so2", y, "real"), "so2 interpolated": count("so2", y, "interpolated"),
    "so2 trend": count("so2", y, "trend") })),
  { caption: "Where the DEA's gdp and so2 come from, city-years by year (real, or filled: synthetic)",
    provenance: "real", notes: ["Real: manifest prefecture_econ_maswiebe_1991_2019 and province_gdp_1992_2020 "
      + "(gdp), prefecture_so2_maswiebe_1995_2018 (so2). Interpolated / trend: fillSeries, synthetic."] });
}

/** Descriptive statistics of gdp and so2 over their real city-years only: a real table with its source. */
export function realOutputsView(raw: Table, origin: Record<"gdp" | "so2", Origin[]>): DataTable {
  const rows = (["gdp", "so2"] as const).map((v) => {
    const x = raw.num(v).filter((_, k) => origin[v][k] === "real");
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    return { variable: v === "gdp" ? "gdp (10⁸ yuan, 2010 prices)" : "so2 emitted (t)", N: { html: String(x.length) },
      mean, SD: sd, min: Math.min(...x), max: Math.max(...x) };
  });
  return table(rows, { caption: "Real DEA outputs of the 272 cities, real city-years only (2010–2017/18)",
    provenance: "real", digits: 1, notes: ["Sources: maswiebe/meritocratic_promotion (CEIC-derived) via the "
      + "manifest; municipalities' GDP from province_gdp_1992_2020. The paper prints no statistic of these "
      + "variables, so they enter no ledger entry. SO₂ is emitted; the paper's Table 1 names SO₂ produced."] });
}

/** Median gdp and so2 by year over the real city-years only (log scale): a real figure with its source. */
export function realOutputsFigure(raw: Table, origin: Record<"gdp" | "so2", Origin[]>): PlotlyFigure {
  const years = [...new Set(raw.num("year"))].sort((a, b) => a - b);
  const median = (v: "gdp" | "so2", y: number) => {
    const x = raw.num(v).filter((_, k) => origin[v][k] === "real" && raw.num("year")[k] === y).sort((a, b) => a - b);
    return x.length >= 20 ? (x[(x.length - 1) >> 1] + x[x.length >> 1]) / 2 : NaN;   // years with few real values: none
  };
  const trace = (v: "gdp" | "so2", name: string) => {
    const ys = years.filter((y) => Number.isFinite(median(v, y)));
    return { type: "scatter" as const, mode: "lines+markers" as const, name, x: ys, y: ys.map((y) => median(v, y)) };
  };
  return figure({ data: [trace("gdp", "GDP, 10⁸ yuan"), trace("so2", "SO₂ emitted, t")],
    layout: { title: { text: "Real GDP (2010 prices) and SO₂ of the 272 cities: median by year" },
      width: 760, height: 340,
      xaxis: { title: { text: "year" } }, yaxis: { title: { text: "median over the real city-years" }, type: "log" } } },
  { caption: "Real gdp and so2, real city-years only (years with fewer than 20 real values left out)",
    provenance: "real", source: "manifest prefecture_econ_maswiebe_1991_2019, province_gdp_1992_2020, "
      + "prefecture_so2_maswiebe_1995_2018 (maswiebe/meritocratic_promotion, CEIC-derived)" });
}
