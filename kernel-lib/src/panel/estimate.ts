/**
 * Linear panel estimators: pooled OLS, fixed effects (within, any number of absorbed factors), random effects
 * (Swamy–Arora, as R plm and Stata xtreg, re) and between.
 */
import { Factor, demean, feDegreesOfFreedom, singletonMask, subsetFactor } from "./demean";
import { Frame, PanelData, buildFrame, clustersOn, normalizedWeights } from "./design";
import { Formula, parseFormula } from "./formula";
import { crossprod, crossvec, independentColumns, invSPD, matVec, quadInv, subMatrix } from "../core/linalg";
import { PanelFit } from "./result";
import { XtStats, groupMeans, thetaSummary, xtCommon, xtFixedEffects } from "./xtstats";
import { Preset, PresetName, VcovSpec, computeVcov, parseVcov, resolvePreset, vcovFactorNames } from "./vcov";

export interface FeolsOptions {
  /** Variance: iid(), hetero("hc1"), cluster("city"), or "iid" | "hc0".."hc3" | "cluster". */
  vcov?: VcovSpec | string;
  /** Cluster variable(s) for vcov = "cluster" (defaults to the panel id, then the first fixed effect). */
  cluster?: string | string[];
  /** Convention set: "stata.xtreg" | "stata.areg" | "stata.reghdfe" | "plm" | "fixest" or a Preset. Default stata.reghdfe. */
  preset?: Preset | PresetName;
  /** Panel identifiers, needed for l()/f() and for models "within"/"random"/"between". */
  id?: string;
  time?: string;
  /** Override the preset's singleton rule. */
  dropSingletons?: boolean;
  /** Alternating-projection tolerance and sweep limit. */
  tol?: number;
  maxIter?: number;
  /** Confidence level for conf_low/conf_high. */
  level?: number;
  /** Column of observation weights (pooled and fixed-effects models). */
  weights?: string;
  /**
   * "aweight" (default; Stata's analytic weights, fixest's `weights =`: WLS, weights rescaled to sum to N, which
   * leaves every estimate unchanged), "pweight" (Stata's probability weights: the same with a robust variance) or
   * "fweight" (whole-number frequency weights: each row counted w times, N = Σw).
   */
  weightType?: "aweight" | "pweight" | "fweight";
}

export type PanelModel = "pooled" | "pooling" | "within" | "fe" | "random" | "re" | "between" | "be";
export type PanelEffect = "individual" | "time" | "twoways";

export interface PanelOptions extends FeolsOptions {
  id: string;
  time: string;
  model: PanelModel;
  effect?: PanelEffect;
}

interface Prepared {
  frame: Frame;
  preset: Preset;
  vcov: VcovSpec;
  /** What the vcov rules did (pweight, xtreg's robust = cluster(id)), then what happened to the rows. */
  vcovMessages: string[];
  dataMessages: string[];
  nSingletons: number;
  /** The same vcov rules for a spec given after the fit (withVcov), with the cluster factors on the fit's rows. */
  revcov: (v: VcovSpec | string, cluster?: string | string[]) => { spec: VcovSpec; clusters: Factor[]; messages: string[] };
}

function clusterNames(spec: VcovSpec | string | undefined, opts: FeolsOptions, f: Formula, extraFe: string[][]): string[] | undefined {
  if (spec && typeof spec !== "string" && spec.type === "cluster") return spec.by;
  if (typeof spec === "string" && /^(cluster|cl)$/i.test(spec)) {
    if (opts.cluster) return Array.isArray(opts.cluster) ? opts.cluster : [opts.cluster];
    if (opts.id) return [opts.id];
    const fe = [...f.fe, ...extraFe];
    if (fe.length && fe[0].length === 1) return [fe[0][0]];
    throw new Error(`vcov "cluster" needs cluster: "<column>"`);
  }
  return undefined;
}

/** The vcov a fit uses: parsed, the preset's default, pweight's robust variance, xtreg's robust = cluster(id). */
function resolveVcov(v: VcovSpec | string | undefined, opts: FeolsOptions, f: Formula, extraFe: string[][], preset: Preset, randomEffects: boolean): { spec: VcovSpec; messages: string[] } {
  const messages: string[] = [];
  const clusterBy = clusterNames(v, opts, f, extraFe);
  let spec = parseVcov(v, clusterBy, opts.time);
  const fe = [...f.fe, ...extraFe];
  if (!spec) {
    if (preset.defaultVcov === "cluster-first-fe" && fe.length && fe[0].length === 1) {
      spec = { type: "cluster", by: [fe[0][0]] };
    } else spec = { type: "iid" };
  }
  if (opts.weights && opts.weightType === "pweight" && spec.type === "iid") {
    messages.push("pweight: robust variance (Stata uses no other with probability weights)");
    spec = { type: "hetero", hc: "hc1" };
  }
  if (spec.type === "hetero" && preset.robustIsClusterId && opts.id && (fe.length || extraFe.length || randomEffects)) {
    messages.push(`preset ${preset.name}: vce(robust) with panel ${randomEffects ? "random" : "fixed"} effects is cluster(${opts.id}), as Stata xtreg`);
    spec = { type: "cluster", by: [opts.id] };
  }
  return { spec, messages };
}

function prepare(data: PanelData, f: Formula, opts: FeolsOptions, extraFe: string[][] = [], randomEffects = false): Prepared {
  const preset = resolvePreset(opts.preset);
  const messages: string[] = [];
  const { spec, messages: vcovMessages } = resolveVcov(opts.vcov, opts, f, extraFe, preset, randomEffects);
  const clusterBy = spec.type === "iid" || spec.type === "hetero" ? undefined : vcovFactorNames(spec);
  let frame = buildFrame(data, f, { id: opts.id, time: opts.time, cluster: clusterBy, extraFe, weights: opts.weights, weightType: opts.weightType });
  if (frame.nDropped) messages.push(`${frame.nDropped} observation${frame.nDropped > 1 ? "s" : ""} dropped for missing values (listwise)`);
  if (frame.nZeroWeight) messages.push(`${frame.nZeroWeight} observation${frame.nZeroWeight > 1 ? "s" : ""} with zero weight left out`);
  if (opts.weights) messages.push(`weights: ${opts.weightType ?? "aweight"} ${opts.weights} ${opts.weightType === "fweight" ? "(each row counted w times)" : "(rescaled to sum to N)"}`);
  let nSingletons = 0;
  const drop = opts.dropSingletons ?? preset.dropSingletons;
  if (drop && frame.fe.length) {
    const { keep, dropped } = singletonMask(frame.fe, frame.y.length);
    if (dropped) {
      const idx: number[] = [];
      for (let i = 0; i < keep.length; i++) if (keep[i]) idx.push(i);
      frame = subsetFrame(frame, idx);
      nSingletons = dropped;
      messages.push(`${dropped} singleton observation${dropped > 1 ? "s" : ""} dropped`);
    }
  }
  const fitted = frame;
  const revcov = (v: VcovSpec | string, cluster?: string | string[]) => {
    const r = resolveVcov(v, { ...opts, cluster: cluster ?? opts.cluster }, f, extraFe, preset, randomEffects);
    return { ...r, clusters: clustersOn(fitted, vcovFactorNames(r.spec)) };
  };
  return { frame, preset, vcov: spec, vcovMessages, dataMessages: messages, nSingletons, revcov };
}

function subsetFrame(fr: Frame, idx: number[]): Frame {
  const pick = (v: Float64Array) => Float64Array.from(idx, (i) => v[i]);
  return {
    ...fr,
    rows: idx.map((i) => fr.rows[i]),
    y: pick(fr.y),
    X: fr.X.map(pick),
    endog: fr.endog.map(pick),
    instr: fr.instr.map(pick),
    fe: fr.fe.map((f) => subsetFactor(f, idx)),
    clusters: fr.clusters.map((f) => subsetFactor(f, idx)),
    id: fr.id ? subsetFactor(fr.id, idx) : undefined,
    time: fr.time ? pick(fr.time) : undefined,
    w: fr.w ? pick(fr.w) : undefined,
  };
}

export function weightedCenteredSS(x: Float64Array, w: Float64Array): number {
  let sw = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    m += w[i] * x[i];
  }
  m /= sw;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i] * (x[i] - m) * (x[i] - m);
  return s;
}

/** Σ (x − x̄)²: the column scales olsCore judges collinearity by. */
export function centeredSS(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s;
}

export interface OlsCore {
  beta: Float64Array;
  bread: Float64Array;
  kept: number[];
  dropped: string[];
  names: string[];
  Xk: Float64Array[];
  e: Float64Array;
}

/** OLS on given columns with collinear columns dropped (in order) and reported. */
export function olsCore(y: Float64Array, X: Float64Array[], names: string[], scale?: number[]): OlsCore {
  const k = X.length;
  const xtx = crossprod(X);
  const kept = independentColumns(xtx, k, scale);
  const dropped = names.filter((_, j) => !kept.includes(j));
  const Xk = kept.map((j) => X[j]);
  const kk = kept.length;
  const bread = kk ? invSPD(subMatrix(xtx, k, kept), kk, "X'X") : new Float64Array(0);
  const beta = matVec(bread, kk, crossvec(Xk, y));
  const e = Float64Array.from(y);
  for (let j = 0; j < kk; j++) {
    const x = Xk[j];
    const b = beta[j];
    for (let i = 0; i < e.length; i++) e[i] -= b * x[i];
  }
  return { beta, bread, kept, dropped, names: kept.map((j) => names[j]), Xk, e };
}

function waldF(beta: Float64Array, V: Float64Array, k: number, idx: number[]): number {
  if (!idx.length) return NaN;
  const sub = subMatrix(V, k, idx);
  const b = idx.map((i) => beta[i]);
  return quadInv(sub, idx.length, b, "coefficient covariance") / idx.length;
}

/** Fit on a prepared frame: pooled (no FE) or absorbed FE (within). */
function fitWithin(p: Prepared, formula: string, model: string, opts: FeolsOptions, xtregFe = false): PanelFit {
  const { frame, preset } = p;
  const messages = [...p.dataMessages];
  const n = frame.y.length;
  let X = frame.X;
  let names = frame.xNames;
  const fe = frame.fe;
  let y = frame.y;
  let scale: number[] | undefined;
  let iterations = 0;
  // analytic/probability weights rescaled to sum to N; WLS = OLS on rows multiplied by √w
  const w = normalizedWeights(frame.w);
  if (fe.length) {
    scale = X.map(centeredSS);
    const d = demean([y, ...X], fe, { tol: opts.tol, maxIter: opts.maxIter, weights: w });
    iterations = d.iterations;
    y = d.cols[0];
    X = d.cols.slice(1);
    if (frame.intercept === false) messages.push("no intercept requested; with fixed effects there is none to drop");
  } else if (frame.intercept) {
    X = [new Float64Array(n).fill(1), ...X];
    names = ["(Intercept)", ...names];
  }
  const root = w ? w.map(Math.sqrt) : undefined;
  if (root) {
    const times = (v: Float64Array) => v.map((x, i) => x * root[i]);
    y = times(y);
    X = X.map(times);
  }
  const core = olsCore(y, X, names, scale);
  if (core.dropped.length) messages.push(`collinear: dropped ${core.dropped.join(", ")}`);
  const k = core.kept.length;
  const feDf = feDegreesOfFreedom(fe);
  if (feDf.note) messages.push(feDf.note);
  const dfFe = feDf.df;
  const dfResid = n - k - dfFe;
  if (dfResid <= 0) throw new Error(`${formula}: no residual degrees of freedom (N = ${n}, K = ${k}, absorbed = ${dfFe})`);
  let rss = 0;
  for (const v of core.e) rss += v * v;
  const tss = w ? weightedCenteredSS(frame.y, w) : centeredSS(frame.y);
  const r2 = 1 - rss / tss;
  const hasConst = fe.length > 0 || frame.intercept;
  const adjR2 = 1 - ((1 - r2) * (n - (hasConst ? 1 : 0))) / dfResid;
  let r2Within: number | undefined;
  let adjR2Within: number | undefined;
  if (fe.length) {
    let tssW = 0;
    for (const v of y) tssW += v * v;
    r2Within = 1 - rss / tssW;
    adjR2Within = 1 - ((1 - r2Within) * (n - 1)) / dfResid; // plm r.squared(dfcor = TRUE)
  }
  const slopeIdx = core.names.map((nm, i) => (nm === "(Intercept)" ? -1 : i)).filter((i) => i >= 0);
  const residuals = root ? core.e.map((v, i) => v / root[i]) : core.e;
  const fitted = Float64Array.from(frame.y, (v, i) => v - residuals[i]);
  const ngroups = frame.id ? frame.id.nLevels : fe.length ? fe[0].nLevels : undefined;
  let xt: XtStats | undefined;
  if (fe.length === 1 && xtregFe) {
    // panel(model = "within"), one-way: xtreg's report, on the original scale
    const Xo = core.kept.map((j) => frame.X[j]);
    const ones = new Float64Array(n).fill(1);
    const rootW = (v: Float64Array) => (root ? v.map((x, i) => x * root[i]) : v);
    const pooled = olsCore(rootW(frame.y), [ones, ...Xo].map(rootW), ["(Intercept)", ...core.names]);
    let rssPooled = 0;
    for (const v of pooled.e) rssPooled += v * v;
    const base = xtCommon(frame.y, Xo, core.beta, fe[0], w);
    if (w) base.r2_w = r2Within!; // Stata: the weighted within R²
    xt = xtFixedEffects(base, frame.y, Xo, core.beta, fe[0], rss, k, rssPooled, w);
  }
  const assemble = (spec: VcovSpec, clusters: Factor[], vcovMessages: string[]): PanelFit => {
    const vc = computeVcov(spec, { X: core.Xk, e: core.e, bread: core.bread, n, k, dfFe, fe, feLevels: feDf.perFactor, dfResid, clusters }, preset);
    const fstat = waldF(core.beta, vc.V, k, slopeIdx);
    let rmse: number | undefined;
    let r2Reported = r2;
    let adjR2Reported = adjR2;
    if (fe.length === 1 && preset.xtreg && xtregFe) {
      // Stata: e(r2) is the within R²; under robust/cluster the df are N − K − 1 (FE nested in the clusters)
      const dfr = spec.type === "iid" ? dfResid : n - k - 1;
      r2Reported = r2Within!;
      adjR2Reported = 1 - ((1 - r2Within!) * (n - 1)) / dfr;
      rmse = Math.sqrt(rss / dfr);
    }
    let outNames = core.names;
    let outBeta = core.beta;
    let outV = vc.V;
    if (fe.length === 1 && preset.xtreg && xtregFe) {
      // xtreg, fe's _cons: OLS of y − ȳ_i + ȳ on x − x̄_i + x̄ and a constant (same slopes, same residuals);
      // weighted: weighted means, rows times √w as the rest of the fit
      const ww = w ?? new Float64Array(n).fill(1);
      const rw = root ?? ww;
      const grand = (v: Float64Array) => v.reduce((a, b, i) => a + ww[i] * b, 0) / n;
      const xbar = core.kept.map((j) => grand(frame.X[j]));
      const cons = grand(frame.y) - xbar.reduce((a, m, j) => a + m * core.beta[j], 0);
      const A = [Float64Array.from(rw), ...core.Xk.map((x, j) => x.map((v, i) => v + xbar[j] * rw[i]))];
      const bread = invSPD(crossprod(A), k + 1, "X'X with _cons");
      const vcA = computeVcov(spec, { X: A, e: core.e, bread, n, k, dfFe, fe, feLevels: feDf.perFactor, dfResid, clusters }, preset);
      outNames = ["(Intercept)", ...core.names];
      outBeta = Float64Array.from([cons, ...core.beta]);
      outV = vcA.V;
    }
    return new PanelFit({
      model,
      formula,
      names: outNames,
      beta: outBeta,
      V: outV,
      df: vc.df,
      vcovLabel: vc.label,
      preset: preset.name,
      nobs: n,
      nDropped: frame.nDropped,
      nSingletons: p.nSingletons,
      residuals,
      fitted,
      rows: frame.rows,
      rss,
      dfResid,
      r2: r2Reported,
      adjR2: adjR2Reported,
      r2Within,
      adjR2Within,
      xt,
      rmse,
      r2Lsdv: r2Reported === r2 ? undefined : r2,
      fstat,
      fdf1: slopeIdx.length,
      fdf2: spec.type === "cluster" || spec.type === "dk" ? (Number.isFinite(vc.df) ? vc.df : Infinity) : dfResid,
      loglik: -(n / 2) * (Math.log((2 * Math.PI * rss) / n) + 1),
      ngroups,
      fe: fe.map((f) => f.name),
      dfFe,
      messages: [...vcovMessages, ...messages],
      nClusters: vc.nClusters,
      level: opts.level,
      internals: { X: core.Xk, e: core.e, bread: core.bread, iterations, feLevels: feDf.perFactor, yTransformed: y },
      withVcov: (v, cluster) => {
        const r = p.revcov(v, cluster);
        return assemble(r.spec, r.clusters, r.messages);
      },
    });
  };
  return assemble(p.vcov, frame.clusters, p.vcovMessages);
}

/**
 * fixest-style OLS with absorbed fixed effects: `feols(t, "y ~ x1 + x2 | city + year", { vcov: cluster("city") })`.
 * Without a `|` part this is pooled OLS with an intercept.
 */
export function feols(data: PanelData, formula: string, opts: FeolsOptions = {}): PanelFit {
  const f = parseFormula(formula);
  if (f.endog.length) throw new Error(`feols: formula "${formula}" has an IV part; use ivreg()`);
  const p = prepare(data, f, opts);
  return fitWithin(p, formula, p.frame.fe.length ? "within" : "pooled", opts);
}

function effectFe(o: PanelOptions): string[][] {
  const e = o.effect ?? "individual";
  if (e === "individual") return [[o.id]];
  if (e === "time") return [[o.time]];
  if (e === "twoways") return [[o.id], [o.time]];
  throw new Error(`unknown effect "${e}" (individual, time, twoways)`);
}

/**
 * plm-style interface: `panel(t, "inv ~ value + capital", { id: "firm", time: "year", model: "within",
 * effect: "twoways" })`. model: pooled | within | random (Swamy–Arora, individual effects) | between.
 */
export function panel(data: PanelData, formula: string, opts: PanelOptions): PanelFit {
  if (!opts.id || !opts.time) throw new Error("panel(): id and time are required");
  const f = parseFormula(formula);
  const model = opts.model;
  if (model === "pooled" || model === "pooling") {
    if (f.fe.length) throw new Error(`panel(): model "pooled" with fixed effects in the formula; use model "within" or feols()`);
    return fitWithin(prepare(data, f, opts), formula, "pooled", opts);
  }
  if (model === "within" || model === "fe") {
    const p = prepare(data, f, opts, effectFe(opts));
    // panel(model = "within") is xtreg, fe: under its preset r2 is the within R² (feols keeps the LSDV R², as reghdfe)
    return fitWithin(p, formula, `within (${opts.effect ?? "individual"})`, opts, (opts.effect ?? "individual") === "individual");
  }
  if (model === "random" || model === "re") return randomEffects(data, f, opts);
  if (model === "between" || model === "be") return between(data, f, opts);
  throw new Error(`unknown model "${model}" (pooled, within, random, between)`);
}

function groupSums(x: Float64Array, g: Factor): Float64Array {
  const s = new Float64Array(g.nLevels);
  for (let i = 0; i < x.length; i++) s[g.codes[i]] += x[i];
  return s;
}

/** Between estimator: OLS on unit means (one row per unit), as plm model = "between". */
function between(data: PanelData, f: Formula, opts: PanelOptions): PanelFit {
  if ((opts.effect ?? "individual") !== "individual") throw new Error("between: only effect = individual is implemented");
  if (opts.weights) throw new Error("between: weights are not supported");
  const p = prepare(data, f, { ...opts, vcov: opts.vcov ?? "iid" });
  const fr = p.frame;
  const g = fr.id!;
  const T = groupSums(new Float64Array(fr.y.length).fill(1), g);
  const mean = (x: Float64Array) => groupSums(x, g).map((s, i) => s / T[i]);
  // private column names .y, .x0, .x1, ... (syntactic, so they print bare and map back by index)
  const data2: Record<string, Float64Array | string[]> = { ".y": mean(fr.y), ".id": g.levels.slice() };
  const terms = fr.xNames.map((_, j) => `.x${j}`);
  fr.X.forEach((x, j) => (data2[`.x${j}`] = mean(x)));
  const inner = feols(data2, `.y ~ ${terms.join(" + ") || "1"}`, { vcov: opts.vcov, preset: opts.preset, cluster: ".id" });
  const rename = (s: string) => s.replace(/\.x(\d+)/g, (_, j) => fr.xNames[Number(j)]);
  const slopes = inner.names.map((nm, i) => (nm === "(Intercept)" ? -1 : i)).filter((i) => i >= 0);
  const Xo = slopes.map((i) => fr.X[Number(inner.names[i].slice(2))]);
  const xt = xtCommon(fr.y, Xo, slopes.map((i) => inner.coefficients[i]), g);
  // Stata's e(N) counts observations; plm's nobs counts the unit means
  const nobs = p.preset.xtreg ? fr.y.length : inner.nobs;
  return new PanelFit({ ...inner.init, model: "between", formula: f.text, names: inner.names.map(rename), nobs, nDropped: fr.nDropped, ngroups: g.nLevels, xt, messages: [...p.vcovMessages, ...p.dataMessages, ...inner.messages.map(rename)], withVcov: undefined });
}

/**
 * Random effects, Swamy–Arora variance components exactly as plm::ercomp (balanced: dfcor (2,2); unbalanced:
 * the trace correction of plm's dfcor 3) and Stata xtreg, re for balanced panels. Individual effects only.
 */
function randomEffects(data: PanelData, f: Formula, opts: PanelOptions): PanelFit {
  if ((opts.effect ?? "individual") !== "individual") throw new Error("random effects: only effect = individual is implemented");
  if (f.fe.length) throw new Error("random effects: no fixed effects in the formula");
  if (opts.weights) throw new Error("random effects: weights are not supported (Stata's xtreg, re allows none either)");
  const p = prepare(data, f, opts, [], true);
  const fr = p.frame;
  const messages = [...p.dataMessages];
  const g = fr.id!;
  const O = fr.y.length;
  const N = g.nLevels;
  const ones = new Float64Array(O).fill(1);
  const Tg = groupSums(ones, g);
  const balanced = Tg.every((t) => t === Tg[0]);
  // within
  const dW = demean([fr.y, ...fr.X], [g]);
  const scale = fr.X.map(centeredSS);
  const w = olsCore(dW.cols[0], dW.cols.slice(1), fr.xNames, scale);
  let quad1 = 0;
  for (const v of w.e) quad1 += v * v;
  const KW = w.kept.length;
  // Between on repeated means, with intercept
  const Z = [ones, ...fr.X];
  const zNames = ["(Intercept)", ...fr.xNames];
  const mean = (x: Float64Array) => {
    const s = groupSums(x, g);
    return Float64Array.from(x, (_, i) => s[g.codes[i]] / Tg[g.codes[i]]);
  };
  const bZ = Z.map(mean);
  const b = olsCore(mean(fr.y), bZ, zNames);
  let quad2 = 0;
  for (const v of b.e) quad2 += v * v; // residuals are constant within unit: Σ T_i r_i²
  const KS2 = b.kept.length - 1;
  const s2nu = quad1 / (O - N - KW);
  let s2eta: number;
  let Tbar: number | undefined;
  if (!balanced && p.preset.xtreg) {
    // Stata xtreg, re: σ_u² = SSR_between/(n − K − 1) − σ_e²/T̄, between regression on one mean per panel,
    // T̄ the harmonic mean of the panel sizes
    const bm = olsCore(groupMeans(fr.y, g), Z.map((z) => groupMeans(z, g)), zNames);
    let ssrB = 0;
    for (const v of bm.e) ssrB += v * v;
    let inv = 0;
    for (const t of Tg) inv += 1 / t;
    Tbar = N / inv;
    s2eta = ssrB / (N - bm.kept.length) - s2nu / Tbar;
    messages.push(`variance components: Stata xtreg, re (unbalanced: T̄ = harmonic mean ${Tbar.toPrecision(6)}); preset plm uses plm's Swamy–Arora`);
  } else if (balanced) {
    const mnu = N - KS2 - 1;
    s2eta = (quad2 - mnu * s2nu) / (Tg[0] * mnu);
  } else {
    const K = fr.X.length;
    // tr((ZB'ZB)^{-1} ZS'Z) with ZB'ZB = Σ S_i S_i'/T_i and ZS'Z = Σ S_i S_i'
    const kz = Z.length;
    const S = Z.map((z) => groupSums(z, g));
    const A = new Float64Array(kz * kz);
    const Bm = new Float64Array(kz * kz);
    for (let a = 0; a < kz; a++)
      for (let c = 0; c < kz; c++) {
        let sa = 0;
        let sb = 0;
        for (let i = 0; i < N; i++) {
          const v = S[a][i] * S[c][i];
          sa += v / Tg[i];
          sb += v;
        }
        A[a * kz + c] = sa;
        Bm[a * kz + c] = sb;
      }
    const Ai = invSPD(A, kz, "between cross-product");
    let tr = 0;
    for (let a = 0; a < kz; a++) for (let c = 0; c < kz; c++) tr += Ai[a * kz + c] * Bm[c * kz + a];
    s2eta = (quad2 - (N - K - 1) * s2nu) / (O - tr);
  }
  if (s2eta < 0) {
    messages.push(`estimated individual variance ${s2eta.toExponential(3)} < 0, set to 0 (pooled OLS)`);
    s2eta = 0;
  }
  const thetaG = Tg.map((t) => 1 - Math.sqrt(s2nu / (t * s2eta + s2nu)));
  const qd = (x: Float64Array) => {
    const m = mean(x);
    return Float64Array.from(x, (v, i) => v - thetaG[g.codes[i]] * m[i]);
  };
  const yS = qd(fr.y);
  const ZS = Z.map(qd);
  const core = olsCore(yS, ZS, zNames);
  if (core.dropped.length) messages.push(`collinear: dropped ${core.dropped.join(", ")}`);
  const k = core.kept.length;
  const dfResid = O - k;
  const preset = p.preset;
  let rss = 0;
  for (const v of core.e) rss += v * v;
  const tssS = centeredSS(yS);
  const r2 = 1 - rss / tssS;
  // residuals and fitted on the original scale: y − Xb
  const e0 = Float64Array.from(fr.y);
  core.kept.forEach((j, c) => {
    for (let i = 0; i < O; i++) e0[i] -= core.beta[c] * Z[j][i];
  });
  const slopeIdx = core.names.map((nm, i) => (nm === "(Intercept)" ? -1 : i)).filter((i) => i >= 0);
  const theta = balanced ? thetaG[0] : Float64Array.from(g.codes, (c) => thetaG[c]);
  const slopeCols = slopeIdx.map((i) => core.kept[i]);
  const xt: XtStats = {
    ...xtCommon(fr.y, slopeCols.map((j) => Z[j]), slopeIdx.map((i) => core.beta[i]), g),
    sigma_u: Math.sqrt(s2eta),
    sigma_e: Math.sqrt(s2nu),
    rho: s2eta / (s2eta + s2nu),
    Tbar,
    theta: thetaSummary(thetaG),
  };
  const assemble = (spec: VcovSpec, clusters: Factor[], vcovMessages: string[]): PanelFit => {
    const vc = computeVcov(spec, { X: core.Xk, e: core.e, bread: core.bread, n: O, k, dfFe: 0, fe: [], feLevels: [], dfResid, clusters }, preset);
    const df = preset.reNormal ? Infinity : vc.df;
    return new PanelFit({
      model: "random (Swamy–Arora)",
      formula: f.text,
      names: core.names,
      beta: core.beta,
      V: vc.V,
      df,
      vcovLabel: vc.label,
      preset: preset.name,
      nobs: O,
      nDropped: fr.nDropped,
      nSingletons: 0,
      residuals: e0,
      fitted: Float64Array.from(fr.y, (v, i) => v - e0[i]),
      rows: fr.rows,
      rss,
      dfResid,
      r2,
      adjR2: 1 - ((1 - r2) * (O - 1)) / dfResid,
      fstat: waldF(core.beta, vc.V, k, slopeIdx),
      fdf1: slopeIdx.length,
      fdf2: df === Infinity ? Infinity : dfResid,
      ngroups: N,
      theta,
      sigma2: { idios: s2nu, id: s2eta },
      xt,
      fe: [],
      dfFe: 0,
      messages: [...vcovMessages, ...messages],
      nClusters: vc.nClusters,
      level: opts.level,
      internals: { X: core.Xk, e: core.e, bread: core.bread, balanced, thetaByUnit: thetaG },
      withVcov: (v, cluster) => {
        const r = p.revcov(v, cluster);
        return assemble(r.spec, r.clusters, r.messages);
      },
    });
  };
  return assemble(p.vcov, fr.clusters, p.vcovMessages);
}
