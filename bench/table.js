#!/usr/bin/env node
// Prints README's speed table (markdown) from out/bench.json: `node bench/table.js [file]`.
"use strict";
const fs = require("fs");
const path = require("path");

const file = process.argv[2] || path.join(__dirname, "..", "out", "bench.json");
const b = JSON.parse(fs.readFileSync(file, "utf8"));

const ms = (v) => (v === null || v === undefined ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const mb = (v) => (v === null || v === undefined ? "" : `, ${Math.round(v)} MB`);
const tol = (t) => (t === 0 ? "0" : t < 1e-3 ? t.toExponential(0) : String(t));
const cell = (s) => String(s).replace(/\|/g, "\\|");

const measured = b.results.filter((r) => r.measured).map((r) => r.measured);
const times = measured.map((m) => m.at).sort();
const day = (t) => t.slice(0, 16).replace("T", " ");
console.log(`Measured ${day(times[0])}–${day(times[times.length - 1]).slice(11)} UTC on ${b.cpus} cores (${b.cpu_model}) shared with other work, Node ${b.node}; the load column is the 1-minute load average when the family started and ended (2 cores: above 2 means queued work). Ratio = peer time / ours (> 1: ours is faster), median of ${b.reps} interleaved repetitions (min–max); memory is each side's peak RSS during the timed work.\n`);
console.log("| bench | ours | peer, same run | ratio | load | same work, answers asserted |");
console.log("|---|---|---|---|---|---|");
for (const r of b.results) {
  if (r.skipped) continue;
  const ratio = r.ratio === null || r.ratio === undefined ? "no peer" : `${r.ratio.toFixed(2)}× (${r.ratio_min.toFixed(2)}–${r.ratio_max.toFixed(2)})`;
  const peer = r.reference ? `${r.reference} ${ms(r.reference_ms)}${mb(r.reference_rss_mb)}` : "—";
  const same = r.same_work ? `${r.same_work}; max diff ${r.max_diff === 0 ? "0" : r.max_diff.toExponential(1)} (tolerance ${tol(r.tolerance)})` : r.note || "";
  const load = r.measured ? `${r.measured.loadavg_start[0].toFixed(1)}–${r.measured.loadavg_end[0].toFixed(1)}` : "?";
  const cpu = r.ours_cpu_ms === undefined ? "" : ` (CPU ${ms(r.ours_cpu_ms)})`;
  console.log(`| ${cell(r.name)} | ${ms(r.ours_ms)}${cpu}${mb(r.ours_rss_mb)} | ${cell(peer)} | ${ratio} | ${load} | ${cell(same)} |`);
}
const skipped = b.results.filter((r) => r.skipped);
if (skipped.length) console.log(`\nNot measured in this run: ${skipped.map((r) => `${r.name} (${r.note})`).join("; ")}.`);
if (b.failures && b.failures.length) console.log(`\nFailed in this run: ${b.failures.map((f) => `${f.family}: ${f.error}`).join("; ")}.`);
