/**
 * Placebo (permutation) tests of the two-way FE DID estimate: treatment is reassigned at random `draws` times
 * with the seeded generator and the model re-estimated.
 *   mode "units": the vector of adoption periods (never treated included) is permuted across units, so the
 *                 number of treated units and the cohort sizes are kept;
 *   mode "dates": the treated units stay treated, each with an adoption period drawn uniformly from the
 *                 observed adoption periods;
 *   mode "both":  units permuted as in "units", then each placebo-treated unit gets a random observed period.
 * Each draw is estimated exactly (Frisch–Waugh: y and the covariates are two-way demeaned once, the placebo
 * indicator per draw), equal to feols on the reassigned data. Reported: the draws, the share with
 * |β*| ≥ |β̂| (two-sided) and β* beyond β̂ in its direction (one-sided), and (1 + #)/(1 + draws).
 */
import { Figure } from "../display/figure";
import { PanelData } from "../panel";
import { crossprod, crossvec, invSPD, matVec } from "../core/linalg";
import { resolveThreads } from "../core/parallel";
import { ProgressCallback } from "../core/progress";
import { assignmentBetas, assignmentCoder } from "./assignments";
import { createRng } from "../rng";
import { didFrame } from "./did";
import { StaggerSpec, VcovChoice, quantile } from "./util";

export interface PlaceboOptions extends StaggerSpec, VcovChoice {
  y: string;
  covariates?: string[];
  mode?: "units" | "dates" | "both";
  draws?: number;
  seed: number;
  /** Threads for the draws (default: the cores; 1 = one thread); the result is identical for any value. */
  threads?: number;
  onProgress?: ProgressCallback;
}

export interface PlaceboResult {
  estimate: number;
  std_error: number;
  draws: Float64Array;
  seed: number;
  mode: string;
  share_beyond_two_sided: number;
  share_beyond_one_sided: number;
  p_value: number;
  mean: number;
  sd: number;
  quantiles: { p025: number; p975: number };
  figure(title?: string): Figure;
}

export function placeboTest(data: PanelData, opts: PlaceboOptions): PlaceboResult {
  const draws = opts.draws ?? 500;
  const mode = opts.mode ?? "units";
  const threads = resolveThreads(opts.threads, "placeboTest");
  const f = didFrame(data, opts);
  const { actual, s, Wt: Xt } = f;
  const k = Xt.length;
  const M = k ? invSPD(crossprod(Xt), k, "covariates") : new Float64Array(0);
  const rng = createRng(opts.seed, `placebo(${mode})`);
  const cohorts = Array.from(s.cohortOfUnit);
  const dates = [...new Set(cohorts.filter((g) => g > 0))].sort((a, b) => a - b);
  if (!dates.length) throw new Error("placeboTest: no treated units");
  // every draw's assignment first, in draw order from the one seeded stream (so any thread count gives the same draws)
  const { vals, code } = assignmentCoder(cohorts);
  const nU = cohorts.length;
  const codes = new Uint16Array(draws * nU);
  for (let b = 0; b < draws; b++) {
    let g: number[];
    if (mode === "units") g = rng.shuffle(cohorts.slice());
    else if (mode === "dates") g = cohorts.map((c) => (c > 0 ? dates[rng.integer(0, dates.length)] : 0));
    else g = rng.shuffle(cohorts.slice()).map((c) => (c > 0 ? dates[rng.integer(0, dates.length)] : 0));
    for (let u = 0; u < nU; u++) codes[b * nU + u] = code.get(g[u])!;
  }
  const out = assignmentBetas(f, M, vals, codes, "placebo draws", { threads, onProgress: opts.onProgress });
  const est = actual.estimate;
  let two = 0;
  let one = 0;
  let m = 0;
  for (const v of out) {
    if (Math.abs(v) >= Math.abs(est) - 1e-12) two++;
    if (est >= 0 ? v >= est - 1e-12 : v <= est + 1e-12) one++;
    m += v;
  }
  m /= draws;
  let ss = 0;
  for (const v of out) ss += (v - m) * (v - m);
  const res: PlaceboResult = {
    estimate: est,
    std_error: actual.std_error,
    draws: out,
    seed: opts.seed,
    mode,
    share_beyond_two_sided: two / draws,
    share_beyond_one_sided: one / draws,
    p_value: (1 + two) / (1 + draws),
    mean: m,
    sd: Math.sqrt(ss / (draws - 1)),
    quantiles: { p025: quantile(out, 0.025), p975: quantile(out, 0.975) },
    figure: (title = "Placebo test") => placeboFigure(out, est, title),
  };
  return res;
}

/** Histogram of the placebo estimates with the actual estimate as a vertical line. */
export function placeboFigure(draws: ArrayLike<number>, actual: number, title = "Placebo test", bins = 30): Figure {
  const v = Array.from(draws).filter(Number.isFinite);
  const lo = Math.min(...v, actual);
  const hi = Math.max(...v, actual);
  const w = (hi - lo) / bins || 1;
  const counts = new Array(bins).fill(0);
  for (const x of v) counts[Math.min(bins - 1, Math.floor((x - lo) / w))]++;
  return {
    data: [
      { type: "bar", name: "placebo estimates", x: counts.map((_, i) => lo + (i + 0.5) * w), y: counts, marker: { color: "#1f77b4", opacity: 0.7 } },
      { type: "scatter", mode: "lines", name: `actual estimate ${actual.toFixed(4)}`, x: [actual, actual], y: [0, Math.max(...counts)], line: { color: "#d62728", dash: "dash", width: 2 } },
    ],
    layout: { title, xaxis: { title: "placebo coefficient" }, yaxis: { title: "draws" }, barmode: "overlay" },
  };
}
