import { Provenance } from "../display/html";
import { DataTable, table } from "../display/table";

/** One planted coefficient and its estimate. */
export interface PlantedRow {
  /** Where it sits, e.g. "Table 4 (4) IGG". */
  table: string;
  term: string;
  planted: number;
  estimate: number;
  se: number;
}

export interface PlantedCheck extends PlantedRow {
  /** |estimate − planted| / SE. */
  distance: number;
  within: boolean;
}

export interface PlantedRecovery {
  rows: PlantedCheck[];
  recovered: number;
  total: number;
  misses: PlantedCheck[];
  /** One line for the log and the what-differs text. */
  summary: string;
  table: DataTable;
}

/**
 * Does the fit recover the truth the generator planted? A planted value counts as recovered when it lies within
 * `within` (default 2) standard errors of the estimate. Only synthetic data have planted values: on real data (the
 * user's file) the table says that no planted truth applies and counts nothing.
 */
export function plantedRecovery(rows: PlantedRow[], options: { provenance: Provenance; within?: number; caption?: string; notes?: string[]; digits?: number }): PlantedRecovery {
  const k = options.within ?? 2;
  const checks: PlantedCheck[] = rows.map((r) => {
    const distance = Math.abs(r.estimate - r.planted) / r.se;
    return { ...r, distance, within: Number.isFinite(distance) && distance <= k };
  });
  const synthetic = options.provenance === "synthetic";
  const recovered = synthetic ? checks.filter((c) => c.within).length : 0;
  const total = synthetic ? checks.length : 0;
  const misses = synthetic ? checks.filter((c) => !c.within) : [];
  const pct = total ? ` (${((100 * recovered) / total).toFixed(0)}%)` : "";
  const missText = misses.map((m) => `${m.table} ${m.term} (${m.estimate.toFixed(4)} vs ${m.planted}, ${m.distance.toFixed(1)} SE)`).join("; ") || "none";
  const summary = synthetic
    ? `planted values recovered within ${k} SE: ${recovered}/${total}${pct}; misses: ${missText}`
    : "real data: no planted values apply, nothing to recover";
  // On real data the check has nothing to say: no rows, and a caption that makes no claim about a design.
  const caption = synthetic ? options.caption ?? `Planted coefficients recovered within ${k === 2 ? "two" : k} SEs: ${recovered} of ${total}${pct}` : "Recovery check of the synthetic design: nothing to check on these data";
  const shown = (synthetic ? checks : []).map((c) => ({
    table: c.table, term: c.term, planted: c.planted, estimate: c.estimate, SE: c.se,
    "|b − planted| / SE": c.distance, [`within ${k} SE`]: { html: synthetic ? (c.within ? "✓" : "✗ miss") : "—" },
  }));
  const notes = synthetic ? options.notes ?? [] : ["These data were not drawn by the study's generator, so no design values apply to them."];
  return { rows: checks, recovered, total, misses, summary, table: table(shown, { caption, provenance: options.provenance, digits: options.digits ?? 4, notes }) };
}
