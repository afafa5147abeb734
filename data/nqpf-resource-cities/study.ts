/**
 * Study-specific plumbing of the nqpf-resource-cities notebook that a reader does not need to follow the analysis:
 * the sample-count tables, the Figure 2 maps and regional rank counts, the list of planted values and their
 * recovery, and the "what differs and why" text. Loaded with `loadStudyModule(STUDY, "study")`.
 */
import {
  DataTable, LedgerOurs, PanelFit, Provenance, Published, Table, mapAxes, outlineTrace, plot, printedValue, projectDataPath,
  readGeoJson, record, table,
} from "kernel-lib";

export interface City { code: string; name: string; province: string; type: string; typeZh: string; region: string; lon: number; lat: number }
const TYPES = ["mature", "growing", "declining", "regenerating"];
const REGIONS = ["east", "central", "west", "northeast"];
const YEARS = [2008, 2013, 2018, 2023];

/** The plan's cities, the paper's counts and ours by type and region; the cities not kept. */
export function sampleTables(pub: Published, kept: City[], dropped: Record<string, string>[], planTypes: string[]): DataTable[] {
  const count = (f: (c: City) => boolean) => kept.filter(f).length;
  const html = (v: number | string) => ({ html: String(v) });
  return [table([
    ...TYPES.map((ty) => ({ group: ty, plan: html(planTypes.filter((x) => x === ty).length),
      paper: html(printedValue(pub, `sample-${ty}`)), kept: html(count((c) => c.type === ty)) })),
    { group: "all", plan: html(planTypes.length), paper: html(printedValue(pub, "sample-cities")), kept: html(kept.length) },
    ...REGIONS.map((r) => ({ group: `region: ${r}`, plan: "", paper: html(r === "east" || r === "northeast" ? "19" : ""),
      kept: html(count((c) => c.region === r)) })),
    { group: "region: central + west", plan: "", paper: html("77"),
      kept: html(count((c) => c.region === "central" || c.region === "west")) },
  ], { caption: "Cities of the 2013 plan, the paper's sample and ours", provenance: "real",
    notes: ["Paper's region counts implied by Table 8 (N / 16)."] }),
  table(dropped, { caption: "The 11 plan cities not kept", provenance: "real" })];
}

/** Cities by efficiency class (< 0.30, 0.30–0.60, > 0.60) in one year. */
export function classCounts(e: ArrayLike<number>, years: ArrayLike<number>, y: number) {
  const v = Array.from(e).filter((_, k) => years[k] === y);
  return { low: v.filter((x) => x < 0.3).length, mid: v.filter((x) => x >= 0.3 && x <= 0.6).length, high: v.filter((x) => x > 0.6).length };
}

/** Figure 2: one point map per year of the cities coloured by efficiency class. */
export function efficiencyMaps(raw: Table, gtfp: Float64Array, cityByCode: Map<string, City>, provenance: Provenance): void {
  const geo = readGeoJson(projectDataPath("geo/china_provinces.geojson"));
  const yearCol = raw.num("year"), codeCol = raw.str("city_code");
  const CLS = [{ name: "low < 0.30", color: "#d73027", f: (v: number) => v < 0.3 }, { name: "medium 0.30–0.60", color: "#fdae61", f: (v: number) => v >= 0.3 && v <= 0.6 },
    { name: "high > 0.60", color: "#1a9850", f: (v: number) => v > 0.6 }];
  for (const y of YEARS) {
    const rows = Array.from({ length: raw.nRows }, (_, k) => k).filter((k) => yearCol[k] === y);
    plot({
      data: [outlineTrace(geo), ...CLS.map((cl) => {
        const sel = rows.filter((k) => cl.f(gtfp[k]));
        const cs = sel.map((k) => cityByCode.get(codeCol[k])!);
        return { type: "scatter" as const, mode: "markers" as const, name: `${cl.name} (${sel.length})`, x: cs.map((c) => c.lon), y: cs.map((c) => c.lat),
          text: sel.map((k) => `${cityByCode.get(codeCol[k])!.name} ${gtfp[k].toFixed(3)}`), hoverinfo: "text", marker: { color: cl.color, size: 8, line: { color: "#333", width: 0.5 } } };
      })],
      layout: { title: { text: `Green development efficiency, ${y}` }, width: 640, height: 520, margin: { l: 10, r: 10, t: 40, b: 10 }, ...mapAxes(36), showlegend: true,
        legend: { x: 0.02, y: 0.05 } },
    }, { caption: `Figure 2 (${y}): efficiency classes of the 115 cities (synthetic data)`.replace(" (synthetic data)", provenance === "synthetic" ? " (synthetic data)" : ""), provenance,
      source: "Super-SBM scores computed above; outlines: Apache ECharts 4.9.0 map data." });
  }
}

export interface RankGroups { top: Record<string, number>; bottom: Record<string, number>; bottomSet: Set<string> }

/** §3.1: the regions of the top-20 and bottom-20 cities by year, and the cities in the bottom 20 every year. */
export function rankByRegion(raw: Table, gtfp: Float64Array, kept: City[], cityByCode: Map<string, City>, provenance: Provenance):
  { rg: Record<number, RankGroups>; persistent: City[]; table: DataTable } {
  const yearCol = raw.num("year"), codeCol = raw.str("city_code");
  const rankGroups = (y: number): RankGroups => {
    const rows = Array.from({ length: raw.nRows }, (_, k) => k).filter((k) => yearCol[k] === y).sort((a, b) => gtfp[b] - gtfp[a]);
    const reg = (ks: number[]) => Object.fromEntries(REGIONS.map((r) => [r, ks.filter((k) => cityByCode.get(codeCol[k])!.region === r).length]));
    return { top: reg(rows.slice(0, 20)), bottom: reg(rows.slice(-20)), bottomSet: new Set(rows.slice(-20).map((k) => codeCol[k])) };
  };
  const rg: Record<number, RankGroups> = Object.fromEntries(YEARS.map((y) => [y, rankGroups(y)]));
  const persistent = kept.filter((c) => YEARS.every((y) => rg[y].bottomSet.has(c.code)));
  const PAPER_TOP: Record<number, Record<string, string>> = { 2008: { east: "10", central: "4", west: "2", northeast: "4" }, 2023: { east: "8 (derived)", central: "5", west: "7", northeast: "0" } };
  const PAPER_BOTTOM: Record<number, Record<string, string>> = { 2008: { east: "0 (derived)", central: "7", west: "6", northeast: "7" }, 2023: { east: "", central: "", west: "", northeast: "11" } };
  const t = table(REGIONS.map((r) => ({ region: r,
    "top 20, 2008: paper": { html: PAPER_TOP[2008][r] }, ours: { html: String(rg[2008].top[r]) }, "top 20, 2023: paper": { html: PAPER_TOP[2023][r] }, "ours ": { html: String(rg[2023].top[r]) },
    "bottom 20, 2008: paper": { html: PAPER_BOTTOM[2008][r] }, "ours  ": { html: String(rg[2008].bottom[r]) }, "bottom 20, 2023: paper": { html: PAPER_BOTTOM[2023][r] }, "ours   ": { html: String(rg[2023].bottom[r]) } })),
  { caption: "Top-20 and bottom-20 cities by region (§3.1)", provenance,
    notes: [`In the bottom 20 in all four years (paper: six, five named — 阜新, 葫芦岛, 鹤岗, 七台河, 鸡西): ours ${persistent.length}: ${persistent.map((c) => c.name).join(", ")}.`] });
  return { rg, persistent, table: t };
}

export interface PlantedValues { total: Record<string, number>; aNEPP: Record<string, number>; aSEE: Record<string, number>; bNEPP: number; bSEE: number }
export interface Recovered { table: string; fit: PanelFit; term: string; value: number; b: number; se: number; dist: number; ok: boolean }

/**
 * Table 5 (1) totals and Table 7 (1)–(4): a-paths, and with one mediator left out a core coefficient is the total
 * minus the included mediator's indirect effect, the mediator's its b-path — all from the generator's constants.
 */
export function plantedChecks(P: PlantedValues, t5: PanelFit[], t7: PanelFit[], provenance: Provenance, synthetic: boolean):
  { rec: Recovered[]; table: DataTable } {
  const planted: { table: string; fit: PanelFit; term: string; value: number }[] = [];
  for (const [x, v] of Object.entries(P.total)) planted.push({ table: "Table 5 (1)", fit: t5[0], term: x, value: v });
  for (const [x, v] of Object.entries(P.aNEPP)) planted.push({ table: "Table 7 (1) lnNEPP", fit: t7[0], term: x, value: v });
  for (const [x, v] of Object.entries(P.aSEE)) planted.push({ table: "Table 7 (2) lnSEE", fit: t7[1], term: x, value: v });
  for (const x of ["HEE", "PGPP", "IRD"]) {
    planted.push({ table: "Table 7 (3)", fit: t7[2], term: x, value: P.total[x] - P.bNEPP * P.aNEPP[x] });
    planted.push({ table: "Table 7 (4)", fit: t7[3], term: x, value: P.total[x] - P.bSEE * P.aSEE[x] });
  }
  planted.push({ table: "Table 7 (3)", fit: t7[2], term: "NEPP", value: P.bNEPP }, { table: "Table 7 (4)", fit: t7[3], term: "SEE", value: P.bSEE });
  const rec = planted.map((p) => { const b = p.fit.coef(p.term), se = p.fit.stdError(p.term); return { ...p, b, se, dist: Math.abs(b - p.value) / se, ok: Math.abs(b - p.value) <= 2 * se }; });
  const passRate = rec.filter((r) => r.ok).length / rec.length;
  const t = table(rec.map((r) => ({ table: r.table, term: `ln${r.term}`, "planted (printed)": r.value, estimate: r.b, SE: r.se, "|b − planted| / SE": r.dist, "within 2 SE": { html: r.ok ? "✓" : "✗ miss" } })),
    { caption: `Planted coefficients recovered within two SEs: ${rec.filter((r) => r.ok).length} of ${rec.length} (${(100 * passRate).toFixed(0)}%)`, provenance, digits: 4,
      notes: [synthetic ? "Planted values are the generator's (generator.ts, PLANTED); Table 7 (3)–(4) are the implied values, equal to the printed ones to rounding." : "Real data: the planted values do not apply; read this table as the paper's numbers against ours."] });
  return { rec, table: t };
}

export interface DiffersInput {
  synthetic: boolean; seed: number; dataSource: string; realVars: string[]; kept: City[]; coalCities: number;
  incomeHigh: number; cc: Record<number, { low: number; mid: number; high: number }>;
  desc: { variable: string; mean: number; max: number }[]; pub: Published; rec: Recovered[]; mixNoise: number;
  moderationSignificant: number; moderationTerms: number; seIid: number; seCluster: number;
  sobelSeePgpp: { indirect: number; z: number };
}

/** The "what differs and why" markdown. */
export function whatDiffers(o: DiffersInput): string {
  const cc = o.cc, rec = o.rec, miss = rec.filter((r) => !r.ok);
  const printed = (v: string, s: string) => o.pub.entries.find((e) => e.id === `t2-${v}-${s}`)!.printed;
  const t2off = o.desc.filter((s) => Math.abs(s.mean - Number(printed(s.variable, "mean"))) > 0.1 * Number(printed(s.variable, "sd")) + 1e-9);
  return [
    `* **Data.** ${o.synthetic ? "Everything below the city list is synthetic (seed " + o.seed + ")" + (o.realVars.length ? " except " + o.realVars.join(", ") + ", which is real (provenance table in §2); its Table 2 row is compared as real data" : "") + ". No other number in this notebook is evidence for or against the paper; the ledger marks every printed number that depends on a synthetic variable not reproducible." : "Real data from " + o.dataSource + "."}`,
    `* **Sample.** ${o.kept.length} cities (${TYPES.map((t) => o.kept.filter((c) => c.type === t).length).join(" / ")} mature / growing / declining / regenerating), the paper's counts, by dropping the ten non-地级市 units and 莱芜. The coal list has ${o.coalCities} cities (paper: 53), so Table 8 (1)–(2) Ns differ from 848 / 992; the income split (top ${o.incomeHigh} by mean GDP per capita) matches the paper's 45 / 70 by construction.`,
    `* **Efficiency classes.** Ours ${cc[2008].low}/${cc[2008].mid}/${cc[2008].high} (2008) and ${cc[2023].low}/${cc[2023].mid}/${cc[2023].high} (2023) against 89/9/17 and 40/57/18: the generator's calibration is approximate (city levels, trends and noise are drawn, not fitted to the counts).`,
    `* **GTFP maximum.** ln(1+GTFP) reaches ${o.desc[0].max.toFixed(3)} against the paper's 0.931: in the synthetic technology (one input mix per year) only the best city of a year is efficient, and its super-efficiency is fixed by the runner-up, so scores far above 1 cannot arise. The real data, with many efficient cities of different mixes, allow them.`,
    `* **Table 2.** Means off by more than 0.1 SD: ${t2off.length ? t2off.map((s) => `${s.variable} (${s.mean.toFixed(3)} vs ${printed(s.variable, "mean")})`).join(", ") : "none"}. Clipping to the printed min/max shrinks some SDs and maxima (e.g. NEPP max ${o.desc[4].max.toFixed(2)} vs 7.607).`,
    ...(!o.synthetic ? [] : [`* **Planted effects.** ${rec.filter((r) => r.ok).length} of ${rec.length} recovered within 2 SE${miss.length ? "; misses: " + miss.map((r) => `${r.table} ln${r.term} ${r.b.toFixed(3)} vs ${r.value} (${r.dist.toFixed(1)} SE)`).join(", ") : ""}. The DEA step adds error (mix noise ${o.mixNoise}) and the regional trend is orthogonalised only against the regressors of equation (5).`,
      `* **Table 5 (3)–(4), Table 6, Table 8, Figure 3.** Not planted: city-FE-only columns pick up the common trends; the replacement variables are noisy proxies; no subgroup difference and no interaction exists in the synthetic panel, so the difference tests and Figure 3 show what chance produces (${o.moderationSignificant} of ${o.moderationTerms} interaction terms significant at 10%).`]),
    `* **Standard errors.** The paper does not say which it uses. Clustering by city changes lnIRD's SE from ${o.seIid.toFixed(4)} to ${o.seCluster.toFixed(4)} here; the stars in the paper should be read with that in mind.`,
    `* **Paper's internal inconsistencies kept in the ledger notes:** the SEE–PGPP Sobel cell (0.005**, Z = 2.335 cannot follow from its own a, b; ours ${o.sobelSeePgpp.indirect.toFixed(4)}, z = ${o.sobelSeePgpp.z.toFixed(2)}), "(0468)" for (0.468), text L191 vs Table 5 on the effect of adding controls, and stars inconsistent with coefficient/SE in Table 6 (4) _cons, (6) lnPGPP and Table 8 (6) _cons.`,
  ].join("\n");
}

export interface LedgerInput {
  desc: { variable: string; mean: number; sd: number; min: number; max: number }[];
  realVars: string[];
  vif: { terms: { term: string; vif: number; inv_vif: number }[]; mean_vif: number };
  D: Table;
  t5: PanelFit[]; fTests: { statistic: number }[]; hausman: { statistic: number }[];
  t6: PanelFit[]; t6Data: Table[]; t7: PanelFit[];
  sobel: Record<string, { indirect: number; sobel: { z: number }; share: number }>;
  t8: PanelFit[]; t8Data: Table[];
  cc: Record<number, { low: number; mid: number; high: number }>;
  rg: Record<number, { top: Record<string, number>; bottom: Record<string, number> }>;
  persistent: City[]; kept: City[];
}

/**
 * Every computed number under its ledger id: Table 2 (rows of a real variable marked real), the VIFs, Tables 5–8
 * (ln<variable> names, SE in parentheses, the LSDV adjusted R²; Table 8 prints the core terms bare), the Sobel
 * rows, the §3.1 counts and the sample counts.
 */
export function recordLedger(ours: LedgerOurs, o: LedgerInput): void {
  for (const s of o.desc) for (const c of ["mean", "sd", "min", "max"] as const) {
    const real = o.realVars.includes(s.variable);
    ours.put(`t2-${s.variable}-${c}`, s[c], real ? "real data (PKU index)" : "", real ? { provenance: "real" } : {});
  }
  for (const t of o.vif.terms) { ours.put(`t4-${t.term}-vif`, t.vif); ours.put(`t4-${t.term}-invvif`, t.inv_vif); }
  ours.put("t4-mean", o.vif.mean_vif);
  const recordFit = (prefix: string, f: PanelFit, data: Table, names: Record<string, string> = {}) =>
    record(ours, f, { prefix, stat: "se", data,
      rename: Object.fromEntries(f.names.map((n) => [n, names[n] ?? `ln${n}`])), stats: { adjr2: "adj_r_squared" } });
  o.t5.forEach((f, j) => {
    recordFit(`t5-${j + 1}`, f, o.D);
    ours.put(`t5-${j + 1}-F`, o.fTests[j].statistic, "F test that all fixed effects are 0");
  });
  ours.put("t5-3-hausman", o.hausman[0].statistic); ours.put("t5-4-hausman", o.hausman[1].statistic);
  o.t6.forEach((f, j) => recordFit(`t6-${j + 1}`, f, o.t6Data[j], { SILP: "lnSI-LP" }));
  o.t7.forEach((f, j) => recordFit(`t7-${j + 1}`, f, o.D));
  for (const [k, s] of Object.entries(o.sobel)) {
    ours.put(`t7-sobel-${k}-ind`, s.indirect); ours.put(`t7-sobel-${k}-z`, s.sobel.z);
  }
  for (const x of ["HEE", "PGPP", "IRD"]) ours.put(`t7-share-SEE-${x}`, 100 * o.sobel[`SEE-${x}`].share);
  const BARE = { HEE: "HEE", PGPP: "PGPP", IRD: "IRD" };
  o.t8.forEach((f, j) => recordFit(`t8-${j + 1}`, f, o.t8Data[j], BARE));
  for (const y of [2008, 2023]) {
    for (const c of ["low", "mid", "high"] as const) ours.put(`f2-${y}-${c}`, o.cc[y][c]);
    for (const r of REGIONS) {
      ours.put(`f2-top20-${y}-${r}`, o.rg[y].top[r]); ours.put(`f2-bottom20-${y}-${r}`, o.rg[y].bottom[r]);
    }
  }
  ours.put("f2-bottom20-persistent", o.persistent.length);
  ours.put("sample-cities", o.kept.length); ours.put("sample-N", o.D.nRows);
  for (const ty of TYPES) ours.put(`sample-${ty}`, o.kept.filter((c) => c.type === ty).length);
}

/** The robot installations by industry behind the Bartik IRD (the generator's IFR-style series). */
export function plotRobots(robots: { industry: string; year: number; robots: number }[], industries: string[],
  industriesZh: string[], years: number[]): void {
  const rob = new Map<string, number>(robots.map((r) => [`${r.industry}|${r.year}`, r.robots]));
  plot({
    data: industries.map((ind, j) => ({ type: "scatter" as const, mode: "lines+markers" as const, name: `${ind} ${industriesZh[j]}`,
      x: years, y: years.map((y) => rob.get(`${ind}|${y}`)!) })),
    layout: { title: { text: "Synthetic IFR-style robot installations by industry" }, width: 760, height: 380,
      yaxis: { title: { text: "robots installed (units)" } }, xaxis: { title: { text: "year" } } },
  }, { caption: "Robot series behind the Bartik IRD (synthetic data)", provenance: "synthetic", source: "generator.ts; the real series is IFR World Robotics (licensed), 2007–2020." });
}

/** Signs the text states for significant interaction terms: "eq|mediator|policy tool|factor". */
export const PAPER_SIGN: Record<string, string> = { "6|NEPP|EPPCN|HEE": "+", "6|NEPP|RDER|IRD": "−", "6|NEPP|RDER|PGPP": "+", "7|NEPP|EPPCN|": "−", "7|NEPP|RDER|": "+",
  "6|SEE|EPPCN|HEE": "+", "6|SEE|EPPCN|PGPP": "+", "6|SEE|EPPCN|IRD": "−", "6|SEE|RDER|PGPP": "+", "7|SEE|EPPCN|": "+", "7|SEE|RDER|": "+" };

/** Figure 3: the interaction coefficients with 95 % intervals, the paper's stated sign beside each label. */
export function plotModeration(modRows: { label: string; est: number; se: number; sign: string; gov: string }[],
  synthetic: boolean, provenance: Provenance): void {
  plot({
    data: ["EPPCN", "RDER"].map((g) => {
      const r = modRows.filter((x) => x.gov === g);
      return { type: "scatter" as const, mode: "markers" as const, name: g === "EPPCN" ? "regulation (EPPCN)" : "funding (RDER)", orientation: "h" as const,
        x: r.map((x) => x.est), y: r.map((x) => `${x.label}${x.sign ? ` [paper ${x.sign}]` : ""}`), error_x: { type: "data" as const, array: r.map((x) => 1.96 * x.se) },
        marker: { color: g === "EPPCN" ? "#d95f02" : "#1b9e77", size: 9 } };
    }),
    layout: { title: { text: "Figure 3: interaction coefficients (lagged, uncentred), 95% intervals" }, width: 860, height: 560, margin: { l: 290, r: 20, t: 50, b: 50 },
      xaxis: { title: { text: "coefficient of the interaction term" }, zeroline: true }, yaxis: { type: "category", automargin: true },
      shapes: [{ type: "line", x0: 0, x1: 0, y0: 0, y1: 1, yref: "paper", line: { color: "#444", dash: "dash", width: 1 } }] },
  }, { caption: `Figure 3: moderation by the policy tools (${synthetic ? "synthetic data; no interaction planted" : "real data"})`, provenance,
    source: "Equations (6)–(7), right-hand side lagged one year; [paper ±] = sign stated in the text for a significant term." });
}
