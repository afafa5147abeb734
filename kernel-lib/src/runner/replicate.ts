import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { textTable } from "../display/html";
import { projectRoot } from "../data/manifest";
import { LedgerCounts, LedgerSummary, emptyCounts } from "../ledger";
import { ensureJupyter, registerKernel } from "./jupyter";

/**
 * `regionlab replicate`: execute every notebook headless with the tslab kernel, write the executed
 * notebooks, offline HTML reports and the replication scoreboard to out/.
 */

export interface ReplicateOptions {
  only?: string[];
  set?: Record<string, unknown>;
  out?: string;
  /** Seconds allowed per cell. */
  timeout?: number;
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
  parameters: Record<string, unknown>;
  error?: { cell: number | null; source: string; ename: string; evalue: string };
  report: string;
}

export interface Scoreboard {
  generated: string;
  notebooks: ScoreboardRow[];
}

interface DriverResult {
  status: "ok" | "error";
  error: ScoreboardRow["error"] | null;
  ledger: LedgerSummary[];
  applied: Record<string, unknown>;
  skipped: string[];
  declared: string[];
  seconds: number;
}

/** Parse `key=value`; the value is JSON when it parses (numbers, true, "text", [..]) and text otherwise. */
export function parseSet(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new Error(`--set expects key=value, got "${p}"`);
    const k = p.slice(0, i).trim();
    const raw = p.slice(i + 1);
    if (!/^[A-Za-z_$][\w$]*$/.test(k)) throw new Error(`--set: "${k}" is not a valid parameter name`);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      v = raw;
    }
    out[k] = v;
  }
  return out;
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
  const rows = sb.notebooks.map((n) => ({
    notebook: n.id,
    status: n.status,
    seconds: n.seconds.toFixed(1),
    data: n.provenance,
    reproduced: String(n.ledger.reproduced),
    consistent: String(n.ledger.consistent),
    inconsistent: String(n.ledger.inconsistent),
    differs: String(n.ledger.differs),
    "not reproducible": String(n.ledger.not_reproducible),
  }));
  return textTable(rows);
}

export function replicate(opts: ReplicateOptions = {}): Scoreboard {
  const log = opts.log ?? ((s: string) => console.log(s));
  const root = projectRoot();
  const all = listNotebooks(root);
  const only = (opts.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim().replace(/\.ipynb$/, "")).filter(Boolean);
  for (const id of only) if (!all.includes(id)) throw new Error(`--only: no notebook "${id}" in notebooks/ (have: ${all.join(", ")})`);
  const ids = only.length ? only : all;
  if (ids.length === 0) throw new Error("no notebooks found in notebooks/");
  const outDir = path.resolve(opts.out ?? path.join(root, "out"));
  fs.mkdirSync(outDir, { recursive: true });

  const { python } = ensureJupyter(log);
  const kernelEnv = registerKernel(root);
  const driver = path.join(root, "kernel-lib", "python", "run_notebook.py");
  const params = opts.set ?? {};
  const declaredAnywhere = new Set<string>();
  const rows: ScoreboardRow[] = [];
  log(`regionlab replicate: ${ids.length} notebook${ids.length > 1 ? "s" : ""} → ${outDir}`);
  for (const id of ids) {
    const input = path.join(root, "notebooks", `${id}.ipynb`);
    const output = path.join(outDir, `${id}.ipynb`);
    const html = path.join(outDir, `${id}.html`);
    const t0 = Date.now();
    const r = spawnSync(python, [driver, "--input", input, "--output", output, "--html", html, "--cwd", path.join(root, "notebooks"), "--params", JSON.stringify(params), "--timeout", String(opts.timeout ?? 900), "--title", id], {
      cwd: path.join(root, "notebooks"),
      env: { ...process.env, ...kernelEnv, REGIONLAB_ROOT: root, REGIONLAB_OUT: outDir, REGIONLAB_NOTEBOOK: id, PYTHONWARNINGS: "ignore" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    let res: DriverResult;
    const lastLine = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    try {
      res = JSON.parse(lastLine);
    } catch {
      res = {
        status: "error",
        error: { cell: null, source: "", ename: "RunnerError", evalue: `the notebook driver failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").slice(-5).join(" | ")}` },
        ledger: [],
        applied: {},
        skipped: [],
        declared: [],
        seconds: (Date.now() - t0) / 1000,
      };
    }
    res.declared.forEach((d) => declaredAnywhere.add(d));
    const ledger = ledgerCounts(res.ledger);
    const row: ScoreboardRow = {
      id,
      status: res.status,
      seconds: Math.round(((Date.now() - t0) / 1000) * 10) / 10,
      provenance: provenanceOf(res.ledger),
      ledger,
      parameters: res.applied,
      report: path.relative(outDir, html),
      ...(res.error ? { error: res.error } : {}),
    };
    rows.push(row);
    const mark = row.status === "ok" ? "ok   " : "ERROR";
    log(`  ${mark} ${id.padEnd(40)} ${row.seconds.toFixed(1).padStart(6)} s  ${row.provenance}`);
    if (res.error) {
      log(`        cell ${res.error.cell ?? "?"}${res.error.source ? ` (${res.error.source})` : ""}: ${res.error.ename}: ${res.error.evalue.split("\n")[0]}`);
    }
  }
  const unknown = Object.keys(params).filter((k) => !declaredAnywhere.has(k));
  const sb: Scoreboard = { generated: new Date().toISOString(), notebooks: rows };
  fs.writeFileSync(path.join(outDir, "scoreboard.json"), JSON.stringify(sb, null, 2) + "\n");
  log("");
  log("Replication scoreboard (ledger: printed numbers vs ours)");
  log(scoreboardText(sb));
  log(`written: ${path.join(outDir, "scoreboard.json")}`);
  if (unknown.length) {
    throw new Error(`--set: no selected notebook has a parameter named ${unknown.map((u) => `"${u}"`).join(", ")} in its parameters cell`);
  }
  return sb;
}
