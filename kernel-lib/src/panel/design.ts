/**
 * From data and a parsed formula to numeric arrays: resolves columns (failing loudly on unknown or text
 * columns), builds lags/leads within unit, products and factor dummies, drops incomplete rows listwise and
 * counts them.
 */
import { DataError } from "../data/errors";
import { Table } from "../data/table";
import { shiftWithin } from "../data/panel";
import { Factor } from "./demean";
import { Formula, FormulaError, Term, formulaColumns } from "./formula";

export type PanelData = Table | Record<string, ArrayLike<number> | readonly string[]>;

export function asTable(data: PanelData): Table {
  if (data instanceof Table) return data;
  const cols: Record<string, Float64Array | (number | string)[]> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v instanceof Float64Array) cols[k] = v;
    else cols[k] = Array.from(v as ArrayLike<number | string>);
  }
  return Table.fromColumns("<columns>", cols as Record<string, (number | string)[]>);
}

function need(t: Table, name: string, role: string): void {
  if (!t.has(name)) throw new DataError([{ file: t.file, column: name, expected: `a column named "${name}" (${role}); have: ${t.names.join(", ")}` }]);
}

/** A numeric column, or a one-line DataError naming it. */
export function numericColumn(t: Table, name: string, role: string): Float64Array {
  need(t, name, role);
  const c = t.col(name);
  if (!(c instanceof Float64Array)) {
    const bad = t.badNumericCell(name);
    if (bad) throw new DataError([{ ...bad, expected: `${bad.expected} (${role})` }]);
    const i = c.findIndex((v) => v !== "" && v !== "NA" && v !== "." && Number.isNaN(Number(v)));
    throw new DataError([{ ...t.cellIssue(Math.max(i, 0), name, i >= 0 ? c[i] : undefined, `numbers (${role}), but the column holds text; use i(${name}) for a factor`) }]);
  }
  return c;
}

function isMissingCell(v: number | string): boolean {
  return typeof v === "number" ? Number.isNaN(v) : v === "" || v === "NA" || v === ".";
}

/** Levels of a column as strings, sorted numerically when every level is a number. */
function sortedLevels(vals: readonly (number | string)[]): string[] {
  const set = [...new Set(vals.map((v) => String(v)))];
  const allNum = set.every((s) => s !== "" && !Number.isNaN(Number(s)));
  return allNum ? set.sort((a, b) => Number(a) - Number(b)) : set.sort();
}

export function factorOf(t: Table, cols: readonly string[], rows: readonly number[], role: string): Factor {
  const parts = cols.map((c) => {
    need(t, c, role);
    return t.col(c);
  });
  if (parts.length === 1 && parts[0] instanceof Float64Array) {
    // numeric codes: map distinct values, then sort numerically
    const col = parts[0];
    const distinct = new Map<number, number>();
    const raw = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = col[rows[i]];
      let c = distinct.get(v);
      if (c === undefined) distinct.set(v, (c = distinct.size));
      raw[i] = c;
    }
    const vals = [...distinct.keys()];
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    const rank = new Int32Array(vals.length);
    order.forEach((o, r) => (rank[o] = r));
    for (let i = 0; i < raw.length; i++) raw[i] = rank[raw[i]];
    return { name: cols[0], codes: raw, nLevels: vals.length, levels: order.map((o) => String(vals[o])) };
  }
  const vals = rows.map((r) => (parts.length === 1 ? parts[0][r] : parts.map((p) => String(p[r])).join("^")));
  const levels = sortedLevels(vals);
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = Int32Array.from(vals, (v) => index.get(String(v))!);
  return { name: cols.join("^"), codes, nLevels: levels.length, levels };
}

export interface Frame {
  table: Table;
  /** Original row index of each kept observation. */
  rows: number[];
  nDropped: number;
  y: Float64Array;
  yName: string;
  X: Float64Array[];
  xNames: string[];
  endog: Float64Array[];
  endogNames: string[];
  instr: Float64Array[];
  instrNames: string[];
  fe: Factor[];
  clusters: Factor[];
  id?: Factor;
  time?: Float64Array;
  intercept: boolean;
}

export interface FrameOptions {
  id?: string;
  time?: string;
  cluster?: string[];
  /** Extra fixed effects (from model = within), appended after those in the formula. */
  extraFe?: string[][];
}

export function buildFrame(data: PanelData, f: Formula, opts: FrameOptions = {}): Frame {
  const t = asTable(data);
  const n = t.nRows;
  // resolve all numeric atoms on the full table (lags need the full panel)
  let ids: string[] | undefined;
  let times: Float64Array | undefined;
  if (opts.id) {
    need(t, opts.id, "panel id");
    ids = t.str(opts.id);
  }
  if (opts.time) times = numericColumn(t, opts.time, "panel time");
  const cache = new Map<string, Float64Array>();
  const atomValues = (a: { kind: string; name: string; k?: number }): Float64Array => {
    const key = a.kind === "var" ? a.name : `${a.name}@${a.k}`;
    let v = cache.get(key);
    if (v) return v;
    const base = numericColumn(t, a.name, `formula term in "${f.text}"`);
    if (a.kind === "var") v = base;
    else {
      if (!ids || !times) throw new FormulaError(`lags and leads (l(), f()) need the id and time options: "${f.text}"`);
      v = shiftWithin(ids, times, base, a.k!);
    }
    cache.set(key, v);
    return v;
  };
  const termValues = (tm: Term): Float64Array | null => {
    if (tm.kind === "factor") return null;
    if (tm.atoms.length === 1) return atomValues(tm.atoms[0]);
    const out = new Float64Array(n).fill(1);
    for (const a of tm.atoms) {
      const v = atomValues(a);
      for (let i = 0; i < n; i++) out[i] *= v[i];
    }
    return out;
  };
  for (const c of formulaColumns(f)) need(t, c, `used in "${f.text}"`);
  const y = numericColumn(t, f.lhs, `dependent variable of "${f.text}"`);
  const all = [...f.terms, ...f.endog, ...f.instruments];
  const vals = all.map(termValues);
  const feCols = [...f.fe, ...(opts.extraFe ?? [])];
  const missingIn = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let miss = Number.isNaN(y[i]);
    for (const v of vals) if (v && Number.isNaN(v[i])) miss = true;
    for (const tm of all) if (tm.kind === "factor" && isMissingCell(t.col(tm.name)[i])) miss = true;
    for (const fc of feCols) for (const c of fc) if (isMissingCell(t.col(c)[i])) miss = true;
    if (ids && (ids[i] === "" || ids[i] === "NaN")) miss = true;
    if (times && Number.isNaN(times[i])) miss = true;
    missingIn[i] = miss ? 1 : 0;
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!missingIn[i]) rows.push(i);
  if (!rows.length) throw new DataError([{ file: t.file, expected: `some rows with every variable of "${f.text}" present (all ${n} rows have a missing value)` }]);
  for (const c of opts.cluster ?? []) {
    need(t, c, "cluster variable");
    const col = t.col(c);
    const bad = rows.find((r) => isMissingCell(col[r]));
    if (bad !== undefined) throw t.cellError(bad, c, String(col[bad]), "a cluster value in every row used by the model (the cluster column has missing values)");
  }
  const nr = rows.length;
  const pick = (v: Float64Array) => {
    const out = new Float64Array(nr);
    for (let i = 0; i < nr; i++) out[i] = v[rows[i]];
    return out;
  };
  const expand = (terms: Term[], offset: number) => {
    const X: Float64Array[] = [];
    const names: string[] = [];
    terms.forEach((tm, j) => {
      const v = vals[offset + j];
      if (v) {
        X.push(pick(v));
        names.push(tm.label);
      } else if (tm.kind === "factor") {
        const fac = factorOf(t, [tm.name], rows, "factor");
        let ref = 0;
        if (tm.ref !== undefined) {
          ref = fac.levels.indexOf(tm.ref);
          if (ref < 0) throw new DataError([{ file: t.file, column: tm.name, value: tm.ref, expected: `a reference level among ${fac.levels.slice(0, 10).join(", ")}` }]);
        }
        for (let l = 0; l < fac.nLevels; l++) {
          if (l === ref) continue;
          X.push(Float64Array.from(fac.codes, (c) => (c === l ? 1 : 0)));
          names.push(`${tm.name}::${fac.levels[l]}`);
        }
      }
    });
    return { X, names };
  };
  const main = expand(f.terms, 0);
  const en = expand(f.endog, f.terms.length);
  const iv = expand(f.instruments, f.terms.length + f.endog.length);
  return {
    table: t,
    rows,
    nDropped: n - rows.length,
    y: pick(y),
    yName: f.lhs,
    X: main.X,
    xNames: main.names,
    endog: en.X,
    endogNames: en.names,
    instr: iv.X,
    instrNames: iv.names,
    fe: feCols.map((c) => factorOf(t, c, rows, "fixed effect")),
    clusters: (opts.cluster ?? []).map((c) => factorOf(t, [c], rows, "cluster")),
    id: opts.id ? factorOf(t, [opts.id], rows, "panel id") : undefined,
    time: times ? pick(times) : undefined,
    intercept: f.intercept,
  };
}
