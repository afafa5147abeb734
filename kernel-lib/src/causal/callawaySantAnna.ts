/**
 * Callaway & Sant'Anna (2021) group-time average treatment effects for staggered adoption (balanced panel).
 *
 * ATT(g,t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], base period b = g − 1 for t ≥ g and b = t − 1 for t < g
 * (the did package's default "varying" base), comparison C = never treated, or not yet treated by max(t, b)
 * (excluding g). Without covariates every estimator is the simple 2×2 DID. With (time-invariant; first-period
 * values used) covariates X:
 *   "reg"  outcome regression: mean over g of ΔY − X'β̂, β̂ from OLS of ΔY on [1, X] in C (DRDID reg_did_panel);
 *   "ipw"  normalised (Hájek) inverse probability weighting with a logit score for G = g vs C on [1, X]
 *          (std_ipw_did_panel);
 *   "dr"   doubly robust (Sant'Anna & Zhao 2020, drdid_panel): IPW of ΔY − m̂₀(X).
 * Aggregations as did::aggte: "simple" (post cells weighted by group shares), "dynamic" (by event time
 * e = t − g; overall = mean over e ≥ 0), "group" (per group the mean over its post periods; overall weighted
 * by group shares), "calendar" (per t over groups already treated; overall = mean over t). Standard errors
 * from the influence functions (with the did package's term for estimated group shares); uniform bands by the
 * multiplier bootstrap (Rademacher weights, seeded, sup-t critical value, bootstrap SE from the IQR).
 * Analytic SEs and bands are implemented for the unconditional estimator; with covariates the point
 * estimates are exact and the SEs are reported as NaN (not implemented yet).
 */
import { Figure } from "../display/figure";
import { PanelData } from "../panel/design";
import { crossprod, crossvec, invSPD, matVec } from "../core/linalg";
import { createRng } from "../rng";
import { eventStudyFigure, zCrit } from "./eventStudy";
import { binaryGlm } from "./pscore";
import { StaggerSpec, quantile, stagger, wide } from "./util";

export interface CsOptions extends StaggerSpec {
  y: string;
  control?: "never" | "notyet";
  estimator?: "reg" | "ipw" | "dr";
  covariates?: string[];
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
  conf_low?: number;
  conf_high?: number;
}

export interface AggRow {
  key: number;
  att: number;
  std_error: number;
  conf_low?: number;
  conf_high?: number;
}

export interface Aggregation {
  type: "simple" | "dynamic" | "group" | "calendar";
  overall: number;
  overall_se: number;
  by: AggRow[];
}

export interface CsResult {
  cells: GtCell[];
  simple: Aggregation;
  dynamic: Aggregation;
  group: Aggregation;
  calendar: Aggregation;
  n_units: number;
  critical_value?: number;
  figure(title?: string): Figure;
}

export function callawaySantAnna(data: PanelData, opts: CsOptions): CsResult {
  const s = stagger(data, opts);
  const N = s.units.length;
  const Y = wide(s, s.table.num(opts.y), "callawaySantAnna");
  const times = s.times;
  const G = s.cohortOfUnit;
  const groups = [...new Set(G)].filter((g) => g > 0 && g > times[0]).sort((a, b) => a - b);
  const covs = opts.covariates ?? [];
  const hasX = covs.length > 0;
  const Xfirst = covs.map((c) => {
    const w = wide(s, s.table.num(c), "callawaySantAnna covariates");
    return Float64Array.from(w, (r) => r[0]);
  });
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
      const psi = new Float64Array(N).fill(NaN);
      if (!hasX) {
        const m1 = s1 / n1, m0 = s0 / n0;
        att = m1 - m0;
        const p1 = n1 / N, p0 = n0 / N;
        for (let i = 0; i < N; i++) psi[i] = (D[i] ? (dy[i] - m1) / p1 : 0) - (C[i] ? (dy[i] - m0) / p0 : 0);
      } else {
        const k = covs.length + 1;
        const row = (i: number) => [1, ...Xfirst.map((x) => x[i])];
        let m0x: Float64Array | undefined;
        if (est === "reg" || est === "dr") {
          const idx: number[] = [];
          for (let i = 0; i < N; i++) if (C[i]) idx.push(i);
          const Xc = [Float64Array.from(idx, () => 1), ...Xfirst.map((x) => Float64Array.from(idx, (i) => x[i]))];
          const beta = matVec(invSPD(crossprod(Xc), k, "outcome regression X'X"), k, crossvec(Xc, Float64Array.from(idx, (i) => dy[i])));
          m0x = Float64Array.from({ length: N }, (_, i) => row(i).reduce((a, v, j) => a + v * beta[j], 0));
        }
        if (est === "reg") {
          let a = 0;
          for (let i = 0; i < N; i++) if (D[i]) a += dy[i] - m0x![i];
          att = a / n1;
        } else {
          const idx: number[] = [];
          for (let i = 0; i < N; i++) if (D[i] || C[i]) idx.push(i);
          const Xs = [Float64Array.from(idx, () => 1), ...Xfirst.map((x) => Float64Array.from(idx, (i) => x[i]))];
          const fit = binaryGlm(Float64Array.from(idx, (i) => D[i]), Xs, "logit");
          const ps = new Float64Array(N);
          idx.forEach((i, a) => (ps[i] = fit.mu[a]));
          const r = (i: number) => (est === "dr" ? dy[i] - m0x![i] : dy[i]);
          let a1 = 0, w0 = 0, a0 = 0;
          for (let i = 0; i < N; i++) {
            if (D[i]) a1 += r(i);
            if (C[i]) {
              const w = ps[i] / (1 - ps[i]);
              w0 += w;
              a0 += w * r(i);
            }
          }
          att = a1 / n1 - a0 / w0;
        }
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
  // simple
  const sAgg = wagg(ks((c) => c.time >= c.group));
  const simple: Aggregation = { type: "simple", overall: sAgg.est, overall_se: sef(sAgg.inf), by: [] };
  // dynamic
  const es = [...new Set(cells.map((c) => c.time - c.group))].sort((a, b) => a - b);
  const dynInf: Float64Array[] = [];
  const dynRows: AggRow[] = es.map((e) => {
    const a = wagg(ks((c) => c.time - c.group === e));
    dynInf.push(a.inf);
    return { key: e, att: a.est, std_error: sef(a.inf) };
  });
  const postE = es.map((e, j) => (e >= 0 ? j : -1)).filter((j) => j >= 0);
  const dynamic: Aggregation = { type: "dynamic", overall: postE.reduce((a, j) => a + dynRows[j].att, 0) / postE.length, overall_se: sef(meanInf(postE.map((j) => dynInf[j]))), by: dynRows };
  // group
  const gInf: Float64Array[] = [];
  const gRows: AggRow[] = groups.map((g) => {
    const k = ks((c) => c.group === g && c.time >= g);
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
  const res: CsResult = { cells, simple, dynamic, group, calendar, n_units: N, figure: (title = "Callaway–Sant'Anna event study") => eventStudyFigure(dynamic.by.map((r) => ({ rel_time: r.key, estimate: r.att, conf_low: r.conf_low ?? r.att - zCrit(level) * r.std_error, conf_high: r.conf_high ?? r.att + zCrit(level) * r.std_error })), title, level) };
  if (opts.bootstrap && !hasX) {
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
    cells.forEach((c, k) => ((c.conf_low = cb.lo[k]), (c.conf_high = cb.hi[k])));
    res.critical_value = cb.crit;
    const db = bands(dynInf, dynRows.map((r) => r.att));
    dynRows.forEach((r, k) => ((r.conf_low = db.lo[k]), (r.conf_high = db.hi[k])));
  }
  return res;
}
