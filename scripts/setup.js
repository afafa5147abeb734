#!/usr/bin/env node
// Makes a fresh clone ready: installs npm packages when they are missing (npm ci from the lock file) and
// builds kernel-lib when its compiled output is missing or older than its sources. Plain Node, no deps.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const need = ["tslab", "danfojs-node", "plotly.js-dist-min", "typescript", "zod", "papaparse", "kernel-lib"];
const missing = need.filter((p) => !fs.existsSync(path.join(root, "node_modules", p, "package.json")));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`regionlab setup: \`${cmd} ${args.join(" ")}\` failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

if (missing.length) {
  const lock = fs.existsSync(path.join(root, "package-lock.json"));
  console.log(`regionlab setup: installing npm packages (missing: ${missing.join(", ")})`);
  run(npm, lock ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
}

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const lib = path.join(root, "kernel-lib");
const distIndex = path.join(lib, "dist", "index.js");
const stale = !fs.existsSync(distIndex) || newest(path.join(lib, "src")) > newest(path.join(lib, "dist"));
if (stale) {
  console.log("regionlab setup: building kernel-lib");
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(lib, "tsconfig.json")]);
}
