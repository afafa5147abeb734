import { DataTable } from "../display/table";
import { Provenance } from "../display/html";
import { moments } from "./panel";
import type { DataFrame } from "danfojs-node";
import { toTable } from "./frame";
import { Table } from "./table";

export interface DescribeRow {
  variable: string;
  label: string;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface DescribeOptions {
  /** Paper labels for the variables, e.g. { IRD: "Industrial rationalisation" }. */
  labels?: Record<string, string>;
  digits?: number;
  caption?: string;
  provenance?: Provenance;
  notes?: string[];
}

/**
 * The descriptive-statistics table papers print (VARIABLE, N, MEAN, SD, MIN, MAX), with Stata's
 * `summarize` conventions: non-missing observations only, SD with the n − 1 denominator.
 */
export function describe(input: Table | DataFrame, variables?: readonly string[], opts: DescribeOptions = {}): DataTable & { stats: DescribeRow[] } {
  // a DataFrame is converted once, here (the numbers are the same typed columns either way)
  const data = toTable(input);
  variables ??= data.names.filter((n) => data.col(n) instanceof Float64Array);
  const stats: DescribeRow[] = variables.map((v) => {
    const m = moments(data.num(v));
    return { variable: v, label: opts.labels?.[v] ?? v, n: m.n, mean: m.mean, sd: m.sd, min: m.min, max: m.max };
  });
  const withLabels = !!opts.labels;
  const rows = stats.map((s) => ({
    Variable: s.variable,
    ...(withLabels ? { Meaning: s.label } : {}),
    N: { html: String(s.n) },
    Mean: s.mean,
    SD: s.sd,
    Min: s.min,
    Max: s.max,
  }));
  const t = new DataTable(rows, undefined, {
    caption: opts.caption ?? "Descriptive statistics",
    provenance: opts.provenance,
    digits: opts.digits ?? 3,
    notes: opts.notes,
  }) as DataTable & { stats: DescribeRow[] };
  t.stats = stats;
  return t;
}
