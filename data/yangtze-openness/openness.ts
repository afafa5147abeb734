/**
 * The composite openness index of 刘慧 & 叶尔肯·吾扎提 (区域经济评论 2025(4), eqs. 1–3), and clearly labelled synthetic
 * inputs to demonstrate it (the paper's trade, foreign-investment and GDP series are not printed).
 *   T = trade × (trade / GDP)          trade openness: scale × intensity
 *   I = FIE × (FIE / GDP)              investment openness (FIE = total investment of foreign-invested enterprises)
 *   Z = √(T · I)                       composite index, the geometric mean of T and I
 * Units are not stated in the paper; T, I and Z carry the unit of the money amounts (e.g. 10⁸ yuan or US$ 10⁸).
 */
import { createRng } from "kernel-lib";

export interface OpennessIndex { T: number; I: number; Z: number }

export function opennessIndex(trade: number, fie: number, gdp: number): OpennessIndex {
  for (const [k, v] of [["trade", trade], ["fie", fie], ["gdp", gdp]] as const)
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`opennessIndex: ${k} must be a finite non-negative number, got ${v}`);
  if (gdp === 0) throw new Error("opennessIndex: gdp must be positive");
  const T = (trade * trade) / gdp;
  const I = (fie * fie) / gdp;
  return { T, I, Z: Math.sqrt(T * I) };
}

/**
 * Illustrative provinces × years of GDP, trade and FIE investment (all randomness through createRng). With `realGdp`
 * (keyed "unit|year", e.g. the provincial GDP of the manifest) GDP is the real series and only the trade and FIE
 * ratios to GDP are drawn; the drawn GDP path is still drawn and discarded, so the ratios keep their draws.
 */
export function syntheticInputs(seed: number, units: string[], years: number[], realGdp?: ReadonlyMap<string, number>): { unit: string; year: number; gdp: number; trade: number; fie: number }[] {
  const rng = createRng(seed, "illustrative-openness-inputs");
  const out: { unit: string; year: number; gdp: number; trade: number; fie: number }[] = [];
  for (const u of units) {
    const gdp0 = 500 * Math.exp(rng.normal(0, 0.6));
    const tr0 = 0.05 + 0.4 * rng.uniform(), fi0 = 0.02 + 0.15 * rng.uniform();
    const g = 0.1 + 0.03 * rng.normal(), gt = 0.02 * rng.normal(), gf = 0.03 * rng.normal();
    for (const y of years) {
      const t = y - years[0];
      const real = realGdp?.get(`${u}|${y}`);
      if (realGdp && !(real !== undefined && Number.isFinite(real) && real > 0)) throw new Error(`syntheticInputs: no usable real GDP for ${u}|${y} (got ${real})`);
      const gdp = real ?? gdp0 * Math.exp(g * t);
      out.push({ unit: u, year: y, gdp, trade: gdp * Math.min(1.5, tr0 * Math.exp(gt * t + 0.05 * rng.normal())), fie: gdp * Math.min(1, fi0 * Math.exp(gf * t + 0.05 * rng.normal())) });
    }
  }
  return out;
}
