/**
 * Study-specific plumbing of the info-consumption-digital-innovation notebook that a reader does not need to follow
 * the analysis: the checks among printed numbers and the "what differs and why" text. Loaded with
 * `loadStudyModule(STUDY, "study")`.
 */
import type { DataFrame } from "danfojs-node";
import { LedgerOurs, PlantedRecovery, Published, causal, lineTrace, plot, printedValue } from "kernel-lib";
import type { Cell, Figure, FitsTableOptions, ModelLike, Provenance } from "kernel-lib";

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
  const data = o.synthetic
    ? `- **Everything here is synthetic.** ${rec.recovered} of ${rec.total} planted coefficients are recovered within 2 SEs`
      + `${miss.length ? "; misses: " + miss.join("; ") : ""}. Misses among the group coefficients come from the additive `
      + "τ = a_region + b_size, which cannot reproduce Tables 5 and 6 and Table 1 at once."
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
