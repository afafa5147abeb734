import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import { DataError, DataIssue } from "./errors";
import { ColumnSpec, DatasetSpec, cellCheck, cellSchema, describeExpected, keyColumns } from "./schema";
import { readCsvColumns } from "./csvColumns";

/** Cells read as missing: empty, R's NA and Stata's "." (only where the column is optional). */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(["", "NA", "."]);

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE_RE = /^[+-]?(nan|inf|infinity)$/i;

/** A cell's text as a finite number, or undefined (text, NaN/Inf spelled out, or a literal that overflows). */
export function finiteNumber(raw: string): number | undefined {
  const s = raw.trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** What a numeric cell should have held, worded for the value it did hold. */
export function expectedNumber(raw: string, what = "a number"): string {
  const s = raw.trim();
  if (NON_FINITE_RE.test(s)) return `${what}, finite (NaN and Inf are not data; leave the cell empty for a missing value)`;
  if (NUMBER_RE.test(s)) return `${what}, finite (this literal overflows double precision)`;
  return what;
}

/** True where a cell reads as a number or spells a non-finite one; such a column is meant to be numeric. */
const numberLike = (s: string) => NUMBER_RE.test(s) || NON_FINITE_RE.test(s);

export type Column = Float64Array | string[];

/**
 * A validated, column-oriented table: numeric columns are Float64Array (NaN only where the schema allowed an
 * empty cell, and counted in `missing`), text columns are string arrays. `frame()` hands it to danfojs.
 */
export class Table {
  readonly file: string;
  readonly names: string[];
  readonly nRows: number;
  /** Number of missing cells per column (only optional columns can have any). */
  readonly missing: Record<string, number>;
  /** Physical 1-based line of each row in the file it was read from (absent for built tables). */
  readonly lines?: ArrayLike<number>;
  private readonly cols: Map<string, Column>;

  constructor(file: string, cols: Map<string, Column>, missing: Record<string, number> = {}, lines?: ArrayLike<number>) {
    this.file = file;
    this.cols = cols;
    this.lines = lines;
    this.names = [...cols.keys()];
    const lens = new Set([...cols.values()].map((c) => c.length));
    if (lens.size > 1) throw new Error(`Table ${file}: columns have different lengths`);
    this.nRows = lens.size ? [...lens][0] : 0;
    this.missing = missing;
  }

  has(name: string): boolean {
    return this.cols.has(name);
  }

  /** The physical line of row i (0-based index), row + 1 when the table did not come from a file. */
  lineOf(i: number): number {
    return this.lines?.[i] ?? i + 2;
  }

  /** A DataIssue at row i (0-based index) naming the 1-based data row and its physical line. */
  cellIssue(i: number, column: string | undefined, value: string | undefined, expected: string): DataIssue {
    return { file: this.file, row: i + 1, line: this.lineOf(i), column, value, expected };
  }

  /** A one-line DataError at row i (0-based index). */
  cellError(i: number, column: string | undefined, value: string | undefined, expected: string): DataError {
    return new DataError([this.cellIssue(i, column, value, expected)]);
  }

  /**
   * A text column most of whose cells are numbers (or NaN/Inf spelled out): a numeric column with bad cells.
   * Returns the first bad cell's issue, else undefined.
   */
  badNumericCell(name: string): DataIssue | undefined {
    const c = this.col(name);
    if (c instanceof Float64Array) return undefined;
    let nNum = 0;
    let nOther = 0;
    let first = -1;
    for (let i = 0; i < c.length; i++) {
      const v = c[i].trim();
      if (MISSING_MARKERS.has(v)) continue;
      if (finiteNumber(v) !== undefined && !/^0\d/.test(v)) nNum++;
      else {
        if (!numberLike(v) || finiteNumber(v) === undefined) nOther++;
        if (first < 0) first = i;
      }
    }
    if (first < 0 || nNum < nOther) return undefined;
    return this.cellIssue(first, name, c[first], expectedNumber(c[first]));
  }

  col(name: string): Column {
    const c = this.cols.get(name);
    if (!c) throw new DataError([{ file: this.file, column: name, expected: `a column named "${name}" (have: ${this.names.join(", ")})` }]);
    return c;
  }

  /** A numeric column; a text column fails naming its first cell that is not a finite number. */
  num(name: string): Float64Array {
    const c = this.col(name);
    if (!(c instanceof Float64Array)) {
      const i = c.findIndex((v) => !MISSING_MARKERS.has(v.trim()) && (finiteNumber(v) === undefined || /^0\d/.test(v.trim())));
      if (i >= 0) {
        const lead = finiteNumber(c[i]) !== undefined;
        throw this.cellError(i, name, c[i], lead ? "a number (this column reads as text codes: it has a leading zero)" : expectedNumber(c[i]));
      }
      throw new DataError([{ file: this.file, column: name, expected: "a numeric column (declare it as type number in the schema)" }]);
    }
    return c;
  }

  /** A text column; numbers are rendered as strings. */
  str(name: string): string[] {
    const c = this.col(name);
    return c instanceof Float64Array ? Array.from(c, (v) => String(v)) : c;
  }

  /** Row objects, NaN shown as null. */
  rows(): Record<string, number | string | null>[] {
    const out: Record<string, number | string | null>[] = [];
    for (let i = 0; i < this.nRows; i++) {
      const r: Record<string, number | string | null> = {};
      for (const [k, c] of this.cols) {
        const v = c[i];
        r[k] = typeof v === "number" && Number.isNaN(v) ? null : v;
      }
      out.push(r);
    }
    return out;
  }

  /** A new table with only the rows where `keep(i)` is true. */
  filter(keep: (i: number) => boolean): Table {
    const idx: number[] = [];
    for (let i = 0; i < this.nRows; i++) if (keep(i)) idx.push(i);
    return this.take(idx);
  }

  take(idx: readonly number[]): Table {
    const cols = new Map<string, Column>();
    for (const [k, c] of this.cols) {
      if (c instanceof Float64Array) cols.set(k, Float64Array.from(idx, (i) => c[i]));
      else cols.set(k, idx.map((i) => c[i]));
    }
    return new Table(this.file, cols, {}, this.lines ? idx.map((i) => this.lineOf(i)) : undefined);
  }

  /** A new table with an added or replaced column. */
  with(name: string, values: Column): Table {
    if (values.length !== this.nRows) {
      throw new Error(`Table.with("${name}"): ${values.length} values for ${this.nRows} rows`);
    }
    const cols = new Map(this.cols);
    cols.set(name, values);
    return new Table(this.file, cols, this.missing, this.lines);
  }

  select(names: readonly string[]): Table {
    return new Table(this.file, new Map(names.map((n) => [n, this.col(n)] as [string, Column])), {}, this.lines);
  }

  /** The table as a danfojs DataFrame (danfojs is loaded only when asked for). */
  frame(): import("danfojs-node").DataFrame {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const dfd = require("danfojs-node") as typeof import("danfojs-node");
    const obj: Record<string, (number | string | null)[]> = {};
    for (const [k, c] of this.cols) obj[k] = Array.from(c as ArrayLike<number | string>, (v) => (typeof v === "number" && Number.isNaN(v) ? null : v));
    return new dfd.DataFrame(obj);
  }

  /** Build a table from plain arrays (numbers become Float64Array). */
  static fromColumns(file: string, data: Record<string, readonly (number | string)[] | Float64Array>): Table {
    const cols = new Map<string, Column>();
    for (const [k, v] of Object.entries(data)) {
      if (v instanceof Float64Array) cols.set(k, v);
      else if (v.every((x) => typeof x === "number")) cols.set(k, Float64Array.from(v as number[]));
      else cols.set(k, v.map((x) => String(x)));
    }
    return new Table(file, cols);
  }
}

/** Raw grid of strings: header plus rows, as read from CSV or a sheet. */
export interface RawGrid {
  file: string;
  header: string[];
  rows: string[][];
  /** Physical 1-based line where each data row starts (blank lines and multi-line quoted cells counted). */
  lines?: number[];
}

const isBlankRow = (r: readonly string[]) => r.every((c) => c.trim() === "");

/**
 * Parse CSV text (BOM, CRLF/LF/CR, quoted cells with line breaks). Blank lines are skipped, but every data
 * row keeps its physical line so messages point at the right line. A single-column file is valid CSV.
 */
export function parseCsvText(text: string, file: string): RawGrid {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === "") throw new DataError([{ file, expected: "a header row and data (the file is empty)" }]);
  // Papa guesses the delimiter; "UndetectableDelimiter" only means one column, which is fine.
  const res = Papa.parse<string[]>(clean, { skipEmptyLines: false });
  const lb = res.meta.linebreak === "\r" ? "\r" : "\n";
  const startLine: number[] = [];
  let line = 1;
  for (const r of res.data) {
    startLine.push(line);
    line += 1;
    for (const c of r) for (let k = c.indexOf(lb); k >= 0; k = c.indexOf(lb, k + 1)) line++;
  }
  const fatal = res.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    const at = fatal.row !== undefined ? startLine[fatal.row] : undefined;
    throw new DataError([{ file, ...(at !== undefined ? { row: res.data.slice(0, fatal.row).filter((r) => !isBlankRow(r)).length, line: at } : {}), expected: `well-formed CSV (${fatal.message})` }]);
  }
  const kept: number[] = [];
  res.data.forEach((r, i) => {
    if (!isBlankRow(r)) kept.push(i);
  });
  if (!kept.length) throw new DataError([{ file, expected: "a header row and data (the file is empty)" }]);
  const [h, ...rest] = kept;
  return { file, header: res.data[h].map((x) => x.trim()), rows: rest.map((i) => res.data[i]), lines: rest.map((i) => startLine[i]) };
}

export function readCsvGrid(file: string): RawGrid {
  if (!fs.existsSync(file)) throw new DataError([{ file, expected: "an existing file (not found)" }]);
  return parseCsvText(fs.readFileSync(file, "utf8"), file);
}

/** First sheet (or the named one) of an .xlsx/.xls workbook as a string grid. */
export function readXlsxGrid(file: string, sheet?: string): RawGrid {
  if (!fs.existsSync(file)) throw new DataError([{ file, expected: "an existing file (not found)" }]);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const XLSX = require("xlsx") as typeof import("xlsx");
  const wb = XLSX.read(fs.readFileSync(file), { type: "buffer" });
  const name = sheet ?? wb.SheetNames[0];
  const ws = wb.Sheets[name];
  if (!ws) throw new DataError([{ file, expected: `a sheet named "${name}" (have: ${wb.SheetNames.join(", ")})` }]);
  // Stored values, not Excel's displayed text: a cell formatted "0.00" holding 0.0016719 must read 0.0016719.
  // Numbers become their shortest round-trip decimal, so the text the validator sees is the exact double.
  const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: "", blankrows: false });
  const [header, ...rows] = grid.map((r) => r.map((c) => (c === null || c === undefined ? "" : typeof c === "boolean" ? (c ? "1" : "0") : String(c))));
  if (!header) throw new DataError([{ file, expected: "a header row (the sheet is empty)" }]);
  return { file: `${file}[${name}]`, header: header.map((h) => h.trim()), rows };
}

export interface ReadOptions {
  /** Sheet of a workbook (default: the first). */
  sheet?: string;
  /** Collect up to this many problems before throwing (default 20); the message names the first. */
  maxIssues?: number;
  /** Keep columns the schema does not name (default true; they are read as text or numbers by inference). */
  keepExtra?: boolean;
  /** Bytes a CSV is read in at a time (default 1 MiB; a row longer than this is still read whole). */
  chunkBytes?: number;
}

function parseCell(raw: string, spec: ColumnSpec): { value: number | string; missing: boolean; bad: boolean } {
  const s = raw.trim();
  if (MISSING_MARKERS.has(s)) return { value: spec.type === "number" ? NaN : "", missing: true, bad: false };
  if (spec.type === "number") {
    const v = finiteNumber(s);
    return v === undefined ? { value: NaN, missing: false, bad: true } : { value: v, missing: false, bad: false };
  }
  return { value: s, missing: false, bad: false };
}

function inferColumn(values: string[]): Column {
  const nonEmpty = values.map((v) => v.trim()).filter((v) => !MISSING_MARKERS.has(v));
  if (nonEmpty.length > 0 && nonEmpty.every((v) => finiteNumber(v) !== undefined && !/^0\d/.test(v))) {
    return Float64Array.from(values, (v) => (MISSING_MARKERS.has(v.trim()) ? NaN : Number(v)));
  }
  return values.map((v) => v.trim());
}

/**
 * Check a raw grid against a dataset schema and return a typed Table. Problems are collected (up to
 * `maxIssues`) and thrown as one DataError whose message names the first: missing column, empty required
 * cell, text in a numeric column, value out of range or not among the levels, duplicate key.
 */
export function validateGrid(grid: RawGrid, spec?: DatasetSpec, opts: ReadOptions = {}): Table {
  const maxIssues = opts.maxIssues ?? 20;
  const issues: DataIssue[] = [];
  let total = 0;
  const { file, header, rows } = grid;
  const lineOf = (row: number) => (row >= 1 ? grid.lines?.[row - 1] ?? row + 1 : 1);
  const push = (i: DataIssue) => {
    total++;
    if (issues.length < maxIssues) issues.push(i.row !== undefined && i.line === undefined ? { ...i, line: lineOf(i.row) } : i);
  };
  const fail = () => new DataError(issues, total);
  const colIndex = new Map<string, number>();
  header.forEach((h, i) => {
    if (colIndex.has(h)) push({ file, row: 0, column: h, expected: "unique column names (this one appears twice)" });
    colIndex.set(h, i);
  });
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      push({ file, row: i + 1, expected: `${header.length} fields as in the header, found ${r.length}` });
    }
  });
  const cols = new Map<string, Column>();
  const missing: Record<string, number> = {};
  if (spec) {
    for (const name of Object.keys(spec.columns)) {
      if (!colIndex.has(name)) push({ file, row: 0, column: name, expected: `a column "${name}" (${describeExpected(spec.columns[name])}) in the header` });
    }
    if (issues.length) throw fail();
    for (const [name, cs] of Object.entries(spec.columns)) {
      const j = colIndex.get(name)!;
      const zs = cellSchema(cs);
      const fast = cellCheck(cs);
      const out: Column = cs.type === "number" ? new Float64Array(rows.length) : new Array<string>(rows.length);
      let nMissing = 0;
      for (let i = 0; i < rows.length; i++) {
        const raw = rows[i][j] ?? "";
        const p = parseCell(raw, cs);
        if (p.missing) {
          nMissing++;
          if (!cs.optional) push({ file, row: i + 1, column: name, value: raw, expected: `${describeExpected(cs)} (the cell is empty; this column may not have missing values)` });
        } else if (p.bad) {
          push({ file, row: i + 1, column: name, value: raw, expected: expectedNumber(raw, describeExpected(cs)) });
        } else if (!fast(p.value) && !zs.safeParse(p.value).success) {
          push({ file, row: i + 1, column: name, value: raw, expected: describeExpected(cs) });
        }
        out[i] = p.value as never;
      }
      cols.set(name, out);
      missing[name] = nMissing;
    }
    // Panel key uniqueness, reported at the second occurrence with the row of the first.
    const keys = keyColumns(spec);
    if (keys.length) {
      const seen = new Map<string, number>();
      for (let i = 0; i < rows.length; i++) {
        const k = keys.map((c) => String(rows[i][colIndex.get(c)!] ?? "").trim()).join("\u0001");
        const first = seen.get(k);
        if (first !== undefined) {
          push({
            file,
            row: i + 1,
            column: keys.join("+"),
            value: keys.map((c) => rows[i][colIndex.get(c)!]).join(", "),
            expected: `a unique (${keys.join(", ")}) key; the same key is already on row ${first} (line ${lineOf(first)})`,
          });
        } else seen.set(k, i + 1);
      }
    }
  }
  if (issues.length) throw fail();
  if (!spec || opts.keepExtra !== false) {
    header.forEach((h, j) => {
      if (!cols.has(h)) cols.set(h, inferColumn(rows.map((r) => r[j] ?? "")));
    });
  }
  // Keep the file's column order.
  const ordered = new Map<string, Column>();
  for (const h of header) if (cols.has(h)) ordered.set(h, cols.get(h)!);
  return new Table(file, ordered, missing, grid.lines ?? rows.map((_, i) => i + 2));
}

/**
 * Read a CSV or Excel file and validate it against a schema. Without a schema, columns whose every
 * non-missing cell is a number become numeric and the rest stay text (codes with leading zeros stay text).
 */
export function readTable(file: string, spec?: DatasetSpec, opts: ReadOptions = {}): Table {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xls") return validateGrid(readXlsxGrid(file, opts.sheet), spec, opts);
  return readCsvColumns(file, spec, opts, (cols, missing, lines) => new Table(file, cols, missing, lines)) as Table;
}

/** `readTable` returning a danfojs DataFrame directly. */
export function readFrame(file: string, spec?: DatasetSpec, opts: ReadOptions = {}): import("danfojs-node").DataFrame {
  return readTable(file, spec, opts).frame();
}

/**
 * Refuse a repeated key (e.g. (id, time) of a panel, the DMU of a DEA run): one line naming the repeat and
 * the row where the key first appeared.
 */
export function requireUniqueKey(t: Table, cols: readonly string[], what = "row"): void {
  const vals = cols.map((c) => t.str(c));
  const seen = new Map<string, number>();
  for (let i = 0; i < t.nRows; i++) {
    const k = vals.map((v) => v[i]).join("\u0001");
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, i);
      continue;
    }
    throw t.cellError(i, cols.join("+"), vals.map((v) => v[i]).join(", "), `one ${what} per (${cols.join(", ")}); the same key is already on row ${first + 1} (line ${t.lineOf(first)})`);
  }
}

/** Refuse a numeric column whose non-missing values are all equal (an outcome that cannot be explained). */
export function requireVariation(t: Table, col: string, role: string): void {
  const v = t.num(col);
  let first = NaN;
  for (const x of v) {
    if (Number.isNaN(x)) continue;
    if (Number.isNaN(first)) first = x;
    else if (x !== first) return;
  }
  throw new DataError([{ file: t.file, column: col, value: Number.isNaN(first) ? "" : String(first), expected: `a ${role} that varies (every non-missing row holds ${Number.isNaN(first) ? "nothing" : first}; nothing to estimate)` }]);
}

/** Refuse a design with fewer than `min` distinct values in a column (units, periods). */
export function requireDistinct(t: Table, col: string, min: number, why: string): void {
  const n = new Set(t.str(col).filter((s) => !MISSING_MARKERS.has(s.trim()) && s !== "NaN")).size;
  if (n < min) throw new DataError([{ file: t.file, column: col, expected: `at least ${min} distinct values (found ${n}): ${why}` }]);
}
