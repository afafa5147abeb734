/**
 * A hybrid panel column: the real value wherever the public series has one, and elsewhere the drawn value carried
 * from the unit's nearest real year (ties: the earlier year), so a filled year continues the unit's real level with
 * the generator's own growth. "ratio" scales the drawn path (drawn_t / drawn_anchor × real_anchor; for positive
 * series such as per-capita GDP), "difference" shifts it (drawn_t − drawn_anchor + real_anchor). A unit with no real
 * year keeps its drawn values. `real[k]` says which rows are real, for the per-row provenance.
 */
export interface AnchoredFill {
  values: Float64Array;
  real: Uint8Array;
  /** Rows with the public value, rows filled from a real anchor, rows of units with no real value at all. */
  nReal: number;
  nFilled: number;
  nDrawn: number;
}

export function anchoredFill(units: readonly string[], years: ArrayLike<number>, drawn: ArrayLike<number>,
  realValues: ReadonlyMap<string, number>, scale: "ratio" | "difference" = "ratio"): AnchoredFill {
  const n = units.length;
  if (years.length !== n || drawn.length !== n) throw new Error(`anchoredFill: ${n} units, ${years.length} years, ${drawn.length} drawn values`);
  const values = new Float64Array(n), real = new Uint8Array(n);
  const anchors = new Map<string, { year: number; k: number; v: number }[]>();
  for (let k = 0; k < n; k++) {
    const v = realValues.get(`${units[k]}|${years[k]}`);
    if (v === undefined) continue;
    if (!Number.isFinite(v)) throw new Error(`anchoredFill: real value for ${units[k]}|${years[k]} is ${v}`);
    real[k] = 1;
    values[k] = v;
    (anchors.get(units[k]) ?? anchors.set(units[k], []).get(units[k])!).push({ year: years[k], k, v });
  }
  let nReal = 0, nFilled = 0, nDrawn = 0;
  for (let k = 0; k < n; k++) {
    if (real[k]) { nReal++; continue; }
    const a = anchors.get(units[k]);
    if (!a) { values[k] = drawn[k]; nDrawn++; continue; }
    let best = a[0];
    for (const x of a) {
      const d = Math.abs(x.year - years[k]), db = Math.abs(best.year - years[k]);
      if (d < db || (d === db && x.year < best.year)) best = x;
    }
    const base = drawn[best.k];
    if (scale === "ratio" && !(base > 0 && drawn[k] > 0)) {
      throw new Error(`anchoredFill: "ratio" needs positive drawn values (${units[k]}: ${drawn[k]} in ${years[k]}, ${base} in ${best.year})`);
    }
    values[k] = scale === "ratio" ? (drawn[k] / base) * best.v : drawn[k] - base + best.v;
    nFilled++;
  }
  return { values, real, nReal, nFilled, nDrawn };
}
