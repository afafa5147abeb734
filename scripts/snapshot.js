#!/usr/bin/env node
// Writes the snapshot of each executed notebook's key outputs (ledger values and statuses, every displayed table's
// numbers) to test/snapshots/<id>.json, from a replicate output folder (default out/test-run, the one `npm test`
// writes). Run it only for a deliberate change, and say in the commit message why the pinned numbers moved:
//   node scripts/snapshot.js [--from out/test-run] [--only id,id]          write the snapshots
//   node scripts/snapshot.js --check [--from dir] [--only id,id] [--all]  list what moved, write nothing
"use strict";
const fs = require("fs");
const path = require("path");
const { readKeyOutputs, diffKeyOutputs } = require("../kernel-lib/dist/runner/snapshot");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const from = path.resolve(opt("--from", path.join(root, "out", "test-run")));
const only = (opt("--only", "") || "").split(",").filter(Boolean);
const check = args.includes("--check");
const showAll = args.includes("--all");
const ids = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.slice(0, -6));
const dir = path.join(root, "test", "snapshots");
fs.mkdirSync(dir, { recursive: true });
let n = 0;
for (const id of ids) {
  if (only.length && !only.includes(id)) continue;
  const file = path.join(from, `${id}.ipynb`);
  if (!fs.existsSync(file)) {
    console.error(`snapshot: ${file} not found (run the notebooks first: npm test, or npm run replicate -- --out ${from})`);
    process.exit(2);
  }
  const k = readKeyOutputs(id, file);
  if (check) {
    const snap = path.join(dir, `${id}.json`);
    const before = fs.existsSync(snap) ? JSON.parse(fs.readFileSync(snap, "utf8")) : { ledger: {}, tables: {} };
    const ch = diffKeyOutputs(before, k);
    const kinds = {};
    for (const c of ch) kinds[`${c.where} ${c.kind}`] = (kinds[`${c.where} ${c.kind}`] || 0) + 1;
    console.log(`${ch.length ? "MOVED" : "same "} ${id}: ${ch.length} change(s) ${JSON.stringify(kinds)}`);
    for (const c of showAll ? ch : ch.slice(0, 8)) console.log(`    ${c.kind} ${c.where} ${c.key}: ${c.before} → ${c.after}`);
    n++;
    continue;
  }
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(k, null, 1) + "\n");
  console.log(`snapshot: ${id}: ${Object.keys(k.ledger).length} ledger entries, ${Object.keys(k.tables).length} tables`);
  n++;
}
if (!check) console.log(`snapshot: wrote ${n} file(s) to ${path.relative(root, dir)}`);
