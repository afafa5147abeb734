#!/usr/bin/env node
// Makes a fresh clone ready: installs npm packages when they are missing (npm ci from the lock file) and
// builds kernel-lib when its compiled output is missing or older than its sources. Plain Node, no deps.
// --reports: also the CJK font the HTML reports embed (Debian's fonts-noto-cjk); --browser: that and Chromium
// for the offline browser test. System packages are installed with apt-get when running as root; otherwise the
// exact command is printed and setup exits 1 (as `replicate` does for Jupyter's packages).
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

// --- system packages for the reports and the browser test ---------------------------------------------------
const args = process.argv.slice(2);
const wantBrowser = args.includes("--browser") && process.env.REGIONLAB_SKIP_BROWSER !== "1";
const wantReports = args.includes("--reports") || args.includes("--browser");

const CJK_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"];
const system = [];
if (wantReports && !process.env.REGIONLAB_CJK_FONT && !CJK_FONTS.some((f) => fs.existsSync(f))) {
  system.push({ pkg: "fonts-noto-cjk", why: "the CJK font whose subset every report embeds", ok: () => CJK_FONTS.some((f) => fs.existsSync(f)) });
}
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (wantBrowser && !fs.existsSync(chromium)) {
  system.push({ pkg: "chromium", why: "for the offline browser test, test/browser.test.ts", ok: () => fs.existsSync(chromium) });
}
if (system.length) {
  const pkgs = system.map((s) => s.pkg);
  const cmd = `apt-get install -y --no-install-recommends ${pkgs.join(" ")}`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !fs.existsSync("/usr/bin/apt-get")) {
    console.error(`regionlab setup: missing ${system.map((s) => `${s.pkg} (${s.why})`).join("; ")}. Install with:\n  sudo apt-get update && sudo ${cmd}`);
    if (wantBrowser) console.error("(or set CHROMIUM_PATH to a Chromium binary, or REGIONLAB_SKIP_BROWSER=1 to skip the browser test)");
    process.exit(1);
  }
  console.log(`regionlab setup: installing ${pkgs.join(", ")}: ${cmd}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // Wait for a dpkg lock held by another apt run instead of failing at once.
  const install = () => spawnSync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", ...pkgs], { stdio: "inherit", env });
  let r = install();
  if (r.status !== 0) {
    spawnSync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "update"], { stdio: "inherit", env });
    r = install();
  }
  const still = system.filter((s) => !s.ok()).map((s) => s.pkg);
  if (r.status !== 0 || still.length) {
    console.error(`regionlab setup: installing ${still.join(", ") || pkgs.join(", ")} with apt-get failed; run: ${cmd}`);
    process.exit(1);
  }
}
