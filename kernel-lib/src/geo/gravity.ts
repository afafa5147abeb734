/**
 * Gravity flows T_ij = k · M_i^α · M_j^β / d_ij^γ between places (distance by the paper's formula (1)–(2)),
 * and a log-linear least-squares fit of (ln k, α, β, γ) to observed positive flows.
 */
import { crossprodDense, crossvecDense, fromRows, matvecDense, solveLU, toRows } from "../core/linalg";
import { GeoPoint, greatCircleKm } from "./greatCircle";

export interface GravityParams {
  k?: number;
  alpha?: number;
  beta?: number;
  /** Distance decay exponent (default 2). */
  gamma?: number;
  /** Distances below this (km) are raised to it, so neighbouring points do not explode (default 1). */
  minDistance?: number;
}

export interface GravityFlow {
  source: string;
  target: string;
  distance: number;
  flow: number;
}

export function gravityFlows(points: readonly (GeoPoint & { mass: number })[], p: GravityParams = {}): GravityFlow[] {
  const { k = 1, alpha = 1, beta = 1, gamma = 2, minDistance = 1 } = p;
  const out: GravityFlow[] = [];
  for (const a of points) for (const b of points) {
    if (a === b) continue;
    if (!(a.mass >= 0) || !(b.mass >= 0)) throw new RangeError(`gravity: masses must be ≥ 0 (${a.id}: ${a.mass}, ${b.id}: ${b.mass})`);
    const d = greatCircleKm(a.lon, a.lat, b.lon, b.lat);
    out.push({ source: a.id, target: b.id, distance: d, flow: (k * a.mass ** alpha * b.mass ** beta) / Math.max(d, minDistance) ** gamma });
  }
  return out;
}

export interface GravityFit {
  k: number;
  alpha: number;
  beta: number;
  gamma: number;
  n: number;
  r2: number;
}

/** OLS of ln T = ln k + α ln M_i + β ln M_j − γ ln d over observations with T, M, d > 0. */
export function fitGravity(obs: readonly { flow: number; massSource: number; massTarget: number; distance: number }[]): GravityFit {
  const rows = obs.filter((o) => o.flow > 0 && o.massSource > 0 && o.massTarget > 0 && o.distance > 0);
  if (rows.length < 5) throw new RangeError(`fitGravity: need at least 5 positive observations, got ${rows.length}`);
  const X = fromRows(rows.map((o) => [1, Math.log(o.massSource), Math.log(o.massTarget), -Math.log(o.distance)]));
  const ys = rows.map((o) => Math.log(o.flow));
  const b = solveLU(toRows(crossprodDense(X)), Array.from(crossvecDense(X, ys)));
  const fitted = matvecDense(X, b);
  const ym = ys.reduce((a, v) => a + v, 0) / ys.length;
  let sse = 0, sst = 0;
  ys.forEach((v, i) => {
    sse += (v - fitted[i]) ** 2;
    sst += (v - ym) ** 2;
  });
  return { k: Math.exp(b[0]), alpha: b[1], beta: b[2], gamma: b[3], n: rows.length, r2: sst > 0 ? 1 - sse / sst : NaN };
}
