/** Mechanisms (Baron–Kenny steps, Sobel/Aroian/Goodman, bootstrap indirect effect) and moderation (margins). */
import { createRng } from "../rng";
import { compareLabels } from "../data/panel";
import { PanelData, asTable } from "./design";
import { FeolsOptions, feols } from "./estimate";
import { refitDesign } from "./refit";
import { PanelFit, pt2 } from "./result";
import { normalCdf, normalQuantile } from "../core/distributions";

export interface SobelResult {
  indirect: number;
  sobel: { z: number; se: number; p_value: number };
  aroian: { z: number; se: number; p_value: number };
  goodman: { z: number; se: number; p_value: number };
}

/** Sobel (first-order), Aroian (+ sa²sb²) and Goodman (− sa²sb²) tests of the indirect effect a·b. */
export function sobel(a: number, sa: number, b: number, sb: number): SobelResult {
  const ab = a * b;
  const mk = (v: number) => {
    const se = Math.sqrt(v);
    const z = ab / se;
    return { z, se, p_value: pt2(z, Infinity) };
  };
  const base = b * b * sa * sa + a * a * sb * sb;
  return { indirect: ab, sobel: mk(base), aroian: mk(base + sa * sa * sb * sb), goodman: mk(base - sa * sa * sb * sb) };
}

export interface MediationOptions extends FeolsOptions {
  x: string;
  m: string;
  y: string;
  controls?: string[];
  /** Fixed effects part, e.g. "city + year". */
  fe?: string;
  bootstrap?: { draws?: number; seed: number; cluster?: string; level?: number };
}

export interface MediationResult {
  total: PanelFit;
  aPath: PanelFit;
  bPath: PanelFit;
  a: number;
  b: number;
  direct: number;
  totalEffect: number;
  indirect: number;
  share: number;
  tests: SobelResult;
  bootstrap?: { draws: number; seed: number; percentile: [number, number]; biasCorrected: [number, number] };
}

/** The three Baron–Kenny regressions (y on x; m on x; y on x and m, same controls and FE), Sobel tests and bootstrap. */
export function mediation(data: PanelData, o: MediationOptions): MediationResult {
  const t = asTable(data);
  const ctrl = (o.controls ?? []).map((c) => ` + ${c}`).join("");
  const fe = o.fe ? ` | ${o.fe}` : "";
  const f0 = `${o.y} ~ ${o.x}${ctrl}${fe}`;
  const f1 = `${o.m} ~ ${o.x}${ctrl}${fe}`;
  const f2 = `${o.y} ~ ${o.x} + ${o.m}${ctrl}${fe}`;
  const run = (d: PanelData) => [feols(d, f0, o), feols(d, f1, o), feols(d, f2, o)] as const;
  const [total, aPath, bPath] = run(t);
  const a = aPath.coef(o.x);
  const b = bPath.coef(o.m);
  const tests = sobel(a, aPath.stdError(o.x), b, bPath.stdError(o.m));
  const res: MediationResult = { total, aPath, bPath, a, b, direct: bPath.coef(o.x), totalEffect: total.coef(o.x), indirect: a * b, share: (a * b) / total.coef(o.x), tests };
  if (o.bootstrap) {
    const draws = o.bootstrap.draws ?? 1000;
    const rng = createRng(o.bootstrap.seed, "mediation bootstrap");
    const units = o.bootstrap.cluster ? t.str(o.bootstrap.cluster) : Array.from({ length: t.nRows }, (_, i) => String(i));
    const byUnit = new Map<string, number[]>();
    units.forEach((u, i) => (byUnit.get(u) ?? byUnit.set(u, []).get(u)!).push(i));
    // clusters in label order, so the draws do not depend on the file's row order
    const keys = [...byUnit.keys()].sort(compareLabels);
    const est: number[] = [];
    const cl = o.bootstrap.cluster;
    // only the two coefficients are needed: refit on row indices (bit-identical to feols' coef), else feols
    const refit = refitDesign(t, [f1, f2], { ...o, vcov: "iid" }, cl);
    for (let d = 0; d < draws; d++) {
      const idx: number[] = [];
      const draw: number[] = [];
      const drawn: string[] = [];
      for (let j = 0; j < keys.length; j++) {
        const key = keys[rng.integer(0, keys.length)];
        drawn.push(key);
        for (const i of byUnit.get(key)!) {
          idx.push(i);
          draw.push(j);
        }
      }
      // A cluster drawn twice enters as two clusters with their own fixed effects (Stata's idcluster()).
      if (refit) {
        const [va, vb] = refit.coefs(idx, [[0, o.x], [1, o.m]], cl ? Int32Array.from(draw) : undefined);
        est.push(va * vb);
        continue;
      }
      const bt = cl ? t.take(idx).with(cl, draw.map((j) => `${drawn[j]}#${j}`)) : t.take(idx);
      const va = feols(bt, f1, { ...o, vcov: "iid" }).coef(o.x);
      const vb = feols(bt, f2, { ...o, vcov: "iid" }).coef(o.m);
      est.push(va * vb);
    }
    est.sort((p, q) => p - q);
    const level = o.bootstrap.level ?? 0.95;
    const alpha = (1 - level) / 2;
    const pick = (p: number) => est[Math.min(est.length - 1, Math.max(0, Math.ceil(p * est.length) - 1))];
    const z0 = normalQuantile(Math.max(1e-12, Math.min(1 - 1e-12, est.filter((v) => v < a * b).length / est.length)));
    const zl = normalQuantile(alpha);
    const bc = (zz: number) => normalCdf(2 * z0 + zz);
    res.bootstrap = { draws, seed: o.bootstrap.seed, percentile: [pick(alpha), pick(1 - alpha)], biasCorrected: [pick(bc(zl)), pick(bc(-zl))] };
  }
  return res;
}

/** Marginal effect of `x` at moderator values: b_x + b_{x:m}·m with delta-method SE from the fit's vcov. */
export function margins(fit: PanelFit, x: string, moderator: string, at: number[]): { at: number; effect: number; std_error: number; statistic: number; p_value: number }[] {
  const k = fit.names.length;
  const ix = fit.names.indexOf(x);
  let ii = fit.names.indexOf(`${x}:${moderator}`);
  if (ii < 0) ii = fit.names.indexOf(`${moderator}:${x}`);
  if (ix < 0 || ii < 0) throw new Error(`margins: need coefficients "${x}" and "${x}:${moderator}" (have: ${fit.names.join(", ")})`);
  return at.map((m) => {
    const eff = fit.coefficients[ix] + m * fit.coefficients[ii];
    const v = fit.vcov[ix * k + ix] + m * m * fit.vcov[ii * k + ii] + 2 * m * fit.vcov[ix * k + ii];
    const se = Math.sqrt(v);
    return { at: m, effect: eff, std_error: se, statistic: eff / se, p_value: pt2(eff / se, fit.df) };
  });
}

/** Centre a column at its mean (for moderation with centred interaction terms). */
export function center(x: ArrayLike<number>): Float64Array {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) (s += x[i]), n++;
  const m = s / n;
  return Float64Array.from(x, (v) => v - m);
}
