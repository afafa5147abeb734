import type { DataFrame } from "danfojs-node";
import { toTable } from "../data/frame";
import { lagWithin } from "../data/panel";
import { Table } from "../data/table";

/** New columns for a frame: numbers (typed or plain) or text, one value per row. */
export type FrameColumns = Record<string, ArrayLike<number> | readonly string[]>;

/**
 * A DataFrame from named columns (a generator's panel, illustrative draws): a column of numbers stays numeric
 * (NaN becomes a missing cell), any other column is text, as `Table.fromColumns` reads them. Columns of different lengths are refused, naming the first that differs.
 */
export function frameOf(columns: FrameColumns, name = "columns"): DataFrame {
  const entries = Object.entries(columns);
  const n = entries.length ? entries[0][1].length : 0;
  for (const [col, values] of entries) {
    if (values.length !== n) throw new Error(`frameOf(${name}): "${col}" has ${values.length} values, "${entries[0][0]}" has ${n}`);
  }
  // as Table.fromColumns reads them: all numbers → numeric, anything else → text
  return Table.fromColumns(name, Object.fromEntries(entries.map(([col, values]) =>
    [col, Array.isArray(values) || values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>)]))).frame();
}

/**
 * The data with columns added or replaced, as a new DataFrame; the input is left as it was. (danfojs 1.2's
 * `addColumn` over an existing column alters the source frame, so a what-if that swaps one variable builds anew.)
 * A column of the wrong length is refused, naming it.
 */
export function withColumns(data: Table | DataFrame, columns: FrameColumns): DataFrame {
  let t = toTable(data);
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== t.nRows) throw new Error(`withColumns: "${name}" has ${values.length} values for ${t.nRows} rows`);
    const isText = values.length > 0 && typeof values[0] === "string";
    t = t.with(name, isText ? Array.from(values as readonly string[]) : Float64Array.from(values as ArrayLike<number>));
  }
  return t.frame();
}

export interface LagOptions {
  /** Unit column (city, province). */
  id: string;
  /** Time column (numbers: years). */
  time: string;
  vars: readonly string[];
  /** Periods back (default 1). */
  k?: number;
  /** Name of each lag column: prefix + variable (default "L_"). */
  prefix?: string;
}

/**
 * The data with a lag of each variable within unit, by time value as Stata's L. operator: the value at t − k of
 * the same unit, missing (NaN) where that period is not observed. Rows keep their order.
 */
export function withLags(data: Table | DataFrame, o: LagOptions): DataFrame {
  const t = toTable(data);
  const ids = t.str(o.id), times = t.num(o.time);
  const prefix = o.prefix ?? "L_";
  return withColumns(t, Object.fromEntries(o.vars.map((v) => [`${prefix}${v}`, lagWithin(ids, times, t.num(v), o.k ?? 1)])));
}
