/**
 * From data and a parsed formula to numeric arrays: resolves columns (failing loudly on unknown or text
 * columns), builds lags/leads within unit, products and factor dummies, drops incomplete rows listwise and
 * counts them.
 */
import { DataError } from "../data/errors";
import { Table } from "../data/table";
import { isDataFrame, tableFromFrame } from "../data/frame";
import { shiftWithin } from "../data/panel";
import { Factor } from "./demean";
import { Expr, FORMULA_FUNCTIONS, Formula, FormulaError, Term, deparse, exprColumns, formulaColumns } from "./formula";

/** What the estimators accept: a Table, a danfojs DataFrame (converted once, here) or named columns. */
export type PanelData = Table | import("danfojs-node").DataFrame | Record<string, ArrayLike<number> | readonly string[]>;

export function asTable(data: PanelData): Table {
  if (data instanceof Table) return data;
  if (isDataFrame(data)) return tableFromFrame(data);
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

export function isMissingCell(v: number | string): boolean {
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

/**
 * Values of one formula expression over every row of the table. Missing inputs stay missing (NaN, dropped
 * listwise and counted later); a finite input that a function or operator turns non-finite (log(0), x/0) is an
 * error naming the row, because it would otherwise vanish from the sample unnoticed.
 */
function computeExpr(
  t: Table,
  e: Expr,
  label: string,
  formula: string,
  sub: (e: Expr) => Float64Array,
  ids: string[] | undefined,
  times: Float64Array | undefined,
): Float64Array {
  const n = t.nRows;
  const checked = (out: Float64Array, inputs: Float64Array[]): Float64Array => {
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(out[i]) || inputs.some((x) => Number.isNaN(x[i]))) continue;
      const cols = [...exprColumns(e)];
      const shown = cols.map((c) => `${c} = ${t.col(c)[i]}`).join(", ");
      throw new DataError([{ file: t.file, row: i + 1, column: cols[0], value: shown, expected: `a value for which ${label} is finite (formula "${formula}")` }]);
    }
    return out;
  };
  switch (e.kind) {
    case "num":
      return new Float64Array(n).fill(e.value);
    case "var":
      return numericColumn(t, e.name, `formula term in "${formula}"`);
    case "paren":
      return sub(e.a);
    case "neg":
      return sub(e.a).map((v) => -v);
    case "shift": {
      if (!ids || !times) throw new FormulaError(`lags and leads (l(), f()) need the id and time options: "${formula}"`);
      return shiftWithin(ids, times, sub(e.x), e.k);
    }
    case "call": {
      const x = sub(e.args[0]);
      if (e.fn === "I") return x;
      const fn = FORMULA_FUNCTIONS[e.fn];
      return checked(x.map(fn), [x]);
    }
    case "bin": {
      const a = sub(e.a);
      const b = sub(e.b);
      const op = e.op;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++)
        out[i] = op === "+" ? a[i] + b[i] : op === "-" ? a[i] - b[i] : op === "*" ? a[i] * b[i] : op === "/" ? a[i] / b[i] : Math.pow(a[i], b[i]);
      return checked(out, [a, b]);
    }
  }
}

/**
 * Columns of a poly() term on the estimation rows. Orthogonal (raw = FALSE): R's poly() basis, the monic
 * polynomials orthogonal over the sample's distinct rows (Stieltjes three-term recurrence, as predict.poly
 * evaluates them) scaled to unit length; rows repeated by frequency weights take their row's value.
 */
function polyColumns(tm: Extract<Term, { kind: "poly" }>, x: Float64Array, rows: number[], file: string, formula: string): Float64Array[] {
  const k = tm.degree;
  if (tm.raw) return Array.from({ length: k }, (_, d) => Float64Array.from(rows, (r) => x[r] ** (d + 1)));
  const uniq = [...new Set(rows)];
  const xs = Float64Array.from(uniq, (r) => x[r]);
  const distinct = new Set(xs).size;
  if (k >= distinct) throw new DataError([{ file, column: [...exprColumns(tm.x)][0], expected: `more distinct values of ${deparse(tm.x)} than the degree of ${tm.label} (R: 'degree' must be less than number of unique points; ${distinct} distinct in the sample) (formula "${formula}")` }]);
  const n = xs.length;
  const dot = (a: Float64Array, b: Float64Array, w?: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i] * (w ? w[i] : 1);
    return s;
  };
  let prev = new Float64Array(n).fill(1);
  let prevNorm2 = n;
  let mean = 0;
  for (const v of xs) mean += v;
  let cur = Float64Array.from(xs, (v) => v - mean / n);
  const cols: Float64Array[] = [];
  for (let d = 1; d <= k; d++) {
    const norm2 = dot(cur, cur);
    cols.push(cur.map((v) => v / Math.sqrt(norm2)));
    if (d === k) break;
    const alpha = dot(xs, cur, cur) / norm2;
    const next = Float64Array.from(cur, (v, i) => (xs[i] - alpha) * v - (norm2 / prevNorm2) * prev[i]);
    prev = cur;
    prevNorm2 = norm2;
    cur = next;
  }
  const at = new Map(uniq.map((r, i) => [r, i]));
  return cols.map((c) => Float64Array.from(rows, (r) => c[at.get(r)!]));
}

/** Analytic/probability weights rescaled to sum to N (Stata's convention; estimates do not depend on the scale). */
export function normalizedWeights(w: Float64Array | undefined): Float64Array | undefined {
  if (!w) return undefined;
  let s = 0;
  for (const v of w) s += v;
  return w.map((v) => (v * w.length) / s);
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
  /** Observation weights (raw, as in the column), when the model is weighted. */
  w?: Float64Array;
  /** Rows left out because their weight is zero (counted, as Stata reports them). */
  nZeroWeight: number;
}

export interface FrameOptions {
  id?: string;
  time?: string;
  cluster?: string[];
  /** Extra fixed effects (from model = within), appended after those in the formula. */
  extraFe?: string[][];
  /** Column of observation weights: every used row needs a finite weight >= 0, not all zero. */
  weights?: string;
  /** "fweight": whole-number frequency weights, each row counted w times (Stata's [fweight=]). */
  weightType?: "aweight" | "pweight" | "fweight";
}

/** Cluster factors on the rows a model uses; a missing cluster value in one of them is an error naming the cell. */
export function clusterFactors(t: Table, names: readonly string[], rows: readonly number[]): Factor[] {
  for (const c of names) {
    need(t, c, "cluster variable");
    const col = t.col(c);
    const bad = rows.find((r) => isMissingCell(col[r]));
    if (bad !== undefined) throw t.cellError(bad, c, String(col[bad]), "a cluster value in every row used by the model (the cluster column has missing values)");
  }
  return names.map((c) => factorOf(t, [c], rows, "cluster"));
}

/** A fit's cluster factors for `by`: the frame's own when it was built with them, else read on its rows. */
export function clustersOn(fr: Frame, by: readonly string[]): Factor[] {
  const same = by.length === fr.clusters.length && by.every((b, j) => fr.clusters[j].name === b);
  return same ? fr.clusters : clusterFactors(fr.table, by, fr.rows);
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
  const evalExpr = (e: Expr): Float64Array => {
    const key = deparse(e);
    let v = cache.get(key);
    if (v) return v;
    v = computeExpr(t, e, key, f.text, evalExpr, ids, times);
    cache.set(key, v);
    return v;
  };
  const termValues = (tm: Term): Float64Array | null => {
    if (tm.kind === "factor") return null;
    // poly(): the variable here; its basis is built on the estimation sample below
    if (tm.kind === "poly") return evalExpr(tm.x);
    if (tm.atoms.length === 1) return evalExpr(tm.atoms[0].expr);
    const out = new Float64Array(n).fill(1);
    for (const a of tm.atoms) {
      const v = evalExpr(a.expr);
      for (let i = 0; i < n; i++) out[i] *= v[i];
    }
    return out;
  };
  for (const c of formulaColumns(f)) need(t, c, `used in "${f.text}"`);
  const y = evalExpr(f.lhs.expr);
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
  let rows: number[] = [];
  for (let i = 0; i < n; i++) if (!missingIn[i]) rows.push(i);
  let wAll: Float64Array | undefined;
  let nZeroWeight = 0;
  if (opts.weights) {
    const wc = opts.weights;
    wAll = numericColumn(t, wc, "weights");
    for (const r of rows) {
      const v = wAll[r];
      if (!Number.isFinite(v) || v < 0)
        throw new DataError([{ file: t.file, row: r + 1, column: wc, value: String(t.col(wc)[r]), expected: "a weight >= 0 in every row the model uses" }]);
    }
    const positive = rows.filter((r) => wAll![r] > 0);
    if (rows.length && !positive.length) throw new DataError([{ file: t.file, column: wc, expected: `some positive weights (all ${rows.length} used rows have weight 0)` }]);
    nZeroWeight = rows.length - positive.length;
    rows = positive;
    if (opts.weightType === "fweight") {
      const bad = rows.find((r) => !Number.isInteger(wAll![r]));
      if (bad !== undefined) throw new DataError([{ file: t.file, row: bad + 1, column: wc, value: String(t.col(wc)[bad]), expected: "a whole-number frequency weight (fweight)" }]);
      rows = rows.flatMap((r) => Array<number>(wAll![r]).fill(r));
      wAll = undefined;
    }
  }
  if (!rows.length) throw new DataError([{ file: t.file, expected: `some rows with every variable of "${f.text}" present (all ${n} rows have a missing value)` }]);
  const clusters = clusterFactors(t, opts.cluster ?? [], rows);
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
      if (tm.kind === "poly") {
        polyColumns(tm, v!, rows, t.file, f.text).forEach((c, d) => (X.push(c), names.push(`${tm.label}${d + 1}`)));
      } else if (v) {
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
    nDropped: n - new Set(rows).size - nZeroWeight,
    y: pick(y),
    yName: f.lhs.label,
    X: main.X,
    xNames: main.names,
    endog: en.X,
    endogNames: en.names,
    instr: iv.X,
    instrNames: iv.names,
    fe: feCols.map((c) => factorOf(t, c, rows, "fixed effect")),
    clusters,
    id: opts.id ? factorOf(t, [opts.id], rows, "panel id") : undefined,
    time: times ? pick(times) : undefined,
    intercept: f.intercept,
    w: wAll ? pick(wAll) : undefined,
    nZeroWeight,
  };
}
