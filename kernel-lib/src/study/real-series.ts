import { openData } from "../data/open";
import { DataError } from "../data/errors";

/**
 * One real variable of a manifest panel (or a user's file in its columns) as a map "unit|year" → value, the form the
 * hybrid generators take (`realDFII`, `realGdp`). Rows whose value is empty are left out and counted in `empty`; a
 * unit-year given twice is a DataError naming the row, since a hybrid panel must not pick one silently.
 */
export async function realSeries(ref: string, unit: string, value: string): Promise<{ values: Map<string, number>; empty: number; source: string }> {
  const d = await openData(ref);
  const t = d.table;
  const u = t.str(unit), y = t.num("year"), v = t.num(value);
  const values = new Map<string, number>();
  let empty = 0;
  for (let k = 0; k < t.nRows; k++) {
    const key = `${u[k]}|${y[k]}`;
    if (values.has(key)) throw new DataError([{ file: d.path, row: k + 1, column: unit, value: key, expected: `one row per ${unit} and year` }]);
    if (Number.isNaN(v[k])) empty++;
    else values.set(key, v[k]);
  }
  return { values, empty, source: `${ref} (${d.origin})` };
}
