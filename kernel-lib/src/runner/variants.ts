import { createHash } from "crypto";
import { escapeHtml } from "../display/html";
import { ComparedNumber, KeyOutputs, SNAPSHOT_TOLERANCE, Tolerance, compareOutputs, sameNumber } from "./snapshot";

export { compareOutputs };
export type { ComparedNumber };

/**
 * What-if runs beside the baseline: the folder name of a variant, the diff report (every ledger entry and
 * every table number, baseline beside variant, changed first) and the grid summary (how the numbers that move
 * move across the grid points).
 */

/** A readable folder name ("kNeighbours=1,link=probit") when short and safe, else "h-" and 10 hex digits of the settings. */
export function variantName(values: Record<string, unknown>): string {
  const keys = Object.keys(values).sort();
  const slug = keys.map((k) => `${k}=${typeof values[k] === "string" ? values[k] : JSON.stringify(values[k])}`).join(",");
  if (slug.length <= 60 && /^[\w.,=+-]+$/.test(slug)) return slug;
  const canon = JSON.stringify(keys.map((k) => [k, values[k]]));
  return "h-" + createHash("sha256").update(canon).digest("hex").slice(0, 10);
}

/** Folder-safe --name. */
export function checkVariantName(name: string): string | null {
  return /^[\w.=+-]{1,80}$/.test(name) ? null : `--name "${name}" may use letters, digits and . _ = + - only (at most 80)`;
}

export interface ParameterChange {
  name: string;
  baseline: unknown;
  variant: unknown;
}

export interface DiffReport {
  notebook: string;
  variant: string;
  generated: string;
  parameters: ParameterChange[];
  status: "ok" | "error";
  /** Path of the baseline notebook compared against, or null when there is none (see `note`). */
  baseline: string | null;
  note: string;
  counts: { ledger: number; ledgerChanged: number; tableNumbers: number; tableChanged: number };
  numbers: ComparedNumber[];
}

export function diffCounts(rows: ComparedNumber[]): DiffReport["counts"] {
  const l = rows.filter((r) => r.where === "ledger");
  const t = rows.filter((r) => r.where === "table");
  return { ledger: l.length, ledgerChanged: l.filter((r) => r.change !== "same").length, tableNumbers: t.length, tableChanged: t.filter((r) => r.change !== "same").length };
}

const fmt = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(8).replace(/\.?0+$/, "")) : typeof v === "string" ? v : JSON.stringify(v));

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.changed td{background:#fff3c4}tr.changed td.n.after{font-weight:600}caption{text-align:left;font-weight:600;padding:.3em 0}.note{color:#555}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>\n${body}\n</body></html>\n`;
}

export function diffHtml(d: DiffReport): string {
  const params = d.parameters
    .map((p) => `<tr class="changed"><td>${escapeHtml(p.name)}</td><td>${escapeHtml(fmt(p.baseline))}</td><td>${escapeHtml(fmt(p.variant))}</td></tr>`)
    .join("");
  const row = (r: ComparedNumber) => {
    const st = r.where === "ledger" ? `<td>${escapeHtml(r.baselineStatus ?? "—")}</td><td>${escapeHtml(r.variantStatus ?? "—")}</td>` : "";
    return `<tr${r.change === "same" ? "" : ' class="changed"'}><td>${escapeHtml(r.key)}</td><td class="n">${escapeHtml(fmt(r.baseline))}</td><td class="n after">${escapeHtml(fmt(r.variant))}</td>${st}<td>${r.change}</td></tr>`;
  };
  const ledger = d.numbers.filter((r) => r.where === "ledger");
  const tables = d.numbers.filter((r) => r.where === "table");
  const c = d.counts;
  return page(
    `${d.notebook} — what-if ${d.variant}`,
    `<h1>${escapeHtml(d.notebook)}: what-if <code>${escapeHtml(d.variant)}</code></h1>
<p class="note">Generated ${escapeHtml(d.generated)}. Variant run: ${d.status}. ${escapeHtml(d.note)}</p>
<table><caption>Changed parameters</caption><tr><th>parameter</th><th>baseline</th><th>variant</th></tr>${params}</table>
<p>${c.ledgerChanged} of ${c.ledger} ledger entries and ${c.tableChanged} of ${c.tableNumbers} table numbers changed (highlighted, listed first).</p>
<table><caption>Ledger: our number for each printed number</caption><tr><th>entry</th><th>baseline</th><th>variant</th><th>baseline status</th><th>variant status</th><th>change</th></tr>${ledger.map(row).join("")}</table>
<table><caption>Table numbers</caption><tr><th>table ▸ row | column</th><th>baseline</th><th>variant</th><th>change</th></tr>${tables.map(row).join("")}</table>`,
  );
}

export interface GridPoint {
  variant: string;
  values: Record<string, unknown>;
  status: "ok" | "error";
  error?: string;
  outputs: KeyOutputs | null;
}

export interface GridSummary {
  notebook: string;
  generated: string;
  grid: Record<string, unknown[]>;
  /** Settings given with --set, the same in every run. */
  fixed: Record<string, unknown>;
  baseline: string | null;
  note: string;
  points: { variant: string; values: Record<string, unknown>; status: "ok" | "error"; error?: string }[];
  /** Each number that differs between any two runs (baseline included): its value per run, baseline first. */
  moving: { where: "ledger" | "table"; key: string; baseline: number | null; values: (number | null)[] }[];
  unchanged: number;
}

/** How the numbers move across a grid: only those that differ somewhere, ledger entries first. */
export function gridSummary(notebook: string, grid: Record<string, unknown[]>, baseline: KeyOutputs | null, baselinePath: string | null, points: GridPoint[], note: string, tol: Tolerance = SNAPSHOT_TOLERANCE): GridSummary {
  const runs = [baseline, ...points.map((p) => p.outputs)];
  const flat = (k: KeyOutputs | null): Map<string, number | null> => {
    const m = new Map<string, number | null>();
    if (!k) return m;
    for (const [id, v] of Object.entries(k.ledger)) m.set(`ledger\u0001${id}`, v.ours);
    for (const [t, cells] of Object.entries(k.tables)) for (const [c, v] of Object.entries(cells)) m.set(`table\u0001${t} ▸ ${c}`, v);
    return m;
  };
  const maps = runs.map(flat);
  const keys = [...new Set(maps.flatMap((m) => [...m.keys()]))];
  const present = runs.map((r) => r !== null);
  const moving: GridSummary["moving"] = [];
  let unchanged = 0;
  for (const k of keys) {
    const vals = maps.map((m, i) => (present[i] ? (m.has(k) ? m.get(k)! : null) : undefined));
    const seen = vals.filter((v): v is number | null => v !== undefined);
    const moves = seen.some((v) => !sameNumber(v, seen[0], tol));
    if (!moves) {
      unchanged++;
      continue;
    }
    const [where, key] = k.split("\u0001") as ["ledger" | "table", string];
    moving.push({ where, key, baseline: vals[0] ?? null, values: vals.slice(1).map((v) => v ?? null) });
  }
  moving.sort((a, b) => (a.where === b.where ? 0 : a.where === "ledger" ? -1 : 1));
  return {
    notebook,
    generated: new Date().toISOString(),
    grid,
    fixed: Object.fromEntries(Object.entries(points[0]?.values ?? {}).filter(([k]) => !(k in grid))),
    baseline: baselinePath,
    note,
    points: points.map((p) => ({ variant: p.variant, values: p.values, status: p.status, ...(p.error ? { error: p.error } : {}) })),
    moving,
    unchanged,
  };
}

/** Rows shown in the HTML summary; the JSON has all. */
export const GRID_HTML_ROWS = 400;

export function gridHtml(g: GridSummary): string {
  const keys = Object.keys(g.grid);
  const head = g.points.map((p) => `<th>${keys.map((k) => `${escapeHtml(k)}=${escapeHtml(fmt(p.values[k]))}`).join("<br>")}${p.status === "ok" ? "" : `<br>(error: ${escapeHtml(p.error ?? "")})`}</th>`).join("");
  const shown = g.moving.slice(0, GRID_HTML_ROWS);
  const rows = shown
    .map((m) => `<tr><td>${m.where}</td><td>${escapeHtml(m.key)}</td><td class="n">${escapeHtml(fmt(m.baseline))}</td>${m.values.map((v) => `<td class="n${sameNumber(v, m.baseline) ? "" : " after"}">${escapeHtml(fmt(v))}</td>`).join("")}</tr>`)
    .join("");
  const more = g.moving.length > shown.length ? `<p class="note">${g.moving.length - shown.length} more moving numbers are in the JSON summary.</p>` : "";
  return page(
    `${g.notebook} — sensitivity grid`,
    `<h1>${escapeHtml(g.notebook)}: sensitivity grid</h1>
<p class="note">Generated ${escapeHtml(g.generated)}. ${escapeHtml(g.note)}</p>
<p>Grid: ${keys.map((k) => `<code>${escapeHtml(k)}</code> ∈ {${g.grid[k].map((v) => escapeHtml(fmt(v))).join(", ")}}`).join("; ")}${Object.keys(g.fixed).length ? `; in every run ${Object.entries(g.fixed).map(([k, v]) => `<code>${escapeHtml(k)}=${escapeHtml(fmt(v))}</code>`).join(", ")}` : ""}. ${g.moving.length} numbers move across the runs; ${g.unchanged} do not.</p>
<table><caption>Numbers that move (ledger entries first)</caption><tr><th></th><th>number</th><th>baseline</th>${head}</tr>${rows}</table>${more}`,
  );
}
