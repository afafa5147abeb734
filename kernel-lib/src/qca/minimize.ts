/**
 * Complex, parsimonious and intermediate solutions of a truth table, with their parameters of fit.
 *
 * ON = rows with output "1"; OFF = rows "0" and "C" (contradictions are never used as simplifying
 * assumptions); remainders = every other row (unobserved, or observed below the frequency cut-off).
 *  - complex (conservative): primes of ON alone;
 *  - parsimonious: primes of ON ∪ remainders; the remainders inside the chosen PIs are the simplifying
 *    assumptions (SA);
 *  - intermediate (Ragin & Sonnett 2004; Ragin 2008, ch. 9): for each pair of a complex solution C and a
 *    parsimonious solution P, the easy counterfactuals are the remainders that lie inside some parsimonious term
 *    p ⊇ c of a complex term c AND inside c's expansion along the directional expectations (c with every literal
 *    dropped that is not the expected value of its condition; conditions without an expectation are "don't
 *    care" and always dropped). The intermediate solution minimises ON ∪ easy counterfactuals. Each distinct
 *    intermediate solution records which pairs (C1P1, …) produced it, as R QCA prints "From C1P1".
 * Every solution is a minimum cover of ON by prime implicants (all of them are returned when several tie).
 * Fit (Ragin 2006): per term, inclusion (consistency), PRI, raw coverage and unique coverage (the solution's
 * coverage minus the coverage of the solution without that term); per solution, inclusion, PRI and coverage of
 * the union (fuzzy OR) of its terms.
 * Core conditions (Fiss 2011): the literals of an intermediate (or complex) term that also appear in a
 * parsimonious term containing it; the other literals are peripheral.
 */
import { Cube, covers, cubeWithin, popcount, primesAgainstOff, quineMcCluskey, solveChart } from "./boolean";
import { Membership, fuzzyOr, sufficiency } from "./sets";
import { QcaData, QcaInputError, TruthTable } from "./truthTable";

export type SolutionType = "complex" | "parsimonious" | "intermediate";

/** Directional expectation per condition: 1 = presence contributes, 0 = absence contributes, "-" = don't care. */
export type DirExp = Record<string, 0 | 1 | "-">;

export interface TermFit {
  expression: string;
  inclusion: number;
  pri: number;
  raw_coverage: number;
  unique_coverage: number;
}

export interface Term extends TermFit {
  cube: Cube;
  /** Literals per condition: 1 present, 0 absent, null not in the term. */
  literals: (0 | 1 | null)[];
  /** Per condition: true when the literal is a core condition (appears in a containing parsimonious term). */
  core: boolean[];
  essential: boolean;
  /** Membership of each case in the term. */
  membership: Float64Array;
  /** Cases with membership > 0.5 in the term and the outcome membership > 0.5 (typical cases). */
  cases: string[];
}

export interface Solution {
  expression: string;
  terms: Term[];
  inclusion: number;
  pri: number;
  coverage: number;
  /** For intermediate solutions: the (complex, parsimonious) pairs it came from, e.g. ["C1P1"]. */
  from?: string[];
  /** Easy counterfactuals (intermediate) or simplifying assumptions (parsimonious): R row numbers. */
  assumptions?: number[];
}

export interface MinimizeOptions {
  solution: SolutionType;
  dirExp?: DirExp;
  /** PI-chart search budget before the greedy heuristic takes over. */
  maxNodes?: number;
  /**
   * At most this many tied minimal models per PI chart (default: all, as R QCA lists them). With many tied
   * models the intermediate solution pairs every complex with every parsimonious model, so a cap keeps
   * sweeps fast; the result says when it cut the list.
   */
  maxModels?: number;
}

export interface MinimizeResult {
  type: SolutionType;
  solutions: Solution[];
  /** True when a PI chart was too large and a greedy cover was used (solutions may not be minimal). */
  heuristic: boolean;
  /** True when `maxModels` cut the list of tied models. */
  truncated: boolean;
  /** Parsimonious prime implicants (for core/peripheral and the chart). */
  parsimonious: Cube[][];
  complex: Cube[][];
}

// QM over ON ∪ all remainders up to 2^10 rows; beyond, the exact search against OFF rows is much faster
const QM_LIMIT = 1 << 10;

export function literalsOf(c: Cube, k: number): (0 | 1 | null)[] {
  return Array.from({ length: k }, (_, j) => {
    const bit = 1 << (k - 1 - j);
    return c.mask & bit ? ((c.value & bit ? 1 : 0) as 0 | 1) : null;
  });
}

export function cubeExpression(c: Cube, names: string[]): string {
  const lits = literalsOf(c, names.length)
    .map((v, j) => (v === null ? null : v === 1 ? names[j] : `~${names[j]}`))
    .filter((s): s is string => s !== null);
  return lits.length ? lits.join("*") : "1";
}

/** R QCA's PI order: fewer literals first, then by the codes absent = 1, present = 2, not in term = 3. */
export function compareCubes(a: Cube, b: Cube, k: number): number {
  const d = popcount(a.mask) - popcount(b.mask);
  if (d) return d;
  for (let j = 0; j < k; j++) {
    const bit = 1 << (k - 1 - j);
    const ca = a.mask & bit ? (a.value & bit ? 2 : 1) : 3;
    const cb = b.mask & bit ? (b.value & bit ? 2 : 1) : 3;
    if (ca !== cb) return ca - cb;
  }
  return 0;
}

export function cubeMembership(data: QcaData, c: Cube): Float64Array {
  const k = data.conditions.length;
  const n = data.y.length;
  const m = new Float64Array(n).fill(1);
  literalsOf(c, k).forEach((v, j) => {
    if (v === null) return;
    const x = data.X[j];
    for (let i = 0; i < n; i++) {
      const t = v === 1 ? x[i] : 1 - x[i];
      if (t < m[i]) m[i] = t;
    }
  });
  return m;
}

/** Parse a conjunction in R QCA notation ("DEV*~IND", also "DEV*ind" is NOT accepted: use ~) into a cube. */
export function parseTerm(expr: string, names: string[]): Cube {
  const k = names.length;
  let mask = 0,
    value = 0;
  for (const raw of expr.split("*").map((s) => s.trim()).filter(Boolean)) {
    const neg = raw.startsWith("~");
    const name = neg ? raw.slice(1).trim() : raw;
    const j = names.indexOf(name);
    if (j < 0) throw new QcaInputError(`unknown condition "${name}" in "${expr}" (conditions: ${names.join(", ")})`);
    const bit = 1 << (k - 1 - j);
    if (mask & bit && ((value & bit) !== 0) === neg) throw new QcaInputError(`"${expr}" contains ${name} and its negation`);
    mask |= bit;
    if (!neg) value |= bit;
  }
  return { mask, value };
}

/** Fit of a set of terms (a solution) against the outcome. */
export function solutionFit(data: QcaData, cubes: Cube[], essential: Set<number> = new Set()): Omit<Solution, "from" | "assumptions"> {
  const names = data.conditions;
  const k = names.length;
  const ms = cubes.map((c) => cubeMembership(data, c));
  const all: Membership = ms.length ? fuzzyOr(...ms) : new Float64Array(data.y.length);
  const total = sufficiency(all, data.y);
  const terms: Term[] = cubes.map((c, t) => {
    const f = sufficiency(ms[t], data.y);
    const others = ms.filter((_, u) => u !== t);
    const covOthers = others.length ? sufficiency(fuzzyOr(...others), data.y).coverage : 0;
    const m = ms[t];
    return {
      expression: cubeExpression(c, names),
      inclusion: f.inclusion,
      pri: f.pri,
      raw_coverage: f.coverage,
      unique_coverage: total.coverage - covOthers,
      cube: c,
      literals: literalsOf(c, k),
      core: literalsOf(c, k).map(() => false),
      essential: essential.has(t),
      membership: m,
      cases: data.cases.filter((_, i) => m[i] > 0.5 && data.y[i] > 0.5),
    };
  });
  return { expression: terms.map((t) => t.expression).join(" + "), terms, inclusion: total.inclusion, pri: total.pri, coverage: total.coverage };
}

interface Problem {
  k: number;
  on: number[];
  off: number[];
  observed: Set<number>;
}

function problemOf(tt: TruthTable): Problem {
  const k = tt.data.conditions.length;
  const on: number[] = [],
    off: number[] = [];
  for (const r of tt.rows) {
    if (r.out === "1") on.push(r.row - 1);
    else if (r.out === "0" || r.out === "C") off.push(r.row - 1);
  }
  return { k, on, off, observed: new Set([...on, ...off]) };
}

/** Rows of a cube (enumerated; the caller guarantees it is not huge). */
function rowsOfCube(c: Cube, k: number): number[] {
  const free: number[] = [];
  for (let j = 0; j < k; j++) if (!(c.mask & (1 << j))) free.push(1 << j);
  if (free.length > 22) throw new QcaInputError(`a cube with ${free.length} free conditions is too large to enumerate`);
  const out: number[] = [];
  for (let s = 0; s < 1 << free.length; s++) {
    let r = c.value;
    free.forEach((b, t) => {
      if (s & (1 << t)) r |= b;
    });
    out.push(r);
  }
  return out;
}

function complexPrimes(p: Problem): Cube[] {
  return quineMcCluskey(p.on, [], p.k);
}

function parsimoniousPrimes(p: Problem): Cube[] {
  if (2 ** p.k <= QM_LIMIT) {
    const dc: number[] = [];
    for (let r = 0; r < 2 ** p.k; r++) if (!p.observed.has(r)) dc.push(r);
    return quineMcCluskey(p.on, dc, p.k);
  }
  return primesAgainstOff(p.on, p.off, p.k);
}

function sortCubes(cs: Cube[], k: number): Cube[] {
  return [...cs].sort((a, b) => compareCubes(a, b, k));
}

/** Solve a chart and return the covers as cube lists (essential first, each part in R QCA order). */
function covers_(pis: Cube[], on: number[], k: number, maxNodes?: number, maxModels?: number): { sols: { cubes: Cube[]; essential: Set<number> }[]; heuristic: boolean; truncated: boolean } {
  const sorted = sortCubes(pis, k);
  const ch = solveChart(sorted, on, maxNodes, maxModels);
  const sols = ch.covers.map((cov) => {
    const ess = cov.filter((i) => ch.essential.includes(i)).sort((a, b) => a - b);
    const rest = cov.filter((i) => !ch.essential.includes(i)).sort((a, b) => a - b);
    return { cubes: [...ess, ...rest].map((i) => sorted[i]), essential: new Set(ess.map((_, t) => t)) };
  });
  return { sols, heuristic: ch.heuristic, truncated: ch.truncated };
}

/** Expand a complex term along the directional expectations: keep only literals equal to the expectation. */
function expandAlongExpectations(c: Cube, k: number, dir: (0 | 1 | "-")[]): Cube {
  let mask = 0,
    value = 0;
  for (let j = 0; j < k; j++) {
    const bit = 1 << (k - 1 - j);
    if (!(c.mask & bit)) continue;
    const v = c.value & bit ? 1 : 0;
    if (dir[j] === v) {
      mask |= bit;
      value |= c.value & bit;
    }
  }
  return { mask, value };
}

function intersect(a: Cube, b: Cube): Cube | null {
  const common = a.mask & b.mask;
  if ((a.value & common) !== (b.value & common)) return null;
  return { mask: a.mask | b.mask, value: a.value | b.value };
}

export function minimize(tt: TruthTable, opts: MinimizeOptions): MinimizeResult {
  const data = tt.data;
  const k = data.conditions.length;
  const p = problemOf(tt);
  if (!p.on.length) throw new QcaInputError("no truth-table row passes the cut-offs: there is nothing to minimise (lower --incl-cut or check the outcome)");
  let heuristic = false;
  const cx = covers_(complexPrimes(p), p.on, k, opts.maxNodes, opts.maxModels);
  heuristic ||= cx.heuristic;
  const ps = covers_(parsimoniousPrimes(p), p.on, k, opts.maxNodes, opts.maxModels);
  heuristic ||= ps.heuristic;
  let truncated = cx.truncated || ps.truncated;
  const parsCubes = ps.sols.map((s) => s.cubes);
  const complexCubes = cx.sols.map((s) => s.cubes);
  const withCore = (sol: Omit<Solution, "from" | "assumptions">, pars: Cube[][]): Omit<Solution, "from" | "assumptions"> => {
    for (const t of sol.terms) {
      const containing = pars.flat().filter((pc) => cubeWithin(t.cube, pc));
      t.core = t.literals.map((v, j) => v !== null && containing.some((pc) => (pc.mask & (1 << (k - 1 - j))) !== 0));
    }
    return sol;
  };
  const saOf = (cubes: Cube[]) => {
    if (2 ** k > QM_LIMIT) return undefined;
    const out: number[] = [];
    for (let r = 0; r < 2 ** k; r++) if (!p.observed.has(r) && cubes.some((c) => covers(c, r))) out.push(r + 1);
    return out;
  };
  if (opts.solution === "complex") {
    const solutions = cx.sols.map((s) => ({ ...withCore(solutionFit(data, s.cubes, s.essential), parsCubes), assumptions: [] }));
    return { type: "complex", solutions, heuristic, truncated, parsimonious: parsCubes, complex: complexCubes };
  }
  if (opts.solution === "parsimonious") {
    const solutions = ps.sols.map((s) => {
      const sol = solutionFit(data, s.cubes, s.essential);
      sol.terms.forEach((t) => (t.core = t.literals.map((v) => v !== null)));
      return { ...sol, assumptions: saOf(s.cubes) };
    });
    return { type: "parsimonious", solutions, heuristic, truncated, parsimonious: parsCubes, complex: complexCubes };
  }
  // intermediate
  const dirArr = data.conditions.map((c) => (opts.dirExp && c in opts.dirExp ? opts.dirExp[c] : "-"));
  if (opts.dirExp) for (const c of Object.keys(opts.dirExp)) if (!data.conditions.includes(c)) throw new QcaInputError(`directional expectation for unknown condition "${c}"`);
  const byExpr = new Map<string, Solution>();
  cx.sols.forEach((cs, ci) => {
    ps.sols.forEach((psol, pi) => {
      const easy = new Set<number>();
      for (const c of cs.cubes) {
        const e = expandAlongExpectations(c, k, dirArr);
        for (const pc of psol.cubes) {
          if (!cubeWithin(c, pc)) continue;
          const inter = intersect(e, pc);
          if (!inter) continue;
          for (const r of rowsOfCube(inter, k)) if (!p.observed.has(r)) easy.add(r);
        }
      }
      const primes = quineMcCluskey(p.on, [...easy], k);
      const sol = covers_(primes, p.on, k, opts.maxNodes, opts.maxModels);
      heuristic ||= sol.heuristic;
      truncated ||= sol.truncated;
      for (const s of sol.sols) {
        const fit = withCore(solutionFit(data, s.cubes, s.essential), [psol.cubes]);
        const prev = byExpr.get(fit.expression);
        const label = `C${ci + 1}P${pi + 1}`;
        if (prev) prev.from!.push(label);
        else byExpr.set(fit.expression, { ...fit, from: [label], assumptions: [...easy].sort((a, b) => a - b).map((r) => r + 1) });
      }
    });
  });
  return { type: "intermediate", solutions: [...byExpr.values()], heuristic, truncated, parsimonious: parsCubes, complex: complexCubes };
}

/** Parse directional expectations: "A,~B,C:-" / "A:1,B:0,C:-" / R's "A, B" (listed = present expected). */
export function parseDirExp(spec: string, names: string[]): DirExp {
  const out: DirExp = {};
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    let name = raw,
      v: 0 | 1 | "-" = 1;
    const colon = raw.lastIndexOf(":");
    if (colon > 0) {
      name = raw.slice(0, colon).trim();
      const s = raw.slice(colon + 1).trim();
      if (s === "1") v = 1;
      else if (s === "0") v = 0;
      else if (s === "-") v = "-";
      else throw new QcaInputError(`directional expectation "${raw}": the value after ":" must be 1, 0 or -`);
    }
    if (name.startsWith("~")) {
      if (colon > 0) throw new QcaInputError(`directional expectation "${raw}": use either ~ or :value`);
      name = name.slice(1).trim();
      v = 0;
    }
    if (name.includes("*")) throw new QcaInputError(`conjunctural directional expectations ("${raw}") are not supported; give one condition per entry`);
    if (!names.includes(name)) throw new QcaInputError(`directional expectation for unknown condition "${name}" (conditions: ${names.join(", ")})`);
    out[name] = v;
  }
  return out;
}
