import { Provenance } from "../display/html";
import { DataTable, table } from "../display/table";
import type { DescribeRow } from "../data/describe";
import { Published } from "../ledger";

export type DescribeStat = "mean" | "sd" | "min" | "max";

/**
 * A descriptive-statistics table with the paper's printed number before each of ours (N, mean, SD, min, max), as
 * `describe` computes them. `id(variable, stat)` names the ledger entry holding the printed number; a variable
 * the paper does not print throws, naming the entry.
 */
export function describeBesidePaper(stats: readonly DescribeRow[], published: Published, options: {
  id: (variable: string, stat: DescribeStat) => string; caption: string; provenance: Provenance; digits?: number;
  /** Lines under the table (the source of a real variable, its caveats). */
  notes?: string[];
}): DataTable {
  const printed = (v: string, s: DescribeStat) => {
    const id = options.id(v, s);
    const e = published.entries.find((x) => x.id === id);
    if (!e) throw new Error(`describeBesidePaper: ${published.study} has no entry "${id}"`);
    return { html: e.printed };
  };
  const rows = stats.map((s) => ({
    variable: s.variable, N: { html: String(s.n) },
    "mean (paper)": printed(s.variable, "mean"), mean: s.mean, "SD (paper)": printed(s.variable, "sd"), SD: s.sd,
    "min (paper)": printed(s.variable, "min"), min: s.min, "max (paper)": printed(s.variable, "max"), max: s.max,
  }));
  return table(rows, { caption: options.caption, provenance: options.provenance, digits: options.digits ?? 3,
    notes: options.notes });
}
