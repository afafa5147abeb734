/**
 * Productivity indices on a balanced panel.
 *
 * `malmquist` — Färe, Grosskopf, Norris & Zhang (1994) exactly as DEAP 2.1 (Coelli 1996) computes it:
 * adjacent periods t−1, t; radial distance functions expressed as technical efficiencies (output: 1/φ,
 * input: θ); CRS for the index and VRS (same-period only) for the decomposition.
 *   effch  = D_c^t(t) / D_c^{t−1}(t−1)
 *   techch = [ D_c^{t−1}(t)/D_c^t(t) × D_c^{t−1}(t−1)/D_c^t(t−1) ]^{1/2}
 *   pech   = D_v^t(t) / D_v^{t−1}(t−1),  sech = effch / pech,  tfpch = effch × techch
 * `period` of a row is the later period t (DEAP's "year = t"). Summaries are geometric means: by period over
 * DMUs, by DMU over periods, and the overall mean as the geometric mean of the period means (DEAP's "mean").
 * `distances` reproduces DEAP's DISTANCES SUMMARY (CRS TE of period-t data against the t−1, t, t+1
 * frontiers, and VRS TE).
 *
 * `productivityIndex` — the same adjacent/global index algebra on any efficiency measure E (higher = better):
 *   "malmquist" (adjacent, Caves et al./Färe et al.):   M = [E^{t−1}(t)/E^{t−1}(t−1) × E^t(t)/E^t(t−1)]^{1/2}
 *   "ml" (Malmquist–Luenberger, Chung, Färe & Grosskopf 1997): same formula with E = 1/(1 + D⃗) for the
 *        directional distance function D⃗, or E = (super-)SBM score for the SBM-based ML of MaxDEA
 *   "gml" (global ML, Oh 2010) and "global" (global Malmquist, Pastor & Lovell 2005): GM = E^G(t)/E^G(t−1)
 *        against the pooled frontier of all periods.
 *   effch = E^t(t)/E^{t−1}(t−1) (contemporaneous), techch = index / effch (best-practice gap change for the
 *   global indices). Cumulative indices are chained products from the first period (= 1).
 * E per model: radial → TE (1/φ or θ); ddf → 1/(1 + β); sbm → ρ; super-sbm → ρ or δ (run.ts). Cross-period
 * evaluations whose LP is infeasible (e.g. VRS) are flagged (`infeasible: true`, indices null), never dropped.
 */
import { DeaData, DeaInputError, checkData, computeScales, dims } from "./data";
import { LpBackend } from "./lp";
import { Orientation, Rts } from "./models";
import { DeaModelName, DeaOptions, periodIndex, resolveSpec, rowEfficiency } from "./run";
import { ModelResult, pointRow, withResult } from "../core/result";

export interface MalmquistRow {
  dmu: string;
  period: string | number;
  effch: number | null;
  techch: number | null;
  pech: number | null;
  sech: number | null;
  tfpch: number | null;
  infeasible?: boolean;
  /** Chained products from the first period (productivityIndex only). */
  cumulative?: { effch: number | null; techch: number | null; tfpch: number | null };
}

export interface MalmquistMeans {
  effch: number;
  techch: number;
  pech: number;
  sech: number;
  tfpch: number;
}

export interface DeapDistanceRow {
  dmu: string;
  period: string | number;
  crsPrev: number | null;
  crsSame: number;
  crsNext: number | null;
  vrs: number;
}

export interface MalmquistResult {
  results: MalmquistRow[];
  distances: DeapDistanceRow[];
  byPeriod: ({ period: string | number } & MalmquistMeans)[];
  byDmu: ({ dmu: string } & MalmquistMeans)[];
  mean: MalmquistMeans;
}

/** Balanced panel: every DMU once in every period. Returns row index [period][dmu]. */
export function balancedPanel(d: DeaData): { periods: (string | number)[]; dmus: string[]; at: number[][] } {
  if (!d.periods) throw new DeaInputError("malmquist: periods are required");
  const { labels, pos } = periodIndex(d.periods);
  if (labels.length < 2) throw new DeaInputError("malmquist: at least two periods are required");
  const dmus = [...new Set(d.dmus)];
  const dIdx = new Map(dmus.map((u, i) => [u, i] as [string, number]));
  const at = labels.map(() => new Array<number>(dmus.length).fill(-1));
  d.dmus.forEach((u, k) => {
    const cell = at[pos[k]];
    if (cell[dIdx.get(u)!] >= 0) throw new DeaInputError(`malmquist: DMU "${u}" appears twice in period ${labels[pos[k]]}`);
    cell[dIdx.get(u)!] = k;
  });
  labels.forEach((p, t) =>
    at[t].forEach((k, i) => {
      if (k < 0) throw new DeaInputError(`malmquist: unbalanced panel — DMU "${dmus[i]}" has no row in period ${p} (DEAP needs every DMU in every period)`);
    }),
  );
  return { periods: labels, dmus, at };
}

const geo = (v: (number | null)[]) => {
  const ok = v.filter((z): z is number => z !== null && Number.isFinite(z) && z > 0);
  return ok.length ? Math.exp(ok.reduce((a, z) => a + Math.log(z), 0) / ok.length) : NaN;
};

function means(rows: MalmquistRow[]): MalmquistMeans {
  return {
    effch: geo(rows.map((r) => r.effch)),
    techch: geo(rows.map((r) => r.techch)),
    pech: geo(rows.map((r) => r.pech)),
    sech: geo(rows.map((r) => r.sech)),
    tfpch: geo(rows.map((r) => r.tfpch)),
  };
}

export interface MalmquistOptions {
  /** DEAP's orientation (default "output", as EG4). */
  orientation?: "input" | "output";
  backend?: LpBackend;
}

/** DEAP 2.1 Malmquist (see the file comment). */
export function malmquist(d: DeaData, o: MalmquistOptions = {}): MalmquistResult & ModelResult {
  checkData(d);
  if (d.B && dims(d).q > 0) throw new DeaInputError("malmquist: DEAP's Malmquist takes no undesirable outputs; use productivityIndex with index ml or gml");
  const { periods, dmus, at } = balancedPanel(d);
  const sc = computeScales(d);
  const orientation = o.orientation ?? "output";
  const crs = resolveSpec({ model: "radial", rts: "crs", orientation, backend: o.backend, secondStage: false }, sc);
  const vrs = resolveSpec({ model: "radial", rts: "vrs", orientation, backend: o.backend, secondStage: false }, sc);
  const opts: DeaOptions = { model: "radial" };
  const te = (j: number, ref: number[], spec: typeof crs): number | null => rowEfficiency(d, j, ref, spec, sc, opts);
  const T = periods.length;
  const same: number[][] = [], prev: (number | null)[][] = [], next: (number | null)[][] = [], v: number[][] = [];
  for (let t = 0; t < T; t++) {
    same.push(at[t].map((j) => te(j, at[t], crs)!));
    v.push(at[t].map((j) => te(j, at[t], vrs)!));
    prev.push(at[t].map((j) => (t > 0 ? te(j, at[t - 1], crs) : null)));
    next.push(at[t].map((j) => (t < T - 1 ? te(j, at[t + 1], crs) : null)));
  }
  const results: MalmquistRow[] = [];
  for (let t = 1; t < T; t++) {
    dmus.forEach((u, i) => {
      const a = prev[t][i], b = next[t - 1][i];
      const effch = same[t][i] / same[t - 1][i];
      const techch = a === null || b === null ? null : Math.sqrt((a / same[t][i]) * (same[t - 1][i] / b));
      const pech = v[t][i] / v[t - 1][i];
      results.push({ dmu: u, period: periods[t], effch, techch, pech, sech: effch / pech, tfpch: techch === null ? null : effch * techch, ...(techch === null ? { infeasible: true } : {}) });
    });
  }
  const distances: DeapDistanceRow[] = [];
  for (let t = 0; t < T; t++) dmus.forEach((u, i) => distances.push({ dmu: u, period: periods[t], crsPrev: prev[t][i], crsSame: same[t][i], crsNext: next[t][i], vrs: v[t][i] }));
  const byPeriod = periods.slice(1).map((p) => ({ period: p, ...means(results.filter((r) => r.period === p)) }));
  const byDmu = dmus.map((u) => ({ dmu: u, ...means(results.filter((r) => r.dmu === u)) }));
  const mean: MalmquistMeans = {
    effch: geo(byPeriod.map((r) => r.effch)),
    techch: geo(byPeriod.map((r) => r.techch)),
    pech: geo(byPeriod.map((r) => r.pech)),
    sech: geo(byPeriod.map((r) => r.sech)),
    tfpch: geo(byPeriod.map((r) => r.tfpch)),
  };
  const label = `DEAP 2.1 Malmquist, ${orientation}-oriented, CRS distance functions (VRS for pech)`;
  return indexResult({ results, distances, byPeriod, byDmu, mean }, `Malmquist TFP index (${label})`, label, dmus.length, periods.length);
}

/**
 * The ModelResult methods of an index result: tidy() has one row per DMU and period (estimate = tfpch, with its
 * components), glance() the geometric means over periods as DEAP reports them.
 */
function indexResult<R extends { results: MalmquistRow[]; mean: Partial<MalmquistMeans> }>(r: R, title: string, label: string, nDmu: number, nPeriods: number): R & ModelResult {
  return withResult(r, (x) => ({
    title,
    header: () => [
      `${nDmu} DMUs × ${nPeriods} periods: ${x.results.length} DMU-period changes; ${x.results.filter((z) => z.infeasible).length} infeasible`,
      `${label}; deterministic frontier (no standard errors); means are geometric, over periods`,
    ],
    tidy: () => x.results.map((z) => pointRow(`${z.dmu} ${z.period}`, z.tfpch, { dmu: z.dmu, period: z.period, effch: z.effch, techch: z.techch, pech: z.pech, sech: z.sech, infeasible: z.infeasible ?? false })),
    glance: () => ({
      nobs: x.results.length,
      inference: `deterministic index: ${label}; no sampling inference`,
      mean_tfpch: x.mean.tfpch ?? null,
      mean_effch: x.mean.effch ?? null,
      mean_techch: x.mean.techch ?? null,
      mean_pech: x.mean.pech ?? null,
      mean_sech: x.mean.sech ?? null,
      n_infeasible: x.results.filter((z) => z.infeasible).length,
    }),
  }));
}

export type IndexKind = "malmquist" | "ml" | "gml" | "global";

export interface ProductivityOptions {
  index: IndexKind;
  /** Efficiency measure: radial (CRS Malmquist), ddf (ML/GML default of Chung et al. and Oh), sbm, super-sbm. */
  model?: Extract<DeaModelName, "radial" | "ddf" | "sbm" | "super-sbm">;
  rts?: Rts;
  orientation?: Orientation;
  backend?: LpBackend;
  direction?: DeaOptions["direction"];
  badDisposability?: DeaOptions["badDisposability"];
}

export interface ProductivityResult {
  results: MalmquistRow[];
  byPeriod: ({ period: string | number } & Pick<MalmquistMeans, "effch" | "techch" | "tfpch">)[];
  byDmu: ({ dmu: string } & Pick<MalmquistMeans, "effch" | "techch" | "tfpch">)[];
  mean: Pick<MalmquistMeans, "effch" | "techch" | "tfpch">;
  /** Efficiency scores used, per DMU-period: contemporaneous and (global indices) global. */
  scores: { dmu: string; period: string | number; contemporaneous: number | null; global?: number | null }[];
}

/** Malmquist / ML / global Malmquist / global ML on the chosen efficiency measure (see the file comment). */
export function productivityIndex(d: DeaData, o: ProductivityOptions): ProductivityResult & ModelResult {
  checkData(d);
  const { periods, dmus, at } = balancedPanel(d);
  const sc = computeScales(d);
  const model = o.model ?? (o.index === "ml" || o.index === "gml" ? "ddf" : "radial");
  const orientation = o.orientation ?? (model === "radial" ? "output" : "non");
  const dOpts: DeaOptions = { model, rts: o.rts ?? "crs", orientation, backend: o.backend, secondStage: false, direction: o.direction, badDisposability: o.badDisposability };
  const spec = resolveSpec(dOpts, sc);
  const E = (j: number, ref: number[]): number | null => rowEfficiency(d, j, ref, spec, sc, dOpts);
  const T = periods.length;
  const allRows = at.flat();
  const same = at.map((row, t) => row.map((j) => E(j, at[t])));
  const glob = o.index === "gml" || o.index === "global" ? at.map((row) => row.map((j) => E(j, allRows))) : null;
  const results: MalmquistRow[] = [];
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
  for (let t = 1; t < T; t++) {
    dmus.forEach((u, i) => {
      const effch = ratio(same[t][i], same[t - 1][i]);
      let idx: number | null;
      if (glob) idx = ratio(glob[t][i], glob[t - 1][i]);
      else {
        const a = E(at[t][i], at[t - 1]); // E^{t−1}(t)
        const b = E(at[t - 1][i], at[t]); // E^t(t−1)
        const r1 = ratio(a, same[t - 1][i]);
        const r2 = ratio(same[t][i], b);
        idx = r1 === null || r2 === null ? null : Math.sqrt(r1 * r2);
      }
      const techch = ratio(idx, effch);
      const bad = effch === null || idx === null;
      results.push({ dmu: u, period: periods[t], effch, techch, pech: null, sech: null, tfpch: idx, ...(bad ? { infeasible: true } : {}) });
    });
  }
  // cumulative (chained) indices from the first period
  dmus.forEach((u) => {
    let ce: number | null = 1, ct: number | null = 1, cf: number | null = 1;
    for (const r of results.filter((z) => z.dmu === u)) {
      ce = ce === null || r.effch === null ? null : ce * r.effch;
      ct = ct === null || r.techch === null ? null : ct * r.techch;
      cf = cf === null || r.tfpch === null ? null : cf * r.tfpch;
      r.cumulative = { effch: ce, techch: ct, tfpch: cf };
    }
  });
  const m3 = (rows: MalmquistRow[]) => ({ effch: geo(rows.map((r) => r.effch)), techch: geo(rows.map((r) => r.techch)), tfpch: geo(rows.map((r) => r.tfpch)) });
  const byPeriod = periods.slice(1).map((p) => ({ period: p, ...m3(results.filter((r) => r.period === p)) }));
  const byDmu = dmus.map((u) => ({ dmu: u, ...m3(results.filter((r) => r.dmu === u)) }));
  const mean = { effch: geo(byPeriod.map((r) => r.effch)), techch: geo(byPeriod.map((r) => r.techch)), tfpch: geo(byPeriod.map((r) => r.tfpch)) };
  const scores = periods.flatMap((p, t) => dmus.map((u, i) => ({ dmu: u, period: p, contemporaneous: same[t][i], ...(glob ? { global: glob[t][i] } : {}) })));
  const name = { malmquist: "Malmquist", ml: "Malmquist–Luenberger", gml: "global Malmquist–Luenberger", global: "global Malmquist" }[o.index];
  const label = `${name} index on ${model} efficiency, ${dOpts.rts!.toUpperCase()}, ${orientation}-oriented`;
  return indexResult({ results, byPeriod, byDmu, mean, scores }, `Productivity index (${label})`, label, dmus.length, T);
}
