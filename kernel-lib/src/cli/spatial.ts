/**
 * CLI families `regionlab moran` and `regionlab spatial` (register in cli/index.ts FAMILIES). Bad input (unknown
 * option, missing column, non-numeric cell, weights ids that do not match the data) exits 2 with one line
 * naming file, row and column.
 */
import { Family, ParsedArgs, UsageError, checkKnown, choice, one, printJson, requireConverged, requireFinite } from "./args";
import { DataError } from "../data/errors";
import { readTable } from "../data/table";
import { impacts } from "../spatial/effects";
import { FixedEffects, SpatialModel, fitSpatial } from "../spatial/ml";
import { MoranAlternative, moranI } from "../spatial/moran";
import { spatialData } from "../spatial/regression";
import { alignWeights, readWeightsCsv } from "../spatial/weights";

function int(p: ParsedArgs, key: string, def: number, min = 0): number {
  const v = one(p, key);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${key} must be an integer ≥ ${min}, got "${v}"`);
  return n;
}

/**
 * The first column that is (numerically) a linear combination of the ones before it, by modified
 * Gram–Schmidt with a relative tolerance; undefined when the columns are independent.
 */
function collinearColumn(cols: readonly Float64Array[], names: readonly string[], tol = 1e-10): string | undefined {
  const basis: Float64Array[] = [];
  for (let j = 0; j < cols.length; j++) {
    const v = Float64Array.from(cols[j]);
    const norm0 = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    for (const q of basis) {
      let r = 0;
      for (let i = 0; i < v.length; i++) r += q[i] * v[i];
      for (let i = 0; i < v.length; i++) v[i] -= r * q[i];
    }
    const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    if (!(norm > tol * Math.max(norm0, 1e-300)) || norm0 === 0) return names[j];
    basis.push(v.map((x) => x / norm));
  }
  return undefined;
}

export const moranFamily: Family = {
  summary: "global Moran's I (normality, randomisation, permutation test) of one variable",
  booleans: ["json", "no-standardize"],
  help: `regionlab moran --data <csv> --var <col> --weights <csv> [--id <col>] [--no-standardize]
       [--permutations N] [--seed S] [--alternative greater|less|two.sided] [--json]

The weights CSV is a dense matrix whose header holds the unit ids; without --id its order must be the order
of the data rows, with --id rows are matched by id. W is row-standardised unless --no-standardize. p-values
are one-sided ("greater", as spdep moran.test and Stata spatgsa) unless --alternative says otherwise.
--json prints { "I", "expected", "variance_normal", "variance_randomization", "z_normal",
"z_randomization", "p_normal", "p_randomization", "alternative", "n" [, "permutation"] }.`,
  run(p, io) {
    checkKnown(p, ["data", "var", "weights", "id", "no-standardize", "permutations", "seed", "alternative", "json"]);
    const data = one(p, "data", true)!;
    const v = one(p, "var", true)!;
    const wf = one(p, "weights", true)!;
    const alternative = choice(p, "alternative", ["greater", "less", "two.sided"] as const, "greater") as MoranAlternative;
    const permutations = int(p, "permutations", 0);
    const seed = int(p, "seed", 12345);
    const t = readTable(data);
    const x = t.num(v);
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw t.cellError(i, v, "", "a finite number (Moran's I needs every cell)");
    if (x.every((z) => z === x[0])) throw new DataError([{ file: data, column: v, value: String(x[0]), expected: `a variable that varies (every row holds ${x[0]}; Moran's I is 0/0 for a constant)` }]);
    let w = readWeightsCsv(wf);
    const idCol = one(p, "id");
    if (idCol) w = alignWeights(w, t.str(idCol), wf);
    else if (w.n !== t.nRows) throw new DataError([{ file: wf, row: 0, expected: `${t.nRows} unit ids in the header (one per data row of ${data}), found ${w.n}` }]);
    if (!p.bools.has("no-standardize")) {
      const isl = w.islands();
      if (isl.length) throw new DataError([{ file: wf, column: isl[0], value: isl[0], expected: "a neighbour for every unit (an island cannot be row-standardised; pass --no-standardize or fix W)" }]);
      w = w.rowStandardize();
    }
    const r = moranI(x, w, { alternative, permutations, seed });
    requireFinite(r);
    if (p.bools.has("json")) printJson(io, r);
    else {
      io.out(`Moran's I of ${v}: ${r.I.toFixed(6)} (E = ${r.expected.toFixed(6)})`);
      io.out(`normality:     var ${r.variance_normal.toExponential(6)}  z ${r.z_normal.toFixed(4)}  p ${r.p_normal.toExponential(4)}`);
      io.out(`randomisation: var ${r.variance_randomization.toExponential(6)}  z ${r.z_randomization.toFixed(4)}  p ${r.p_randomization.toExponential(4)}`);
      if (r.permutation) io.out(`permutation (${r.permutation.permutations}, seed ${r.permutation.seed}): p ${r.permutation.p.toFixed(4)}`);
    }
    return 0;
  },
};

export const spatialFamily: Family = {
  summary: "ML spatial regression: SAR, SEM, SDM (cross-section or panel with fixed effects) and effects",
  booleans: ["json", "lee-yu", "no-standardize"],
  help: `regionlab spatial --data <csv> --formula "y ~ x1 + x2" --weights <csv> --model sar|sem|sdm
       [--id <col> --time <col> --effects individual|time|twoways] [--lee-yu] [--no-standardize]
       [--logdet auto|eigen|lu|mc] [--panel-lag demeaned-lag|lag-of-demeaned] [--draws N] [--seed S] [--json]

Cross-section: without --id, the weights header order is the data row order; with --id, rows are matched by
id. Panel (--time): balanced, every unit of the data in W and vice versa; effects default twoways (Elhorst).
--lee-yu uses the Lee–Yu (2010) transformation approach. W is row-standardised unless --no-standardize.
--logdet: auto (eigenvalues for small N, exact sparse LU beyond), or one of eigen, lu (both exact), mc (Barry–Pace
Monte Carlo approximation; a notice with its error bound goes to stderr). --panel-lag lag-of-demeaned reproduces
splm's W(Qy) in two-way panels (default demeaned-lag, Q(Wy), the ML estimator; see README).
--json prints { "model", "rho" or "lambda", "rho_se", "coefficients": [{ "term", "estimate", "se", "z",
"p" }], "log_likelihood", "sigma2", "n", "logdet": { "method", "description" }, "panel_lag", "impacts": [{ "term", "direct", "indirect", "total", "se", "p" }] }.`,
  run(p, io) {
    checkKnown(p, ["data", "formula", "weights", "model", "id", "time", "effects", "lee-yu", "no-standardize", "draws", "seed", "json", "logdet", "panel-lag"]);
    const data = one(p, "data", true)!;
    const formula = one(p, "formula", true)!;
    const wf = one(p, "weights", true)!;
    const model = choice(p, "model", ["sar", "sem", "sdm"] as const)! as SpatialModel;
    if (!model) throw new UsageError("--model is required (sar|sem|sdm)");
    const id = one(p, "id");
    const time = one(p, "time");
    const effectsArg = choice(p, "effects", ["individual", "time", "twoways", "none"] as const);
    if (time && !id) throw new UsageError("--time needs --id");
    if (effectsArg && effectsArg !== "none" && !time) throw new UsageError("--effects needs a panel (--id and --time)");
    const draws = int(p, "draws", 1000);
    const seed = int(p, "seed", 20240607);
    const t = readTable(data);
    let w = readWeightsCsv(wf);
    if (!p.bools.has("no-standardize")) {
      const isl = w.islands();
      if (isl.length) throw new DataError([{ file: wf, column: isl[0], value: isl[0], expected: "a neighbour for every unit (pass --no-standardize or fix W)" }]);
      w = w.rowStandardize();
    }
    let d;
    try {
      d = spatialData(t, { formula, weights: w, weightsSource: wf, id, time });
    } catch (e) {
      if (e instanceof DataError) throw e;
      throw new UsageError((e as Error).message);
    }
    const effects: FixedEffects = d.T > 1 ? effectsArg ?? "twoways" : "none";
    const dep = collinearColumn(effects === "none" ? [new Float64Array(d.y.length).fill(1), ...d.x] : d.x, effects === "none" ? ["(Intercept)", ...d.xNames] : d.xNames);
    if (dep) throw new DataError([{ file: data, column: dep, expected: `a regressor that is not a linear combination of the others${effects === "none" ? " and the intercept" : ""} (it is collinear; drop it from --formula)` }]);
    const logdetMethod = choice(p, "logdet", ["auto", "eigen", "lu", "mc"] as const, "auto")!;
    const panelLag = choice(p, "panel-lag", ["demeaned-lag", "lag-of-demeaned"] as const);
    const fit = fitSpatial({ y: d.y, x: d.x, xNames: d.xNames, w: d.w, model, T: d.T, effects, leeYu: p.bools.has("lee-yu"), logdetMethod, panelLag });
    if (fit.logdetMethod === "mc") io.err(`notice: log-determinant ${fit.logdetDescription}`);
    requireConverged(`the ${model.toUpperCase()} likelihood`, fit.convergence);
    const imp = impacts(fit, { draws, seed });
    const out: Record<string, unknown> = { model, effects, lee_yu: fit.leeYu };
    if (model === "sem") out.lambda = fit.lambda;
    else out.rho = fit.rho;
    out.rho_se = fit.rhoSe;
    out.coefficients = fit.coefficients;
    out.log_likelihood = fit.log_likelihood;
    out.sigma2 = fit.sigma2;
    out.n = fit.nObs;
    out.convergence = fit.convergence;
    out.logdet = { method: fit.logdetMethod, description: fit.logdetDescription };
    if (fit.panelLag) out.panel_lag = fit.panelLag;
    out.impacts = imp.map((r) => ({ term: r.term, direct: r.direct, indirect: r.indirect, total: r.total, se: r.se, p: r.p }));
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, out);
    else {
      io.out(`${model.toUpperCase()}${d.T > 1 ? ` panel, ${effects} effects${fit.leeYu ? " (Lee–Yu)" : ""}` : ""}: ${model === "sem" ? "lambda" : "rho"} = ${(fit.rho ?? fit.lambda)!.toFixed(6)} (se ${fit.rhoSe.toFixed(6)}), logLik ${fit.log_likelihood.toFixed(4)}, sigma2 ${fit.sigma2.toFixed(6)}`);
      io.out(`log-determinant: ${fit.logdetDescription}${fit.panelLag ? `; panel lag: ${fit.panelLag}` : ""}`);
      io.out("term\testimate\tse\tz\tp");
      for (const c of fit.coefficients) io.out(`${c.term}\t${c.estimate.toFixed(6)}\t${c.se.toFixed(6)}\t${c.z.toFixed(3)}\t${c.p.toFixed(4)}`);
      io.out("term\tdirect\tindirect\ttotal");
      for (const r of imp) io.out(`${r.term}\t${r.direct.toFixed(6)}\t${r.indirect.toFixed(6)}\t${r.total.toFixed(6)}`);
    }
    return 0;
  },
};
