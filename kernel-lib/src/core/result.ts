/**
 * One result contract for every estimator family (`ModelResult`): `tidy()` (one row per term, broom's columns),
 * `glance()` (one row of fit statistics, always with `nobs` and the inference convention), `summary()` (plain
 * text: a header naming the model, the variance and its small-sample convention, then the coefficient table) and
 * a MIME bundle (HTML + text) that a notebook shows when the result is the last value of a cell.
 *
 * tslab prints a cell's last value with console.log, i.e. util.inspect; the inspect hook below sends the HTML to
 * the kernel's display channel instead (and leaves an empty text line), and prints `summary()` outside a kernel.
 */
import { inspect } from "util";
import { MimeBundle, inNotebook, show } from "../display/emit";
import { normalQuantile, normalTwoSided, tQuantile, tTwoSided } from "./distributions";

/** broom's tidy columns; a statistic the method does not have is null (never NaN). Families may add columns. */
export interface TidyRow {
  term: string;
  estimate: number | null;
  std_error: number | null;
  statistic: number | null;
  p_value: number | null;
  conf_low: number | null;
  conf_high: number | null;
}

type Cells = Record<string, unknown>;

/** One row of fit statistics: `nobs` and `inference` (the variance / test convention in words) always present. */
export interface GlanceRow {
  nobs: number | null;
  inference: string;
  [stat: string]: string | number | boolean | null | undefined;
}

export interface ModelResult {
  tidy(): TidyRow[];
  glance(): GlanceRow;
  summary(): string;
  mimeBundle(): MimeBundle;
}

export const TIDY_COLUMNS = ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"] as const;

/** A finite number or null. */
export function numOrNull(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * A coefficient row from an estimate and its standard error: t(df) for finite df, z for df = Infinity; the
 * interval at `level`.
 */
export function coefRow(term: string, estimate: number, se: number, df = Infinity, level = 0.95): TidyRow {
  const stat = estimate / se;
  const q = Number.isFinite(df) ? tQuantile(1 - (1 - level) / 2, df) : normalQuantile(1 - (1 - level) / 2);
  const p = Number.isFinite(df) ? tTwoSided(stat, df) : normalTwoSided(stat);
  return {
    term,
    estimate: numOrNull(estimate),
    std_error: numOrNull(se),
    statistic: numOrNull(stat),
    p_value: numOrNull(p),
    conf_low: numOrNull(estimate - q * se),
    conf_high: numOrNull(estimate + q * se),
  };
}

/** A row with an estimate and no sampling statistics (an efficiency score, an importance, a consistency). */
export function pointRow<E extends Record<string, string | number | boolean | null | undefined>>(term: string, estimate: number | null, extra?: E): TidyRow & E {
  return { term, estimate: numOrNull(estimate), std_error: null, statistic: null, p_value: null, conf_low: null, conf_high: null, ...(extra as E) };
}

function fmtNum(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-4) ? v.toExponential(3) : v.toFixed(a >= 100 ? 2 : 4);
}

function stars(p: number | null): string {
  if (p === null) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

/** The columns a tidy table shows: broom's, minus those null in every row, plus the family's extras. */
function tidyColumns(rows: readonly TidyRow[]): string[] {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return keys.filter((k) => rows.some((r) => (r as unknown as Cells)[k] !== null && (r as unknown as Cells)[k] !== undefined));
}

/** Plain-text table with right-aligned columns (the first left-aligned). */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const w = header.map((h, j) => Math.max(h.length, ...body.map((r) => (r[j] ?? "").length)));
  const line = (r: readonly string[]) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  ").trimEnd();
  return [line(header), ...body.map(line)].join("\n");
}

/**
 * The text every result prints: a title, its header lines (model, N, variance and convention), the tidy table
 * (with significance codes when there are p-values) and note lines.
 */
export function summaryText(title: string, header: readonly string[], rows: readonly TidyRow[], notes: readonly string[] = []): string {
  const cols = tidyColumns(rows);
  const hasP = cols.includes("p_value");
  const body = rows.map((r) => [...cols.map((c) => fmtNum((r as unknown as Cells)[c])), ...(hasP ? [stars(r.p_value)] : [])]);
  const table = textTable([...cols, ...(hasP ? [""] : [])], body);
  return [title, ...header, "", table, ...(hasP ? ["---", "Signif. codes: 0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1"] : []), ...notes.map((n) => `note: ${n}`)].join("\n");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** HTML: the title, header lines, the tidy table and the glance row as a definition list. */
export function summaryHtml(title: string, header: readonly string[], rows: readonly TidyRow[], glance: GlanceRow, notes: readonly string[] = []): string {
  const cols = tidyColumns(rows);
  const th = cols.map((c) => `<th>${esc(c)}</th>`).join("");
  const tr = rows.map((r) => `<tr>${cols.map((c, j) => { const v = (r as unknown as Cells)[c]; return j === 0 ? `<th>${esc(String(v ?? ""))}</th>` : `<td>${esc(fmtNum(v))}</td>`; }).join("")}</tr>`).join("");
  const stats = Object.entries(glance)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<span style="margin-right:1.2em"><b>${esc(k)}</b> ${esc(fmtNum(v))}</span>`)
    .join(" ");
  return [
    `<div class="regionlab-result"><div><b>${esc(title)}</b></div>`,
    ...header.map((h) => `<div>${esc(h)}</div>`),
    `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`,
    `<div style="font-size:90%">${stats}</div>`,
    ...notes.map((n) => `<div style="font-size:90%">note: ${esc(n)}</div>`),
    `</div>`,
  ].join("\n");
}

export interface ResultParts {
  title: string;
  /** Header lines: model, sample, variance and convention. */
  header: () => string[];
  tidy: () => TidyRow[];
  glance: () => GlanceRow;
  notes?: () => string[];
}

/** The four contract methods from a result's parts (used by classes and by `withResult`). */
export function resultMethods(p: ResultParts): ModelResult & { [inspect.custom]: (depth?: number, options?: { depth?: number | null }) => string } {
  const summary = () => summaryText(p.title, p.header(), p.tidy(), p.notes?.() ?? []);
  const mimeBundle = (): MimeBundle => ({ "text/html": summaryHtml(p.title, p.header(), p.tidy(), p.glance(), p.notes?.() ?? []), "text/plain": summary() });
  return {
    tidy: p.tidy,
    glance: p.glance,
    summary,
    mimeBundle,
    // top level (a cell's last value, console.log(result)): the HTML in a notebook, else the summary text;
    // nested inside another printed value: its title only
    [inspect.custom]: (depth?: number, options?: { depth?: number | null }) => {
      const nested = depth !== undefined && options?.depth !== undefined && options.depth !== null && depth < options.depth;
      if (nested) return `[${p.title}]`;
      if (!inNotebook()) return summary();
      show({ mimeBundle });
      return "";
    },
  };
}

/**
 * Gives a plain result object (or array) the contract's methods as non-enumerable properties, so its fields,
 * JSON and equality stay as they were.
 */
export function withResult<T extends object>(obj: T, parts: (self: T) => ResultParts): T & ModelResult {
  const m = resultMethods(parts(obj));
  for (const key of [...Object.keys(m), inspect.custom] as (keyof typeof m)[])
    Object.defineProperty(obj, key, { value: m[key], enumerable: false, configurable: true, writable: true });
  return obj as T & ModelResult;
}
