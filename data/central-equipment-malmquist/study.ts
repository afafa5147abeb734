/**
 * central-equipment-malmquist: the study's plumbing, kept out of the notebook so its cells show the method (DEAP's
 * Malmquist index, its decomposition, the checks the printed tables allow) and not the bookkeeping: the ledger ids of
 * provinces and industries, the printed Tables 2–6 as arrays, the tables "printed / ours", the figures' layouts, the
 * panel's coverage, the index variants, the ledger record and the "what differs" text.
 * Loaded with loadStudyModule(STUDY, "study").
 */
import {
  Cell, CoverageDimension, CoverageOptions, DataTable, Provenance, Published, Table, loadStudyModule, malmquist, markdown, printedValue, productivityIndex, table,
} from "kernel-lib";
import type { PanelRow } from "./generator";

const STUDY = "central-equipment-malmquist";
const GEN = loadStudyModule<typeof import("./generator")>(STUDY, "generator");
/** Ledger ids of the provinces (Tables 3–4) and industries (Tables 5–6), in the order of the generator's lists. */
export const PROV_IDS = ["anhui", "shanxi", "jiangxi", "henan", "hubei", "hunan"];
export const PROV_ZH: string[] = [...GEN.PROVINCES];
export const IND_IDS = ["c36", "c37", "c41", "c39", "c40", "c35", "c34"];
export const CODES: string[] = [...GEN.INDUSTRIES];
const IND_SHORT_ZH: Record<string, string> = { C36: "专用设备", C37: "交通运输设备", C41: "仪器仪表", C39: "电气机械", C40: "通信电子", C35: "通用设备", C34: "金属制品" };
/** "安徽 Anhui", "专用设备 special-purpose": the Chinese name with its English. */
export const PROV_LABEL = PROV_ZH.map((z) => `${z} ${GEN.PROVINCE_EN[z]}`);
export const IND_LABEL = CODES.map((c) => `${IND_SHORT_ZH[c]} ${GEN.INDUSTRY_EN[c]}`);
export const PAIRS = Array.from({ length: 20 }, (_, t) => `${2002 + t}_${2003 + t}`);
export const LABEL = PAIRS.map((p) => p.replace("_", "–"));
/** Each period labelled by its later year (2003 = 2002→2003), as DEAP prints it. */
export const LATER = PAIRS.map((_, t) => 2003 + t);
export const IDX = ["effch", "techch", "pech", "sech", "tfpch"] as const;
type Idx = (typeof IDX)[number];

export const gm = (a: number[]) => Math.exp(a.reduce((s, x) => s + Math.log(x), 0) / a.length);
export const col = (m: number[][], j: number) => m.map((r) => r[j]);
const f3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(3));
const pair = (p: number, o: number | null | undefined) => ({ html: `${p.toFixed(3)} / ${f3(o)}` });
const one = { type: "line" as const, x0: 2002.5, x1: 2022.5, y0: 1, y1: 1, line: { color: "#555", dash: "dash" as const, width: 1 } };
const periodAxis = { title: { text: "period t−1 → t (labelled t)" } };

/** The printed series the checks use: Tables 4 and 6 as [pair][unit], Table 2's yearly TFPCH and their annual means. */
export function printedSeries(pub: Published) {
  const pv = (id: string) => printedValue(pub, id);
  const t4 = PAIRS.map((p) => PROV_IDS.map((q) => pv(`t4-${p}-${q}`)));
  const t6 = PAIRS.map((p) => IND_IDS.map((q) => pv(`t6-${p}-${q}`)));
  return { pv, t4, t6, t2tf: PAIRS.map((p) => pv(`t2-${p}-tfpch`)), gmProv: t4.map(gm), gmInd: t6.map(gm) };
}
export type Series = ReturnType<typeof printedSeries>;

type MalmquistRun = ReturnType<typeof malmquist>;

/** §1: DEAP 2.1's published EG4 output beside ours, firm by period and the summary means. */
export function eg4Beside(run: MalmquistRun, published: Table, means: Table) {
  let egMax = 0, egN = 0;
  const cells = (row: Record<string, Cell>, t: Table, r: number, ours: Record<Idx, number | null>) => {
    for (const k of IDX) {
      const p = t.num(k)[r], o = ours[k] ?? NaN;
      egMax = Math.max(egMax, Math.abs(o - p)); egN++;
      row[k] = { html: `${p.toFixed(3)} / ${o.toFixed(3)}` };
    }
    return row;
  };
  const rows = Array.from({ length: published.nRows }, (_, r) => {
    const firm = published.str("firm")[r], period = published.num("period")[r];
    return cells({ firm, period: { html: String(period) } }, published, r, run.results.find((z) => z.dmu === firm && Number(z.period) === period)!);
  });
  for (let r = 0; r < means.nRows; r++) {
    const lab = means.str("period")[r];
    const ours = lab === "mean" ? run.mean : run.byPeriod.find((z) => String(z.period) === lab)!;
    rows.push(cells({ firm: lab === "mean" ? "mean" : "annual mean", period: { html: lab === "mean" ? "" : lab } }, means, r, ours));
  }
  const tbl = table(rows, {
    caption: `DEAP 2.1 EG4, reconstructed from published DEAP output: printed / ours (${egN} numbers, largest gap ${egMax.toFixed(4)})`,
    provenance: "real",
    notes: [`Data and DEAP's printed Malmquist output: ../shared/data/deap_eg4 (reconstructed from the published DEAP 2.1 output file). Output orientation, CRS index, VRS for PECH. ${egMax <= 0.0005 + 1e-9 ? "Every number agrees to DEAP's three printed decimals (the largest gap is a value ending in 5 in the fourth decimal, e.g. 0.5625 printed 0.562)." : "NOT all numbers agree to three decimals: check the engine."}`],
  });
  return { table: tbl, egMax, egN };
}

/** §2: Table 2's yearly TFPCH against the annual geometric means of the province run (Table 4) and the industry run (Table 6). */
export function table2Check(s: Series): DataTable {
  const devProv = s.t2tf.map((x, t) => s.gmProv[t] - x), devInd = s.t2tf.map((x, t) => s.gmInd[t] - x);
  return table(PAIRS.map((_, t) => ({
    period: LABEL[t], "Table 2 TFPCH": { html: s.t2tf[t].toFixed(3) },
    "geo. mean of 6 provinces (Table 4)": s.gmProv[t], "gap": devProv[t],
    "geo. mean of 7 industries (Table 6)": s.gmInd[t], "gap ": devInd[t],
  })), {
    caption: "Table 2's yearly TFPCH against the annual means of the two runs", provenance: "printed", digits: 4,
    notes: [`Largest |gap|: provinces ${Math.max(...devProv.map(Math.abs)).toFixed(4)}, industries ${Math.max(...devInd.map(Math.abs)).toFixed(4)}. Table 2 is DEAP's annual mean of the province run, not a run on one aggregated DMU (which DEA could not evaluate against itself).`],
  });
}

/** §2: the identities EFFCH × TECHCH = TFPCH and PECH × SECH = EFFCH, by year (Table 2) and by unit (Tables 3 and 5 from 4 and 6). */
export function identityTables(s: Series): DataTable[] {
  const idRows = PAIRS.map((p, t) => {
    const g = (k: Idx) => s.pv(`t2-${p}-${k}`);
    return { period: LABEL[t], EFFCH: { html: g("effch").toFixed(3) }, "PECH×SECH": g("pech") * g("sech"),
      TECHCH: { html: g("techch").toFixed(3) }, "TFPCH/EFFCH": g("tfpch") / g("effch"),
      "EFFCH×TECHCH − TFPCH": g("effch") * g("techch") - g("tfpch"), "PECH×SECH − EFFCH": g("pech") * g("sech") - g("effch") };
  });
  const means = (tab: string, ids: string[], names: string[], byYear: number[][]) => ids.map((q, j) => {
    const g = (k: Idx) => s.pv(`${tab}-${q}-${k}`);
    return { unit: names[j], "TFPCH printed": { html: g("tfpch").toFixed(3) }, "geo. mean of the 20 years": gm(col(byYear, j)),
      "EFFCH printed": { html: g("effch").toFixed(3) }, "PECH×SECH": g("pech") * g("sech"),
      "TECHCH printed": { html: g("techch").toFixed(3) }, "TFPCH/EFFCH": g("tfpch") / g("effch") };
  });
  const fromT3 = t2MeanFromT3(s);
  return [
    table(idRows, { caption: "Table 2: the two identities, year by year", provenance: "printed", digits: 4 }),
    table(means("t3", PROV_IDS, PROV_LABEL, s.t4), { caption: "Table 3 from Table 4: province means and identities", provenance: "printed", digits: 4 }),
    table(means("t5", IND_IDS, IND_LABEL, s.t6), { caption: "Table 5 from Table 6: industry means and identities", provenance: "printed", digits: 4 }),
    table(IDX.map((k) => ({ index: k.toUpperCase(), "Table 2 mean": { html: s.pv(`t2-mean-${k}`).toFixed(3) }, "geo. mean of Table 3": fromT3[k] })),
      { caption: "Table 2's mean row = geometric mean of the province means in Table 3", provenance: "printed", digits: 4 }),
  ];
}

/** Table 2's mean row recomputed as the geometric mean of Table 3's province means. */
export function t2MeanFromT3(s: Series): Record<Idx, number> {
  return Object.fromEntries(IDX.map((k) => [k, gm(PROV_IDS.map((q) => s.pv(`t3-${q}-${k}`)))])) as Record<Idx, number>;
}

/** A line chart of TFPCH by period, one line per unit, with TFPCH = 1 dashed. */
function tfpchFigure(title: string, names: string[], series: number[][]) {
  return { data: names.map((n, j) => ({ type: "scatter" as const, mode: "lines+markers" as const, name: n, x: LATER, y: series[j] })),
    layout: { title: { text: title }, width: 860, height: 430, shapes: [one], xaxis: periodAxis, yaxis: { title: { text: "TFPCH" } } } };
}

/** §3: Figures 2 and 3 redrawn from Tables 4 and 6. */
export function printedFigures(s: Series) {
  return [tfpchFigure("Figure 2: TFPCH of equipment manufacturing by province", PROV_LABEL, PROV_IDS.map((_, j) => col(s.t4, j))),
    tfpchFigure("Figure 3: TFPCH by industry", IND_LABEL, IND_IDS.map((_, j) => col(s.t6, j)))];
}

/** Panel rows as columns (Table.fromColumns input), in the schema's column order. */
export function panelColumns(rows: PanelRow[]): Record<string, (string | number)[]> {
  const keys = ["province", "industry", "year", "capital", "labour", "revenue"] as const;
  return Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])]));
}

/** The user's panel as rows (province, industry, year, capital, labour, revenue). */
export function panelRows(t: Table): PanelRow[] {
  return Array.from({ length: t.nRows }, (_, r) => ({ province: t.str("province")[r], industry: t.str("industry")[r], year: t.num("year")[r],
    capital: t.num("capital")[r], labour: t.num("labour")[r], revenue: t.num("revenue")[r] }));
}

/**
 * The paper's sample (6 provinces × 7 industries × 2002–2022) as coverageNotes dimensions: a user's panel is told
 * which provinces, industries or years it lacks (left out of the runs and of the ledger rows that need them) and
 * which province × industry × year cells are missing (the province and industry totals then sum fewer cells).
 */
export const COVERAGE: { dims: CoverageDimension[]; options: CoverageOptions } = {
  dims: [
    { column: "province", expected: PROV_ZH, label: "provinces", consequence: "left out of the province run and its ledger rows" },
    { column: "industry", expected: CODES, label: "industries", consequence: "left out of the industry run and its ledger rows" },
    { column: "year", expected: GEN.YEARS, label: "years", consequence: "the periods that need them are left out" },
  ],
  options: { cellConsequence: "their province and industry totals sum fewer cells" },
};

/** §4: the calibration history, the panel summed over the provinces, and revenue by industry. */
export function panelDisplays(panel: PanelRow[], history: { round: number; province: number; industry: number }[], prov: Provenance, source: string) {
  const years = [...new Set(panel.map((r) => r.year))].sort((a, b) => a - b);
  const tot = (y: number, i: string, k: "capital" | "labour" | "revenue") => panel.filter((r) => r.year === y && r.industry === i).reduce((s, r) => s + r[k], 0);
  const y0 = years[0], y1 = years[years.length - 1];
  const tables: DataTable[] = [];
  if (history.length) tables.push(table(history.map((h) => ({ round: { html: String(h.round) }, "province run: RMSE vs Table 4": h.province, "industry run: RMSE vs Table 6 (within-year pattern)": h.industry })),
    { caption: "Calibration of the synthetic panel", provenance: "synthetic", digits: 5, notes: ["Round 0: growth factors set to the targets; each later round corrects them by target / achieved TFPCH."] }));
  tables.push(table(CODES.map((c) => ({ industry: `${c} ${GEN.INDUSTRY_EN[c]}`,
    [`capital ${y0}`]: tot(y0, c, "capital"), [`capital ${y1}`]: tot(y1, c, "capital"),
    [`labour ${y0}`]: tot(y0, c, "labour"), [`labour ${y1}`]: tot(y1, c, "labour"),
    [`revenue ${y0}`]: tot(y0, c, "revenue"), [`revenue ${y1}`]: tot(y1, c, "revenue") })),
  { caption: "The panel summed over the six provinces (capital and revenue 10⁸ yuan, 2002 prices; labour 10⁴ persons)", provenance: prov, digits: 0 }));
  const figure = { data: CODES.map((c) => ({ type: "scatter" as const, mode: "lines" as const, name: `${c} ${GEN.INDUSTRY_EN[c]}`, x: years, y: years.map((y) => tot(y, c, "revenue")) })),
    layout: { title: { text: "Main business revenue by industry (six provinces)" }, width: 860, height: 400,
      xaxis: { title: { text: "year" } }, yaxis: { title: { text: "10⁸ yuan, 2002 prices" } } } };
  return { years, tables, figure, caption: "Figure 1 (first panel) on the panel used here",
    source: prov === "synthetic" ? "Synthetic panel, data/central-equipment-malmquist/generator.ts" : source };
}

type Agg = { dmus: string[]; periods: number[]; X: number[][]; Y: number[][] };
type Means = { effch: number | null; techch: number | null; pech: number | null; sech: number | null; tfpch: number | null };
export type Run = { rows: ({ dmu: string; period: string | number; infeasible?: boolean } & Means)[]; byPeriod: ({ period: string | number } & Means)[];
  byDmu: ({ dmu: string } & Means)[]; mean: Means; infeasible: number };
export type IndexOptions = { rts: "crs" | "vrs"; reference: "adjacent" | "global"; orientation: "input" | "output" };

/**
 * The index under one variant: DEAP's Malmquist (CRS, adjacent frontiers, PECH × SECH from VRS) through `malmquist`,
 * any other through `productivityIndex` (radial distance functions; no PECH/SECH split).
 */
export function runIndex(d: Agg, o: IndexOptions): Run {
  if (o.rts === "crs" && o.reference === "adjacent") {
    const r = malmquist(d, { orientation: o.orientation });
    return { rows: r.results, byPeriod: r.byPeriod, byDmu: r.byDmu, mean: r.mean, infeasible: r.results.filter((z) => z.infeasible).length };
  }
  const r = productivityIndex(d, { index: o.reference === "global" ? "global" : "malmquist", model: "radial", rts: o.rts, orientation: o.orientation });
  const nul = { pech: null, sech: null };
  return { rows: r.results, byPeriod: r.byPeriod.map((z) => ({ ...z, ...nul })), byDmu: r.byDmu.map((z) => ({ ...z, ...nul })), mean: { ...r.mean, ...nul },
    infeasible: r.results.filter((z) => z.infeasible).length };
}

/** §5: Tables 2, 3 and 5 printed / ours. */
export function besidePaperTables(s: Series, provRun: Run, indRun: Run, model: string, prov: Provenance): DataTable[] {
  const byPeriod = (t: number) => provRun.byPeriod.find((z) => Number(z.period) === LATER[t]);
  return [
    table([...PAIRS.map((p, t) => ({ period: LABEL[t], ...Object.fromEntries(IDX.map((k) => [k.toUpperCase(), pair(s.pv(`t2-${p}-${k}`), byPeriod(t)?.[k])])) })),
      { period: "mean", ...Object.fromEntries(IDX.map((k) => [k.toUpperCase(), pair(s.pv(`t2-mean-${k}`), provRun.mean[k])])) }],
    { caption: `Table 2 beside ours: annual means of the province run, printed / ours (${model})`, provenance: prov }),
    table(PROV_ZH.map((z, j) => ({ province: PROV_LABEL[j], ...Object.fromEntries(IDX.map((k) => [k.toUpperCase(), pair(s.pv(`t3-${PROV_IDS[j]}-${k}`), provRun.byDmu.find((d) => d.dmu === z)?.[k])])) })),
      { caption: `Table 3 beside ours: province means, printed / ours (${model})`, provenance: prov }),
    table(CODES.map((c, j) => ({ industry: IND_LABEL[j], ...Object.fromEntries(IDX.map((k) => [k.toUpperCase(), pair(s.pv(`t5-${IND_IDS[j]}-${k}`), indRun.byDmu.find((d) => d.dmu === c)?.[k])])) })),
      { caption: `Table 5 beside ours: industry means, printed / ours (${model})`, provenance: prov }),
  ];
}

/** §5: annual mean TFPCH, printed against the panel's two runs. */
export function annualMeansFigure(s: Series, provRun: Run, indRun: Run) {
  const line = (name: string, y: (number | null)[], color: string, dash?: "dash" | "dot", markers = false) =>
    ({ type: "scatter" as const, mode: markers ? "lines+markers" as const : "lines" as const, name, x: LATER, y, line: { color, ...(dash ? { dash } : {}) } });
  return { data: [
    line("printed: Table 2 (province run)", s.t2tf, "#1f77b4", undefined, true),
    line("ours: province run", provRun.byPeriod.map((z) => z.tfpch), "#1f77b4", "dash"),
    line("printed: geo. mean of Table 6 (industry run)", s.gmInd, "#d62728", undefined, true),
    line("ours: industry run", indRun.byPeriod.map((z) => z.tfpch), "#d62728", "dash"),
    line("ours: TECHCH (province run)", provRun.byPeriod.map((z) => z.techch), "#2ca02c", "dot"),
  ], layout: { title: { text: "Annual mean TFPCH: printed and on the panel" }, width: 860, height: 430, shapes: [one], xaxis: periodAxis, yaxis: { title: { text: "index" } } } };
}

export const VARIANTS: { rts: "crs" | "vrs"; reference: "adjacent" | "global" }[] = [
  { rts: "crs", reference: "adjacent" }, { rts: "vrs", reference: "adjacent" }, { rts: "crs", reference: "global" }, { rts: "vrs", reference: "global" }];
export const vlabel = (v: { rts: string; reference: string }) => `${v.rts.toUpperCase()}, ${v.reference}${v.rts === "crs" && v.reference === "adjacent" ? " (DEAP)" : ""}`;
export type WhatIf = { v: (typeof VARIANTS)[number]; prov: Run; ind: Run }[];

/** §6: overall means and province means under the four variants, and the annual means of the province run. */
export function whatIfDisplays(s: Series, whatIf: WhatIf, orientation: string, prov: Provenance) {
  const means = table(whatIf.map(({ v, prov: p, ind }) => ({
    variant: vlabel(v),
    "province run TFPCH": p.mean.tfpch, "EFFCH": p.mean.effch, "TECHCH": p.mean.techch, "infeasible": { html: String(p.infeasible) },
    "industry run TFPCH": ind.mean.tfpch, "EFFCH ": ind.mean.effch, "TECHCH ": ind.mean.techch, "infeasible ": { html: String(ind.infeasible) },
  })), { caption: `Overall means under four index variants (${orientation}-oriented)`, provenance: prov,
    notes: [`Printed (DEAP, CRS adjacent): province run TFPCH ${f3(s.pv("t2-mean-tfpch"))}, EFFCH ${f3(s.pv("t2-mean-effch"))}, TECHCH ${f3(s.pv("t2-mean-techch"))}; industry run TFPCH = geometric mean of Table 5 = ` + gm(IND_IDS.map((q) => s.pv(`t5-${q}-tfpch`))).toFixed(3) + ".", "infeasible: DMU-periods whose cross-period LP has no solution (VRS); they are flagged and left out of the geometric means, so a VRS adjacent mean may rest on a few periods."] });
  const byProvince = table(PROV_ZH.map((z, j) => ({ province: PROV_LABEL[j], "printed (DEAP)": { html: s.pv(`t3-${PROV_IDS[j]}-tfpch`).toFixed(3) },
    ...Object.fromEntries(whatIf.map(({ v, prov: p }) => [vlabel(v), p.byDmu.find((d) => d.dmu === z)?.tfpch ?? null])) })),
  { caption: "Province mean TFPCH under the four variants", provenance: prov, notes: ["–: every period infeasible. Output-oriented VRS is infeasible when the DMU uses less of an input than every DMU of the other year's reference set (here 山西 Shanxi, the smallest province: its inputs in year t are below those of every province in year t+1, as all grow)."] });
  const figure = { data: [
    { type: "scatter" as const, mode: "markers" as const, name: "printed Table 2", x: LATER, y: s.t2tf, marker: { color: "#000", size: 7 } },
    ...whatIf.map(({ v, prov: p }) => ({ type: "scatter" as const, mode: "lines" as const, name: vlabel(v), x: LATER, y: p.byPeriod.map((z) => z.tfpch),
      line: { color: v.rts === "crs" ? "#1f77b4" : "#ff7f0e", dash: v.reference === "adjacent" ? "solid" as const : "dash" as const } })),
  ], layout: { title: { text: "Annual mean TFPCH of the province run under four variants" }, width: 860, height: 430, shapes: [one], xaxis: periodAxis, yaxis: { title: { text: "TFPCH" } } } };
  return { tables: [means, byProvince], figure };
}

type Val = { value: number | null; note?: string; provenance?: "printed" };

/** §7: ours for the entries that follow from the printed tables (provenance printed), and for those that need the panel. */
export function ledgerValues(pub: Published, s: Series, provRun: Run, indRun: Run) {
  const P_ = (value: number, note: string): Val => ({ value, note, provenance: "printed" });
  const printed: Record<string, Val> = {};
  PAIRS.forEach((p, t) => {
    const g = (k: Idx) => s.pv(`t2-${p}-${k}`);
    printed[`t2-${p}-tfpch`] = P_(s.gmProv[t], `geo. mean of ${s.t4[t].map((x) => x.toFixed(3)).join(", ")}`);
    printed[`t2-${p}-effch`] = P_(g("pech") * g("sech"), `${g("pech").toFixed(3)} × ${g("sech").toFixed(3)}`);
    printed[`t2-${p}-techch`] = P_(g("tfpch") / g("effch"), `${g("tfpch").toFixed(3)} / ${g("effch").toFixed(3)}`);
  });
  const fromT3 = t2MeanFromT3(s);
  for (const k of IDX) printed[`t2-mean-${k}`] = P_(fromT3[k], "geo. mean of Table 3's column");
  for (const [tab, ids, byYear] of [["t3", PROV_IDS, s.t4], ["t5", IND_IDS, s.t6]] as const) {
    ids.forEach((q, j) => {
      const g = (k: Idx) => s.pv(`${tab}-${q}-${k}`);
      printed[`${tab}-${q}-tfpch`] = P_(gm(col(byYear, j)), `geo. mean of Table ${tab === "t3" ? 4 : 6}'s column`);
      printed[`${tab}-${q}-effch`] = P_(g("pech") * g("sech"), `${g("pech").toFixed(3)} × ${g("sech").toFixed(3)}`);
      printed[`${tab}-${q}-techch`] = P_(g("tfpch") / g("effch"), `${g("tfpch").toFixed(3)} / ${g("effch").toFixed(3)}`);
    });
  }
  const panel: Record<string, Val> = {};
  const rowOf = (run: Run, dmu: string, t: number) => run.rows.find((r) => r.dmu === dmu && Number(r.period) === LATER[t])?.tfpch ?? null;
  PAIRS.forEach((p, t) => {
    const y = provRun.byPeriod.find((z) => Number(z.period) === LATER[t]);
    for (const k of ["pech", "sech"] as const) panel[`t2-${p}-${k}`] = { value: y?.[k] ?? null };
    PROV_ZH.forEach((z, j) => (panel[`t4-${p}-${PROV_IDS[j]}`] = { value: rowOf(provRun, z, t) }));
    CODES.forEach((c, j) => (panel[`t6-${p}-${IND_IDS[j]}`] = { value: rowOf(indRun, c, t) }));
  });
  const dmuMean = (run: Run, dmu: string, k: "pech" | "sech") => run.byDmu.find((d) => d.dmu === dmu)?.[k] ?? null;
  PROV_ZH.forEach((z, j) => { for (const k of ["pech", "sech"] as const) panel[`t3-${PROV_IDS[j]}-${k}`] = { value: dmuMean(provRun, z, k) }; });
  CODES.forEach((c, j) => { for (const k of ["pech", "sech"] as const) panel[`t5-${IND_IDS[j]}-${k}`] = { value: dmuMean(indRun, c, k) }; });
  return { printed, panel, printedIds: pub.entries.filter((e) => !e.not_reproducible).map((e) => e.id), panelIds: pub.entries.filter((e) => e.not_reproducible).map((e) => e.id) };
}

type Counts = { consistent: number; inconsistent: number; not_reproducible: number; reproduced: number; differs: number };

/** §8: what differs, and why. */
export function whatDiffers(s: Series, o: { c1: Counts; c2: Counts; inconsistentIds: string[]; worstGap: number; egN: number; egMax: number;
  provRun: Run; indRun: Run; panel: Record<string, Val>; whatIf: WhatIf; synthetic: boolean }) {
  const pv = s.pv;
  const t18 = PAIRS.indexOf("2017_2018");
  const devProv = Math.max(...s.t2tf.map((x, t) => Math.abs(s.gmProv[t] - x)));
  const cumProv = s.t4.reduce((a, r) => a * gm(r), 1), cumInd = s.t6.reduce((a, r) => a * gm(r), 1);
  const pct = (x: number) => `${(100 * (x - 1)).toFixed(1)}%`;
  const metal = pv("t5-c34-pech") * pv("t5-c34-sech");
  const t4fit = PAIRS.flatMap((p, t) => PROV_IDS.map((q, j) => Math.abs((o.panel[`t4-${p}-${q}`].value ?? NaN) - s.t4[t][j])));
  const indT5 = gm(IND_IDS.map((q) => pv(`t5-${q}-tfpch`)));
  return markdown([
    `* **The ledger.** From the printed tables: ${o.c1.consistent} consistent, ${o.c1.inconsistent} inconsistent (${o.inconsistentIds.length ? o.inconsistentIds.join(", ") : "none"}). ` +
    `Needing the private panel: ${o.c2.not_reproducible} not reproducible, ${o.c2.reproduced} reproduced, ${o.c2.differs} differ (Tables 4 and 6 themselves and every PECH and SECH). The largest gap of a recomputed number is ` +
    `${o.worstGap.toFixed(4)}, inside the rounding of the printed numbers it is computed from.`,
    `* **Table 2 is not a run on one aggregate DMU.** Its note says inputs and outputs were summed "到六省总体层面" (to the six-province total); a single DMU would be its own frontier ` +
    `(EFFCH = 1 every year). Its TFPCH is instead the geometric mean over the six provinces of Table 4 in all 20 years (largest gap ` +
    `${devProv.toFixed(4)}); the mean over the seven industries does not fit (e.g. 2017–2018: ${s.gmInd[t18].toFixed(3)} against the printed ${s.t2tf[t18].toFixed(3)}). ` +
    `So Table 2 is DEAP's annual-mean summary of the province run; its EFFCH, TECHCH, PECH and SECH are that run's annual means too.`,
    `* **Table 4's note** repeats "六省总体的全要素生产率" (TFP of the six provinces as a whole) although the table is by province, and **Table 6's title** says "分解" (decomposition) but prints TFPCH only; ` +
    `the yearly PECH and SECH of both runs are therefore nowhere in the paper, which is why those ledger entries need the panel.`,
    `* **Equations.** As printed, (5) and (6) put the period-t observation over the period-t+1 one (inverted against (7) and DEAP), the output space is written ` +
    `y ∈ R₊ᴺ instead of R₊ᴹ, and the exponent 1/2 of the geometric mean in (7) and (8) is lost in the extracted text. The engine follows DEAP's definitions (section 1 ` +
    `reproduces all ${o.egN} EG4 numbers, largest gap ${o.egMax.toFixed(4)}); with the paper's literal (5)–(6) the index would be the reciprocal.`,
    `* **Which province is least efficient.** The abstract says 湖北 (Hubei) has low technical efficiency, the conclusion says 安徽 (Anhui) is lowest. Table 3 has EFFCH ` +
    `安徽 Anhui ${pv("t3-anhui-effch").toFixed(3)} and 湖北 Hubei ${pv("t3-hubei-effch").toFixed(3)}: the conclusion is right to the printed digit, the abstract loosely so (both below 1).`,
    `* **Metal products, PECH × SECH.** ${pv("t5-c34-pech").toFixed(3)} × ${pv("t5-c34-sech").toFixed(3)} = ${metal.toFixed(4)} against EFFCH ${pv("t5-c34-effch").toFixed(3)} printed: ` +
    `a gap of ${(metal - pv("t5-c34-effch")).toFixed(4)}, inside the rounding of three-decimal factors (±0.0015), not a misprint.`,
    `* **The two runs disagree on aggregate growth.** Chained over 2002–2022, the province run's annual means give ×${cumProv.toFixed(2)} (${pct(Math.pow(cumProv, 1 / 20))} a year) and ` +
    `the industry run's ×${cumInd.toFixed(2)} (${pct(Math.pow(cumInd, 1 / 20))}); the best industry mean in Table 5 (${Math.max(...IND_IDS.map((q) => pv(`t5-${q}-tfpch`))).toFixed(3)}) ` +
    `is no higher than the worst province mean in Table 3 (${Math.min(...PROV_IDS.map((q) => pv(`t3-${q}-tfpch`))).toFixed(3)}). Both runs sum the same 42 cells, and under CRS with similar input mixes both track the same aggregate productivity. ` +
    (o.synthetic ? `Our calibrated panel therefore matches Table 4 (largest |gap| ${Math.max(...t4fit).toFixed(4)}) and Table 6 only within each year: its industry run averages `
      : `On the panel given (largest |gap| to Table 4 ${Math.max(...t4fit).toFixed(4)}) the industry run averages `) +
    `${f3(o.indRun.mean.tfpch)} against the printed ${indT5.toFixed(3)}. A gap of this size needs frontier effects (very different input mixes ` +
    `across provinces and industries) or a different panel behind Tables 5–6.`,
    o.synthetic
      ? `* **The decomposition on the panel is not calibrated.** The panel reproduces TFPCH, but how it splits into EFFCH and TECHCH depends on which DMUs span each ` +
        `year's frontier, i.e. on the real input mixes. Ours: EFFCH ${f3(o.provRun.mean.effch)}, TECHCH ${f3(o.provRun.mean.techch)}, TFPCH ${f3(o.provRun.mean.tfpch)} (printed ${f3(pv("t2-mean-effch"))}, ${f3(pv("t2-mean-techch"))}, ${f3(pv("t2-mean-tfpch"))}). ` +
        `On the panel, too, TECHCH carries the growth; the split between EFFCH and TECHCH is an artefact of the generator, not evidence.`
      : `* **The decomposition on the panel given.** EFFCH ${f3(o.provRun.mean.effch)}, TECHCH ${f3(o.provRun.mean.techch)}, TFPCH ${f3(o.provRun.mean.tfpch)} (printed ${f3(pv("t2-mean-effch"))}, ${f3(pv("t2-mean-techch"))}, ${f3(pv("t2-mean-tfpch"))}).`,
    `* **What if.** The global index is circular: its product over 2002–2022 is the ratio of a DMU's global efficiencies in 2022 and 2002, and it cannot be ` +
    `infeasible (the DMU is in the pooled set). DEAP's adjacent index is not circular, and under VRS some cross-period problems are infeasible ` +
    `(${o.whatIf.map(({ v, prov }) => `${vlabel(v)}: ${prov.infeasible}`).join("; ")} of ${o.provRun.rows.length} province-periods). ` +
    `Mean TFPCH of the province run: ${o.whatIf.map(({ v, prov }) => `${vlabel(v)} ${f3(prov.mean.tfpch)}`).join(", ")}.`,
  ].join("\n"));
}
