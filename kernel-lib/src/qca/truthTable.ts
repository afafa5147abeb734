/**
 * The fuzzy-set truth table (Ragin 2008, ch. 7; R QCA `truthTable()`).
 *
 * Each case belongs to the one row (corner of the property space) in which its membership exceeds 0.5:
 * condition j is coded 1 when x_j > 0.5. A case with a membership of exactly 0.5 in some condition belongs to
 * no row; it is listed in `unassigned` (fsQCA drops it, R QCA refuses it) but still counts in the sums below.
 * For every row r the membership of case i is m_ri = min_j (x_ij if r_j = 1 else 1 − x_ij), and
 *   n     = number of cases with m_ri > 0.5,
 *   incl  = Σ_i min(m_ri, y_i) / Σ_i m_ri            (raw consistency, over all cases),
 *   PRI   = (Σ min(m, y) − Σ min(m, y, 1 − y)) / (Σ m − Σ min(m, y, 1 − y)).
 * Output value: "?" (remainder) when n < nCut; "1" when incl ≥ inclCut[0] and PRI ≥ priCut; "C" (contradiction)
 * when incl ≥ inclCut[1] otherwise (only when two inclusion cut-offs are given, as R QCA's incl.cut = c(ic1, ic0));
 * "0" otherwise. Row numbers follow R QCA: 1 + the binary number of the row, first condition most significant.
 */
import { fuzzyNot } from "./sets";

export interface QcaData {
  /** Condition names as given (used verbatim in expressions). */
  conditions: string[];
  /** Outcome name as given (a leading "~" means the outcome was negated). */
  outcome: string;
  /** Calibrated membership per condition, each of length nCases. */
  X: Float64Array[];
  y: Float64Array;
  cases: string[];
}

export class QcaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QcaInputError";
  }
}

/** Build QcaData from columns; `~Y` as outcome name negates it. Memberships must lie in [0, 1]. */
export function qcaData(columns: Record<string, ArrayLike<number>>, outcome: string, conditions: string[], cases?: string[]): QcaData {
  const neg = outcome.startsWith("~");
  const oname = neg ? outcome.slice(1) : outcome;
  const get = (name: string) => {
    const c = columns[name];
    if (!c) throw new QcaInputError(`no column "${name}" (have: ${Object.keys(columns).join(", ")})`);
    const a = Float64Array.from(c);
    a.forEach((v, i) => {
      if (!(v >= 0 && v <= 1)) throw new QcaInputError(`column "${name}", case ${i + 1}: membership ${v} is not in [0, 1] (calibrate it first)`);
    });
    return a;
  };
  if (!conditions.length) throw new QcaInputError("at least one condition is needed");
  if (conditions.length > 30) throw new QcaInputError("at most 30 conditions are supported");
  if (conditions.includes(oname)) throw new QcaInputError(`the outcome "${oname}" is also listed as a condition`);
  const y = get(oname);
  const X = conditions.map(get);
  const n = y.length;
  return { conditions, outcome, X, y: neg ? fuzzyNot(y) : y, cases: cases ?? Array.from({ length: n }, (_, i) => String(i + 1)) };
}

export type OutValue = "1" | "0" | "C" | "?";

export interface TruthTableRow {
  /** R QCA row number: 1 + binary value, first condition most significant. */
  row: number;
  /** 0/1 per condition. */
  values: number[];
  n: number;
  cases: string[];
  inclusion: number;
  pri: number;
  out: OutValue;
}

export interface TruthTableOptions {
  /** Inclusion cut-off; a pair [ic1, ic0] codes rows with ic0 ≤ incl < ic1 as contradictions "C". Default 1. */
  inclCut?: number | [number, number];
  /** PRI cut-off for a positive row (default 0). */
  priCut?: number;
  /** Minimum number of cases for a row to count as observed (default 1). */
  nCut?: number;
}

export interface TruthTable {
  data: QcaData;
  options: Required<Pick<TruthTableOptions, "priCut" | "nCut">> & { inclCut: [number, number] };
  /** Observed rows (n ≥ 1), ordered by row number. Rows with 0 < n < nCut have out "?". */
  rows: TruthTableRow[];
  /** Number of logical remainders (rows without any case), 2^k − observed. */
  remainders: number;
  /** Cases with a membership of exactly 0.5 in some condition (in no row). */
  unassigned: { case: string; conditions: string[] }[];
  /** Membership of each case in each observed row: rowMembership[r][i]. */
  rowMembership: Float64Array[];
}

const EPS = 1e-10;

export function rowMembership(data: QcaData, bits: number[]): Float64Array {
  const n = data.y.length;
  const m = new Float64Array(n).fill(1);
  bits.forEach((b, j) => {
    const x = data.X[j];
    for (let i = 0; i < n; i++) {
      const v = b === 1 ? x[i] : 1 - x[i];
      if (v < m[i]) m[i] = v;
    }
  });
  return m;
}

export function bitsOf(row: number, k: number): number[] {
  return Array.from({ length: k }, (_, j) => (row >> (k - 1 - j)) & 1);
}

export function truthTable(data: QcaData, opts: TruthTableOptions = {}): TruthTable {
  const k = data.conditions.length;
  const ic = opts.inclCut ?? 1;
  const inclCut: [number, number] = Array.isArray(ic) ? [ic[0], ic[1]] : [ic, ic];
  if (!(inclCut[1] <= inclCut[0])) throw new QcaInputError(`inclCut [ic1, ic0] needs ic0 ≤ ic1, got [${inclCut}]`);
  const priCut = opts.priCut ?? 0;
  const nCut = opts.nCut ?? 1;
  const n = data.y.length;
  const groups = new Map<number, number[]>();
  const unassigned: { case: string; conditions: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const half = data.conditions.filter((_, j) => data.X[j][i] === 0.5);
    if (half.length) {
      unassigned.push({ case: data.cases[i], conditions: half });
      continue;
    }
    let r = 0;
    for (let j = 0; j < k; j++) r = r * 2 + (data.X[j][i] > 0.5 ? 1 : 0);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(i);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const rows: TruthTableRow[] = [];
  const memberships: Float64Array[] = [];
  for (const r of keys) {
    const values = bitsOf(r, k);
    const m = rowMembership(data, values);
    let sm = 0,
      smy = 0,
      smyn = 0;
    for (let i = 0; i < n; i++) {
      const a = m[i],
        b = data.y[i];
      sm += a;
      const my = Math.min(a, b);
      smy += my;
      smyn += Math.min(my, 1 - b);
    }
    const inclusion = sm > 0 ? smy / sm : NaN;
    const pri = sm - smyn > 0 ? (smy - smyn) / (sm - smyn) : NaN;
    const idx = groups.get(r)!;
    let out: OutValue;
    if (idx.length < nCut) out = "?";
    else if (inclusion >= inclCut[0] - EPS && !(pri < priCut - EPS)) out = "1";
    else if (inclCut[1] < inclCut[0] && inclusion >= inclCut[1] - EPS) out = "C";
    else out = "0";
    rows.push({ row: r + 1, values, n: idx.length, cases: idx.map((i) => data.cases[i]), inclusion, pri, out });
    memberships.push(m);
  }
  return { data, options: { inclCut, priCut, nCut }, rows, remainders: 2 ** k - rows.length, unassigned, rowMembership: memberships };
}

/** Rows for display: observed rows, and with `complete` every remainder as "?" (only for k ≤ 12). */
export function truthTableRows(tt: TruthTable, complete = false): Record<string, string | number>[] {
  const k = tt.data.conditions.length;
  const obs = new Map(tt.rows.map((r) => [r.row, r]));
  const ids = complete && k <= 12 ? Array.from({ length: 2 ** k }, (_, r) => r + 1) : tt.rows.map((r) => r.row);
  return ids.map((id) => {
    const r = obs.get(id);
    const values = r ? r.values : bitsOf(id - 1, k);
    const rec: Record<string, string | number> = { row: id };
    tt.data.conditions.forEach((c, j) => (rec[c] = values[j]));
    rec.OUT = r ? r.out : "?";
    rec.n = r ? r.n : 0;
    rec.incl = r ? r.inclusion : "-";
    rec.PRI = r ? r.pri : "-";
    rec.cases = r ? r.cases.join(",") : "";
    return rec;
  });
}
