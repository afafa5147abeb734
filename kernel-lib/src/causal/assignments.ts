/**
 * The TWFE coefficient under many reassignments of adoption periods to units (placebo draws, exact
 * randomization), as a parallel task. Each assignment is stored up front as codes into the sorted adoption values,
 * so the random draws are made once, in draw order, on the calling thread and every thread computes the same β*.
 */
import { Factor } from "../panel";
import { crossvec, matVec } from "../core/linalg";
import { ParallelTask, parallelMap } from "../core/parallel";
import { ProgressCallback, progressFor } from "../core/progress";
import { DidFrame, twoWayDemeaner, twoWaySums } from "./did";

/** Residuals of v on the columns (given (C'C)^-1). */
export function residualize(v: Float64Array, cols: Float64Array[], inv: Float64Array): Float64Array {
  const k = cols.length;
  const out = Float64Array.from(v);
  if (!k) return out;
  const g = matVec(inv, k, crossvec(cols, v));
  for (let j = 0; j < k; j++) for (let i = 0; i < out.length; i++) out[i] -= g[j] * cols[j][i];
  return out;
}

export interface AssignmentPayload {
  fes: Factor[];
  uCodes: Int32Array;
  tCodes: Int32Array;
  nU: number;
  nT: number;
  yt: Float64Array;
  Wt: Float64Array[];
  /** (W̃'W̃)⁻¹ of the demeaned covariates. */
  M: Float64Array;
  /** Time of each estimation row. */
  time: Float64Array;
  /** Sorted adoption values (0 = never). */
  vals: number[];
  /** Assignment a, unit u: adoption value vals[codes[a·nU + u]]. */
  codes: Uint16Array;
}

export function makeAssignmentBeta(p: AssignmentPayload): (a: number) => number {
  const n = p.uCodes.length;
  const d = new Float64Array(n);
  const treated = (a: number) => {
    const off = a * p.nU;
    for (let i = 0; i < n; i++) {
      const gi = p.vals[p.codes[off + p.uCodes[i]]];
      d[i] = gi > 0 && p.time[i] >= gi ? 1 : 0;
    }
  };
  if (n !== p.nU * p.nT) {
    const demeanD = twoWayDemeaner(p.fes, p.uCodes, p.tCodes, p.nU, p.nT);
    return (a) => {
      treated(a);
      return betaOf(residualize(demeanD(d), p.Wt, p.M), p.yt);
    };
  }
  return balancedAssignmentBeta(p, d, treated);
}

function betaOf(r: Float64Array, yt: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < r.length; i++) {
    num += r[i] * yt[i];
    den += r[i] * r[i];
  }
  return den > 0 ? num / den : NaN;
}

/**
 * The balanced panel's draw in three passes over the rows instead of 2k + 4: the same operations on every element
 * in the same order as twoWayDemeaner + residualize + betaOf (each sum still runs over i in order, each element's
 * subtractions still run over j in order), so β* is bit-identical.
 */
function balancedAssignmentBeta(p: AssignmentPayload, d: Float64Array, treated: (a: number) => void): (a: number) => number {
  const { uCodes, tCodes, nU, nT, Wt, M, yt } = p;
  const n = uCodes.length;
  const k = Wt.length;
  const { cntU, cntT, sumU, sumT, sums } = twoWaySums(uCodes, tCodes, nU, nT);
  const dt = new Float64Array(n);
  const wd = new Float64Array(k);
  return (a) => {
    treated(a);
    const all = sums(d);
    wd.fill(0);
    for (let i = 0; i < n; i++) {
      const v = d[i] - sumU[uCodes[i]] / cntU[uCodes[i]] - sumT[tCodes[i]] / cntT[tCodes[i]] + all;
      dt[i] = v;
      for (let j = 0; j < k; j++) wd[j] += Wt[j][i] * v;
    }
    const g = k ? matVec(M, k, wd) : wd;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      let r = dt[i];
      for (let j = 0; j < k; j++) r -= g[j] * Wt[j][i];
      num += r * yt[i];
      den += r * r;
    }
    return den > 0 ? num / den : NaN;
  };
}

const assignmentTask: ParallelTask<AssignmentPayload, number> = { module: "causal/assignments", name: "makeAssignmentBeta", make: makeAssignmentBeta };

/** β* for each stored assignment. */
export function assignmentBetas(f: DidFrame, M: Float64Array, vals: number[], codes: Uint16Array, label: string, opts: { threads?: number; onProgress?: ProgressCallback }): Float64Array {
  const nU = f.s.units.length;
  const payload: AssignmentPayload = {
    fes: f.fes, uCodes: f.uCodes, tCodes: f.tCodes, nU, nT: f.s.times.length, yt: f.yt, Wt: f.Wt, M,
    time: Float64Array.from(f.rows, (r) => f.s.time[r]), vals, codes,
  };
  const bar = progressFor(label, opts.onProgress);
  const out = Float64Array.from(parallelMap(assignmentTask, payload, codes.length / nU, { threads: opts.threads, minPerThread: 50, onProgress: bar.update }));
  bar.done();
  return out;
}

/** Codes of assignments into the sorted distinct values (at most 65,536 of them). */
export function assignmentCoder(values: readonly number[]): { vals: number[]; code: Map<number, number> } {
  const vals = [...new Set(values)].sort((a, b) => a - b);
  if (vals.length > 65536) throw new Error("assignments: more than 65,536 distinct adoption values");
  return { vals, code: new Map(vals.map((v, i) => [v, i])) };
}
