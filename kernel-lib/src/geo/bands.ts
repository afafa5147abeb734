/**
 * Distance bands of the paper (after 乔桂明 et al.): 1 近距离 (0, 360) km, 2 较远距离 [360, 900), 3 很远距离
 * [900, 1500), 4 遥远距离 ≥ 1500. A distance of 0 (same city; excluded from the paper's data) is band 0.
 */
export interface DistanceBand {
  band: number;
  label: string;
  labelZh: string;
  lower: number;
  upper: number;
}

export const PAPER_BANDS: readonly DistanceBand[] = [
  { band: 1, label: "near", labelZh: "近距离", lower: 0, upper: 360 },
  { band: 2, label: "fairly far", labelZh: "较远距离", lower: 360, upper: 900 },
  { band: 3, label: "very far", labelZh: "很远距离", lower: 900, upper: 1500 },
  { band: 4, label: "remote", labelZh: "遥远距离", lower: 1500, upper: Infinity },
];

/** Bands from breakpoints, e.g. [360, 900, 1500] (lower bound inclusive except the first band's 0). */
export function bandsFrom(breaks: readonly number[]): DistanceBand[] {
  const b = [0, ...breaks, Infinity];
  for (let i = 1; i < b.length; i++) if (!(b[i] > b[i - 1])) throw new RangeError(`bands: breakpoints must increase, got ${breaks.join(", ")}`);
  return b.slice(0, -1).map((lo, i) => ({ band: i + 1, label: `[${lo}, ${b[i + 1]})`, labelZh: `[${lo}, ${b[i + 1]})`, lower: lo, upper: b[i + 1] }));
}

export function distanceBand(km: number, bands: readonly DistanceBand[] = PAPER_BANDS): number {
  if (!Number.isFinite(km) || km < 0) throw new RangeError(`distanceBand: ${km} is not a distance`);
  if (km === 0) return 0;
  for (const b of bands) if (km >= b.lower && km < b.upper) return b.band;
  return bands[bands.length - 1].band;
}

/** Share (0–1) of the total weight (events: weight 1 each) in each band, in band order. */
export function bandShares(distancesKm: readonly number[], weights?: readonly number[], bands: readonly DistanceBand[] = PAPER_BANDS): { band: number; label: string; weight: number; share: number }[] {
  const w = bands.map(() => 0);
  let total = 0;
  distancesKm.forEach((d, i) => {
    const b = distanceBand(d, bands);
    const x = weights ? weights[i] : 1;
    total += x;
    if (b > 0) w[bands.findIndex((z) => z.band === b)] += x;
  });
  return bands.map((b, i) => ({ band: b.band, label: b.labelZh, weight: w[i], share: total > 0 ? w[i] / total : NaN }));
}

/** Share of the total weight within `km` (inclusive), e.g. the paper's 441 km threshold. */
export function shareWithin(distancesKm: readonly number[], km: number, weights?: readonly number[]): number {
  let inside = 0;
  let total = 0;
  distancesKm.forEach((d, i) => {
    const x = weights ? weights[i] : 1;
    total += x;
    if (d <= km) inside += x;
  });
  return total > 0 ? inside / total : NaN;
}
