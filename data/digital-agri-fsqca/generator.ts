/**
 * Synthetic cases for digital-agri-fsqca (毕越, 赵翠萍, 区域经济评论 2025(4): 50–60).
 *
 * The paper prints no case-level data: only the calibration anchors and descriptive statistics (Table 3), the
 * necessity table (Table 4) and the six configurations with their fit (Table 5). This generator draws 31
 * anonymous cases (S01–S31, not provinces) in three steps, all randomness through kernel-lib's seeded `createRng`:
 *
 * 1. Marginals. For each variable a sorted vector of 31 raw values that has the printed anchors as its
 *    25th / 50th / 75th percentiles (R type 7: the anchors ending in .5 are averages of the 8th and 9th values),
 *    the printed minimum and maximum, and, by a seeded local search over the free values, the printed mean and
 *    standard deviation and the sum of fsQCA memberships that Table 4 implies (consistency / coverage = ΣX / ΣY).
 * 2. Assignment. Which case gets which value is found by simulated annealing over swaps, so that the memberships
 *    (fsQCA 3.0 direct calibration with the Table 3 anchors) reproduce the 64 numbers of Table 4 and the fit of the
 *    six printed configurations of Table 5 (each evaluated as the Boolean expression the chart prints).
 *    It also shapes the truth table: the rows the printed configurations cover (a configuration with a blank condition
 *    covers two rows) should hold cases and reach the raw-consistency cut-off `rowCut`, every other observed row should
 *    stay below it, so that the printed configurations can come out of the minimisation and not only fit as expressions.
 * 3. DEA. Eight inputs and one output (Table 2) per case, with the output adjusted by fixed-point rounds so that an
 *    input-oriented CCR model (kernel-lib `dea`) gives each case the outcome value assigned in step 2.
 */
import { StudyGenerator, createRng, dea, loadPublished, loadStudyModule, qca } from "kernel-lib";

export const CONDITIONS = ["DA", "DM", "C", "G", "A", "S", "E", "SC"] as const;
export const VARIABLES = [...CONDITIONS, "Y"] as const;
export const N_CASES = 31;
export const DEA_INPUTS = ["land", "labour", "machinery", "fertiliser", "electricity", "irrigation", "pesticide", "film"] as const;
export const DEA_OUTPUT = "output";

export interface Marginal { e: number; c: number; i: number; max: number; min: number; mean: number; sd: number; integer?: boolean }
export interface NecessityTarget { condition: string; consY: number; covY: number; consNY: number; covNY: number }
export interface TermTarget { label: string; expression: string; inclusion: number; raw: number; unique: number }
export interface Targets {
  marginals: Record<string, Marginal>;
  necessity: NecessityTarget[];
  terms: TermTarget[];
  solution: { inclusion: number; coverage: number };
}
export interface GeneratorOptions {
  seed: number;
  targets: Targets;
  /** Added to memberships of exactly 0.5 (the median case sits on the crossover). */
  crossoverAdjust?: number;
  /** Annealing steps (default 150 000). */
  iterations?: number;
  /** Divisor of the standard deviation: "n" (population) or "n-1". */
  sdDivisor?: "n" | "n-1";
  /** Raw-consistency cut-off the truth table is shaped for (default 0.67); 0 switches the truth-table term off. */
  rowCut?: number;
}

export interface Generated {
  cases: string[];
  /** Raw values per variable, in case order. */
  raw: Record<string, number[]>;
  /** DEA inputs and output per case. */
  deaInputs: number[][];
  deaOutput: number[];
  /** Membership sums implied by Table 4, used as targets in step 1. */
  impliedSums: Record<string, number>;
  /** Root-mean-square error of the annealing targets at the end, and the search's trace. */
  fit: { necessityRmse: number; termRmse: number; rowPenalty: number; deaMaxError: number; trace: { step: number; loss: number }[] };
}

/** The full truth-table rows (bit strings, first condition first) a conjunction covers. */
export function rowsOfTerm(expr: string, conditions: readonly string[] = CONDITIONS): string[] {
  const lits = expr.split("*").map((x) => x.trim());
  let rows = [""];
  for (const c of conditions) {
    const v = lits.includes(c) ? ["1"] : lits.includes("~" + c) ? ["0"] : ["0", "1"];
    rows = rows.flatMap((r) => v.map((b) => r + b));
  }
  return rows;
}

export function calibrate(x: ArrayLike<number>, m: Marginal, adjust = 0.001): Float64Array {
  const out = qca.calibrateDirect(x, { e: m.e, c: m.c, i: m.i }, { variant: "fsqca" });
  return out.map((v) => (v === 0.5 ? 0.5 + adjust : v));
}

/** ΣX and ΣY implied by Table 4: consistency / coverage = ΣX / ΣY (and ΣX / Σ~Y for the negated outcome). */
export function impliedSums(t: Targets, n = N_CASES): Record<string, number> {
  const base = t.necessity.filter((r) => !r.condition.startsWith("~"));
  const neg = (c: string) => t.necessity.find((r) => r.condition === "~" + c)!;
  // for X and ~X: ΣX/ΣY + Σ~X/ΣY = n/ΣY, and the same with ~Y
  const sy = base.map((r) => n / (r.consY / r.covY + neg(r.condition).consY / neg(r.condition).covY));
  const sny = base.map((r) => n / (r.consNY / r.covNY + neg(r.condition).consNY / neg(r.condition).covNY));
  const SY = (sy.reduce((a, b) => a + b, 0) / sy.length + n - sny.reduce((a, b) => a + b, 0) / sny.length) / 2;
  const out: Record<string, number> = { Y: SY };
  for (const r of base) {
    const q = neg(r.condition);
    const a = (r.consY / r.covY) * SY, b = (r.consNY / r.covNY) * (n - SY);
    const a2 = n - (q.consY / q.covY) * SY, b2 = n - (q.consNY / q.covNY) * (n - SY);
    out[r.condition] = (a + b + a2 + b2) / 4;
  }
  return out;
}

function stats(v: number[], div: "n" | "n-1") {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (div === "n" ? n : n - 1)) };
}

/** Step 1: a sorted vector with the printed quartile anchors, extremes, mean, SD and membership sum. */
export function marginalValues(m: Marginal, sumTarget: number, rng: ReturnType<typeof createRng>, div: "n" | "n-1", adjust: number, n = N_CASES): number[] {
  const q1 = 0.25 * (n - 1), q3 = 0.75 * (n - 1); // 7.5 and 22.5 for n = 31
  const lo1 = Math.floor(q1), lo3 = Math.floor(q3), mid = (n - 1) / 2;
  const v = new Array<number>(n);
  // start: piecewise linear through the pinned points
  const pins: [number, number][] = [[0, m.min], [q1, m.e], [mid, m.c], [q3, m.i], [n - 1, m.max]];
  for (let k = 0; k < n; k++) {
    let s = 0;
    while (s < pins.length - 2 && k > pins[s + 1][0]) s++;
    const [k0, v0] = pins[s], [k1, v1] = pins[s + 1];
    v[k] = v0 + ((v1 - v0) * (k - k0)) / (k1 - k0);
  }
  if (m.integer) for (let k = 0; k < n; k++) v[k] = Math.round(v[k]);
  const fix = () => {
    v[0] = m.min; v[n - 1] = m.max; v[mid] = m.c;
    v[lo1 + 1] = 2 * m.e - v[lo1];
    v[lo3 + 1] = 2 * m.i - v[lo3];
    // an upper anchor equal to the maximum (DEA scores capped at 1): every value from the 75th percentile up is the maximum
    if (m.i >= m.max) for (let k = lo3; k < n; k++) v[k] = m.max;
  };
  fix();
  // memberships of the current vector; a proposal recomputes only the values it moved
  const direct = qca.directCalibrator({ e: m.e, c: m.c, i: m.i }, { variant: "fsqca" });
  const score = (x: number) => { const u = direct(x); return u === 0.5 ? 0.5 + adjust : u; };
  const mu = Float64Array.from(v, score), muTry = Float64Array.from(mu);
  const old = v.slice();
  const loss = () => {
    for (let k = 1; k < n; k++) if (v[k] < v[k - 1] - 1e-12) return Infinity;
    if (v[lo3] > m.i + 1e-12 || v[lo1] > m.e + 1e-12) return Infinity;
    const s = stats(v, div);
    let sum = 0;
    for (let k = 0; k < n; k++) { muTry[k] = v[k] === old[k] ? mu[k] : score(v[k]); sum += muTry[k]; }
    return ((s.mean - m.mean) / m.sd) ** 2 + ((s.sd - m.sd) / m.sd) ** 2 + ((sum - sumTarget) / 0.25) ** 2;
  };
  const free = Array.from({ length: n }, (_, k) => k).filter((k) => k !== 0 && k !== n - 1 && k !== mid && k !== lo1 + 1 && k !== lo3 + 1 && !(m.i >= m.max && k >= lo3));
  let best = loss();
  for (let it = 0; it < 20000 && best > 1e-7; it++) {
    const k = free[Math.floor(rng.uniform() * free.length)];
    for (let j = 0; j < n; j++) old[j] = v[j];
    const width = Math.max(1e-9, (m.max - m.min) / n);
    v[k] += m.integer ? (rng.uniform() < 0.5 ? -1 : 1) : rng.normal(0, width * (it < 10000 ? 0.5 : 0.1));
    fix();
    const l = loss();
    if (l <= best && Number.isFinite(l)) { best = l; mu.set(muTry); }
    else for (let j = 0; j < n; j++) v[j] = old[j];
  }
  return v;
}

/** Membership in a conjunction written as "DA*~C*SC". */
export function termMembership(expr: string, mem: Record<string, ArrayLike<number>>, n = N_CASES): Float64Array {
  const lits = expr.split("*").map((s) => s.trim());
  const out = new Float64Array(n).fill(1);
  for (const l of lits) {
    const neg = l.startsWith("~");
    const x = mem[neg ? l.slice(1) : l];
    for (let i = 0; i < n; i++) out[i] = Math.min(out[i], neg ? 1 - x[i] : x[i]);
  }
  return out;
}

/** Fit of a set of printed terms: per term inclusion, raw and unique coverage; the solution's inclusion and coverage. */
export function termsFit(exprs: string[], mem: Record<string, ArrayLike<number>>, y: ArrayLike<number>, n = N_CASES) {
  const ms = exprs.map((e) => termMembership(e, mem, n));
  const sy = Array.from(y).reduce((a, b) => a + b, 0);
  const cov = (x: ArrayLike<number>) => { let s = 0; for (let i = 0; i < n; i++) s += Math.min(x[i], y[i]); return s; };
  const sum = (x: ArrayLike<number>) => { let s = 0; for (let i = 0; i < n; i++) s += x[i]; return s; };
  const union = (skip: number) => { const u = new Float64Array(n); ms.forEach((m, t) => { if (t !== skip) for (let i = 0; i < n; i++) u[i] = Math.max(u[i], m[i]); }); return u; };
  const all = union(-1);
  const solCov = cov(all) / sy;
  const terms = ms.map((m, t) => ({ expression: exprs[t], inclusion: cov(m) / sum(m), raw: cov(m) / sy, unique: solCov - cov(union(t)) / sy }));
  return { terms, inclusion: cov(all) / sum(all), coverage: solCov };
}

export function necessityFit(x: ArrayLike<number>, y: ArrayLike<number>, n = N_CASES) {
  let sxy = 0, sxny = 0, sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sxy += Math.min(x[i], y[i]); sxny += Math.min(x[i], 1 - y[i]); sx += x[i]; sy += y[i]; }
  return { consY: sxy / sy, covY: sxy / sx, consNY: sxny / (n - sy), covNY: sxny / sx };
}

/** Rows of the truth table as integers: the first condition is the highest bit (the bit strings of rowsOfTerm). */
function rowKeys(exprs: string[]): number[] {
  return [...new Set(exprs.flatMap((e) => rowsOfTerm(e)))].map((r) => parseInt(r, 2));
}

/**
 * The annealing loss from scratch: RMSE² of Table 4 (ne) and of Table 5 (te), and the truth-table penalty (rp):
 * wanted rows observed and ≥ rowCut + 0.005, others < rowCut − 0.01. The definition SwapLoss must equal.
 */
export function annealParts(t: Targets, mem: Record<string, ArrayLike<number>>, rowCut: number, n = N_CASES) {
  let ne = 0, nn = 0;
  for (const r of t.necessity) {
    const neg = r.condition.startsWith("~");
    const c = neg ? r.condition.slice(1) : r.condition;
    const x = neg ? Array.from(mem[c], (v) => 1 - v) : mem[c];
    const f = necessityFit(x, mem.Y, n);
    ne += (f.consY - r.consY) ** 2 + (f.covY - r.covY) ** 2 + (f.consNY - r.consNY) ** 2 + (f.covNY - r.covNY) ** 2;
    nn += 4;
  }
  const tf = termsFit(t.terms.map((x) => x.expression), mem, mem.Y, n);
  let te = 0, tn = 0;
  tf.terms.forEach((f, k) => {
    const g = t.terms[k];
    te += (f.inclusion - g.inclusion) ** 2 + (f.raw - g.raw) ** 2 + (f.unique - g.unique) ** 2;
    tn += 3;
  });
  te += (tf.inclusion - t.solution.inclusion) ** 2 + (tf.coverage - t.solution.coverage) ** 2;
  tn += 2;
  let rp = 0;
  if (rowCut > 0) {
    const wanted = new Set(rowKeys(t.terms.map((x) => x.expression)));
    const C = CONDITIONS.length;
    const seen = new Map<number, number>(); // row → cases, in the order rows are first seen
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (let j = 0; j < C; j++) key = 2 * key + (mem[CONDITIONS[j]][i] > 0.5 ? 1 : 0);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const w of wanted) if (!seen.has(w)) rp += 0.01;
    for (const key of seen.keys()) {
      let sm = 0, smy = 0;
      for (let i = 0; i < n; i++) {
        let m = 1;
        for (let j = 0; j < C; j++) { const x = mem[CONDITIONS[j]][i]; m = Math.min(m, (key >> (C - 1 - j)) & 1 ? x : 1 - x); }
        sm += m; smy += Math.min(m, mem.Y[i]);
      }
      const incl = smy / sm;
      if (wanted.has(key)) rp += Math.max(0, rowCut + 0.005 - incl) ** 2;
      else rp += Math.max(0, incl - (rowCut - 0.01)) ** 2;
    }
  }
  return { ne: ne / nn, te: te / tn, rp };
}

export const annealLoss = (p: { ne: number; te: number; rp: number }) => p.ne + 2 * p.te + 0.02 * p.rp;

/**
 * The annealing loss kept up to date under swaps of one condition's memberships between two cases. A swap changes
 * only those two cases' contributions, so only they are recomputed (the term and truth-row memberships, the
 * necessity rows of that condition); every sum whose terms changed is summed again over all cases in case order,
 * so `value()` equals annealLoss(annealParts(...)) bit for bit (test/fsqca-generator.test.ts).
 */
export class SwapLoss {
  private readonly C = CONDITIONS.length;
  private readonly x: Float64Array[];
  private readonly y: Float64Array;
  private readonly sy: number;
  // Table 4: one row per printed condition (negated or not), its four targets and its squared error
  private readonly necCond: Int32Array;
  private readonly necNeg: Uint8Array;
  private readonly necErr: Float64Array;
  private readonly necDirty: Uint8Array;
  // Table 5: memberships in each term, in the union of all terms and of all but one, and their sums
  private readonly lits: { cond: number; neg: boolean }[][];
  private readonly termHas: Uint8Array;
  private readonly ms: Float64Array[];
  private readonly loo: Float64Array[];
  private readonly all: Float64Array;
  private readonly termCov: Float64Array;
  private readonly termSum: Float64Array;
  private readonly looCov: Float64Array;
  private allCov = 0;
  private allSum = 0;
  private readonly termDirty: Uint8Array;
  private readonly looDirty: Uint8Array;
  private allDirty = true;
  // truth-table rows (key = row as an integer): each case's row, cases per row, row memberships of every case
  private readonly wanted: Uint8Array;
  private readonly wantedKeys: number[];
  private readonly caseKey: Int32Array;
  private readonly keyCount: Int32Array;
  private readonly rowMem: Float64Array;
  private readonly rowMemY: Float64Array;
  private readonly keyValid: Uint8Array;
  private readonly keyDirty: Uint8Array;
  private readonly keyPen: Float64Array;
  private readonly tracked: Int32Array;
  private trackedCount = 0;
  private readonly lastSeen: Int32Array;
  private swaps = 0;
  private readonly stamp: Int32Array;
  private stampNow = 0;

  constructor(private readonly t: Targets, mem: Record<string, Float64Array>, private readonly rowCut: number, private readonly n = N_CASES) {
    const C = this.C, K = 1 << C;
    const condIndex = (c: string) => {
      const j = (CONDITIONS as readonly string[]).indexOf(c);
      if (j < 0) throw new Error(`generator targets: unknown condition "${c}"`);
      return j;
    };
    this.x = CONDITIONS.map((c) => mem[c]);
    this.y = mem.Y;
    let sy = 0;
    for (let i = 0; i < n; i++) sy += this.y[i];
    this.sy = sy;
    const R = t.necessity.length;
    this.necCond = Int32Array.from(t.necessity, (r) => condIndex(r.condition.replace(/^~/, "")));
    this.necNeg = Uint8Array.from(t.necessity, (r) => (r.condition.startsWith("~") ? 1 : 0));
    this.necErr = new Float64Array(R);
    this.necDirty = new Uint8Array(R).fill(1);
    const T = t.terms.length;
    this.lits = t.terms.map((g) => g.expression.split("*").map((l) => l.trim()).map((l) => ({ cond: condIndex(l.replace(/^~/, "")), neg: l.startsWith("~") })));
    this.termHas = new Uint8Array(T * C);
    this.lits.forEach((ls, k) => ls.forEach((l) => (this.termHas[k * C + l.cond] = 1)));
    this.ms = t.terms.map(() => new Float64Array(n));
    this.loo = t.terms.map(() => new Float64Array(n));
    this.all = new Float64Array(n);
    this.termCov = new Float64Array(T);
    this.termSum = new Float64Array(T);
    this.looCov = new Float64Array(T);
    this.termDirty = new Uint8Array(T).fill(1);
    this.looDirty = new Uint8Array(T).fill(1);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < T; k++) this.ms[k][i] = this.termAt(k, i);
      this.unionsAt(i);
    }
    this.wantedKeys = rowKeys(t.terms.map((g) => g.expression));
    this.wanted = new Uint8Array(K);
    for (const w of this.wantedKeys) this.wanted[w] = 1;
    this.caseKey = new Int32Array(n);
    this.keyCount = new Int32Array(K);
    this.rowMem = new Float64Array(K * n);
    this.rowMemY = new Float64Array(K * n);
    this.keyValid = new Uint8Array(K);
    this.keyDirty = new Uint8Array(K);
    this.keyPen = new Float64Array(K);
    this.stamp = new Int32Array(K);
    this.tracked = new Int32Array(K);
    this.lastSeen = new Int32Array(K);
    for (let i = 0; i < n; i++) {
      this.caseKey[i] = this.keyOf(i);
      this.keyCount[this.caseKey[i]]++;
    }
    this.refreshRows(-1, -1, -1);
  }

  /** Swap condition `ci`'s memberships of cases a and b (the caller swaps the permutation). */
  swap(ci: number, a: number, b: number): void {
    const x = this.x[ci], xa = x[a];
    x[a] = x[b];
    x[b] = xa;
    for (let r = 0; r < this.necCond.length; r++) if (this.necCond[r] === ci) this.necDirty[r] = 1;
    for (let k = 0; k < this.lits.length; k++) {
      if (!this.termHas[k * this.C + ci]) continue;
      const ma = this.termAt(k, a), mb = this.termAt(k, b);
      if (ma !== this.ms[k][a] || mb !== this.ms[k][b]) this.termDirty[k] = 1;
      this.ms[k][a] = ma;
      this.ms[k][b] = mb;
    }
    this.unionsAt(a);
    this.unionsAt(b);
    if (!(this.rowCut > 0)) return;
    const oldA = this.caseKey[a], oldB = this.caseKey[b];
    this.keyCount[oldA]--;
    this.keyCount[oldB]--;
    this.caseKey[a] = this.keyOf(a);
    this.caseKey[b] = this.keyOf(b);
    this.keyCount[this.caseKey[a]]++;
    this.keyCount[this.caseKey[b]]++;
    this.refreshRows(ci, a, b);
  }

  /** The loss: ne + 2 te + 0.02 rp, as annealLoss(annealParts(...)). */
  value(): number {
    const t = this.t;
    let ne = 0;
    for (let r = 0; r < this.necErr.length; r++) {
      if (this.necDirty[r]) { this.necErr[r] = this.necessityError(r); this.necDirty[r] = 0; }
      ne += this.necErr[r];
    }
    if (this.allDirty) { this.allCov = this.covOf(this.all); this.allSum = this.sumOf(this.all); this.allDirty = false; }
    const sy = this.sy, solCov = this.allCov / sy;
    let te = 0;
    for (let k = 0; k < this.ms.length; k++) {
      if (this.termDirty[k]) { this.termCov[k] = this.covOf(this.ms[k]); this.termSum[k] = this.sumOf(this.ms[k]); this.termDirty[k] = 0; }
      if (this.looDirty[k]) { this.looCov[k] = this.covOf(this.loo[k]); this.looDirty[k] = 0; }
      const g = t.terms[k];
      const inclusion = this.termCov[k] / this.termSum[k], raw = this.termCov[k] / sy, unique = solCov - this.looCov[k] / sy;
      te += (inclusion - g.inclusion) ** 2 + (raw - g.raw) ** 2 + (unique - g.unique) ** 2;
    }
    te += (this.allCov / this.allSum - t.solution.inclusion) ** 2 + (solCov - t.solution.coverage) ** 2;
    const ne4 = ne / (4 * this.necErr.length), te3 = te / (3 * this.ms.length + 2);
    return ne4 + 2 * te3 + 0.02 * this.rowPenalty();
  }

  private covOf(m: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.min(m[i], this.y[i]);
    return s;
  }

  private sumOf(m: Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += m[i];
    return s;
  }

  private necessityError(r: number): number {
    const n = this.n, x = this.x[this.necCond[r]], y = this.y, neg = this.necNeg[r] === 1, g = this.t.necessity[r];
    let sxy = 0, sxny = 0, sx = 0;
    for (let i = 0; i < n; i++) {
      const xi = neg ? 1 - x[i] : x[i];
      sxy += Math.min(xi, y[i]); sxny += Math.min(xi, 1 - y[i]); sx += xi;
    }
    const sy = this.sy;
    const consY = sxy / sy, covY = sxy / sx, consNY = sxny / (n - sy), covNY = sxny / sx;
    return (consY - g.consY) ** 2 + (covY - g.covY) ** 2 + (consNY - g.consNY) ** 2 + (covNY - g.covNY) ** 2;
  }

  private termAt(k: number, i: number): number {
    let m = 1;
    for (const l of this.lits[k]) { const v = this.x[l.cond][i]; m = Math.min(m, l.neg ? 1 - v : v); }
    return m;
  }

  /** The union of all terms and of all terms but one at case i; marks the sums whose terms changed. */
  private unionsAt(i: number): void {
    const T = this.ms.length;
    let u = 0;
    for (let k = 0; k < T; k++) u = Math.max(u, this.ms[k][i]);
    if (u !== this.all[i]) { this.all[i] = u; this.allDirty = true; }
    for (let s = 0; s < T; s++) {
      let w = 0;
      for (let k = 0; k < T; k++) if (k !== s) w = Math.max(w, this.ms[k][i]);
      if (w !== this.loo[s][i]) { this.loo[s][i] = w; this.looDirty[s] = 1; }
    }
  }

  private keyOf(i: number): number {
    let key = 0;
    for (let j = 0; j < this.C; j++) key = 2 * key + (this.x[j][i] > 0.5 ? 1 : 0);
    return key;
  }

  /**
   * Membership of case i in truth-table row `key` into the row caches; true when it changed. After a swap of
   * condition ci (its value at i was `was`) the cached minimum stands unless ci's literal was that minimum.
   */
  private rowAt(key: number, i: number, ci = -1, was = 0): boolean {
    const C = this.C, at = key * this.n + i;
    let m = 1;
    if (ci >= 0) {
      const on = (key >> (C - 1 - ci)) & 1, v = this.x[ci][i];
      const before = on ? was : 1 - was;
      if (before > this.rowMem[at]) m = Math.min(this.rowMem[at], on ? v : 1 - v);
      else ci = -1;
    }
    if (ci < 0) for (let j = 0; j < C; j++) { const v = this.x[j][i]; m = Math.min(m, (key >> (C - 1 - j)) & 1 ? v : 1 - v); }
    const my = Math.min(m, this.y[i]);
    const changed = m !== this.rowMem[at] || my !== this.rowMemY[at];
    this.rowMem[at] = m;
    this.rowMemY[at] = my;
    return changed;
  }

  /**
   * Brings the cached row memberships up to date after condition ci was swapped between cases a and b (ci = -1:
   * compute them). A row is tracked while it has cases and for one swap after (a rejected swap is undone by the
   * next one, and the row comes back); a row seen again after that is computed afresh.
   */
  private refreshRows(ci: number, a: number, b: number): void {
    const n = this.n, sw = ++this.swaps;
    let kept = 0;
    for (let r = 0; r < this.trackedCount; r++) {
      const key = this.tracked[r];
      if (this.keyCount[key] > 0) this.lastSeen[key] = sw;
      else if (this.lastSeen[key] < sw - 1) { this.keyValid[key] = 0; continue; }
      const x = this.x[ci], ca = this.rowAt(key, a, ci, x[b]), cb = this.rowAt(key, b, ci, x[a]);
      if (ca || cb) this.keyDirty[key] = 1;
      this.tracked[kept++] = key;
    }
    this.trackedCount = kept;
    for (let i = 0; i < n; i++) {
      const key = this.caseKey[i];
      if (this.keyValid[key]) continue;
      for (let c = 0; c < n; c++) this.rowAt(key, c);
      this.keyValid[key] = 1;
      this.keyDirty[key] = 1;
      this.lastSeen[key] = sw;
      this.tracked[this.trackedCount++] = key;
    }
  }

  /** The truth-table penalty: each wanted row without cases, then each observed row in the order first seen. */
  private rowPenalty(): number {
    if (!(this.rowCut > 0)) return 0;
    const n = this.n, cut = this.rowCut;
    let pen = 0;
    for (const w of this.wantedKeys) if (this.keyCount[w] === 0) pen += 0.01;
    const stamp = ++this.stampNow;
    for (let i = 0; i < n; i++) {
      const key = this.caseKey[i];
      if (this.stamp[key] === stamp) continue;
      this.stamp[key] = stamp;
      if (this.keyDirty[key]) {
        let sm = 0, smy = 0;
        for (let c = key * n, e = c + n; c < e; c++) { sm += this.rowMem[c]; smy += this.rowMemY[c]; }
        const incl = smy / sm;
        this.keyPen[key] = this.wanted[key] ? Math.max(0, cut + 0.005 - incl) ** 2 : Math.max(0, incl - (cut - 0.01)) ** 2;
        this.keyDirty[key] = 0;
      }
      pen += this.keyPen[key];
    }
    return pen;
  }
}

export function generate(o: GeneratorOptions): Generated {
  const t = o.targets, adj = o.crossoverAdjust ?? 0.001, div = o.sdDivisor ?? "n", n = N_CASES;
  const rng = createRng(o.seed, "synthetic-fsqca-cases");
  const sums = impliedSums(t, n);
  // step 1
  const sorted: Record<string, number[]> = {};
  const memSorted: Record<string, Float64Array> = {};
  for (const v of VARIABLES) {
    sorted[v] = marginalValues(t.marginals[v], sums[v], rng, div, adj, n);
    memSorted[v] = calibrate(sorted[v], t.marginals[v], adj);
  }
  // step 2: perm[v][case] = index into the sorted vector
  const perm: Record<string, number[]> = {};
  for (const v of VARIABLES) {
    const p = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) { const j = Math.floor(rng.uniform() * (k + 1)); [p[k], p[j]] = [p[j], p[k]]; }
    perm[v] = p;
  }
  const mem: Record<string, Float64Array> = {};
  const refresh = (v: string) => { const m = new Float64Array(n); for (let i = 0; i < n; i++) m[i] = memSorted[v][perm[v][i]]; mem[v] = m; };
  for (const v of VARIABLES) refresh(v);
  const rowCut = o.rowCut ?? 0.67;
  const iters = o.iterations ?? 150000;
  // the loss of each proposed swap, updated for the two swapped cases only (equal bit for bit to annealParts)
  const loss = new SwapLoss(t, mem, rowCut, n);
  let cur = loss.value();
  let best = cur;
  const bestPerm: Record<string, number[]> = {};
  for (const v of VARIABLES) bestPerm[v] = perm[v].slice();
  const T0 = 2e-3, T1 = 1e-7;
  const trace: { step: number; loss: number }[] = [];
  const names = [...CONDITIONS] as string[];
  for (let it = 0; it < iters; it++) {
    const T = T0 * Math.pow(T1 / T0, it / iters);
    const ci = Math.floor(rng.uniform() * names.length);
    const a = Math.floor(rng.uniform() * n);
    let b = Math.floor(rng.uniform() * (n - 1));
    if (b >= a) b++;
    const p = perm[names[ci]];
    const pa = p[a];
    p[a] = p[b];
    p[b] = pa;
    loss.swap(ci, a, b);
    const l = loss.value();
    if (l <= cur || rng.uniform() < Math.exp((cur - l) / T)) {
      cur = l;
      if (l < best) {
        best = l;
        for (const v of names) { const q = perm[v], bq = bestPerm[v]; for (let i = 0; i < n; i++) bq[i] = q[i]; }
      }
    } else {
      p[b] = p[a];
      p[a] = pa;
      loss.swap(ci, a, b);
    }
    if (it % Math.max(1, Math.floor(iters / 60)) === 0) trace.push({ step: it, loss: cur });
  }
  for (const v of VARIABLES) { perm[v] = bestPerm[v]; refresh(v); }
  const fin = annealParts(t, mem, rowCut, n);
  const raw: Record<string, number[]> = {};
  for (const v of VARIABLES) raw[v] = perm[v].map((k) => sorted[v][k]);
  // step 3: DEA inputs and output
  const base = [5200, 600, 3500, 180, 300, 2200, 5.5, 8]; // 10³ ha, 10⁴ persons, 10⁴ kW, 10⁴ t, 10⁸ kWh, 10³ ha, 10⁴ t, 10⁴ t
  const size = Array.from({ length: n }, () => Math.exp(rng.normal(0, 0.7)));
  const X = size.map((s) => base.map((b) => b * s * Math.exp(rng.normal(0, 0.3))));
  const Yout = size.map((s, i) => 2000 * s * raw.Y[i]);
  let deaMaxError = Infinity;
  for (let round = 0; round < 60 && deaMaxError > 1e-7; round++) {
    const r = dea({ dmus: Array.from({ length: n }, (_, i) => String(i)), X, Y: Yout.map((y) => [y]) }, { model: "ccr", orientation: "input", rts: "crs" });
    deaMaxError = 0;
    r.forEach((res, i) => {
      const e = res.efficiency ?? 1;
      deaMaxError = Math.max(deaMaxError, Math.abs(e - raw.Y[i]));
      Yout[i] *= raw.Y[i] / e;
    });
  }
  const cases = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(2, "0")}`);
  return {
    cases, raw, deaInputs: X, deaOutput: Yout, impliedSums: sums,
    fit: { necessityRmse: Math.sqrt(fin.ne), termRmse: Math.sqrt(fin.te), rowPenalty: fin.rp, deaMaxError, trace },
  };
}

/** The notebook's parameters that shape the draw (the declared defaults when `regionlab template` calls it). */
export interface SynthesizeParams { seed: number; anchors: Record<string, number[]>; annealSteps: number; crossoverAdjust: number }

/**
 * The notebook's synthetic cases from its parameters: the calibration targets are the printed Tables 3–5 read from
 * published.json (through the study module's `generatorTargets`), the anchors those of the parameters cell.
 */
export function synthesize(p: SynthesizeParams): Generated {
  const study = loadStudyModule<typeof import("./study")>("digital-agri-fsqca", "study");
  const targets = study.generatorTargets(loadPublished("digital-agri-fsqca"), study.checkAnchors(p.anchors));
  return generate({ seed: p.seed, targets, iterations: p.annealSteps, crossoverAdjust: p.crossoverAdjust });
}

/** The drawn cases in the schema's columns: case, the eight conditions, Y, the DEA inputs and output. */
export function caseColumns(g: Generated): Record<string, (string | number)[]> {
  const cols: Record<string, (string | number)[]> = { case: g.cases };
  for (const v of VARIABLES) cols[v] = g.raw[v];
  DEA_INPUTS.forEach((k, j) => (cols[k] = g.deaInputs.map((x) => x[j])));
  cols[DEA_OUTPUT] = g.deaOutput;
  return cols;
}

/** What `regionlab template digital-agri-fsqca` writes: the notebook's synthetic cases with their DEA data. */
export function templateData(p: Record<string, unknown>) {
  const anchors = p.anchors as Record<string, number[]>;
  const g = synthesize({ seed: Number(p.seed), anchors, annealSteps: Number(p.annealSteps), crossoverAdjust: Number(p.crossoverAdjust) });
  return { cases: caseColumns(g) };
}

/**
 * The generator as kernel-lib's StudyGenerator: the drawn cases in the schema's columns; the truth is the printed
 * Tables 3–5 it was calibrated to and the fit it reached; no planted coefficients (fsQCA estimates none).
 */
export const studyGenerator: StudyGenerator<SynthesizeParams, { targets: Targets; fit: Generated["fit"] }> = {
  generate(p) {
    const study = loadStudyModule<typeof import("./study")>("digital-agri-fsqca", "study");
    const g = synthesize(p);
    return { panel: caseColumns(g), truth: { targets: study.generatorTargets(loadPublished("digital-agri-fsqca"), p.anchors), fit: g.fit }, planted: {} };
  },
};
