import * as fs from "fs";
import { DataError, dataErrorJson, formatIssue } from "../data/errors";
import { silentProgress, startProgress } from "../core/progress";
import { describe } from "../data/describe";
import { parseSchemaFile } from "../data/schema";
import { readTable } from "../data/table";
import { parseSet, replicate } from "../runner/replicate";
import { hausmanFamily, panelFamily } from "../panel/cli";
import { deaFamily, malmquistFamily } from "../dea/cli";
import { qcaFamily } from "../qca/cli";
import { moranFamily, spatialFamily } from "../spatial/cli";
import { gbdtFamily } from "../gbdt/cli";
import { networkFamily } from "../network/cli";
import { didFamily, psmFamily } from "../causal/cli";
import { ConvergenceError, Family, Io, ParsedArgs, UsageError, checkKnown, numberFlag, one, parseArgs } from "./args";

export * from "./args";

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


export const FAMILIES: Record<string, Family> = {
  panel: panelFamily,
  hausman: hausmanFamily,
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
    summary: "execute the notebooks headless and write reports and the replication scoreboard",
    help: `regionlab replicate [--only <id>[,<id>...]] [--set key=value ...] [--out <dir>] [--timeout <seconds per cell>]

Executes notebooks/<id>.ipynb with the tslab kernel (a project-local kernelspec), writes out/<id>.ipynb,
out/<id>.html (offline report) and out/scoreboard.json, and prints a line per notebook and the scoreboard.
--set overrides a name declared in a notebook's parameters cell (values are JSON when they parse: 42, true,
"../my/panel.csv"). Exit 0 when every notebook ran, 1 when one failed, 2 on bad options.`,
    run(p, io) {
      checkKnown(p, ["only", "set", "out", "timeout"]);
      const timeout = one(p, "timeout");
      if (timeout !== undefined && !(Number(timeout) > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got "${timeout}"`);
      let set: Record<string, unknown>;
      try {
        set = parseSet(p.flags.set ?? []);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const sb = replicate({ only: p.flags.only, set, out: one(p, "out"), timeout: timeout ? Number(timeout) : undefined, log: io.out });
      return sb.notebooks.every((n) => n.status === "ok") ? 0 : 1;
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
    if (e instanceof DataError || e instanceof UsageError) {
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
