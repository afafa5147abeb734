/**
 * Analysis of necessity: for each condition and its negation, necessity inclusion (consistency), relevance of
 * necessity (RoN, Schneider & Wagemann 2012) and necessity coverage, as R QCA's `pof(..., relation = "nec")`
 * and fsQCA 3.0's "Necessary Conditions" print them (formulas in sets.ts).
 */
import { fuzzyNot, necessity } from "./sets";
import { QcaData } from "./truthTable";

export interface NecessityRow {
  condition: string;
  inclusion: number;
  ron: number;
  coverage: number;
}

export function necessityTable(data: QcaData, opts: { negations?: boolean } = {}): NecessityRow[] {
  const out: NecessityRow[] = [];
  data.conditions.forEach((c, j) => {
    out.push({ condition: c, ...necessity(data.X[j], data.y) });
    if (opts.negations ?? true) out.push({ condition: `~${c}`, ...necessity(fuzzyNot(data.X[j]), data.y) });
  });
  return out;
}
