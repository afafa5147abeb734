import { DataError } from "../data/errors";
import { Table, expectedNumber, finiteNumber } from "../data/table";
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
      const bad = col.findIndex((v) => finiteNumber(v) === undefined);
      if (bad >= 0) throw t.cellError(bad, c, col[bad], expectedNumber(col[bad], "a number (gbdt needs every feature and target cell numeric)"));
      throw new DataError([{ file, column: c, expected: "a number (gbdt needs every feature and target cell numeric)" }]);
    }
    const miss = col.findIndex((v) => !Number.isFinite(v));
    if (miss >= 0) throw t.cellError(miss, c, "", "a number (missing values are not supported)");
    return col;
  };
  if (t.nRows === 0) throw new DataError([{ file, expected: "at least one data row" }]);
  const cols = features.map(numeric);
  const y = Array.from(numeric(target));
  const X = Array.from({ length: t.nRows }, (_, i) => cols.map((c) => c[i]));
  if (weight === undefined) return { X, y };
  const wc = numeric(weight);
  const bad = wc.findIndex((v) => v < 0);
  if (bad >= 0) throw t.cellError(bad, weight, String(wc[bad]), "a non-negative weight");
  return { X, y, w: Array.from(wc) };
}
