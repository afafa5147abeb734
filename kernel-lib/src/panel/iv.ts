/**
 * IV / 2SLS with absorbed fixed effects: `ivreg(t, "y ~ x_exog | city + year | x_endog ~ z1 + z2", opts)`
 * (fixest syntax; the FE part may be omitted: "y ~ x | endog ~ z"). Coefficients and vcov as AER::ivreg
 * (bread (X̂'X̂)⁻¹, residuals y − Xb with the actual regressors), so every vcov/preset of feols applies.
 * Diagnostics: first-stage F on the excluded instruments (per endogenous regressor, with the fit's vcov
 * type), Cragg–Donald F (one endogenous regressor: the iid first-stage F), Sargan N·R² (iid).
 */
import { demean } from "./demean";
import { buildFrame, clustersOn, normalizedWeights, PanelData } from "./design";
import { FeolsOptions, olsCore, weightedCenteredSS } from "./estimate";
import { parseFormula } from "./formula";
import { crossprod, crossvec, invSPD, matVec, quadInv, subMatrix } from "../core/linalg";
import { PanelFit, pchisqUpper, pfUpper } from "./result";
import { ModelResult, withResult } from "../core/result";
import { computeVcov, parseVcov, resolvePreset, VcovSpec, vcovFactorNames } from "./vcov";
import { Factor, feDegreesOfFreedom } from "./demean";

export interface IvResult extends ModelResult {
  fit: PanelFit;
  firstStage: { endog: string; F: number; df1: number; df2: number; p_value: number; partialR2: number }[];
  craggDonaldF?: number;
  sargan?: { statistic: number; df: number; p_value: number };
  /** Stock–Yogo (2005) critical values for the maximal IV size, one endogenous regressor (ivreg2's table). */
  stockYogo?: Record<string, number>;
  /** The same 2SLS fit and first-stage F under another vcov, without refitting (see PanelFit.withVcov). */
  withVcov(vcov: VcovSpec | string, cluster?: string | string[]): IvResult;
}

const STOCK_YOGO_SIZE_1ENDOG: Record<number, Record<string, number>> = {
  1: { "10%": 16.38, "15%": 8.96, "20%": 6.66, "25%": 5.53 },
  2: { "10%": 19.93, "15%": 11.59, "20%": 8.75, "25%": 7.25 },
  3: { "10%": 22.3, "15%": 12.83, "20%": 9.54, "25%": 7.8 },
};

export interface IvOptions extends FeolsOptions {
  /**
   * Stata's `small` (default true): σ² = RSS/(N−K), HC1, cluster G/(G−1)·(N−1)/(N−K) as the preset says, t and
   * F. false = ivreg2's asymptotic forms: σ² = RSS/N, HC0, cluster with no finite-sample factor, z and χ².
   */
  small?: boolean;
}

/** Wald F of all slopes (χ²/q when the distribution is asymptotic). */
function waldSlopes(beta: Float64Array, V: Float64Array, names: string[]): number {
  const k = names.length;
  const idx = names.map((nm, i) => (nm === "(Intercept)" ? -1 : i)).filter((i) => i >= 0);
  if (!idx.length) return NaN;
  return quadInv(subMatrix(V, k, idx), idx.length, idx.map((i) => beta[i]), "coefficient covariance") / idx.length;
}

export function ivreg(data: PanelData, formula: string, opts: IvOptions = {}): IvResult {
  const f = parseFormula(formula);
  if (!f.endog.length) throw new Error(`ivreg: formula "${formula}" needs an IV part "| endog ~ instruments"`);
  const preset = resolvePreset(opts.preset);
  const small = opts.small ?? true;
  // Stata's `small` off: HC0 and no finite-sample cluster factor; pweight: a robust variance
  const resolve = (v: VcovSpec | string | undefined, cl: string | string[] | undefined): VcovSpec => {
    let r: VcovSpec = parseVcov(v, cl ? ([] as string[]).concat(cl) : undefined, opts.time) ?? { type: "iid" };
    if (!small && r.type === "hetero") r = { type: "hetero", hc: "hc0" };
    if (!small && r.type === "cluster") r = { ...r, ssc: { ...(r.ssc ?? {}), adjG: false, adjN: "none" } };
    if (opts.weights && opts.weightType === "pweight" && r.type === "iid") r = { type: "hetero", hc: small ? "hc1" : "hc0" };
    return r;
  };
  const spec = resolve(opts.vcov, opts.cluster);
  const clusterBy = spec.type === "iid" || spec.type === "hetero" ? undefined : vcovFactorNames(spec);
  const fr = buildFrame(data, f, { id: opts.id, time: opts.time, cluster: clusterBy, weights: opts.weights, weightType: opts.weightType });
  const n = fr.y.length;
  const dataMessages: string[] = [];
  if (fr.nDropped) dataMessages.push(`${fr.nDropped} observations dropped for missing values (listwise)`);
  if (fr.nZeroWeight) dataMessages.push(`${fr.nZeroWeight} observations with zero weight left out`);
  const w = normalizedWeights(fr.w);
  if (opts.weights) dataMessages.push(`weights: ${opts.weightType ?? "aweight"} ${opts.weights} ${opts.weightType === "fweight" ? "(each row counted w times)" : "(rescaled to sum to N)"}`);
  let exog = fr.X;
  let exNames = fr.xNames;
  let y = fr.y;
  let endog = fr.endog;
  let instr = fr.instr;
  if (fr.fe.length) {
    const d = demean([y, ...exog, ...endog, ...instr], fr.fe, { tol: opts.tol, maxIter: opts.maxIter, weights: w });
    y = d.cols[0];
    exog = d.cols.slice(1, 1 + exog.length);
    endog = d.cols.slice(1 + fr.X.length, 1 + fr.X.length + endog.length);
    instr = d.cols.slice(1 + fr.X.length + fr.endog.length);
  } else if (fr.intercept) {
    exog = [new Float64Array(n).fill(1), ...exog];
    exNames = ["(Intercept)", ...exNames];
  }
  const root = w ? w.map(Math.sqrt) : undefined;
  if (root) {
    // weighted 2SLS = 2SLS on rows multiplied by √w
    const times = (v: Float64Array) => v.map((x, i) => x * root[i]);
    y = times(y);
    exog = exog.map(times);
    endog = endog.map(times);
    instr = instr.map(times);
  }
  const Z = [...exog, ...instr];
  const kz = Z.length;
  const ZZi = invSPD(crossprod(Z), kz, "instrument cross-product Z'Z");
  const project = (v: Float64Array) => {
    const g = matVec(ZZi, kz, crossvec(Z, v));
    const out = new Float64Array(n);
    for (let j = 0; j < kz; j++) for (let i = 0; i < n; i++) out[i] += g[j] * Z[j][i];
    return out;
  };
  const endHat = endog.map(project);
  const names = [...exNames, ...fr.endogNames];
  const Xhat = [...exog, ...endHat];
  const Xact = [...exog, ...endog];
  const core = olsCore(y, Xhat, names);
  if (core.dropped.length) dataMessages.push(`collinear: dropped ${core.dropped.join(", ")}`);
  const k = core.kept.length;
  const e = Float64Array.from(y);
  core.kept.forEach((j, c) => {
    for (let i = 0; i < n; i++) e[i] -= core.beta[c] * Xact[j][i];
  });
  const feDf = feDegreesOfFreedom(fr.fe);
  const dfResid = n - k - feDf.df;
  const assemble = (spec: VcovSpec, clusters: Factor[]): IvResult => {
    const messages = [...dataMessages];
    const vc = computeVcov(spec, { X: core.Xk, e, bread: core.bread, n, k, dfFe: feDf.df, fe: fr.fe, feLevels: feDf.perFactor, dfResid, clusters }, preset);
    if (!small) {
      if (spec.type === "iid") vc.V = vc.V.map((v) => (v * dfResid) / n);
      vc.df = Infinity;
      vc.label += " (asymptotic: no small-sample factor, z)";
    } else if (opts.small) vc.label += " (small)";
    let rss = 0;
    for (const v of e) rss += v * v;
    let ym = 0;
    for (const v of fr.y) ym += v / n;
    let tss = 0;
    if (w) tss = weightedCenteredSS(fr.y, w);
    else for (const v of fr.y) tss += (v - ym) ** 2;
    const r2 = 1 - rss / tss;
    const resid = root ? e.map((v, i) => v / root[i]) : e;
    const fit = new PanelFit({
      model: fr.fe.length ? "2SLS (within)" : "2SLS",
      formula,
      names: core.names,
      beta: core.beta,
      V: vc.V,
      df: vc.df,
      vcovLabel: vc.label,
      preset: preset.name,
      nobs: n,
      nDropped: fr.nDropped,
      nSingletons: 0,
      residuals: resid,
      fitted: Float64Array.from(fr.y, (v, i) => v - resid[i]),
      rows: fr.rows,
      rss,
      dfResid,
      r2,
      adjR2: 1 - ((1 - r2) * (n - 1)) / dfResid,
      fe: fr.fe.map((x) => x.name),
      dfFe: feDf.df,
      fstat: waldSlopes(core.beta, vc.V, core.names),
      fdf1: core.names.filter((nm) => nm !== "(Intercept)").length,
      fdf2: Number.isFinite(vc.df) ? vc.df : Infinity,
      messages,
      nClusters: vc.nClusters,
      level: opts.level,
      withVcov: (v, cl) => refit(v, cl).fit,
    });
    // first stages: F on excluded instruments with the same vcov type
    const L = instr.length;
    const firstStage = endog.map((en, q) => {
      const fs = olsCore(en, Z, Z.map((_, j) => `z${j}`));
      const dfr = n - fs.kept.length - feDf.df;
      const fv = computeVcov(spec, { X: fs.Xk, e: fs.e, bread: fs.bread, n, k: fs.kept.length, dfFe: feDf.df, fe: fr.fe, feLevels: feDf.perFactor, dfResid: dfr, clusters }, preset);
      const idx = fs.kept.map((j, c) => (j >= exog.length ? c : -1)).filter((c) => c >= 0);
      const b = idx.map((c) => fs.beta[c]);
      const F = quadInv(subMatrix(fv.V, fs.kept.length, idx), idx.length, b, "first-stage vcov") / idx.length;
      // partial R² of excluded instruments
      const rest = olsCore(en, exog, exog.map((_, j) => `x${j}`));
      let ssr = 0;
      let ssu = 0;
      for (let i = 0; i < n; i++) (ssr += rest.e[i] ** 2), (ssu += fs.e[i] ** 2);
      const df2 = spec.type === "cluster" || spec.type === "dk" ? fv.df : dfr;
      return { endog: fr.endogNames[q], F, df1: idx.length, df2, p_value: pfUpper(F, idx.length, df2), partialR2: 1 - ssu / ssr };
    });
    const res = withResult({ fit, firstStage, withVcov: refit } as Omit<IvResult, keyof ModelResult>, (r) => ({
      title: `${r.fit.model}: ${formula}`,
      header: () => [
        `Observations: ${n}${fr.fe.length ? `; fixed effects: ${fr.fe.map((x) => x.name).join(", ")}` : ""}; instruments: ${fr.instrNames.join(", ")}`,
        `Standard errors: ${r.fit.inference()}`,
        `First stage F (excluded instruments): ${r.firstStage.map((s) => `${s.endog} ${s.F.toFixed(3)}`).join(", ")}${r.craggDonaldF !== undefined ? `; Cragg–Donald F ${r.craggDonaldF.toFixed(3)}` : ""}${r.sargan ? `; Sargan ${r.sargan.statistic.toFixed(3)} (p ${r.sargan.p_value.toPrecision(3)})` : ""}`,
      ],
      tidy: () => r.fit.tidy(),
      glance: () => ({
        ...r.fit.glance(),
        ...Object.fromEntries(r.firstStage.map((s) => [`first_stage_f_${s.endog}`, s.F])),
        cragg_donald_f: r.craggDonaldF,
        sargan: r.sargan?.statistic,
        sargan_p_value: r.sargan?.p_value,
      }),
      notes: () => r.fit.messages,
    })) as IvResult;
    if (endog.length === 1) {
      const fs = olsCore(endog[0], Z, Z.map((_, j) => `z${j}`));
      const rest = olsCore(endog[0], exog, exog.map((_, j) => `x${j}`));
      let ssr = 0;
      let ssu = 0;
      for (let i = 0; i < n; i++) (ssr += rest.e[i] ** 2), (ssu += fs.e[i] ** 2);
      res.craggDonaldF = ((ssr - ssu) / L) / (ssu / (n - fs.kept.length - feDf.df));
      if (STOCK_YOGO_SIZE_1ENDOG[L]) res.stockYogo = STOCK_YOGO_SIZE_1ENDOG[L];
    } else messages.push("Cragg–Donald F is implemented for one endogenous regressor only");
    if (L > endog.length) {
      const s = olsCore(e, Z, Z.map((_, j) => `z${j}`));
      let ssu = 0;
      let em = 0;
      for (const v of e) em += v / n;
      let sst = 0;
      for (let i = 0; i < n; i++) (ssu += s.e[i] ** 2), (sst += (e[i] - em) ** 2);
      const stat = n * (1 - ssu / sst);
      const df = L - endog.length;
      res.sargan = { statistic: stat, df, p_value: pchisqUpper(stat, df) };
    }
    return res;
  };
  const refit = (v: VcovSpec | string, cl?: string | string[]): IvResult => {
    const r = resolve(v, cl ?? opts.cluster);
    return assemble(r, clustersOn(fr, vcovFactorNames(r)));
  };
  return assemble(spec, fr.clusters);
}
