/**
 * DEA data: DMU-major matrices as the user holds them (rows = DMUs), checked and turned into the
 * variable-major, scaled form the LP builders use.
 */
import { toTable } from "../data/frame";
import { Table, requireUniqueKey } from "../data/table";

export interface DeaData {
  /** DMU labels, one per row. */
  dmus: readonly string[];
  /** Periods (optional), one per row; numbers or strings that sort as the user intends. */
  periods?: readonly (string | number)[];
  /** Inputs: X[j][i] = input i of DMU j. */
  X: readonly (readonly number[])[];
  /** Desirable outputs: Y[j][r]. */
  Y: readonly (readonly number[])[];
  /** Undesirable outputs: B[j][k] (optional). */
  B?: readonly (readonly number[])[];
  inputNames?: readonly string[];
  outputNames?: readonly string[];
  undesirableNames?: readonly string[];
}

export class DeaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeaInputError";
  }
}

/** Variable-major block: v[i][j] = variable i of reference DMU j. */
export interface Block {
  X: Float64Array[];
  Y: Float64Array[];
  B: Float64Array[];
  n: number;
}

export interface Point {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
}

export interface Scales {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
}

export function dims(d: DeaData): { n: number; m: number; s: number; q: number } {
  return { n: d.dmus.length, m: d.X[0]?.length ?? 0, s: d.Y[0]?.length ?? 0, q: d.B?.[0]?.length ?? 0 };
}

/**
 * Refuse what the models cannot take: ragged rows, non-finite cells and negative values (name the DMU and
 * the variable). Zeros are allowed and handled by each model's documented convention.
 */
export function checkData(d: DeaData): void {
  const { n, m, s, q } = dims(d);
  if (n === 0) throw new DeaInputError("dea: no DMUs");
  if (m === 0) throw new DeaInputError("dea: at least one input is required");
  if (s === 0) throw new DeaInputError("dea: at least one desirable output is required");
  if (d.X.length !== n || d.Y.length !== n || (d.B && d.B.length !== n)) throw new DeaInputError("dea: X, Y (and B) must have one row per DMU");
  if (d.periods && d.periods.length !== n) throw new DeaInputError("dea: periods must have one entry per DMU row");
  const names = (k: "x" | "y" | "b", i: number) =>
    (k === "x" ? d.inputNames : k === "y" ? d.outputNames : d.undesirableNames)?.[i] ?? `${k === "x" ? "input" : k === "y" ? "output" : "undesirable"} ${i + 1}`;
  const check = (M: readonly (readonly number[])[], width: number, k: "x" | "y" | "b") => {
    for (let j = 0; j < n; j++) {
      if (M[j].length !== width) throw new DeaInputError(`dea: DMU "${d.dmus[j]}" has ${M[j].length} values for ${width} ${k === "x" ? "inputs" : "outputs"}`);
      for (let i = 0; i < width; i++) {
        const v = M[j][i];
        const where = `DMU "${d.dmus[j]}"${d.periods ? ` period ${d.periods[j]}` : ""}, ${names(k, i)}`;
        if (!Number.isFinite(v)) throw new DeaInputError(`dea: ${where}: value ${v} is not a finite number`);
        if (v < 0)
          throw new DeaInputError(
            `dea: ${where}: negative value ${v}; DEA models here need non-negative data (translate the variable yourself, e.g. add a constant, and report it)`,
          );
      }
    }
  };
  check(d.X, m, "x");
  check(d.Y, s, "y");
  if (d.B) check(d.B, q, "b");
  for (let i = 0; i < m; i++) if (d.X.every((r) => r[i] === 0)) throw new DeaInputError(`dea: ${names("x", i)} is zero for every DMU`);
  for (let r = 0; r < s; r++) if (d.Y.every((row) => row[r] === 0)) throw new DeaInputError(`dea: ${names("y", r)} is zero for every DMU`);
}

/** Per-variable scale = mean over all rows (1 when the mean is zero). Models are units invariant. */
export function computeScales(d: DeaData): Scales {
  const { n, m, s, q } = dims(d);
  const mean = (M: readonly (readonly number[])[] | undefined, w: number) => {
    const out = new Float64Array(w);
    for (let i = 0; i < w; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += M![j][i];
      out[i] = t > 0 ? t / n : 1;
    }
    return out;
  };
  return { x: mean(d.X, m), y: mean(d.Y, s), b: mean(d.B, q) };
}

export function scaledPoint(d: DeaData, j: number, sc: Scales): Point {
  const f = (row: readonly number[] | undefined, scl: Float64Array) => Float64Array.from(scl, (v, i) => row![i] / v);
  return { x: f(d.X[j], sc.x), y: f(d.Y[j], sc.y), b: sc.b.length ? f(d.B![j], sc.b) : new Float64Array(0) };
}

export function scaledBlock(d: DeaData, idx: readonly number[], sc: Scales): Block {
  const col = (M: readonly (readonly number[])[] | undefined, scl: Float64Array) =>
    Array.from(scl, (v, i) => Float64Array.from(idx, (j) => M![j][i] / v));
  return { X: col(d.X, sc.x), Y: col(d.Y, sc.y), B: sc.b.length ? col(d.B, sc.b) : [], n: idx.length };
}

export interface DeaColumns {
  dmu: string;
  period?: string;
  inputs: readonly string[];
  outputs: readonly string[];
  undesirable?: readonly string[];
}

/**
 * DEA data from a Table or a danfojs DataFrame by column names: every input and output cell must be a non-negative
 * number and every DMU labelled (a DataError names the row and column otherwise).
 */
export function deaDataFrom(data: Table | import("danfojs-node").DataFrame, cols: DeaColumns): DeaData {
  const t = toTable(data);
  const matrix = (names: readonly string[]) => {
    const cs = names.map((c) => ({ c, v: t.num(c) }));
    for (const { c, v } of cs) {
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) throw t.cellError(i, c, Number.isNaN(v[i]) ? "" : String(v[i]), "a number (DEA needs every cell)");
        if (v[i] < 0) throw t.cellError(i, c, String(v[i]), "a non-negative number (DEA refuses negative data; translate the variable and report it)");
      }
    }
    return Array.from({ length: t.nRows }, (_, i) => cs.map(({ v }) => v[i]));
  };
  const dmus = t.str(cols.dmu);
  dmus.forEach((u, i) => {
    if (u === "") throw t.cellError(i, cols.dmu, "", "a DMU label");
  });
  requireUniqueKey(t, cols.period ? [cols.dmu, cols.period] : [cols.dmu], "row");
  let periods: (string | number)[] | undefined;
  if (cols.period) {
    const c = t.col(cols.period);
    periods = c instanceof Float64Array ? Array.from(c) : c.slice();
    periods.forEach((v, i) => {
      if (v === "" || (typeof v === "number" && Number.isNaN(v))) throw t.cellError(i, cols.period!, "", "a period");
    });
  }
  const bad = cols.undesirable ?? [];
  return {
    dmus,
    periods,
    X: matrix(cols.inputs),
    Y: matrix(cols.outputs),
    B: bad.length ? matrix(bad) : undefined,
    inputNames: [...cols.inputs],
    outputNames: [...cols.outputs],
    undesirableNames: [...bad],
  };
}
