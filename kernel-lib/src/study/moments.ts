/** Mean, sample SD (n − 1), min and max of a column: the row of a descriptive-statistics table. */
export interface Moments {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  if (!n) throw new Error("moments: no values");
  let s = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`moments: value ${i} is ${v}`);
    s += v; lo = Math.min(lo, v); hi = Math.max(hi, v);
  }
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, min: lo, max: hi };
}
