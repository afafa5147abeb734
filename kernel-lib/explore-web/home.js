"use strict";
// Home page: the studies and their scoreboard rows (GET /api/studies).
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
async function main() {
  const r = await fetch("/api/studies");
  const d = await r.json();
  const papers = d.studies.filter((s) => s.id !== "data-atlas").length;
  document.getElementById("summary").textContent = `${papers} studies${d.studies.length > papers ? " and the data atlas" : ""}. Scoreboard of ${d.generated ? new Date(d.generated).toLocaleString() : "no run yet (npm run replicate)"}. ${d.cores} variant runs at once; ${d.running} running, ${d.queued} queued.`;
  const body = document.querySelector("#studies tbody");
  body.innerHTML = d.studies
    .map((s) => {
      const l = s.row ? s.row.ledger : null;
      const n = (k) => `<td class="n">${l ? l[k] ?? 0 : "—"}</td>`;
      return `<tr data-id="${esc(s.id)}"><td><a href="/study/${esc(s.id)}">${esc(s.id)}</a></td><td><span class="zh">${esc(s.titleZh ?? "")}</span><br>${esc(s.title)}</td><td>${esc(s.row ? s.row.provenance : s.provenance ?? "")}</td>${n("reproduced")}${n("consistent")}${n("inconsistent")}${n("differs")}${n("not_reproducible")}<td>${s.row ? esc(s.row.status) : s.hasBaseline ? "ok" : "not run"}</td><td>${s.lastRun ? esc(new Date(s.lastRun).toLocaleString()) : "—"}${s.row ? ` (${s.row.seconds} s)` : ""}</td></tr>`;
    })
    .join("");
}
main().catch((e) => (document.getElementById("summary").textContent = `Could not load the studies: ${e.message}`));
