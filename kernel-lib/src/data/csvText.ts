/**
 * Text conventions of the prepared panel CSVs (SOURCES.md section 6): numbers never in scientific notation,
 * float64 as the shortest decimal that reads back to the same double, Stata float (float32) as the shortest
 * decimal for the 32-bit value, no trailing ".0", missing as an empty cell; RFC-4180 minimal quoting, "\n" ends.
 */
import Papa from "papaparse";

/** Header-keyed rows of a CSV text (blank lines skipped), for the manifest's and panels' file preparation. */
export function parseCsvRows(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** Rewrite JavaScript's shortest round-trip digits ("1.5e-7", "1e+21") in positional notation. */
function positional(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = "", expText] = m;
  const digits = lead + frac;
  const exp = Number(expText);
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return sign + (digits.length - 1 <= exp ? digits + "0".repeat(exp - digits.length + 1) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`);
}

/** Shortest positional decimal that reads back to the same double; "-0" is written "0". */
export function formatFloat64(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} as a CSV number`);
  if (x === 0) return "0";
  return positional(String(x));
}

/** Shortest positional decimal that reads back to the same float32 (x must already be a float32 value). */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} as a CSV number`);
  if (Math.fround(x) !== x) throw new RangeError(`${x} is not a float32 value`);
  if (x === 0) return "0";
  for (let p = 1; p <= 9; p++) {
    const s = halfEvenPrecision(x, p);
    if (Math.fround(Number(s)) === x) return positional(String(Number(s)));
  }
  return formatFloat64(x);
}

/**
 * x.toPrecision(p), except that an exact tie goes to the even last digit (toPrecision rounds ties up; NumPy's
 * Dragon4, which wrote the prepared files, rounds them to even: float32 1477.53125 → "1477.5312").
 */
function halfEvenPrecision(x: number, p: number): string {
  const s = x.toPrecision(p);
  const exact = x.toPrecision(100).replace(/e.*$/, "").replace(/[-.]/g, "").replace(/^0+/, "");
  if (!/^50*$/.test(exact.slice(p))) return s;
  const kept = Number(exact[p - 1]);
  if (kept % 2 === 1) return s;
  const m = /^(-?[\d.]*?)(\d)(e.*)?$/.exec(s)!;
  return `${m[1]}${Number(m[2]) - 1}${m[3] ?? ""}`;
}

/** One cell: null/undefined → empty, strings as they are, numbers by the float64 (or float32) rule. */
export function cellText(v: number | string | null | undefined, float32 = false): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  return float32 ? formatFloat32(v) : formatFloat64(v);
}

/** A CSV line with minimal quoting: a field is quoted only when it holds a comma, a quote or a line break. */
export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

/** The whole file: header, rows, "\n" after every line. */
export function csvText(header: string[], rows: string[][]): string {
  return [header, ...rows].map(csvLine).join("\n") + "\n";
}

/**
 * The correctly rounded sum of doubles (Shewchuk's exact partials, as Python's math.fsum), so a sum does not
 * depend on the order of its terms.
 */
export function exactSum(values: number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  // half-way case: make the rounding follow the sign of the remaining partials
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** x rounded to `digits` decimals from its exact binary value (as Python's round(x, digits)). */
export function roundDecimals(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
