/**
 * Study-specific plumbing of the info-consumption-digital-innovation notebook that a reader does not need to follow
 * the analysis: the checks among printed numbers and the "what differs and why" text. Loaded with
 * `loadStudyModule(STUDY, "study")`.
 */
import { LedgerOurs, PlantedRecovery, Published, printedValue } from "kernel-lib";

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
  /** R² of our Table 1 (2). */
  r2: number | null;
  placeboMeans: { quantity: number; quality: number };
}

/** The "what differs and why" markdown. */
export function whatDiffers(o: DiffersInput): string {
  const rec = o.recovery;
  const miss = rec.misses.map((r) => `${r.table} (${r.term}: planted ${r.planted}, ours ${r.estimate.toFixed(3)})`);
  const data = o.synthetic
    ? `- **Everything here is synthetic.** ${rec.recovered} of ${rec.total} planted coefficients are recovered within 2 SEs`
      + `${miss.length ? "; misses: " + miss.join("; ") : ""}. Misses among the group coefficients come from the additive `
      + "τ = a_region + b_size, which cannot reproduce Tables 5 and 6 and Table 1 at once."
    : `- **Data.** ${o.dataLabel}: the ledger compares the paper's numbers with estimates from it.`;
  return `## What differs and why

${data}
- **R²**: ours ${(o.r2 ?? NaN).toFixed(3)} vs printed ${printedValue(o.pub, "t1-2-r2")} for Table 1 (2)`
    + `${o.synthetic ? " — the fixed-effect share of the synthetic variance is not tuned" : ""}.
- **Standard errors**: the paper's heteroskedasticity-robust t ignore within-city correlation; rerun with \`vcovType = "cluster"\`.
- **Placebo**: mean ${o.placeboMeans.quantity.toFixed(4)} / ${o.placeboMeans.quality.toFixed(4)} (paper ${o.pub.entries.find((e) => e.id === "f2-quantity-mean")?.printed} / `
    + `${o.pub.entries.find((e) => e.id === "f2-quality-mean")?.printed}) — a placebo `
    + `centred on zero shows only that random assignment gives no effect; it does not test parallel trends.
- **TWFE vs heterogeneity-robust**: with two adjacent cohorts (2014, 2015) and a large never-treated group, the forbidden `
    + "later-vs-earlier comparisons carry little weight, so the CS and TWFE numbers agree here (set `ramp` > 0 to see them diverge).\n"
    + "- **Not reproducible**: the constants of Tables 2–6 (they depend on the unreported control means) and the PSM "
    + "specification of Table 3.";
}
