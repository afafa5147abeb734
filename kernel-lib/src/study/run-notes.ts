import { Table } from "../data/table";
import { Cell, HtmlTableOptions } from "../display/html";
import { DataTable, table } from "../display/table";
import { DataProvenance } from "./provenance";

/**
 * The sentences and tables that every printed-numbers notebook repeats around its own analysis: the ledger's
 * caption saying which file it was run on, the note that a misprint list describes the paper and not the user's
 * file, the study file shown as transcribed, and what a user's file lacks of what the study needs.
 */

/** "Ledger: <citation>", with " (run on <file>)" when the data are the user's. */
export function ledgerCaption(citation: string, data: DataProvenance): string {
  return `Ledger: ${citation}${data.userFile ? ` (run on ${data.label})` : ""}`;
}

/** On the user's file: an italic line saying the text above describes the paper's printed values. Else "". */
export function paperTextNote(data: DataProvenance, what = "the misprints listed above"): string {
  return data.kind === "bundled" || data.kind === "synthetic" ? ""
    : `*This run reads ${data.label}: ${what} are the paper's; the tables show what your figures give.*`;
}

/**
 * A study file shown as transcribed: `columns` maps each header to the file's column; every cell is shown as
 * text (a transcription pins no number), missing cells empty.
 */
export function transcribedTable(t: Table, columns: Record<string, string>, options: HtmlTableOptions = {}): DataTable {
  for (const c of Object.values(columns)) {
    if (!t.has(c)) throw new Error(`${t.file}: no column "${c}"`);
  }
  const rows = t.rows().map((r) => Object.fromEntries(Object.entries(columns)
    .map(([header, c]): [string, Cell] => [header, r[c] === null || r[c] === undefined ? "" : String(r[c])])));
  return table(rows, options);
}

export interface Coverage {
  /** The needed keys the data lack, in the order needed. */
  missing: string[];
  /** How many keys were needed. */
  needed: number;
  /** One sentence: all present, or how many are missing, which, and what is left out. */
  statement: string;
}

/** Which of the keys (years, cities, series, columns) a study needs are absent from the data, counted and named. */
export function coverageOf(have: Iterable<string | number>, need: readonly (string | number)[], what: string,
  leftOut: string): Coverage {
  const present = new Set([...have].map(String));
  const missing = [...new Set(need.map(String))].filter((k) => !present.has(k));
  const n = new Set(need.map(String)).size;
  const statement = missing.length === 0 ? `All ${n} ${what} the study needs are present.`
    : `${missing.length} of the ${n} ${what} the study needs are missing (${missing.join(", ")}): ${leftOut}.`;
  return { missing, needed: n, statement };
}
