/** Small HTML building blocks shared by every rendered table. */

export function escapeHtml(s: unknown): string {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Fixed-decimal number, "" for null/undefined, "–" for NaN, with a minus sign as papers print it. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return "";
  if (Number.isNaN(v)) return "–";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  return v.toFixed(digits).replace(/^-/, "−");
}

/** Where a table's or figure's numbers come from; synthetic results are always labelled as such. */
export type Provenance = "real" | "synthetic" | "printed";

/** The caption a reader sees: synthetic results say so, whatever the caller wrote. */
export function captionFor(caption: string | undefined, provenance?: Provenance): string {
  const c = caption ?? "";
  if (provenance === "synthetic" && !/synthetic data/i.test(c)) return c ? `${c} (synthetic data)` : "Synthetic data";
  return c;
}

export type Cell = string | number | null | undefined | { html: string };

export interface HtmlTableOptions {
  caption?: string;
  provenance?: Provenance;
  /** Notes printed under the table (sources, star legend, what differs). */
  notes?: string[];
  /** Decimals for numeric cells (default 3), or per column. */
  digits?: number | Record<string, number>;
  /** Column alignment; numbers default to right, text to left. */
  align?: Record<string, "left" | "right" | "center">;
  /** Extra CSS class on the <table>. */
  className?: string;
}

export const TABLE_CSS =
  "<style>.rl-table{border-collapse:collapse;font-family:system-ui,'Noto Sans CJK SC',sans-serif;font-size:13px;margin:6px 0}" +
  ".rl-table caption{caption-side:top;text-align:left;font-weight:600;padding:4px 0}" +
  ".rl-table th,.rl-table td{padding:3px 10px;border:none;text-align:left!important}" +
  ".rl-table thead th{border-top:2px solid #333;border-bottom:1px solid #333}" +
  ".rl-table tbody tr:last-child td{border-bottom:2px solid #333}" +
  ".rl-table td.num{text-align:right!important;font-variant-numeric:tabular-nums}.rl-table td.rl-c,.rl-regtable th{text-align:center!important;font-variant-numeric:tabular-nums}" +
  ".rl-notes{font-size:12px;color:#444;margin:2px 0 10px}" +
  ".rl-matched{color:#176b2c}.rl-consistent{color:#2b5f8a}.rl-differs{color:#a11}.rl-nr{color:#777}" +
  ".rl-synthetic{display:inline-block;background:#fff3cd;color:#7a5b00;border:1px solid #e0c36a;border-radius:3px;padding:0 5px;font-size:11px;margin-left:6px}</style>";

function renderCell(v: Cell, digits: number): { html: string; numeric: boolean } {
  if (v !== null && typeof v === "object") return { html: v.html, numeric: false };
  if (typeof v === "number") return { html: escapeHtml(formatNumber(v, digits)), numeric: true };
  return { html: escapeHtml(v ?? ""), numeric: false };
}

export function captionHtml(caption: string | undefined, provenance?: Provenance): string {
  const c = captionFor(caption, provenance);
  const badge = provenance === "synthetic" ? '<span class="rl-synthetic">synthetic data</span>' : "";
  return c || badge ? `<caption>${escapeHtml(c)}${badge}</caption>` : "";
}

/** A plain HTML table from row objects; column order from `columns` or the first row. */
export function htmlTable(rows: readonly Record<string, Cell>[], columns?: readonly string[], opts: HtmlTableOptions = {}): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const digitsFor = (c: string) => (typeof opts.digits === "number" ? opts.digits : opts.digits?.[c] ?? 3);
  const head = "<thead><tr>" + cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("") + "</tr></thead>";
  const body =
    "<tbody>" +
    rows
      .map((r) => {
        return (
          "<tr>" +
          cols
            .map((c) => {
              const { html, numeric } = renderCell(r[c], digitsFor(c));
              const al = opts.align?.[c];
              // Explicit alignment: notebook front ends right-align table cells by default.
              const cls = al ? ` style="text-align:${al}"` : numeric ? ' class="num"' : ' style="text-align:left"';
              return `<td${cls}>${html}</td>`;
            })
            .join("") +
          "</tr>"
        );
      })
      .join("") +
    "</tbody>";
  const notes = opts.notes?.length ? `<div class="rl-notes">${opts.notes.map(escapeHtml).join("<br>")}</div>` : "";
  return `${TABLE_CSS}<table class="rl-table${opts.className ? " " + opts.className : ""}">${captionHtml(opts.caption, opts.provenance)}${head}${body}</table>${notes}`;
}

/** Fixed-width text rendering of the same table, for consoles and text/plain outputs. */
export function textTable(rows: readonly Record<string, Cell>[], columns?: readonly string[], digits = 3): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const cells = rows.map((r) =>
    cols.map((c) => {
      const v = r[c];
      if (v !== null && typeof v === "object") return v.html.replace(/<[^>]+>/g, "");
      return typeof v === "number" ? formatNumber(v, digits) : String(v ?? "");
    }),
  );
  const width = cols.map((c, j) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[j]))));
  const pad = (s: string, w: number) => s + " ".repeat(Math.max(0, w - displayWidth(s)));
  const line = (xs: string[]) => xs.map((x, j) => pad(x, width[j])).join("  ").trimEnd();
  return [line([...cols]), width.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** Terminal width of a string: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
