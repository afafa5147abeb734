/**
 * fixest/R-style formulas: `log(y) ~ log(x1) + I(x2^2) + x1:x2 + l(x3, 1) + i(year, ref = 2010) | city + year`
 * and, for IV, a third part `| endog ~ z1 + z2`. Terms:
 *   name, `any name`  a numeric column (backticks for names R would not accept bare)
 *   log(), exp(), sqrt(), abs(), log10(), log2(), log1p()   functions of an expression
 *   I(expr)         arithmetic (+ - * / ^) on columns and numbers
 *   a:b             product of atoms;  a*b expands to a + b + a:b
 *   l(x, k)/f(x, k) lag / lead of x by k time units within unit (needs `id` and `time`); k defaults to 1
 *   i(x) / i(x, ref = v)  dummies for every level of x but the reference (first level unless `ref`)
 *   poly(x, k)      R's orthogonal polynomial of degree k (computed on the estimation sample), columns
 *                   `poly(x, k)1` ... `poly(x, k)k`; poly(x, k, raw = TRUE) the raw powers x, x², ...
 *   0 or -1         no intercept (pooled models only)
 * Fixed effects: column names, `a^b` for the combined factor.
 * Coefficient names are the terms as R deparses them (`log(pcap)`, `I(x^2)`, `x1:x2`), lags as fixest (`l(x, 1)`).
 */

export type Expr =
  | { kind: "num"; value: number }
  | { kind: "var"; name: string }
  | { kind: "call"; fn: string; args: Expr[] }
  | { kind: "shift"; x: Expr; k: number }
  | { kind: "bin"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { kind: "neg"; a: Expr }
  | { kind: "paren"; a: Expr };

/** One factor of a product term: an expression and its printed name. */
export interface Atom {
  expr: Expr;
  label: string;
}

export type Term =
  | { kind: "product"; atoms: Atom[]; label: string }
  | { kind: "factor"; name: string; ref?: string; label: string }
  | { kind: "poly"; x: Expr; degree: number; raw: boolean; label: string };

export interface Formula {
  text: string;
  lhs: Atom;
  terms: Term[];
  intercept: boolean;
  /** Fixed effects, each a list of columns combined with ^. */
  fe: string[][];
  /** IV part: endogenous regressors and excluded instruments. */
  endog: Term[];
  instruments: Term[];
}

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormulaError";
  }
}

/** Elementwise functions allowed in a formula (each maps a number to a number). */
export const FORMULA_FUNCTIONS: Record<string, (x: number) => number> = {
  log: Math.log,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
};
const SPECIAL = ["I", "l", "f", "i"];
const SUPPORTED = `${Object.keys(FORMULA_FUNCTIONS).map((f) => `${f}()`).join(", ")}, I() for arithmetic, l(x, k), f(x, k), i(x, ref = ...), poly(x, k) and poly(x, k, raw = TRUE) as terms`;

/**
 * Names that print bare: R's syntactic names (letters of any script, digits, '.', '_'; no leading digit or
 * '.digit'), and also a leading '_' (R would quote it; Stata users and our own generated columns use it).
 */
const SYNTACTIC = /^(?:[\p{L}_]|\.(?![0-9]))[\p{L}\p{N}._]*$|^\.$/u;

function quoteName(name: string): string {
  return SYNTACTIC.test(name) ? name : "`" + name + "`";
}

/** Split at `sep` at parenthesis depth 0, outside backticks and quotes. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  let quote = "";
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = "";
      cur += ch;
      continue;
    }
    if (ch === "`" || ch === '"' || ch === "'") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (depth < 0) throw new FormulaError(`unbalanced parentheses in "${s}"`);
    if (ch === sep && depth === 0 && !quote) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (quote) throw new FormulaError(`unclosed ${quote} in "${s}"`);
  if (depth !== 0) throw new FormulaError(`unbalanced parentheses in "${s}"`);
  out.push(cur);
  return out.map((t) => t.trim());
}

type Token = { t: "num"; v: number } | { t: "name"; v: string } | { t: "str"; v: string } | { t: "op"; v: string };

function tokenize(s: string, formula: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const word = /^(?:[\p{L}_]|\.(?![0-9]))[\p{L}\p{N}._]*/u;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = s.slice(i);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (ch === "`" || ch === '"' || ch === "'") {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) throw new FormulaError(`unclosed ${ch} in formula "${formula}"`);
      const v = s.slice(i + 1, end);
      if (ch === "`" && !v) throw new FormulaError(`empty backtick name in formula "${formula}"`);
      out.push(ch === "`" ? { t: "name", v } : { t: "str", v });
      i = end + 1;
      continue;
    }
    const w = word.exec(rest);
    if (w) {
      out.push({ t: "name", v: w[0] });
      i += w[0].length;
      continue;
    }
    if ("+-*/^(),=".includes(ch)) {
      out.push({ t: "op", v: ch });
      i++;
      continue;
    }
    throw new FormulaError(`unexpected "${ch}" in "${s}" (formula "${formula}"); quote unusual column names with backticks`);
  }
  return out;
}

/** Recursive descent with R's precedence: ^ (right) > unary minus > * / > + -. */
class ExprParser {
  private p = 0;
  constructor(private toks: Token[], private src: string, private formula: string) {}
  private peek(): Token | undefined {
    return this.toks[this.p];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === "op" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new FormulaError(`expected "${v}" in "${this.src}" (formula "${this.formula}")`);
    this.p++;
  }
  parseAll(): Expr {
    const e = this.sum();
    if (this.p < this.toks.length) throw new FormulaError(`cannot read "${this.src}" in formula "${this.formula}"`);
    return e;
  }
  private sum(): Expr {
    let a = this.product();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.toks[this.p++] as { v: "+" | "-" }).v;
      a = { kind: "bin", op, a, b: this.product() };
    }
    return a;
  }
  private product(): Expr {
    let a = this.unary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = (this.toks[this.p++] as { v: "*" | "/" }).v;
      a = { kind: "bin", op, a, b: this.unary() };
    }
    return a;
  }
  private unary(): Expr {
    if (this.isOp("-")) {
      this.p++;
      return { kind: "neg", a: this.unary() };
    }
    if (this.isOp("+")) {
      this.p++;
      return this.unary();
    }
    return this.power();
  }
  private power(): Expr {
    const a = this.primary();
    if (this.isOp("^")) {
      this.p++;
      return { kind: "bin", op: "^", a, b: this.unary() };
    }
    return a;
  }
  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new FormulaError(`"${this.src}" ends too early (formula "${this.formula}")`);
    this.p++;
    if (t.t === "num") return { kind: "num", value: t.v };
    if (t.t === "op" && t.v === "(") {
      const a = this.sum();
      this.expect(")");
      return { kind: "paren", a };
    }
    if (t.t === "name") {
      if (!this.isOp("(")) return { kind: "var", name: t.v };
      if (t.v === "poly") throw new FormulaError(`poly() must be a term of its own, not inside a function, I() or an interaction (formula "${this.formula}")`);
      this.p++;
      const args: Expr[] = [];
      if (!this.isOp(")")) {
        for (;;) {
          const nt = this.toks[this.p];
          const nt2 = this.toks[this.p + 1];
          if (nt && nt.t === "name" && nt2 && nt2.t === "op" && nt2.v === "=")
            throw new FormulaError(`named argument "${nt.v} =" in ${t.v}() is not supported (formula "${this.formula}")`);
          args.push(this.sum());
          if (this.isOp(",")) this.p++;
          else break;
        }
      }
      this.expect(")");
      return this.call(t.v, args);
    }
    throw new FormulaError(`cannot read "${this.src}" in formula "${this.formula}"`);
  }
  private call(fn: string, args: Expr[]): Expr {
    if (fn === "l" || fn === "f") {
      if (args.length < 1 || args.length > 2) throw new FormulaError(`${fn}(x, k) takes a variable and a whole number (formula "${this.formula}")`);
      let k = 1;
      if (args.length === 2) {
        const ka = args[1];
        const v = ka.kind === "num" ? ka.value : ka.kind === "neg" && ka.a.kind === "num" ? -ka.a.value : NaN;
        if (!Number.isInteger(v)) throw new FormulaError(`${fn}(x, k): k must be a whole number (formula "${this.formula}")`);
        k = v;
      }
      return { kind: "shift", x: args[0], k: fn === "l" ? k : -k };
    }
    if (fn === "I") {
      if (args.length !== 1) throw new FormulaError(`I() takes one expression (formula "${this.formula}")`);
      return { kind: "call", fn, args };
    }
    if (!(fn in FORMULA_FUNCTIONS)) throw new FormulaError(`unsupported function ${fn}() in formula "${this.formula}"; supported: ${SUPPORTED}`);
    if (args.length !== 1) throw new FormulaError(`${fn}() takes one argument (formula "${this.formula}")`);
    return { kind: "call", fn, args };
  }
}

/** R's deparse of a number: 15 significant digits, fixed or scientific whichever is shorter (fixed on a tie). */
function deparseNumber(v: number): string {
  const r = Number(v.toPrecision(15));
  const [mant, exp] = r.toExponential().split("e");
  const e = Number(exp);
  const sci = `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const fixed = r.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
  return fixed.length <= sci.length ? fixed : sci;
}

/** The expression as R deparses it (spaces around + - *, none around / and ^). */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "num":
      return deparseNumber(e.value);
    case "var":
      return quoteName(e.name);
    case "paren":
      return `(${deparse(e.a)})`;
    case "neg":
      return `-${deparse(e.a)}`;
    case "bin":
      return e.op === "/" || e.op === "^" ? `${deparse(e.a)}${e.op}${deparse(e.b)}` : `${deparse(e.a)} ${e.op} ${deparse(e.b)}`;
    case "call":
      return `${e.fn}(${e.args.map(deparse).join(", ")})`;
    case "shift":
      return e.k >= 0 ? `l(${deparse(e.x)}, ${e.k})` : `f(${deparse(e.x)}, ${-e.k})`;
  }
}

/** Columns an expression reads. */
export function exprColumns(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === "var") out.add(e.name);
  else if (e.kind === "call") e.args.forEach((a) => exprColumns(a, out));
  else if (e.kind === "shift") exprColumns(e.x, out);
  else if (e.kind === "bin") {
    exprColumns(e.a, out);
    exprColumns(e.b, out);
  } else if (e.kind === "neg" || e.kind === "paren") exprColumns(e.a, out);
  return out;
}

function parseAtom(s: string, formula: string): Atom {
  if (!s) throw new FormulaError(`empty term in formula "${formula}"`);
  const expr = new ExprParser(tokenize(s, formula), s, formula).parseAll();
  // As in R, arithmetic at the top of a term must be protected by I() (inside a function call it is evaluated).
  if (expr.kind === "bin" || expr.kind === "neg" || expr.kind === "paren")
    throw new FormulaError(`arithmetic "${s}" in formula "${formula}" must be written inside I(), e.g. I(${s})`);
  if (expr.kind === "num") throw new FormulaError(`a number "${s}" cannot be a regressor in formula "${formula}"`);
  return { expr, label: deparse(expr) };
}

/**
 * poly(x), poly(x, k), poly(x, degree = k), with raw = TRUE/FALSE (T/F) named, as R's poly() reads them (a second
 * positional argument is the degree; more positional arguments would be further variables, which we refuse).
 */
function parsePoly(p: string, formula: string): Term | undefined {
  const m = /^poly\s*\(([\s\S]*)\)$/u.exec(p);
  if (!m) return undefined;
  // the parenthesis after poly must close at the end (not "poly(x, 2)*log(z)")
  let depth = 0;
  for (const ch of m[1]) if ((depth += ch === "(" ? 1 : ch === ")" ? -1 : 0) < 0) return undefined;
  const args = splitTop(m[1], ",");
  const bad = (why: string) => new FormulaError(`${why} in "${p}" (formula "${formula}"); write poly(x, k) or poly(x, k, raw = TRUE)`);
  if (!args[0]) throw bad("poly() needs a variable");
  const x = new ExprParser(tokenize(args[0], formula), args[0], formula).parseAll();
  let degree: number | undefined;
  let raw = false;
  const shown: string[] = [deparse(x)];
  for (const a of args.slice(1)) {
    const named = /^([A-Za-z.]+)\s*=\s*(.+)$/su.exec(a);
    if (named) {
      const [, key, val] = named;
      if (key === "degree" && /^\d+$/.test(val.trim())) degree = Number(val.trim());
      else if (key === "raw" && /^(TRUE|FALSE|T|F)$/.test(val.trim())) raw = val.trim().startsWith("T");
      else throw bad(`unsupported argument "${a}"`);
      shown.push(`${key} = ${val.trim()}`);
    } else if (degree === undefined && /^\d+$/.test(a)) {
      degree = Number(a);
      shown.push(a);
    } else throw bad(`unsupported argument "${a}" (one variable per poly())`);
  }
  degree ??= 1;
  if (degree < 1) throw bad("the degree must be at least 1");
  return { kind: "poly", x, degree, raw, label: `poly(${shown.join(", ")})` };
}

const FACTOR = /^i\(\s*(`[^`]+`|[^,()`\s]+)\s*(?:,\s*(?:ref\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*)?\)$/su;

function parseTerms(rhs: string, formula: string): { terms: Term[]; intercept: boolean } {
  const terms: Term[] = [];
  let intercept = true;
  const pieces: string[] = [];
  // "a - 1" removes the intercept: split off top-level "- 1"/"- 0"
  for (const p of splitTop(rhs, "+")) {
    const minus = splitTop(p, "-");
    if (minus.length > 1 && minus.slice(1).every((m) => m === "1" || m === "0")) {
      if (minus[0]) pieces.push(minus[0]);
      intercept = false;
    } else pieces.push(p);
  }
  const seen = new Set<string>();
  const push = (t: Term) => {
    if (!seen.has(t.label)) {
      seen.add(t.label);
      terms.push(t);
    }
  };
  for (const p of pieces) {
    if (p === "") throw new FormulaError(`empty term in formula "${formula}"`);
    if (p === "0") {
      intercept = false;
      continue;
    }
    if (p === "1") continue;
    const pm = parsePoly(p, formula);
    if (pm) {
      push(pm);
      continue;
    }
    const fm = FACTOR.exec(p);
    if (fm) {
      const name = fm[1].startsWith("`") ? fm[1].slice(1, -1) : fm[1];
      const ref = fm[2] ?? fm[3] ?? (fm[4] === undefined || fm[4] === "" ? undefined : fm[4]);
      push({ kind: "factor", name, ref, label: `i(${quoteName(name)})` });
      continue;
    }
    const star = splitTop(p, "*");
    if (star.length > 1) {
      // a*b*c: every sub-product, in R's order (main effects, then pairs, ...)
      const atoms = star.map((s) => splitTop(s, ":").map((a) => parseAtom(a, formula)));
      const n = atoms.length;
      for (let size = 1; size <= n; size++) {
        const combos = (start: number, left: number, acc: Atom[][]): Atom[][][] =>
          left === 0 ? [acc] : Array.from({ length: n - start }, (_, j) => combos(start + j + 1, left - 1, [...acc, atoms[start + j]])).flat();
        for (const c of combos(0, size, [])) {
          const flat = c.flat();
          push({ kind: "product", atoms: flat, label: flat.map((a) => a.label).join(":") });
        }
      }
      continue;
    }
    const atoms = splitTop(p, ":").map((a) => parseAtom(a, formula));
    push({ kind: "product", atoms, label: atoms.map((a) => a.label).join(":") });
  }
  // R's terms(): main effects first, then two-way products, and so on, each in the order written
  const order = (t: Term) => (t.kind === "product" ? t.atoms.length : 1);
  terms.sort((a, b) => order(a) - order(b));
  return { terms, intercept };
}

function parseColumnName(s: string, formula: string, what: string): string {
  const t = s.trim();
  if (/^`[^`]+`$/.test(t)) return t.slice(1, -1);
  if (!SYNTACTIC.test(t)) throw new FormulaError(`cannot read ${what} "${t}" in formula "${formula}"`);
  return t;
}

export function parseFormula(text: string): Formula {
  const parts = splitTop(text, "|");
  const main = splitTop(parts[0], "~");
  if (main.length !== 2 || !main[0]) throw new FormulaError(`formula "${text}" needs the form "y ~ x1 + x2"`);
  let lhs: Atom;
  try {
    lhs = parseAtom(main[0], text);
  } catch (e) {
    throw new FormulaError(`cannot read the dependent variable "${main[0]}" in formula "${text}": ${(e as Error).message}`);
  }
  const { terms, intercept } = parseTerms(main[1], text);
  let fe: string[][] = [];
  let endog: Term[] = [];
  let instruments: Term[] = [];
  const rest = parts.slice(1);
  for (const part of rest) {
    if (part.includes("~")) {
      if (endog.length) throw new FormulaError(`formula "${text}" has two IV parts`);
      const [e, z] = splitTop(part, "~");
      endog = parseTerms(e, text).terms;
      instruments = parseTerms(z, text).terms;
      if (!endog.length || !instruments.length) throw new FormulaError(`IV part "${part}" needs "endog ~ instruments"`);
    } else {
      if (fe.length) throw new FormulaError(`formula "${text}" has two fixed-effect parts`);
      if (part === "0" || part === "") continue;
      fe = splitTop(part, "+").map((f) => splitTop(f, "^").map((c) => parseColumnName(c, text, `fixed effect`)));
    }
  }
  for (const tm of [...terms, ...endog, ...instruments]) if (tm.label === lhs.label) throw new FormulaError(`the dependent variable ${lhs.label} is also a regressor in formula "${text}"`);
  return { text, lhs, terms, intercept, fe, endog, instruments };
}

/** Every column a formula refers to (for listwise deletion and error messages). */
export function formulaColumns(f: Formula): string[] {
  const s = exprColumns(f.lhs.expr);
  const addT = (t: Term) => (t.kind === "factor" ? s.add(t.name) : t.kind === "poly" ? exprColumns(t.x, s) : t.atoms.forEach((a) => exprColumns(a.expr, s)));
  f.terms.forEach(addT);
  f.endog.forEach(addT);
  f.instruments.forEach(addT);
  f.fe.forEach((cols) => cols.forEach((c) => s.add(c)));
  return [...s];
}
