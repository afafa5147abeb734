import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { textTable } from "../display/html";
import { projectRoot } from "../data/manifest";
import { LedgerCounts, LedgerSummary, emptyCounts } from "../ledger";
import { ReportFinisher } from "../report";
import { ensureJupyter, registerKernel } from "./jupyter";
import { ParamDecl, OptionError, coerceParam, injectedParameters, readParameters, userDirectory } from "./params";
import { KeyOutputs, readKeyOutputs } from "./snapshot";
import { LiveCells } from "./live";
import { WarmKernel } from "./warm";
import { DiffReport, GridPoint, checkVariantName, compareOutputs, diffCounts, diffHtml, gridHtml, gridSummary, variantName } from "./variants";

/**
 * `regionlab replicate`: execute every notebook headless with the tslab kernel, write the executed
 * notebooks, offline HTML reports and the replication scoreboard to out/.
 */

export interface ReplicateOptions {
  only?: string[];
  /** `--set key=value` as typed on the command line; checked against the parameters' declarations. */
  set?: string[];
  /** `--grid key=a,b,c` (repeatable): every combination is a variant. */
  grid?: string[];
  /** Folder name of a --set variant (default: the settings, or their hash when long). */
  name?: string;
  out?: string;
  /** Seconds allowed per cell (fractions allowed). */
  timeout?: number;
  /** Inline plotly and KaTeX into every report instead of sharing them in <out>/assets/. */
  selfContained?: boolean;
  /** Notebooks executed at once (default: the number of cores). */
  jobs?: number;
  /** Start a new kernel for every notebook instead of one warm kernel per job slot, reset between notebooks. */
  freshKernels?: boolean;
  log?: (s: string) => void;
}

/** "real", "synthetic", "printed tables only", or a combination such as "printed + synthetic"; "none" without a ledger. */
export type ProvenanceLabel = string;

export interface ScoreboardRow {
  id: string;
  status: "ok" | "error";
  seconds: number;
  provenance: ProvenanceLabel;
  ledger: LedgerCounts;
  /** The parameters overridden in this run (empty for the baseline). */
  parameters: Record<string, unknown>;
  error?: { cell: number | null; source: string; ename: string; evalue: string };
  report: string;
  /** Seconds per phase: the driver's Python start-up, the kernel's start-up to the first cell, the cells, the report. */
  timing?: { driver: number; kernel: number; cells: number; report: number };
}

export interface Scoreboard {
  generated: string;
  notebooks: ScoreboardRow[];
}

export interface DriverResult {
  status: "ok" | "error";
  error: ScoreboardRow["error"] | null;
  ledger: LedgerSummary[];
  seconds: number;
  phases?: { kernel: number; cells: number; report: number };
}

/** Split `key=value` pairs (value as typed; its type comes from the declaration). */
export function parseSet(pairs: readonly string[], flag = "--set"): [string, string][] {
  const out: [string, string][] = [];
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new OptionError(`${flag} expects key=value, got "${p}"`);
    const k = p.slice(0, i).trim();
    // `<notebook>:<name>=value` sets a parameter of that notebook only (--set; several notebooks in one run)
    const scoped = flag === "--set" ? /^([a-z0-9][a-z0-9-]*):([A-Za-z_$][\w$]*)$/.exec(k) : null;
    if (!scoped && !/^[A-Za-z_$][\w$]*$/.test(k)) throw new OptionError(`${flag}: "${k}" is not a valid parameter name${flag === "--set" ? " (or <notebook>:<name>)" : ""}`);
    if (out.some(([x]) => x === k)) throw new OptionError(`${flag}: "${k}" given twice`);
    out.push([k, p.slice(i + 1)]);
  }
  return out;
}

/** The values of a grid entry "a,b,c": commas inside [..], {..} or quotes do not split ("[1,2],[3,4]" is two values). */
export function splitGridValues(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = "";
  for (const ch of raw) {
    if (ch === '"') quote = !quote;
    else if (!quote && (ch === "[" || ch === "{")) depth++;
    else if (!quote && (ch === "]" || ch === "}")) depth--;
    if (ch === "," && depth === 0 && !quote) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((v) => v.trim());
}

export function listNotebooks(root: string): string[] {
  const dir = path.join(root, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .map((f) => f.replace(/\.ipynb$/, ""))
    .sort();
}

/**
 * Counts per status over the printed numbers a notebook compared, each entry once: a notebook that shows
 * the same entry in two tables (a step's table and a closing summary) is not counted twice; the last status
 * shown wins.
 */
export function ledgerCounts(ledgers: LedgerSummary[]): ScoreboardRow["ledger"] {
  const status = new Map<string, LedgerSummary["rows"][number]["status"]>();
  for (const l of ledgers) for (const r of l.rows) status.set(`${l.study}\u0001${r.id}`, r.status);
  const out = emptyCounts();
  for (const st of status.values()) out[st]++;
  return out;
}

export function provenanceOf(ledgers: LedgerSummary[]): ProvenanceLabel {
  const p = new Set(ledgers.flatMap((l) => l.provenances ?? [l.provenance]));
  if (p.size === 0) return "none";
  if (p.size === 1 && p.has("printed")) return "printed tables only";
  return (["real", "printed", "synthetic"] as const).filter((k) => p.has(k)).join(" + ");
}

export function scoreboardText(sb: Scoreboard): string {
  // Ledger columns are whatever ledgerCounts returns ("not_reproducible" shown as "not reproducible").
  const rows = sb.notebooks.map((n) => ({
    notebook: n.id,
    status: n.status,
    seconds: n.seconds.toFixed(1),
    data: n.provenance,
    ...Object.fromEntries(Object.entries(n.ledger).map(([k, v]) => [k === "input" ? "read as data" : k.replace(/_/g, " "), String(v)])),
  }));
  return textTable(rows);
}

/** One notebook execution: the baseline (no overrides, written to out/) or a what-if variant (out/variants/<id>/<name>/). */
export interface Job {
  id: string;
  decls: ParamDecl[];
  values: Record<string, unknown>;
  dir: string;
  /** Variant folder name; null for the baseline. */
  variant: string | null;
}

export interface Plan {
  outDir: string;
  jobs: Job[];
  /** Per notebook, the grid's typed values (for the summary); null without --grid. */
  grid: Record<string, unknown[]> | null;
  gridName: string | null;
}

function cartesian(keys: string[], values: unknown[][]): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  keys.forEach((k, j) => {
    out = out.flatMap((o) => values[j].map((v) => ({ ...o, [k]: v })));
  });
  return out;
}

/**
 * Every option checked before any notebook starts: notebook ids, each --set/--grid key, type, choice and
 * range against the notebooks' declarations, data paths. Throws an OptionError (exit 2) naming what is wrong.
 */
export function planRuns(opts: ReplicateOptions, root: string = projectRoot()): Plan {
  const all = listNotebooks(root);
  if (all.length === 0) throw new OptionError("no notebooks found in notebooks/");
  const only = (opts.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim().replace(/\.ipynb$/, "")).filter(Boolean);
  for (const id of only) if (!all.includes(id)) throw new OptionError(`--only: no notebook "${id}" in notebooks/ (have: ${all.join(", ")})`);
  const allSet = parseSet(opts.set ?? []);
  const set = allSet.filter(([k]) => !k.includes(":"));
  // --set <notebook>:<name>=value: per-notebook values, each notebook a variant of its own in one run (warm kernels)
  const scoped = allSet.filter(([k]) => k.includes(":")).map(([k, raw]) => [k.split(":")[0], k.split(":")[1], raw] as const);
  for (const [id, k] of scoped) {
    if (!all.includes(id)) throw new OptionError(`--set ${id}:${k}: no notebook "${id}" in notebooks/`);
    if (only.length && !only.includes(id)) throw new OptionError(`--set ${id}:${k}: ${id} is not in --only`);
  }
  const gridPairs = parseSet(opts.grid ?? [], "--grid");
  for (const [k] of gridPairs) if (set.some(([s]) => s === k)) throw new OptionError(`--grid ${k}: also given with --set; give it once`);
  if (opts.name !== undefined) {
    const bad = checkVariantName(opts.name);
    if (bad) throw new OptionError(bad);
  }
  if (scoped.length && gridPairs.length) throw new OptionError("--grid cannot be combined with --set <notebook>:<name>=value");
  const keys = [...set, ...gridPairs].map(([k]) => k);
  const declsOf = new Map<string, ParamDecl[]>();
  const decls = (id: string) => {
    if (!declsOf.has(id)) declsOf.set(id, readParameters(path.join(root, "notebooks", `${id}.ipynb`)));
    return declsOf.get(id)!;
  };
  let ids = only.length ? [...new Set(only)] : scoped.length ? all.filter((id) => scoped.some(([x]) => x === id)) : all;
  if (scoped.length) {
    const bare = ids.find((id) => !scoped.some(([x]) => x === id) && !set.length);
    if (bare) throw new OptionError(`--only ${bare}: no --set for it (with --set <notebook>:<name>=value, every notebook run is a variant)`);
    keys.push(...scoped.map(([, k]) => k));
  }
  if (keys.length && !only.length && !scoped.length) {
    ids = all.filter((id) => keys.every((k) => decls(id).some((d) => d.name === k)));
    if (!ids.length) {
      const k = keys.find((x) => !all.some((id) => decls(id).some((d) => d.name === x))) ?? keys[0];
      throw new OptionError(`${set.some(([s]) => s === k) ? "--set" : "--grid"} ${k}: no notebook declares a parameter "${k}" (npx regionlab params <id> lists them)`);
    }
  }
  const outDir = opts.out ? path.resolve(userDirectory(), opts.out) : path.join(root, "out");
  const jobs: Job[] = [];
  let grid: Record<string, unknown[]> | null = null;
  for (const id of ids) {
    const d = decls(id);
    const declOf = (k: string, raw: string, flag: string) => {
      const x = d.find((z) => z.name === k);
      if (!x) throw new OptionError(`${flag} ${k}=${raw}: ${id} has no parameter "${k}" (it has: ${d.map((z) => z.name).join(", ")})`);
      return x;
    };
    const fixed: Record<string, unknown> = {};
    for (const [k, raw] of set) fixed[k] = coerceParam(declOf(k, raw, "--set"), raw, id);
    for (const [x, k, raw] of scoped) {
      if (x !== id) continue;
      if (k in fixed) throw new OptionError(`--set ${id}:${k}: also given as --set ${k}; give it once`);
      fixed[k] = coerceParam(declOf(k, raw, "--set"), raw, id);
    }
    if (!keys.length) {
      jobs.push({ id, decls: d, values: {}, dir: outDir, variant: null });
      continue;
    }
    const gk = gridPairs.map(([k]) => k);
    const gv = gridPairs.map(([k, raw]) => {
      const decl = declOf(k, raw, "--grid");
      const vals = splitGridValues(raw).map((v) => coerceParam(decl, v, id));
      if (vals.length < 2) throw new OptionError(`--grid ${k}=${raw}: give at least two comma-separated values`);
      return vals;
    });
    if (gk.length) grid = Object.fromEntries(gk.map((k, j) => [k, gv[j]]));
    const points = gk.length ? cartesian(gk, gv).map((c) => ({ ...fixed, ...c })) : [fixed];
    if (points.length > 64) throw new OptionError(`--grid: ${points.length} combinations; at most 64 in one run`);
    for (const values of points) {
      const name = !gk.length && opts.name ? opts.name : variantName(values);
      jobs.push({ id, decls: d, values, dir: path.join(outDir, "variants", id, name), variant: name });
    }
  }
  const gridName = grid ? `grid-${opts.name ?? variantName(Object.fromEntries(gridPairs))}` : null;
  return { outDir, jobs, grid, gridName };
}

export interface Context {
  root: string;
  python: string;
  env: NodeJS.ProcessEnv;
  timeout: number;
}

function runDriver(ctx: Context, job: Job): Promise<DriverResult> {
  const driver = path.join(ctx.root, "kernel-lib", "python", "run_notebook.py");
  const input = path.join(ctx.root, "notebooks", `${job.id}.ipynb`);
  const inject = injectedParameters(input, job.decls, job.values);
  const args = [driver, "--input", input, "--output", path.join(job.dir, `${job.id}.ipynb`), "--html", path.join(job.dir, `${job.id}.html`), "--cwd", path.join(ctx.root, "notebooks"), "--inject", inject, "--timeout", String(ctx.timeout), "--title", job.variant ? `${job.id} (what-if ${job.variant})` : job.id];
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(ctx.python, args, {
      cwd: path.join(ctx.root, "notebooks"),
      env: { ...ctx.env, REGIONLAB_OUT: job.dir, REGIONLAB_NOTEBOOK: job.id },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString("utf8")).slice(-20000)));
    const fail = (why: string): DriverResult => ({
      status: "error",
      error: { cell: null, source: "", ename: "RunnerError", evalue: why },
      ledger: [],
      seconds: (Date.now() - t0) / 1000,
    });
    child.on("error", (e) => resolve(fail(`could not start the notebook driver: ${e.message}`)));
    child.on("close", (code) => {
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(lastLine) as DriverResult);
      } catch {
        resolve(fail(`the notebook driver failed (exit ${code}): ${stderr.trim().split("\n").slice(-5).join(" | ")}`));
      }
    });
  });
}

/** Run `f` over `items` with at most `n` at once; results in input order. */
async function pool<T, R>(items: readonly T[], n: number, f: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

function readScoreboard(file: string): Scoreboard | null {
  try {
    const sb = JSON.parse(fs.readFileSync(file, "utf8")) as Scoreboard;
    return Array.isArray(sb.notebooks) ? sb : null;
  } catch {
    return null;
  }
}

/** The scoreboard after this run: rows of the notebooks just run replace theirs, the others stay (notebook order). */
export function mergeScoreboard(previous: Scoreboard | null, rows: ScoreboardRow[], order: string[]): Scoreboard {
  const byId = new Map((previous?.notebooks ?? []).map((r) => [r.id, r] as const));
  for (const r of rows) byId.set(r.id, r);
  const notebooks = [...byId.values()].filter((r) => order.includes(r.id)).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { generated: new Date().toISOString(), notebooks };
}

function outputsOf(id: string, file: string): KeyOutputs | null {
  return fs.existsSync(file) ? readKeyOutputs(id, file) : null;
}

export function writeDiff(plan: Pick<Plan, "outDir">, job: Job, row: ScoreboardRow): DiffReport {
  const base = path.join(plan.outDir, `${job.id}.ipynb`);
  const before = outputsOf(job.id, base);
  const after = outputsOf(job.id, path.join(job.dir, `${job.id}.ipynb`)) ?? { id: job.id, ledger: {}, tables: {} };
  const outFlag = path.resolve(plan.outDir) === path.resolve(projectRoot(), "out") ? "" : ` --out ${plan.outDir}`;
  const numbers = compareOutputs(before ?? { id: job.id, ledger: {}, tables: {} }, after);
  const d: DiffReport = {
    notebook: job.id,
    variant: job.variant!,
    generated: new Date().toISOString(),
    parameters: Object.entries(job.values).map(([name, v]) => ({ name, baseline: job.decls.find((x) => x.name === name)?.default, variant: v })),
    status: row.status,
    baseline: before ? base : null,
    note: before
      ? `Baseline: ${base} (the notebook with its declared defaults).`
      : `No baseline at ${base}: make one with \`npx regionlab replicate --only ${job.id}${outFlag}\`, then re-run this what-if; until then every number shows as added.`,
    counts: { ledger: 0, ledgerChanged: 0, tableNumbers: 0, tableChanged: 0 },
    numbers,
  };
  d.counts = diffCounts(numbers);
  fs.writeFileSync(path.join(job.dir, "diff.json"), JSON.stringify(d, null, 1) + "\n");
  fs.writeFileSync(path.join(job.dir, "diff.html"), diffHtml(d));
  return d;
}

/**
 * After the driver: finish the report (KaTeX, fonts, assets), make the scoreboard row and, for a variant, write
 * run.json and the diff against the baseline. Shared by `replicate` and `regionlab explore`'s warm kernels.
 */
export async function finishRun(
  plan: Pick<Plan, "outDir">,
  job: Job,
  res: DriverResult,
  started: number,
  opts: { selfContained?: boolean; log: (s: string) => void; reportFinished?: boolean; reports?: ReportFinisher },
): Promise<ScoreboardRow & { variant: string | null; dir: string }> {
  const log = opts.log;
  const html = path.join(job.dir, `${job.id}.html`);
  if (fs.existsSync(html) && !opts.reportFinished) {
    const own = opts.reports ? null : new ReportFinisher();
    try {
      const report = await (opts.reports ?? own!).finish(html, { selfContained: opts.selfContained, fontCache: path.join(projectRoot(), ".cache", "fonts") });
      if (report.warning) log(`  warning: ${job.id}.html: ${report.warning}`);
    } catch (e) {
      res.status = "error";
      res.error ??= { cell: null, source: "", ename: "ReportError", evalue: (e as Error).message };
    } finally {
      await own?.close();
    }
  }
  const row: ScoreboardRow = {
    id: job.id,
    status: res.status,
    seconds: Math.round(((Date.now() - started) / 1000) * 10) / 10,
    provenance: provenanceOf(res.ledger),
    ledger: ledgerCounts(res.ledger),
    parameters: job.values,
    report: path.relative(plan.outDir, path.join(job.dir, `${job.id}.html`)),
    ...(res.error ? { error: res.error } : {}),
    ...(res.phases ? { timing: { driver: Math.round((Date.now() - started) / 10 - res.seconds * 100) / 100, ...res.phases } } : {}),
  };
  const label = job.variant ? `${job.id} [${job.variant}]` : job.id;
  log(`  ${row.status === "ok" ? "ok   " : "ERROR"} ${label.padEnd(40)} ${row.seconds.toFixed(1).padStart(6)} s  ${row.provenance}`);
  if (res.error) log(`        cell ${res.error.cell ?? "?"}${res.error.source ? ` (${res.error.source})` : ""}: ${res.error.ename}: ${res.error.evalue.split("\n")[0]}`);
  if (job.variant) {
    fs.writeFileSync(path.join(job.dir, "run.json"), JSON.stringify(row, null, 2) + "\n");
    const d = writeDiff(plan, job, row);
    log(`        diff: ${d.counts.ledgerChanged} ledger entries, ${d.counts.tableChanged} table numbers changed → ${path.join(job.dir, "diff.html")}`);
  }
  return { ...row, variant: job.variant, dir: job.dir };
}

export interface ReplicateResult {
  scoreboard: Scoreboard;
  /** Rows of this run (baseline and variants). */
  runs: (ScoreboardRow & { variant: string | null; dir: string })[];
  seconds: number;
}

/**
 * `regionlab replicate`: validates every option (planRuns), then executes the notebooks, at most `jobs` at
 * once. The baseline merges into out/scoreboard.json; --set/--grid variants go to out/variants/<id>/<name>/
 * with a diff report against the baseline, and a grid writes one summary per notebook.
 */
export async function replicate(opts: ReplicateOptions = {}): Promise<ReplicateResult> {
  // Per-cell progress on stderr (warm kernels report their cells); the live line is cleared before each log line.
  const live = opts.log ? null : new LiveCells();
  const log = opts.log ?? ((s: string) => (live?.clear(), console.log(s)));
  const t0 = Date.now();
  const root = projectRoot();
  const plan = planRuns(opts, root);
  const jobsAtOnce = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), plan.jobs.length));
  const { python } = ensureJupyter(log);
  const ctx: Context = { root, python, timeout: opts.timeout ?? 900, env: { ...process.env, ...registerKernel(root), REGIONLAB_ROOT: root, PYTHONWARNINGS: "ignore" } };
  const n = plan.jobs.length;
  log(`regionlab replicate: ${n} run${n > 1 ? "s" : ""} → ${plan.outDir} (${jobsAtOnce} at a time)`);
  // One warm kernel per job slot, reset to a fresh module scope before each notebook (kernel.ts).
  const warm = opts.freshKernels ? [] : Array.from({ length: jobsAtOnce }, (_, i) => new WarmKernel(`slot-${i + 1}`, ctx));
  const idle = [...warm];
  let runs: (ScoreboardRow & { variant: string | null; dir: string })[];
  // A slot takes its next notebook as soon as its kernel is done; the finished one's report is post-processed
  // meanwhile (a child process), which removed a 0.5-3 s idle gap per notebook.
  const finishing: Promise<ScoreboardRow & { variant: string | null; dir: string }>[] = [];
  const reports = new ReportFinisher();
  try {
    await pool(plan.jobs, jobsAtOnce, async (job, i) => {
      fs.mkdirSync(job.dir, { recursive: true });
      const started = Date.now();
      let res: DriverResult;
      if (opts.freshKernels) res = await runDriver(ctx, job);
      else {
        const k = idle.pop()!;
        const reused = k.runs > 0;
        const key = `${job.id}\0${job.variant ?? ""}`;
        live?.start(key, job.variant ? `${job.id} (${job.variant})` : job.id, path.join(root, "notebooks", `${job.id}.ipynb`));
        res = await k.run(job, (e) => live?.event(key, e));
        live?.end(key);
        idle.push(k.alive ? k : new WarmKernel(k.id, ctx));
        // The warm driver itself failing (RunnerError: its new kernel did not answer within 120 s, once at load 10) is
        // not the notebook's failure either.
        const driverFailed = res.error?.ename === "RunnerError";
        if (res.status === "error" && (reused || driverFailed)) {
          // Seen in 3 of about 40 warm runs at load 17-24 (a cell replied "error" with no output; the driver died once),
          // never in a fresh kernel: a notebook that fails in a reused kernel runs again in a new one, whose result counts.
          log(`  ${job.id}: failed in ${driverFailed ? "the warm driver" : "a reused kernel"} (cell ${res.error?.cell ?? "?"}); running it again in a fresh kernel`);
          if (res.error) log(`        ${res.error.ename}: ${res.error.evalue.split("\n").slice(0, 3).join(" | ")}`);
          res = await runDriver(ctx, job);
        }
      }
      finishing[i] = finishRun(plan, job, res, started, { selfContained: opts.selfContained, log, reports });
    });
  } finally {
    await Promise.all([...new Set([...warm, ...idle])].map((k) => k.stop()));
  }
  try {
    runs = await Promise.all(finishing);
  } finally {
    await reports.close();
  }

  const scoreFile = path.join(plan.outDir, "scoreboard.json");
  const baselineRows = runs.filter((r) => r.variant === null).map(({ variant: _v, dir: _d, ...row }) => row);
  let scoreboard: Scoreboard = { generated: new Date().toISOString(), notebooks: runs.map(({ variant: _v, dir: _d, ...row }) => row) };
  if (baselineRows.length) {
    const merged = mergeScoreboard(readScoreboard(scoreFile), baselineRows, listNotebooks(root));
    fs.writeFileSync(scoreFile, JSON.stringify(merged, null, 2) + "\n");
    scoreboard = merged;
  }
  if (plan.grid) {
    for (const id of [...new Set(plan.jobs.map((j) => j.id))]) {
      const base = path.join(plan.outDir, `${id}.ipynb`);
      const points: GridPoint[] = runs
        .filter((r) => r.id === id && r.variant)
        .map((r) => ({ variant: r.variant!, values: r.parameters, status: r.status, ...(r.error ? { error: `${r.error.ename}: ${r.error.evalue.split("\n")[0]}` } : {}), outputs: outputsOf(id, path.join(r.dir, `${id}.ipynb`)) }));
      const baseOut = outputsOf(id, base);
      const note = baseOut ? `Baseline: ${base}.` : `No baseline at ${base} (make one with \`npx regionlab replicate --only ${id}\`); the runs are compared with each other only.`;
      const g = gridSummary(id, plan.grid, baseOut, baseOut ? base : null, points, note);
      const stem = path.join(plan.outDir, "variants", id, plan.gridName!);
      fs.writeFileSync(`${stem}.json`, JSON.stringify(g, null, 1) + "\n");
      fs.writeFileSync(`${stem}.html`, gridHtml(g));
      log(`  grid ${id}: ${points.length} runs, ${g.moving.length} numbers move → ${stem}.html`);
    }
  }
  const seconds = (Date.now() - t0) / 1000;
  log("");
  log(baselineRows.length ? "Replication scoreboard (ledger: printed numbers vs ours)" : "What-if runs (ledger: printed numbers vs ours)");
  log(scoreboardText(baselineRows.length ? scoreboard : { generated: scoreboard.generated, notebooks: runs }));
  if (baselineRows.length) log(`written: ${scoreFile}`);
  log(`${n} run${n > 1 ? "s" : ""} in ${seconds.toFixed(1)} s wall time`);
  return { scoreboard, runs, seconds };
}
