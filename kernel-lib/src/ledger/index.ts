import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { Displayable, ESTIMATES_MIME, EstimatesPayload, MimeBundle } from "../display/emit";
import { Provenance, TABLE_CSS, captionHtml, escapeHtml, textWithEnglish } from "../display/html";
import { projectRoot } from "../data/manifest";

/**
 * The ledger: every number a paper prints, typed, with where it stands (table, row, column), how it was
 * printed (precision; whether parentheses hold an SE or a t statistic) and a note. `compare` puts our
 * number beside each one with a status (see `Status`): reproduced or differs when ours comes from independent
 * data, consistent or inconsistent when it comes from other printed numbers, not reproducible otherwise.
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

/** The numeric value of a printed entry, for checks that must read the paper's numbers rather than retype them. */
export function printedValue(published: Published, id: string): number {
  const e = published.entries.find((x) => x.id === id);
  if (!e) throw new Error(`ledger: ${published.study} has no entry "${id}"`);
  if (e.value === null) throw new Error(`ledger: ${published.study} entry "${id}" (${e.printed}) has no numeric value`);
  return e.value;
}

/**
 * Where a printed number stands after the comparison:
 * - reproduced / differs: ours is recomputed from data independent of the printed number (real public data or
 *   the paper's own inputs) and agrees / does not agree within the tolerance;
 * - consistent / inconsistent: ours is computed from other printed numbers (an identity, a mean of printed rows,
 *   the text against a table), so agreement only says the paper agrees with itself;
 * - not_reproducible: the data are not public (with the reason), or ours comes from synthetic data;
 * - input: the notebook reads this printed number as its data; comparing it with itself proves nothing, so it
 *   counts nowhere.
 */
export type Status = "reproduced" | "consistent" | "inconsistent" | "differs" | "not_reproducible" | "input";

/** The statuses the scoreboard counts, in display order ("input" counts nowhere). */
export const COUNTED_STATUSES = ["reproduced", "consistent", "inconsistent", "differs", "not_reproducible"] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];
export type LedgerCounts = Record<CountedStatus, number> & { input: number };

export const STATUS_LABEL: Record<Status, string> = {
  reproduced: "✓ reproduced",
  consistent: "✓ consistent",
  inconsistent: "✗ inconsistent",
  differs: "✗ differs",
  not_reproducible: "not reproducible",
  input: "input (counts nowhere)",
};

export interface Ours {
  value: number | null;
  /** Shown beside the number: how it was computed, or why it differs. */
  note?: string;
  /**
   * Where this value came from, if not the comparison's default: "printed" for a check computed from other
   * printed numbers. A comparison on synthetic data cannot promote an entry to "real": compare real results in
   * their own `compare` call.
   */
  provenance?: Provenance;
  /** True when the value is the printed number itself, read as data (a transcribed table): counts nowhere. */
  input?: boolean;
  /**
   * Why our data are not the paper's variable (a definition, the years or the sample differ): the entry is then
   * "differs" with this reason even when the numbers agree, never "reproduced". Ignored for printed checks.
   */
  differs?: string;
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

export interface LedgerSummary extends LedgerCounts {
  study: string;
  provenance: Provenance;
  /** Every provenance among the rows (a notebook may mix real, printed and synthetic numbers). */
  provenances: Provenance[];
  rows: { id: string; printed: string; ours: number | null; status: Status; reason: string }[];
}

export interface CompareOptions {
  provenance: Provenance;
  caption?: string;
  /** Only these entry ids (e.g. one table); default all. */
  ids?: readonly string[];
  /** Decimals shown for our numbers (default: the printed precision + 1). */
  extraDigits?: number;
  /**
   * false for checks that are not a paper's printed numbers (the data atlas checking the data notes): shown as a
   * ledger, pinned by the snapshot guard, but left out of the scoreboard.
   */
  counted?: boolean;
}

export function toleranceOf(e: LedgerEntry): number {
  return e.tolerance ?? 0.5 * Math.pow(10, -e.precision);
}

/** Status of one entry given our number. */
export function judge(e: LedgerEntry, ours: Ours | undefined, provenance: Provenance): Omit<ComparedRow, "entry" | "provenance"> {
  if (provenance === "synthetic" && ours?.provenance === "real") {
    throw new Error(`ledger: entry "${e.id}" is marked real inside a comparison on synthetic data; a synthetic-data result is never reproduced — compare the real results in a separate compare(..., { provenance: "real" }) call`);
  }
  const prov = ours?.provenance ?? provenance;
  const v = ours?.value ?? null;
  const note = ours?.note ?? "";
  // "not_reproducible" says the paper's data are not public; a user who supplies the real data gets a comparison.
  const userData = prov === "real" && ours !== undefined && v !== null && !ours.input;
  if (e.not_reproducible && !userData) return { ours: v, status: "not_reproducible", diff: null, reason: e.not_reproducible, note };
  if (prov === "synthetic") {
    return { ours: v, status: "not_reproducible", diff: e.value !== null && v !== null ? v - e.value : null, reason: "the paper's data are not public; ours is computed on synthetic data", note };
  }
  if (!ours) throw new Error(`ledger: entry "${e.id}" (${e.table}, ${e.row}, ${e.column}) has no computed value; compute it or mark it not_reproducible with a reason`);
  if (ours.input) return { ours: v, status: "input", diff: null, reason: "the notebook reads this printed number as data; it cannot be checked against itself", note };
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
  const fromPrinted = prov === "printed";
  if (!fromPrinted && ours.differs) return { ours: v, status: "differs", diff, reason: ours.differs, note };
  const status: Status = ok ? (fromPrinted ? "consistent" : "reproduced") : fromPrinted ? "inconsistent" : "differs";
  return { ours: v, status, diff, reason: "", note };
}

export function emptyCounts(): LedgerCounts {
  return { reproduced: 0, consistent: 0, inconsistent: 0, differs: 0, not_reproducible: 0, input: 0 };
}

const STATUS_CLASS: Record<Status, string> = {
  reproduced: "rl-matched",
  consistent: "rl-consistent",
  inconsistent: "rl-differs",
  differs: "rl-differs",
  not_reproducible: "rl-nr",
  input: "rl-nr",
};

/** Rows that need a reader's attention first. */
const ATTENTION: Record<Status, number> = { differs: 0, inconsistent: 1, reproduced: 2, consistent: 3, not_reproducible: 4, input: 5 };

export function countsText(c: LedgerCounts): string {
  const parts = [
    `${c.reproduced} reproduced`,
    `${c.consistent} consistent`,
    `${c.inconsistent} inconsistent`,
    `${c.differs} differ`,
    `${c.not_reproducible} not reproducible`,
  ];
  if (c.input) parts.push(`${c.input} read as data (count nowhere)`);
  return parts.join(", ");
}

/** Long ledgers show the summary and the rows that need attention, and fold the full list. */
const FOLD_ABOVE = 25;

export class LedgerComparison implements Displayable {
  constructor(
    readonly published: Published,
    readonly rows: ComparedRow[],
    readonly options: CompareOptions,
  ) {}

  counts(): LedgerCounts {
    const c = emptyCounts();
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

  private rowsHtml(rows: ComparedRow[]): string {
    const head = "<thead><tr><th>Table</th><th>Row</th><th>Column</th><th>Printed</th><th>Ours</th><th>Status</th><th>Why / note</th></tr></thead>";
    const body = rows
      .map((r) => {
        const why = [r.reason, r.note, r.entry.note].filter(Boolean).join(" · ");
        return `<tr><td>${escapeHtml(r.entry.table)}</td><td>${textWithEnglish(r.entry.row)}</td><td>${textWithEnglish(r.entry.column)}</td><td class="num">${textWithEnglish(r.entry.printed)}</td><td class="num">${escapeHtml(this.oursText(r))}</td><td class="${STATUS_CLASS[r.status]}">${STATUS_LABEL[r.status]}</td><td style="font-size:12px">${escapeHtml(why)}</td></tr>`;
      })
      .join("");
    return `${head}<tbody>${body}</tbody>`;
  }

  /** Rows where ours agrees with the printed number (reproduced or consistent). */
  agreeing(): ComparedRow[] {
    return this.rows.filter((r) => r.status === "reproduced" || r.status === "consistent");
  }

  /** Rows where it does not (differs or inconsistent). */
  disagreeing(): ComparedRow[] {
    return this.rows.filter((r) => r.status === "differs" || r.status === "inconsistent");
  }

  /** Counts by table and status, in the order tables first appear. */
  byTable(): { table: string; counts: LedgerCounts }[] {
    const m = new Map<string, LedgerCounts>();
    for (const r of this.rows) {
      if (!m.has(r.entry.table)) m.set(r.entry.table, emptyCounts());
      m.get(r.entry.table)![r.status]++;
    }
    return [...m.entries()].map(([table, counts]) => ({ table, counts }));
  }

  html(): string {
    const c = this.counts();
    const caption = captionHtml(this.options.caption ?? "Printed numbers beside ours", this.options.provenance);
    const foot = `<div class="rl-notes">Ledger ${escapeHtml(this.published.study)}: ${escapeHtml(countsText(c))}. Reproduced: recomputed from data independent of the printed number; consistent: the printed numbers agree with each other; synthetic results are never reproduced. Tolerance: half a unit of the printed precision unless stated. Data: ${escapeHtml(this.options.provenance)}.</div>`;
    if (this.rows.length <= FOLD_ABOVE) {
      return `${TABLE_CSS}<table class="rl-table rl-ledger">${caption}${this.rowsHtml(this.rows)}</table>${foot}`;
    }
    const cols = COUNTED_STATUSES.filter((s) => c[s] > 0);
    const sumHead = `<thead><tr><th>Table</th>${cols.map((s) => `<th>${escapeHtml(STATUS_LABEL[s])}</th>`).join("")}${c.input ? "<th>read as data</th>" : ""}</tr></thead>`;
    const sumBody = this.byTable()
      .map(({ table, counts }) => `<tr><td>${escapeHtml(table)}</td>${cols.map((s) => `<td class="num">${counts[s] || ""}</td>`).join("")}${c.input ? `<td class="num">${counts.input || ""}</td>` : ""}</tr>`)
      .join("");
    const attention = this.rows.filter((r) => r.status === "differs" || r.status === "inconsistent");
    const sorted = [...this.rows].sort((a, b) => ATTENTION[a.status] - ATTENTION[b.status]);
    const attentionHtml = attention.length
      ? `<table class="rl-table rl-ledger"><caption style="text-align:left">What differs (${attention.length})</caption>${this.rowsHtml(attention)}</table>`
      : "";
    return (
      `${TABLE_CSS}<table class="rl-table rl-ledger-summary">${caption}${sumHead}<tbody>${sumBody}</tbody></table>${foot}${attentionHtml}` +
      `<details class="rl-ledger-all"><summary>All ${this.rows.length} printed numbers, differences first</summary><table class="rl-table rl-ledger">${this.rowsHtml(sorted)}</table></details>`
    );
  }

  text(): string {
    const lines = this.rows.map((r) => `${r.status.padEnd(16)} ${r.entry.table} | ${r.entry.row} | ${r.entry.column}: printed ${r.entry.printed}, ours ${this.oursText(r) || "-"}${r.reason ? " (" + r.reason + ")" : ""}`);
    return [...lines, countsText(this.counts())].join("\n");
  }

  mimeBundle(): MimeBundle {
    if (this.options.counted === false) {
      const values = Object.fromEntries(this.rows.map((r) => [`${r.entry.id} | ours`, r.ours]));
      const estimates: EstimatesPayload = { kind: "table", caption: this.options.caption ?? this.published.study, provenance: this.options.provenance, values };
      const note = `<div class="rl-notes">These checks are not a paper's printed numbers; the scoreboard does not count them.</div>`;
      return { "text/html": this.html() + note, "text/plain": this.text(), [ESTIMATES_MIME]: JSON.stringify(estimates) };
    }
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
