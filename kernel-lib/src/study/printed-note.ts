import { LedgerEntry, Published } from "../ledger";

export interface PrintedNoteOptions {
  /** The label before each printed value (default: the entry's row, e.g. "NP"). */
  label?: (e: LedgerEntry) => string;
}

/**
 * The paper's printed values of some ledger entries as one line for a table note, read from published.json so
 * that no printed number is retyped in a cell: "label printed" joined by ", ", where an entry printed in
 * parentheses (its SE, t or z) follows the coefficient before it without a label. Throws on an unknown id.
 *   printedNote(pub, ["t4-4-NP-b", "t4-4-NP-t", "t4-4-gov-b"]) → "NP 0.252*** (9.370), gov 0.530***"
 */
export function printedNote(published: Published, ids: readonly string[], options: PrintedNoteOptions = {}): string {
  const byId = new Map(published.entries.map((e) => [e.id, e]));
  const label = options.label ?? ((e: LedgerEntry) => e.row);
  const parts: string[] = [];
  for (const id of ids) {
    const e = byId.get(id);
    if (!e) throw new Error(`printedNote: ${published.study} has no ledger entry "${id}"`);
    const inParens = e.parens !== "none" || /^\(.*\)$/.test(e.printed.trim());
    if (inParens && parts.length) parts[parts.length - 1] += ` ${e.printed}`;
    else parts.push(`${label(e)} ${e.printed}`);
  }
  return parts.join(", ");
}
