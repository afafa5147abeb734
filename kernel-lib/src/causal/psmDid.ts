/**
 * PSM-DID: match treated and control observations on a propensity score (pooled over all periods, or period
 * by period as papers' "逐年匹配"), keep the matched observations (weight > 0; unmatched dropped, as the usual
 * `psmatch2 ... ; reghdfe ... if _weight != .`), then two-way FE DID on that sample. The score's treatment is
 * the ever-treated group indicator (`group`), the DID's the post-adoption indicator (`treatment` or `cohort`).
 */
import { PanelData } from "../panel";
import { BalanceRow, balanceTable } from "./balance";
import { DidResult, twfeDid } from "./did";
import { ModelResult, withResult } from "../core/result";
import { MatchOptions, matchScores } from "./matching";
import { Link, pscore } from "./pscore";
import { StaggerSpec, VcovChoice, stagger } from "./util";

export interface PsmDidOptions extends StaggerSpec, VcovChoice, MatchOptions {
  y: string;
  /** Covariates of the score (and of the DID unless didCovariates is given). */
  covariates: string[];
  didCovariates?: string[];
  link?: Link;
  by?: "pooled" | "period";
}

export interface PsmDidResult extends ModelResult {
  did: DidResult;
  matched_rows: number;
  dropped_rows: number;
  balance: BalanceRow[];
}

export function psmDid(data: PanelData, opts: PsmDidOptions): PsmDidResult {
  const s = stagger(data, opts);
  const t = s.table;
  const everTreated = Float64Array.from(s.cohortOfRow, (g) => (g > 0 ? 1 : 0));
  const base = t.with("__psm_group", everTreated);
  const weights = new Float64Array(t.nRows);
  const cells: boolean[][] = opts.by === "period" ? s.times.map((tt) => Array.from(s.time, (v) => v === tt)) : [Array.from(s.time, () => true)];
  for (const sel of cells) {
    const idx: number[] = [];
    sel.forEach((b, i) => b && idx.push(i));
    const sub = base.take(idx);
    const ps = pscore(sub, { treatment: "__psm_group", covariates: opts.covariates, link: opts.link });
    const m = matchScores(ps.score, ps.treat, opts);
    idx.forEach((i, a) => (weights[i] = m.weights[a]));
  }
  const keep: number[] = [];
  for (let i = 0; i < t.nRows; i++) if (weights[i] > 0) keep.push(i);
  const matched = t.take(keep);
  const did = twfeDid(matched, { ...opts, covariates: opts.didCovariates ?? opts.covariates });
  const cols: Record<string, Float64Array> = {};
  for (const c of opts.covariates) cols[c] = t.num(c);
  const res = { did, matched_rows: keep.length, dropped_rows: t.nRows - keep.length, balance: balanceTable(cols, everTreated, weights) };
  return withResult(res, (r) => ({
    title: `PSM-DID: ${r.did.fit.formula}`,
    header: () => [`Observations: ${r.did.nobs} (${r.matched_rows} rows kept after matching, ${r.dropped_rows} dropped)`, `Standard errors: ${r.did.fit.inference()}`],
    tidy: () => r.did.tidy(),
    glance: () => ({ ...r.did.glance(), matched_rows: r.matched_rows, dropped_rows: r.dropped_rows }),
    notes: () => r.did.fit.messages,
  }));
}
