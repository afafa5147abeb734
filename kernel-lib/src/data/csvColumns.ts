/**
 * CSV straight into typed columns, in one pass over the file's bytes: numeric columns are parsed from the bytes
 * into Float64Array (no string per cell), text columns decode each cell once (repeated values share one string),
 * and a row is never an object or an array of strings. Validation runs on the typed values as they are parsed;
 * problems are gathered per column and reported in the order the grid validator (validateGrid) reports them,
 * with the same one-line messages (file, 1-based data row, physical line, column, value, what was expected).
 *
 * Dialect as parseCsvText: BOM, CRLF/LF/CR line ends, quoted cells with doubled quotes and line breaks, blank
 * lines skipped but counted for the physical line, the delimiter guessed among , tab ; | from the first rows.
 * A column inferred as numeric (no schema) that meets a cell that is not a finite number is re-read as text by a
 * second pass over the bytes for the rows before it.
 */
import * as fs from "fs";
import { DataError, DataIssue } from "./errors";
import { ColumnSpec, DatasetSpec, cellCheck, cellSchema, describeExpected, keyColumns } from "./schema";
import { Column, ReadOptions, expectedNumber } from "./table";

const QUOTE = 0x22, CR = 0x0d, LF = 0x0a, SPACE = 0x20, TAB = 0x09;

/** Field callback: data row r (0-based; -1 = header), field index, byte range, whether quoted. */
type FieldFn = (row: number, field: number, s: number, e: number, quoted: boolean) => void;
/** Row callback: after the fields of a non-blank row; `line` is its physical first line. */
type RowFn = (row: number, nFields: number, line: number) => void;

class QuoteError extends Error {
  constructor(message: string, readonly line: number, readonly row: number) {
    super(message);
  }
}

const isBlankByte = (c: number) => c === SPACE || c === TAB;

/**
 * Tokenize `buf[from..)`: calls `field` for every cell of every non-blank row (rows buffered so that a blank
 * row is dropped whole), then `row`. Rows are numbered from -1 (the header).
 */
function tokenize(buf: Buffer, from: number, delim: number, field: FieldFn, row: RowFn, stopAfterRow = Infinity, begin?: (row: number, line: number) => void): void {
  const n = buf.length;
  let starts = new Int32Array(64), ends = new Int32Array(64);
  let quoted = new Uint8Array(64);
  let nf = 0;
  let blank = true;
  let line = 1;
  let rowLine = 1;
  let r = -1;
  let i = from;
  const grow = () => {
    const s2 = new Int32Array(starts.length * 2); s2.set(starts); starts = s2;
    const e2 = new Int32Array(ends.length * 2); e2.set(ends); ends = e2;
    const q2 = new Uint8Array(quoted.length * 2); q2.set(quoted); quoted = q2;
  };
  const endRow = () => {
    if (!blank) {
      begin?.(r, rowLine);
      for (let f = 0; f < nf; f++) field(r, f, starts[f], ends[f], quoted[f] === 1);
      row(r, nf, rowLine);
      r++;
    }
    nf = 0;
    blank = true;
  };
  while (i <= n) {
    if (r >= stopAfterRow) return;
    // one field starting at i
    if (nf === starts.length) grow();
    let c = i < n ? buf[i] : -1;
    if (c === QUOTE) {
      const s = i + 1;
      let j = s;
      for (;;) {
        if (j >= n) throw new QuoteError("Quoted field unterminated", rowLine, r);
        const d = buf[j];
        if (d === QUOTE) {
          if (j + 1 < n && buf[j + 1] === QUOTE) { j += 2; continue; }
          break;
        }
        if (d === LF) line++;
        else if (d === CR && !(j + 1 < n && buf[j + 1] === LF)) line++;
        j++;
      }
      starts[nf] = s; ends[nf] = j; quoted[nf] = 1; nf++;
      for (let k = s; k < j && blank; k++) { const d = buf[k]; if (d !== SPACE && d !== TAB && d !== CR && d !== LF) blank = false; }
      i = j + 1;
      c = i < n ? buf[i] : -1;
      if (c !== delim && c !== LF && c !== CR && c !== -1) throw new QuoteError("Trailing quote on quoted field is malformed", rowLine, r);
    } else {
      const s = i;
      while (i < n) {
        c = buf[i];
        if (c === delim || c === LF || c === CR) break;
        if (blank && !isBlankByte(c)) blank = false;
        i++;
      }
      c = i < n ? buf[i] : -1;
      starts[nf] = s; ends[nf] = i; quoted[nf] = 0; nf++;
    }
    if (c === delim) { i++; continue; }
    // end of row (line break or end of file)
    endRow();
    if (c === -1) break;
    i += c === CR && i + 1 < n && buf[i + 1] === LF ? 2 : 1;
    line++;
    rowLine = line;
    if (i === n) break;
  }
}

/**
 * Papa's rule on the first 10 rows: the candidate with the least change in field count between rows and more
 * fields on average (above 1.99), in the order , tab | ;. Unlike Papa here (skipEmptyLines off), blank rows are
 * left out, so a short tab-separated file ending in a newline is not read as one column.
 */
function guessDelimiter(buf: Buffer, from: number): number {
  let best = 0x2c, bestDelta = Infinity, maxAvg = -Infinity;
  for (const d of [0x2c, TAB, 0x7c, 0x3b]) {
    const counts: number[] = [];
    try {
      tokenize(buf, from, d, () => undefined, (_r, nf) => counts.push(nf), 9);
    } catch {
      continue;
    }
    if (!counts.length) continue;
    const avg = counts.reduce((a, b) => a + b, 0) / counts.length;
    let delta = 0;
    for (let k = 1; k < counts.length; k++) delta += Math.abs(counts[k] - counts[k - 1]);
    if (delta <= bestDelta && avg > maxAvg && avg > 1.99) {
      bestDelta = delta;
      maxAvg = avg;
      best = d;
    }
  }
  return best;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MISSING = -1, BAD = -2;

/**
 * The cell's number, exactly as Number() reads it, or MISSING/BAD (a flag in `kind`). Digits and exponent are
 * read from the bytes; when the mantissa fits in 2^53 and |exponent| <= 22 one IEEE multiply or divide is
 * correctly rounded (Clinger's fast path); otherwise the text goes through Number().
 */
function makeNumberReader(buf: Buffer) {
  const out = { value: 0, kind: 0, leadingZero: false };
  return (s: number, e: number, quoted: boolean): typeof out => {
    while (s < e && isBlankByte(buf[s])) s++;
    while (e > s && isBlankByte(buf[e - 1])) e--;
    out.leadingZero = false;
    out.kind = 0;
    if (s === e || (e - s === 2 && buf[s] === 0x4e && buf[s + 1] === 0x41) || (e - s === 1 && buf[s] === 0x2e)) {
      out.kind = MISSING;
      out.value = NaN;
      return out;
    }
    let i = s;
    let neg = false;
    if (buf[i] === 0x2b || buf[i] === 0x2d) { neg = buf[i] === 0x2d; i++; }
    let mant = 0, exp10 = 0, intDigits = 0, fracDigits = 0;
    let exact = true;
    const i0 = i;
    while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
      if (mant < 9e14) mant = mant * 10 + (buf[i] - 0x30);
      else exact = false;
      intDigits++;
      i++;
    }
    if (intDigits >= 2 && buf[i0] === 0x30 && i0 === s) out.leadingZero = true;
    if (i < e && buf[i] === 0x2e) {
      i++;
      while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
        if (mant < 9e14) { mant = mant * 10 + (buf[i] - 0x30); exp10--; }
        else if (buf[i] !== 0x30) exact = false;
        fracDigits++;
        i++;
      }
    }
    if (intDigits + fracDigits === 0) return slowPath(s, e);
    if (i < e && (buf[i] === 0x65 || buf[i] === 0x45)) {
      i++;
      let eneg = false;
      if (i < e && (buf[i] === 0x2b || buf[i] === 0x2d)) { eneg = buf[i] === 0x2d; i++; }
      const es = i;
      let ev = 0;
      while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) { if (ev < 1e6) ev = ev * 10 + (buf[i] - 0x30); i++; }
      if (i === es) return slowPath(s, e);
      exp10 += eneg ? -ev : ev;
    }
    if (i !== e) return slowPath(s, e);
    let v: number;
    if (exact && exp10 >= -22 && exp10 <= 22) {
      v = exp10 < 0 ? mant / POW10[-exp10] : mant * POW10[exp10];
      if (neg) v = -v;
    } else v = Number(buf.toString("latin1", s, e));
    if (!Number.isFinite(v)) return slowPath(s, e);
    out.value = v;
    return out;
  };
  function slowPath(s: number, e: number) {
    // non-ASCII blanks (e.g. U+3000) or other spellings: the string path decides, as finiteNumber does
    let ascii = true;
    for (let k = s; k < e; k++) if (buf[k] >= 0x80) { ascii = false; break; }
    if (!ascii) {
      const t = buf.toString("utf8", s, e).trim();
      if (t === "" || t === "NA" || t === ".") { out.kind = MISSING; out.value = NaN; return out; }
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
        const v = Number(t);
        if (Number.isFinite(v)) { out.kind = 0; out.value = v; out.leadingZero = /^0\d/.test(t); return out; }
      }
    }
    out.kind = BAD;
    out.value = NaN;
    return out;
  }
}

/**
 * Text of a cell (quotes undone, trimmed when asked), decoded once per distinct value: a plain cell (unquoted, no
 * blank or non-ASCII byte at either end) is looked up by its bytes in a hash table, so a value repeated down a
 * panel (ids, codes, levels) is one string and costs no decoding; up to 65,536 distinct values are kept.
 */
function makeTextReader(buf: Buffer, ascii: boolean) {
  let cap = 1024;
  let hashes = new Int32Array(cap), starts = new Int32Array(cap), lens = new Int32Array(cap);
  let strs: (string | undefined)[] = new Array(cap);
  let size = 0;
  const decode = (s: number, e: number, quoted: boolean, trim: boolean): string => {
    let t = ascii ? buf.toString("latin1", s, e) : buf.toString("utf8", s, e);
    if (quoted && t.includes('""')) t = t.replace(/""/g, '"');
    return trim ? t.trim() : t;
  };
  const grow = () => {
    const old = { hashes, starts, lens, strs };
    cap *= 2;
    hashes = new Int32Array(cap); starts = new Int32Array(cap); lens = new Int32Array(cap); strs = new Array(cap);
    for (let k = 0; k < old.strs.length; k++) {
      if (old.strs[k] === undefined) continue;
      let q = old.hashes[k] & (cap - 1);
      while (strs[q] !== undefined) q = (q + 1) & (cap - 1);
      hashes[q] = old.hashes[k]; starts[q] = old.starts[k]; lens[q] = old.lens[k]; strs[q] = old.strs[k];
    }
  };
  return (s: number, e: number, quoted: boolean, trim: boolean): string => {
    const len = e - s;
    if (quoted || len === 0 || size >= 65536) return decode(s, e, quoted, trim);
    const c0 = buf[s], c1 = buf[e - 1];
    if (c0 <= SPACE || c1 <= SPACE || c0 >= 0x80 || c1 >= 0x80) return decode(s, e, quoted, trim);
    let h = 0x811c9dc5 | 0;
    for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k], 0x01000193);
    let q = h & (cap - 1);
    for (;;) {
      const hit = strs[q];
      if (hit === undefined) break;
      if (hashes[q] === h && lens[q] === len) {
        const o = starts[q];
        let same = true;
        for (let k = 0; k < len; k++) if (buf[o + k] !== buf[s + k]) { same = false; break; }
        if (same) return hit;
      }
      q = (q + 1) & (cap - 1);
    }
    const t = decode(s, e, false, false);
    hashes[q] = h; starts[q] = s; lens[q] = len; strs[q] = t;
    if (++size * 2 > cap) grow();
    return t;
  };
}

interface ColState {
  name: string;
  spec?: ColumnSpec;
  /** Inferred columns: numeric until a cell says otherwise (then `flipRow` rows need a second pass). */
  numeric: boolean;
  nums?: Float64Array;
  texts?: string[];
  flipRow: number;
  /** Rows (0-based) of issues in this column, with their entries (at most maxIssues kept). */
  issues: DataIssue[];
  total: number;
  nMissing: number;
  zs?: ReturnType<typeof cellSchema>;
  fast?: (v: number | string) => boolean;
  /** Text columns: the verdict per distinct value (codes and levels repeat down a panel). */
  verdict?: Map<string, boolean>;
}

function textOk(st: ColState, t: string): boolean {
  const hit = st.verdict!.get(t);
  if (hit !== undefined) return hit;
  const ok = st.fast!(t) || st.zs!.safeParse(t).success;
  if (st.verdict!.size < 65536) st.verdict!.set(t, ok);
  return ok;
}

/** Read a CSV file into a validated, column-oriented table (see the file comment). */
export function readCsvColumns(file: string, spec: DatasetSpec | undefined, opts: ReadOptions, make: (cols: Map<string, Column>, missing: Record<string, number>, lines: Int32Array) => unknown): unknown {
  if (!fs.existsSync(file)) throw new DataError([{ file, expected: "an existing file (not found)" }]);
  const buf = fs.readFileSync(file);
  const maxIssues = opts.maxIssues ?? 20;
  let from = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let any = false;
  for (let k = from; k < buf.length; k++) if (buf[k] > SPACE) { any = true; break; }
  if (!any) throw new DataError([{ file, expected: "a header row and data (the file is empty)" }]);
  let ascii = true;
  for (let k = from; k < buf.length; k++) if (buf[k] >= 0x80) { ascii = false; break; }
  const delim = guessDelimiter(buf, from);
  const num = makeNumberReader(buf);
  const text = makeTextReader(buf, ascii);

  // pass 0: the header
  let header: string[] = [];
  try {
    tokenize(buf, from, delim, (_r, f, s, e, q) => (header[f] = text(s, e, q, true)), () => undefined, 0);
  } catch (e) {
    if (e instanceof QuoteError) throw new DataError([{ file, row: 0, line: e.line, expected: `well-formed CSV (${e.message})` }]);
    throw e;
  }
  header = Array.from(header, (h) => h ?? "");
  const headIssues: DataIssue[] = [];
  const colIndex = new Map<string, number>();
  header.forEach((h, i) => {
    if (colIndex.has(h)) headIssues.push({ file, row: 0, line: 1, column: h, expected: "unique column names (this one appears twice)" });
    colIndex.set(h, i);
  });
  const missingCols: DataIssue[] = [];
  if (spec) for (const name of Object.keys(spec.columns)) if (!colIndex.has(name)) missingCols.push({ file, row: 0, line: 1, column: name, expected: `a column "${name}" (${describeExpected(spec.columns[name])}) in the header` });

  // which field feeds which column: schema columns by name (the last of duplicate names), the rest inferred
  const states: (ColState | undefined)[] = new Array(header.length);
  const stateOf = new Map<string, ColState>();
  const keepExtra = !spec || opts.keepExtra !== false;
  // rows are at most the physical lines: size every column once
  let breaks = 0;
  for (let k = buf.indexOf(LF, from); k >= 0; k = buf.indexOf(LF, k + 1)) breaks++;
  if (!breaks) for (let k = buf.indexOf(CR, from); k >= 0; k = buf.indexOf(CR, k + 1)) breaks++;
  let cap = breaks + 1;
  for (const [h, j] of colIndex) {
    const cs = spec?.columns[h];
    if (!cs && !keepExtra) continue;
    const st: ColState = { name: h, spec: cs, numeric: cs ? cs.type === "number" : true, flipRow: -1, issues: [], total: 0, nMissing: 0 };
    if (st.numeric) st.nums = new Float64Array(cap);
    else st.texts = new Array<string>(cap);
    if (cs) { st.zs = cellSchema(cs); st.fast = cellCheck(cs); st.verdict = new Map(); }
    states[j] = st;
    stateOf.set(h, st);
  }
  let lines = new Int32Array(cap);
  const countIssues: DataIssue[] = [];
  let countTotal = 0;
  const raw = (s: number, e: number, q: boolean) => text(s, e, q, false);
  const issue = (st: ColState, i: DataIssue) => {
    st.total++;
    if (st.issues.length < maxIssues) st.issues.push(i);
  };
  const onField: FieldFn = (r, f, s, e, q) => {
    if (r < 0) return;
    const st = states[f];
    if (!st) return;
    const cs = st.spec;
    if (st.numeric) {
      const p = num(s, e, q);
      if (r >= cap) {
        cap *= 2;
        for (const x of states) if (x?.nums && x.nums.length < cap) { const a = new Float64Array(cap); a.set(x.nums); x.nums = a; }
        const l2 = new Int32Array(cap);
        l2.set(lines);
        lines = l2;
      }
      if (!cs) {
        // inferred: a bad cell, or a number with a leading zero (a code), makes the column text
        if (p.kind === BAD || (p.kind === 0 && p.leadingZero)) {
          st.numeric = false;
          st.flipRow = r;
          st.texts = new Array<string>(Math.max(cap, r + 1));
          st.nums = undefined;
          st.texts[r] = text(s, e, q, true);
          return;
        }
        if (p.kind === MISSING) st.nMissing++;
        st.nums![r] = p.value;
        return;
      }
      if (p.kind === MISSING) {
        st.nMissing++;
        if (!cs.optional) issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(s, e, q), expected: `${describeExpected(cs)} (the cell is empty; this column may not have missing values)` });
      } else if (p.kind === BAD) {
        const v = raw(s, e, q);
        issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: v, expected: expectedNumber(v, describeExpected(cs)) });
      } else if (!st.fast!(p.value) && !st.zs!.safeParse(p.value).success) {
        issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(s, e, q), expected: describeExpected(cs) });
      }
      st.nums![r] = p.value;
      return;
    }
    const t = text(s, e, q, true);
    st.texts![r] = t;
    if (!cs) return;
    if (t === "" || t === "NA" || t === ".") {
      st.texts![r] = "";
      st.nMissing++;
      if (!cs.optional) issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(s, e, q), expected: `${describeExpected(cs)} (the cell is empty; this column may not have missing values)` });
    } else if (!textOk(st, t)) {
      issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(s, e, q), expected: describeExpected(cs) });
    }
  };
  // the row's line is known before its fields are handed over (fields are buffered per row)
  let nRows = 0;
  const onRow: RowFn = (r, nf) => {
    if (r < 0) return;
    nRows = r + 1;
    if (nf !== header.length) {
      countTotal++;
      if (countIssues.length < maxIssues) countIssues.push({ file, row: r + 1, line: lines[r], expected: `${header.length} fields as in the header, found ${nf}` });
    }
    // fields absent from a short row read as empty cells
    for (let f = nf; f < header.length; f++) if (states[f]) onField(r, f, 0, 0, false);
  };
  try {
    tokenize(buf, from, delim, onField, onRow, Infinity, (r, line) => {
      if (r >= 0) lines[r] = line;
    });
  } catch (e) {
    if (e instanceof QuoteError) throw new DataError([{ file, row: e.row + 1, line: e.line, expected: `well-formed CSV (${e.message})` }]);
    throw e;
  }
  if (nRows === 0 && header.length === 0) throw new DataError([{ file, expected: "a header row and data (the file is empty)" }]);

  // issues in validateGrid's order: header, field counts, missing columns, each schema column, the key
  const all: DataIssue[] = [...headIssues, ...countIssues];
  let total = headIssues.length + countTotal;
  const fail = () => new DataError(all.slice(0, maxIssues), total);
  all.push(...missingCols);
  total += missingCols.length;
  // with a schema, a malformed header or row stops here, before the cells are judged
  if (spec && all.length) throw fail();
  if (spec) for (const name of Object.keys(spec.columns)) {
    const st = stateOf.get(name)!;
    all.push(...st.issues);
    total += st.total;
  }
  if (spec) {
    const keys = keyColumns(spec);
    if (keys.length) {
      const dup = duplicateKeys(keys.map((k) => stateOf.get(k)!), nRows);
      for (const [i, first] of dup) {
        total++;
        if (all.length < maxIssues) {
          const vals = keys.map((k) => cellText(stateOf.get(k)!, i));
          all.push({ file, row: i + 1, line: lines[i], column: keys.join("+"), value: vals.join(", "), expected: `a unique (${keys.join(", ")}) key; the same key is already on row ${first + 1} (line ${lines[first]})` });
        }
      }
    }
  }
  if (all.length) throw fail();

  // second pass for inferred columns that turned out text: the rows before the first text cell
  const flipped = [...stateOf.values()].filter((st) => !st.spec && (!st.numeric || st.nMissing === nRows));
  for (const st of flipped) {
    if (st.numeric) {
      // every cell missing: a text column of the (trimmed) markers
      st.numeric = false;
      st.flipRow = nRows;
      st.texts = new Array<string>(nRows);
      st.nums = undefined;
    }
  }
  if (flipped.some((st) => st.flipRow > 0)) {
    const want = new Map<number, ColState>();
    states.forEach((st, j) => st && flipped.includes(st) && st.flipRow > 0 && want.set(j, st));
    const last = Math.max(...[...want.values()].map((st) => st.flipRow));
    tokenize(buf, from, delim, (r, f, s, e, q) => {
      const st = want.get(f);
      if (st && r >= 0 && r < st.flipRow) st.texts![r] = text(s, e, q, true);
    }, (r, nf) => {
      if (r < 0) return;
      for (let f = nf; f < header.length; f++) {
        const st = want.get(f);
        if (st && r < st.flipRow) st.texts![r] = "";
      }
    }, last);
  }
  const cols = new Map<string, Column>();
  const missing: Record<string, number> = {};
  for (const h of header) {
    const st = stateOf.get(h);
    if (!st || cols.has(h)) continue;
    if (st.numeric) cols.set(h, st.nums!.length - nRows > nRows >> 3 ? st.nums!.slice(0, nRows) : st.nums!.subarray(0, nRows));
    else {
      st.texts!.length = nRows;
      cols.set(h, st.texts!);
    }
    if (st.spec) missing[h] = st.nMissing;
  }
  return make(cols, missing, lines.subarray(0, nRows));
}

function cellText(st: ColState, i: number): string {
  return st.numeric ? String(st.nums![i]) : st.texts![i];
}

/** Rows whose key repeats an earlier row's, with that first row, in row order (the validator's order). */
function duplicateKeys(keys: ColState[], n: number): [number, number][] {
  // each key column as dense codes (by first appearance; a missing number is one code), then one mixed-radix code
  let radix = 1;
  const codes = keys.map((st) => {
    const c = new Int32Array(n);
    const m = new Map<number | string, number>();
    if (st.numeric) {
      const v = st.nums!;
      for (let i = 0; i < n; i++) {
        const x = v[i] === v[i] ? v[i] : "NaN";
        let code = m.get(x);
        if (code === undefined) m.set(x, (code = m.size));
        c[i] = code;
      }
    } else {
      const v = st.texts!;
      for (let i = 0; i < n; i++) {
        let code = m.get(v[i]);
        if (code === undefined) m.set(v[i], (code = m.size));
        c[i] = code;
      }
    }
    radix *= Math.max(1, m.size);
    return { c, size: Math.max(1, m.size) };
  });
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const { c, size } of codes) v = v * size + c[i];
    key[i] = v;
  }
  const out: [number, number][] = [];
  if (radix <= Math.max(1 << 20, 4 * n)) {
    // few possible keys: a table of each key's first row
    const firstRow = new Int32Array(radix).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = key[i];
      if (firstRow[k] < 0) firstRow[k] = i;
      else out.push([i, firstRow[k]]);
    }
    return out;
  }
  let order: ArrayLike<number>;
  if (radix * n < 2 ** 53) {
    // key·n + row sorts by key, then row, with the engine's native numeric sort
    const kr = new Float64Array(n);
    for (let i = 0; i < n; i++) kr[i] = key[i] * n + i;
    kr.sort();
    order = Int32Array.from(kr, (v) => v % n);
  } else {
    const o = new Int32Array(n);
    for (let i = 0; i < n; i++) o[i] = i;
    order = o.sort((a, b) => key[a] - key[b] || a - b);
  }
  let first = -1;
  for (let q = 0; q < n; q++) {
    const i = order[q];
    if (q > 0 && key[i] === key[order[q - 1]]) out.push([i, first]);
    else first = i;
  }
  return out.sort((a, b) => a[0] - b[0]);
}
