"use strict";
// Seeded synthetic panels for the DEA bench (the project's one generator, kernel-lib rng).
const { Rng } = require("../../kernel-lib/dist/rng");

/** 115 cities × 16 years, 3 inputs, 1 desirable and 1 undesirable output. */
function cityPanel(seed = 20250401, nCity = 115, nYear = 16) {
  const r = new Rng(seed);
  const rows = [];
  for (let c = 0; c < nCity; c++) {
    const size = 0.5 + 2 * r.uniform();
    for (let t = 0; t < nYear; t++) {
      const k = +(size * (50 + 50 * r.uniform()) * (1 + 0.04 * t)).toFixed(3);
      const l = +(size * (20 + 20 * r.uniform())).toFixed(3);
      const e = +(size * (10 + 10 * r.uniform()) * (1 + 0.02 * t)).toFixed(3);
      const y = +(Math.pow(k, 0.35) * Math.pow(l, 0.4) * Math.pow(e, 0.2) * (0.6 + 0.6 * r.uniform()) * (1 + 0.03 * t)).toFixed(4);
      const b = +(y * (0.3 + 0.9 * r.uniform()) * (1 - 0.02 * t)).toFixed(4);
      rows.push({ dmu: `C${String(c + 1).padStart(3, "0")}`, year: 2005 + t, k, l, e, y, b });
    }
  }
  return rows;
}

/** 272 DMUs × 12 periods, 2 inputs, 1 output. */
function malmPanel(seed = 20250402, n = 272, T = 12) {
  const r = new Rng(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const size = 0.5 + 2 * r.uniform();
    for (let t = 0; t < T; t++) {
      const k = +(size * (50 + 50 * r.uniform()) * (1 + 0.05 * t)).toFixed(3);
      const l = +(size * (20 + 20 * r.uniform())).toFixed(3);
      const y = +(Math.pow(k, 0.45) * Math.pow(l, 0.5) * (0.6 + 0.6 * r.uniform()) * (1 + 0.02 * t)).toFixed(4);
      rows.push({ dmu: `D${String(i + 1).padStart(3, "0")}`, year: 2010 + t, k, l, y });
    }
  }
  return rows;
}

function toCsv(rows) {
  const h = Object.keys(rows[0]);
  return [h.join(","), ...rows.map((r) => h.map((k) => r[k]).join(","))].join("\n") + "\n";
}

module.exports = { cityPanel, malmPanel, toCsv };
