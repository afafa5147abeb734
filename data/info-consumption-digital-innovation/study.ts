/**
 * Study-specific plumbing of the info-consumption-digital-innovation notebook that a reader does not need to follow
 * the analysis: the hybrid panel with its provenance, the checks among printed numbers, the real count of the PKU
 * index and the "what differs and why" text. Loaded with `loadStudyModule(STUDY, "study")`.
 */
import type { DataFrame } from "danfojs-node";
import { LedgerOurs, PlantedRecovery, Published, causal, lineTrace, moments, plot, printedValue, table } from "kernel-lib";
import type { Cell, DataTable, Figure, FitsTableOptions, ModelLike, Provenance } from "kernel-lib";
import { synthesize, type PanelParams } from "./generator";

export type HybridPanel = Awaited<ReturnType<typeof synthesize>>;

/**
 * The hybrid panel (generator.ts) with three tables: the provenance of each variable, the cities of the PKU list the
 * sample rule leaves out, and the moments of the real variables (labelled real, with their source).
 */
export async function hybridPanel(p: PanelParams): Promise<{ drawn: HybridPanel; tables: DataTable[] }> {
  const g = await synthesize(p);
  const prov = table(Object.entries(g.provenance).map(([variable, source]) => ({ variable, source })), {
    caption: "Provenance of each panel variable", notes: ["Every estimate below uses synthetic variables (the pilots, "
      + "the outcomes) and stays labelled synthetic data; only the rows of the last table are real."] });
  const dropped = table(g.sample.dropped.map((d) => ({ city: d.city, code: d.code, region: d.region, reason: d.reason })), {
    caption: `Cities of the PKU list (${g.sample.universe} named 市) left out by sample.ts's rule: ${g.sample.dropped.length}` });
  const real = (name: string, v: number[], source: string) => {
    const m = moments(v);
    return { variable: name, source, N: { html: String(m.n) }, mean: m.mean, SD: m.sd, min: m.min, max: m.max };
  };
  const col = (k: "pgdp" | "finance") => g.panel[k] as number[];
  const rows = [
    ...(g.pgdpRows.real ? [real("pgdp (real rows only)", col("pgdp").filter((_, k) => g.panel.pgdp_real[k] === 1),
      `${p.pgdpSource}, gdppc`)] : []),
    ...(g.financeRows ? [real("finance", col("finance").filter((v) => !Number.isNaN(v)), `${p.financeSource}, index_aggregate`)] : []),
  ];
  const tables = [prov, dropped];
  if (rows.length) tables.push(table(rows, { provenance: "real", digits: 3,
    caption: "The real variables on the panel's rows (the paper prints no descriptive statistics)" }));
  return { drawn: g, tables };
}

/**
 * Table 4 (3)'s N as the count of real PKU index values on the panel's rows (the regression's N, so the same number
 * as on the user's file), marked real; the note gives the index's coverage of the sample's cities × 2011–2023.
 */
export function putRealCounts(g: HybridPanel, ours: LedgerOurs): void {
  const c = g.financeCoverage, n = g.financeRows?.real;
  if (!c || n === undefined) return;
  ours.put("t4-3-N", n, `real PKU index values on the panel's rows from 2011 (over all ${g.sample.cities.length} sample `
    + `cities × 2011–2023: ${c.have} of ${c.of}; the draw leaves out early years of some non-pilots); the printed 3,074 `
    + "(≈ 290 × 10.6 years) implies a shorter or gappier series (years or vintage), not the sample: almost every "
    + "prefecture city has all 13 years", { provenance: "real" });
}

/** How Tables 1–6 are recorded and laid out: t in parentheses, N, R², adjusted R² (the paper's rows). */
export function tableStyle(ours: LedgerOurs, fits: Record<string, ModelLike>, provenance: Provenance): FitsTableOptions {
  return { ours, into: fits, provenance, parens: "t", digits: 3, dropUnlisted: true,
    record: { terms: ["reform", "demonstrate"], stats: { ar2: "adj_r_squared" } }, rows: { Year: "YES", City: "YES" },
    terms: { reform: "reform", demonstrate: "demonstrate", _cons: "_cons" },
    stats: [{ key: "nobs", label: "Obs", digits: 0 }, { key: "r_squared", label: "R²", digits: 3 },
      { key: "adj_r_squared", label: "Adj. R²", digits: 3 }] };
}

/** Figure 1 as the paper draws it: raw yearly means of pilot and other cities (not a test of anything). */
export function rawTrends(df: DataFrame, y: string, provenance: Provenance): void {
  plot(rawTrendsFigure(df, y), { provenance, caption: `Figure 1 as the paper draws it (${y}): raw means of pilot vs other cities` });
}

function rawTrendsFigure(df: DataFrame, y: string): Figure {
  const pilot = df.addColumn("pilot", df["cohort"].gt(0).values.map((v: boolean) => (v ? "pilot" : "other")),
    { inplace: false });
  const m = pilot.groupby(["pilot", "year"]).col([y]).mean().sortValues("year");
  const line = (g: string) => m.query(m["pilot"].eq(g));
  return { data: [["pilot cities", "pilot"], ["other cities", "other"]].map(([name, g]) =>
    lineTrace(name, line(g)["year"].values, line(g)[`${y}_mean`].values)),
  layout: { title: { text: `Figure 1 (paper's version): mean ${y} by year` }, xaxis: { title: { text: "year" } },
    yaxis: { title: { text: y } } } };
}

/** The cities observed in every year (every pilot is; the others are left-truncated non-pilots). */
export function balancedPanel(df: DataFrame): { frame: DataFrame; cities: number; rows: number } {
  const nYears = df.groupby(["city"]).col(["year"]).count();
  const full = new Set(nYears.query(nYears["year_count"].eq(df["year"].nUnique()))["city"].values);
  const frame = df.query(df["city"].map((c: string) => full.has(c)));
  return { frame, cities: full.size, rows: frame.shape[0] };
}

/**
 * Two-way FE beside Callaway–Sant'Anna (never-treated controls, multiplier bootstrap) and the Goodman-Bacon
 * decomposition, on the balanced sub-panel without controls: plots the CS event study, returns one table row.
 */
export function twfeVsCs(df: DataFrame, y: string, o: { draws: number; seed: number; provenance: Provenance }) {
  const bal = balancedPanel(df), b = bal.frame;
  const base = { id: "city", time: "year", y };
  const tw = causal.twfeDid(b, { ...base, treatment: "reform", cluster: "city" });
  const cs = causal.callawaySantAnna(b, { ...base, cohort: "cohort", control: "never", bootstrap: o.draws, seed: o.seed });
  const bacon = causal.bacon(b, { ...base, cohort: "cohort" }).summary.map((s): [string, Cell] =>
    [`Bacon ${s.type} (weight)`, { html: `${s.estimate.toFixed(3)} (${s.weight.toFixed(3)})` }]);
  const row: Record<string, Cell> = { outcome: y, "TWFE (balanced, no controls)": tw.estimate, "TWFE SE": tw.std_error,
    "CS simple ATT": cs.simple.overall, "CS SE": cs.simple.overall_se, "CS dynamic (mean e ≥ 0)": cs.dynamic.overall,
    ...Object.fromEntries(bacon) };
  plot(cs.figure(`Callaway–Sant'Anna event study: ${y}`), { provenance: o.provenance, caption: `CS dynamic ATT(e) `
    + `for ${y}, never-treated controls, ${o.draws}-draw uniform bands (balanced sub-panel of ${bal.cities} cities)` });
  return { row, cities: bal.cities, rows: bal.rows };
}

/** Checks among printed numbers (consistent / inconsistent): Table 5 and 6 Ns add up, Table 2 (5) drops 79 rows. */
export function putPrintedChecks(pub: Published, ours: LedgerOurs): void {
  const sumN = (tab: string) => [1, 2, 3].reduce((a, j) => a + printedValue(pub, `${tab}-${j}-N`), 0);
  const printed = { provenance: "printed" as const };
  ours.put("chk-t5-N", sumN("t5"), "", printed);
  ours.put("chk-t6-N", sumN("t6"), "", printed);
  ours.put("chk-t2-muni", printedValue(pub, "t1-1-N") - printedValue(pub, "t2-5-N"), "", printed);
}

export interface DiffersInput {
  synthetic: boolean;
  /** The hybrid panel's provenance (undefined on the user's file). */
  hybrid?: HybridPanel;
  dataLabel: string;
  recovery: PlantedRecovery;
  pub: Published;
  /** Our ledger values: Table 1 (2)'s R² and Figure 2's placebo means are read from it. */
  ours: LedgerOurs;
}

/** The "what differs and why" markdown. */
export function whatDiffers(o: DiffersInput): string {
  const rec = o.recovery, ours = (id: string) => o.ours.values[id]?.value ?? NaN;
  const miss = rec.misses.map((r) => `${r.table} (${r.term}: planted ${r.planted}, ours ${r.estimate.toFixed(3)})`);
  const h = o.hybrid, pr = h?.pgdpRows;
  const data = o.synthetic
    ? `- **Hybrid panel, synthetic results.** Real: the ${h?.sample.cities.length ?? 290} city labels (not the paper's `
      + "unlisted sample), their region and population rank, "
      + (pr?.real ? `per-capita GDP for ${pr.real} of ${pr.real + pr.filled + pr.drawn} city-years` : "no control")
      + (h?.financeRows ? ", the PKU index (`finance`)" : "") + ". Synthetic: the pilot list, the outcomes and four of "
      + "the five controls, so every estimate is labelled synthetic. "
      + `${rec.recovered} of ${rec.total} planted coefficients are recovered within 2 SEs`
      + `${miss.length ? "; misses: " + miss.join("; ") : ""}. Misses among the group coefficients come from the additive `
      + "τ = a_region + b_size, which cannot reproduce Tables 5 and 6 and Table 1 at once."
      + (h?.financeRows ? " Table 4 (3) regresses the real index on the drawn pilots: nothing is planted there." : "")
      + (h?.financeCoverage ? `\n- **Table 4 (3)'s N differs**: printed ${printedValue(o.pub, "t4-3-N")}, ours `
        + `${h.financeRows?.real} real index values on the panel's rows from 2011 (over all the sample's cities × `
        + `2011–2023 the index has ${h.financeCoverage.have} of ${h.financeCoverage.of}). The public index is almost `
        + "complete for every prefecture city, so the paper's finance series must be shorter (e.g. ending 2020 or 2021) "
        + "or lose cities in a merge — years or vintage, not the sample." : "")
      + (pr?.real ? "\n- **Per-capita GDP** is GDP / *registered* population (the prefecture file); the yearbook's per-capita "
        + "GDP divides by the resident population, so migrant cities (深圳, 东莞) are far higher here. After the city's "
        + "last real year (2017, or 2018 where the file has it) the drawn path carries the real level on; the municipalities are "
        + "not in the file (SOURCES.md §6.2: undocumented origin, inferred units)." : "")
    : `- **Data.** ${o.dataLabel}: the ledger compares the paper's numbers with estimates from it.`;
  return `## What differs and why

${data}
- **R²**: ours ${ours("t1-2-r2").toFixed(3)} vs printed ${printedValue(o.pub, "t1-2-r2")} for Table 1 (2)`
    + `${o.synthetic ? " — the fixed-effect share of the synthetic variance is not tuned" : ""}.
- **Standard errors**: the paper's heteroskedasticity-robust t ignore within-city correlation; rerun with \`vcovType = "cluster"\`.
- **Placebo**: mean ${ours("f2-quantity-mean").toFixed(4)} / ${ours("f2-quality-mean").toFixed(4)} (paper ${o.pub.entries.find((e) => e.id === "f2-quantity-mean")?.printed} / `
    + `${o.pub.entries.find((e) => e.id === "f2-quality-mean")?.printed}) — a placebo `
    + `centred on zero shows only that random assignment gives no effect; it does not test parallel trends.
- **TWFE vs heterogeneity-robust**: with two adjacent cohorts (2014, 2015) and a large never-treated group, the forbidden `
    + "later-vs-earlier comparisons carry little weight, so the CS and TWFE numbers agree here (set `ramp` > 0 to see them diverge).\n"
    + "- **Not reproducible**: the constants of Tables 2–6 (they depend on the unreported control means) and the PSM "
    + "specification of Table 3.";
}
