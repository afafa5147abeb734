import * as fs from "fs";
import { ESTIMATES_MIME, EstimatesPayload } from "../display/emit";
import { LEDGER_MIME, LedgerSummary } from "../ledger";

/**
 * The key outputs of an executed notebook: every ledger entry's number ("ours") and status, and the numbers
 * of every displayed table at full precision. The snapshot guard compares them with the committed
 * snapshot (test/snapshots/<id>.json); the what-if diff sets a variant beside its baseline.
 */
export interface KeyOutputs {
  id: string;
  ledger: Record<string, { ours: number | null; status: string }>;
  /** Caption (made unique by "#2", "#3") → "row | column" → value. */
  tables: Record<string, Record<string, number | null>>;
}

interface NotebookJson {
  cells: { cell_type: string; outputs?: { data?: Record<string, unknown> }[] }[];
}

function payload<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** Captions may carry run times ("100 draws, 3.3 s"); they must not make a table look new. */
export function stableCaption(caption: string): string {
  return caption.replace(/\b\d+(\.\d+)?\s?(ms|s|seconds?)\b/g, "… s");
}

export function keyOutputs(id: string, nb: NotebookJson): KeyOutputs {
  const out: KeyOutputs = { id, ledger: {}, tables: {} };
  for (const c of nb.cells) {
    for (const o of c.outputs ?? []) {
      const d = o.data ?? {};
      if (d[LEDGER_MIME]) {
        const s = payload<LedgerSummary>(d[LEDGER_MIME]);
        // The last display of an entry wins, as in the scoreboard.
        for (const r of s.rows) out.ledger[`${s.study}:${r.id}`] = { ours: r.ours, status: r.status };
      }
      if (d[ESTIMATES_MIME]) {
        const e = payload<EstimatesPayload>(d[ESTIMATES_MIME]);
        const caption = stableCaption(e.caption || "(untitled)");
        let key = caption;
        for (let k = 2; key in out.tables; k++) key = `${caption} #${k}`;
        out.tables[key] = e.values;
      }
    }
  }
  return out;
}

export function readKeyOutputs(id: string, ipynbPath: string): KeyOutputs {
  return keyOutputs(id, JSON.parse(fs.readFileSync(ipynbPath, "utf8")) as NotebookJson);
}

export interface Tolerance {
  /** Relative tolerance (default 1e-9: the same code on another machine, not another method). */
  rel: number;
  /** Absolute floor for numbers near zero (default 1e-12). */
  abs: number;
}

export const SNAPSHOT_TOLERANCE: Tolerance = { rel: 1e-9, abs: 1e-12 };

export interface Change {
  where: "ledger" | "table";
  /** Ledger id, or "caption ▸ row | column". */
  key: string;
  before: number | string | null;
  after: number | string | null;
  /** "value", "status", "added" or "removed". */
  kind: "value" | "status" | "added" | "removed";
}

export function sameNumber(a: number | null, b: number | null, tol: Tolerance = SNAPSHOT_TOLERANCE): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol.abs + tol.rel * Math.max(Math.abs(a), Math.abs(b));
}

export interface ComparedNumber {
  where: "ledger" | "table";
  /** Ledger id, or "caption ▸ row | column". */
  key: string;
  baseline: number | null;
  variant: number | null;
  baselineStatus?: string;
  variantStatus?: string;
  /** "value", "status", "added", "removed" or "same". */
  change: "value" | "status" | "added" | "removed" | "same";
}

/** Every ledger entry and table number of the variant beside the baseline; changed ones first (ledger before tables). */
export function compareOutputs(baseline: KeyOutputs, variant: KeyOutputs, tol: Tolerance = SNAPSHOT_TOLERANCE): ComparedNumber[] {
  const rows: ComparedNumber[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys(baseline.ledger, variant.ledger)) {
    const x = baseline.ledger[k];
    const y = variant.ledger[k];
    const change = !x ? "added" : !y ? "removed" : !sameNumber(x.ours, y.ours, tol) ? "value" : x.status !== y.status ? "status" : "same";
    rows.push({ where: "ledger", key: k, baseline: x?.ours ?? null, variant: y?.ours ?? null, baselineStatus: x?.status, variantStatus: y?.status, change });
  }
  for (const t of keys(baseline.tables, variant.tables)) {
    const x = baseline.tables[t] ?? {};
    const y = variant.tables[t] ?? {};
    for (const k of keys(x, y)) {
      const change = !(k in x) ? "added" : !(k in y) ? "removed" : !sameNumber(x[k], y[k], tol) ? "value" : "same";
      rows.push({ where: "table", key: `${t} ▸ ${k}`, baseline: x[k] ?? null, variant: y[k] ?? null, change });
    }
  }
  const rank = (r: ComparedNumber) => (r.change === "same" ? 2 : 0) + (r.where === "table" ? 1 : 0);
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
}

/** Every difference between two sets of key outputs, ledger first (the snapshot guard's view of compareOutputs). */
export function diffKeyOutputs(before: KeyOutputs, after: KeyOutputs, tol: Tolerance = SNAPSHOT_TOLERANCE): Change[] {
  return compareOutputs(before, after, tol)
    .filter((r) => r.change !== "same")
    .map((r) => ({
      where: r.where,
      key: r.key,
      before: r.change === "status" ? r.baselineStatus ?? null : r.baseline,
      after: r.change === "status" ? r.variantStatus ?? null : r.variant,
      kind: r.change as Change["kind"],
    }));
}
