/**
 * Shared pieces of the causal engine: the staggered-adoption structure of a panel (unit, time, adoption
 * cohort per unit), dummy columns, and small numeric helpers.
 */
import { DataError } from "../data/errors";
import { Table } from "../data/table";
import { PanelData, asTable } from "../panel";
import { FeolsOptions } from "../panel";
import { Preset, PresetName, VcovSpec, cluster as clusterSpec } from "../panel";

export interface StaggerSpec {
  id: string;
  time: string;
  /** 0/1 treatment indicator (absorbing); the cohort is the first period it is 1. */
  treatment?: string;
  /** Adoption period per row (0, NaN or empty = never treated). Either this or `treatment`. */
  cohort?: string;
}

export interface Stagger {
  table: Table;
  /** Unit code per row (0-based, sorted unit labels). */
  unit: Int32Array;
  units: string[];
  /** Time value per row. */
  time: Float64Array;
  times: number[];
  /** Adoption period per unit (0 = never treated). */
  cohortOfUnit: Float64Array;
  /** Adoption period per row (0 = never). */
  cohortOfRow: Float64Array;
  /** 0/1 treatment per row (post-adoption). */
  D: Float64Array;
}

/** Read the staggered structure; checks the treatment is absorbing and constant cohorts within unit. */
export function stagger(data: PanelData, spec: StaggerSpec): Stagger {
  const table = asTable(data);
  if (!spec.treatment && !spec.cohort) throw new Error("causal: give `treatment` (0/1 column) or `cohort` (adoption period column)");
  const ids = table.str(spec.id);
  const time = table.num(spec.time);
  const units = [...new Set(ids)];
  const allNum = units.every((u) => u !== "" && !Number.isNaN(Number(u)));
  units.sort(allNum ? (a, b) => Number(a) - Number(b) : undefined);
  const uIndex = new Map(units.map((u, i) => [u, i]));
  const unit = Int32Array.from(ids, (u) => uIndex.get(u)!);
  const times = [...new Set(time)].sort((a, b) => a - b);
  const cohortOfUnit = new Float64Array(units.length).fill(Infinity);
  if (spec.cohort) {
    const c = table.num(spec.cohort);
    const seen = new Float64Array(units.length).fill(NaN);
    for (let i = 0; i < c.length; i++) {
      const v = Number.isNaN(c[i]) ? 0 : c[i];
      const u = unit[i];
      if (!Number.isNaN(seen[u]) && seen[u] !== v) throw table.cellError(i, spec.cohort, String(c[i]), `one adoption period per unit (unit ${units[u]} also has ${seen[u]})`);
      seen[u] = v;
    }
    for (let u = 0; u < units.length; u++) cohortOfUnit[u] = seen[u];
  } else {
    const d = table.num(spec.treatment!);
    for (let i = 0; i < d.length; i++) {
      if (d[i] !== 0 && d[i] !== 1) throw table.cellError(i, spec.treatment!, String(d[i]), "0 or 1");
      if (d[i] === 1 && time[i] < cohortOfUnit[unit[i]]) cohortOfUnit[unit[i]] = time[i];
    }
    for (let i = 0; i < d.length; i++) {
      const g = cohortOfUnit[unit[i]];
      if (d[i] === 0 && time[i] >= g) throw table.cellError(i, spec.treatment!, "0", `1 (treatment must be absorbing: unit ${units[unit[i]]} was treated from ${g})`);
    }
    for (let u = 0; u < units.length; u++) if (!Number.isFinite(cohortOfUnit[u])) cohortOfUnit[u] = 0;
  }
  const cohortOfRow = Float64Array.from(unit, (u) => cohortOfUnit[u]);
  const D = Float64Array.from(time, (t, i) => (cohortOfRow[i] > 0 && t >= cohortOfRow[i] ? 1 : 0));
  return { table, unit, units, time, times, cohortOfUnit, cohortOfRow, D };
}

/** A balanced wide matrix (unit × time) of a column; throws if the panel is unbalanced. */
export function wide(s: Stagger, values: Float64Array, what: string): Float64Array[] {
  const T = s.times.length;
  const tIndex = new Map(s.times.map((t, j) => [t, j]));
  const out = s.units.map(() => new Float64Array(T).fill(NaN));
  for (let i = 0; i < values.length; i++) out[s.unit[i]][tIndex.get(s.time[i])!] = values[i];
  for (let u = 0; u < out.length; u++)
    for (let j = 0; j < T; j++)
      if (Number.isNaN(out[u][j])) throw new Error(`${what}: needs a balanced panel without missing values; unit ${s.units[u]} has none at ${s.times[j]}`);
  return out;
}

export interface VcovChoice {
  /** Cluster variable (default the unit id). */
  cluster?: string | string[];
  /** Explicit vcov (overrides cluster). */
  vcov?: VcovSpec | string;
  /** Small-sample conventions (default "stata.reghdfe" like the panel engine). */
  preset?: Preset | PresetName;
}

export function feolsOpts(v: VcovChoice, id: string, time: string, level?: number): FeolsOptions {
  const by = v.cluster ?? id;
  return { vcov: v.vcov ?? clusterSpec(...(Array.isArray(by) ? by : [by])), preset: v.preset ?? "stata.reghdfe", id, time, level };
}

export const relName = (e: number): string => (e < 0 ? `m${-e}` : `p${e}`);

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Quantile by R's type 7. */
export function quantile(x: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(x).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
