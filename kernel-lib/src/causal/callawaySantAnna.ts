/**
 * Callaway & Sant'Anna (2021) group-time average treatment effects for staggered adoption (balanced panel),
 * following R's did 2.1 (att_gt, aggte) with DRDID's panel estimators.
 *
 * ATT(g,t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], base period b = g − 1 for t ≥ g and b = t − 1 for t < g
 * (the did package's default "varying" base), comparison C = never treated, or not yet treated by max(t, b)
 * (excluding g). Without covariates every estimator is the simple 2×2 DID. With covariates X (values of the
 * base period b, as did takes them) on the units of g and C:
 *   "reg"  outcome regression: mean over g of ΔY − X'β̂, β̂ from OLS of ΔY on [1, X] in C (DRDID reg_did_panel);
 *   "ipw"  normalised (Hájek) inverse probability weighting with a logit score for G = g vs C on [1, X]
 *          (std_ipw_did_panel);
 *   "dr"   doubly robust (Sant'Anna & Zhao 2020, drdid_panel): IPW of ΔY − m̂₀(X).
 * Each cell's influence function includes the estimation effect of β̂ and of the logit (DRDID's formulas);
 * SE = √(Σψ²)/N. Aggregations as did::aggte: "simple" (post cells weighted by group shares), "dynamic" (by event
 * time e = t − g; overall = mean over e ≥ 0), "group" (per group the mean over its post periods; overall weighted
 * by group shares), "calendar" (per t over groups already treated; overall = mean over t), with did's term for
 * the estimated group shares. `balanceE`, `minE`, `maxE` are aggte's balance_e, min_e, max_e. The pre-test of
 * parallel trends is did's Wald test that all pre-treatment ATT(g,t) are zero (the one summary(att_gt) prints).
 * Uniform bands and bootstrap SEs by the multiplier bootstrap (Rademacher weights, seeded, sup-t critical value,
 * SE from the IQR).
 */
import { Figure } from "../display/figure";
import { PanelData } from "../panel";
import { crossprod, crossvec, inv, invSPD, matVec, symEigenvalues } from "../core/linalg";
import { chiSquaredUpper } from "../core/distributions";
import { createRng } from "../rng";
import { eventStudyFigure, zCrit } from "./eventStudy";
import { binaryGlm } from "./pscore";
import { StaggerSpec, quantile, stagger, wide } from "./util";

export interface CsOptions extends StaggerSpec {
  y: string;
  control?: "never" | "notyet";
  estimator?: "reg" | "ipw" | "dr";
  covariates?: string[];
  /** aggte's balance_e: event-time aggregation only over groups observed at least this many periods after adoption. */
  balanceE?: number;
  /** aggte's min_e / max_e: event times kept in the dynamic aggregation (max_e also bounds simple and group). */
  minE?: number;
  maxE?: number;
  /** Multiplier bootstrap draws (0 = none). */
  bootstrap?: number;
  seed?: number;
  level?: number;
}

export interface GtCell {
  group: number;
  time: number;
  att: number;
  std_error: number;
  /** Multiplier-bootstrap SE (IQR / (z.75 − z.25)), when `bootstrap` is set. */
  boot_se?: number;
  conf_low?: number;
  conf_high?: number;
}

export interface AggRow {
  key: number;
  att: number;
  std_error: number;
  boot_se?: number;
  conf_low?: number;
  conf_high?: number;
}

export interface Aggregation {
  type: "simple" | "dynamic" | "group" | "calendar";
  overall: number;
  overall_se: number;
  by: AggRow[];
}

/** did's Wald pre-test: W = N·a'V⁻¹a over the pre-treatment cells (group > time), χ²(df). */
export interface CsPretest {
  statistic: number | null;
  df: number;
  p_value: number | null;
  /** Why no statistic (no pre-treatment cell, or a singular covariance). */
  note?: string;
}

export interface CsResult {
  cells: GtCell[];
  simple: Aggregation;
  dynamic: Aggregation;
  group: Aggregation;
  calendar: Aggregation;
  pretest: CsPretest;
  n_units: number;
  /** Units already treated in the first period, which did drops (they have no pre-treatment period). */
  dropped_units_treated_first_period: number;
  /** What was computed, in did's terms. */
  convention: { estimator: "reg" | "ipw" | "dr" | "unconditional"; control: "never" | "notyet"; base_period: "varying"; covariates_from: "base period"; balance_e: number | null; min_e: number | null; max_e: number | null };
  critical_value?: number;
  figure(title?: string): Figure;
}

/** A cell's ATT and influence function on its own units (treated D = 1, comparison D = 0), DRDID's panel formulas. */
function cellWithCovariates(dy: Float64Array, D: Uint8Array, X: Float64Array[], est: "reg" | "ipw" | "dr"): { att: number; inf: Float64Array } {
  const n = dy.length;
  const k = X.length;
  const mean = (f: (i: number) => number) => {
    let a = 0;
    for (let i = 0; i < n; i++) a += f(i);
    return a / n;
  };
  const colMeans = (f: (i: number) => number) => X.map((x) => mean((i) => f(i) * x[i]));
  const rowDot = (i: number, m: ArrayLike<number>) => X.reduce((a, x, j) => a + x[i] * m[j], 0);
  // outcome regression on the comparison units; olsRep(m)[i] = unit i's linear representation of β̂,
  // (1 − D)(ΔY − X'β̂)X'(X'X/n)⁻¹, times m
  let out: Float64Array | undefined;
  let olsRep: ((m: number[]) => Float64Array) | undefined;
  if (est !== "ipw") {
    const Xc = X.map((x) => Float64Array.from(x, (v, i) => (D[i] ? 0 : v)));
    const xtxInv = invSPD(crossprod(Xc), k, "outcome regression X'X (comparison units)");
    const beta = matVec(xtxInv, k, crossvec(Xc, dy));
    out = Float64Array.from({ length: n }, (_, i) => rowDot(i, beta));
    const o = out;
    olsRep = (m) => {
      const a = matVec(xtxInv, k, m);
      return Float64Array.from({ length: n }, (_, i) => (D[i] ? 0 : (dy[i] - o[i]) * n * rowDot(i, a)));
    };
  }
  const pD = mean((i) => D[i]);
  if (est === "reg") {
    const o = out!;
    const etaT = mean((i) => D[i] * dy[i]) / pD;
    const etaC = mean((i) => D[i] * o[i]) / pD;
    const M1 = colMeans((i) => D[i]);
    const ols1 = olsRep!(M1);
    const inf = Float64Array.from({ length: n }, (_, i) => (D[i] * (dy[i] - etaT)) / pD - (D[i] * (o[i] - etaC) + ols1[i]) / pD);
    return { att: etaT - etaC, inf };
  }
  const fit = binaryGlm(D, X, "logit", 1e-8, 25, "last-step");
  if (!fit.converged) throw new Error("the propensity logit did not converge in 25 iterations");
  // did's overlap check: a fitted score of 0.999 or more leaves the cell without comparison units
  if (fit.mu.some((p) => p >= 0.999)) throw new Error("the overlap condition is violated (a propensity score >= 0.999; did leaves this ATT(g,t) missing)");
  const ps = Float64Array.from(fit.mu, (p) => Math.min(p, 1 - 1e-16));
  const wc = Float64Array.from(ps, (p, i) => (D[i] ? 0 : p / (1 - p)));
  // the logit's linear representation (D − p)X'·n(X'WX)⁻¹, times m
  const psRep = (m: number[]) => {
    const a = matVec(fit.V, k, m);
    return Float64Array.from({ length: n }, (_, i) => (D[i] - ps[i]) * n * rowDot(i, a));
  };
  const r = est === "dr" ? Float64Array.from(dy, (v, i) => v - out![i]) : dy;
  const pW = mean((i) => wc[i]);
  const etaT = mean((i) => D[i] * r[i]) / pD;
  const etaC = mean((i) => wc[i] * r[i]) / pW;
  const M2 = colMeans((i) => wc[i] * (r[i] - etaC));
  if (est === "ipw") {
    const ps2 = psRep(M2);
    const inf = Float64Array.from({ length: n }, (_, i) => (D[i] * (r[i] - etaT)) / pD - (wc[i] * (r[i] - etaC) + ps2[i]) / pW);
    return { att: etaT - etaC, inf };
  }
  const ols1 = olsRep!(colMeans((i) => D[i]));
  const ols3 = olsRep!(colMeans((i) => wc[i]));
  const ps2 = psRep(M2);
  const inf = Float64Array.from({ length: n }, (_, i) => {
    const treat = (D[i] * (r[i] - etaT) - ols1[i]) / pD;
    const control = (wc[i] * (r[i] - etaC) + ps2[i] - ols3[i]) / pW;
    return treat - control;
  });
  return { att: etaT - etaC, inf };
}

export function callawaySantAnna(data: PanelData, opts: CsOptions): CsResult {
  const s = stagger(data, opts);
  const times = s.times;
  // as did: units treated in the first period are dropped (no pre-period), adoption after the last period
  // counts as never treated
  const keep = s.units.map((_, u) => u).filter((u) => !(s.cohortOfUnit[u] > 0 && s.cohortOfUnit[u] <= times[0]));
  const N = keep.length;
  const Y = pick(wide(s, s.table.num(opts.y), "callawaySantAnna"), keep);
  const lastTime = times[times.length - 1];
  const G = Float64Array.from(keep, (u) => (s.cohortOfUnit[u] > lastTime ? 0 : s.cohortOfUnit[u]));
  const groups = [...new Set(G)].filter((g) => g > 0).sort((a, b) => a - b);
  const covs = opts.covariates ?? [];
  const hasX = covs.length > 0;
  const Xwide = covs.map((c) => pick(wide(s, s.table.num(c), "callawaySantAnna covariates"), keep));
  const control = opts.control ?? "never";
  const est = opts.estimator ?? "dr";
  const tIdx = new Map(times.map((t, j) => [t, j]));
  const cells: GtCell[] = [];
  const infl: Float64Array[] = [];
  for (const g of groups)
    for (const t of times.slice(1)) {
      const b = t >= g ? times[times.indexOf(g) - 1] ?? g - 1 : times[times.indexOf(t) - 1];
      const jb = tIdx.get(b);
      if (jb === undefined) continue;
      const jt = tIdx.get(t)!;
      const dy = Float64Array.from(Y, (r) => r[jt] - r[jb]);
      const D = Uint8Array.from(G, (v) => (v === g ? 1 : 0));
      const C = Uint8Array.from(G, (v) => (control === "never" ? (v === 0 ? 1 : 0) : (v === 0 || v > Math.max(t, b)) && v !== g ? 1 : 0));
      let n1 = 0, n0 = 0, s1 = 0, s0 = 0;
      for (let i = 0; i < N; i++) {
        if (D[i]) (n1++, (s1 += dy[i]));
        if (C[i]) (n0++, (s0 += dy[i]));
      }
      if (!n1 || !n0) continue;
      let att: number;
      const psi = new Float64Array(N);
      if (!hasX) {
        const m1 = s1 / n1, m0 = s0 / n0;
        att = m1 - m0;
        const p1 = n1 / N, p0 = n0 / N;
        for (let i = 0; i < N; i++) psi[i] = (D[i] ? (dy[i] - m1) / p1 : 0) - (C[i] ? (dy[i] - m0) / p0 : 0);
      } else {
        const idx: number[] = [];
        for (let i = 0; i < N; i++) if (D[i] || C[i]) idx.push(i);
        const X = [Float64Array.from(idx, () => 1), ...Xwide.map((w) => Float64Array.from(idx, (i) => w[i][jb]))];
        let c: { att: number; inf: Float64Array };
        try {
          c = cellWithCovariates(Float64Array.from(idx, (i) => dy[i]), Uint8Array.from(idx, (i) => D[i]), X, est);
        } catch (e) {
          throw new Error(`callawaySantAnna (${est}): ATT(g = ${g}, t = ${t}) cannot be estimated: ${(e as Error).message.split("\n")[0]}`);
        }
        att = c.att;
        // did rescales the cell's influence function to the full sample: ψ = (N / n_gC)·ψ_cell, 0 elsewhere
        idx.forEach((i, a) => (psi[i] = (N / idx.length) * c.inf[a]));
      }
      let ss = 0;
      for (let i = 0; i < N; i++) ss += psi[i] * psi[i];
      cells.push({ group: g, time: t, att, std_error: Math.sqrt(ss) / N });
      infl.push(psi);
    }
  const pgOf = new Map(groups.map((g) => [g, G.reduce((a, v) => a + (v === g ? 1 : 0), 0) / N]));
  const sef = (inf: Float64Array) => {
    let ss = 0;
    for (const v of inf) ss += v * v;
    return Math.sqrt(ss) / N;
  };
  const wagg = (ks: number[]): { est: number; inf: Float64Array } => {
    const pg = ks.map((k) => pgOf.get(cells[k].group)!);
    const S = pg.reduce((a, b) => a + b, 0);
    const w = pg.map((p) => p / S);
    const est = ks.reduce((a, k, j) => a + w[j] * cells[k].att, 0);
    const inf = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let v = 0;
      let devSum = 0;
      const dev = ks.map((k, j) => (G[i] === cells[k].group ? 1 : 0) - pg[j]);
      for (const d of dev) devSum += d;
      ks.forEach((k, j) => {
        v += w[j] * infl[k][i];
        v += (dev[j] / S - (devSum * pg[j]) / (S * S)) * cells[k].att;
      });
      inf[i] = v;
    }
    return { est, inf };
  };
  const meanInf = (infs: Float64Array[]) => Float64Array.from({ length: N }, (_, i) => infs.reduce((a, f) => a + f[i], 0) / infs.length);
  const ks = (pred: (c: GtCell) => boolean) => cells.map((c, k) => (pred(c) ? k : -1)).filter((k) => k >= 0);
  const maxE = opts.maxE ?? Infinity;
  const minE = opts.minE ?? -Infinity;
  // simple
  const sAgg = wagg(ks((c) => c.time >= c.group && c.time <= c.group + maxE));
  const simple: Aggregation = { type: "simple", overall: sAgg.est, overall_se: sef(sAgg.inf), by: [] };
  // dynamic (aggte's balance_e keeps the groups observed balance_e periods after adoption, and event times
  // within the window every such group covers)
  const lastT = Math.max(...cells.map((c) => c.time));
  const inBalance = (c: GtCell) => opts.balanceE === undefined || lastT - c.group >= opts.balanceE;
  let es = [...new Set(cells.filter(inBalance).map((c) => c.time - c.group))].sort((a, b) => a - b);
  if (opts.balanceE !== undefined) es = es.filter((e) => e <= opts.balanceE! && e >= opts.balanceE! - lastT + times[0]);
  es = es.filter((e) => e >= minE && e <= maxE);
  if (!es.length) throw new Error(`callawaySantAnna: no event time is left for the dynamic aggregation (balance_e ${opts.balanceE ?? "none"}, min_e ${minE}, max_e ${maxE})`);
  const dynInf: Float64Array[] = [];
  const dynRows: AggRow[] = es.map((e) => {
    const a = wagg(ks((c) => c.time - c.group === e && inBalance(c)));
    dynInf.push(a.inf);
    return { key: e, att: a.est, std_error: sef(a.inf) };
  });
  const postE = es.map((e, j) => (e >= 0 ? j : -1)).filter((j) => j >= 0);
  const dynamic: Aggregation = postE.length
    ? { type: "dynamic", overall: postE.reduce((a, j) => a + dynRows[j].att, 0) / postE.length, overall_se: sef(meanInf(postE.map((j) => dynInf[j]))), by: dynRows }
    : { type: "dynamic", overall: NaN, overall_se: NaN, by: dynRows };
  // group
  const gInf: Float64Array[] = [];
  const gRows: AggRow[] = groups.map((g) => {
    const k = ks((c) => c.group === g && c.time >= g && c.time <= g + maxE);
    const inf = meanInf(k.map((q) => infl[q]));
    gInf.push(inf);
    return { key: g, att: k.reduce((a, q) => a + cells[q].att, 0) / k.length, std_error: sef(inf) };
  });
  const pgAll = groups.map((g) => pgOf.get(g)!);
  const Sg = pgAll.reduce((a, b) => a + b, 0);
  const gOverall = gRows.reduce((a, r, j) => a + (pgAll[j] / Sg) * r.att, 0);
  const gOverInf = Float64Array.from({ length: N }, (_, i) => {
    const dev = groups.map((g, j) => (G[i] === g ? 1 : 0) - pgAll[j]);
    const devSum = dev.reduce((a, b) => a + b, 0);
    return groups.reduce((a, _, j) => a + (pgAll[j] / Sg) * gInf[j][i] + (dev[j] / Sg - (devSum * pgAll[j]) / (Sg * Sg)) * gRows[j].att, 0);
  });
  const group: Aggregation = { type: "group", overall: gOverall, overall_se: sef(gOverInf), by: gRows };
  // calendar
  const cInf: Float64Array[] = [];
  const cRows: AggRow[] = times
    .filter((t) => t >= groups[0])
    .map((t) => {
      const a = wagg(ks((c) => c.time === t && c.group <= t));
      cInf.push(a.inf);
      return { key: t, att: a.est, std_error: sef(a.inf) };
    });
  const calendar: Aggregation = { type: "calendar", overall: cRows.reduce((a, r) => a + r.att, 0) / cRows.length, overall_se: sef(meanInf(cInf)), by: cRows };
  const level = opts.level ?? 0.95;
  const res: CsResult = {
    cells,
    simple,
    dynamic,
    group,
    calendar,
    pretest: pretest(cells, infl, N),
    n_units: N,
    dropped_units_treated_first_period: s.units.length - N,
    convention: { estimator: hasX ? est : "unconditional", control, base_period: "varying", covariates_from: "base period", balance_e: opts.balanceE ?? null, min_e: opts.minE ?? null, max_e: opts.maxE ?? null },
    figure: (title = "Callaway–Sant'Anna event study") => eventStudyFigure(dynamic.by.map((r) => ({ rel_time: r.key, estimate: r.att, conf_low: r.conf_low ?? r.att - zCrit(level) * r.std_error, conf_high: r.conf_high ?? r.att + zCrit(level) * r.std_error })), title, level),
  };
  if (opts.bootstrap) {
    if (opts.seed === undefined) throw new Error("callawaySantAnna: bootstrap needs a seed");
    const rng = createRng(opts.seed, "callawaySantAnna(bootstrap)");
    const bands = (infs: Float64Array[], ests: number[]) => {
      const B = opts.bootstrap!;
      const K = infs.length;
      const draws = infs.map(() => new Float64Array(B));
      const v = new Float64Array(N);
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < N; i++) v[i] = rng.uniform() < 0.5 ? -1 : 1;
        for (let k = 0; k < K; k++) {
          let a = 0;
          const f = infs[k];
          for (let i = 0; i < N; i++) a += v[i] * f[i];
          draws[k][b] = a / N;
        }
      }
      const q = zCrit(0.5);
      const se = draws.map((d) => (quantile(d, 0.75) - quantile(d, 0.25)) / (2 * q));
      const maxT = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        let m = 0;
        for (let k = 0; k < K; k++) if (se[k] > 0) m = Math.max(m, Math.abs(draws[k][b]) / se[k]);
        maxT[b] = m;
      }
      const crit = quantile(maxT, level);
      return { se, crit, lo: ests.map((e, k) => e - crit * se[k]), hi: ests.map((e, k) => e + crit * se[k]) };
    };
    const cb = bands(infl, cells.map((c) => c.att));
    cells.forEach((c, k) => ((c.boot_se = cb.se[k]), (c.conf_low = cb.lo[k]), (c.conf_high = cb.hi[k])));
    res.critical_value = cb.crit;
    const db = bands(dynInf, dynRows.map((r) => r.att));
    dynRows.forEach((r, k) => ((r.boot_se = db.se[k]), (r.conf_low = db.lo[k]), (r.conf_high = db.hi[k])));
  }
  return res;
}

const pick = <T>(rows: T[], idx: number[]): T[] => idx.map((u) => rows[u]);

/**
 * did's pre-test of parallel trends: the pre-treatment cells' ATTs a (group > time) and their analytical
 * covariance V = Ψ'Ψ/N², W = a'V⁻¹a ~ χ²(#cells). Like did, no statistic when V is singular (rcond ≤ ε).
 */
function pretest(cells: GtCell[], infl: Float64Array[], N: number): CsPretest {
  const pre = cells.map((c, k) => (c.group > c.time && c.std_error > Math.sqrt(2.220446049250313e-16) * 10 ? k : -1)).filter((k) => k >= 0);
  const q = pre.length;
  if (!q) return { statistic: null, df: 0, p_value: null, note: "no pre-treatment cells to test" };
  const V = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = a; b < q; b++) {
      const fa = infl[pre[a]], fb = infl[pre[b]];
      let s = 0;
      for (let i = 0; i < N; i++) s += fa[i] * fb[i];
      V[a * q + b] = V[b * q + a] = s / (N * N);
    }
  const ev = symEigenvalues(V, q);
  if (!(ev[0] > 2.220446049250313e-16 * ev[q - 1])) return { statistic: null, df: q, p_value: null, note: "singular covariance of the pre-treatment ATT(g,t): no Wald statistic (as did)" };
  const a = pre.map((k) => cells[k].att);
  const w = matVec(inv(V, q, "pre-test covariance"), q, a);
  const W = a.reduce((acc, v, j) => acc + v * w[j], 0);
  return { statistic: W, df: q, p_value: chiSquaredUpper(W, q) };
}
