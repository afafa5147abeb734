"use strict";
// A study page: baseline report, the parameter form built from the notebook's typed declarations, what-if runs
// with live progress, the diff, and teaching mode. The URL holds the changed parameters (?p.name=value) and the
// variant (&variant=name), so a shared link re-creates the run or opens it from disk.
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const id = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
const $ = (s) => document.querySelector(s);
let study = null;
let current = null; // the variant shown
let polling = null;
let watching = null; // the EventSource of the variant followed
const files = {}; // parameter -> { name, data (base64) }

const fmt = (v) => (v === null || v === undefined ? "—" : typeof v === "number" ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)))) : typeof v === "string" ? v : JSON.stringify(v));
const shown = (p) => (typeof p.default === "string" ? p.default : JSON.stringify(p.default));

/** Client-side check of a raw value against a declaration (the server checks again with the same rules as --set). */
function check(p, raw) {
  const num = (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return "not a finite number";
    if (p.integer && !Number.isInteger(v)) return "not a whole number";
    const r = p.range;
    if (r) {
      const lo = r.min === null ? -Infinity : r.min;
      const hi = r.max === null ? Infinity : r.max;
      if (v < lo || v > hi || (r.minOpen && v === lo) || (r.maxOpen && v === hi)) return "out of range";
    }
    return null;
  };
  let j;
  try {
    j = JSON.parse(raw);
  } catch {
    j = undefined;
  }
  switch (p.kind) {
    case "number":
      return raw.trim() === "" ? "empty" : num(Number(raw));
    case "boolean":
      return raw === "true" || raw === "false" ? null : "not true or false";
    case "choice":
      return p.choices.includes(raw) ? null : "not one of the choices";
    case "number[]":
      if (!Array.isArray(j)) return "not a JSON list";
      for (const x of j) if (num(x)) return `an element is ${num(x)}`;
      return null;
    case "string[]":
      return Array.isArray(j) && j.every((x) => typeof x === "string") ? null : "not a JSON list of strings";
    case "record":
      return j && typeof j === "object" && !Array.isArray(j) && Object.values(j).every((x) => Array.isArray(x) && x.every((y) => Number.isFinite(y))) ? null : "not a JSON object of number lists";
    case "data":
      return raw === "upload" && !files[p.name] ? "choose a file" : null;
    default:
      return null;
  }
}

function field(p) {
  const def = shown(p);
  let input;
  if (p.kind === "choice" || p.kind === "boolean") {
    const opts = p.kind === "boolean" ? ["true", "false"] : p.choices;
    input = `<select name="${esc(p.name)}">${opts.map((o) => `<option${o === def ? " selected" : ""}>${esc(o)}</option>`).join("")}</select>`;
  } else if (p.kind === "number") {
    const r = p.range || {};
    input = `<input type="number" name="${esc(p.name)}" value="${esc(def)}" step="${p.integer ? 1 : "any"}"${r.min !== null && r.min !== undefined ? ` min="${r.min}"` : ""}${r.max !== null && r.max !== undefined ? ` max="${r.max}"` : ""}>`;
  } else if (p.kind === "data") {
    const opts = [...new Set([def, ...p.keywords, ...(def.startsWith("manifest:") ? [] : [])])];
    input = `<select name="${esc(p.name)}">${opts.map((o) => `<option${o === def ? " selected" : ""}>${esc(o)}</option>`).join("")}${p.upload ? '<option value="upload">your file (CSV/XLSX)…</option>' : ""}</select>` + (p.upload ? `<input type="file" data-for="${esc(p.name)}" accept=".csv,.xlsx" hidden>` : "");
  } else input = `<input type="text" name="${esc(p.name)}" value="${esc(def)}">`;
  return `<div class="field" data-field="${esc(p.name)}"><label>${esc(p.name)} <span class="muted">(${esc(p.allowed)})</span></label>${input}<div class="meaning">${esc(p.meaning)}</div><div class="err"></div></div>`;
}

function setError(name, msg) {
  const f = document.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!f) {
    $("#formError").textContent = msg;
    return;
  }
  f.classList.toggle("invalid", !!msg);
  f.querySelector(".err").textContent = msg || "";
}

/** The changed parameters as typed (only those that differ from the declared default). */
function changed() {
  const out = {};
  for (const p of study.parameters) {
    const el = $("#form").elements[p.name];
    if (!el) continue;
    if (el.value !== shown(p)) out[p.name] = el.value;
  }
  return out;
}

function validateForm() {
  let ok = true;
  for (const p of study.parameters) {
    const el = $("#form").elements[p.name];
    const problem = check(p, el.value);
    setError(p.name, problem ? `${el.value}: must be ${p.allowed} (${problem})` : "");
    if (problem) ok = false;
  }
  return ok;
}

const b64 = (buf) => {
  let s = "";
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

async function onFile(input) {
  const name = input.dataset.for;
  const f = input.files[0];
  delete files[name];
  if (!f) return;
  if (f.size > study.uploadLimit) return setError(name, `${f.name}: larger than the upload limit of ${(study.uploadLimit / 1048576).toFixed(1)} MB`);
  setError(name, `checking ${f.name}…`);
  const buf = await f.arrayBuffer();
  const r = await fetch(`/api/studies/${id}/check-upload?param=${encodeURIComponent(name)}&filename=${encodeURIComponent(f.name)}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: buf });
  const d = await r.json();
  if (!r.ok) return setError(name, (d.errors && (d.errors.file || d.errors[name])) || d.error);
  files[name] = { name: f.name, data: b64(buf) };
  setError(name, "");
  document.querySelector(`[data-field="${CSS.escape(name)}"] .err`).innerHTML = `<span style="color:#2da44e">${esc(f.name)}: ${d.rows} rows, valid against the schema</span>`;
}

function setUrl(params, variant) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(`p.${k}`, v);
  if (variant) q.set("variant", variant);
  history.replaceState(null, "", `${location.pathname}${q.toString() ? "?" + q : ""}`);
}

async function run() {
  $("#formError").textContent = "";
  if (!validateForm()) return;
  const params = changed();
  if (!Object.keys(params).length) return ($("#formError").textContent = "Change at least one parameter first.");
  const sent = {};
  for (const k of Object.keys(params)) if (params[k] === "upload") sent[k] = files[k];
  $("#run").disabled = true;
  try {
    const r = await fetch(`/api/studies/${id}/variants`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ params, files: sent }) });
    const d = await r.json();
    if (!r.ok) {
      for (const [k, msg] of Object.entries(d.errors || { form: d.error })) setError(k, msg);
      return;
    }
    setUrl(params, d.name);
    follow(d);
  } finally {
    $("#run").disabled = false;
  }
}

function showStatus(s) {
  const total = s.totalCells || 0;
  const done = s.cells.filter((c) => c.state === "done").length;
  let h = `<div>Variant <code>${esc(s.name)}</code>: <span class="state" id="state">${esc(s.state)}</span></div>`;
  if (s.state === "queued") h += `<div>waiting in the queue (position ${s.queuePosition}); at most ${study.cores ?? "n"} run at once</div>`;
  if (s.state === "running") {
    h += `<div class="progress"><div style="width:${total ? Math.min(100, (100 * done) / total) : 0}%"></div></div>`;
    h += `<div class="cells">${s.cells.map((c) => `<span class="${c.state}" title="cell ${c.index}${c.seconds !== null ? `: ${c.seconds.toFixed(2)} s` : ""}"></span>`).join("")}</div>`;
    h += `<div class="muted">${done} of ${total || "?"} code cells${s.eta !== null ? `, about ${Math.ceil(s.eta)} s left` : ""}</div>`;
  }
  if (s.firstResult !== null) h += `<div class="muted">first result after ${s.firstResult} s</div>`;
  if (s.error) h += `<div class="error" id="runError">The notebook failed${s.error.cell !== null ? ` in cell ${s.error.cell}` : ""}${s.error.source ? ` (${esc(s.error.source)})` : ""}:\n${esc(s.error.ename)}: ${esc(s.error.evalue)}</div>`;
  if (s.report) h += `<div><a href="${s.report}" target="_blank">variant report</a> · <a href="${s.diffReport}" target="_blank">diff report</a></div>`;
  $("#status").innerHTML = h;
}

/** Show a variant and, while it runs, follow it: a server-sent event per change (polling where that fails). */
async function follow(s) {
  current = s;
  clearTimeout(polling);
  if (watching) watching.close();
  watching = null;
  await render(s);
  if (s.state !== "queued" && s.state !== "running") return;
  const url = `/api/studies/${id}/variants/${encodeURIComponent(s.name)}`;
  const poll = () =>
    (polling = setTimeout(async () => {
      const r = await fetch(url);
      if (!r.ok) return;
      const next = await r.json();
      await render(next);
      if (next.state === "queued" || next.state === "running") poll();
    }, 600));
  if (!window.EventSource) return poll();
  const es = new EventSource(`${url}/events`);
  watching = es;
  let last = s;
  es.onmessage = (m) => {
    last = JSON.parse(m.data);
    render(last);
    if (last.state !== "queued" && last.state !== "running") es.close();
  };
  es.onerror = () => {
    es.close();
    if (last.state === "queued" || last.state === "running") poll();
  };
}

async function render(s) {
  if (current && s.name !== current.name) return;
  showStatus(s);
  if (s.diff) await showDiff(s);
  if (s.state !== "queued" && s.state !== "running") {
    loadVariants();
    if (s.report) teachSource(s.report, `variant ${s.name}`);
  }
}

function figuresOf(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return [...doc.querySelectorAll(".rl-figure")].map((f) => ({ caption: f.querySelector(".rl-caption")?.textContent ?? "", svg: f.querySelector(".rl-static")?.innerHTML ?? "" }));
}

let diffShownFor = null;
async function showDiff(s) {
  const d = s.diff;
  const key = `${s.name}|${s.state}|${d.generated}`;
  if (diffShownFor === key) return;
  diffShownFor = key;
  const c = d.counts;
  const row = (r) => `<tr class="${r.change === "same" ? "" : "changed"}"><td>${esc(r.key)}</td><td class="n">${esc(fmt(r.baseline))}</td><td class="n after">${esc(fmt(r.variant))}</td>${r.where === "ledger" ? `<td>${esc(r.baselineStatus ?? "—")}</td><td>${esc(r.variantStatus ?? "—")}</td>` : ""}<td>${esc(r.change)}</td></tr>`;
  const ledger = d.numbers.filter((r) => r.where === "ledger" && r.change !== "same");
  const tables = d.numbers.filter((r) => r.where === "table" && r.change !== "same");
  let h = `<h3>What-if <code>${esc(d.variant)}</code> <span class="muted">(${esc(s.state)})</span></h3>`;
  h += `<table><caption>Changed parameters</caption><tr><th>parameter</th><th>baseline</th><th>variant</th></tr>${d.parameters.map((p) => `<tr class="changed"><td>${esc(p.name)}</td><td>${esc(fmt(p.baseline))}</td><td>${esc(s.params[p.name] === "upload" ? "your file" : fmt(s.params[p.name] ?? p.variant))}</td></tr>`).join("")}</table>`;
  h += `<p id="diffCounts">${c.ledgerChanged} of ${c.ledger} ledger entries and ${c.tableChanged} of ${c.tableNumbers} table numbers changed. ${esc(d.note)}</p>`;
  h += `<table id="ledgerDiff"><caption>Ledger entries that changed (the paper's printed numbers, ours before and after)</caption><tr><th>entry</th><th>baseline</th><th>variant</th><th>baseline status</th><th>variant status</th><th>change</th></tr>${ledger.map(row).join("") || '<tr><td colspan="6">none</td></tr>'}</table>`;
  h += `<table id="tableDiff"><caption>Table numbers that changed${tables.length > 300 ? " (first 300)" : ""}</caption><tr><th>table ▸ row | column</th><th>baseline</th><th>variant</th><th>change</th></tr>${tables.slice(0, 300).map(row).join("") || '<tr><td colspan="4">none</td></tr>'}</table>`;
  h += `<h3>Figures, baseline | variant</h3><div id="figures" class="muted">${s.report ? "loading…" : "when the report is ready"}</div>`;
  $("#diff").innerHTML = h;
  selectTab("diff");
  if (s.report && study.report) {
    const [a, b] = await Promise.all([fetch(study.report).then((r) => r.text()), fetch(s.report).then((r) => r.text())]);
    const fa = figuresOf(a);
    const fb = figuresOf(b);
    const n = Math.max(fa.length, fb.length);
    let f = "";
    for (let i = 0; i < n; i++) f += `<div class="figpair"><div><div class="muted">baseline: ${esc(fa[i]?.caption ?? "—")}</div>${fa[i]?.svg ?? ""}</div><div><div class="muted">variant: ${esc(fb[i]?.caption ?? "—")}</div>${fb[i]?.svg ?? ""}</div></div>`;
    $("#figures").innerHTML = f || "no figures";
    $("#figures").classList.remove("muted");
  }
}

async function loadVariants() {
  const r = await fetch(`/api/studies/${id}/variants`);
  const d = await r.json();
  $("#variants").innerHTML =
    d.variants
      .map((v) => {
        const q = new URLSearchParams();
        for (const [k, val] of Object.entries(v.params)) q.set(`p.${k}`, val);
        q.set("variant", v.name);
        const ch = v.changed ? `, ${v.changed.ledgerChanged} ledger / ${v.changed.tableChanged} table numbers changed` : "";
        return `<li><a href="/study/${id}?${q}">${esc(v.name)}</a> ${esc(v.state)}${ch}</li>`;
      })
      .join("") || "<li>none yet</li>";
}

function selectTab(t) {
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("on", b.dataset.tab === t);
  for (const s of ["baseline", "diff", "teach"]) $(`#tab-${s}`).hidden = s !== t;
  if (t === "teach") teachLoad();
}

// Teaching mode: the executed report, one cell at a time (markdown, code, output); the parameters cell offers
// "change this and re-run from here".
let teachCells = [];
let teachAt = 0;
// The report loads into the teaching frame only when the tab is open (a report with its figures is heavy).
let teachWanted = null;
function teachSource(url, label) {
  teachWanted = { url, label };
  if (!$("#tab-teach").hidden) teachLoad();
}
function teachLoad() {
  if (!teachWanted || $("#teachframe").getAttribute("src") === teachWanted.url) return;
  $("#teachframe").src = teachWanted.url;
  $("#teachwhich").textContent = teachWanted.label;
}
function teachShow() {
  teachCells.forEach((c, i) => (c.style.display = i === teachAt ? "" : "none"));
  $("#cellno").textContent = teachCells.length ? `cell ${teachAt + 1} of ${teachCells.length}` : "no cells";
  const isParams = teachCells[teachAt]?.classList.contains("celltag_parameters") || teachCells[teachAt]?.classList.contains("celltag_injected-parameters");
  $("#rerun").hidden = !isParams;
}
$("#teachframe").addEventListener("load", () => {
  const doc = $("#teachframe").contentDocument;
  teachCells = doc ? [...doc.querySelectorAll(".jp-Cell")] : [];
  const p = teachCells.findIndex((c) => c.classList.contains("celltag_parameters"));
  teachAt = Math.max(0, Math.min(teachAt, teachCells.length - 1));
  if (current && current.report && $("#teachframe").getAttribute("src") === current.report && p >= 0) teachAt = p;
  teachShow();
});
$("#prev").onclick = () => ((teachAt = Math.max(0, teachAt - 1)), teachShow());
$("#next").onclick = () => ((teachAt = Math.min(teachCells.length - 1, teachAt + 1)), teachShow());
$("#rerun").onclick = () => {
  const first = $("#form").querySelector("input,select");
  first && first.focus();
  $("#form").scrollIntoView();
  $("#formError").textContent = "Change the parameters here, then press Run: the notebook re-runs from the parameters cell in its warm kernel.";
};

async function main() {
  const r = await fetch(`/api/studies/${id}`);
  if (!r.ok) return ($("#title").textContent = `No study ${id}`);
  study = await r.json();
  const meta = await fetch("/api/studies").then((x) => x.json());
  study.cores = meta.cores;
  document.title = `regionlab explore: ${id}`;
  $("#title").textContent = study.title || id;
  $("#titleZh").textContent = study.citation || "";
  const l = study.row && study.row.ledger;
  $("#counts").textContent = l ? `${study.row.provenance} · reproduced ${l.reproduced}, consistent ${l.consistent}, inconsistent ${l.inconsistent}, differs ${l.differs}, not reproducible ${l.not_reproducible} · last run ${new Date(study.lastRun).toLocaleString()}` : "no baseline run yet";
  $("#form").innerHTML = study.parameters.map(field).join("");
  for (const s of $("#form").querySelectorAll("select")) {
    const fi = $("#form").querySelector(`input[type=file][data-for="${CSS.escape(s.name)}"]`);
    if (fi) s.addEventListener("change", () => ((fi.hidden = s.value !== "upload"), s.value === "upload" && fi.click()));
  }
  for (const fi of $("#form").querySelectorAll("input[type=file]")) fi.addEventListener("change", () => onFile(fi));
  $("#form").addEventListener("input", (e) => {
    const p = study.parameters.find((x) => x.name === e.target.name);
    if (p) {
      const problem = check(p, e.target.value);
      setError(p.name, problem ? `${e.target.value}: must be ${p.allowed} (${problem})` : "");
    }
  });
  $("#run").onclick = run;
  for (const b of document.querySelectorAll(".tabs button")) b.onclick = () => selectTab(b.dataset.tab);
  if (study.report) {
    $("#baseline").src = study.report;
    teachSource(study.report, "baseline");
  } else $("#tab-baseline").innerHTML = `<p>No baseline report yet: run <code>npx regionlab replicate --only ${esc(id)}</code> first; a what-if is compared against it.</p>`;
  fetch(`/api/studies/${id}/warm`, { method: "POST" }).catch(() => undefined);
  loadVariants();
  // A shared link: fill the form from ?p.name=value, then open the variant (or re-create it).
  const q = new URLSearchParams(location.search);
  const params = {};
  for (const [k, v] of q) if (k.startsWith("p.")) params[k.slice(2)] = v;
  for (const [k, v] of Object.entries(params)) {
    const el = $("#form").elements[k];
    if (el) el.value = v;
  }
  const variant = q.get("variant");
  if (variant) {
    const s = await fetch(`/api/studies/${id}/variants/${encodeURIComponent(variant)}`);
    if (s.ok) return follow(await s.json());
  }
  if (Object.keys(params).length && !Object.values(params).includes("upload")) run();
}
main();
