/**
 * Robustness sweeps (in the spirit of Oana & Schneider 2021): re-run the analysis over a grid of calibration
 * crossovers and cut-offs and report how the solution changes against the baseline. A crossover shift s moves
 * c to c + s·(i − e) for every directly calibrated column (anchors e and i stay; a shift that leaves c outside
 * (e, i) is skipped). Each scenario reports its solution(s), fit, and the terms added or dropped.
 */
import { Analysis, AnalysisSpec, CalibrationSpec, analyse } from "./analysis";

export interface SweepGrid {
  crossoverShift?: number[];
  inclCut?: number[];
  priCut?: number[];
  nCut?: number[];
}

export interface SweepRow {
  scenario: string;
  crossoverShift: number;
  inclCut: number;
  priCut: number;
  nCut: number;
  solutions: string[];
  inclusion: number | null;
  coverage: number | null;
  sameAsBaseline: boolean;
  added: string[];
  dropped: string[];
  error?: string;
}

export function robustnessSweep(columns: Record<string, ArrayLike<number>>, base: AnalysisSpec, grid: SweepGrid): { baseline: Analysis; rows: SweepRow[] } {
  const baseline = analyse(columns, base);
  const baseTerms = new Set(baseline.result.solutions.flatMap((s) => s.terms.map((t) => t.expression)));
  const baseExprs = baseline.result.solutions.map((s) => s.expression).sort();
  const ic0 = Array.isArray(base.inclCut) ? base.inclCut[0] : base.inclCut ?? 1;
  const rows: SweepRow[] = [];
  for (const shift of grid.crossoverShift ?? [0])
    for (const ic of grid.inclCut ?? [ic0])
      for (const pc of grid.priCut ?? [base.priCut ?? 0])
        for (const nc of grid.nCut ?? [base.nCut ?? 1]) {
          const scenario = `shift=${shift} incl=${ic} pri=${pc} n=${nc}`;
          const row: SweepRow = { scenario, crossoverShift: shift, inclCut: ic, priCut: pc, nCut: nc, solutions: [], inclusion: null, coverage: null, sameAsBaseline: false, added: [], dropped: [] };
          const cal: Record<string, CalibrationSpec> = {};
          let skip = false;
          for (const [k, v] of Object.entries(base.calibrate ?? {})) {
            if (v.method !== "direct" || shift === 0) {
              cal[k] = v;
              continue;
            }
            const c = v.c + shift * (v.i - v.e);
            if (!((v.e < c && c < v.i) || (v.i < c && c < v.e))) skip = true;
            cal[k] = { ...v, c };
          }
          if (skip) {
            rows.push({ ...row, error: "crossover shift leaves the anchors' range" });
            continue;
          }
          try {
            const a = analyse(columns, { ...base, calibrate: cal, inclCut: ic, priCut: pc, nCut: nc });
            const sols = a.result.solutions;
            const terms = new Set(sols.flatMap((s) => s.terms.map((t) => t.expression)));
            row.solutions = sols.map((s) => s.expression);
            row.inclusion = sols[0]?.inclusion ?? null;
            row.coverage = sols[0]?.coverage ?? null;
            row.added = [...terms].filter((t) => !baseTerms.has(t));
            row.dropped = [...baseTerms].filter((t) => !terms.has(t));
            row.sameAsBaseline = JSON.stringify([...row.solutions].sort()) === JSON.stringify(baseExprs);
          } catch (e) {
            row.error = (e as Error).message;
          }
          rows.push(row);
        }
  return { baseline, rows };
}
