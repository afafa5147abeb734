/**
 * The command-line frame every solver family shares: argument parsing, single-valued flags, unknown-flag
 * checks, and the Family/Io interfaces. Bad usage is a UsageError (exit 2).
 */

import { Progress, silentProgress } from "../core/progress";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An iterative solver that did not converge: no estimate is printed (exit 2, `error.convergence` in --json). */
export class ConvergenceError extends UsageError {
  readonly convergence: { ok: boolean; iterations: number; message: string };
  constructor(what: string, convergence: { ok: boolean; iterations: number; message: string }) {
    super(`${what} did not converge: ${convergence.message} (after ${convergence.iterations} iterations); no estimate is reported`);
    this.convergence = convergence;
  }
}

/** Refuse a result whose solver did not converge. */
export function requireConverged(what: string, c: { ok: boolean; iterations: number; message: string }): void {
  if (!c.ok) throw new ConvergenceError(what, c);
}

export interface ParsedArgs {
  flags: Record<string, string[]>;
  bools: Set<string>;
  positional: string[];
}

/** `--key value`, `--key=value` and repeated keys; `booleans` take no value. */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const flags: Record<string, string[]> = {};
  const bools = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (booleans.includes(key)) {
        bools.add(key);
        continue;
      }
      const val = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (val === undefined) throw new UsageError(`--${key} needs a value`);
      (flags[key] ??= []).push(val);
    } else positional.push(a);
  }
  return { flags, bools, positional };
}

export function one(p: ParsedArgs, key: string, required = false): string | undefined {
  const v = p.flags[key];
  if (!v?.length) {
    if (required) throw new UsageError(`--${key} is required`);
    return undefined;
  }
  if (v.length > 1) throw new UsageError(`--${key} given more than once`);
  return v[0];
}

export function checkKnown(p: ParsedArgs, known: readonly string[]): void {
  for (const k of [...Object.keys(p.flags), ...p.bools]) if (!known.includes(k)) throw new UsageError(`unknown option --${k} (see --help)`);
}

/** A flag restricted to a set of values. */
export function choice<T extends string>(p: ParsedArgs, key: string, allowed: readonly T[], def?: T): T | undefined {
  const v = one(p, key);
  if (v === undefined) return def;
  if (!allowed.includes(v as T)) throw new UsageError(`--${key} must be one of ${allowed.join("|")}, got "${v}"`);
  return v as T;
}

/** A numeric flag within [lo, hi]. */
export function numberFlag(p: ParsedArgs, key: string, lo: number, hi: number, def?: number): number | undefined {
  const s = one(p, key);
  if (s === undefined) return def;
  const v = Number(s);
  if (s.trim() === "" || !(v >= lo && v <= hi)) throw new UsageError(`--${key} must be a number in [${lo}, ${hi}], got "${s}"`);
  return v;
}

/** A comma-separated list flag value ("a, b,c" → ["a", "b", "c"]). */
export const listFlag = (s: string | undefined): string[] => (s ? s.split(",").map((z) => z.trim()).filter(Boolean) : []);

/**
 * Run a solver step for a CLI family: data errors and usage errors pass through; any other error from the
 * solver (a bad formula, an unknown option value it rejects) becomes a one-line usage error (exit 2).
 */
export function asUsageError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as Error;
    if (err.name === "DataError" || err.name === "UsageError") throw e;
    throw new UsageError(err.message.split("\n")[0]);
  }
}

export interface Family {
  summary: string;
  help: string;
  booleans?: string[];
  run(p: ParsedArgs, io: Io): number | Promise<number>;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** A progress bar for a long job (main supplies one: on stderr, silent with --json unless --progress). */
  progress?(label: string): Progress;
}

/** The progress bar `io` offers, or a silent one. */
export const progressOf = (io: Io, label: string): Progress => io.progress?.(label) ?? silentProgress;


/** Path of the first non-finite number (NaN, ±Infinity) inside a result, or undefined. */
export function nonFinitePath(v: unknown, path = "$"): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : `${path} = ${v}`;
  if (ArrayBuffer.isView(v)) v = Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nonFinitePath(v[i], `${path}[${i}]`);
      if (p) return p;
    }
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = nonFinitePath(x, `${path}.${k}`);
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * Print a result as one JSON object, refusing one that holds NaN or Infinity (JSON.stringify would turn
 * them into null silently): such a number means the data do not identify it, and the user must be told.
 */
export function printJson(io: Io, result: unknown): void {
  requireFinite(result);
  io.out(JSON.stringify(result));
}

/** Refuse a result holding NaN or Infinity (text output too: a printed NaN is no answer). */
export function requireFinite(result: unknown): void {
  const bad = nonFinitePath(result);
  if (bad) throw new UsageError(`the result is not finite (${bad}): the data do not identify it (a degenerate design: check for constant or collinear variables, empty groups)`);
}
