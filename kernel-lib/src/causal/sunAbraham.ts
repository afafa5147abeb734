/**
 * Sun & Abraham (2021) interaction-weighted event study: y = Σ_g Σ_{e≠−1} δ_{g,e} 1{G=g, t−g=e} + X'γ + α_i
 * + λ_t + ε with the never-treated (default) or the last-treated cohort as the control (that cohort's
 * dummies are left out and its post-adoption periods dropped), fitted by feols with cluster-robust SEs; the
 * relative-time effect is Σ_g w_{g,e} δ_{g,e} with cohort shares w_{g,e} = n_g / Σ_{g' observed at e} n_g'
 * and its SE √(w'Vw) (weights taken as fixed, as fixest's sunab aggregation); the overall ATT weights the
 * post cells (e ≥ 0) by their cohort sizes.
 */
import { PanelData } from "../panel";
import { feols } from "../panel";
import { PanelFit } from "../panel";
import { Figure } from "../display/figure";
import { eventStudyFigure, zCrit } from "./eventStudy";
import { StaggerSpec, VcovChoice, feolsOpts, relName, stagger } from "./util";

export interface SunAbrahamOptions extends StaggerSpec, VcovChoice {
  y: string;
  covariates?: string[];
  control?: "never" | "last";
  level?: number;
}

export interface SunAbrahamResult {
  cohort: { group: number; rel_time: number; term: string; estimate: number; std_error: number }[];
  event: { rel_time: number; estimate: number; std_error: number; conf_low: number; conf_high: number }[];
  att: number;
  att_se: number;
  fit: PanelFit;
  figure(title?: string): Figure;
}

export function sunAbraham(data: PanelData, opts: SunAbrahamOptions): SunAbrahamResult {
  const s = stagger(data, opts);
  let cohorts = [...new Set(s.cohortOfUnit)].filter((g) => g > 0).sort((a, b) => a - b);
  let controlCohort = 0;
  let keepRows: number[] | undefined;
  if ((opts.control ?? "never") === "last") {
    controlCohort = cohorts[cohorts.length - 1];
    cohorts = cohorts.slice(0, -1);
    keepRows = [];
    for (let i = 0; i < s.time.length; i++) if (s.time[i] < controlCohort) keepRows.push(i);
  } else if (!s.cohortOfUnit.some((g) => g === 0)) throw new Error("sunAbraham: no never-treated units; use control: \"last\"");
  let t = s.table;
  const terms: { group: number; rel: number; name: string }[] = [];
  const n = t.nRows;
  const t0 = s.times[0];
  const t1 = keepRows ? controlCohort - 1 : s.times[s.times.length - 1];
  for (const g of cohorts)
    for (let e = t0 - g; e <= t1 - g; e++) {
      if (e === -1) continue;
      const col = new Float64Array(n);
      let any = false;
      for (let i = 0; i < n; i++) if (s.cohortOfRow[i] === g && s.time[i] - g === e) (col[i] = 1), (any = true);
      if (!any) continue;
      const name = `sa_${g}_${relName(e)}`;
      t = t.with(name, col);
      terms.push({ group: g, rel: e, name });
    }
  if (keepRows) t = t.take(keepRows);
  const rhs = [...terms.map((z) => z.name), ...(opts.covariates ?? [])].join(" + ");
  const fit = feols(t, `${opts.y} ~ ${rhs} | ${opts.id} + ${opts.time}`, feolsOpts(opts, opts.id, opts.time, opts.level));
  const k = fit.names.length;
  const idx = terms.map((z) => fit.names.indexOf(z.name));
  const ng = new Map(cohorts.map((g) => [g, s.cohortOfUnit.reduce((a, v) => a + (v === g ? 1 : 0), 0)]));
  const combine = (sel: number[], w: number[]) => {
    let est = 0, v = 0;
    sel.forEach((a, p) => {
      est += w[p] * fit.coefficients[idx[a]];
      sel.forEach((b, q) => (v += w[p] * w[q] * fit.vcov[idx[a] * k + idx[b]]));
    });
    return { est, se: Math.sqrt(v) };
  };
  const cohort = terms.map((z, a) => ({ group: z.group, rel_time: z.rel, term: z.name, estimate: idx[a] >= 0 ? fit.coefficients[idx[a]] : NaN, std_error: idx[a] >= 0 ? fit.se[idx[a]] : NaN }));
  const ok = (a: number) => idx[a] >= 0;
  const rels = [...new Set(terms.map((z) => z.rel))].sort((a, b) => a - b);
  const zc = zCrit(opts.level ?? 0.95);
  const event = rels.map((e) => {
    const sel = terms.map((z, a) => (z.rel === e && ok(a) ? a : -1)).filter((a) => a >= 0);
    const tot = sel.reduce((a, q) => a + ng.get(terms[q].group)!, 0);
    const r = combine(sel, sel.map((q) => ng.get(terms[q].group)! / tot));
    return { rel_time: e, estimate: r.est, std_error: r.se, conf_low: r.est - zc * r.se, conf_high: r.est + zc * r.se };
  });
  const post = terms.map((z, a) => (z.rel >= 0 && ok(a) ? a : -1)).filter((a) => a >= 0);
  const tot = post.reduce((a, q) => a + ng.get(terms[q].group)!, 0);
  const o = combine(post, post.map((q) => ng.get(terms[q].group)! / tot));
  return { cohort, event, att: o.est, att_se: o.se, fit, figure: (title = "Sun–Abraham event study") => eventStudyFigure([...event, { rel_time: -1, estimate: 0, conf_low: 0, conf_high: 0 }].sort((a, b) => a.rel_time - b.rel_time), title, opts.level ?? 0.95) };
}
