import { DataError } from "../data/errors";
import { Table } from "../data/table";
import { toTable } from "../data/frame";

/**
 * Rows of features and the target from a Table, refusing text and empty cells with a DataError naming the
 * file, row and column (gbdt needs every feature and target cell numeric; missing values are not supported).
 */
export function gbdtDesign(data: Table | import("danfojs-node").DataFrame, target: string, features: readonly string[], weight?: string): { X: number[][]; y: number[]; w?: number[] } {
  const t = toTable(data);
  const file = t.file;
  const numeric = (c: string): Float64Array => {
    const col = t.col(c);
    if (!(col instanceof Float64Array)) {
      const bad = col.findIndex((v) => v.trim() === "" || !Number.isFinite(Number(v)));
      throw new DataError([{ file, row: bad >= 0 ? bad + 1 : undefined, column: c, value: bad >= 0 ? col[bad] : undefined, expected: "a number (gbdt needs every feature and target cell numeric)" }]);
    }
    const miss = col.findIndex((v) => !Number.isFinite(v));
    if (miss >= 0) throw new DataError([{ file, row: miss + 1, column: c, value: "", expected: "a number (missing values are not supported)" }]);
    return col;
  };
  if (t.nRows === 0) throw new DataError([{ file, expected: "at least one data row" }]);
  const cols = features.map(numeric);
  const y = Array.from(numeric(target));
  const X = Array.from({ length: t.nRows }, (_, i) => cols.map((c) => c[i]));
  if (weight === undefined) return { X, y };
  const wc = numeric(weight);
  const bad = wc.findIndex((v) => v < 0);
  if (bad >= 0) throw new DataError([{ file, row: bad + 1, column: weight, value: String(wc[bad]), expected: "a non-negative weight" }]);
  return { X, y, w: Array.from(wc) };
}
