/**
 * Propensity score matching in one call: score (logit/probit), matching, balance, ATT (weighted difference in
 * matched means; Abadie–Imbens SE for nearest-neighbour matching with replacement, otherwise the SE of the
 * weighted regression of y on the treatment with the matching weights, as psmatch2's unadjusted t).
 */
import { PanelData, asTable } from "../panel";
import { Figure } from "../display/figure";
import { BalanceRow, balanceTable, scoreDensityFigure } from "./balance";
import { MatchOptions, MatchResult, abadieImbens, attFromWeights, matchScores } from "./matching";
import { Link, PscoreResult, pscore } from "./pscore";
import { ModelResult, coefRow, pointRow, withResult } from "../core/result";

export interface PsmOptions extends MatchOptions {
  treatment: string;
  covariates: string[];
  outcome?: string;
  link?: Link;
  /** Abadie–Imbens conditional-variance neighbours (default 2). */
  aiNeighbours?: number;
}

export interface PsmResult extends ModelResult {
  pscore: PscoreResult;
  matching: MatchResult;
  balance: BalanceRow[];
  att?: number;
  att_se?: number;
  att_se_method?: string;
  densityFigure(title?: string): Figure;
}

export function psm(data: PanelData, opts: PsmOptions): PsmResult {
  const t = asTable(data);
  const ps = pscore(t, { treatment: opts.treatment, covariates: opts.covariates, link: opts.link });
  const m = matchScores(ps.score, ps.treat, opts);
  const cols: Record<string, Float64Array> = {};
  for (const c of opts.covariates) cols[c] = t.num(c);
  const balance = balanceTable(cols, ps.treat, m.weights);
  let attDf = Infinity;
  const res: Omit<PsmResult, keyof ModelResult> = { pscore: ps, matching: m, balance, densityFigure: (title) => scoreDensityFigure(ps.score, ps.treat, m.weights, title) };
  if (opts.outcome) {
    const y = t.num(opts.outcome);
    res.att = attFromWeights(y, ps.treat, m.weights);
    const method = opts.method ?? "nearest";
    if (method === "nearest" && opts.replace && opts.caliper === undefined && (opts.discard ?? "none") === "none") {
      const ai = abadieImbens(ps.score, ps.treat, y, opts.ratio ?? 1, opts.aiNeighbours ?? 2);
      res.att_se = ai.std_error;
      res.att_se_method = `Abadie–Imbens (M = ${opts.ratio ?? 1}, J = ${opts.aiNeighbours ?? 2}; score taken as known)`;
    } else {
      // weighted least squares of y on treat with the matching weights (psmatch2's t-test on the matched sample)
      let st = 0, wt = 0, sc = 0, wc = 0;
      for (let i = 0; i < y.length; i++) {
        const w = m.weights[i];
        if (!(w > 0)) continue;
        if (ps.treat[i]) (st += w * y[i]), (wt += w);
        else (sc += w * y[i]), (wc += w);
      }
      const mt = st / wt, mc = sc / wc;
      let ss = 0;
      for (let i = 0; i < y.length; i++) {
        const w = m.weights[i];
        if (w > 0) ss += w * (y[i] - (ps.treat[i] ? mt : mc)) ** 2;
      }
      const s2 = ss / (wt + wc - 2);
      attDf = wt + wc - 2;
      res.att_se = Math.sqrt(s2 * (1 / wt + 1 / wc));
      res.att_se_method = "weighted two-group t (matched sample, weights as frequency; ignores matching uncertainty)";
    }
  }
  return withResult(res, (r) => ({
    title: `Propensity-score matching (${r.matching.method}${opts.replace ? ", with replacement" : ""}): ${opts.outcome ?? "no outcome"} on ${opts.treatment}`,
    header: () => [
      `Observations: ${r.pscore.score.length}; matched treated ${r.matching.matched_treated}, matched controls ${r.matching.matched_control}; score: ${r.pscore.link} on ${opts.covariates.join(", ")}`,
      `Standard errors: ${r.att_se_method ?? "no outcome given"}`,
    ],
    // ATT first (t with the matched sample's df, or z for Abadie–Imbens), then the score model's coefficients
    tidy: () => [
      ...(r.att !== undefined ? [r.att_se !== undefined ? coefRow("ATT", r.att, r.att_se, attDf) : pointRow("ATT", r.att)] : []),
      ...r.pscore.tidy().map((c) => coefRow(`pscore: ${c.term}`, c.estimate, c.std_error)),
    ],
    glance: () => ({
      nobs: r.pscore.score.length,
      inference: `ATT: ${r.att_se_method ?? "none"}; score model: ML, z (normal)`,
      matched_treated: r.matching.matched_treated,
      matched_control: r.matching.matched_control,
      method: r.matching.method,
      caliper: r.matching.caliper,
      pscore_log_likelihood: r.pscore.loglik,
    }),
    notes: () => [],
  }));
}
