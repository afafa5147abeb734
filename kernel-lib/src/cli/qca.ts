/**
 * CLI family `regionlab qca` (register in cli/index.ts FAMILIES as `qca: qcaFamily`).
 * Bad input (unknown option, missing column, empty or text cell, membership outside [0, 1] without
 * calibration) exits 2 with one line naming file, row and column.
 */
import { Family, ParsedArgs, UsageError, numberFlag as num, one } from "./args";
import { DataError } from "../data/errors";
import { readTable } from "../data/table";
import { formatNumber } from "../display/html";
import { CalibrationSpec, calibrateColumn, parseCalibration } from "../qca/analysis";
import { CalibrationError, CalibrationVariant } from "../qca/calibrate";
import { SolutionType, minimize, parseDirExp } from "../qca/minimize";
import { QcaInputError, qcaData, truthTable } from "../qca/truthTable";

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof QcaInputError || e instanceof CalibrationError) throw new UsageError(e.message);
    throw e;
  }
}

const KNOWN = ["data", "outcome", "conditions", "calibrate", "calibration", "incl-cut", "pri-cut", "n-cut", "solution", "dir-exp", "case", "json"];

export const qcaFamily: Family = {
  summary: "fuzzy-set QCA: calibration, truth table, complex/parsimonious/intermediate solutions (R QCA notation)",
  booleans: ["json"],
  help: `regionlab qca --data <csv> --outcome <col> --conditions a,b,c [--calibrate "a:e,c,i;b:e,c,i"]
       --incl-cut 0.8 [--pri-cut p] [--n-cut 1] --solution complex|parsimonious|intermediate
       [--dir-exp "a,~b,c:-"] [--calibration rqca|fsqca] [--case <col>] [--json]

Columns not named in --calibrate must already hold memberships in [0, 1]. --calibrate takes direct anchors
(full non-membership e, crossover c, full membership i), or "a:crisp:t1,t2" / "a:indirect:t1,...,tk".
--calibration rqca (default) follows R QCA's calibrate() (idm 0.95); fsqca follows fsQCA 3.0 (log odds ±3,
0.953/0.5/0.047). --outcome "~Y" analyses the negated outcome. --incl-cut "0.8,0.75" codes rows with
0.75 ≤ incl < 0.8 as contradictions. --dir-exp lists the conditions expected to contribute when present
("a"), when absent ("~a" or "a:0"), or either ("a:-"); unlisted conditions are "don't care".
--json prints { "solutions": [{ "terms": [{ "expression", "inclusion", "pri", "raw_coverage",
"unique_coverage" }], "inclusion", "coverage" }] }; several solutions are printed when the PI chart ties.`,
  run(p, io) {
    for (const k of [...Object.keys(p.flags), ...p.bools]) if (!KNOWN.includes(k)) throw new UsageError(`unknown option --${k} (see --help)`);
    const file = one(p, "data", true)!;
    const outcome = one(p, "outcome", true)!.trim();
    const conditions = (one(p, "conditions", true) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!conditions.length) throw new UsageError("--conditions needs at least one column");
    if (new Set(conditions).size !== conditions.length) throw new UsageError("--conditions lists a column twice");
    const solution = one(p, "solution", true) as SolutionType;
    if (!["complex", "parsimonious", "intermediate"].includes(solution)) throw new UsageError(`--solution must be complex|parsimonious|intermediate, got "${solution}"`);
    const variant = (one(p, "calibration") ?? "rqca") as CalibrationVariant;
    if (variant !== "rqca" && variant !== "fsqca") throw new UsageError(`--calibration must be rqca|fsqca, got "${variant}"`);
    const icRaw = one(p, "incl-cut", true)!;
    const ic = icRaw.split(",").map((s) => Number(s.trim()));
    if (!(ic.length === 1 || ic.length === 2) || ic.some((v) => !(v >= 0 && v <= 1)) || (ic.length === 2 && ic[1] > ic[0]))
      throw new UsageError(`--incl-cut must be a number in [0, 1] or "ic1,ic0" with ic0 ≤ ic1, got "${icRaw}"`);
    const priCut = num(p, "pri-cut", 0, 1, 0)!;
    const nCutS = one(p, "n-cut");
    if (nCutS !== undefined && !(Number.isInteger(Number(nCutS)) && Number(nCutS) >= 1)) throw new UsageError(`--n-cut must be a positive integer, got "${nCutS}"`);
    const nCut = nCutS === undefined ? 1 : Number(nCutS);
    const cal: Record<string, CalibrationSpec> = guard(() => parseCalibration(one(p, "calibrate") ?? ""));
    const oname = outcome.replace(/^~/, "");
    for (const c of Object.keys(cal)) if (![...conditions, oname].includes(c)) throw new UsageError(`--calibrate names "${c}", which is neither the outcome nor a condition`);
    const dirS = one(p, "dir-exp");
    if (solution === "intermediate" && dirS === undefined) throw new UsageError("--solution intermediate needs --dir-exp");
    if (solution !== "intermediate" && dirS !== undefined) throw new UsageError("--dir-exp applies only to --solution intermediate");
    const dirExp = dirS === undefined ? undefined : guard(() => parseDirExp(dirS, conditions));

    const t = readTable(file);
    const caseCol = one(p, "case");
    const cases = caseCol ? t.str(caseCol) : t.names.length && !(t.col(t.names[0]) instanceof Float64Array) ? t.str(t.names[0]) : undefined;
    const memberships: Record<string, Float64Array> = {};
    for (const c of [...conditions, oname]) {
      const raw = t.num(c);
      raw.forEach((v, i) => {
        if (Number.isNaN(v)) throw t.cellError(i, c, "", "a number (QCA needs every cell)");
      });
      const spec = cal[c];
      if (spec) {
        memberships[c] = guard(() => calibrateColumn(raw, spec, variant));
      } else {
        raw.forEach((v, i) => {
          if (!(v >= 0 && v <= 1)) throw t.cellError(i, c, String(v), "a set membership in [0, 1] (or calibrate the column with --calibrate)");
        });
        memberships[c] = raw;
      }
    }
    const result = guard(() => {
      const data = qcaData(memberships, outcome, conditions, cases);
      const tt = truthTable(data, { inclCut: ic.length === 2 ? [ic[0], ic[1]] : ic[0], priCut, nCut });
      return { tt, res: minimize(tt, { solution, dirExp }) };
    });
    const sols = result.res.solutions;
    if (p.bools.has("json")) {
      io.out(
        JSON.stringify({
          solutions: sols.map((s) => ({
            terms: s.terms.map((t) => ({ expression: t.expression, inclusion: t.inclusion, pri: t.pri, raw_coverage: t.raw_coverage, unique_coverage: t.unique_coverage })),
            inclusion: s.inclusion,
            coverage: s.coverage,
          })),
        }),
      );
    } else {
      const f = (v: number) => formatNumber(v, 3);
      const tt = result.tt;
      io.out(`truth table: ${tt.rows.filter((r) => r.out === "1").length} positive, ${tt.rows.filter((r) => r.out === "0").length} negative, ${tt.rows.filter((r) => r.out === "C").length} contradictory, ${tt.rows.filter((r) => r.out === "?").length} below n-cut, ${tt.remainders} remainders`);
      if (tt.unassigned.length) io.out(`warning: ${tt.unassigned.length} case(s) at exactly 0.5 belong to no row: ${tt.unassigned.map((u) => `${u.case} (${u.conditions.join(", ")})`).join("; ")}`);
      if (result.res.heuristic) io.out("warning: PI chart too complex, greedy heuristic used (solutions may not be minimal)");
      sols.forEach((s, m) => {
        io.out(`M${m + 1}: ${s.expression} => ${outcome}${s.from ? `   (from ${s.from.join(", ")})` : ""}`);
        io.out(`    term\tinclS\tPRI\tcovS\tcovU`);
        for (const t of s.terms) io.out(`    ${t.expression}\t${f(t.inclusion)}\t${f(t.pri)}\t${f(t.raw_coverage)}\t${f(t.unique_coverage)}`);
        io.out(`    M${m + 1}\t${f(s.inclusion)}\t${f(s.pri)}\t${f(s.coverage)}`);
      });
    }
    return 0;
  },
};
