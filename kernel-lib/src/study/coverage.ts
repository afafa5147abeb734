import type { DataFrame } from "danfojs-node";
import { toTable } from "../data/frame";
import { Table } from "../data/table";
import { withEnglish } from "../display/english";
import { coverageOf } from "./run-notes";

/** One dimension of a study's sample: the column and the values the paper's analysis needs. */
export interface CoverageDimension {
  column: string;
  /** The values the study needs (the paper's provinces, industries, years). */
  expected: readonly (string | number)[];
  /** Plural noun for the sentence ("provinces"). */
  label: string;
  /** What happens to a missing value, e.g. "left out of the province run". */
  consequence?: string;
}

export interface CoverageOptions {
  /** Examples named at most (default 5); the count is always complete. */
  maxExamples?: number;
  /** What happens to a missing cell of the full cross (every dimension present). */
  cellConsequence?: string;
}

const named = (v: string | number) => (typeof v === "string" ? withEnglish(v) : String(v));

function list(values: string[], max: number): string {
  return values.slice(0, max).join(", ") + (values.length > max ? `, … (${values.length - max} more)` : "");
}

/**
 * What a user's data lack against the study's sample, one sentence each, so a notebook can say what is missing and
 * what is left out instead of failing later: each dimension's absent values (coverageOf's sentence, Chinese names
 * with their pinyin), then, with two or more dimensions, the combinations of present values that have no row (counted,
 * with examples). Complete data give no sentence.
 */
export function coverageNotes(data: Table | DataFrame, dims: readonly CoverageDimension[], options: CoverageOptions = {}): string[] {
  const t = toTable(data);
  const max = options.maxExamples ?? 5;
  const values = dims.map((d) => {
    const c = t.col(d.column);
    return Array.from({ length: t.nRows }, (_, r) => String(c[r]));
  });
  const notes: string[] = [];
  const present = dims.map((d, j) => {
    const seen = new Set(values[j]);
    // one dimension is coverageOf's sentence, the names with their pinyin
    const c = coverageOf([...seen].map((v) => named(typeof d.expected[0] === "number" ? Number(v) : v)), d.expected.map(named), d.label,
      d.consequence ?? "left out");
    if (c.missing.length) notes.push(c.statement);
    return d.expected.filter((v) => seen.has(String(v)));
  });
  if (dims.length < 2) return notes;
  const rows = new Set(values[0].map((_, r) => values.map((v) => v[r]).join("\u0000")));
  let combos: (string | number)[][] = [[]];
  for (const p of present) combos = combos.flatMap((c) => p.map((v) => [...c, v]));
  const gaps = combos.filter((c) => !rows.has(c.map(String).join("\u0000")));
  if (gaps.length) {
    notes.push(`${gaps.length} of ${combos.length} ${dims.map((d) => d.column).join(" × ")} cells missing${options.cellConsequence ? `, ${options.cellConsequence}` : ""}: ` +
      `${list(gaps.map((g) => g.map(named).join(" ")), max)}.`);
  }
  return notes;
}
