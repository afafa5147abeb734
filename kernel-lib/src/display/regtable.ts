import { Displayable, ESTIMATES_MIME, EstimatesPayload, MimeBundle, finiteOrNull } from "./emit";
import { Provenance, TABLE_CSS, captionHtml, escapeHtml, formatNumber, textWithEnglish } from "./html";

/**
 * A publication-style regression table as the papers print them: one column per model, coefficient with
 * stars over its SE or t statistic in parentheses, fixed-effect indicator rows, N and R². Any estimation
 * result that offers tidy() and glance() can be a column.
 */
export interface TidyRow {
  term: string;
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
}

export interface Glance {
  nobs: number;
  r_squared?: number;
  adj_r_squared?: number;
  within_r_squared?: number;
  [k: string]: number | string | undefined;
}

export interface ModelLike {
  tidy(): TidyRow[];
  glance(): Glance;
}

export interface RegColumn {
  /** Column heading, e.g. "(1)" or "IRD". */
  label: string;
  model: ModelLike;
  /** Indicator rows such as { "City FE": "Yes", "Year FE": "Yes" }. */
  rows?: Record<string, string>;
}

export interface StarLevels {
  /** p-value cut-offs, smallest first, and their symbols. */
  levels: { p: number; symbol: string }[];
}

/** The common *** p<0.01, ** p<0.05, * p<0.1 convention. */
export const STARS_STATA: StarLevels = {
  levels: [
    { p: 0.01, symbol: "***" },
    { p: 0.05, symbol: "**" },
    { p: 0.1, symbol: "*" },
  ],
};

/** *** p<0.001, ** p<0.01, * p<0.05, as R's summary() prints. */
export const STARS_R: StarLevels = {
  levels: [
    { p: 0.001, symbol: "***" },
    { p: 0.01, symbol: "**" },
    { p: 0.05, symbol: "*" },
  ],
};

export interface RegTableOptions {
  caption?: string;
  provenance?: Provenance;
  /** What goes in parentheses: standard errors or t statistics (papers differ). */
  parens?: "se" | "t";
  digits?: number;
  stars?: StarLevels;
  /** Order and relabelling of terms; unlisted terms follow in first-seen order unless `dropUnlisted`. */
  terms?: Record<string, string>;
  dropUnlisted?: boolean;
  /** Statistics rows from glance(), in order, with labels. */
  stats?: { key: keyof Glance | string; label: string; digits?: number }[];
  notes?: string[];
}

export function starsFor(p: number, stars: StarLevels = STARS_STATA): string {
  if (!Number.isFinite(p)) return "";
  for (const l of stars.levels) if (p < l.p) return l.symbol;
  return "";
}

export class RegressionTable implements Displayable {
  constructor(
    readonly columns: RegColumn[],
    readonly options: RegTableOptions = {},
  ) {}

  /** The grid of strings: first column labels, then one column per model. */
  grid(): string[][] {
    const o = this.options;
    const digits = o.digits ?? 3;
    const stars = o.stars ?? STARS_STATA;
    const parens = o.parens ?? "se";
    const tidies = this.columns.map((c) => new Map(c.model.tidy().map((r) => [r.term, r])));
    const order: string[] = [];
    for (const k of Object.keys(o.terms ?? {})) order.push(k);
    if (!o.dropUnlisted) for (const t of tidies) for (const k of t.keys()) if (!order.includes(k)) order.push(k);
    const out: string[][] = [["", ...this.columns.map((c) => c.label)]];
    for (const term of order) {
      const label = o.terms?.[term] ?? term;
      out.push([
        label,
        ...tidies.map((t) => {
          const r = t.get(term);
          return r ? formatNumber(r.estimate, digits) + starsFor(r.p_value, stars) : "";
        }),
      ]);
      out.push([
        "",
        ...tidies.map((t) => {
          const r = t.get(term);
          if (!r) return "";
          const v = parens === "se" ? r.std_error : r.statistic;
          // A term printed without an SE (e.g. a constant the paper reports bare) leaves the parentheses out.
          if (!Number.isFinite(v)) return "";
          return `(${formatNumber(v, parens === "se" ? digits : 2)})`;
        }),
      ]);
    }
    const indicatorKeys: string[] = [];
    for (const c of this.columns) for (const k of Object.keys(c.rows ?? {})) if (!indicatorKeys.includes(k)) indicatorKeys.push(k);
    for (const k of indicatorKeys) out.push([k, ...this.columns.map((c) => c.rows?.[k] ?? "")]);
    const stats = o.stats ?? [
      { key: "nobs", label: "N", digits: 0 },
      { key: "r_squared", label: "R²", digits: 3 },
    ];
    for (const s of stats) {
      out.push([
        s.label,
        ...this.columns.map((c) => {
          const v = c.model.glance()[s.key as string];
          return typeof v === "number" ? formatNumber(v, s.digits ?? 3) : v ?? "";
        }),
      ]);
    }
    return out;
  }

  legend(): string {
    const o = this.options;
    const stars = (o.stars ?? STARS_STATA).levels.map((l) => `${l.symbol} p<${l.p}`).join(", ");
    return `${(o.parens ?? "se") === "se" ? "Standard errors" : "t statistics"} in parentheses; ${stars}.`;
  }

  html(): string {
    const g = this.grid();
    const head = `<thead><tr>${g[0].map((h) => `<th>${textWithEnglish(h)}</th>`).join("")}</tr></thead>`;
    const body = g
      .slice(1)
      .map((r) => `<tr>${r.map((c, j) => (j === 0 ? `<td>${textWithEnglish(c)}</td>` : `<td class="rl-c">${escapeHtml(c)}</td>`)).join("")}</tr>`)
      .join("");
    const notes = [this.legend(), ...(this.options.notes ?? [])];
    return `${TABLE_CSS}<table class="rl-table rl-regtable">${captionHtml(this.options.caption, this.options.provenance)}${head}<tbody>${body}</tbody></table><div class="rl-notes">${notes.map(escapeHtml).join("<br>")}</div>`;
  }

  text(): string {
    const g = this.grid();
    const w = g[0].map((_, j) => Math.max(...g.map((r) => r[j].length)));
    return g.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  ")).join("\n") + "\n" + this.legend();
  }

  /** Every estimate, SE and statistic at full precision, keyed "column | term | estimate" etc. */
  estimates(): EstimatesPayload {
    const values: Record<string, number | null> = {};
    for (const c of this.columns) {
      for (const r of c.model.tidy()) {
        values[`${c.label} | ${r.term} | estimate`] = finiteOrNull(r.estimate);
        values[`${c.label} | ${r.term} | std_error`] = finiteOrNull(r.std_error);
      }
      for (const [k, v] of Object.entries(c.model.glance())) if (typeof v === "number") values[`${c.label} | ${k}`] = finiteOrNull(v);
    }
    return { kind: "regression", caption: this.options.caption ?? "", provenance: this.options.provenance, values };
  }

  mimeBundle(): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.text(), [ESTIMATES_MIME]: JSON.stringify(this.estimates()) };
  }
}

export function regressionTable(columns: RegColumn[], options: RegTableOptions = {}): RegressionTable {
  return new RegressionTable(columns, options);
}
