/**
 * CSV straight into typed columns, in one pass over the file's bytes read in chunks (1 MiB by default), so the
 * file is never held whole: numeric columns are parsed from the bytes into Float64Array (no string per cell),
 * text columns decode each cell once (repeated values share one string), and a row is never an object or an
 * array of strings. Validation runs on the typed values as they are parsed; problems are gathered per column and
 * reported in the order the grid validator (validateGrid) reports them, with the same one-line messages (file,
 * 1-based data row, physical line, column, value, what was expected).
 *
 * Dialect as parseCsvText: BOM, CRLF/LF/CR line ends, quoted cells with doubled quotes and line breaks, blank
 * lines skipped but counted for the physical line, the delimiter guessed among , tab ; | from the first rows.
 * A column inferred as numeric (no schema) that meets a cell that is not a finite number is re-read as text by a
 * second pass over the bytes for the rows before it.
 */
import * as fs from "fs";
import { DataError, DataIssue } from "./errors";
import { ColumnSpec, DatasetSpec, cellCheck, cellSchema, describeExpected, keyColumns, numberBounds } from "./schema";
import { Column, ReadOptions, expectedNumber } from "./table";

const QUOTE = 0x22, CR = 0x0d, LF = 0x0a, SPACE = 0x20, TAB = 0x09;

/** Field callback: data row r (0-based; -1 = header), field index, byte range of `buf`, whether quoted. */
type FieldFn = (buf: Buffer, row: number, field: number, s: number, e: number, quoted: boolean) => void;
/** Row callback: after the fields of a non-blank row; `line` is its physical first line. */
type RowFn = (row: number, nFields: number, line: number) => void;

class QuoteError extends Error {
  constructor(message: string, readonly line: number, readonly row: number) {
    super(message);
  }
}

const isBlankByte = (c: number) => c === SPACE || c === TAB;

/**
 * Splits bytes into rows and fields, fed one chunk at a time: calls `field` for every cell of every non-blank row
 * (a row's fields are buffered so that a blank row is dropped whole), then `row`. Rows are numbered from -1 (the
 * header). A row cut by the end of a chunk is left for the next feed, which must start with its bytes.
 */
class Tokenizer {
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  /** Physical line where the next row starts, and the next row's number. */
  private line = 1;
  private r = -1;
  /** True once `stopAfterRow` rows were handed over. */
  stopped = false;

  constructor(private readonly delim: number, private readonly field: FieldFn, private readonly row: RowFn, private readonly stopAfterRow = Infinity, private readonly begin?: (row: number, line: number) => void) {}

  private grow(): void {
    const s2 = new Int32Array(this.starts.length * 2); s2.set(this.starts); this.starts = s2;
    const e2 = new Int32Array(this.ends.length * 2); e2.set(this.ends); this.ends = e2;
    const q2 = new Uint8Array(this.quoted.length * 2); q2.set(this.quoted); this.quoted = q2;
  }

  /**
   * Tokenize `buf[from..n)`; `final` when no bytes follow. Returns where the first row not handed over starts
   * (n when every row was; earlier when a row runs past n and more bytes follow, or after `stopAfterRow`).
   */
  feed(buf: Buffer, from: number, n: number, final: boolean): number {
    const delim = this.delim;
    let i = from;
    let line = this.line;
    for (;;) {
      if (this.r >= this.stopAfterRow) {
        this.stopped = true;
        break;
      }
      if (i >= n) break;
      const rowStart = i, rowLine = line;
      let nf = 0;
      let blank = true;
      let c: number;
      let cut = false;
      for (;;) {
        // one field starting at i
        if (nf === this.starts.length) this.grow();
        c = i < n ? buf[i] : -1;
        if (c === QUOTE) {
          const s = i + 1;
          let j = s;
          for (;;) {
            if (j >= n) {
              if (!final) { cut = true; break; }
              throw new QuoteError("Quoted field unterminated", rowLine, this.r);
            }
            const d = buf[j];
            if (d === QUOTE) {
              if (j + 1 < n) {
                if (buf[j + 1] === QUOTE) { j += 2; continue; }
              } else if (!final) { cut = true; break; }
              break;
            }
            if (d === LF) line++;
            else if (d === CR && !(j + 1 < n && buf[j + 1] === LF)) line++;
            j++;
          }
          if (cut) break;
          this.starts[nf] = s; this.ends[nf] = j; this.quoted[nf] = 1; nf++;
          for (let k = s; k < j && blank; k++) { const d = buf[k]; if (d !== SPACE && d !== TAB && d !== CR && d !== LF) blank = false; }
          i = j + 1;
          c = i < n ? buf[i] : -1;
          if (c !== delim && c !== LF && c !== CR && c !== -1) throw new QuoteError("Trailing quote on quoted field is malformed", rowLine, this.r);
        } else {
          const s = i;
          while (i < n) {
            c = buf[i];
            if (c === delim || c === LF || c === CR) break;
            if (blank && !isBlankByte(c)) blank = false;
            i++;
          }
          if (i >= n && !final) { cut = true; break; }
          c = i < n ? buf[i] : -1;
          this.starts[nf] = s; this.ends[nf] = i; this.quoted[nf] = 0; nf++;
        }
        if (c === delim) { i++; continue; }
        // a CR as the chunk's last byte may be the first half of a CRLF
        if (c === CR && i + 1 >= n && !final) cut = true;
        break;
      }
      if (cut) {
        i = rowStart;
        line = rowLine;
        break;
      }
      // end of row (line break or end of input)
      if (!blank) {
        const r = this.r;
        this.begin?.(r, rowLine);
        for (let f = 0; f < nf; f++) this.field(buf, r, f, this.starts[f], this.ends[f], this.quoted[f] === 1);
        this.row(r, nf, rowLine);
        this.r++;
      }
      if (c === -1) { i = n; break; }
      i += c === CR && i + 1 < n && buf[i + 1] === LF ? 2 : 1;
      line++;
    }
    this.line = line;
    return i;
  }
}

/**
 * A file read in chunks from `start` (after a BOM): `scan` feeds a tokenizer every byte once, keeping the bytes
 * of a row cut by a chunk's end for the next chunk (the chunk doubles when one row does not fit).
 */
class ChunkedFile {
  private buf: Buffer;
  /** The first chunk, read once for the delimiter, the header and the row estimate, and reused by `scan`. */
  private first?: { buf: Buffer; n: number; eof: boolean };
  constructor(private readonly fd: number, private readonly start: number, chunkBytes: number) {
    this.buf = Buffer.allocUnsafe(Math.max(4, chunkBytes));
  }

  /** At least the first `size` bytes after the BOM (fewer at the end of the file); do not keep across a scan. */
  head(size: number): { buf: Buffer; n: number; eof: boolean } {
    if (size <= this.buf.length) {
      if (!this.first) {
        const n = this.fill(this.buf, 0, this.start);
        this.first = { buf: this.buf, n, eof: n < this.buf.length };
      }
      return this.first;
    }
    const buf = Buffer.allocUnsafe(size);
    const n = this.fill(buf, 0, this.start);
    return { buf, n, eof: n < size };
  }

  /** Fill `buf[from..)` from file position `pos`; returns the bytes in `buf` (less than its length at the end). */
  private fill(buf: Buffer, from: number, pos: number): number {
    let n = from;
    while (n < buf.length) {
      const got = fs.readSync(this.fd, buf, n, buf.length - n, pos + n - from);
      if (got === 0) break;
      n += got;
    }
    return n;
  }

  /** Whether any byte after the BOM is above `v` (read until the first one). */
  anyByteAbove(v: number): boolean {
    const h = this.head(this.buf.length);
    for (let k = 0; k < h.n; k++) if (h.buf[k] > v) return true;
    if (h.eof) return false;
    const buf = Buffer.allocUnsafe(Math.min(this.buf.length, 1 << 16));
    for (let pos = this.start; ; ) {
      const n = this.fill(buf, 0, pos);
      for (let k = 0; k < n; k++) if (buf[k] > v) return true;
      if (n < buf.length) return false;
      pos += n;
    }
  }

  scan(tok: Tokenizer): void {
    let pos = this.start;
    let kept = 0;
    let first = this.first?.buf === this.buf ? this.first : undefined;
    this.first = undefined;
    for (;;) {
      if (kept === this.buf.length) {
        const bigger = Buffer.allocUnsafe(this.buf.length * 2);
        this.buf.copy(bigger, 0, 0, kept);
        this.buf = bigger;
      }
      const n = first ? first.n : this.fill(this.buf, kept, pos);
      first = undefined;
      pos += n - kept;
      const eof = n < this.buf.length;
      const used = tok.feed(this.buf, 0, n, eof);
      if (eof || tok.stopped) return;
      this.buf.copyWithin(0, used, n);
      kept = n - used;
    }
  }
}

/**
 * Papa's rule on the first 10 rows: the candidate with the least change in field count between rows and more
 * fields on average (above 1.99), in the order , tab | ;. Unlike Papa here (skipEmptyLines off), blank rows are
 * left out, so a short tab-separated file ending in a newline is not read as one column.
 */
function guessDelimiter(head: (min: number) => { buf: Buffer; n: number; eof: boolean }): number {
  // enough bytes for ten rows (or the whole file)
  let h = head(1 << 16);
  for (;;) {
    let rows = 0;
    try {
      new Tokenizer(0x2c, () => undefined, () => rows++, 9).feed(h.buf, 0, h.n, h.eof);
    } catch {
      break;
    }
    if (rows >= 10 || h.eof) break;
    h = head(h.buf.length * 2);
  }
  let best = 0x2c, bestDelta = Infinity, maxAvg = -Infinity;
  for (const d of [0x2c, TAB, 0x7c, 0x3b]) {
    const counts: number[] = [];
    try {
      new Tokenizer(d, () => undefined, (_r, nf) => counts.push(nf), 9).feed(h.buf, 0, h.n, h.eof);
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
function makeNumberReader() {
  // the value lives in a typed array: a double stored in an object field would be a new heap number per cell
  const out = { num: new Float64Array(1), kind: 0, leadingZero: false };
  return (buf: Buffer, s: number, e: number): typeof out => {
    while (s < e && isBlankByte(buf[s])) s++;
    while (e > s && isBlankByte(buf[e - 1])) e--;
    out.leadingZero = false;
    out.kind = 0;
    if (s === e || (e - s === 2 && buf[s] === 0x4e && buf[s + 1] === 0x41) || (e - s === 1 && buf[s] === 0x2e)) {
      out.kind = MISSING;
      out.num[0] = NaN;
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
    if (intDigits + fracDigits === 0) return slowPath(buf, s, e);
    if (i < e && (buf[i] === 0x65 || buf[i] === 0x45)) {
      i++;
      let eneg = false;
      if (i < e && (buf[i] === 0x2b || buf[i] === 0x2d)) { eneg = buf[i] === 0x2d; i++; }
      const es = i;
      let ev = 0;
      while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) { if (ev < 1e6) ev = ev * 10 + (buf[i] - 0x30); i++; }
      if (i === es) return slowPath(buf, s, e);
      exp10 += eneg ? -ev : ev;
    }
    if (i !== e) return slowPath(buf, s, e);
    let v: number;
    if (exact && exp10 >= -22 && exp10 <= 22) {
      v = exp10 < 0 ? mant / POW10[-exp10] : mant * POW10[exp10];
      if (neg) v = -v;
    } else v = Number(buf.toString("latin1", s, e));
    if (!Number.isFinite(v)) return slowPath(buf, s, e);
    out.num[0] = v;
    return out;
  };
  function slowPath(buf: Buffer, s: number, e: number) {
    // non-ASCII blanks (e.g. U+3000) or other spellings: the string path decides, as finiteNumber does
    let ascii = true;
    for (let k = s; k < e; k++) if (buf[k] >= 0x80) { ascii = false; break; }
    if (!ascii) {
      const t = buf.toString("utf8", s, e).trim();
      if (t === "" || t === "NA" || t === ".") { out.kind = MISSING; out.num[0] = NaN; return out; }
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
        const v = Number(t);
        if (Number.isFinite(v)) { out.kind = 0; out.num[0] = v; out.leadingZero = /^0\d/.test(t); return out; }
      }
    }
    out.kind = BAD;
    out.num[0] = NaN;
    return out;
  }
}

/**
 * Text of a cell (quotes undone, trimmed when asked), decoded once per distinct value: a plain cell (unquoted, no
 * blank or non-ASCII byte at either end) is looked up by its bytes in a hash table (which keeps its own copy of
 * them, as chunks are reused), so a value repeated down a panel (ids, codes, levels) is one string and costs no
 * decoding; up to 65,536 distinct values are kept.
 */
function makeTextReader() {
  let cap = 1024;
  let hashes = new Int32Array(cap), starts = new Int32Array(cap), lens = new Int32Array(cap);
  let strs: (string | undefined)[] = new Array(cap);
  let pool = Buffer.allocUnsafe(1 << 14);
  let used = 0;
  let size = 0;
  const decode = (buf: Buffer, s: number, e: number, quoted: boolean, trim: boolean): string => {
    let ascii = true;
    for (let k = s; k < e; k++) if (buf[k] >= 0x80) { ascii = false; break; }
    let t = buf.toString(ascii ? "latin1" : "utf8", s, e);
    if (quoted && t.includes('""')) t = t.replace(/""/g, '"');
    return trim ? t.trim() : t;
  };
  const grow = () => {
    const old = { hashes, strs };
    const oldStarts = starts, oldLens = lens;
    cap *= 2;
    hashes = new Int32Array(cap); starts = new Int32Array(cap); lens = new Int32Array(cap); strs = new Array(cap);
    for (let k = 0; k < old.strs.length; k++) {
      if (old.strs[k] === undefined) continue;
      let q = old.hashes[k] & (cap - 1);
      while (strs[q] !== undefined) q = (q + 1) & (cap - 1);
      hashes[q] = old.hashes[k]; starts[q] = oldStarts[k]; lens[q] = oldLens[k]; strs[q] = old.strs[k];
    }
  };
  return (buf: Buffer, s: number, e: number, quoted: boolean, trim: boolean): string => {
    const len = e - s;
    if (quoted || len === 0 || size >= 65536) return decode(buf, s, e, quoted, trim);
    const c0 = buf[s], c1 = buf[e - 1];
    if (c0 <= SPACE || c1 <= SPACE || c0 >= 0x80 || c1 >= 0x80) return decode(buf, s, e, quoted, trim);
    let h = 0x811c9dc5 | 0;
    for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k], 0x01000193);
    let q = h & (cap - 1);
    for (;;) {
      const hit = strs[q];
      if (hit === undefined) break;
      if (hashes[q] === h && lens[q] === len) {
        const o = starts[q];
        let same = true;
        for (let k = 0; k < len; k++) if (pool[o + k] !== buf[s + k]) { same = false; break; }
        if (same) return hit;
      }
      q = (q + 1) & (cap - 1);
    }
    const t = decode(buf, s, e, false, false);
    if (used + len > pool.length) {
      const bigger = Buffer.allocUnsafe(Math.max(pool.length * 2, used + len));
      pool.copy(bigger, 0, 0, used);
      pool = bigger;
    }
    buf.copy(pool, used, s, e);
    hashes[q] = h; starts[q] = used; lens[q] = len; strs[q] = t;
    used += len;
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
  /** Number columns: the schema's rule as bounds, checked inline (a call per cell would box every double). */
  lo: number;
  hi: number;
  integer: boolean;
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
  const fd = fs.openSync(file, "r");
  try {
    return readOpenCsv(fd, file, spec, opts, make);
  } finally {
    fs.closeSync(fd);
  }
}

const EMPTY = Buffer.alloc(0);

function readOpenCsv(fd: number, file: string, spec: DatasetSpec | undefined, opts: ReadOptions, make: (cols: Map<string, Column>, missing: Record<string, number>, lines: Int32Array) => unknown): unknown {
  const maxIssues = opts.maxIssues ?? 20;
  const size = fs.fstatSync(fd).size;
  const bom = Buffer.alloc(3);
  const from = fs.readSync(fd, bom, 0, 3, 0) === 3 && bom[0] === 0xef && bom[1] === 0xbb && bom[2] === 0xbf ? 3 : 0;
  const chunkBytes = Math.max(4, opts.chunkBytes ?? 1 << 20);
  const src = new ChunkedFile(fd, from, chunkBytes);
  if (!src.anyByteAbove(SPACE)) throw new DataError([{ file, expected: "a header row and data (the file is empty)" }]);
  const delim = guessDelimiter((n) => src.head(n));
  const num = makeNumberReader();
  const text = makeTextReader();

  // pass 0: the header
  let header: string[] = [];
  try {
    const headerTok = () => new Tokenizer(delim, (buf, _r, f, s, e, q) => (header[f] = text(buf, s, e, q, true)), () => undefined, 0);
    const h = src.head(chunkBytes);
    const tok = headerTok();
    tok.feed(h.buf, 0, h.n, h.eof);
    if (!tok.stopped && !h.eof) {
      // a header longer than a chunk
      header = [];
      src.scan(headerTok());
    }
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
  // rows are at most the physical lines: from the first megabyte's lines, size every column once (grown by half
  // when a file's later rows are shorter)
  let cap: number;
  {
    const h = src.head(chunkBytes);
    let breaks = 0;
    for (let k = h.buf.indexOf(LF); k >= 0 && k < h.n; k = h.buf.indexOf(LF, k + 1)) breaks++;
    if (!breaks) for (let k = h.buf.indexOf(CR); k >= 0 && k < h.n; k = h.buf.indexOf(CR, k + 1)) breaks++;
    cap = h.eof ? breaks + 1 : Math.ceil(((size - from) / h.n) * (breaks + 1) * 1.05) + 16;
  }
  for (const [h, j] of colIndex) {
    const cs = spec?.columns[h];
    if (!cs && !keepExtra) continue;
    const st: ColState = { name: h, spec: cs, numeric: cs ? cs.type === "number" : true, flipRow: -1, issues: [], total: 0, nMissing: 0, ...(cs?.type === "number" ? numberBounds(cs) : { lo: -Infinity, hi: Infinity, integer: false }) };
    if (st.numeric) st.nums = new Float64Array(cap);
    else st.texts = new Array<string>(cap);
    if (cs) { st.zs = cellSchema(cs); st.fast = cellCheck(cs); st.verdict = new Map(); }
    states[j] = st;
    stateOf.set(h, st);
  }
  let lines = new Int32Array(cap);
  const countIssues: DataIssue[] = [];
  let countTotal = 0;
  const raw = (buf: Buffer, s: number, e: number, q: boolean) => text(buf, s, e, q, false);
  const growRows = (r: number) => {
    cap = Math.max(r + 1, Math.ceil(cap * 1.5));
    for (const x of states) if (x?.nums && x.nums.length < cap) { const a = new Float64Array(cap); a.set(x.nums); x.nums = a; }
    const l2 = new Int32Array(cap);
    l2.set(lines);
    lines = l2;
  };
  const issue = (st: ColState, i: DataIssue) => {
    st.total++;
    if (st.issues.length < maxIssues) st.issues.push(i);
  };
  const onField: FieldFn = (buf, r, f, s, e, q) => {
    if (r < 0) return;
    const st = states[f];
    if (!st) return;
    const cs = st.spec;
    if (st.numeric) {
      const p = num(buf, s, e);
      const v = p.num[0];
      if (!cs) {
        // inferred: a bad cell, or a number with a leading zero (a code), makes the column text
        if (p.kind === BAD || (p.kind === 0 && p.leadingZero)) {
          st.numeric = false;
          st.flipRow = r;
          st.texts = new Array<string>(Math.max(cap, r + 1));
          st.nums = undefined;
          st.texts[r] = text(buf, s, e, q, true);
          return;
        }
        if (p.kind === MISSING) st.nMissing++;
        st.nums![r] = v;
        return;
      }
      if (p.kind === MISSING) {
        st.nMissing++;
        if (!cs.optional) issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(buf, s, e, q), expected: `${describeExpected(cs)} (the cell is empty; this column may not have missing values)` });
      } else if (p.kind === BAD) {
        const v = raw(buf, s, e, q);
        issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: v, expected: expectedNumber(v, describeExpected(cs)) });
      } else if ((v < st.lo || v > st.hi || (st.integer && !Number.isInteger(v))) && !st.zs!.safeParse(v).success) {
        issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(buf, s, e, q), expected: describeExpected(cs) });
      }
      st.nums![r] = v;
      return;
    }
    const t = text(buf, s, e, q, true);
    st.texts![r] = t;
    if (!cs) return;
    if (t === "" || t === "NA" || t === ".") {
      st.texts![r] = "";
      st.nMissing++;
      if (!cs.optional) issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(buf, s, e, q), expected: `${describeExpected(cs)} (the cell is empty; this column may not have missing values)` });
    } else if (!textOk(st, t)) {
      issue(st, { file, row: r + 1, line: lines[r], column: st.name, value: raw(buf, s, e, q), expected: describeExpected(cs) });
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
    for (let f = nf; f < header.length; f++) if (states[f]) onField(EMPTY, r, f, 0, 0, false);
  };
  try {
    src.scan(new Tokenizer(delim, onField, onRow, Infinity, (r, line) => {
      if (r < 0) return;
      if (r >= cap) growRows(r);
      lines[r] = line;
    }));
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
      // the key cells of the rows reported, as written in the file (a second pass, on failure only)
      const shown = new Map(dup.slice(0, Math.max(0, maxIssues - all.length)).map(([i]) => [i, [] as string[]]));
      const fields = keys.map((k) => colIndex.get(k)!);
      if (shown.size) src.scan(new Tokenizer(delim, (buf, r, f, s, e, q) => {
        const cells = shown.get(r);
        const at = cells ? fields.indexOf(f) : -1;
        if (at >= 0) for (let k = at; k < fields.length; k++) if (fields[k] === f) cells![k] = raw(buf, s, e, q);
      }, () => undefined, Math.max(...shown.keys()) + 1));
      for (const [i, first] of dup) {
        total++;
        if (all.length < maxIssues) {
          const vals = keys.map((_, k) => shown.get(i)?.[k] ?? "");
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
    src.scan(new Tokenizer(delim, (buf, r, f, s, e, q) => {
      const st = want.get(f);
      if (st && r >= 0 && r < st.flipRow) st.texts![r] = text(buf, s, e, q, true);
    }, (r, nf) => {
      if (r < 0) return;
      for (let f = nf; f < header.length; f++) {
        const st = want.get(f);
        if (st && r < st.flipRow) st.texts![r] = "";
      }
    }, last));
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
  return make(cols, missing, lines.length - nRows > nRows >> 3 ? lines.slice(0, nRows) : lines.subarray(0, nRows));
}


/** min and the number of codes (one more for a missing value) when every value is whole and the range short. */
function integerSpan(v: Float64Array, n: number): { min: number; size: number } | undefined {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) continue;
    if (!Number.isInteger(x)) return undefined;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min > max) return undefined;
  const size = max - min + 2;
  return size <= Math.max(1024, n) ? { min, size } : undefined;
}

/** Rows whose key repeats an earlier row's, with that first row, in row order (the validator's order). */
function duplicateKeys(keys: ColState[], n: number): [number, number][] {
  // each key column as dense codes (by first appearance; a missing number is one code), folded into one
  // mixed-radix code per row, kept in 32 bits (re-coded densely when the radix would outgrow them)
  let key: Int32Array | Float64Array = new Int32Array(n);
  let radix = 1;
  const c = new Int32Array(n);
  for (const st of keys) {
    const m = new Map<number | string, number>();
    let size = 0;
    const span = st.numeric ? integerSpan(st.nums!, n) : undefined;
    if (span) {
      // whole numbers in a short range (years, codes): the value's offset is its code, no hash lookup
      const v = st.nums!;
      for (let i = 0; i < n; i++) c[i] = v[i] === v[i] ? v[i] - span.min : span.size - 1;
      size = span.size;
    } else if (st.numeric) {
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
    if (!span) size = Math.max(1, m.size);
    if (radix * size > 0x7fffffff) {
      const dense = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        let code = dense.get(key[i]);
        if (code === undefined) dense.set(key[i], (code = dense.size));
        key[i] = code;
      }
      radix = Math.max(1, dense.size);
      if (radix * size > 0x7fffffff && key instanceof Int32Array) key = Float64Array.from(key);
    }
    for (let i = 0; i < n; i++) key[i] = key[i] * size + c[i];
    radix *= size;
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
