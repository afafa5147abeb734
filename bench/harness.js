// The one harness every bench family uses (issue 21): ours and the strongest peer run the same work, interleaved
// over REPS repetitions (A B A B A B), and a row reports the median ratio with its min and max (ratio = peer time /
// ours, > 1: we are faster), the peak RSS of each side where /proc allows it, and the largest difference between
// the two answers. A row whose answers differ by more than its stated tolerance throws BenchMismatch: the bench
// run then exits non-zero.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const REPS = Math.max(3, Number(process.env.BENCH_REPS) || 3);

class BenchMismatch extends Error {}

function median(v) {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function hasCommand(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** True when Rscript runs and every package loads (from the library path, R_LIBS included). */
function hasR(...pkgs) {
  if (!hasCommand("Rscript")) return false;
  const probe = `quit(status = if (all(sapply(c(${pkgs.map((p) => JSON.stringify(p)).join(",")}), requireNamespace, quietly = TRUE))) 0 else 1)`;
  return spawnSync("Rscript", ["-e", probe], { stdio: "ignore" }).status === 0;
}

/** Version of an installed R package, or "?". */
function rPackageVersion(pkg) {
  const p = spawnSync("Rscript", ["-e", `cat(as.character(packageVersion("${pkg}")))`], { encoding: "utf8" });
  return p.status === 0 ? p.stdout.trim() : "?";
}

// Debian's python3 (where apt installs numpy, pandas and xgboost) before whatever python3 is first on PATH
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

function hasPython(...modules) {
  return spawnSync(PYTHON, ["-c", modules.map((m) => `import ${m}`).join("; ") || "pass"], { stdio: "ignore" }).status === 0;
}

// Peak RSS of this process: writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so the peak covers one call.
function resetPeak() {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}
function peakMb() {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) / 1024;
  } catch {
    return null;
  }
}

/** R helpers prepended to every R script: bench_start(), then bench_done(answer) prints one JSON line. */
const R_PRELUDE = `suppressMessages(library(jsonlite))
bench_peak <- function() { s <- tryCatch(readLines("/proc/self/status"), error = function(e) character(0)); h <- grep("^VmHWM", s, value = TRUE)
  if (length(h)) as.numeric(gsub("[^0-9]", "", h)) / 1024 else NA }
bench_start <- function() { invisible(gc()); try(writeLines("5", "/proc/self/clear_refs"), silent = TRUE); bench_t0 <<- proc.time()[["elapsed"]] }
bench_done <- function(answer) { ms <- (proc.time()[["elapsed"]] - bench_t0) * 1000
  cat("\\nBENCH_JSON ", toJSON(list(ms = ms, rss_mb = bench_peak(), answer = answer), digits = NA, auto_unbox = TRUE, na = "null"), "\\n", sep = "") }
`;

const PY_PRELUDE = `import json, time, re
def bench_peak():
    try:
        return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
    except Exception:
        return None
def bench_start():
    global _t0
    try:
        open("/proc/self/clear_refs", "w").write("5")
    except Exception:
        pass
    _t0 = time.perf_counter()
def bench_done(answer):
    print("\\nBENCH_JSON " + json.dumps({"ms": (time.perf_counter() - _t0) * 1000, "rss_mb": bench_peak(), "answer": answer}))
`;

// The result is the last line starting with BENCH_JSON, so whatever a package prints on loading cannot be read as it.
function parseResult(tool, p) {
  if (p.status !== 0) throw new Error(`${tool} failed: ${(p.stderr || "").trim().split("\n").slice(-3).join(" | ")}`);
  const line = (p.stdout || "").split("\n").filter((l) => l.startsWith("BENCH_JSON ")).pop();
  if (!line) throw new Error(`${tool} printed no BENCH_JSON line: ${(p.stdout || "").trim().slice(-300)}`);
  return JSON.parse(line.slice("BENCH_JSON ".length));
}

/** Runs an R script (with the prelude) in a fresh Rscript; returns { ms, rss_mb, answer } as the script reports. */
function runR(script) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-r-"));
  const file = path.join(dir, "bench.R");
  fs.writeFileSync(file, R_PRELUDE + script);
  const p = spawnSync("Rscript", [file], { encoding: "utf8", maxBuffer: 1 << 28 });
  fs.rmSync(dir, { recursive: true, force: true });
  return parseResult("Rscript", p);
}

function runPython(script) {
  const p = spawnSync(PYTHON, ["-c", PY_PRELUDE + script], { encoding: "utf8", maxBuffer: 1 << 28 });
  return parseResult("python3", p);
}

/** A temporary directory removed when the process exits. */
function tempDir(tag) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${tag}-`));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeCsv(file, cols, names = Object.keys(cols)) {
  const n = cols[names[0]].length;
  const lines = [names.join(",")];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => cols[c][i]).join(","));
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/** Largest |a_i − b_i| over two equal-length arrays of numbers (null only where both are null). */
function maxAbsDiff(a, b, what = "answer") {
  if (a.length !== b.length) throw new BenchMismatch(`${what}: ours has ${a.length} values, the reference ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] === null) !== (b[i] === null)) throw new BenchMismatch(`${what}[${i}]: ours ${a[i]}, reference ${b[i]}`);
    if (a[i] === null) continue;
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/**
 * One bench row. spec:
 *   name, peer (the strongest peer, with version where known), same (why the work is the same on both sides),
 *   ours(): answer (timed here, in this process), reference(): { ms, rss_mb, answer } (timed by the peer itself,
 *   around the same work, so process start-up and reading inputs are excluded on both sides),
 *   diff(oursAnswer, refAnswer): the largest difference, tolerance: its bound, unit?: what the diff measures,
 *   note?: string or (oursAnswer, refAnswer) => string.
 */
function compare(spec) {
  const oursMs = [], refMs = [], oursRss = [], refRss = [];
  let maxDiff = 0, lastOurs, lastRef;
  for (let r = 0; r < REPS; r++) {
    if (global.gc) global.gc();
    const canPeak = resetPeak();
    const t0 = process.hrtime.bigint();
    lastOurs = spec.ours();
    oursMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (canPeak) oursRss.push(peakMb());
    const ref = spec.reference();
    refMs.push(ref.ms);
    if (ref.rss_mb !== null && ref.rss_mb !== undefined) refRss.push(ref.rss_mb);
    lastRef = ref.answer;
    const d = spec.diff(lastOurs, lastRef);
    if (!(d <= spec.tolerance))
      throw new BenchMismatch(`bench "${spec.name}": ours and ${spec.peer} disagree: ${spec.unit || "max |diff|"} ${d} > tolerance ${spec.tolerance}`);
    maxDiff = Math.max(maxDiff, d);
  }
  const ratios = oursMs.map((o, i) => refMs[i] / o);
  const note = typeof spec.note === "function" ? spec.note(lastOurs, lastRef) : spec.note;
  return {
    name: spec.name,
    reference: spec.peer,
    same_work: spec.same,
    reps: REPS,
    ours_ms: median(oursMs),
    reference_ms: median(refMs),
    ratio: median(ratios),
    ratio_min: Math.min(...ratios),
    ratio_max: Math.max(...ratios),
    ours_ms_all: oursMs,
    reference_ms_all: refMs,
    ours_rss_mb: oursRss.length ? Math.max(...oursRss) : null,
    reference_rss_mb: refRss.length ? Math.max(...refRss) : null,
    max_diff: maxDiff,
    diff_measure: spec.unit || "max |ours − reference|",
    tolerance: spec.tolerance,
    note,
  };
}

/** A row with no peer to compare against (reported, never in a ratio). */
function oursOnly(name, why, fn, note) {
  const ms = [];
  let last;
  for (let r = 0; r < REPS; r++) {
    const t0 = process.hrtime.bigint();
    last = fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { name, reference: null, reference_ms: null, ratio: null, reps: REPS, ours_ms: median(ms), ours_ms_all: ms, note: `${why}${note ? "; " + note(last) : ""}` };
}

/**
 * Speed-up of threads: the same call with `threads: n` against `threads: 1` (the "peer"), interleaved; answers
 * must be bit-identical (tolerance 0). ratio = time on 1 thread / time on n threads. The load average is in the
 * note: on a machine shared with other work the speed-up is bounded by the idle cores, not by ours.
 */
function threadSpeedup(name, fn, n = 2) {
  const { isDeepStrictEqual } = require("util");
  const row = compare({
    name: `${name}: ${n} threads vs 1`,
    peer: "ours, threads 1",
    same: "the same call with threads 1 and threads " + n + "; every result bit-identical",
    ours: () => fn(n),
    reference: () => {
      const t0 = process.hrtime.bigint();
      const answer = fn(1);
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rss_mb: null, answer };
    },
    diff: (a, b) => (isDeepStrictEqual(a, b) ? 0 : Infinity),
    tolerance: 0,
    unit: "0 when bit-identical",
  });
  row.note = `${os.cpus().length} cores, 1-min load ${os.loadavg()[0].toFixed(1)} at the end (speed-up = time on 1 thread / on ${n})`;
  return row;
}

/** A row whose peer is not installed: says so, with the command that installs it. */
function skipped(name, peer, install) {
  return { name, reference: peer, ours_ms: null, reference_ms: null, ratio: null, skipped: true, note: `skipped: ${peer} not available (${install})` };
}

module.exports = { REPS, BenchMismatch, median, hasCommand, hasR, rPackageVersion, hasPython, runR, runPython, tempDir, writeCsv, maxAbsDiff, compare, oursOnly, threadSpeedup, skipped };
