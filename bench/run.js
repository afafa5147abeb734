#!/usr/bin/env node
// `npm run bench [-- family ...]`: speed and memory of kernel-lib against the strongest peer on the same work,
// through bench/harness.js (interleaved repetitions, median ratio with min and max, answers asserted equal).
// Each family has bench/<family>/index.js exporting `async run(ctx) -> row[]`. Everything goes to out/bench.json;
// the run exits 1 when any row's answers disagree or a reference fails. `node bench/table.js` prints the README table.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const harness = require("./harness");

function fmtMs(v) {
  if (v === null || v === undefined) return "-";
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}

function line(family, r) {
  const ratio = r.ratio === null || r.ratio === undefined ? "n/a" : `${r.ratio.toFixed(2)}x (${r.ratio_min.toFixed(2)}–${r.ratio_max.toFixed(2)})`;
  const diff = r.max_diff !== undefined ? `   max diff ${r.max_diff.toExponential(1)} ≤ ${r.tolerance}` : "";
  return `${family.padEnd(8)} ${r.name}\n         ours ${fmtMs(r.ours_ms)}   ${r.reference || "(no peer)"} ${fmtMs(r.reference_ms)}   ratio ${ratio}${diff}${r.note ? "\n         " + r.note : ""}`;
}

async function main() {
  const only = process.argv.slice(2);
  const dirs = fs
    .readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, "index.js")))
    .map((d) => d.name)
    .filter((d) => !only.length || only.includes(d))
    .sort();
  const ctx = { ...harness, root: path.resolve(__dirname, "..") };
  const all = [];
  const failures = [];
  for (const d of dirs) {
    try {
      const mod = require(path.join(__dirname, d, "index.js"));
      const measured = { at: new Date().toISOString(), loadavg_start: os.loadavg() };
      const rows = await mod.run(ctx);
      measured.loadavg_end = os.loadavg();
      for (const r of rows) {
        all.push({ family: d, ...r, measured });
        console.log(line(d, r));
      }
    } catch (e) {
      failures.push({ family: d, error: e.message, mismatch: e instanceof harness.BenchMismatch });
      console.error(`${d.padEnd(8)} FAILED: ${e.message}`);
    }
  }
  const out = path.join(ctx.root, "out");
  fs.mkdirSync(out, { recursive: true });
  // a run of some families replaces their rows and keeps the other families' rows of an earlier run
  const file = path.join(out, "bench.json");
  const kept = only.length && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).results.filter((r) => !dirs.includes(r.family)) : [];
  const meta = {
    generated: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: (os.cpus()[0] || {}).model,
    reps: harness.REPS,
    ratio: "reference time / ours (> 1: ours is faster); median over interleaved repetitions, with min and max",
  };
  const results = [...kept, ...all].sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : 0));
  fs.writeFileSync(file, JSON.stringify({ ...meta, results, failures }, null, 2) + "\n");
  console.log(`written: out/bench.json (${all.length} rows, ${failures.length} failed)`);
  if (failures.length) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
