// DEA scale curve (issue 22): the global-frontier super-SBM (VRS, 3 inputs, 1 output, 1 undesirable output) of the
// nqpf notebooks on 1,840 → 56,000 DMU-years (BENCH_DEA_SIZES, default 1840,5000,10000,20000,56000), each size in
// its own process so its time and peak RSS are its own, on all cores (threads: the default). Screened = the
// defaults (solve on the efficient set first, warm-started LPs); full = every LP cold against the whole
// (dominance-screened) set, run where it finishes in reasonable time (BENCH_DEA_FULL_MAX, default 5000) and
// asserted equal to the screened scores. Each row carries n, wall, CPU (all threads of the process: what a shared
// machine does not inflate), peak RSS and the load; the last row fits time = a·n^b by least squares on the logs,
// for wall and for CPU.
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");

const CHILD = `
const { dea } = require(process.env.LIB + "/dea");
const { cityPanel } = require(process.env.GEN);
const n = Number(process.env.N), screen = process.env.SCREEN === "1";
const nCity = Math.ceil(n / 16);
const rows = cityPanel(20250401, nCity, 16).slice(0, n);
const d = { dmus: rows.map((r) => r.dmu + "_" + r.year), X: rows.map((r) => [r.k, r.l, r.e]), Y: rows.map((r) => [r.y]), B: rows.map((r) => [r.b]) };
try { require("fs").writeFileSync("/proc/self/clear_refs", "5"); } catch {}
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const res = dea(d, { model: "super-sbm", rts: "vrs", frontier: "global", frontierScreen: screen, warmStart: screen });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cu = process.cpuUsage(c0);
const cpuMs = (cu.user + cu.system) / 1000;
let rss = null;
try { rss = Number(/VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1]) / 1024; } catch {}
process.stdout.write(JSON.stringify({ ms, cpuMs, rss, eff: res.map((r) => r.efficiency), nEff: res.filter((r) => r.sbm !== undefined && r.superEfficient).length }));
`;

function once(ctx, n, screen) {
  const p = spawnSync(process.execPath, ["-e", CHILD], {
    encoding: "utf8", maxBuffer: 1 << 28,
    env: { ...process.env, LIB: path.join(ctx.root, "kernel-lib/dist"), GEN: path.join(ctx.root, "bench/dea/gen.js"), N: String(n), SCREEN: screen ? "1" : "0" },
  });
  if (p.status !== 0) throw new Error(`dea scale n=${n}: ${(p.stderr || "").trim().split("\n").slice(-3).join(" | ")}`);
  return JSON.parse(p.stdout);
}

async function run(ctx) {
  const os = require("os");
  const sizes = (process.env.BENCH_DEA_SIZES || "1840,5000,10000,20000,56000").split(",").map(Number);
  const fullMax = Number(process.env.BENCH_DEA_FULL_MAX || 5000);
  const rows = [];
  const pts = [];
  for (const n of sizes) {
    const load0 = os.loadavg()[0];
    const s = once(ctx, n, true);
    let note = `${s.nEff} DMUs super-efficient; CPU ${(s.cpuMs / 1000).toFixed(1)} s over all threads; peak RSS ${Math.round(s.rss)} MB; 1-min load ${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)}`;
    let full = null;
    if (n <= fullMax) {
      full = once(ctx, n, false);
      const diff = ctx.maxAbsDiff(s.eff, full.eff, "screened vs full efficiencies");
      if (!(diff <= 1e-9)) throw new ctx.BenchMismatch(`dea scale n=${n}: screened and full scores differ by ${diff}`);
      note += `; full solution ${(full.ms / 1000).toFixed(1)} s, ${Math.round(full.rss)} MB, max |screened − full| ${diff.toExponential(1)}`;
    }
    pts.push([n, s.ms, s.cpuMs]);
    rows.push({ name: `super-SBM VRS global frontier, ${n} DMUs, screened, ${os.cpus().length} threads`, reference: full ? "same, full solution" : null, reference_ms: full ? full.ms : null, ratio: full ? full.ms / s.ms : null, ratio_min: full ? full.ms / s.ms : null, ratio_max: full ? full.ms / s.ms : null, reps: 1, n, ours_ms: s.ms, ours_cpu_ms: s.cpuMs, ours_rss_mb: s.rss, reference_rss_mb: full ? full.rss : null, load: [load0, os.loadavg()[0]], super_efficient: s.nEff, note });
  }
  if (pts.length >= 2) {
    const fit = (k) => {
      const xs = pts.map((p) => Math.log(p[0])), ys = pts.map((p) => Math.log(p[k]));
      const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
      let sxy = 0, sxx = 0;
      xs.forEach((x, i) => ((sxy += (x - mx) * (ys[i] - my)), (sxx += (x - mx) ** 2)));
      const b = sxy / sxx;
      return { a: Math.exp(my - b * mx), b };
    };
    const w = fit(1), c = fit(2);
    const at = (f, n) => (f.a * n ** f.b) / 1000;
    rows.push({
      name: `scale exponent of the screened runs (${pts.map(([n]) => n).join(", ")} DMUs)`, reference: null, reference_ms: null, ratio: null, reps: 1, ours_ms: null,
      exponent: w.b, exponent_cpu: c.b,
      note: `wall ≈ ${w.a.toExponential(2)} ms · n^${w.b.toFixed(2)}, CPU ≈ ${c.a.toExponential(2)} ms · n^${c.b.toFixed(2)}; fitted 56,000 DMUs: wall ${at(w, 56000).toFixed(0)} s, CPU ${at(c, 56000).toFixed(0)} s (one run per size on a shared machine)`,
    });
  }
  return rows;
}

module.exports = { run, once };
