/**
 * Table-level entry points: a formula "y ~ x1 + x2", a Table, weights whose ids are matched to the data's
 * units (a mismatch is a DataError naming the weights file), cross-section or balanced panel.
 */
import { DataError } from "../data/errors";
import { ModelResult, coefRow, pointRow, withResult } from "../core/result";
import { Table } from "../data/table";
import { toTable } from "../data/frame";
import { Impact, ImpactOptions, impacts } from "./effects";
import { LogDetMethod, logDet } from "./logdet";
import { FixedEffects, PanelLag, SpatialFit, SpatialModel, fitSpatial } from "./ml";
import { LMTests, SpatialTestResult, lmTests, lrTest, waldTests } from "./tests";
import { SpatialWeights, alignWeights } from "./weights";

export function parseSpatialFormula(f: string): { y: string; x: string[] } {
  const m = /^\s*([^~]+?)\s*~\s*(.+?)\s*$/.exec(f);
  if (!m) throw new Error(`formula must look like "y ~ x1 + x2", got "${f}"`);
  const x = m[2].split("+").map((s) => s.trim()).filter((s) => s && s !== "1");
  if (!x.length) throw new Error(`formula "${f}" has no regressors`);
  return { y: m[1].trim(), x };
}

export interface SpatialDataOptions {
  formula: string;
  weights: SpatialWeights;
  /** Name used in error messages for the weights (its file). */
  weightsSource?: string;
  /** Unit id column (required for panels; for cross-sections the rows must follow the weights order if absent). */
  id?: string;
  time?: string;
}

export interface SpatialData {
  y: Float64Array;
  x: Float64Array[];
  yName: string;
  xNames: string[];
  w: SpatialWeights;
  N: number;
  T: number;
  periods: (string | number)[];
}

/** Arrange a Table for the estimators: aligned W, values stacked period by period. */
export function spatialData(data: Table | import("danfojs-node").DataFrame, o: SpatialDataOptions): SpatialData {
  const t = toTable(data);
  const { y: yName, x: xNames } = parseSpatialFormula(o.formula);
  const src = o.weightsSource ?? "weights";
  const numCol = (c: string) => {
    const v = t.num(c);
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) throw t.cellError(i, c, "", "a finite number (spatial models need complete data)");
    return v;
  };
  const yv = numCol(yName);
  const xv = xNames.map(numCol);
  if (!o.time) {
    const ids = o.id ? t.str(o.id) : o.weights.ids.slice();
    if (!o.id && t.nRows !== o.weights.n) throw new DataError([{ file: src, expected: `${t.nRows} units (one per data row of ${t.file}), found ${o.weights.n} in the weights header` }]);
    const w = alignWeights(o.weights, ids, src);
    return { y: Float64Array.from(yv), x: xv.map((c) => Float64Array.from(c)), yName, xNames, w, N: w.n, T: 1, periods: [] };
  }
  if (!o.id) throw new Error("a panel needs the unit id column (--id) as well as --time");
  const ids = t.str(o.id);
  const tc = t.col(o.time);
  const times: (string | number)[] = tc instanceof Float64Array ? Array.from(tc) : tc.slice();
  const units: string[] = [];
  const seenU = new Set<string>();
  ids.forEach((u) => {
    if (!seenU.has(u)) {
      seenU.add(u);
      units.push(u);
    }
  });
  const periods: (string | number)[] = [...new Set<string | number>(times)].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
  // the weights order decides the unit order; every data unit must be in W and vice versa
  const w = alignWeights(o.weights, o.weights.ids.filter((id) => seenU.has(id)).length === units.length ? o.weights.ids.filter((id) => seenU.has(id)) : units, src);
  const N = w.n;
  const T = periods.length;
  const uPos = new Map(w.ids.map((id, i) => [id, i]));
  const tPos = new Map(periods.map((p, i) => [p, i]));
  const y = new Float64Array(N * T).fill(NaN);
  const x = xNames.map(() => new Float64Array(N * T).fill(NaN));
  for (let r = 0; r < t.nRows; r++) {
    const k = tPos.get(times[r])! * N + uPos.get(ids[r])!;
    if (!Number.isNaN(y[k])) throw t.cellError(r, o.time, String(times[r]), `one row per unit and period (unit "${ids[r]}" repeats)`);
    y[k] = yv[r];
    xv.forEach((c, j) => (x[j][k] = c[r]));
  }
  for (let k = 0; k < N * T; k++)
    if (Number.isNaN(y[k])) throw new DataError([{ file: t.file, column: o.id, value: w.ids[k % N], expected: `a balanced panel: unit "${w.ids[k % N]}" has no row for period ${periods[Math.floor(k / N)]}` }]);
  return { y, x, yName, xNames, w, N, T, periods };
}

export interface SpatialRegressionOptions extends SpatialDataOptions {
  model: SpatialModel;
  effects?: FixedEffects;
  leeYu?: boolean;
  logdetMethod?: "auto" | LogDetMethod;
  panelLag?: PanelLag;
  /** Effects decomposition with simulated SEs (default draws 1000; draws 0 for point estimates only). */
  impacts?: ImpactOptions | false;
}

export interface SpatialRegressionResult extends ModelResult {
  fit: SpatialFit;
  impacts: Impact[];
  data: SpatialData;
}

export function spatialRegression(t: Table | import("danfojs-node").DataFrame, o: SpatialRegressionOptions): SpatialRegressionResult {
  const d = spatialData(t, o);
  const effects = o.effects ?? (d.T > 1 ? "twoways" : "none");
  const fit = fitSpatial({ y: d.y, x: d.x, xNames: d.xNames, w: d.w, model: o.model, T: d.T, effects: d.T > 1 ? effects : "none", leeYu: o.leeYu, logdetMethod: o.logdetMethod, panelLag: o.panelLag });
  const imp = o.impacts === false ? [] : impacts(fit, o.impacts ?? {});
  return withResult({ fit, impacts: imp, data: d }, (r) => ({
    title: `${o.formula}: ${r.fit.model.toUpperCase()}`,
    header: () => [
      `Observations: ${r.fit.nObs} (${r.fit.N} units × ${r.fit.T} periods)${r.fit.T > 1 ? `; ${r.fit.effects} effects` : ""}; log-likelihood ${r.fit.log_likelihood.toFixed(4)}`,
      `Standard errors: ${r.fit.glance().inference}; impacts (LeSage–Pace) with simulated SEs`,
    ],
    // the fit's rows, then direct/indirect/total effects ("direct: x1"), z from the simulated SEs
    tidy: () => [
      ...r.fit.tidy(),
      ...r.impacts.flatMap((m) =>
        (["direct", "indirect", "total"] as const).map((k) => (m.se ? coefRow(`${k}: ${m.term}`, m[k], m.se[k]) : pointRow(`${k}: ${m.term}`, m[k]))),
      ),
    ],
    glance: () => r.fit.glance(),
    notes: () => [],
  }));
}

export interface SpecificationSearch {
  lm: LMTests;
  sar: SpatialFit;
  sem: SpatialFit;
  sdm: SpatialFit;
  lr: { sdmVsSar: SpatialTestResult; sdmVsSem: SpatialTestResult };
  wald: { sdmVsSar: SpatialTestResult; sdmVsSem: SpatialTestResult };
}

/** LM tests, then SAR, SEM and SDM with the LR and Wald tests of the SDM (Elhorst's specific-to-general-to-specific). */
export function specificationTests(d: SpatialData, opts: { effects?: FixedEffects; leeYu?: boolean; logdetMethod?: "auto" | LogDetMethod; panelLag?: PanelLag } = {}): SpecificationSearch {
  const effects = d.T > 1 ? opts.effects ?? "twoways" : "none";
  const ld = logDet(d.w, opts.logdetMethod);
  const base = { y: d.y, x: d.x, xNames: d.xNames, w: d.w, T: d.T, effects, leeYu: opts.leeYu, logdet: ld, panelLag: opts.panelLag };
  const sar = fitSpatial({ ...base, model: "sar" });
  const sem = fitSpatial({ ...base, model: "sem" });
  const sdm = fitSpatial({ ...base, model: "sdm" });
  const wald = waldTests(sdm);
  return {
    lm: lmTests(d.y, d.x, d.w, { T: d.T, effects }),
    sar, sem, sdm,
    lr: { sdmVsSar: lrTest(sdm, sar), sdmVsSem: lrTest(sdm, sem) },
    wald: { sdmVsSar: wald.sar, sdmVsSem: wald.sem },
  };
}
