/**
 * Study-specific plumbing of the nqpf-resource-cities notebook that a reader does not need to follow the analysis:
 * the sample-count tables, the analysis panel's ln(1+x) columns and Table 8 groups, the table layouts beside the
 * paper, the Figure 2 maps and regional rank counts, the list of planted values and their recovery, and the "what
 * differs and why" text. Loaded with `loadStudyModule(STUDY, "study")`.
 */
import type { DataFrame } from "danfojs-node";
import {
  DataTable, FeolsOptions, LedgerOurs, PanelData, PanelFit, Provenance, Published, Table, mapAxes, outlineTrace, plot,
  printedNote, printedValue, projectDataPath, readGeoJson, record, regressionTable, stars, table, asTable,
  withStataConstant,
} from "kernel-lib";

export interface City { code: string; name: string; province: string; type: string; typeZh: string; region: string; lon: number; lat: number }
const TYPES = ["mature", "growing", "declining", "regenerating"];
const REGIONS = ["east", "central", "west", "northeast"];
const YEARS = [2008, 2013, 2018, 2023];
/** The regression variables of Table 2 (ln(1+x)) and the replacement variables of Table 6. */
export const VARS = ["GTFP", "HEE", "PGPP", "IRD", "NEPP", "SEE", "EPPCN", "RDER", "DFII", "FDI", "UR", "MEP", "FI"];
const EXTRA = ["AYS", "RDE", "SILP", "IRDemp", "IRDent"];
/** Our coal list: the sample's cities whose main resource is coal (the paper says 53 and gives no list). */
const COAL = new Set(["大同", "阳泉", "长治", "晋城", "忻州", "晋中", "临汾", "吕梁", "朔州", "鄂尔多斯", "呼伦贝尔", "乌海", "唐山", "邯郸", "邢台", "张家口",
  "阜新", "抚顺", "辽源", "白山", "鸡西", "鹤岗", "双鸭山", "七台河", "徐州", "淮北", "淮南", "宿州", "亳州", "萍乡", "枣庄", "济宁", "泰安", "平顶山", "鹤壁",
  "焦作", "娄底", "广安", "泸州", "六盘水", "毕节", "安顺", "曲靖", "昭通", "铜川", "渭南", "榆林", "咸阳", "平凉", "石嘴山"]);
const printedOf = (pub: Published, id: string) => pub.entries.find((e) => e.id === id)!.printed;
const html = (v: number | string) => ({ html: String(v) });
const FE_ROWS = { Controls: "Yes", "City FE": "Yes", "Year FE": "Yes" };

/** The plan's cities, the paper's counts and ours by type and region; the cities not kept. */
export function sampleTables(pub: Published, kept: City[], dropped: Record<string, string>[], planTypes: string[]): DataTable[] {
  const count = (f: (c: City) => boolean) => kept.filter(f).length;
  return [table([
    ...TYPES.map((ty) => ({ group: ty, plan: html(planTypes.filter((x) => x === ty).length),
      paper: html(printedValue(pub, `sample-${ty}`)), kept: html(count((c) => c.type === ty)) })),
    { group: "all", plan: html(planTypes.length), paper: html(printedValue(pub, "sample-cities")), kept: html(kept.length) },
    ...REGIONS.map((r) => ({ group: `region: ${r}`, plan: "", paper: html(r === "east" || r === "northeast" ? "19" : ""),
      kept: html(count((c) => c.region === r)) })),
    { group: "region: central + west", plan: "", paper: html("77"),
      kept: html(count((c) => c.region === "central" || c.region === "west")) },
  ], { caption: "Cities of the 2013 plan, the paper's sample and ours", provenance: "real",
    notes: ["Paper's region counts implied by Table 8 (N / 16)."] }),
  table(dropped, { caption: "The 11 plan cities not kept", provenance: "real" })];
}

/** Cities by efficiency class (< 0.30, 0.30–0.60, > 0.60) in one year. */
export function classCounts(e: ArrayLike<number>, years: ArrayLike<number>, y: number) {
  const v = Array.from(e).filter((_, k) => years[k] === y);
  return { low: v.filter((x) => x < 0.3).length, mid: v.filter((x) => x >= 0.3 && x <= 0.6).length, high: v.filter((x) => x > 0.6).length };
}

/** Variance estimators of Table 5 (1) beside the conventional SEs (Stata's names and small-sample factors). */
export const VCOV_CHOICES: [string, FeolsOptions][] = [["conventional (iid)", { vcov: "iid" }],
  ["heteroskedasticity-robust (HC1)", { vcov: "hc1", preset: "stata.areg" }],
  ["cluster: city", { vcov: "cluster", cluster: "city" }], ["cluster: province", { vcov: "cluster", cluster: "province" }],
  ["two-way cluster: city + year", { vcov: "cluster", cluster: ["city", "year"] }]];

/** The DEA choices of the what-if: returns to scale × frontier. */
export const DEA_CHOICES = [["crs", "contemporaneous"], ["crs", "global"], ["vrs", "contemporaneous"], ["vrs", "global"]];

/** Efficiency classes in the years of Figure 2 and §3.1. */
export function classesByYear(e: ArrayLike<number>, years: ArrayLike<number>) {
  return Object.fromEntries(YEARS.map((y) => [y, classCounts(e, years, y)]));
}

/** Stops when the panel holds a city outside the 115 kept (a user's file with another sample). */
export function requireKept(panel: PanelData, kept: City[]): void {
  const codes = new Set(kept.map((c) => c.code));
  const unknown = [...new Set(asTable(panel).str("city_code"))].filter((c) => !codes.has(c));
  if (unknown.length) throw new Error(`panel has cities outside the 115 kept: ${unknown.slice(0, 5).join(", ")}`);
}

/**
 * Where each panel variable comes from (the generator's record, or the user's file) and which are real;
 * results using any synthetic variable stay labelled synthetic.
 */
export function variableProvenance(synth: { provenance: Record<string, string> } | null, panel: PanelData,
  dataSource: string): { varProv: Record<string, string>; realVars: string[]; table: DataTable } {
  const varProv = synth ? synth.provenance : Object.fromEntries(asTable(panel).names.map((n) => [n, `user file ${dataSource}`]));
  const realVars = Object.keys(varProv).filter((k) => varProv[k].startsWith("real"));
  return { varProv, realVars, table: provenanceTable(varProv, realVars) };
}

function provenanceTable(varProv: Record<string, string>, realVars: string[]): DataTable {
  return table(Object.entries(varProv).map(([variable, source]) => ({ variable, source })),
    { caption: `Provenance of each panel variable (${realVars.length} real: ${realVars.join(", ") || "none"})`,
      notes: ["Tables and figures that use any synthetic variable are labelled synthetic; a descriptive row of a real variable enters the ledger as real."] });
}

/** Cities by efficiency class in 2008, 2013, 2018 and 2023, the §3.1 counts beside them. */
export function classTable(cc: Record<number, { low: number; mid: number; high: number }>, pub: Published,
  provenance: Provenance): DataTable {
  const paper = (id: string) => {
    const e = pub.entries.find((x) => x.id === id)!;
    return html(`${e.printed}${e.note.startsWith("derived") ? " (derived)" : ""}`);
  };
  const CLASSES = [["low", "low (< 0.30)"], ["mid", "medium (0.30–0.60)"], ["high", "high (> 0.60)"]] as const;
  return table(CLASSES.map(([c, label]) => ({ class: label, "2008 paper": paper(`f2-2008-${c}`),
    "2008 ours": html(cc[2008][c]), "2013 ours": html(cc[2013][c]), "2018 ours": html(cc[2018][c]),
    "2023 paper": paper(`f2-2023-${c}`), "2023 ours": html(cc[2023][c]) })),
  { caption: "Cities by efficiency class (Figure 2 / §3.1)", provenance });
}

/** On synthetic data: how far the DEA scores are from the efficiencies the generator planted. */
export function plantedEfficiencyNote(target: number[], gtfp: Float64Array): string {
  const err = target.map((v, k) => Math.abs(v - gtfp[k]));
  return `planted vs DEA efficiency: mean |difference| ${(err.reduce((a, b) => a + b, 0) / err.length).toFixed(4)}, `
    + `largest ${Math.max(...err).toFixed(3)}`;
}

/**
 * The analysis panel as a DataFrame: city, year, ln(1+GTFP) from the DEA scores, ln(1+x) of every other variable
 * (and of Table 6's replacements when present), the province, and the Table 8 groups: coal (a `coal` column of 1/0 in
 * the data overrides our list), plan stage, income (the `incomeHigh` cities with the highest mean GDP per capita)
 * and three regions.
 */
export function analysisFrame(panel: PanelData, gtfp: Float64Array, kept: City[], incomeHigh: number): DataFrame {
  const raw = asTable(panel), cityByCode = new Map(kept.map((c) => [c.code, c]));
  const codes = raw.str("city_code");
  const cols: Record<string, Float64Array | string[]> = { city: codes, year: raw.num("year") };
  cols.GTFP = gtfp.map((v) => Math.log1p(v));
  for (const v of VARS.slice(1)) cols[v] = raw.num(v).map((x) => Math.log1p(x));
  for (const v of EXTRA) if (raw.has(v)) cols[v] = raw.num(v).map((x) => Math.log1p(x));
  const cityOfRow = codes.map((c) => cityByCode.get(c)!);
  cols.province = cityOfRow.map((c) => c.province);
  const gdpMean = new Map<string, number>();
  for (const c of kept) {
    const v = raw.num("gdp_pc").filter((_, k) => codes[k] === c.code);
    gdpMean.set(c.code, v.reduce((a, b) => a + b, 0) / v.length);
  }
  const highIncome = new Set([...gdpMean.entries()].sort((a, b) => b[1] - a[1]).slice(0, incomeHigh).map(([c]) => c));
  const coalFlag = raw.has("coal") && !raw.missing["coal"] ? (k: number) => raw.num("coal")[k] === 1 : (k: number) => COAL.has(cityOfRow[k].name);
  cols.coal = cityOfRow.map((_, k) => (coalFlag(k) ? "coal" : "non-coal"));
  cols.stage = cityOfRow.map((c) => (c.type === "growing" || c.type === "mature" ? "growing+mature" : "declining+regenerating"));
  cols.income = codes.map((c) => (highIncome.has(c) ? "high" : "low"));
  cols.region3 = cityOfRow.map((c) => (c.region === "east" ? "east" : c.region === "northeast" ? "northeast" : "central+west"));
  return Table.fromColumns("analysis panel (ln(1+x))", cols).frame();
}

/** The Super-SBM run in one line: DMU-years, time, super-efficient and infeasible scores. */
export function deaNote(res: { superEfficient?: boolean; infeasible?: boolean }[], ms: number): string {
  return `Super-SBM on ${res.length} DMU-years in ${ms} ms; super-efficient: ${res.filter((r) => r.superEfficient).length}; `
    + `infeasible: ${res.filter((r) => r.infeasible).length}`;
}

/** Largest |a − b| / a over the rows (a recomputed series against the panel's column). */
export function largestRelativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]) / Math.max(1e-9, a[k]));
  return m;
}

/** The analysis panel's size and its coal and high-income groups against the paper's 53 and 45. */
export function groupsNote(D: PanelData, incomeHigh: number): string {
  return `analysis panel: ${asTable(D).nRows} rows; coal cities ${citiesIn(D, "coal", "coal")} (paper 53); `
    + `high-income cities ${citiesIn(D, "income", "high")} (paper 45; top ${incomeHigh} by GDP p.c.)`;
}

/** Cities in a group of the analysis panel (the coal list, the high-income cities). */
export function citiesIn(D: PanelData, column: string, level: string): number {
  const t = asTable(D), g = t.str(column);
  return new Set(t.str("city").filter((_, k) => g[k] === level)).size;
}

/** Figure 2: one point map per year of the cities coloured by efficiency class. */
export function efficiencyMaps(panel: PanelData, gtfp: Float64Array, kept: City[], provenance: Provenance): void {
  const geo = readGeoJson(projectDataPath("geo/china_provinces.geojson"));
  const raw = asTable(panel), cityByCode = new Map(kept.map((c) => [c.code, c]));
  const yearCol = raw.num("year"), codeCol = raw.str("city_code");
  const CLS = [{ name: "low < 0.30", color: "#d73027", f: (v: number) => v < 0.3 }, { name: "medium 0.30–0.60", color: "#fdae61", f: (v: number) => v >= 0.3 && v <= 0.6 },
    { name: "high > 0.60", color: "#1a9850", f: (v: number) => v > 0.6 }];
  for (const y of YEARS) {
    const rows = Array.from({ length: raw.nRows }, (_, k) => k).filter((k) => yearCol[k] === y);
    plot({
      data: [outlineTrace(geo), ...CLS.map((cl) => {
        const sel = rows.filter((k) => cl.f(gtfp[k]));
        const cs = sel.map((k) => cityByCode.get(codeCol[k])!);
        return { type: "scatter" as const, mode: "markers" as const, name: `${cl.name} (${sel.length})`, x: cs.map((c) => c.lon), y: cs.map((c) => c.lat),
          text: sel.map((k) => `${cityByCode.get(codeCol[k])!.name} ${gtfp[k].toFixed(3)}`), hoverinfo: "text", marker: { color: cl.color, size: 8, line: { color: "#333", width: 0.5 } } };
      })],
      layout: { title: { text: `Green development efficiency, ${y}` }, width: 640, height: 520, margin: { l: 10, r: 10, t: 40, b: 10 }, ...mapAxes(36), showlegend: true,
        legend: { x: 0.02, y: 0.05 } },
    }, { caption: `Figure 2 (${y}): efficiency classes of the 115 cities (synthetic data)`.replace(" (synthetic data)", provenance === "synthetic" ? " (synthetic data)" : ""), provenance,
      source: "Super-SBM scores computed above; outlines: Apache ECharts 4.9.0 map data." });
  }
}

export interface RankGroups { top: Record<string, number>; bottom: Record<string, number>; bottomSet: Set<string> }

/** §3.1: the regions of the top-20 and bottom-20 cities by year, and the cities in the bottom 20 every year. */
export function rankByRegion(panel: PanelData, gtfp: Float64Array, kept: City[], provenance: Provenance):
  { rg: Record<number, RankGroups>; persistent: City[]; table: DataTable } {
  const raw = asTable(panel), cityByCode = new Map(kept.map((c) => [c.code, c]));
  const yearCol = raw.num("year"), codeCol = raw.str("city_code");
  const rankGroups = (y: number): RankGroups => {
    const rows = Array.from({ length: raw.nRows }, (_, k) => k).filter((k) => yearCol[k] === y).sort((a, b) => gtfp[b] - gtfp[a]);
    const reg = (ks: number[]) => Object.fromEntries(REGIONS.map((r) => [r, ks.filter((k) => cityByCode.get(codeCol[k])!.region === r).length]));
    return { top: reg(rows.slice(0, 20)), bottom: reg(rows.slice(-20)), bottomSet: new Set(rows.slice(-20).map((k) => codeCol[k])) };
  };
  const rg: Record<number, RankGroups> = Object.fromEntries(YEARS.map((y) => [y, rankGroups(y)]));
  const persistent = kept.filter((c) => YEARS.every((y) => rg[y].bottomSet.has(c.code)));
  const PAPER_TOP: Record<number, Record<string, string>> = { 2008: { east: "10", central: "4", west: "2", northeast: "4" }, 2023: { east: "8 (derived)", central: "5", west: "7", northeast: "0" } };
  const PAPER_BOTTOM: Record<number, Record<string, string>> = { 2008: { east: "0 (derived)", central: "7", west: "6", northeast: "7" }, 2023: { east: "", central: "", west: "", northeast: "11" } };
  const t = table(REGIONS.map((r) => ({ region: r,
    "top 20, 2008: paper": { html: PAPER_TOP[2008][r] }, ours: { html: String(rg[2008].top[r]) }, "top 20, 2023: paper": { html: PAPER_TOP[2023][r] }, "ours ": { html: String(rg[2023].top[r]) },
    "bottom 20, 2008: paper": { html: PAPER_BOTTOM[2008][r] }, "ours  ": { html: String(rg[2008].bottom[r]) }, "bottom 20, 2023: paper": { html: PAPER_BOTTOM[2023][r] }, "ours   ": { html: String(rg[2023].bottom[r]) } })),
  { caption: "Top-20 and bottom-20 cities by region (§3.1)", provenance,
    notes: [`In the bottom 20 in all four years (paper: six, five named — 阜新, 葫芦岛, 鹤岗, 七台河, 鸡西): ours ${persistent.length}: ${persistent.map((c) => c.name).join(", ")}.`] });
  return { rg, persistent, table: t };
}

/** Table 4 as Stata's `estat vif` prints it, the paper's VIF beside ours. */
export function vifTable(v: { terms: { term: string; vif: number; inv_vif: number }[]; mean_vif: number }, pub: Published,
  provenance: Provenance): DataTable {
  return table([...v.terms.map((t) => ({ variable: t.term, "VIF (paper)": html(printedOf(pub, `t4-${t.term}-vif`)), VIF: t.vif,
    "1/VIF": t.inv_vif })), { variable: "MEAN VIF", "VIF (paper)": html(printedOf(pub, "t4-mean")), VIF: v.mean_vif, "1/VIF": html("") }],
  { caption: "Table 4: variance inflation factors (pooled, as Stata estat vif)", provenance, digits: 3 });
}

const N_ADJR2 = (digits: number) => [{ key: "nobs", label: "N", digits: 0 }, { key: "adj_r_squared", label: "Adj R² (LSDV)", digits }];

/** Table 5: the four baseline columns with the F test of the fixed effects and Hausman's test. */
export function table5(t5: PanelFit[], D: PanelData, fTests: { statistic: number; p_value: number }[],
  haus: { statistic: number; p_value: number }[], provenance: Provenance, preset: string) {
  const terms: Record<string, string> = {
    ...Object.fromEntries(["HEE", "PGPP", "IRD", "DFII", "FDI", "UR", "MEP", "FI"].map((v) => [v, `ln${v}`])), _cons: "_cons" };
  return regressionTable(t5.map((f, j) => ({ label: `(${j + 1})`, model: withStataConstant(f, D),
    rows: { "City FE": "Yes", "Year FE": j < 2 ? "Yes" : "No", F: `${fTests[j].statistic.toFixed(2)}${stars(fTests[j].p_value)}`,
      Hausman: j >= 2 ? `${haus[j - 2].statistic.toFixed(3)}${stars(haus[j - 2].p_value)}` : "" } })),
  { caption: "Table 5: baseline regressions (ours)", provenance, terms, digits: 3, stats: N_ADJR2(4),
    notes: [`SE: ${t5[0].vcovLabel} (preset ${preset}). F: F test that all fixed effects are zero. `
      + "_cons: Stata's ȳ − x̄'b (no SE shown)."] });
}

/** Table 6: the robustness columns, the paper's key numbers in the note. */
export function table6(t6: PanelFit[], data: PanelData[], pub: Published, provenance: Provenance) {
  const key = ["t6-1-lnAYS-b", "t6-2-lnRDE-b", "t6-3-lnSI-LP-b", "t6-4-lnIRDemp-b", "t6-5-lnIRDent-b", "t6-6-lnHEE-b",
    "t6-6-lnPGPP-b", "t6-6-lnIRD-b", "t6-6-N"];
  return regressionTable(t6.map((f, j) => ({ label: `(${j + 1})`, model: withStataConstant(f, data[j]), rows: FE_ROWS })),
    { caption: "Table 6: robustness (ours)", provenance, digits: 3, dropUnlisted: true,
      terms: { HEE: "lnHEE", AYS: "lnAYS", PGPP: "lnPGPP", RDE: "lnRDE", IRD: "lnIRD", SILP: "lnSI-LP", IRDemp: "lnIRDemp",
        IRDent: "lnIRDent", _cons: "_cons" },
      stats: N_ADJR2(3),
      notes: [`Paper: ${printedNote(pub, key, { label: (e) => `${e.column} ${e.row}` })}. Full comparison in the ledger.`] });
}

/** Table 7 (1)–(6): the mechanism regressions. */
export function table7(t7: PanelFit[], outcomes: string[], D: PanelData, provenance: Provenance) {
  return regressionTable(t7.map((f, j) => ({ label: `(${j + 1}) ln${outcomes[j]}`, model: withStataConstant(f, D), rows: FE_ROWS })),
    { caption: "Table 7 (1)–(6): mechanism regressions (ours)", provenance, digits: 3, dropUnlisted: true,
      terms: { HEE: "lnHEE", PGPP: "lnPGPP", IRD: "lnIRD", NEPP: "lnNEPP", SEE: "lnSEE", _cons: "_cons" },
      stats: N_ADJR2(3) });
}

export type SobelRow = { indirect: number; sobel: { z: number; p_value: number }; aroian: { z: number }; share: number };

/** Table 7 (7)–(8): the Sobel tests and the shares mediated, the paper's printed cells beside ours. */
export function sobelTable(sob: Record<string, SobelRow>, pub: Published, provenance: Provenance): DataTable {
  return table(Object.entries(sob).map(([k, s]) => ({ path: k.replace(/(\w+)-(\w+)/, "ln$2 → ln$1 → lnGTFP"),
    "paper (indirect, Z)": `${printedOf(pub, `t7-sobel-${k}-ind`)}, ${printedOf(pub, `t7-sobel-${k}-z`)}`,
    "a·b": s.indirect, "Sobel z": s.sobel.z, "Aroian z": s.aroian.z, p: s.sobel.p_value, "share of total (%)": 100 * s.share,
    "paper share (%)": html(k.startsWith("SEE-") ? printedValue(pub, `t7-share-${k}`).toFixed(1) : "") })),
  { caption: "Table 7 (7)–(8): Sobel tests of the indirect effects and shares mediated (ours)", provenance, digits: 4,
    notes: ["Printed SEE/PGPP (0.005**, Z = 2.335) cannot be recomputed from the paper's own a, b and SEs (0.0042, z ≈ 1.94; notes A1)."] });
}

export interface ModerationRow { label: string; est: number; se: number; p: number; sign: string; gov: string }

/**
 * One interaction term of equation (6) (factor x × policy tool g → mediator m: the term L_x:L_g) or (7) (m × g →
 * GTFP: L_m:L_g), with the sign the paper states for it ("" when it states none).
 */
export function moderationRow(f: PanelFit, eq: 6 | 7, m: string, g: string, x = ""): ModerationRow {
  const term = eq === 6 ? `L_${x}:L_${g}` : `L_${m}:L_${g}`;
  const t = f.tidy().find((r) => r.term === term)!;
  return { label: eq === 6 ? `eq.6 ${x}×${g} → ${m}` : `eq.7 ${m}×${g} → GTFP`, est: t.estimate, se: t.std_error,
    p: t.p_value, sign: PAPER_SIGN[`${eq}|${m}|${g}|${x}`] ?? "", gov: g };
}

export function moderationNote(rows: ModerationRow[]): string {
  const agree = rows.filter((r) => r.sign && r.p < 0.1 && Math.sign(r.est) === (r.sign === "+" ? 1 : -1)).length;
  return `terms with a sign in the paper: ${rows.filter((r) => r.sign).length}; ours significant at 10% with that sign: `
    + `${agree}; ours significant at 10% overall: ${rows.filter((r) => r.p < 0.1).length} of ${rows.length}`;
}

/** Table 8: the nine subgroup regressions, the paper's N in the note. */
export function table8(t8: PanelFit[], data: PanelData[], groups: [string, string][], pub: Published, provenance: Provenance) {
  return regressionTable(t8.map((f, j) => ({ label: `(${j + 1}) ${groups[j][1]}`, model: withStataConstant(f, data[j]), rows: FE_ROWS })),
    { caption: "Table 8: subgroup regressions (ours)", provenance, digits: 3, dropUnlisted: true,
      terms: { HEE: "HEE", PGPP: "PGPP", IRD: "IRD", _cons: "_cons" }, stats: N_ADJR2(4),
      notes: [`Paper N: ${t8.map((_, j) => printedOf(pub, `t8-${j + 1}-N`)).join(", ")}.`] });
}

/** One row of the difference tests: the two subsample estimates, the z test and the permutation p. */
export function differenceRow(split: string, variable: string, f1: PanelFit, f2: PanelFit,
  cd: { difference: number; z: number; p: number }, perm: { p_value: number } | null) {
  return { split, variable, "b₁": f1.coef(variable), "b₂": f2.coef(variable), difference: cd.difference, z: cd.z,
    "p (z)": cd.p, "p (permutation)": perm ? perm.p_value : html("—") };
}

export function differenceTable(rows: ReturnType<typeof differenceRow>[], draws: number, seed: number, ms: number,
  provenance: Provenance): DataTable {
  return table(rows, { caption: "Tests of coefficient differences between subgroups (not in the paper)", provenance, digits: 3,
    notes: [`Permutation: group labels reshuffled across cities ${draws} times (seed ${seed}); two-level splits only. `
      + `${(ms / 1000).toFixed(1)} s.`] });
}

type Interval = [number, number];
/** The indirect effects with their cluster-bootstrap intervals. */
export function bootstrapTable(rows: { m: string; x: string; r: { indirect: number; tests: { sobel: { p_value: number } };
  bootstrap?: { percentile: Interval; biasCorrected: Interval } } }[], draws: number, ms: number, provenance: Provenance): DataTable {
  const iv = (v: Interval) => html(`[${v.map((x) => x.toFixed(4)).join(", ")}]`);
  return table(rows.map(({ m, x, r }) => ({ path: `ln${x} → ln${m}`, "a·b": r.indirect, "Sobel p": r.tests.sobel.p_value,
    "95% percentile": iv(r.bootstrap!.percentile), "95% bias-corrected": iv(r.bootstrap!.biasCorrected),
    "excludes 0?": html(r.bootstrap!.biasCorrected[0] <= 0 && r.bootstrap!.biasCorrected[1] >= 0 ? "no" : "yes") })),
  { caption: `Indirect effects with cluster-bootstrap intervals (${draws} draws, ${(ms / 1000).toFixed(0)} s)`, provenance, digits: 4 });
}

/** Table 5 (1) under several variance estimators: SE and stars per estimator, the paper's SEs in the note. */
export function vcovTable(labels: string[], fits: PanelFit[], base: PanelFit, vars: string[], pub: Published,
  provenance: Provenance): DataTable {
  return table(vars.map((x) => ({ variable: `ln${x}`, estimate: base.coef(x), ...Object.fromEntries(labels.map((lab, j) => {
    const r = fits[j].tidy().find((t) => t.term === x)!;
    return [lab, html(`${r.std_error.toFixed(4)}${stars(r.p_value)}`)];
  })) })), { caption: "Table 5 (1): standard errors (stars) under five variance estimators", provenance, digits: 4,
    notes: ["Cluster: Stata-style small-sample factor G/(G−1)·(N−1)/(N−K), t(G−1). Paper's SEs: "
      + `${vars.map((x) => printedOf(pub, `t5-1-ln${x}-se`).replace(/[()]/g, "")).join(", ")}.`] });
}

/** One DEA choice of the what-if: infeasible count, mean score, classes and the core coefficients of Table 5 (1). */
export function whatIfRow(label: string, res: { infeasible?: boolean }[], e: Float64Array, years: ArrayLike<number>,
  f: PanelFit) {
  const ok = e.filter((v) => !Number.isNaN(v));
  const cls = (y: number) => { const c = classCounts(e, years, y); return html(`${c.low}/${c.mid}/${c.high}`); };
  const cell = (x: string) => {
    const r = f.tidy().find((t) => t.term === x)!;
    return html(`${r.estimate.toFixed(3)}${stars(r.p_value)} (${r.std_error.toFixed(3)})`);
  };
  return { DEA: label, infeasible: html(res.filter((r) => r.infeasible).length), "mean GTFP": ok.reduce((a, b) => a + b, 0) / ok.length,
    "2008 low/mid/high": cls(2008), "2023 low/mid/high": cls(2023), lnHEE: cell("HEE"), lnPGPP: cell("PGPP"), lnIRD: cell("IRD"),
    N: html(f.nobs) };
}

export function whatIfTable(rows: ReturnType<typeof whatIfRow>[], ms: number, pub: Published, provenance: Provenance): DataTable {
  const cls = (y: number) => ["low", "mid", "high"].map((c) => printedOf(pub, `f2-${y}-${c}`)).join("/");
  const core = ["HEE", "PGPP", "IRD"].flatMap((x) => [`t5-1-ln${x}-b`, `t5-1-ln${x}-se`]);
  return table(rows, { caption: `What-if: the DEA choices and Table 5 (1) (${(ms / 1000).toFixed(1)} s)`, provenance, digits: 3,
    notes: [`Paper: ${cls(2008)} → ${cls(2023)}; ${printedNote(pub, core)}. Infeasible VRS super-efficiency scores are left out `
      + "(flagged), not set to 1."] });
}

export interface PlantedValues { total: Record<string, number>; aNEPP: Record<string, number>; aSEE: Record<string, number>; bNEPP: number; bSEE: number }
export interface Recovered { table: string; fit: PanelFit; term: string; value: number; b: number; se: number; dist: number; ok: boolean }

/**
 * Table 5 (1) totals and Table 7 (1)–(4): a-paths, and with one mediator left out a core coefficient is the total
 * minus the included mediator's indirect effect, the mediator's its b-path — all from the generator's constants.
 */
export function plantedChecks(P: PlantedValues, t5: PanelFit[], t7: PanelFit[], provenance: Provenance, synthetic: boolean):
  { rec: Recovered[]; table: DataTable; note: string } {
  const planted: { table: string; fit: PanelFit; term: string; value: number }[] = [];
  for (const [x, v] of Object.entries(P.total)) planted.push({ table: "Table 5 (1)", fit: t5[0], term: x, value: v });
  for (const [x, v] of Object.entries(P.aNEPP)) planted.push({ table: "Table 7 (1) lnNEPP", fit: t7[0], term: x, value: v });
  for (const [x, v] of Object.entries(P.aSEE)) planted.push({ table: "Table 7 (2) lnSEE", fit: t7[1], term: x, value: v });
  for (const x of ["HEE", "PGPP", "IRD"]) {
    planted.push({ table: "Table 7 (3)", fit: t7[2], term: x, value: P.total[x] - P.bNEPP * P.aNEPP[x] });
    planted.push({ table: "Table 7 (4)", fit: t7[3], term: x, value: P.total[x] - P.bSEE * P.aSEE[x] });
  }
  planted.push({ table: "Table 7 (3)", fit: t7[2], term: "NEPP", value: P.bNEPP }, { table: "Table 7 (4)", fit: t7[3], term: "SEE", value: P.bSEE });
  const rec = planted.map((p) => { const b = p.fit.coef(p.term), se = p.fit.stdError(p.term); return { ...p, b, se, dist: Math.abs(b - p.value) / se, ok: Math.abs(b - p.value) <= 2 * se }; });
  const passRate = rec.filter((r) => r.ok).length / rec.length;
  const t = table(rec.map((r) => ({ table: r.table, term: `ln${r.term}`, "planted (printed)": r.value, estimate: r.b, SE: r.se, "|b − planted| / SE": r.dist, "within 2 SE": { html: r.ok ? "✓" : "✗ miss" } })),
    { caption: `Planted coefficients recovered within two SEs: ${rec.filter((r) => r.ok).length} of ${rec.length} (${(100 * passRate).toFixed(0)}%)`, provenance, digits: 4,
      notes: [synthetic ? "Planted values are the generator's (generator.ts, PLANTED); Table 7 (3)–(4) are the implied values, equal to the printed ones to rounding." : "Real data: the planted values do not apply; read this table as the paper's numbers against ours."] });
  const note = `planted-coefficient pass rate: ${rec.filter((r) => r.ok).length}/${rec.length}; misses: `
    + `${rec.filter((r) => !r.ok).map((r) => `${r.table} ln${r.term} (${r.b.toFixed(4)} vs ${r.value}, `
    + `${r.dist.toFixed(1)} SE)`).join("; ") || "none"}`;
  return { rec, table: t, note };
}

export interface DiffersInput {
  synthetic: boolean; seed: number; dataSource: string; realVars: string[]; kept: City[]; D: PanelData;
  incomeHigh: number; cc: Record<number, { low: number; mid: number; high: number }>;
  desc: { variable: string; mean: number; max: number }[]; pub: Published; rec: Recovered[]; mixNoise: number;
  moderation: ModerationRow[];
  /** Table 5 (1) under VCOV_CHOICES: [0] conventional, [2] clustered by city. */
  vcFits: PanelFit[];
  sobelSeePgpp: { indirect: number; sobel: { z: number } };
}

/** The "what differs and why" markdown. */
export function whatDiffers(o: DiffersInput): string {
  const cc = o.cc, rec = o.rec, miss = rec.filter((r) => !r.ok);
  const printed = (v: string, s: string) => o.pub.entries.find((e) => e.id === `t2-${v}-${s}`)!.printed;
  const t2off = o.desc.filter((s) => Math.abs(s.mean - Number(printed(s.variable, "mean"))) > 0.1 * Number(printed(s.variable, "sd")) + 1e-9);
  return [
    `* **Data.** ${o.synthetic ? "Everything below the city list is synthetic (seed " + o.seed + ")" + (o.realVars.length ? " except " + o.realVars.join(", ") + ", which is real (provenance table in §2); its Table 2 row is compared as real data" : "") + ". No other number in this notebook is evidence for or against the paper; the ledger marks every printed number that depends on a synthetic variable not reproducible." : "Real data from " + o.dataSource + "."}`,
    `* **Sample.** ${o.kept.length} cities (${TYPES.map((t) => o.kept.filter((c) => c.type === t).length).join(" / ")} mature / growing / declining / regenerating), the paper's counts, by dropping the ten non-地级市 units and 莱芜. The coal list has ${citiesIn(o.D, "coal", "coal")} cities (paper: 53), so Table 8 (1)–(2) Ns differ from 848 / 992; the income split (top ${o.incomeHigh} by mean GDP per capita) matches the paper's 45 / 70 by construction.`,
    `* **Efficiency classes.** Ours ${cc[2008].low}/${cc[2008].mid}/${cc[2008].high} (2008) and ${cc[2023].low}/${cc[2023].mid}/${cc[2023].high} (2023) against 89/9/17 and 40/57/18: the generator's calibration is approximate (city levels, trends and noise are drawn, not fitted to the counts).`,
    `* **GTFP maximum.** ln(1+GTFP) reaches ${o.desc[0].max.toFixed(3)} against the paper's 0.931: in the synthetic technology (one input mix per year) only the best city of a year is efficient, and its super-efficiency is fixed by the runner-up, so scores far above 1 cannot arise. The real data, with many efficient cities of different mixes, allow them.`,
    `* **Table 2.** Means off by more than 0.1 SD: ${t2off.length ? t2off.map((s) => `${s.variable} (${s.mean.toFixed(3)} vs ${printed(s.variable, "mean")})`).join(", ") : "none"}. Clipping to the printed min/max shrinks some SDs and maxima (e.g. NEPP max ${o.desc[4].max.toFixed(2)} vs 7.607).`,
    ...(!o.synthetic ? [] : [`* **Planted effects.** ${rec.filter((r) => r.ok).length} of ${rec.length} recovered within 2 SE${miss.length ? "; misses: " + miss.map((r) => `${r.table} ln${r.term} ${r.b.toFixed(3)} vs ${r.value} (${r.dist.toFixed(1)} SE)`).join(", ") : ""}. The DEA step adds error (mix noise ${o.mixNoise}) and the regional trend is orthogonalised only against the regressors of equation (5).`,
      `* **Table 5 (3)–(4), Table 6, Table 8, Figure 3.** Not planted: city-FE-only columns pick up the common trends; the replacement variables are noisy proxies; no subgroup difference and no interaction exists in the synthetic panel, so the difference tests and Figure 3 show what chance produces (${o.moderation.filter((r) => r.p < 0.1).length} of ${o.moderation.length} interaction terms significant at 10%).`]),
    `* **Standard errors.** The paper does not say which it uses. Clustering by city changes lnIRD's SE from ${o.vcFits[0].stdError("IRD").toFixed(4)} to ${o.vcFits[2].stdError("IRD").toFixed(4)} here; the stars in the paper should be read with that in mind.`,
    `* **Paper's internal inconsistencies kept in the ledger notes:** the SEE–PGPP Sobel cell (0.005**, Z = 2.335 cannot follow from its own a, b; ours ${o.sobelSeePgpp.indirect.toFixed(4)}, z = ${o.sobelSeePgpp.sobel.z.toFixed(2)}), "(0468)" for (0.468), text L191 vs Table 5 on the effect of adding controls, and stars inconsistent with coefficient/SE in Table 6 (4) _cons, (6) lnPGPP and Table 8 (6) _cons.`,
  ].join("\n");
}

export interface LedgerInput {
  desc: { variable: string; mean: number; sd: number; min: number; max: number }[];
  realVars: string[];
  vif: { terms: { term: string; vif: number; inv_vif: number }[]; mean_vif: number };
  D: PanelData;
  t5: PanelFit[]; fTests: { statistic: number }[]; hausman: { statistic: number }[];
  t6: PanelFit[]; t6Data: PanelData[]; t7: PanelFit[];
  sobel: Record<string, { indirect: number; sobel: { z: number }; share: number }>;
  t8: PanelFit[]; t8Data: PanelData[];
  cc: Record<number, { low: number; mid: number; high: number }>;
  rg: Record<number, { top: Record<string, number>; bottom: Record<string, number> }>;
  persistent: City[]; kept: City[];
}

/**
 * Every computed number under its ledger id: Table 2 (rows of a real variable marked real), the VIFs, Tables 5–8
 * (ln<variable> names, SE in parentheses, the LSDV adjusted R²; Table 8 prints the core terms bare), the Sobel
 * rows, the §3.1 counts and the sample counts.
 */
export function recordLedger(ours: LedgerOurs, o: LedgerInput): void {
  for (const s of o.desc) for (const c of ["mean", "sd", "min", "max"] as const) {
    const real = o.realVars.includes(s.variable);
    ours.put(`t2-${s.variable}-${c}`, s[c], real ? "real data (PKU index)" : "", real ? { provenance: "real" } : {});
  }
  for (const t of o.vif.terms) { ours.put(`t4-${t.term}-vif`, t.vif); ours.put(`t4-${t.term}-invvif`, t.inv_vif); }
  ours.put("t4-mean", o.vif.mean_vif);
  const recordFit = (prefix: string, f: PanelFit, data: PanelData, names: Record<string, string> = {}) =>
    record(ours, f, { prefix, stat: "se", data,
      rename: Object.fromEntries(f.names.map((n) => [n, names[n] ?? `ln${n}`])), stats: { adjr2: "adj_r_squared" } });
  o.t5.forEach((f, j) => {
    recordFit(`t5-${j + 1}`, f, o.D);
    ours.put(`t5-${j + 1}-F`, o.fTests[j].statistic, "F test that all fixed effects are 0");
  });
  ours.put("t5-3-hausman", o.hausman[0].statistic); ours.put("t5-4-hausman", o.hausman[1].statistic);
  o.t6.forEach((f, j) => recordFit(`t6-${j + 1}`, f, o.t6Data[j], { SILP: "lnSI-LP" }));
  o.t7.forEach((f, j) => recordFit(`t7-${j + 1}`, f, o.D));
  for (const [k, s] of Object.entries(o.sobel)) {
    ours.put(`t7-sobel-${k}-ind`, s.indirect); ours.put(`t7-sobel-${k}-z`, s.sobel.z);
  }
  for (const x of ["HEE", "PGPP", "IRD"]) ours.put(`t7-share-SEE-${x}`, 100 * o.sobel[`SEE-${x}`].share);
  const BARE = { HEE: "HEE", PGPP: "PGPP", IRD: "IRD" };
  o.t8.forEach((f, j) => recordFit(`t8-${j + 1}`, f, o.t8Data[j], BARE));
  for (const y of [2008, 2023]) {
    for (const c of ["low", "mid", "high"] as const) ours.put(`f2-${y}-${c}`, o.cc[y][c]);
    for (const r of REGIONS) {
      ours.put(`f2-top20-${y}-${r}`, o.rg[y].top[r]); ours.put(`f2-bottom20-${y}-${r}`, o.rg[y].bottom[r]);
    }
  }
  ours.put("f2-bottom20-persistent", o.persistent.length);
  ours.put("sample-cities", o.kept.length); ours.put("sample-N", asTable(o.D).nRows);
  for (const ty of TYPES) ours.put(`sample-${ty}`, o.kept.filter((c) => c.type === ty).length);
}

/** The robot installations by industry behind the Bartik IRD (the generator's IFR-style series). */
export function plotRobots(robots: { industry: string; year: number; robots: number }[], industries: readonly string[],
  industriesZh: string[]): void {
  const years = [...new Set(robots.map((r) => r.year))].sort((a, b) => a - b);
  const rob = new Map<string, number>(robots.map((r) => [`${r.industry}|${r.year}`, r.robots]));
  plot({
    data: industries.map((ind, j) => ({ type: "scatter" as const, mode: "lines+markers" as const, name: `${ind} ${industriesZh[j]}`,
      x: years, y: years.map((y) => rob.get(`${ind}|${y}`)!) })),
    layout: { title: { text: "Synthetic IFR-style robot installations by industry" }, width: 760, height: 380,
      yaxis: { title: { text: "robots installed (units)" } }, xaxis: { title: { text: "year" } } },
  }, { caption: "Robot series behind the Bartik IRD (synthetic data)", provenance: "synthetic", source: "generator.ts; the real series is IFR World Robotics (licensed), 2007–2020." });
}

/** Signs the text states for significant interaction terms: "eq|mediator|policy tool|factor". */
export const PAPER_SIGN: Record<string, string> = { "6|NEPP|EPPCN|HEE": "+", "6|NEPP|RDER|IRD": "−", "6|NEPP|RDER|PGPP": "+", "7|NEPP|EPPCN|": "−", "7|NEPP|RDER|": "+",
  "6|SEE|EPPCN|HEE": "+", "6|SEE|EPPCN|PGPP": "+", "6|SEE|EPPCN|IRD": "−", "6|SEE|RDER|PGPP": "+", "7|SEE|EPPCN|": "+", "7|SEE|RDER|": "+" };

/** Figure 3: the interaction coefficients with 95 % intervals, the paper's stated sign beside each label. */
export function plotModeration(modRows: { label: string; est: number; se: number; sign: string; gov: string }[],
  synthetic: boolean, provenance: Provenance): void {
  plot({
    data: ["EPPCN", "RDER"].map((g) => {
      const r = modRows.filter((x) => x.gov === g);
      return { type: "scatter" as const, mode: "markers" as const, name: g === "EPPCN" ? "regulation (EPPCN)" : "funding (RDER)", orientation: "h" as const,
        x: r.map((x) => x.est), y: r.map((x) => `${x.label}${x.sign ? ` [paper ${x.sign}]` : ""}`), error_x: { type: "data" as const, array: r.map((x) => 1.96 * x.se) },
        marker: { color: g === "EPPCN" ? "#d95f02" : "#1b9e77", size: 9 } };
    }),
    layout: { title: { text: "Figure 3: interaction coefficients (lagged, uncentred), 95% intervals" }, width: 860, height: 560, margin: { l: 290, r: 20, t: 50, b: 50 },
      xaxis: { title: { text: "coefficient of the interaction term" }, zeroline: true }, yaxis: { type: "category", automargin: true },
      shapes: [{ type: "line", x0: 0, x1: 0, y0: 0, y1: 1, yref: "paper", line: { color: "#444", dash: "dash", width: 1 } }] },
  }, { caption: `Figure 3: moderation by the policy tools (${synthetic ? "synthetic data; no interaction planted" : "real data"})`, provenance,
    source: "Equations (6)–(7), right-hand side lagged one year; [paper ±] = sign stated in the text for a significant term." });
}
