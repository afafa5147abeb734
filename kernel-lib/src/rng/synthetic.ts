import { Rng } from "./index";

/**
 * Building blocks for the seeded synthetic panels the study generators draw (data/<id>/generator.ts).
 */

export interface CalibratedVariableOptions {
  /** Printed [mean, SD, min, max] the variable is calibrated to. */
  target: readonly [number, number, number, number];
  /** Weights of the unit component, the trend and the AR(1) deviation (normalised to unit variance). */
  weights: readonly [number, number, number];
  /** A shared unit-level factor (e.g. development) and how much of the unit component loads on it. */
  factor: ArrayLike<number>;
  factorLoad: number;
  /** AR(1) coefficient of the deviation over time. */
  rho: number;
  /** Standardised time trend, one value per period. */
  trend: ArrayLike<number>;
  /** Number of rows and the row of unit i in period t. */
  rows: number;
  at: (unit: number, period: number) => number;
}

/**
 * A unit × period variable with the printed mean and SD: z = (w_b·c_i + w_t·τ_t + w_w·u_it) / ‖w‖, where
 * c_i = λ·f_i + √(1 − λ²)·e_i shares the factor f, τ is the trend and u an AR(1) with unit variance; then
 * mean + SD·z, clamped to the printed range. Draws per unit, in order: e_i, u_i1, then one innovation per
 * later period (so a generator's stream, and its numbers, do not depend on how it is written).
 */
export function calibratedPanelVariable(rng: Rng, o: CalibratedVariableOptions): Float64Array {
  const [mean, sd, lo, hi] = o.target;
  const [wb, wt, ww] = o.weights;
  const norm = Math.sqrt(wb * wb + wt * wt + ww * ww);
  if (!(norm > 0)) throw new RangeError("calibratedPanelVariable: the weights are all zero");
  if (!(Math.abs(o.factorLoad) <= 1) || !(Math.abs(o.rho) < 1)) throw new RangeError("calibratedPanelVariable: need |factorLoad| <= 1 and |rho| < 1");
  const out = new Float64Array(o.rows);
  const T = o.trend.length;
  for (let i = 0; i < o.factor.length; i++) {
    const ci = o.factorLoad * o.factor[i] + Math.sqrt(1 - o.factorLoad * o.factorLoad) * rng.normal();
    let u = rng.normal();
    for (let t = 0; t < T; t++) {
      if (t > 0) u = o.rho * u + Math.sqrt(1 - o.rho * o.rho) * rng.normal();
      const z = (wb * ci + wt * o.trend[t] + ww * u) / norm;
      out[o.at(i, t)] = Math.min(hi, Math.max(lo, mean + sd * z));
    }
  }
  return out;
}
