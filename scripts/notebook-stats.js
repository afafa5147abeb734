#!/usr/bin/env node
/**
 * Size and hygiene of the notebooks (issue 15): per notebook the code lines, the longest cell (lines), the longest
 * line (characters), the `any` count (`as any`, `: any`, `<any>` and the like in code cells), then the functions
 * defined in more than one notebook.
 * Usage: node scripts/notebook-stats.js [--json] [id ...]   (default: every notebooks/*.ipynb)
 */
const fs = require("fs");
const path = require("path");

const dir = path.join(__dirname, "..", "notebooks");
const args = process.argv.slice(2);
const json = args.includes("--json");
const only = args.filter((a) => !a.startsWith("--"));
const ids = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .map((f) => f.replace(/\.ipynb$/, ""))
  .filter((id) => !only.length || only.includes(id))
  .sort();

/** Names a cell defines as functions: `function f(`, `const f = (...) =>`, `const f = function`. */
const DEF = [
  /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*[<(]/gm,
  /^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/gm,
  /^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?function\b/gm,
];

/** `any` written as a type: `as any`, `: any`, `<any>`, `any[]`, `<any, …>`, `| any`. */
const ANY = /\bas\s+any\b|:\s*any\b|<\s*any\s*[,>]|\bany\s*\[\]|\|\s*any\b/g;

const rows = [];
const definedIn = new Map();
for (const id of ids) {
  const nb = JSON.parse(fs.readFileSync(path.join(dir, `${id}.ipynb`), "utf8"));
  let lines = 0;
  let maxCell = 0;
  let maxLine = 0;
  let anyCount = 0;
  const defs = new Set();
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    const src = Array.isArray(c.source) ? c.source.join("") : c.source;
    const ls = src.split("\n").filter((l) => l.trim() !== "");
    lines += ls.length;
    maxCell = Math.max(maxCell, ls.length);
    for (const l of ls) maxLine = Math.max(maxLine, l.length);
    anyCount += (src.match(ANY) || []).length;
    for (const re of DEF) for (const m of src.matchAll(re)) defs.add(m[1]);
  }
  for (const d of defs) {
    if (!definedIn.has(d)) definedIn.set(d, []);
    definedIn.get(d).push(id);
  }
  rows.push({ id, codeLines: lines, maxCellLines: maxCell, maxLineChars: maxLine, anyCount, functions: defs.size });
}
const shared = [...definedIn.entries()].filter(([, v]) => v.length > 1).sort((a, b) => b[1].length - a[1].length);
const total = rows.reduce((a, r) => ({ codeLines: a.codeLines + r.codeLines, anyCount: a.anyCount + r.anyCount }), { codeLines: 0, anyCount: 0 });

if (json) {
  console.log(JSON.stringify({ notebooks: rows, total, sharedFunctions: Object.fromEntries(shared) }, null, 2));
} else {
  const head = ["notebook", "code lines", "max cell", "max line", "any", "functions"];
  const body = rows.map((r) => [r.id, r.codeLines, r.maxCellLines, r.maxLineChars, r.anyCount, r.functions].map(String));
  const w = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const fmt = (r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join("  ");
  console.log(fmt(head));
  for (const b of body) console.log(fmt(b));
  console.log(`total: ${total.codeLines} code lines (non-blank), ${total.anyCount} \`any\`, ${rows.length} notebooks`);
  console.log(`functions defined in more than one notebook: ${shared.length}`);
  for (const [name, where] of shared) console.log(`  ${name}: ${where.join(", ")}`);
}
