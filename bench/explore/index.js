// Explore bench: time to the first result of a what-if (the variant's numbers compared with the baseline and
// written to diff.json), cold and warm, for three small studies. Cold is `regionlab replicate --only <id> --set ...`
// (a new Python driver and tslab kernel per run, as before `regionlab explore`); warm is the explore server's
// warm kernel for the study after one earlier what-if in it (the page's warm-up). Each repetition runs a fresh
// setting so no folder is reused; cold and warm alternate. The answers are asserted equal: every ledger value and
// table number of the warm variant equals the cold one's (a warm kernel must not change a number).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");

const CASES = [
  { id: "yangtze-openness", key: "illustrativeSeed", values: [101, 102, 103, 104, 105, 106], fixed: { cvMean: "simple" } },
  { id: "resource-cities-hqd-interview", key: "shrinkThreshold", values: [-1, -2, -3, -4, -5, -6], fixed: {} },
  { id: "county-economy-policy", key: "binYears", values: [2, 3, 4, 5, 6, 7], fixed: {} },
];

function timeCold(root, id, set, out) {
  const cli = path.join(root, "kernel-lib", "bin", "regionlab.js");
  const args = [cli, "replicate", "--only", id, "--out", out, ...Object.entries(set).flatMap(([k, v]) => ["--set", `${k}=${v}`])];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    c.stderr.on("data", (b) => (err += b));
    c.on("close", (code) => (code === 0 ? resolve(Date.now() - t0) : reject(new Error(`cold run of ${id} failed (exit ${code}): ${err.slice(-300)}`))));
  });
}

async function timeWarm(server, id, set) {
  const t0 = Date.now();
  const params = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, String(v)]));
  const r = await server.app.inject({ method: "POST", url: `/api/studies/${id}/variants`, payload: { params } });
  if (r.statusCode !== 202) throw new Error(`warm run of ${id}: ${r.body}`);
  const name = r.json().name;
  for (;;) {
    await new Promise((res) => setTimeout(res, 100));
    const s = (await server.app.inject({ url: `/api/studies/${id}/variants/${encodeURIComponent(name)}` })).json();
    if (s.firstResult !== null && s.firstResult !== undefined && s.diff) {
      const first = Date.now() - t0;
      while ((await server.app.inject({ url: `/api/studies/${id}/variants/${encodeURIComponent(name)}` })).json().state === "running") await new Promise((res) => setTimeout(res, 200));
      if (s.error) throw new Error(`warm run of ${id} failed: ${s.error.evalue}`);
      return { ms: first, name };
    }
    if (s.state === "error") throw new Error(`warm run of ${id} failed: ${JSON.stringify(s.error)}`);
  }
}

function numbers(lib, id, file) {
  const k = lib.readKeyOutputs(id, file);
  const ledger = Object.keys(k.ledger).sort().map((key) => k.ledger[key].ours);
  const tables = Object.keys(k.tables).sort().flatMap((cap) => Object.keys(k.tables[cap]).sort().map((cell) => k.tables[cap][cell]));
  return [...ledger, ...tables].map((v) => (typeof v === "number" ? v : null));
}

async function run(ctx) {
  const root = ctx.root;
  const { buildServer } = require(path.join(root, "kernel-lib", "dist", "explore", "server.js"));
  const { ensureJupyter, registerKernel } = require(path.join(root, "kernel-lib", "dist", "runner", "jupyter.js"));
  const snapshot = require(path.join(root, "kernel-lib", "dist", "runner", "snapshot.js"));
  const { python } = ensureJupyter(() => undefined);
  const context = { root, python, timeout: 900, env: { ...process.env, ...registerKernel(root), REGIONLAB_ROOT: root, PYTHONWARNINGS: "ignore" } };
  const reps = Math.min(ctx.REPS, 5);
  const rows = [];
  for (const c of CASES) {
    const warmOut = ctx.tempDir(`explore-warm-${c.id}`);
    const coldOut = ctx.tempDir(`explore-cold-${c.id}`);
    const server = buildServer({ root, outDir: warmOut, context, jobs: 1 });
    try {
      // The page's warm-up: one what-if in the new kernel (its time is the warm path's first, cold-kernel run).
      const first = await timeWarm(server, c.id, { ...c.fixed, [c.key]: c.values[0] });
      console.error(`explore  ${c.id}: first what-if in a new kernel ${(first.ms / 1000).toFixed(1)} s`);
      const cold = [];
      const warm = [];
      let maxDiff = 0;
      for (let r = 0; r < reps; r++) {
        const set = { ...c.fixed, [c.key]: c.values[r + 1] };
        cold.push(await timeCold(root, c.id, set, coldOut));
        const w = await timeWarm(server, c.id, set);
        warm.push(w.ms);
        console.error(`explore  ${c.id} ${w.name}: cold ${(cold.at(-1) / 1000).toFixed(1)} s, warm ${(w.ms / 1000).toFixed(1)} s`);
        const a = numbers(snapshot, c.id, path.join(warmOut, "variants", c.id, w.name, `${c.id}.ipynb`));
        const b = numbers(snapshot, c.id, path.join(coldOut, "variants", c.id, w.name, `${c.id}.ipynb`));
        const d = ctx.maxAbsDiff(a, b, `${c.id} ${w.name}: warm vs cold numbers`);
        if (d !== 0) throw new ctx.BenchMismatch(`${c.id} ${w.name}: a warm what-if moved a number (max |diff| ${d})`);
        maxDiff = Math.max(maxDiff, d);
      }
      const ratios = warm.map((w, i) => cold[i] / w);
      rows.push({
        name: `${c.id}: time to first result of a what-if (${c.key}=…), warm kernel`,
        reference: "cold: regionlab replicate --set (new driver and tslab kernel per run)",
        same_work: "the same notebook, the same --set values, cold and warm alternating; numbers asserted equal",
        reps,
        ours_ms: ctx.median(warm),
        reference_ms: ctx.median(cold),
        ratio: ctx.median(ratios),
        ratio_min: Math.min(...ratios),
        ratio_max: Math.max(...ratios),
        ours_ms_all: warm,
        reference_ms_all: cold,
        max_diff: maxDiff,
        diff_measure: "max |warm − cold| over every ledger value and table number",
        tolerance: 0,
        note: `first what-if in a new warm kernel (the warm-up): ${(first.ms / 1000).toFixed(1)} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
      });
    } finally {
      await server.close();
    }
  }
  return rows;
}

module.exports = { run };
