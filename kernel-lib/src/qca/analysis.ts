/**
 * The whole fsQCA pipeline on a table of raw columns: calibrate (per condition), truth table, minimisation.
 * Used by the CLI and by the robustness sweep.
 */
import { Anchors, CalibrationVariant, calibrateCrisp, calibrateDirect, calibrateIndirect } from "./calibrate";
import { DirExp, MinimizeResult, SolutionType, minimize } from "./minimize";
import { ModelResult, pointRow, withResult } from "../core/result";
import { QcaInputError, TruthTable, TruthTableOptions, qcaData, truthTable } from "./truthTable";

export type CalibrationSpec =
  | ({ method: "direct" } & Anchors)
  | { method: "crisp"; thresholds: number[] }
  | { method: "indirect"; thresholds: number[] };

export interface AnalysisSpec extends TruthTableOptions {
  outcome: string;
  conditions: string[];
  /** Calibration per column (conditions or outcome); columns not listed must already be memberships. */
  calibrate?: Record<string, CalibrationSpec>;
  variant?: CalibrationVariant;
  solution: SolutionType;
  dirExp?: DirExp;
  cases?: string[];
}

export interface Analysis extends ModelResult {
  memberships: Record<string, Float64Array>;
  truthTable: TruthTable;
  result: MinimizeResult;
}

export function calibrateColumn(x: ArrayLike<number>, spec: CalibrationSpec, variant: CalibrationVariant = "rqca"): Float64Array {
  if (spec.method === "direct") return calibrateDirect(x, spec, { variant });
  if (spec.method === "crisp") return calibrateCrisp(x, spec.thresholds);
  return calibrateIndirect(x, spec.thresholds);
}

/** Parse "a:e,c,i;b:e,c,i" (direct), "a:crisp:t1,t2" and "a:indirect:t1,t2,..." calibration specs. */
export function parseCalibration(s: string): Record<string, CalibrationSpec> {
  const out: Record<string, CalibrationSpec> = {};
  for (const part of s.split(";").map((p) => p.trim()).filter(Boolean)) {
    const bits = part.split(":").map((b) => b.trim());
    const name = bits[0];
    const nums = (t: string) =>
      t.split(",").map((v) => {
        const n = Number(v.trim());
        if (v.trim() === "" || !Number.isFinite(n)) throw new QcaInputError(`calibration "${part}": "${v}" is not a number`);
        return n;
      });
    if (!name) throw new QcaInputError(`calibration "${part}" has no column name`);
    if (bits.length === 2) {
      const v = nums(bits[1]);
      if (v.length !== 3) throw new QcaInputError(`calibration "${part}": the direct method needs three anchors e,c,i`);
      out[name] = { method: "direct", e: v[0], c: v[1], i: v[2] };
    } else if (bits.length === 3 && (bits[1] === "crisp" || bits[1] === "indirect")) {
      out[name] = { method: bits[1], thresholds: nums(bits[2]) };
    } else throw new QcaInputError(`calibration "${part}": expected name:e,c,i or name:crisp:t1,… or name:indirect:t1,…`);
  }
  return out;
}

export function analyse(columns: Record<string, ArrayLike<number>>, spec: AnalysisSpec): Analysis {
  const memberships: Record<string, Float64Array> = {};
  const oname = spec.outcome.replace(/^~/, "");
  for (const c of [...spec.conditions, oname]) {
    const raw = columns[c];
    if (!raw) throw new QcaInputError(`no column "${c}"`);
    const cal = spec.calibrate?.[c];
    memberships[c] = cal ? calibrateColumn(raw, cal, spec.variant) : Float64Array.from(raw);
  }
  const data = qcaData(memberships, spec.outcome, spec.conditions, spec.cases);
  const tt = truthTable(data, spec);
  const result = minimize(tt, { solution: spec.solution, dirExp: spec.dirExp });
  return withResult({ memberships, truthTable: tt, result }, (a) => ({
    title: `QCA (${a.result.type} solution): ${a.truthTable.data.outcome} <= ${a.truthTable.data.conditions.join(", ")}`,
    header: () => [
      `Cases: ${a.truthTable.data.cases.length}; truth table rows observed ${a.truthTable.rows.length}, remainders ${a.truthTable.remainders}`,
      `Cut-offs: consistency ${a.truthTable.options.inclCut[0]}, PRI ${a.truthTable.options.priCut}, frequency ${a.truthTable.options.nCut}; set-theoretic (no sampling inference)`,
      ...a.result.solutions.map((s, i) => `Model ${i + 1}: ${s.expression} (consistency ${s.inclusion.toFixed(3)}, PRI ${s.pri.toFixed(3)}, coverage ${s.coverage.toFixed(3)})`),
    ],
    // one row per (model, term): estimate = consistency (inclusion), with PRI and raw/unique coverage
    tidy: () =>
      a.result.solutions.flatMap((s, i) =>
        s.terms.map((t) => pointRow(t.expression, t.inclusion, { model: i + 1, consistency: t.inclusion, pri: t.pri, raw_coverage: t.raw_coverage, unique_coverage: t.unique_coverage })),
      ),
    glance: () => ({
      nobs: a.truthTable.data.cases.length,
      inference: `set-theoretic; consistency cut ${a.truthTable.options.inclCut[0]}, PRI cut ${a.truthTable.options.priCut}, frequency cut ${a.truthTable.options.nCut}`,
      solution_type: a.result.type,
      n_models: a.result.solutions.length,
      consistency: a.result.solutions[0]?.inclusion ?? null,
      pri: a.result.solutions[0]?.pri ?? null,
      coverage: a.result.solutions[0]?.coverage ?? null,
      heuristic: a.result.heuristic,
    }),
    notes: () => (a.result.heuristic ? ["the PI chart was too large: a greedy cover was used (solutions may not be minimal)"] : []),
  }));
}
