import { z } from "zod";

/**
 * A dataset's schema: which columns must exist, their type, range and unit, and which columns form the
 * panel key. Each column is checked cell by cell through a zod schema built from this spec, so the rules a
 * notebook states are the rules enforced.
 */
export type ColumnSpec = NumberColumn | StringColumn;

export interface NumberColumn {
  type: "number";
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Whole numbers only (counts, years, codes stored as numbers). */
  integer?: boolean;
  /** Empty cells allowed (stored as NaN and counted); otherwise an empty cell is an error. */
  optional?: boolean;
  unit?: string;
  label?: string;
}

export interface StringColumn {
  type: "string";
  /** Allowed values, e.g. city types. */
  levels?: readonly string[];
  /** Required shape, e.g. /^\d{6}$/ for a 6-digit admin code (a string is read as a RegExp source). */
  pattern?: RegExp | string;
  optional?: boolean;
  label?: string;
}

export interface DatasetSpec {
  /** Human name used in messages ("census 2010/2020"). */
  name: string;
  /** Panel unit column (e.g. city code). */
  id?: string;
  /** Panel time column (e.g. year). */
  time?: string;
  /** Columns that together must be unique; defaults to [id, time] when both are set, else [id]. */
  key?: readonly string[];
  columns: Record<string, ColumnSpec>;
}

/** Identity helper that keeps the literal column names for type inference. */
export function defineDataset<S extends DatasetSpec>(spec: S): S {
  for (const k of [spec.id, spec.time, ...(spec.key ?? [])]) {
    if (k !== undefined && !(k in spec.columns)) {
      throw new Error(`dataset "${spec.name}": key column "${k}" is not among its columns`);
    }
  }
  return spec;
}

export function keyColumns(spec: DatasetSpec): string[] {
  if (spec.key) return [...spec.key];
  if (spec.id && spec.time) return [spec.id, spec.time];
  if (spec.id) return [spec.id];
  return [];
}

/** The zod schema of one parsed cell of a column. */
export function cellSchema(col: ColumnSpec): z.ZodTypeAny {
  if (col.type === "number") {
    let s = z.number({ invalid_type_error: "a number" }).finite();
    if (col.integer) s = s.int();
    if (col.min !== undefined) s = s.gte(col.min);
    if (col.max !== undefined) s = s.lte(col.max);
    return s;
  }
  let s: z.ZodTypeAny = z.string().min(1);
  if (col.pattern) s = (s as z.ZodString).regex(typeof col.pattern === "string" ? new RegExp(col.pattern) : col.pattern);
  if (col.levels) s = z.enum(col.levels as [string, ...string[]]);
  return s;
}

/**
 * The same rule as `cellSchema`, compiled to a plain predicate for the hot loop over every cell; a cell it
 * rejects is re-checked with the zod schema, so zod stays the authority on what is valid (and a test checks
 * that the two agree).
 */
export function cellCheck(col: ColumnSpec): (v: number | string) => boolean {
  if (col.type === "number") {
    const { lo, hi, integer } = numberBounds(col);
    return (v) => typeof v === "number" && Number.isFinite(v) && (!integer || Number.isInteger(v)) && v >= lo && v <= hi;
  }
  const levels = col.levels ? new Set(col.levels) : null;
  const re = col.pattern ? (typeof col.pattern === "string" ? new RegExp(col.pattern) : col.pattern) : null;
  return (v) => typeof v === "string" && v.length > 0 && (!levels || levels.has(v)) && (!re || re.test(v));
}

/** A number column's rule as plain bounds (±Infinity when open), for checks inlined in a reader's loop. */
export function numberBounds(col: NumberColumn): { lo: number; hi: number; integer: boolean } {
  return { lo: col.min ?? -Infinity, hi: col.max ?? Infinity, integer: col.integer === true };
}

/** Plain-words description of what a column accepts, for error messages. */
export function describeExpected(col: ColumnSpec): string {
  if (col.type === "number") {
    const parts = [col.integer ? "a whole number" : "a number"];
    if (col.min !== undefined && col.max !== undefined) parts.push(`in [${col.min}, ${col.max}]`);
    else if (col.min !== undefined) parts.push(`>= ${col.min}`);
    else if (col.max !== undefined) parts.push(`<= ${col.max}`);
    if (col.unit) parts.push(`(${col.unit})`);
    return parts.join(" ");
  }
  if (col.levels) return `one of ${col.levels.map((l) => JSON.stringify(l)).join(", ")}`;
  if (col.pattern) return `text matching ${typeof col.pattern === "string" ? "/" + col.pattern + "/" : col.pattern}`;
  return "non-empty text";
}

const ColumnJson = z.discriminatedUnion("type", [
  z.object({ type: z.literal("number"), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional(), optional: z.boolean().optional(), unit: z.string().optional(), label: z.string().optional() }).strict(),
  z.object({ type: z.literal("string"), levels: z.array(z.string()).optional(), pattern: z.string().optional(), optional: z.boolean().optional(), label: z.string().optional() }).strict(),
]);

const DatasetJson = z
  .object({ name: z.string(), id: z.string().optional(), time: z.string().optional(), key: z.array(z.string()).optional(), columns: z.record(ColumnJson) })
  .strict();

/** A study's schema file: `{ "datasets": { "<name>": DatasetSpec } }` (patterns as strings). */
export const SchemaFileSchema = z.object({ datasets: z.record(DatasetJson) }).strict();

/** Parse a schema file's text; `name` picks a dataset (default: the only one). */
export function parseSchemaFile(text: string, file: string, name?: string): DatasetSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = SchemaFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${file}: ${i.path.join(".")}: ${i.message}`);
  }
  const names = Object.keys(parsed.data.datasets);
  const pick = name ?? (names.length === 1 ? names[0] : undefined);
  if (!pick || !parsed.data.datasets[pick]) {
    throw new Error(`${file}: choose a dataset with --dataset (have: ${names.join(", ")})`);
  }
  return defineDataset(parsed.data.datasets[pick] as DatasetSpec);
}
