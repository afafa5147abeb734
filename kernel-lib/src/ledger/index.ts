import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { Displayable, MimeBundle } from "../display/emit";
import { Provenance, TABLE_CSS, captionHtml, escapeHtml, textWithEnglish } from "../display/html";
import { projectRoot } from "../data/manifest";

/**
 * The ledger: every number a paper prints, typed, with where it stands (table, row, column), how it was
 * printed (precision; whether parentheses hold an SE or a t statistic) and a note. `compare` puts our
 * number beside each one with a status: matched (within the stated tolerance), differs, or not
 * reproducible from public data (with the reason).
 */

export const LEDGER_MIME = "application/vnd.regionlab.ledger+json";

const EntrySchema = z
  .object({
    id: z.string().min(1),
    table: z.string().min(1),
    row: z.string(),
    column: z.string(),
    /** The number exactly as printed ("58.7%", "0.123***", "(2.45)"). */
    printed: z.string().min(1),
    /** Its numeric value; null for a printed claim without a number. */
    value: z.number().nullable(),
    /** Decimals printed (the default tolerance is half a unit of the last digit). */
    precision: z.number().int().min(0),
    /** What a parenthesised number is: a standard error or a t statistic; "none" otherwise. */
    parens: z.enum(["se", "t", "none"]).default("none"),
    /** Absolute tolerance for "matched"; defaults to 0.5 × 10^-precision. */
    tolerance: z.number().nonnegative().optional(),
    /**
     * How ours is judged against `value`: "=" within the tolerance (default), or a printed claim such as
     * "> 20%" or "significant (p < 0.05)" written as ">", ">=", "<", "<=".
     */
    comparator: z.enum(["=", ">", ">=", "<", "<="]).default("="),
    /** Set when the number cannot be reproduced from public data; the reason is shown. */
    not_reproducible: z.string().optional(),
    note: z.string().default(""),
  })
  .strict();

export const PublishedSchema = z
  .object({
    study: z.string(),
    citation: z.string(),
    source: z.string(),
    entries: z.array(EntrySchema),
  })
  .strict();

export type LedgerEntry = z.infer<typeof EntrySchema>;
export type Published = z.infer<typeof PublishedSchema>;

/** Read and check `data/<study>/published.json`; ids must be unique. */
export function loadPublished(study: string, file = path.join(projectRoot(), "data", study, "published.json")): Published {
  if (!fs.existsSync(file)) throw new Error(`ledger: ${file} not found`);
  const parsed = PublishedSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${file}: ${i.path.join(".")}: ${i.message}`);
  }
  const seen = new Set<string>();
  for (const e of parsed.data.entries) {
    if (seen.has(e.id)) throw new Error(`${file}: entry id "${e.id}" appears twice`);
    seen.add(e.id);
  }
  return parsed.data;
}

export type Status = "matched" | "differs" | "not_reproducible";

export interface Ours {
  value: number | null;
  /** Shown beside the number: how it was computed, or why it differs. */
  note?: string;
  /** Where this value came from, if not the comparison's default. */
  provenance?: Provenance;
}

export interface ComparedRow {
  entry: LedgerEntry;
  /** Where our number came from (the entry's own provenance, else the comparison's). */
  provenance: Provenance;
  ours: number | null;
  status: Status;
  diff: number | null;
  reason: string;
  note: string;
}

export interface LedgerSummary {
  study: string;
  provenance: Provenance;
  /** Every provenance among the rows (a notebook may mix real, printed and synthetic numbers). */
  provenances: Provenance[];
  matched: number;
  differs: number;
  not_reproducible: number;
  rows: { id: string; printed: string; ours: number | null; status: Status; reason: string }[];
}

export interface CompareOptions {
  provenance: Provenance;
  caption?: string;
  /** Only these entry ids (e.g. one table); default all. */
  ids?: readonly string[];
  /** Decimals shown for our numbers (default: the printed precision + 1). */
  extraDigits?: number;
}

export function toleranceOf(e: LedgerEntry): number {
  return e.tolerance ?? 0.5 * Math.pow(10, -e.precision);
}

/** Status of one entry given our number. */
export function judge(e: LedgerEntry, ours: Ours | undefined, provenance: Provenance): Omit<ComparedRow, "entry" | "provenance"> {
  const prov = ours?.provenance ?? provenance;
  const v = ours?.value ?? null;
  const note = ours?.note ?? "";
  if (e.not_reproducible) return { ours: v, status: "not_reproducible", diff: null, reason: e.not_reproducible, note };
  if (prov === "synthetic") {
    return { ours: v, status: "not_reproducible", diff: e.value !== null && v !== null ? v - e.value : null, reason: "the paper's data are not public; ours is computed on synthetic data", note };
  }
  if (!ours) throw new Error(`ledger: entry "${e.id}" (${e.table}, ${e.row}, ${e.column}) has no computed value; compute it or mark it not_reproducible with a reason`);
  if (e.value === null || v === null) {
    return { ours: v, status: "not_reproducible", diff: null, reason: "no number to compare", note };
  }
  const diff = v - e.value;
  // A tiny slack absorbs binary rounding of values that sit exactly on the half unit.
  const ok =
    e.comparator === ">" ? v > e.value
    : e.comparator === ">=" ? v >= e.value
    : e.comparator === "<" ? v < e.value
    : e.comparator === "<=" ? v <= e.value
    : Math.abs(diff) <= toleranceOf(e) + 1e-9 * Math.max(1, Math.abs(e.value));
  return { ours: v, status: ok ? "matched" : "differs", diff, reason: "", note };
}

export class LedgerComparison implements Displayable {
  constructor(
    readonly published: Published,
    readonly rows: ComparedRow[],
    readonly options: CompareOptions,
  ) {}

  counts(): Record<Status, number> {
    const c: Record<Status, number> = { matched: 0, differs: 0, not_reproducible: 0 };
    for (const r of this.rows) c[r.status]++;
    return c;
  }

  summary(): LedgerSummary {
    return {
      study: this.published.study,
      provenance: this.options.provenance,
      provenances: [...new Set(this.rows.map((r) => r.provenance))],
      ...this.counts(),
      rows: this.rows.map((r) => ({ id: r.entry.id, printed: r.entry.printed, ours: r.ours, status: r.status, reason: r.reason })),
    };
  }

  private oursText(r: ComparedRow): string {
    if (r.ours === null) return "";
    const v = r.ours;
    if (Number.isInteger(v) && r.entry.precision === 0) return String(v).replace(/^-/, "−");
    const d = r.entry.precision + (this.options.extraDigits ?? 1);
    // Small p-values would print as 0.000; show them in scientific notation instead.
    if (v !== 0 && Math.abs(v) < Math.pow(10, -d)) return v.toExponential(2).replace(/^-/, "−");
    return v.toFixed(d).replace(/^-/, "−");
  }

  html(): string {
    const label: Record<Status, string> = { matched: "✓ matched", differs: "✗ differs", not_reproducible: "not reproducible" };
    const cls: Record<Status, string> = { matched: "rl-matched", differs: "rl-differs", not_reproducible: "rl-nr" };
    const head = "<thead><tr><th>Table</th><th>Row</th><th>Column</th><th>Printed</th><th>Ours</th><th>Status</th><th>Why / note</th></tr></thead>";
    const body = this.rows
      .map((r) => {
        const why = [r.reason, r.note, r.entry.note].filter(Boolean).join(" · ");
        return `<tr><td>${escapeHtml(r.entry.table)}</td><td>${textWithEnglish(r.entry.row)}</td><td>${textWithEnglish(r.entry.column)}</td><td class="num">${textWithEnglish(r.entry.printed)}</td><td class="num">${escapeHtml(this.oursText(r))}</td><td class="${cls[r.status]}">${label[r.status]}</td><td style="font-size:12px">${escapeHtml(why)}</td></tr>`;
      })
      .join("");
    const c = this.counts();
    const foot = `<div class="rl-notes">Ledger ${escapeHtml(this.published.study)}: ${c.matched} matched, ${c.differs} differ, ${c.not_reproducible} not reproducible from public data. Tolerance: half a unit of the printed precision unless stated. Data: ${escapeHtml(this.options.provenance)}.</div>`;
    return `${TABLE_CSS}<table class="rl-table rl-ledger">${captionHtml(this.options.caption ?? "Printed numbers beside ours", this.options.provenance)}${head}<tbody>${body}</tbody></table>${foot}`;
  }

  text(): string {
    const c = this.counts();
    const lines = this.rows.map((r) => `${r.status.padEnd(16)} ${r.entry.table} | ${r.entry.row} | ${r.entry.column}: printed ${r.entry.printed}, ours ${this.oursText(r) || "-"}${r.reason ? " (" + r.reason + ")" : ""}`);
    return [...lines, `${c.matched} matched, ${c.differs} differ, ${c.not_reproducible} not reproducible`].join("\n");
  }

  mimeBundle(): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.text(), [LEDGER_MIME]: JSON.stringify(this.summary()) };
  }
}

/**
 * Compare our numbers (by ledger id) with the printed ones. Entries not marked not_reproducible must each
 * have a value in `ours`, so a forgotten number fails the notebook instead of vanishing from the ledger.
 */
export function compare(published: Published, ours: Record<string, Ours | number>, options: CompareOptions): LedgerComparison {
  const ids = options.ids ? new Set(options.ids) : null;
  for (const k of Object.keys(ours)) {
    if (!published.entries.some((e) => e.id === k)) throw new Error(`ledger: "${k}" is not an entry of ${published.study}'s published.json`);
  }
  const rows = published.entries
    .filter((e) => !ids || ids.has(e.id))
    .map((entry) => {
      const o = ours[entry.id];
      const norm: Ours | undefined = typeof o === "number" ? { value: o } : o;
      return { entry, provenance: norm?.provenance ?? options.provenance, ...judge(entry, norm, options.provenance) };
    });
  return new LedgerComparison(published, rows, options);
}
