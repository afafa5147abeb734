import { Published, printedValue } from "../ledger";

/**
 * What a study's synthetic-data generator (data/<id>/generator.ts) provides. `generate` draws a panel from a seed;
 * `truth` holds the parameters of the data-generating process; `planted` the coefficients the notebook's fits
 * should recover (name → value), so `plantedRecovery` can check them. Calibration targets are read from the
 * study's published.json with `calibrationTargets`, never retyped into the generator.
 */
export interface GeneratedStudy<Truth = Record<string, unknown>> {
  /** Columns of the drawn panel (Table.fromColumns input). */
  panel: Record<string, readonly (number | string)[] | Float64Array>;
  truth: Truth;
  /** Planted coefficients by name (e.g. "NP" → 0.252). */
  planted: Record<string, number>;
}

export interface StudyGenerator<Options = { seed: number }, Truth = Record<string, unknown>> {
  generate(options: Options): GeneratedStudy<Truth>;
}

/** The printed values of the named ledger entries: { key: published value of id }. Throws on a missing id. */
export function calibrationTargets<K extends string>(published: Published, ids: Record<K, string>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const [k, id] of Object.entries(ids) as [K, string][]) out[k] = printedValue(published, id);
  return out;
}
