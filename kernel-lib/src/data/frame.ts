import type { DataFrame } from "danfojs-node";
import { DataError } from "./errors";
import { Column, Table } from "./table";

/**
 * The edge between a reader's DataFrame and the numeric core: users hold danfojs DataFrames (head, describe,
 * groupby, query), estimators work on typed columns. `toTable` converts once, at the entry of an estimator;
 * a Table passes through untouched.
 */

/** True for a danfojs DataFrame (checked by shape, so two copies of danfojs both count). */
export function isDataFrame(x: unknown): x is DataFrame {
  if (typeof x !== "object" || x === null) return false;
  const d = x as { columns?: unknown; column?: unknown; shape?: unknown };
  return Array.isArray(d.columns) && typeof d.column === "function" && Array.isArray(d.shape);
}

/**
 * A DataFrame as a Table: numeric and boolean columns become Float64Array (null/undefined/NaN → NaN, counted in
 * `missing`), text columns stay text. A non-finite number or a column mixing numbers and text fails loudly,
 * naming the row and column, as a file would.
 */
export function tableFromFrame(df: DataFrame, name = "DataFrame"): Table {
  const cols = new Map<string, Column>();
  const missing: Record<string, number> = {};
  // the frame's column-major data as it holds it: df.column(c) would build a Series per column (about 0.35 s
  // per 1e5 rows), which made the conversion cost more than a feols fit (bench/data)
  const data = (df as unknown as { getColumnData: unknown[][] }).getColumnData;
  for (const [j, col] of df.columns.entries()) {
    const values = data[j];
    // the types present (missing cells aside), in one pass without allocating: a Set over 1e5 typeof strings cost
    // about 0.1 s per column
    const kinds = new Set<string>();
    let last = "";
    for (const v of values) {
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
      const k = typeof v;
      if (k !== last) kinds.add((last = k));
    }
    if (kinds.size === 0 || (kinds.size === 1 && (kinds.has("number") || kinds.has("boolean")))) {
      let nMissing = 0;
      const out = new Float64Array(values.length);
      values.forEach((v, i) => {
        if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
          out[i] = NaN;
          nMissing++;
        } else if (typeof v === "boolean") out[i] = v ? 1 : 0;
        else if (!Number.isFinite(v as number)) {
          throw new DataError([{ file: name, row: i + 1, column: col, value: String(v), expected: "a finite number" }]);
        } else out[i] = v as number;
      });
      cols.set(col, out);
      if (nMissing) missing[col] = nMissing;
    } else if (kinds.size === 1 && kinds.has("string")) {
      const out = values.map((v) => (v === null || v === undefined ? "" : String(v)));
      const nMissing = values.filter((v) => v === null || v === undefined).length;
      cols.set(col, out);
      if (nMissing) missing[col] = nMissing;
    } else {
      const i = values.findIndex((v) => typeof v === "string");
      throw new DataError([{ file: name, row: i + 1, column: col, value: String(values[i]), expected: "one type per column (numbers or text, not both)" }]);
    }
  }
  return new Table(name, cols, missing);
}

/** Either input, as a Table: what every estimator calls first. */
export function toTable(data: Table | DataFrame, name?: string): Table {
  if (data instanceof Table) return data;
  if (isDataFrame(data)) return tableFromFrame(data, name);
  throw new TypeError("expected a danfojs DataFrame or a kernel-lib Table");
}
