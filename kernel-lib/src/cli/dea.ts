/**
 * CLI families `regionlab dea` and `regionlab malmquist` (register in cli/index.ts FAMILIES).
 * Bad input (unknown option, missing column, text or empty or negative cell, unbalanced panel) exits 2 with one
 * line naming file, row and column.
 */
import { Family, ParsedArgs, UsageError, checkKnown, choice, listFlag as list, one, printJson, progressOf, requireFinite } from "./args";
import { Convergence } from "../data/report";
import { readTable } from "../data/table";
import { DeaData, DeaInputError, deaDataFrom } from "../dea/data";
import { malmquist, productivityIndex } from "../dea/malmquist";
import { DeaOptions, dea } from "../dea/run";

/** Read the CSV into DeaData, failing with file/row/column for every bad cell. */
function loadData(p: ParsedArgs, periodRequired: boolean): DeaData {
  const file = one(p, "data", true)!;
  const dmuCol = one(p, "dmu", true)!;
  const periodCol = one(p, "period", periodRequired);
  const inputs = list(one(p, "inputs", true));
  const outputs = list(one(p, "outputs", true));
  const bad = list(one(p, "undesirable"));
  if (!inputs.length) throw new UsageError("--inputs needs at least one column");
  if (!outputs.length) throw new UsageError("--outputs needs at least one column");
  return deaDataFrom(readTable(file), { dmu: dmuCol, period: periodCol, inputs, outputs, undesirable: bad });
}

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DeaInputError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * The LP solves of a DEA run in one line: ok when every LP ended optimal or infeasible (an infeasible
 * super-efficiency LP is an answer, flagged per row); an LP that hit its iteration limit or was unbounded
 * has no score (its row is flagged infeasible with efficiency null) and is reported here.
 */
function lpConvergence(rows: readonly { status: string; iterations: number; dmu: string; period?: string | number | null }[]): Convergence {
  const bad = rows.filter((r) => r.status !== "optimal" && r.status !== "infeasible");
  const iterations = rows.reduce((a, r) => a + r.iterations, 0);
  if (!bad.length) return { ok: true, iterations, message: `${rows.length} LPs solved (simplex pivots in all: ${iterations})` };
  const first = bad[0];
  return { ok: false, iterations, message: `${bad.length} of ${rows.length} LPs did not solve (first: DMU ${first.dmu}${first.period != null ? ` period ${first.period}` : ""}, ${first.status}); their efficiency is null` };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(4));

export const deaFamily: Family = {
  summary: "DEA efficiency: CCR, BCC, SBM, super-SBM (undesirable outputs), additive, DDF; panel frontiers",
  booleans: ["json", "super"],
  help: `regionlab dea --data <csv> --dmu <col> [--period <col>] --inputs a,b,c --outputs y [--undesirable w]
       --model ccr|bcc|sbm|super-sbm|additive|ddf|radial --orientation input|output|non --rts crs|vrs|nirs|ndrs
       [--frontier contemporaneous|global|sequential|window] [--window <width>] [--super]
       [--infeasible flag|nonOriented|one] [--backend simplex|jsLpSolver] [--json]

--json prints { "results": [{ "dmu", "period", "efficiency", "infeasible", "slacks", "peers", "targets", ... }] }.
Super-SBM: SBM-inefficient DMUs keep their SBM score, efficient ones get δ ≥ 1; an infeasible super-efficiency
LP (VRS) is kept with "infeasible": true and --infeasible decides the score (flag = null, default). --super makes
the radial models Andersen–Petersen super-efficiency. Negative data are refused (exit 2).`,
  run(p, io) {
    checkKnown(p, ["data", "dmu", "period", "inputs", "outputs", "undesirable", "model", "orientation", "rts", "frontier", "window", "super", "infeasible", "backend", "json"]);
    const model = choice(p, "model", ["ccr", "bcc", "radial", "additive", "sbm", "super-sbm", "ddf"] as const, "sbm")!;
    const orientation = choice(p, "orientation", ["input", "output", "non"] as const);
    const rts = choice(p, "rts", ["crs", "vrs", "nirs", "ndrs"] as const);
    const frontier = choice(p, "frontier", ["contemporaneous", "global", "sequential", "window"] as const);
    const infeasible = choice(p, "infeasible", ["flag", "nonOriented", "one"] as const);
    const backend = choice(p, "backend", ["simplex", "jsLpSolver"] as const);
    const w = one(p, "window");
    if (w !== undefined && !(Number.isInteger(Number(w)) && Number(w) >= 1)) throw new UsageError(`--window must be a positive integer, got "${w}"`);
    if (frontier && !one(p, "period")) throw new UsageError("--frontier needs --period");
    const data = loadData(p, false);
    const opts: DeaOptions = { model, orientation, rts, frontier, window: w ? Number(w) : undefined, infeasible, backend, superEfficiency: p.bools.has("super") };
    const bar = progressOf(io, "dea");
    const results = guard(() => dea(data, { ...opts, onProgress: bar.update }));
    bar.done();
    const convergence = lpConvergence(results);
    if (!convergence.ok) io.err(`regionlab dea: warning: ${convergence.message}`);
    requireFinite(results.map((r) => ({ efficiency: r.efficiency })));
    if (p.bools.has("json")) {
      printJson(io, { model, orientation: orientation ?? null, rts: rts ?? null, frontier: frontier ?? null, convergence, results: results.map(({ iterations, ...r }) => (void iterations, { period: null, ...r })) });
    } else {
      io.out(`dmu\tperiod\tefficiency\tinfeasible`);
      for (const r of results) io.out(`${r.dmu}\t${r.period ?? ""}${r.window ? ` [${r.window}]` : ""}\t${fmt(r.efficiency)}\t${r.infeasible ? "yes" : ""}`);
    }
    return 0;
  },
};

export const malmquistFamily: Family = {
  summary: "Malmquist (DEAP 2.1), Malmquist–Luenberger and global ML productivity indices on a balanced panel",
  booleans: ["json"],
  help: `regionlab malmquist --data <csv> --dmu <col> --period <col> --inputs a,b --outputs y [--undesirable w]
       [--index malmquist|ml|gml|global] [--model radial|ddf|sbm|super-sbm] [--rts crs|vrs]
       [--orientation input|output] [--backend simplex|jsLpSolver] [--json]

--index malmquist (default) is DEAP 2.1's adjacent Malmquist (CRS index, VRS for PECH/SECH; --orientation
output by default) and prints effch, techch, pech, sech, tfpch; ml and gml (Oh 2010) use --model ddf (default) or
super-sbm with the undesirable outputs and print effch, techch, tfpch (pech, sech null) and cumulative indices.
"period" is the later period of each pair, as DEAP prints. --json prints { "results": [...], "byPeriod", "byDmu", "mean" }.`,
  run(p, io) {
    checkKnown(p, ["data", "dmu", "period", "inputs", "outputs", "undesirable", "index", "model", "rts", "orientation", "backend", "json"]);
    const index = choice(p, "index", ["malmquist", "ml", "gml", "global"] as const, "malmquist")!;
    const model = choice(p, "model", ["radial", "ddf", "sbm", "super-sbm"] as const);
    const rts = choice(p, "rts", ["crs", "vrs", "nirs", "ndrs"] as const);
    const orientation = choice(p, "orientation", ["input", "output"] as const);
    const backend = choice(p, "backend", ["simplex", "jsLpSolver"] as const);
    const data = loadData(p, true);
    let out: { results: object[]; byPeriod: object[]; byDmu: object[]; mean: object };
    if (index === "malmquist" && !model) {
      if (data.B) throw new UsageError("--undesirable needs --index ml or gml (DEAP's Malmquist has no undesirable outputs)");
      if (rts && rts !== "crs") throw new UsageError("DEAP's Malmquist uses CRS for the index and VRS for the decomposition; drop --rts");
      const m = guard(() => malmquist(data, { orientation, backend }));
      out = { results: m.results, byPeriod: m.byPeriod, byDmu: m.byDmu, mean: m.mean };
    } else {
      const r = guard(() => productivityIndex(data, { index, model, rts, orientation, backend }));
      out = { results: r.results, byPeriod: r.byPeriod, byDmu: r.byDmu, mean: r.mean };
    }
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, { index, ...out });
    else {
      io.out(`dmu\tperiod\teffch\ttechch\tpech\tsech\ttfpch`);
      for (const r of out.results as { dmu: string; period: string | number; effch: number | null; techch: number | null; pech: number | null; sech: number | null; tfpch: number | null }[])
        io.out(`${r.dmu}\t${r.period}\t${fmt(r.effch)}\t${fmt(r.techch)}\t${fmt(r.pech)}\t${fmt(r.sech)}\t${fmt(r.tfpch)}`);
    }
    return 0;
  },
};
