#!/usr/bin/env node
// regionlab's single command: `regionlab <family> ...` (see `regionlab --help`).
"use strict";
const path = require("path");
const fs = require("fs");
const dist = path.join(__dirname, "..", "dist", "cli", "index.js");
if (!fs.existsSync(dist)) {
  console.error("regionlab: kernel-lib is not built yet; run `npm run build` (or `npm run replicate`, which builds it)");
  process.exitCode = 2;
} else {
  // Exit only after stdout and stderr have drained: process.exit() with writes pending on a pipe cuts
  // the output off (a large --json result arrived truncated). A write's callback runs once the data
  // before it has been handed to the OS.
  const flushThenExit = (code) => {
    process.exitCode = code;
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  };
  require(dist)
    .main(process.argv.slice(2))
    .then(flushThenExit, (e) => {
      process.stderr.write(`regionlab: ${e && e.stack ? e.stack : String(e)}\n`);
      flushThenExit(1);
    });
}
