#!/usr/bin/env node
// `npm run bench`: speed and memory of kernel-lib against the reference implementation, measured in the
// same run and reported as ratios (never as timed assertions). Each solver family has bench/<family>/index.js
// exporting `async run(ctx) -> BenchResult[]`, where a result is
//   { name, ours_ms, reference, reference_ms, ratio, ours_rss_mb?, reference_rss_mb?, note? }.
// A family whose reference tool is not installed reports it as skipped with the install command.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

function hasCommand(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Milliseconds per call of fn, over enough repetitions to pass minMs. */
function timeIt(fn, minMs = 300) {
  let reps = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do {
    fn();
    reps++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  } while (elapsed < minMs);
  return elapsed / reps;
}

async function main() {
  const only = process.argv.slice(2);
  const dirs = fs
    .readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, "index.js")))
    .map((d) => d.name)
    .filter((d) => !only.length || only.includes(d))
    .sort();
  const ctx = { hasCommand, timeIt, root: path.resolve(__dirname, "..") };
  const all = [];
  for (const d of dirs) {
    const mod = require(path.join(__dirname, d, "index.js"));
    const results = await mod.run(ctx);
    for (const r of results) {
      all.push({ family: d, ...r });
      const ratio = r.ratio !== undefined && r.ratio !== null ? `${r.ratio.toFixed(2)}x` : "n/a";
      console.log(`${d.padEnd(10)} ${r.name.padEnd(48)} ours ${fmt(r.ours_ms)} ms   ${String(r.reference || "").padEnd(18)} ${fmt(r.reference_ms)} ms   speed-up ${ratio}${r.note ? "   " + r.note : ""}`);
    }
  }
  const out = path.join(ctx.root, "out");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "bench.json"), JSON.stringify({ generated: new Date().toISOString(), node: process.version, results: all }, null, 2) + "\n");
  console.log(`written: ${path.join(out, "bench.json")}`);
}

function fmt(v) {
  return v === undefined || v === null ? "    -" : v.toFixed(2).padStart(9);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
