import * as fs from "fs";
import * as path from "path";

/**
 * A notebook's parameters, read from its `parameters` cell without executing it. Each parameter is one line
 * (a long meaning may continue on the next lines until `*\/`, a long literal until the `;`)
 *
 *     /** One-line meaning. @range [1, 100] @integer *\/
 *     const name: <type> = <JSON literal>;
 *
 * or, when both fit a line, `/** Meaning. *\/ const name: <type> = <JSON literal>;` on one line,
 * with a type from PARAM_TYPES: boolean, number, string, a union of string literals ("a" | "b"), number[],
 * string[] or Record<string, number[]>. `@data kw1 kw2` marks a data source: one of the keywords, a
 * "manifest:<id>", or the path of an existing file (or folder, for a study that reads several files);
 * `kw=file` names the bundled file in data/<id>/ a keyword stands for (for `regionlab template`). The cell stays plain
 * TypeScript; `--set` rewrites the literals in place (`parametersWith`).
 */

export type ParamKind = "boolean" | "number" | "string" | "choice" | "data" | "number[]" | "string[]" | "record";

export interface ParamDecl {
  name: string;
  /** The TypeScript annotation as written. */
  tsType: string;
  kind: ParamKind;
  default: unknown;
  meaning: string;
  choices?: string[];
  /** For numbers (and each element of number[]): bounds, open or closed. */
  range?: { min: number; max: number; minOpen: boolean; maxOpen: boolean };
  integer?: boolean;
  /** For data sources: the keywords accepted besides "manifest:<id>" and a file path. */
  keywords?: string[];
  /** For data sources: the bundled file a keyword stands for (`@data printed=printed_table1.csv`, in data/<id>/). */
  keywordFiles?: Record<string, string>;
  /** For data sources: the schema dataset (data/<id>/schema.json) a user's file is checked against (`@dataset table1`). */
  dataset?: string;
}

export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionError";
  }
}

interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[];
}

const cellText = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

export function parametersSource(nb: NotebookJson, where: string): string {
  const cells = nb.cells.filter((c) => c.cell_type === "code" && c.metadata?.tags?.includes("parameters"));
  if (cells.length !== 1) throw new OptionError(`${where}: needs exactly one code cell tagged "parameters" (found ${cells.length})`);
  return cellText(cells[0].source);
}

function parseRange(s: string, where: string): ParamDecl["range"] {
  const m = /^([[(])\s*(-?[\d.eE+-]+|-inf|-∞)\s*,\s*(-?[\d.eE+-]+|inf|∞)\s*([\])])$/.exec(s.trim());
  if (!m) throw new OptionError(`${where}: @range must read like [1, 10] or (0, 1] or [0, inf), got "${s}"`);
  const num = (t: string) => (/inf|∞/.test(t) ? (t.startsWith("-") ? -Infinity : Infinity) : Number(t));
  const min = num(m[2]);
  const max = num(m[3]);
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) throw new OptionError(`${where}: bad @range "${s}"`);
  return { min, max, minOpen: m[1] === "(", maxOpen: m[4] === ")" };
}

function kindOf(tsType: string, where: string): Pick<ParamDecl, "kind" | "choices"> {
  const t = tsType.trim();
  if (t === "boolean" || t === "number" || t === "string" || t === "number[]" || t === "string[]") return { kind: t };
  if (/^Record<\s*string\s*,\s*number\[\]\s*>$/.test(t)) return { kind: "record" };
  const parts = t.split("|").map((p) => p.trim());
  if (parts.every((p) => /^"[^"\\]*"$/.test(p))) return { kind: "choice", choices: parts.map((p) => JSON.parse(p) as string) };
  throw new OptionError(`${where}: type "${t}" is not one of boolean, number, string, "a" | "b", number[], string[], Record<string, number[]>`);
}

const DECL = /^const\s+([A-Za-z_$][\w$]*)\s*:\s*([^=]+?)\s*=\s*(.+?);\s*(?:\/\/.*)?$/;
const DOC = /^\/\*\*\s*(.*?)\s*\*\/$/;

/**
 * The cell's logical lines, each with the index of its first physical line: a doc comment may run over several
 * lines (`/** start` … `end *\/`, a leading `*` dropped) and a declaration until the line that ends in `;`, so
 * that a long meaning or a long literal keeps within the line budget of a cell. A one-line doc comment followed by
 * its declaration on the same line gives two logical lines; the declaration's `prefix` is the text before `const`.
 */
function logicalLines(source: string): { line: string; at: number; end: number; prefix: string }[] {
  const out: { line: string; at: number; end: number; prefix: string }[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const at = i;
    let line = lines[i].trim();
    let prefix = lines[i].match(/^\s*/)![0];
    const inline = /^(\/\*\*.*?\*\/)\s*(const\s.*)$/.exec(line);
    if (inline) {
      out.push({ line: inline[1], at, end: at, prefix });
      prefix += line.slice(0, line.length - inline[2].length);
      line = inline[2];
    }
    const open = (l: string) =>
      (l.startsWith("/**") && !l.endsWith("*/")) || (/^const\s/.test(l) && !/;\s*(?:\/\/.*)?$/.test(l));
    if (open(line)) {
      const isDoc = line.startsWith("/**");
      while (i + 1 < lines.length && open(line)) {
        const next = lines[++i].trim();
        line = `${line} ${isDoc ? next.replace(/^\*(?!\/)\s*/, "") : next}`;
        if (isDoc && next.endsWith("*/")) break;
      }
    }
    out.push({ line, at, end: i, prefix });
  }
  return out;
}

/** The declarations of one parameters cell; throws a ParamError naming the line when one is not in the typed form. */
export function parseParameters(source: string, where: string): ParamDecl[] {
  const out: ParamDecl[] = [];
  let doc: string | null = null;
  logicalLines(source).forEach(({ line: raw, at: i }) => {
    const line = raw.trim();
    const at = `${where}, parameters cell line ${i + 1}`;
    if (!line || (line.startsWith("//") && !line.startsWith("/**"))) return;
    const d = DOC.exec(line);
    if (d) {
      doc = d[1];
      return;
    }
    const m = DECL.exec(line);
    if (!m) throw new OptionError(`${at}: expected "/** meaning */" or "const name: type = value;", got "${line.slice(0, 80)}"`);
    if (doc === null) throw new OptionError(`${at}: "${m[1]}" needs a /** meaning */ comment above it (one line, or more)`);
    const [, name, tsType, literal] = m;
    const tags: Record<string, string> = {};
    const meaning = (doc as string).replace(/@(\w+)([^@]*)/g, (_all, tag: string, val: string) => {
      tags[tag] = val.trim();
      return "";
    }).trim();
    doc = null;
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      throw new OptionError(`${at}: the default of "${name}" must be a JSON literal, got ${literal}`);
    }
    const decl: ParamDecl = { name, tsType: tsType.trim(), ...kindOf(tsType, at), default: value, meaning };
    if ("range" in tags) decl.range = parseRange(tags.range, at);
    if ("integer" in tags) decl.integer = true;
    if ("data" in tags) {
      if (decl.kind !== "string") throw new OptionError(`${at}: @data needs type string`);
      decl.kind = "data";
      const words = tags.data.split(/\s+/).filter(Boolean);
      decl.keywords = words.map((w) => w.split("=")[0]);
      const files = words.filter((w) => w.includes("=")).map((w) => w.split("=") as [string, string]);
      if (files.length) decl.keywordFiles = Object.fromEntries(files);
    }
    if ("dataset" in tags) {
      if (decl.kind !== "data" || !/^[\w-]+$/.test(tags.dataset)) throw new OptionError(`${at}: @dataset needs @data and one dataset name`);
      decl.dataset = tags.dataset;
    }
    for (const t of Object.keys(tags)) if (!["range", "integer", "data", "dataset"].includes(t)) throw new OptionError(`${at}: unknown tag @${t}`);
    if (out.some((o) => o.name === name)) throw new OptionError(`${at}: "${name}" is declared twice`);
    const problem = checkValue(decl, value);
    if (problem) throw new OptionError(`${at}: the default of "${name}" is not allowed: ${problem}`);
    out.push(decl);
  });
  return out;
}

/** What a declaration allows, in words ("a whole number in [1, 20]", "one of areas | all"). */
export function allowed(d: ParamDecl): string {
  const range = (r = d.range) => {
    if (!r) return "";
    const hi = r.max === Infinity ? "inf" : String(r.max);
    const lo = r.min === -Infinity ? "-inf" : String(r.min);
    return ` in ${r.minOpen ? "(" : "["}${lo}, ${hi}${r.maxOpen ? ")" : "]"}`;
  };
  const num = d.integer ? "a whole number" : "a finite number";
  switch (d.kind) {
    case "boolean":
      return "true or false";
    case "number":
      return num + range();
    case "string":
      return "text";
    case "choice":
      return `one of ${d.choices!.join(" | ")}`;
    case "data":
      return `${[...d.keywords!.map((k) => `"${k}"`), '"manifest:<id>"'].join(", ")} or the path of an existing file (CSV/XLSX) or folder`;
    case "number[]":
      return `a JSON list of ${d.integer ? "whole numbers" : "finite numbers"}${range()}, e.g. [1,2]`;
    case "string[]":
      return 'a JSON list of strings, e.g. ["a","b"]';
    case "record":
      return 'a JSON object of number lists, e.g. {"x":[1,2,3]}';
  }
}

function numberProblem(d: ParamDecl, v: unknown): string | null {
  if (typeof v !== "number" || !Number.isFinite(v)) return "not a finite number";
  if (d.integer && !Number.isInteger(v)) return "not a whole number";
  const r = d.range;
  if (r && (v < r.min || v > r.max || (r.minOpen && v === r.min) || (r.maxOpen && v === r.max))) return "out of range";
  return null;
}

/** Why a (typed) value does not fit the declaration, or null when it does. */
export function checkValue(d: ParamDecl, v: unknown): string | null {
  switch (d.kind) {
    case "boolean":
      return typeof v === "boolean" ? null : "not true or false";
    case "number":
      return numberProblem(d, v);
    case "string":
    case "data":
      return typeof v === "string" ? null : "not text";
    case "choice":
      return typeof v === "string" && d.choices!.includes(v) ? null : "not one of the choices";
    case "number[]":
      if (!Array.isArray(v)) return "not a list";
      for (const x of v) {
        const p = numberProblem(d, x);
        if (p) return `an element is ${p}`;
      }
      return null;
    case "string[]":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? null : "not a list of strings";
    case "record":
      return v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => Array.isArray(x) && x.every((y) => typeof y === "number" && Number.isFinite(y)))
        ? null
        : "not an object of number lists";
  }
}

/** Where the user typed the command: `npm run` moves to the package root and keeps the original in INIT_CWD. */
export function userDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/**
 * The typed value of `--set name=raw` for a declaration, or a ParamError naming the parameter, the value and
 * what is allowed. Numbers must be finite (1e400 is refused, not turned into null); text parameters take the
 * raw text (a JSON string literal is unquoted); data paths are resolved against the user's directory and must exist.
 */
export function coerceParam(d: ParamDecl, raw: string, notebook: string, cwd: string = userDirectory()): unknown {
  const fail = (): never => {
    throw new OptionError(`--set ${d.name}=${raw}: ${notebook}'s "${d.name}" must be ${allowed(d)}`);
  };
  const text = raw.trim();
  let json: unknown;
  let parsed = false;
  try {
    json = JSON.parse(text);
    parsed = true;
  } catch {
    /* not JSON: text */
  }
  if (d.kind === "string" || d.kind === "choice" || d.kind === "data") {
    const s = parsed && typeof json === "string" ? json : raw;
    if (d.kind === "choice" && !d.choices!.includes(s)) fail();
    if (d.kind === "data" && !d.keywords!.includes(s) && !s.startsWith("manifest:")) {
      const abs = path.resolve(cwd, s);
      if (!fs.existsSync(abs)) {
        throw new OptionError(`--set ${d.name}=${raw}: no file ${abs} (${notebook}'s "${d.name}" must be ${allowed(d)})`);
      }
      return abs;
    }
    return s;
  }
  if (!parsed) fail();
  // JSON.parse turns 1e400 into Infinity; checkValue refuses any non-finite number.
  if (checkValue(d, json)) fail();
  return json;
}

/** The TypeScript source of the cell that overrides parameters (inserted after the parameters cell). */
/**
 * The parameters cell with `values` written over the defaults, in place (papermill injects a second cell instead).
 * Only the literals change, so the cell declares the same names with the same types and comments: tslab's
 * declarations after it are the baseline's, and every later cell's compiled form comes from the cell cache
 * (runner/kernel.ts) instead of being type-checked again. A closing comment names what was set and the defaults.
 */
export function parametersWith(source: string, decls: ParamDecl[], values: Record<string, unknown>): string {
  for (const k of Object.keys(values)) if (!decls.some((d) => d.name === k)) throw new OptionError(`no parameter "${k}"`);
  const set: string[] = [];
  const lines = source.split("\n");
  const out: string[] = [];
  let next = 0;
  for (const { line, at, end, prefix } of logicalLines(source)) {
    const m = DECL.exec(line);
    if (!m || !(m[1] in values)) continue;
    const literal = JSON.stringify(values[m[1]]);
    const was = m[3].length > 60 ? `${m[3].slice(0, 57)}...` : m[3];
    set.push(`${m[1]} = ${literal} (default ${was})`);
    // a declaration written over several lines becomes one line; its name, type and comment stay as they were
    out.push(...lines.slice(next, at), `${prefix}const ${m[1]}: ${m[2].trim()} = ${literal};`);
    next = end + 1;
  }
  out.push(...lines.slice(next));
  const missing = Object.keys(values).filter((k) => !set.some((x) => x.startsWith(`${k} = `)));
  if (missing.length) throw new OptionError(`parameter "${missing[0]}" is not declared in the parameters cell`);
  return `${out.join("\n").replace(/\s+$/, "")}\n// Set by \`regionlab replicate --set\`: ${set.join("; ")}.\n`;
}

/** The parameters cell a run of `notebookPath` with `values` executes in place of its own; "" for the defaults. */
export function injectedParameters(notebookPath: string, decls: ParamDecl[], values: Record<string, unknown>): string {
  return Object.keys(values).length ? parametersWith(readParametersSource(notebookPath), decls, values) : "";
}

/** The source of a notebook's parameters cell. */
export function readParametersSource(notebookPath: string): string {
  return parametersSource(JSON.parse(fs.readFileSync(notebookPath, "utf8")) as NotebookJson, path.basename(notebookPath));
}

export function readParameters(notebookPath: string): ParamDecl[] {
  const where = path.basename(notebookPath);
  const nb = JSON.parse(fs.readFileSync(notebookPath, "utf8")) as NotebookJson;
  return parseParameters(parametersSource(nb, where), where);
}

/** The parameters as a text table for `regionlab params <id>`. */
export function parametersText(decls: ParamDecl[]): string {
  const rows = decls.map((d) => [d.name, d.kind === "choice" || d.kind === "data" ? "string" : d.tsType, JSON.stringify(d.default), allowed(d), d.meaning]);
  const head = ["name", "type", "default", "allowed", "meaning"];
  const w = head.map((h, j) => Math.min(j === 3 ? 48 : 40, Math.max(h.length, ...rows.map((r) => r[j].length))));
  const fmt = (r: string[]) => r.map((c, j) => (j < r.length - 1 ? c.padEnd(w[j]) : c)).join("  ");
  return [fmt(head), ...rows.map(fmt)].join("\n");
}
