import { Cell, Provenance } from "../display/html";
import { DataTable, table } from "../display/table";
import { LedgerEntry, Ours, Published } from "../ledger";
import { LedgerOurs } from "./record";

/** Entries of one printed table ("Table 2", as in published.json's `table` field), in file order. */
export function entriesOf(published: Published, tableName: string, filter?: (e: LedgerEntry) => boolean): LedgerEntry[] {
  const es = published.entries.filter((e) => e.table === tableName && (!filter || filter(e)));
  if (!es.length) throw new Error(`printedTable: ${published.study} has no entries for table "${tableName}"`);
  return es;
}

function distinct(xs: string[]): string[] {
  return [...new Set(xs)];
}

export interface PrintedTableOptions {
  caption?: string;
  notes?: string[];
  /** Only entries passing this test (e.g. one panel of a table). */
  filter?: (e: LedgerEntry) => boolean;
}

/**
 * A table as the paper prints it, straight from published.json: rows by `row`, columns by `column`, each cell the
 * printed text; a parenthesised SE or t goes in the cell under its coefficient, as in the paper. Provenance
 * "printed": nothing in it is computed.
 */
export function printedTable(published: Published, tableName: string, options: PrintedTableOptions = {}): DataTable {
  const es = entriesOf(published, tableName, options.filter);
  const cols = distinct(es.map((e) => e.column));
  const rows: Record<string, Cell>[] = [];
  for (const row of distinct(es.map((e) => e.row))) {
    const inRow = es.filter((e) => e.row === row);
    const main: Record<string, Cell> = { "": row };
    const paren: Record<string, Cell> = { "": "" };
    let hasParen = false;
    for (const c of cols) {
      const cell = inRow.filter((e) => e.column === c);
      main[c] = { html: cell.filter((e) => e.parens === "none").map((e) => e.printed).join(" ") };
      const p = cell.filter((e) => e.parens !== "none").map((e) => e.printed).join(" ");
      paren[c] = { html: p };
      if (p) hasParen = true;
    }
    rows.push(main);
    if (hasParen) rows.push(paren);
  }
  return table(rows, { columns: ["", ...cols], caption: options.caption ?? `${tableName} as printed (${published.citation})`, provenance: "printed", notes: options.notes });
}

export interface BesidePaperOptions {
  caption?: string;
  provenance: Provenance;
  notes?: string[];
  filter?: (e: LedgerEntry) => boolean;
  /** Decimals of our numbers (default: the printed precision + 1, at most 4). */
  digits?: number;
}

/**
 * The paper beside ours for one printed table: one row per printed row, and for each printed column the paper's
 * number and ours side by side ("mean · paper", "mean · ours"). Ours is read from the ledger record by entry id,
 * so the table shows exactly what the ledger judges. Works for descriptive statistics and coefficient columns
 * (a coefficient and its SE/t are separate rows: "NP", "NP (t)").
 */
export function besidePaper(published: Published, tableName: string, ours: LedgerOurs | Record<string, Ours | number>, options: BesidePaperOptions): DataTable {
  const values = ours instanceof LedgerOurs ? ours.values : ours;
  const es = entriesOf(published, tableName, options.filter);
  const label = (e: LedgerEntry) => (e.parens === "none" ? e.row : `${e.row} (${e.parens})`);
  const cols = distinct(es.map((e) => e.column));
  const digits: Record<string, number> = {};
  const rows = distinct(es.map(label)).map((r) => {
    const out: Record<string, Cell> = { "": r };
    for (const c of cols) {
      const e = es.find((x) => label(x) === r && x.column === c);
      const o = e ? values[e.id] : undefined;
      const v = typeof o === "number" ? o : o?.value ?? null;
      out[`${c} · paper`] = e ? { html: e.printed } : "";
      out[`${c} · ours`] = v;
      if (e) digits[`${c} · ours`] = Math.max(digits[`${c} · ours`] ?? 0, options.digits ?? Math.min(4, e.precision + 1));
    }
    return out;
  });
  const columns = ["", ...cols.flatMap((c) => [`${c} · paper`, `${c} · ours`])];
  return table(rows, { columns, caption: options.caption ?? `${tableName}: the paper beside ours`, provenance: options.provenance, digits, notes: options.notes });
}
