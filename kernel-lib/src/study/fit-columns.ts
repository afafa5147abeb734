import { ModelLike, RegTableOptions, RegressionTable, regressionTable } from "../display/regtable";
import { normalTwoSided } from "../core/distributions";
import { PanelData } from "../panel";
import { withStataConstant } from "./constant";
import { LedgerOurs, RecordOptions, record } from "./record";
import { PlantedRow } from "./planted";

/** One column of a regression table: the fit, its label, and where it goes in the ledger. */
export interface FitColumn {
  label: string;
  fit: ModelLike;
  /** Ledger id prefix of this column ("t2-3"); without it the column is shown but not recorded. */
  id?: string;
  /** The data the fit used: the table then shows Stata's `_cons` (mean(y) − mean(x)·b for absorbed FE). */
  data?: PanelData;
  /** Extra rows under the coefficients ("Control": "YES"). */
  rows?: Record<string, string>;
}

export interface FitsTableOptions extends RegTableOptions {
  /** Record each column that has an id into this ledger (`record` with prefix = id, data = column's data). */
  ours?: LedgerOurs;
  /** How to record: statistic in parentheses, renamed terms, the terms kept, extra glance statistics. */
  record?: Omit<RecordOptions, "prefix" | "table" | "column" | "data">;
  /** Keep each column's fit by id here (for later checks such as planted-value recovery). */
  into?: Record<string, ModelLike>;
  /** Rows every column shows after its own (the fixed effects: { "City FE": "YES" }). */
  rows?: Record<string, string>;
}

/**
 * The regression table of a list of fits, each recorded into the ledger under its id: the pattern of every table
 * of a study (fit the columns, record them, show them with Stata's constant). Returns the displayed table.
 */
export function fitsTable(columns: FitColumn[], options: FitsTableOptions = {}): RegressionTable {
  const { ours, record: how, into, rows, ...tableOptions } = options;
  for (const c of columns) {
    if (c.id === undefined) continue;
    if (ours) record(ours, c.fit, { ...how, prefix: c.id, data: c.data });
    if (into) into[c.id] = c.fit;
  }
  return regressionTable(
    columns.map((c) => ({ label: c.label, model: c.data ? withStataConstant(c.fit, c.data) : c.fit,
      rows: rows ? { ...c.rows, ...rows } : c.rows })),
    tableOptions,
  );
}

/** The coefficient of `term` in two independent fits (two subsamples) and the z test of their difference. */
export interface CoefficientDifference {
  b1: number;
  b2: number;
  difference: number;
  /** sqrt(se₁² + se₂²): the fits share no observation. */
  se: number;
  z: number;
  /** Two-sided normal p-value of z. */
  p: number;
}

/** b₁ − b₂ with se = sqrt(se₁² + se₂²), z = (b₁ − b₂)/se and its two-sided normal p (Clogg et al. 1995). */
export function coefficientDifference(fit1: ModelLike, fit2: ModelLike, term: string): CoefficientDifference {
  const row = (f: ModelLike, i: number) => {
    const r = f.tidy().find((t) => t.term === term);
    if (!r) throw new Error(`coefficientDifference: fit ${i} has no term "${term}"`);
    return r;
  };
  const r1 = row(fit1, 1), r2 = row(fit2, 2);
  const se = Math.hypot(r1.std_error, r2.std_error);
  const difference = r1.estimate - r2.estimate;
  const z = difference / se;
  return { b1: r1.estimate, b2: r2.estimate, difference, se, z, p: normalTwoSided(z) };
}

/**
 * Planted values keyed "fit id|term" (as a generator's `planted` holds them) beside the estimates of the fits
 * with those ids: the rows `plantedRecovery` checks. A key naming a fit or term that is missing throws.
 */
export function plantedRowsOf(planted: Record<string, number>, fits: Record<string, ModelLike>): PlantedRow[] {
  return Object.entries(planted).map(([key, value]) => {
    const [id, term] = key.split("|");
    const r = fits[id]?.tidy().find((t) => t.term === term);
    if (!r) throw new Error(`plantedRowsOf: no fit "${id}" with term "${term}" for planted key "${key}"`);
    return { table: id, term, planted: value, estimate: r.estimate, se: r.std_error };
  });
}
