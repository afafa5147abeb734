/**
 * fixest-style formulas: `y ~ x1 + x2 + x1:x2 + l(x3, 1) + f(x3, 1) + i(year) | city + year + province^year`
 * and, for IV, a third part `| endog ~ z1 + z2`. Terms:
 *   name            a numeric column
 *   a:b             product of numeric atoms;  a*b expands to a + b + a:b
 *   l(x, k)/f(x, k) lag / lead of x by k periods within unit (needs `id` and `time`); k defaults to 1
 *   i(x) / i(x, ref) dummies for every level of x but the reference (first level unless `ref`)
 *   0 or -1         no intercept (pooled models only)
 * Fixed effects: column names, `a^b` for the combined factor.
 */

export type Atom = { kind: "var"; name: string } | { kind: "shift"; name: string; k: number };

export type Term =
  | { kind: "product"; atoms: Atom[]; label: string }
  | { kind: "factor"; name: string; ref?: string; label: string };

export interface Formula {
  text: string;
  lhs: string;
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

/** Split at `sep` at parenthesis depth 0. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth < 0) throw new FormulaError(`unbalanced parentheses in "${s}"`);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (depth !== 0) throw new FormulaError(`unbalanced parentheses in "${s}"`);
  out.push(cur);
  return out.map((t) => t.trim());
}

const NAME = /^[A-Za-z_.][A-Za-z0-9_.]*$/;

function parseAtom(s: string, formula: string): Atom {
  const m = /^([lf])\(\s*([^,()]+?)\s*(?:,\s*(-?\d+)\s*)?\)$/.exec(s);
  if (m) {
    const k = m[3] === undefined ? 1 : Number(m[3]);
    if (!NAME.test(m[2])) throw new FormulaError(`bad variable "${m[2]}" in ${s} (formula "${formula}")`);
    return { kind: "shift", name: m[2], k: m[1] === "l" ? k : -k };
  }
  if (!NAME.test(s)) throw new FormulaError(`cannot read term "${s}" in formula "${formula}"`);
  return { kind: "var", name: s };
}

function atomLabel(a: Atom): string {
  if (a.kind === "var") return a.name;
  return a.k >= 0 ? `l(${a.name},${a.k})` : `f(${a.name},${-a.k})`;
}

function parseTerms(rhs: string, formula: string): { terms: Term[]; intercept: boolean } {
  const terms: Term[] = [];
  let intercept = true;
  // turn "a - 1" into "a + -1"
  const pieces = splitTop(rhs.replace(/-\s*1\b/g, "+ -1"), "+").filter((p) => p !== "");
  const seen = new Set<string>();
  const push = (t: Term) => {
    if (!seen.has(t.label)) {
      seen.add(t.label);
      terms.push(t);
    }
  };
  for (const p of pieces) {
    if (p === "0" || p === "-1") {
      intercept = false;
      continue;
    }
    if (p === "1") continue;
    const fm = /^i\(\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*(?:,\s*(?:ref\s*=\s*)?"?([^")]*?)"?\s*)?\)$/.exec(p);
    if (fm) {
      push({ kind: "factor", name: fm[1], ref: fm[2] === undefined || fm[2] === "" ? undefined : fm[2], label: `i(${fm[1]})` });
      continue;
    }
    const star = splitTop(p, "*");
    if (star.length > 1) {
      // a*b*c: all sub-products
      const atoms = star.map((s) => splitTop(s, ":").map((a) => parseAtom(a, formula)));
      const n = atoms.length;
      for (let size = 1; size <= n; size++) {
        const combos = (start: number, left: number, acc: Atom[][]): Atom[][][] =>
          left === 0 ? [acc] : Array.from({ length: n - start }, (_, j) => combos(start + j + 1, left - 1, [...acc, atoms[start + j]])).flat();
        for (const c of combos(0, size, [])) {
          const flat = c.flat();
          push({ kind: "product", atoms: flat, label: flat.map(atomLabel).join(":") });
        }
      }
      continue;
    }
    const atoms = splitTop(p, ":").map((a) => parseAtom(a, formula));
    push({ kind: "product", atoms, label: atoms.map(atomLabel).join(":") });
  }
  return { terms, intercept };
}

export function parseFormula(text: string): Formula {
  const parts = splitTop(text, "|");
  const main = splitTop(parts[0], "~");
  if (main.length !== 2 || !main[0]) throw new FormulaError(`formula "${text}" needs the form "y ~ x1 + x2"`);
  const lhs = main[0];
  if (!NAME.test(lhs)) throw new FormulaError(`cannot read the dependent variable "${lhs}" in formula "${text}"`);
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
      fe = splitTop(part, "+").map((f) => {
        const cols = f.split("^").map((c) => c.trim());
        for (const c of cols) if (!NAME.test(c)) throw new FormulaError(`cannot read fixed effect "${f}" in formula "${text}"`);
        return cols;
      });
    }
  }
  return { text, lhs, terms, intercept, fe, endog, instruments };
}

/** Every column a formula refers to (for listwise deletion and error messages). */
export function formulaColumns(f: Formula): string[] {
  const s = new Set<string>([f.lhs]);
  const addT = (t: Term) => (t.kind === "factor" ? s.add(t.name) : t.atoms.forEach((a) => s.add(a.name)));
  f.terms.forEach(addT);
  f.endog.forEach(addT);
  f.instruments.forEach(addT);
  f.fe.forEach((cols) => cols.forEach((c) => s.add(c)));
  return [...s];
}
