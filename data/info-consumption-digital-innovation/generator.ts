/**
 * Seeded synthetic city panel for the info-consumption-digital-innovation notebook
 * (蔡曦, 夏杰长. 信息消费政策促进了城市数字创新吗？ 区域经济评论 2025(4): 31–41).
 *
 * The paper's outcome data (CNRDS digital patent counts) and its pilot coding are not public here, so the notebook
 * runs on a hybrid panel built by this file: real city labels (sample.ts), real per-capita GDP and the real PKU index
 * where the public files have them (`synthesize`), everything else drawn conditional on them. Every random number
 * comes from kernel-lib's seeded MT19937 (`createRng`). What is planted, and how:
 *
 * 1. Cities and sample: 290 cities (100 east, 100 central, 90 west; four municipalities), 2003–2023, labelled with
 *    real prefecture-level cities by sample.ts's rule (its size cells are a 2010-census population rank). City size
 *    (2014 State Council standard): 12 super-large, 80 mega, 170 large, 28 small/medium. Early years are missing
 *    for some non-pilot cities (left-truncated series) so that the sample has exactly the paper's counts:
 *    5,479 city-years, east 1,980 / central 1,937 / west 1,562 (Table 5), super 236 / mega 1,656 / large 3,354
 *    (Table 6), 79 municipality-years (Table 2 (5)–(6): 5,400). Pilot cities are fully observed.
 * 2. Assignment: 102 pilot cities (the placebo draws 102 of 290), 66 in the 2014 batch and 36 in the 2015 batch
 *    (choice: the paper's 68 + 36 "regions" include non-prefecture units), drawn with probabilities rising in city
 *    size and higher in the east. `demonstrate` (national information-consumption demonstration cities; the paper
 *    gives no dates): 24 cities (6 pilots, 18 others), 1 from 2017 (choice).
 * 3. Controls (Stata-style levels): pgdp (per-capita GDP, 10^4 yuan), fiscal (expenditure / GDP), lnpop (ln urban
 *    hukou population, 10^4), industry (secondary employment share), lnstu (ln college students). pgdp is the real
 *    series where given (`realPgdp`); its other years carry the drawn path from the city's nearest real year
 *    (`anchoredFill`, ratio). The omitted-control bias Σγ_k π_k must equal the printed drop from Table 1 (1) to (2)
 *    (0.140 − 0.079) and from (3) to (4) (0.243 − 0.144): π_pgdp is measured (FE coefficient of reform on pgdp),
 *    lnstu of pilot cities jumps by δ after adoption to make up the quantity drop, and γ_lnstu(quality) is solved
 *    for the quality drop.
 * 4. Outcomes y ∈ {quantity, quality, quantity_grant, quality_grant}: y = α_i + λ_t + τ_i·reform + θ·demonstrate
 *    + γ'X + e. The city effect τ_i = a_region + b_size is solved (least squares on the post-adoption
 *    observations) so that the treated means by region (Table 5), by size (Table 6) and overall (Table 1 (2), (4))
 *    are as close to the printed coefficients as one additive model allows (they cannot all hold: see the notebook);
 *    it is then refined on the noise-free outcome with the two-way FE estimator itself (region and size shifts,
 *    then one overall shift so that the full-sample estimate is the printed one).
 *    Grants use the quantity / quality pattern scaled to Table 2 (1)–(2). θ is set so that the `demonstrate`
 *    regression gives about Table 2 (3)–(4). The outcome mean and γ_lnpop are set so that the constants of
 *    Table 1 (Stata's ȳ − x̄'β̂) are about the printed ones.
 * 5. Mediators (Table 4): m = α_i + λ_t + δ_m·reform + γ'X + e with δ_m the printed coefficient and the printed
 *    numbers of observations (missing values: finance and digital from 2011 only, then at random). With
 *    `realFinance`, finance is the real index (2011 on) and Table 4 (3) is not planted.
 * 6. Optional `ramp`: the effect grows by ramp × τ_i per year since adoption (default 0: constant effects, the
 *    paper's model). With ramp > 0 the two-way FE estimate mixes in "forbidden" comparisons; see the notebook.
 */
import { anchoredFill, calibrationTargets, createRng, feols, loadPublished, realSeries, Table } from "kernel-lib";
import type { StudyGenerator } from "kernel-lib";
import { CELLS, MUNICIPALITIES, sampleCities, type CitySample, type Region, type Size } from "./sample";

// The planted truth is the paper's printed numbers, read from published.json (never retyped).
const T = calibrationTargets(loadPublished("info-consumption-digital-innovation"), {
  q0: "t1-1-reform-b", q1: "t1-2-reform-b", Q0: "t1-3-reform-b", Q1: "t1-4-reform-b",
  cq0: "t1-1-_cons-b", cq1: "t1-2-_cons-b", cQ0: "t1-3-_cons-b", cQ1: "t1-4-_cons-b",
  gq: "t2-1-reform-b", gQ: "t2-2-reform-b", dq: "t2-3-demonstrate-b", dQ: "t2-4-demonstrate-b",
  m1: "t4-1-reform-b", m2: "t4-2-reform-b", m3: "t4-3-reform-b", m4: "t4-4-reform-b", m5: "t4-5-reform-b",
  n1: "t4-1-N", n2: "t4-2-N", n3: "t4-3-N", n4: "t4-4-N", n5: "t4-5-N",
  rq1: "t5-1-reform-b", rq2: "t5-2-reform-b", rq3: "t5-3-reform-b", rQ1: "t5-4-reform-b", rQ2: "t5-5-reform-b",
  rQ3: "t5-6-reform-b", sq1: "t6-1-reform-b", sq2: "t6-2-reform-b", sq3: "t6-3-reform-b", sQ1: "t6-4-reform-b",
  sQ2: "t6-5-reform-b", sQ3: "t6-6-reform-b",
});

export const PLANTED = {
  table1: { quantity: T.q1, quality: T.Q1 },
  table1NoControls: { quantity: T.q0, quality: T.Q0 },
  cons: { noControls: { quantity: T.cq0, quality: T.cQ0 }, controls: { quantity: T.cq1, quality: T.cQ1 } },
  grant: { quantity_grant: T.gq, quality_grant: T.gQ },
  demonstrate: { quantity: T.dq, quality: T.dQ },
  region: { quantity: { east: T.rq1, central: T.rq2, west: T.rq3 }, quality: { east: T.rQ1, central: T.rQ2, west: T.rQ3 } },
  size: { quantity: { super: T.sq1, mega: T.sq2, large: T.sq3 }, quality: { super: T.sQ1, mega: T.sQ2, large: T.sQ3 } },
  mediators: { research: T.m1, start: T.m2, finance: T.m3, digital: T.m4, information: T.m5 },
  mediatorObs: { research: T.n1, start: T.n2, finance: T.n3, digital: T.n4, information: T.n5 },
};

export interface GenOptions {
  seed: number;
  /** Scale of the idiosyncratic errors (1 = calibrated to the printed t statistics). */
  noiseScale?: number;
  /** Effect growth per year since adoption, as a multiple of τ_i (0 = constant effects). */
  ramp?: number;
  /** Real city labels in the order of CELLS (sample.ts); without them the cities are placeholder labels. */
  cities?: readonly { code: string; name: string }[];
  /** Real per-capita GDP (10^4 yuan) by "code|year"; other years are filled from the city's nearest real year. */
  realPgdp?: ReadonlyMap<string, number>;
  /** The real PKU index by "code|year" for `finance` (2011 on); a year without it stays empty. */
  realFinance?: ReadonlyMap<string, number>;
}

/** 6×6 (or n×n) linear solve by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length, M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) if (r !== c) { const f = M[r][c] / M[c][c]; for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k]; }
  }
  return M.map((r, i) => r[n] / r[i]);
}

export function generate(o: GenOptions) {
  const rng = createRng(o.seed, "info-consumption-digital-innovation generator");
  const ns = o.noiseScale ?? 1;
  const ramp = o.ramp ?? 0;
  const Y0 = 2003, T = 21;
  // ---- cities: region × size cells, missing early years per cell (non-pilots only) ----
  const cells = CELLS;
  const region: Region[] = [], size: Size[] = [], city: string[] = [], muni: number[] = [];
  const cellOf: number[] = [];
  cells.forEach(([r, s, k], ci) => { for (let j = 0; j < k; j++) { region.push(r); size.push(s); cellOf.push(ci); city.push(`${r[0].toUpperCase()}${({ super: "X", mega: "M", large: "L", small: "S" } as const)[s]}${String(j + 1).padStart(3, "0")}`); muni.push(0); } });
  const NC = city.length;
  const code = city.map(() => "");
  if (o.cities && o.cities.length !== NC) throw new Error(`generator: ${o.cities.length} city labels for ${NC} cities`);
  o.cities?.forEach((c, i) => { city[i] = c.name; code[i] = c.code; });
  // municipalities: Chongqing leads the west super cell (missing 5 early years), Beijing/Tianjin/Shanghai the east's
  const idxCell = (r: Region, s: Size) => city.map((_, i) => i).filter((i) => region[i] === r && size[i] === s);
  const cq = o.cities ? code.indexOf("500000") : idxCell("west", "super")[0];
  const bts = o.cities ? ["110000", "120000", "310000"].map((c) => code.indexOf(c)) : idxCell("east", "super").slice(0, 3);
  if ([cq, ...bts].some((i) => i < 0)) throw new Error("generator: a municipality is missing from the city labels");
  [cq, ...bts].forEach((i, j) => { muni[i] = 1; if (!o.cities) city[i] = ["Chongqing", "Beijing", "Tianjin", "Shanghai"][j]; });
  // ---- pilots: 102 cities, weighted sampling without replacement ----
  const wS: Record<Size, number> = { super: 6, mega: 1.6, large: 0.9, small: 0 };
  const wR: Record<Region, number> = { east: 1.5, central: 1, west: 0.8 };
  const w = city.map((_, i) => wS[size[i]] * wR[region[i]] * (muni[i] ? 50 : 1));
  const cohort = new Float64Array(NC);
  const chosen: number[] = [];
  for (let k = 0; k < 102; k++) {
    let tot = 0;
    for (let i = 0; i < NC; i++) if (!cohort[i]) tot += w[i];
    let u = rng.uniform() * tot, pick = -1;
    for (let i = 0; i < NC; i++) if (!cohort[i]) { u -= w[i]; if (u <= 0) { pick = i; break; } }
    if (pick < 0) pick = [...Array(NC).keys()].reverse().find((i) => !cohort[i])!;
    cohort[pick] = 1;
    chosen.push(pick);
  }
  const order = rng.permutation(102);
  order.forEach((j, k) => (cohort[chosen[j]] = k < 66 ? 2014 : 2015));
  // ---- missing early years (non-pilots only; Chongqing is a pilot with 5 missing years, 2003–2007) ----
  const miss = new Int32Array(NC);
  cells.forEach(([r, s, , M], ci) => {
    if (r === "west" && s === "super") { miss[cq] = M; return; }
    if (M === 0) return;
    let pool = city.map((_, i) => i).filter((i) => cellOf[i] === ci && cohort[i] === 0 && !muni[i]);
    // cells where every city is a pilot: pilots lose at most 6 early years (2003–2008), still before adoption
    if (!pool.length) pool = city.map((_, i) => i).filter((i) => cellOf[i] === ci && !muni[i]);
    const cap = r === "west" && s === "small" ? 16 : cohort[pool[0]] ? 6 : 10;
    let left = M, guard = 0;
    while (left > 0 && guard++ < 100000) {
      const i = pool[rng.integer(0, pool.length)];
      const add = Math.min(left, rng.integer(2, 7), cap - miss[i]);
      if (add > 0) { miss[i] += add; left -= add; }
    }
    if (left > 0) throw new Error(`generator: cannot place ${left} missing years in cell ${r}/${s}`);
  });
  // ---- demonstrate: 16 pilots + 8 non-pilots, from 2017 ----
  const demoCity = new Uint8Array(NC);
  const pil = rng.permutation(102).slice(0, 6).map((j) => chosen[j]);
  pil.forEach((i) => (demoCity[i] = 1));
  const nonPil = city.map((_, i) => i).filter((i) => cohort[i] === 0 && size[i] !== "small" && miss[i] === 0);
  rng.permutation(nonPil.length).slice(0, 18).forEach((j) => (demoCity[nonPil[j]] = 1));
  const DEMO_YEAR = 2017;
  // ---- rows ----
  const rows: { c: number; t: number }[] = [];
  for (let i = 0; i < NC; i++) for (let t = miss[i]; t < T; t++) rows.push({ c: i, t });
  const n = rows.length;
  const year = rows.map((r) => Y0 + r.t);
  const reform = rows.map((r, k) => (cohort[r.c] > 0 && year[k] >= cohort[r.c] ? 1 : 0));
  const demonstrate = rows.map((r, k) => (demoCity[r.c] && year[k] >= DEMO_YEAR ? 1 : 0));
  // ---- controls ----
  const sizeLev: Record<Size, number> = { super: 1.6, mega: 0.7, large: 0, small: -0.8 };
  const regLev: Record<Region, number> = { east: 0.5, central: 0, west: -0.4 };
  const cityLev = Float64Array.from({ length: NC }, (_, i) => sizeLev[size[i]] + regLev[region[i]] + rng.normal(0, 0.4));
  const nz = (sd: number) => rng.normal(0, sd);
  const cPg = Float64Array.from({ length: NC }, (_, i) => 0.9 * cityLev[i] + nz(0.4));
  const cFi = Float64Array.from({ length: NC }, () => nz(0.05));
  const cPop = Float64Array.from({ length: NC }, (_, i) => 0.55 * cityLev[i] + nz(0.4));
  const cInd = Float64Array.from({ length: NC }, () => nz(0.08));
  const cStu = Float64Array.from({ length: NC }, (_, i) => 0.9 * cityLev[i] + nz(0.6));
  // omitted-control bias (Table 1 (1) − (2), (3) − (4)) = Σ γ_k π_k, π_k = FE coefficient of reform on control k:
  // π_pgdp is measured on the (hybrid) pgdp, then lnstu jumps by δ after adoption and γ_lnstu(quality) is solved
  const gam = {
    quantity: { pgdp: 0.02, fiscal: -0.3, lnpop: 0, industry: -0.2, lnstu: 0.12 },
    quality: { pgdp: 0.06, fiscal: -0.4, lnpop: 0, industry: -0.3, lnstu: 0.1 },
  };
  const bq = PLANTED.table1NoControls.quantity - PLANTED.table1.quantity, bQ = PLANTED.table1NoControls.quality - PLANTED.table1.quality;
  const pgdpDrawn = rows.map((r) => Math.max(0.3, 1.2 + 0.3 * r.t + 1.0 * cPg[r.c] + nz(0.35)));
  const rowCode = rows.map((r) => code[r.c] || city[r.c]);
  const pgdpFill = anchoredFill(rowCode, year, pgdpDrawn, o.realPgdp ?? new Map<string, number>());
  const pgdp = Array.from(pgdpFill.values);
  const rowCity = rows.map((r) => city[r.c]);
  const piPgdp = feols(Table.fromColumns("pgdp", { city: rowCity, year, reform, pgdp }), "pgdp ~ reform | city + year",
    { vcov: "iid" }).coef("reform");
  const dStu = (bq - gam.quantity.pgdp * piPgdp) / gam.quantity.lnstu;
  if (!(dStu > 0)) throw new Error(`generator: the pgdp bias γ·π = ${gam.quantity.pgdp * piPgdp} exceeds the printed drop ${bq}`);
  gam.quality.lnstu = (bQ - gam.quality.pgdp * piPgdp) / dStu;
  const fiscal = rows.map((r) => Math.max(0.04, 0.12 + 0.004 * r.t + cFi[r.c] + nz(0.025)));
  const lnpop = rows.map((r) => 5.8 + 0.004 * r.t + cPop[r.c] + nz(0.04));
  const industry = rows.map((r) => Math.min(0.8, Math.max(0.1, 0.46 - 0.003 * r.t + cInd[r.c] + nz(0.04))));
  const lnstu = rows.map((r, k) => 10.2 + 0.05 * r.t + cStu[r.c] + dStu * reform[k] + nz(0.12));
  const X = { pgdp, fiscal, lnpop, industry, lnstu };
  const mean = (v: ArrayLike<number>) => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s / v.length; };
  const Dbar = mean(reform);
  // ---- effect heterogeneity: τ_i = a_region + b_size (small uses b_large), least squares over post rows ----
  const post = rows.map((r, k) => k).filter((k) => reform[k] === 1);
  const RG: Region[] = ["east", "central", "west"], SZ: Size[] = ["super", "mega", "large"];
  function solveTau(reg: Record<Region, number>, sz: Record<string, number>, overall: number, theta: number): Float64Array {
    // unknowns a_E, a_C, a_W, b_S, b_M (b_L = 0 reference); equations: group means of τ + θ·demo over post rows
    const eqs: { sel: (i: number) => boolean; target: number; wt: number }[] = [
      ...RG.map((r) => ({ sel: (i: number) => region[i] === r, target: reg[r], wt: 1 })),
      ...SZ.map((s) => ({ sel: (i: number) => size[i] === s || (s === "large" && size[i] === "small"), target: sz[s], wt: 1 })),
      { sel: () => true, target: overall, wt: 2 },
    ];
    const A: number[][] = [], b: number[] = [];
    for (const e of eqs) {
      const ks = post.filter((k) => e.sel(rows[k].c));
      if (!ks.length) continue;
      const row = [0, 0, 0, 0, 0];
      let dem = 0;
      for (const k of ks) {
        const i = rows[k].c;
        row[RG.indexOf(region[i])] += 1 / ks.length;
        if (size[i] === "super") row[3] += 1 / ks.length;
        if (size[i] === "mega") row[4] += 1 / ks.length;
        dem += (theta * demonstrate[k]) / ks.length;
      }
      A.push(row.map((v) => v * e.wt));
      b.push((e.target - dem) * e.wt);
    }
    const AtA = [0, 1, 2, 3, 4].map((p) => [0, 1, 2, 3, 4].map((q) => A.reduce((s, r) => s + r[p] * r[q], 0)));
    const Atb = [0, 1, 2, 3, 4].map((p) => A.reduce((s, r, j) => s + r[p] * b[j], 0));
    const x = solve(AtA, Atb);
    return Float64Array.from({ length: NC }, (_, i) => x[RG.indexOf(region[i])] + (size[i] === "super" ? x[3] : size[i] === "mega" ? x[4] : 0));
  }
  // θ: the demonstrate regression picks up θ plus the pilots' own effect in demo cities; calibrated offset
  const theta = { quantity: PLANTED.demonstrate.quantity, quality: PLANTED.demonstrate.quality };
  const tauQ = solveTau(PLANTED.region.quantity, PLANTED.size.quantity, PLANTED.table1.quantity, theta.quantity);
  const tauL = solveTau(PLANTED.region.quality, PLANTED.size.quality, PLANTED.table1.quality, theta.quality);
  // Calibrate τ on the noise-free outcome with the estimator itself (panel engine, deterministic): alternately
  // shift a_region and b_size by (printed − estimated) in each subsample, then shift all τ so that the full-sample
  // two-way FE estimate with controls equals the printed Table 1 coefficient.
  const base = Table.fromColumns("calibration", { city: rows.map((r) => city[r.c]), year, reform, pgdp, fiscal, lnpop, industry, lnstu, region: rows.map((r) => region[r.c]), size: rows.map((r) => size[r.c]) });
  const ctl = "pgdp + fiscal + lnpop + industry + lnstu";
  function calibrate(tau: Float64Array, th: number, reg: Record<Region, number>, sz: Record<string, number>, overall: number) {
    const est = (sel: (k: number) => boolean) => {
      const y0 = rows.map((r, k) => (reform[k] ? tau[r.c] : 0) + th * demonstrate[k]);
      const t = base.with("y0", Float64Array.from(y0));
      const idx: number[] = [];
      for (let k = 0; k < n; k++) if (sel(k)) idx.push(k);
      return feols(t.take(idx), `y0 ~ reform + ${ctl} | city + year`, { vcov: "iid" }).coef("reform");
    };
    for (let it = 0; it < 4; it++) {
      for (const r of RG) { const d = reg[r] - est((k) => region[rows[k].c] === r); for (let i = 0; i < NC; i++) if (region[i] === r) tau[i] += d; }
      for (const z of SZ) { const d = sz[z] - est((k) => size[rows[k].c] === z); for (let i = 0; i < NC; i++) if (size[i] === z || (z === "large" && size[i] === "small")) tau[i] += d; }
    }
    const d = overall - est(() => true);
    for (let i = 0; i < NC; i++) tau[i] += d;
  }
  calibrate(tauQ, theta.quantity, PLANTED.region.quantity, PLANTED.size.quantity, PLANTED.table1.quantity);
  calibrate(tauL, theta.quality, PLANTED.region.quality, PLANTED.size.quality, PLANTED.table1.quality);
  const yearFx = Array.from({ length: T }, (_, t) => 0.012 * t + 0.0009 * t * t + nz(0.01));
  const cityFx = Float64Array.from({ length: NC }, (_, i) => 0.25 * cityLev[i] + nz(0.12));
  function outcome(name: string, tau: Float64Array, th: number, g: Record<string, number>, sd: number, feS: number, consNo: number, consCtrl: number, beta: number, betaNo: number) {
    const ex = rows.map((r, k) => {
      const since = reform[k] ? year[k] - cohort[r.c] : 0;
      const eff = reform[k] ? tau[r.c] * (1 + ramp * (since - 4)) : 0;
      return feS * (cityFx[r.c] + yearFx[r.t]) + eff + th * demonstrate[k] + Object.entries(g).reduce((s, [v, c]) => s + c * (X as any)[v][k], 0) + (1 + 0.3 * Math.max(0, cityLev[r.c])) * rng.normal(0, sd * ns);
    });
    // shift the level so that the constants are about the printed ones: ȳ = cons(1) + β(1)·D̄;
    // γ_lnpop solves cons(2) = ȳ − β(2)·D̄ − Σ γ x̄ (added to every row as γ_lnpop·lnpop)
    const ybar = consNo + betaNo * Dbar;
    const others = Object.entries(g).reduce((s, [v, c]) => s + c * mean((X as any)[v]), 0);
    const gPop = (ybar - beta * Dbar - consCtrl - others) / mean(lnpop);
    const withPop = ex.map((v, k) => v + gPop * lnpop[k]);
    const shift = ybar - mean(withPop);
    return { y: withPop.map((v) => v + shift), gPop };
  }
  const q = outcome("quantity", tauQ, theta.quantity, gam.quantity, 0.1, 0.25, PLANTED.cons.noControls.quantity, PLANTED.cons.controls.quantity, PLANTED.table1.quantity, PLANTED.table1NoControls.quantity);
  const Q = outcome("quality", tauL, theta.quality, gam.quality, 0.17, 0.5, PLANTED.cons.noControls.quality, PLANTED.cons.controls.quality, PLANTED.table1.quality, PLANTED.table1NoControls.quality);
  const scale = (tau: Float64Array, f: number) => tau.map((v) => v * f);
  const qg = outcome("quantity_grant", scale(tauQ, PLANTED.grant.quantity_grant / PLANTED.table1.quantity), 0, gam.quantity, 0.1, 0.3, -0.03, -2.742, PLANTED.grant.quantity_grant, PLANTED.grant.quantity_grant + bq);
  const Qg = outcome("quality_grant", scale(tauL, PLANTED.grant.quality_grant / PLANTED.table1.quality), 0, gam.quality, 0.1, 0.3, -0.03, -1.816, PLANTED.grant.quality_grant, PLANTED.grant.quality_grant + bQ);
  // ---- mediators ----
  const med = (delta: number, lev: number, cityS: number, trend: number, sd: number, gx: Record<string, number>) => {
    const cf = Float64Array.from({ length: NC }, (_, i) => lev + cityS * (cityLev[i] + nz(0.5)));
    return rows.map((r, k) => cf[r.c] + trend * r.t + delta * reform[k] + Object.entries(gx).reduce((s, [v, c]) => s + c * (X as any)[v][k], 0) + rng.normal(0, sd * ns));
  };
  const M = PLANTED.mediators;
  const research = med(M.research, -60, 8, 0.9, 9, { pgdp: 2, lnpop: -4, lnstu: 3 });
  const start = med(M.start, 1.5, 0.8, 0.06, 0.55, { pgdp: 0.05, lnpop: -0.1 });
  const finance = med(M.finance, -40, 8, 14, 4.5, { pgdp: 1.5, lnpop: 2, lnstu: 1 });
  const digital = med(M.digital, 0.1, 0.04, 0.01, 0.024, { pgdp: 0.004, lnstu: 0.005 });
  const information = med(M.information, 0.01, 0.004, 0.0004, 0.006, { pgdp: 0.0004, lnstu: 0.0003 });
  const dropTo = (v: number[], target: number, from: number) => {
    const out = v.map((x, k) => (year[k] >= from ? x : NaN));
    const avail = out.map((x, k) => k).filter((k) => !Number.isNaN(out[k]));
    const perm = rng.permutation(avail.length);
    for (let j = 0; j < avail.length - target; j++) out[avail[perm[j]]] = NaN;
    return out;
  };
  // the drawn finance is still drawn and thinned (so later draws keep their values), then replaced by the real index
  const financeDrawn = dropTo(finance, PLANTED.mediatorObs.finance, 2011);
  const financeReal = o.realFinance
    ? rows.map((r, k) => (year[k] >= 2011 ? o.realFinance!.get(`${code[r.c]}|${year[k]}`) ?? NaN : NaN)) : undefined;
  const columns = {
    city: rowCity,
    adcode: rows.map((r) => code[r.c]),
    year,
    region: rows.map((r) => region[r.c]),
    size: rows.map((r) => size[r.c]),
    municipality: rows.map((r) => muni[r.c]),
    cohort: rows.map((r) => cohort[r.c]),
    reform,
    demonstrate,
    quantity: q.y,
    quality: Q.y,
    quantity_grant: qg.y,
    quality_grant: Qg.y,
    ...X,
    pgdp_real: Array.from(pgdpFill.real),
    research,
    start: dropTo(start, M && PLANTED.mediatorObs.start, 2003),
    finance: financeReal ?? financeDrawn,
    digital: dropTo(digital, PLANTED.mediatorObs.digital, 2011),
    information: dropTo(information, PLANTED.mediatorObs.information, 2003),
  };
  const nFinance = financeReal ? financeReal.filter((v) => !Number.isNaN(v)).length : 0;
  return {
    panel: columns,
    planted: plantedByFit(Boolean(financeReal)),
    pgdpRows: { real: pgdpFill.nReal, filled: pgdpFill.nFilled, drawn: pgdpFill.nDrawn },
    financeRows: financeReal ? { real: nFinance, empty: rows.filter((_, k) => year[k] >= 2011).length - nFinance } : undefined,
    truth: { tauQuantity: tauQ, tauQuality: tauL, theta, piPgdp, deltaLnstu: dStu, gamma: gam, gammaLnpop: { quantity: q.gPop, quality: Q.gPop }, demoYear: DEMO_YEAR, nCities: NC, nRows: n },
  };
}

/**
 * The planted coefficients keyed "fit id|term" as the notebook names its fits (t1-2 = Table 1 (2), ...); Table 5
 * and 6 columns run quantity (1)–(3) then quality (4)–(6) over the groups in printed order.
 */
export function plantedByFit(financeReal = false): Record<string, number> {
  const P = PLANTED, out: Record<string, number> = {
    "t1-2|reform": P.table1.quantity, "t1-4|reform": P.table1.quality,
    "t1-1|reform": P.table1NoControls.quantity, "t1-3|reform": P.table1NoControls.quality,
    "t2-1|reform": P.grant.quantity_grant, "t2-2|reform": P.grant.quality_grant,
    "t2-3|demonstrate": P.demonstrate.quantity, "t2-4|demonstrate": P.demonstrate.quality,
  };
  // a real finance series cannot carry a planted effect of the synthetic pilots: Table 4 (3) is then not planted
  Object.values(P.mediators).forEach((v, j) => { if (!(financeReal && j === 2)) out[`t4-${j + 1}|reform`] = v; });
  (["quantity", "quality"] as const).forEach((y, a) => {
    Object.values(P.region[y]).forEach((v, b) => (out[`t5-${a * 3 + b + 1}|reform`] = v));
    Object.values(P.size[y]).forEach((v, b) => (out[`t6-${a * 3 + b + 1}|reform`] = v));
  });
  return out;
}

/** The generator contract of the study kit. */
export const studyGenerator: StudyGenerator<GenOptions, ReturnType<typeof generate>["truth"]> = { generate };

/** The notebook's panel parameters: the seed and noise of the draw and the two real series ("synthetic" draws them). */
export interface PanelParams { seed: number; noiseScale: number; ramp: number; pgdpSource: string; financeSource: string }

const REASON_SYNTHETIC: Record<string, string> = {
  cohort: "synthetic: drawn pilot cities and batches (the MIIT pilot lists are not used here); real cities, synthetic assignment",
  reform: "synthetic: from the drawn pilot list (cohort)",
  demonstrate: "synthetic: drawn demonstration cities from 2017 (the paper gives neither list nor dates)",
  quantity: "synthetic: CNRDS digital patent counts are not public", quality: "synthetic: as quantity",
  quantity_grant: "synthetic: as quantity", quality_grant: "synthetic: as quantity",
  fiscal: "synthetic: the public files hold fiscal revenue; the paper's is expenditure / GDP (transfers make them differ)",
  lnpop: "synthetic: the public pop is the total registered population; the paper's is the urban registered (城镇户籍) one",
  industry: "synthetic: no public city series of secondary-industry employment shares",
  lnstu: "synthetic: no public city series of college enrolment (the 287-city panel counts primary and secondary pupils)",
  research: "synthetic: no public city series of patent grants per person",
  start: "synthetic: firm registrations (白俊红等 2022) are not public",
  digital: "synthetic: the composite index of 赵涛等 (2020) needs series not public here",
  information: "synthetic: no public city series of employment in information transmission and software",
};

/**
 * The hybrid panel: real city labels (sample.ts), real per-capita GDP and the real PKU index where the public files
 * cover the city and year, everything else drawn conditional on them; with the provenance of each variable.
 */
export async function synthesize(p: PanelParams) {
  const sample = await sampleCities(p.seed);
  const years = Array.from({ length: 21 }, (_, t) => 2003 + t);
  let realPgdp: Map<string, number> | undefined;
  if (p.pgdpSource !== "synthetic") {
    const econ = (await realSeries(p.pgdpSource, "adcode", "gdppc")).values;
    realPgdp = new Map();
    for (const c of sample.cities) for (const y of years) {
      const v = econ.get(`${c.code2018}|${y}`);
      if (v !== undefined) realPgdp.set(`${c.code}|${y}`, v);
    }
  }
  const realFinance = p.financeSource === "synthetic" ? undefined
    : (await realSeries(p.financeSource, "adcode", "index_aggregate")).values;
  const g = generate({ seed: p.seed, noiseScale: p.noiseScale, ramp: p.ramp, cities: sample.cities, realPgdp, realFinance });
  const pgdpYears = realPgdp ? [...realPgdp.keys()].map((k) => Number(k.split("|")[1])) : [];
  const pr = g.pgdpRows, fr = g.financeRows;
  const provenance: Record<string, string> = {
    city: `real labels: ${sample.cities.length} prefecture-level cities (PKU index city list, 2014 codes) by sample.ts's rule; the paper lists none`,
    adcode: "real: 2014 prefecture code of the city label",
    year: "the paper's 2003–2023; which early years a non-pilot city lacks is synthetic (calibrated to the printed Ns)",
    region: "real: the city's province, east / central / west as 吴一平等 (2010)",
    size: "real rank: 2010 census population within the region fills the calibrated cell counts (not the 2014 standard)",
    municipality: `real: ${Object.values(MUNICIPALITIES).join(", ")}`,
    pgdp: realPgdp ? `real for ${pr.real} city-years (${p.pgdpSource}, gdppc = GDP / registered population, 10⁴ yuan, `
      + `${Math.min(...pgdpYears)}–${Math.max(...pgdpYears)}); filled for ${pr.filled} (the city's drawn path scaled from its `
      + `nearest real year: the years after its last real one, and gaps); synthetic for ${pr.drawn} (the four municipalities are not in the file)`
      : "synthetic (pgdpSource = \"synthetic\")",
    pgdp_real: "1 = pgdp is the public value, 0 = filled or synthetic",
    finance: fr ? `real: PKU-IDF index_aggregate (${p.financeSource}) for ${fr.real} city-years 2011–2023; ${fr.empty} rows `
      + "from 2011 have no value and stay empty; none before 2011, as in the paper" : "synthetic (financeSource = \"synthetic\")",
  };
  for (const [k, why] of Object.entries(REASON_SYNTHETIC)) provenance[k] = why;
  // the real index over the sample's cities and the paper's finance years, whatever rows the draw keeps
  const financeCoverage = realFinance ? { have: sample.cities.reduce((s, c) => s + years.filter((y) => y >= 2011
    && realFinance.has(`${c.code}|${y}`)).length, 0), of: sample.cities.length * 13 } : undefined;
  return { ...g, provenance, sample, financeCoverage };
}

/** The notebook's own panel for `regionlab template` (drawn with the parameters the notebook declares). */
export async function templateData(p: Record<string, unknown>) {
  return { panel: (await synthesize({ seed: Number(p.seed), noiseScale: Number(p.noiseScale), ramp: Number(p.ramp),
    pgdpSource: String(p.pgdpSource ?? "synthetic"), financeSource: String(p.financeSource ?? "synthetic") })).panel };
}
