/**
 * A computation's result and the wall-clock milliseconds it took, for the "(… ms)" a notebook prints beside a
 * slow step (bootstrap, enumeration, SHAP). Timings are reported, never compared: they vary with the machine's load.
 */
export function timed<T>(f: () => T): [T, number] {
  const t0 = Date.now();
  const value = f();
  return [value, Date.now() - t0];
}
