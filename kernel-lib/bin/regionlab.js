#!/usr/bin/env node
// regionlab's single command: `regionlab <family> ...` (see `regionlab --help`).
"use strict";
const path = require("path");
const fs = require("fs");
const dist = path.join(__dirname, "..", "dist", "cli", "index.js");
if (!fs.existsSync(dist)) {
  console.error("regionlab: kernel-lib is not built yet; run `npm run build` (or `npm run replicate`, which builds it)");
  process.exit(2);
}
require(dist)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
