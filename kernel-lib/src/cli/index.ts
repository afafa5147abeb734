import * as fs from "fs";
import { DataError, dataErrorJson, formatIssue } from "../data/errors";
import { silentProgress, startProgress } from "../core/progress";
import { describe } from "../data/describe";
import { parseSchemaFile } from "../data/schema";
import { readTable } from "../data/table";
import * as path from "path";
import { projectRoot } from "../data/manifest";
import { listNotebooks, replicate } from "../runner/replicate";
import { OptionError, ParamDecl, allowed, parametersText, readParameters, userDirectory } from "../runner/params";
import { writeTemplate } from "../runner/template";
import { hausmanFamily, panelFamily } from "./panel";
import { ivFamily } from "./iv";
import { deaFamily, malmquistFamily } from "./dea";
import { qcaFamily } from "./qca";
import { moranFamily, spatialFamily } from "./spatial";
import { gbdtFamily } from "./gbdt";
import { networkFamily } from "./network";
import { didFamily, psmFamily } from "./causal";
import { ConvergenceError, Family, Io, ParsedArgs, UsageError, checkKnown, numberFlag, one, parseArgs } from "./args";

// For tests and embedders: the argument parser and the errors main() maps to exit codes.
export { ConvergenceError, UsageError, parseArgs } from "./args";
export type { Family, Io, ParsedArgs } from "./args";

/**
 * `regionlab <family> ...`: one command for every solver family. Conventions: `--data <csv>` input,
 * `--json` prints one JSON object on stdout, bad input exits 2 with a one-line message on stderr naming
 * file, row and column. Each solver family registers itself in FAMILIES.
 */

/** The dataset schema named on the command line; a bad schema file is a usage error (exit 2). */
export function loadSpec(p: ParsedArgs, required: boolean) {
  const file = one(p, "schema", required);
  if (!file) return undefined;
  if (!fs.existsSync(file)) throw new UsageError(`${file}: schema file not found`);
  try {
    return parseSchemaFile(fs.readFileSync(file, "utf8"), file, one(p, "dataset"));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** JSON has no Infinity: open-ended bounds become null. */
function rangeJson(r: NonNullable<ParamDecl["range"]>) {
  const f = (v: number) => (Number.isFinite(v) ? v : null);
  return { ...r, min: f(r.min), max: f(r.max) };
}

export const FAMILIES: Record<string, Family> = {
  panel: panelFamily,
  hausman: hausmanFamily,
  iv: ivFamily,
  dea: deaFamily,
  malmquist: malmquistFamily,
  qca: qcaFamily,
  moran: moranFamily,
  spatial: spatialFamily,
  gbdt: gbdtFamily,
  network: networkFamily,
  did: didFamily,
  psm: psmFamily,
  replicate: {
    summary: "execute the notebooks headless (in parallel), write reports, the scoreboard and what-if diffs",
    booleans: ["self-contained", "fresh-kernels"],
    help: `regionlab replicate [--only <id>[,<id>...]] [--set [<id>:]key=value ...] [--grid key=a,b,c ...] [--name <variant>]
                    [--out <dir>] [--timeout <seconds per cell>] [--jobs <n>] [--self-contained] [--fresh-kernels]

Executes notebooks/<id>.ipynb with the tslab kernel (a project-local kernelspec), up to --jobs at once (default:
the number of cores), each job slot in one warm kernel reset to a fresh module scope before each notebook
(--fresh-kernels starts a new kernel per notebook instead); compiled cells are cached in .cache/cells/. Writes
out/<id>.ipynb, out/<id>.html (offline report) and merges the rows of the notebooks run into out/scoreboard.json.

What-if: --set overrides a parameter the notebook declares (regionlab params <id> lists them; the value's type,
choice and range are checked before anything runs). The run goes to out/variants/<id>/<name>/ (--name, or the
settings, or their hash) beside the baseline, with diff.html and diff.json: the changed parameters, then every
ledger entry and table number, baseline beside variant, changes first. --grid key=a,b,c (repeatable) runs every
combination and writes out/variants/<id>/grid-<name>.html/.json: how the numbers move. Without --only, --set and
--grid run every notebook that declares all the keys. --set <id>:key=value sets a parameter of that notebook only,
so one run (one warm kernel per job slot) can try a different value in each of several notebooks. --set rewrites the
literals of the parameters cell in place, so every later cell's compiled form is reused from .cache/cells/.
Reports share plotly and KaTeX's stylesheet in <out>/assets/; --self-contained writes each report as one file that
needs nothing beside it. Exit 0 when every notebook ran, 1 when one failed, 2 on bad options.`,
    async run(p, io) {
      checkKnown(p, ["only", "set", "grid", "name", "out", "timeout", "jobs", "self-contained", "fresh-kernels"]);
      const timeout = one(p, "timeout");
      if (timeout !== undefined && !(Number(timeout) > 0 && Number.isFinite(Number(timeout)))) throw new UsageError(`--timeout must be a positive number of seconds, got "${timeout}"`);
      const jobs = numberFlag(p, "jobs", 1, 64);
      if (jobs !== undefined && !Number.isInteger(jobs)) throw new UsageError(`--jobs must be a whole number in [1, 64], got "${one(p, "jobs")}"`);
      const name = one(p, "name");
      if (name !== undefined && !p.flags.set?.length && !p.flags.grid?.length) throw new UsageError("--name names a --set variant or a --grid; give one of them too");
      const r = await replicate({ only: p.flags.only, set: p.flags.set, grid: p.flags.grid, name, out: one(p, "out"), timeout: timeout ? Number(timeout) : undefined, jobs, selfContained: p.bools.has("self-contained"), freshKernels: p.bools.has("fresh-kernels"), log: io.out });
      return r.runs.every((n) => n.status === "ok") ? 0 : 1;
    },
  },
  explore: {
    summary: "a local web app: the studies, their reports, what-if variants with live progress and diffs, teaching mode",
    booleans: [],
    help: `regionlab explore [--port <n>] [--host <address>] [--out <dir>] [--jobs <n>] [--max-upload-mb <n>]

Starts a local web server (127.0.0.1, a free port unless --port) and prints its URL; opens nothing else. It serves
the studies with their scoreboard, each baseline report (from --out, default out/), a parameter form generated from
the notebook's typed declarations, what-if runs in warm kernels (at most --jobs at once, default the number of
cores; the rest wait in a visible queue) with live per-cell progress, the diff against the baseline, and teaching
mode. Uploads (CSV/XLSX for a data parameter, at most --max-upload-mb, default 5) are validated against the study's
schema and stored only in the variant's folder. --host 0.0.0.0 listens on every interface: unsafe on a shared
network (anyone who reaches the port can run notebooks on this machine). Ctrl-C stops it; finished variants stay on
disk and are listed again at the next start.`,
    async run(p, io) {
      checkKnown(p, ["port", "host", "out", "jobs", "max-upload-mb", "timeout"]);
      const port = numberFlag(p, "port", 0, 65535);
      if (port !== undefined && !Number.isInteger(port)) throw new UsageError(`--port must be a whole number in [0, 65535]`);
      const jobs = numberFlag(p, "jobs", 1, 64);
      if (jobs !== undefined && !Number.isInteger(jobs)) throw new UsageError(`--jobs must be a whole number in [1, 64]`);
      const mb = numberFlag(p, "max-upload-mb", 0.001, 1024);
      const timeout = numberFlag(p, "timeout", 0.001, 86400);
      const host = one(p, "host");
      const { startExplore } = await import("../explore");
      const s = await startExplore({ host, port, jobs, out: one(p, "out"), uploadLimit: mb !== undefined ? Math.round(mb * 1024 * 1024) : undefined, timeout, log: io.out });
      if (host && host !== "127.0.0.1" && host !== "localhost" && host !== "::1") io.err(`regionlab explore: listening on ${host}: anyone who can reach this port can run notebooks here`);
      io.out(`regionlab explore: ${s.url}  (reports from ${s.outDir}; Ctrl-C stops)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void s.close().then(resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      return 0;
    },
  },
  params: {
    summary: "list a notebook's parameters: type, default, allowed values, meaning (without running it)",
    booleans: ["json"],
    help: `regionlab params <id> [--json]

Reads the notebook's parameters cell (the typed declarations) without executing it and lists each parameter:
name, type, default, allowed values or range, and its meaning. These are the names replicate --set accepts.`,
    run(p, io) {
      checkKnown(p, ["json"]);
      const id = p.positional[0]?.replace(/\.ipynb$/, "");
      const all = listNotebooks(projectRoot());
      if (!id || p.positional.length > 1) throw new UsageError(`give one notebook id (have: ${all.join(", ")})`);
      if (!all.includes(id)) throw new UsageError(`no notebook "${id}" in notebooks/ (have: ${all.join(", ")})`);
      const decls = readParameters(path.join(projectRoot(), "notebooks", `${id}.ipynb`));
      if (p.bools.has("json")) {
        io.out(JSON.stringify({ notebook: id, parameters: decls.map((d) => ({ ...d, allowed: allowed(d), ...(d.range ? { range: rangeJson(d.range) } : {}) })) }));
      } else io.out(`${id}: ${decls.length} parameters (override with: npx regionlab replicate --only ${id} --set name=value)\n\n${parametersText(decls)}`);
      return 0;
    },
  },
  template: {
    summary: "write the files a notebook reads by default (bundled or verified public data) to edit and feed back",
    booleans: ["json"],
    help: `regionlab template <id> [--out <dir>] [--json]

Copies the input files a notebook reads by default into <dir> (default template/<id>) with their documented columns
(data/<id>/schema.json, README.md): bundled files from data/<id>/, public files from their verified copy. Prints the
--set that makes the notebook read them. A synthetic panel is drawn inside the notebook and is not written (yet).`,
    async run(p, io) {
      checkKnown(p, ["out", "json"]);
      const root = projectRoot();
      const all = listNotebooks(root);
      const id = p.positional[0]?.replace(/\.ipynb$/, "");
      if (!id || p.positional.length > 1) throw new UsageError(`give one notebook id (have: ${all.join(", ")})`);
      if (!all.includes(id)) throw new UsageError(`no notebook "${id}" in notebooks/ (have: ${all.join(", ")})`);
      const dir = path.resolve(userDirectory(), one(p, "out") ?? path.join("template", id));
      const r = await writeTemplate(id, readParameters(path.join(root, "notebooks", `${id}.ipynb`)), root, dir);
      if (p.bools.has("json")) io.out(JSON.stringify(r));
      else {
        for (const w of r.written) io.out(`${w.parameter}: wrote ${w.files.length} file${w.files.length > 1 ? "s" : ""} to ${dir}\n  npx regionlab replicate --only ${id} --set ${w.parameter}=${w.setTo}`);
        for (const s of r.skipped) io.out(`${s.parameter}: no template: ${s.reason}`);
      }
      return r.written.length ? 0 : 2;
    },
  },
  validate: {
    summary: "check a CSV/XLSX file against a dataset schema (the same check the notebooks run)",
    booleans: ["json"],
    help: `regionlab validate --data <csv|xlsx> --schema <schema.json> [--dataset <name>] [--sheet <name>]
    [--max-issues N] [--json]

Reads the file and checks it against the schema (data/<study>/schema.json): required columns, numeric
columns finite numbers, ranges and levels, a unique (id, time) key. Prints a summary (or JSON) and exits 0.
Otherwise prints every problem, one line each naming file, row (and physical line) and column, on stderr, up
to --max-issues (default 20) followed by how many more there are, and exits 2; with --json the problems are
also printed on stdout as { "error": { "kind": "data", "message", "total", "issues": [...] } }.`,
    run(p, io) {
      checkKnown(p, ["data", "schema", "dataset", "sheet", "max-issues", "json"]);
      const data = one(p, "data", true)!;
      const spec = loadSpec(p, true)!;
      const maxIssues = numberFlag(p, "max-issues", 1, Number.MAX_SAFE_INTEGER, 20)!;
      let t;
      try {
        t = readTable(data, spec, { sheet: one(p, "sheet"), maxIssues });
      } catch (e) {
        if (!(e instanceof DataError) || e.issues.length < 2) throw e;
        for (const i of e.issues) io.err(`regionlab validate: ${formatIssue(i)}`);
        if (e.total > e.issues.length) io.err(`regionlab validate: ... and ${e.total - e.issues.length} more problems (${e.total} in all); pass --max-issues ${e.total} to see all`);
        if (p.bools.has("json")) io.out(JSON.stringify(dataErrorJson(e)));
        return 2;
      }
      const summary = { file: data, dataset: spec.name, rows: t.nRows, columns: t.names, missing: t.missing, valid: true };
      io.out(p.bools.has("json") ? JSON.stringify(summary) : `${data}: ${t.nRows} rows valid against "${spec.name}"`);
      return 0;
    },
  },
  describe: {
    summary: "descriptive statistics (N, mean, SD, min, max) as papers print them",
    booleans: ["json"],
    help: `regionlab describe --data <csv|xlsx> [--vars a,b,c] [--schema <schema.json> [--dataset <name>]] [--json]

Stata summarize conventions: non-missing observations, SD with n − 1. Without --vars, every numeric column.`,
    run(p, io) {
      checkKnown(p, ["data", "vars", "schema", "dataset", "json"]);
      const data = one(p, "data", true)!;
      const spec = loadSpec(p, false);
      const t = readTable(data, spec);
      const vars = one(p, "vars")?.split(",").map((s) => s.trim());
      // Without --vars, a numeric column with a bad cell is refused, not left out of the table.
      if (!vars) for (const n of t.names) {
        const bad = t.badNumericCell(n);
        if (bad) throw new DataError([bad]);
      }
      const d = describe(t, vars);
      io.out(p.bools.has("json") ? JSON.stringify({ variables: d.stats }) : d.text());
      return 0;
    },
  },
};

export function usage(): string {
  const w = Math.max(...Object.keys(FAMILIES).map((k) => k.length));
  return [
    "regionlab <family> [options]   (regionlab <family> --help for each)",
    "",
    ...Object.entries(FAMILIES).map(([k, f]) => `  ${k.padEnd(w)}  ${f.summary}`),
  ].join("\n");
}

/** Run the CLI; returns the exit code (0 ok, 1 failure, 2 bad input or usage). */
export async function main(argv: readonly string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  const [family, ...rest] = argv;
  if (!family || family === "--help" || family === "-h" || family === "help") {
    io.out(usage());
    return family ? 0 : 2;
  }
  const f = FAMILIES[family];
  if (!f) {
    io.err(`regionlab: unknown family "${family}"\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(f.help);
    return 0;
  }
  // --json promises one JSON object on stdout, failures included; its progress bar is off unless --progress.
  const json = rest.includes("--json");
  const showProgress = !json || rest.includes("--progress");
  const args = rest.filter((a) => a !== "--progress");
  const withProgress: Io = { ...io, progress: io.progress ?? ((label) => (showProgress ? startProgress(label) : silentProgress)) };
  try {
    return await f.run(parseArgs(args, f.booleans), withProgress);
  } catch (e) {
    if (e instanceof DataError || e instanceof UsageError || e instanceof OptionError) {
      io.err(`regionlab ${family}: ${e.message}`);
      if (json)
        io.out(JSON.stringify(e instanceof DataError ? dataErrorJson(e) : e instanceof ConvergenceError ? { error: { kind: "convergence", message: e.message, convergence: e.convergence } } : { error: { kind: "usage", message: e.message } }));
      return 2;
    }
    const message = (e as Error).message ?? String(e);
    io.err(`regionlab ${family}: internal error (a bug; please report it): ${message}`);
    if (json) io.out(JSON.stringify({ error: { kind: "internal", message } }));
    return 1;
  }
}
