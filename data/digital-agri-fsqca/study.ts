/**
 * digital-agri-fsqca: the study's plumbing, kept out of the notebook so its cells show the method (calibration,
 * necessity, truth table, minimisation) and not the bookkeeping: Table 5's configurations read from the ledger's
 * notes, what Table 4 implies by itself, the user's case file, the "paper / ours" tables, the scan of settings,
 * the ledger record and the "what differs" text. Loaded with loadStudyModule(STUDY, "study").
 */
import { DataTable, Displayable, Provenance, Published, Table, calibrationTargets, markdown, printedValue, qca, quantile, table } from "kernel-lib";
import type { Targets } from "./generator";

export const CONDS = ["DA", "DM", "C", "G", "A", "S", "E", "SC"];
export const VARS = [...CONDS, "Y"];
export const DEA_IN = ["land", "labour", "machinery", "fertiliser", "electricity", "irrigation", "pesticide", "film"];
export const NEC_KEYS = ["consY", "covY", "consNY", "covNY"] as const;
/** Condition names: the paper's Table 1 (Chinese) with their English. */
export const NAME: Record<string, string> = {
  DA: "production digitalisation 农业生产数字化", DM: "business digitalisation 农业经营数字化",
  C: "digital infrastructure 数字农业基础设施", G: "fiscal input 政府财政投入",
  A: "digital-management department 专门数字化管理部门", S: "institutional support 制度支持",
  E: "economic development 经济发展水平", SC: "social capital 社会资本投入", Y: "agricultural TFP 农业全要素生产率",
};
/** The paper's three types of configuration (its §4 text), by label. */
const TYPE: Record<string, string> = {
  H1: "agri-enterprise-led", H2: "agri-enterprise-led", H3: "internet-enterprise-enabled",
  H4: "internet-enterprise-enabled", H5: "multi-actor collaborative", H6: "multi-actor collaborative",
};

/** Ledger id of a necessity row: "~DA" → "notDA". */
export const negId = (c: string) => c.replace("~", "not");
const sumOf = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
const f3 = (v: number) => v.toFixed(3);

export interface PrintedConfiguration { label: string; expression: string; type: string; core: string[] }

/**
 * Table 5's six configurations, read from the ledger's transcription of the chart (the note of each t5-H*-incl
 * entry: "H1 = DA*DM*C*G*S*E*SC (chart, DA DM C G A S E SC: ● ○ ● ○ · ○ ● ●; · blank)"): the Boolean expression,
 * and the core conditions (large symbols ● present, ⊗ absent).
 */
export function printedConfigurations(pub: Published): PrintedConfiguration[] {
  return pub.entries.filter((e) => /^t5-H\d-incl$/.test(e.id)).map((e) => {
    const m = /^(H\d) = (\S+) \(chart, [A-Z ]+: ([^;]+);/.exec(e.note ?? "");
    if (!m) throw new Error(`${pub.study}: ${e.id}: note does not hold the chart row`);
    const symbols = m[3].trim().split(/\s+/);
    if (symbols.length !== CONDS.length) throw new Error(`${pub.study}: ${e.id}: ${symbols.length} chart symbols`);
    return { label: m[1], expression: m[2], type: TYPE[m[1]], core: CONDS.filter((_, j) => symbols[j] === "●" || symbols[j] === "⊗") };
  });
}

/** The calibration anchors given as a parameter, checked: [e, c, i] for every variable. */
export function checkAnchors(anchors: Record<string, number[]>): Record<string, number[]> {
  for (const v of VARS) if (!anchors[v] || anchors[v].length !== 3) throw new Error(`anchors.${v} must be [e, c, i]`);
  return anchors;
}

/** The generator's calibration targets: the printed Tables 3–5 (ledger), anchors as the notebook uses them. */
export function generatorTargets(pub: Published, anchors: Record<string, number[]>): Targets {
  const p = (id: string) => printedValue(pub, id);
  const nec = CONDS.flatMap((c) => [c, "~" + c]);
  return {
    marginals: Object.fromEntries(VARS.map((v) => [v, { e: anchors[v][0], c: anchors[v][1], i: anchors[v][2],
      ...calibrationTargets(pub, { max: `t3-${v}-max`, min: `t3-${v}-min`, mean: `t3-${v}-mean`, sd: `t3-${v}-sd` }), integer: v === "S" }])),
    necessity: nec.map((c) => ({ condition: c, ...Object.fromEntries(NEC_KEYS.map((k) => [k, p(`t4-${negId(c)}-${k}`)])) } as Targets["necessity"][number])),
    terms: printedConfigurations(pub).map((t) => ({ label: t.label, expression: t.expression,
      inclusion: p(`t5-${t.label}-incl`), raw: p(`t5-${t.label}-raw`), unique: p(`t5-${t.label}-unique`) })),
    solution: { inclusion: p("t5-solution-incl"), coverage: p("t5-solution-cov") },
  };
}

export interface Implied { c: string; sY: number; sNY: number; sX: number; sX2: number }

/** §1: membership sums implied by Table 4 (Cons/Cov = ΣX/ΣY for X and ~X), and which configurations are truth-table rows. */
export function whatTable4Implies(pub: Published, terms: PrintedConfiguration[]) {
  const p = (id: string) => printedValue(pub, id);
  const N = p("text-cases");
  const ratio = (c: string, hi: boolean) => { const k = negId(c); return hi ? p(`t4-${k}-consY`) / p(`t4-${k}-covY`) : p(`t4-${k}-consNY`) / p(`t4-${k}-covNY`); };
  const implied: Implied[] = CONDS.map((c) => {
    const sY = N / (ratio(c, true) + ratio("~" + c, true));
    const sNY = N / (ratio(c, false) + ratio("~" + c, false));
    return { c, sY, sNY, sX: ratio(c, true) * sY, sX2: ratio(c, false) * sNY };
  });
  const sumY = implied.reduce((a, r) => a + r.sY, 0) / implied.length;
  const sums = table(implied.map((r) => ({
    condition: r.c, "ΣY (from high-Y)": r.sY, "Σ(1−Y) (from low-Y)": r.sNY, "ΣY + Σ(1−Y)": r.sY + r.sNY,
    "ΣX (via Y)": r.sX, "ΣX (via ~Y)": r.sX2,
  })), { caption: "Membership sums implied by Table 4 (31 cases)", provenance: "printed", digits: 2,
    notes: [`Each row should give ΣY + Σ(1−Y) = 31 and the same ΣX twice; mean ΣY = ${sumY.toFixed(2)}: about 14 of 31 cases' worth of membership in high TFP.`] });
  const lits = (t: PrintedConfiguration) => t.expression.split("*").length;
  const full = terms.filter((t) => lits(t) === CONDS.length);
  const total = (k: string) => terms.reduce((a, t) => a + p(`t5-${t.label}-${k}`), 0).toFixed(3);
  const rows = table(terms.map((t) => ({
    configuration: t.label, type: t.type, expression: t.expression, literals: { html: String(lits(t)) },
    "printed consistency": { html: f3(p(`t5-${t.label}-incl`)) },
    "a truth-table row?": lits(t) === CONDS.length ? "yes: consistency = row's raw consistency" : "no",
  })), { caption: "Table 5: which configurations are single truth-table rows", provenance: "printed",
    notes: [`Largest raw-consistency cut-off that admits all of ${full.map((t) => t.label).join(", ")}: ${f3(Math.min(...full.map((t) => p(`t5-${t.label}-incl`))))}. ` +
      `Sum of unique coverages ${total("unique")} ≤ solution coverage ${f3(p("t5-solution-cov"))} ≤ sum of raw coverages ${total("raw")}, as it must be.`] });
  return { implied, sumY, tables: [sums, rows] };
}

export interface Cases {
  caseIds: string[];
  raw: Record<string, number[]>;
  deaX: number[][] | null;
  deaY: number[] | null;
  /** What the file lacks and what is left out because of it, one sentence each. */
  notes: string[];
}

/**
 * The user's case file: the eight conditions, and the outcome either as Y or as the nine DEA columns (the inputs
 * and the output; Y is then computed). Both are optional in the schema: with all nine DEA columns complete they are
 * used, otherwise Y; a case with neither is left out, named and counted; a file with neither column set stops.
 */
export function casesFromTable(t: Table, file: string): Cases {
  const notes: string[] = [];
  const col = (k: string) => (t.has(k) ? Array.from(t.num(k)) : null);
  const ins = DEA_IN.map(col), out = col("output"), y = col("Y");
  const deaCols = [...ins, out];
  const deaComplete = deaCols.every((c) => c && c.every((v) => !Number.isNaN(v)));
  if (!deaComplete && deaCols.some((c) => c)) {
    const absent = [...DEA_IN, "output"].filter((_, j) => !deaCols[j] || deaCols[j]!.some(Number.isNaN));
    notes.push(`DEA columns incomplete (${absent.join(", ")} missing or with empty cells): Y is read from the file instead.`);
  }
  if (!deaComplete && !y) throw new Error(`${file}: give either Y for every case or all nine DEA columns (land … output) for every case; the file has neither`);
  const ids = t.str("case");
  const keep = ids.map((_, i) => deaComplete || !Number.isNaN(y![i]));
  const dropped = ids.filter((_, i) => !keep[i]);
  if (dropped.length) notes.push(`${dropped.length} case(s) without Y left out: ${dropped.join(", ")}.`);
  const pick = <T,>(a: T[]) => a.filter((_, i) => keep[i]);
  const raw: Record<string, number[]> = Object.fromEntries(CONDS.map((v) => [v, pick(Array.from(t.num(v)))]));
  if (!deaComplete) raw.Y = pick(y!);
  return {
    caseIds: pick(ids), raw, notes,
    deaX: deaComplete ? pick(ids.map((_, i) => ins.map((c) => c![i]))) : null,
    deaY: deaComplete ? pick(out!) : null,
  };
}

/** §3: the cases by TFP with their DEA data, and the bar chart of TFP with the Table 3 anchors. */
export function outcomeDisplays(c: Cases, anchorsY: number[], prov: Provenance) {
  const { caseIds, raw, deaX, deaY } = c;
  const order = caseIds.map((_, i) => i).sort((a, b) => raw.Y[b] - raw.Y[a]);
  const tbl = table(order.map((i) => ({
    case: caseIds[i], Y: raw.Y[i],
    ...(deaX ? Object.fromEntries(DEA_IN.map((k, j) => [k, deaX[i][j]])) : {}), ...(deaY ? { output: deaY[i] } : {}),
  })), { caption: "Cases by agricultural TFP (input-oriented CCR efficiency) and the DEA data", provenance: prov,
    digits: { Y: 3, land: 0, labour: 0, machinery: 0, fertiliser: 1, electricity: 0, irrigation: 0, pesticide: 2, film: 2, output: 0 } });
  const figure = {
    data: [{ type: "bar" as const, x: order.map((i) => caseIds[i]), y: order.map((i) => raw.Y[i]), name: "Y",
      marker: { color: order.map((i) => (raw.Y[i] >= 1 - 1e-9 ? "#2ca02c" : "#1f77b4")) } }],
    layout: { title: { text: "Agricultural TFP (DEA efficiency) by case" }, width: 860, height: 360, margin: { l: 60, r: 20, t: 50, b: 60 },
      yaxis: { title: { text: "CCR efficiency" }, range: [0, 1.05] as [number, number] },
      shapes: [0, 1].map((j) => ({ type: "line" as const, xref: "paper" as const, x0: 0, x1: 1, y0: anchorsY[j], y1: anchorsY[j], line: { dash: "dash" as const, color: "#d62728", width: 1 } })) },
  };
  const caption = `${raw.Y.filter((y) => y >= 1 - 1e-9).length} efficient cases (green); dashed: the Table 3 anchors 0.464 and 0.716`;
  return { table: tbl, figure, caption };
}

/** Mean, SD with divisor n and with n − 1. */
export function popMoments(x: number[]) {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const ss = x.reduce((a, b) => a + (b - m) ** 2, 0);
  return { m, sdN: Math.sqrt(ss / x.length), sd1: Math.sqrt(ss / (x.length - 1)) };
}
const fmtNum = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toFixed(3));

/** Table 3's statistics of our data, keyed as the ledger's t3-<var>-<stat>. */
export function table3Ours(x: number[]): Record<string, number> {
  const mo = popMoments(x);
  return { e: quantile(x, 0.25, "r7"), c: quantile(x, 0.5, "r7"), i: quantile(x, 0.75, "r7"), max: Math.max(...x), min: Math.min(...x), mean: mo.m, sd: mo.sdN };
}

/** §4: Table 3 printed / ours. */
export function table3Beside(pub: Published, raw: Record<string, number[]>, prov: Provenance): DataTable {
  const printed = (id: string) => pub.entries.find((e) => e.id === id)!.printed;
  return table(VARS.map((v) => {
    const o = table3Ours(raw[v]);
    const cell = (k: string) => ({ html: `${printed(`t3-${v}-${k}`)} / ${fmtNum(o[k])}` });
    return { variable: v, meaning: NAME[v], "e = P25": cell("e"), "c = P50": cell("c"), "i = P75": cell("i"),
      max: cell("max"), min: cell("min"), mean: cell("mean"), "SD (n)": cell("sd"), "SD (n−1)": { html: fmtNum(popMoments(raw[v]).sd1) } };
  }), { caption: "Table 3: printed / ours (quartiles of our data against the printed anchors; descriptive statistics)", provenance: prov,
    notes: ["The printed anchors are used as they are for calibration; the quartile columns show that our data have them as quartiles.", "The paper does not say whether its SD divides by n or n − 1; ours is fitted with n."] });
}

/** §4: anchors, crossover check, membership sums against Table 4's, and the fsQCA − R QCA gap. */
export function calibrationDisplays(c: Cases, mem: Record<string, Float64Array>, other: Record<string, Float64Array>,
  anchors: Record<string, number[]>, o: { variant: string; adjust: number; implied: Implied[]; sumY: number; prov: Provenance }) {
  const { caseIds, raw } = c;
  const alt = o.variant === "fsqca" ? "rqca" : "fsqca";
  const calibration = table(VARS.map((v) => {
    const cx = qca.crossoverCheck(raw[v], anchors[v][1]);
    return { variable: v, "e / c / i": { html: anchors[v].join(" / ") }, "cases > c": { html: String(raw[v].filter((z) => z > anchors[v][1]).length) },
      "on the crossover": { html: cx.length ? cx.map((k) => caseIds[k.index]).join(", ") : "none" },
      "Σ membership": sumOf(mem[v]), "Σ implied by Table 4": v === "Y" ? o.sumY : o.implied.find((r) => r.c === v)!.sX,
      [`max |${o.variant} − ${alt}|`]: Math.max(...Array.from(mem[v]).map((m, i) => Math.abs((m === 0.5 + o.adjust ? 0.5 : m) - other[v][i]))) };
  }), { caption: `Calibration (${o.variant}): anchors, crossover check, membership sums`, provenance: o.prov,
    notes: [`Cases on the crossover get ${0.5 + o.adjust} instead of 0.5 (crossoverAdjust). Last column: the largest difference between the fsQCA 3.0 and R QCA memberships.`] });
  const n = caseIds.length;
  const figure = {
    data: VARS.map((v) => {
      const idx = caseIds.map((_, i) => i).sort((a, b) => raw[v][a] - raw[v][b]);
      return { type: "scatter" as const, mode: "lines+markers" as const, name: v, x: idx.map((_, r) => (r + 1) / n), y: idx.map((i) => mem[v][i]), marker: { size: 4 } };
    }),
    layout: { title: { text: "Calibrated membership against the case's rank in each variable" }, width: 820, height: 420,
      xaxis: { title: { text: "rank / 31 (quartile anchors at 0.25, 0.5, 0.75)" } }, yaxis: { title: { text: "membership" } } },
  };
  const memberships = table(caseIds.map((cs, i) => ({ case: cs, ...Object.fromEntries(VARS.map((v) => [v, mem[v][i]])) })),
    { caption: "Calibrated memberships", provenance: o.prov, digits: 2 });
  return { calibration, figure, memberships };
}

export type NecRow = { condition: string; consY: number; covY: number; ronY: number; consNY: number; covNY: number; ronNY: number };

/** §5: Table 4 printed / ours and the scatter of the 64 numbers. */
export function necessityDisplays(pub: Published, nec: NecRow[], prov: Provenance) {
  const printed = (id: string) => pub.entries.find((e) => e.id === id)!.printed;
  const p = (r: NecRow, k: (typeof NEC_KEYS)[number]) => printedValue(pub, `t4-${negId(r.condition)}-${k}`);
  const cell = (r: NecRow, k: (typeof NEC_KEYS)[number]) => ({ html: `${printed(`t4-${negId(r.condition)}-${k}`)} / ${f3(r[k])}` });
  const tbl = table(nec.map((r) => ({
    condition: r.condition, "Y cons: paper / ours": cell(r, "consY"), "Y cov: paper / ours": cell(r, "covY"), "Y RoN": r.ronY,
    "~Y cons: paper / ours": cell(r, "consNY"), "~Y cov: paper / ours": cell(r, "covNY"), "~Y RoN": r.ronNY,
  })), { caption: "Table 4: necessity for high (Y) and low (~Y) agricultural TFP, paper / ours", provenance: prov,
    notes: [`Largest consistency: ${f3(Math.max(...nec.flatMap((r) => [r.consY, r.consNY])))} (paper: 0.674); no condition reaches 0.9.`] });
  const gap = nec.flatMap((r) => NEC_KEYS.map((k) => r[k] - p(r, k)));
  const figure = {
    data: [...NEC_KEYS.map((k) => ({ type: "scatter" as const, mode: "markers" as const, name: k as string,
      x: nec.map((r) => p(r, k)), y: nec.map((r) => r[k]), text: nec.map((r) => r.condition), marker: { size: 8 } })),
      { type: "scatter" as const, mode: "lines" as const, name: "45°", x: [0.3, 0.75], y: [0.3, 0.75], line: { color: "#999", dash: "dash" as const } }],
    layout: { title: { text: "Table 4: printed against ours" }, width: 620, height: 480, xaxis: { title: { text: "printed" } }, yaxis: { title: { text: "ours" } } },
  };
  const caption = `64 necessity numbers; RMSE ${Math.sqrt(gap.reduce((a, b) => a + b * b, 0) / gap.length).toFixed(4)}`;
  const worst = nec.flatMap((r) => NEC_KEYS.map((k) => ({ id: `${r.condition} ${k}`, d: r[k] - p(r, k) }))).sort((a, b) => Math.abs(b.d) - Math.abs(a.d))[0];
  return { table: tbl, figure, caption, worst };
}

type TruthTable = ReturnType<typeof qca.truthTable>;

/** §6: the truth table, and the printed eight-condition configurations as its rows. */
export function truthTableDisplays(pub: Published, tt: TruthTable, terms: PrintedConfiguration[], cut: { inclCut: number; priCut: number; nCut: number }, prov: Provenance) {
  const ttRows = qca.truthTableRows(tt).sort((a, b) => (b.incl as number) - (a.incl as number));
  const truth = table(ttRows.map((r) => ({ ...r, row: { html: String(r.row) }, n: { html: String(r.n) }, ...Object.fromEntries(CONDS.map((c) => [c, { html: String(r[c]) }])) })),
    { caption: `Truth table: ${tt.rows.length} observed rows of 256 (${tt.remainders} remainders), ${tt.rows.filter((r) => r.out === "1").length} coded 1 at incl ≥ ${cut.inclCut}, PRI ≥ ${cut.priCut}, n ≥ ${cut.nCut}`,
      provenance: prov, digits: 3, notes: [tt.unassigned.length ? `Cases on a crossover (in no row): ${tt.unassigned.map((u) => `${u.case} (${u.conditions.join(", ")})`).join("; ")}` : "No case sits on a crossover (after crossoverAdjust)."] });
  const bitsOf = (expr: string) => { const lit = expr.split("*"); return lit.length === CONDS.length ? CONDS.map((c) => (lit.includes(c) ? 1 : 0)) : null; };
  const printedRows = table(terms.filter((t) => bitsOf(t.expression)).map((t) => {
    const bits = bitsOf(t.expression)!;
    const r = tt.rows.find((z) => z.values.every((b, j) => b === bits[j]));
    return { configuration: t.label, row: { html: bits.join("") }, "printed consistency": { html: f3(printedValue(pub, `t5-${t.label}-incl`)) },
      "our row: n": { html: r ? String(r.n) : "0 (remainder)" }, "our row: incl": r ? r.inclusion : null, "our row: PRI": r ? r.pri : null, "our row: OUT": r ? r.out : "?" };
  }), { caption: "The printed eight-condition configurations as truth-table rows", provenance: prov });
  return [truth, printedRows];
}

type Minimized = ReturnType<typeof qca.minimize>;
export type SolutionOrError = Minimized | { error: string; solutions: Minimized["solutions"] };
type Solution = Minimized["solutions"][number];
type Term = Solution["terms"][number];

/** A term's label: the printed configuration it equals (H1–H6), else "new k". */
export function labelOf(terms: PrintedConfiguration[], expr: string, k: number): string {
  const key = (e: string) => e.split("*").sort().join("*");
  return terms.find((t) => key(t.expression) === key(expr))?.label ?? `new ${k + 1}`;
}

/** §7: one table per solution type. */
export function solutionTable(type: string, r: SolutionOrError, prov: Provenance): Displayable {
  if ("error" in r) return markdown(`**${type}**: ${r.error}`);
  const s = r.solutions[0];
  return table(s.terms.map((t) => ({ term: t.expression, consistency: t.inclusion, PRI: t.pri, "raw coverage": t.raw_coverage, "unique coverage": t.unique_coverage, "typical cases": t.cases.join(", ") })),
    { caption: `${type} solution${r.solutions.length > 1 ? ` (1 of ${r.solutions.length} equally short models)` : ""}: consistency ${f3(s.inclusion)}, coverage ${f3(s.coverage)}`, provenance: prov,
      notes: [`${s.expression}${r.heuristic ? " (greedy PI chart: may not be minimal)" : ""}`] });
}

/** §7: core conditions of our solution's terms per parsimonious model, against the paper's large symbols. */
export function coreTable(sol: Solution, parsModels: Solution[], terms: PrintedConfiguration[], prov: Provenance): DataTable {
  // a condition of our term is core when a term of that model is a subset of ours and contains it
  const coreIn = (t: Term, model: Solution) => CONDS.filter((c, j) => t.literals[j] !== null && model.terms.some((pt) =>
    pt.literals.every((v, q) => v === null || v === t.literals[q]) && pt.literals[j] !== null));
  return table(sol.terms.map((t, k) => {
    const lab = labelOf(terms, t.expression, k);
    const per = parsModels.map((m) => coreIn(t, m));
    const all = CONDS.filter((c) => per.length && per.every((cs) => cs.includes(c)));
    const some = CONDS.filter((c) => per.some((cs) => cs.includes(c)));
    const pc = terms.find((x) => x.label === lab)?.core;
    const agreeN = pc ? per.filter((cs) => cs.length === pc.length && cs.every((x) => pc.includes(x))).length : 0;
    return { term: lab, "core in every model": all.join(", ") || "none", "core in some model": some.join(", ") || "none", "core (paper)": pc?.join(", ") ?? "–",
      "models giving the paper's core": { html: pc ? `${agreeN} of ${per.length}` : "–" } };
  }), { caption: "Core conditions: ours against the paper's large symbols", provenance: prov,
    notes: [`${parsModels.length} parsimonious models tie; the chart above marks a condition core when any of them contains it (kernel-lib's rule). The paper does not say which model it used.`] });
}

export type TermsFit = { terms: { inclusion: number; raw: number; unique: number; cases: string[] }[]; inclusion: number; coverage: number };

/** The printed configurations evaluated as Boolean expressions on our memberships (consistency, raw and unique coverage). */
export function printedFit(terms: PrintedConfiguration[], mem: Record<string, Float64Array>, caseIds: string[]): TermsFit {
  const n = caseIds.length, y = mem.Y;
  const ms = terms.map((t) => {
    const out = new Float64Array(n).fill(1);
    for (const l of t.expression.split("*")) {
      const neg = l.startsWith("~"), x = mem[neg ? l.slice(1) : l];
      for (let i = 0; i < n; i++) out[i] = Math.min(out[i], neg ? 1 - x[i] : x[i]);
    }
    return out;
  });
  const cov = (x: ArrayLike<number>) => { let s = 0; for (let i = 0; i < n; i++) s += Math.min(x[i], y[i]); return s; };
  const union = (skip: number) => { const u = new Float64Array(n); ms.forEach((m, t) => { if (t !== skip) for (let i = 0; i < n; i++) u[i] = Math.max(u[i], m[i]); }); return u; };
  const sy = sumOf(y), all = union(-1), solCov = cov(all) / sy;
  return { terms: ms.map((m, t) => ({ inclusion: cov(m) / sumOf(m), raw: cov(m) / sy, unique: solCov - cov(union(t)) / sy, cases: caseIds.filter((_, i) => m[i] > 0.5 && y[i] > 0.5) })),
    inclusion: cov(all) / sumOf(all), coverage: solCov };
}

const SYM: Record<string, string> = { "core+": "●", "core-": "⊗", "peri+": "○", "peri-": "△" };

/** §7: Table 5's chart as printed, with the fit of each printed configuration on our memberships (paper / ours). */
export function printedChartTable(pub: Published, terms: PrintedConfiguration[], fit: TermsFit, prov: Provenance): DataTable {
  const p = (id: string) => f3(printedValue(pub, id));
  const chart = CONDS.map((c) => ({ condition: c, ...Object.fromEntries(terms.map((t) => {
    const lit = t.expression.split("*"), has = lit.includes(c) ? "+" : lit.includes("~" + c) ? "-" : "";
    const core = t.core.includes(c);
    return [t.label, { html: has ? `<span style="font-size:${core ? "1.35em" : "0.95em"}">${SYM[(core ? "core" : "peri") + has]}</span>` : "" }];
  })) }));
  const fitRow = (label: string, k: string, key: "inclusion" | "raw" | "unique") =>
    ({ condition: label, ...Object.fromEntries(terms.map((t, j) => [t.label, { html: `${p(`t5-${t.label}-${k}`)} / ${f3(fit.terms[j][key])}` }])) });
  return table([...chart, fitRow("consistency: paper / ours", "incl", "inclusion"), fitRow("raw coverage: paper / ours", "raw", "raw"), fitRow("unique coverage: paper / ours", "unique", "unique"),
    { condition: "typical cases (ours)", ...Object.fromEntries(terms.map((t, j) => [t.label, fit.terms[j].cases.join(", ") || "none"])) },
    { condition: "solution consistency: paper / ours", H1: { html: `${p("t5-solution-incl")} / ${f3(fit.inclusion)}` } },
    { condition: "solution coverage: paper / ours", H1: { html: `${p("t5-solution-cov")} / ${f3(fit.coverage)}` } },
  ], { caption: "Table 5 as printed (● ⊗ core, ○ △ peripheral, blank either), with its fit on our memberships", provenance: prov,
    align: Object.fromEntries(terms.map((t) => [t.label, "center" as const])),
    notes: [`Symbols are the paper's (printed); the fit numbers are paper / ours, ours computed on the ${prov === "synthetic" ? "synthetic" : "given"} memberships. H6: the prose calls DA and DM core, the chart prints them peripheral.`] });
}

export interface ScanRow { "incl.cut": number; "PRI cut": number; solution: string; nTerms: number; exact: number; impliedN: number;
  consistency: number | null; coverage: number | null; "|Δcons| + |Δcov|": number | null }

/**
 * §8: minimise at every raw-consistency cut-off × PRI cut-off × solution type (`solve` runs kernel-lib's minimisation)
 * and count the printed configurations each solution finds exactly (same literals) or implies (a term of ours is a
 * subset of the printed one). A setting without a solution counts −1.
 */
export function scanSettings(pub: Published, terms: PrintedConfiguration[], solve: (inclCut: number, priCut: number, type: "complex" | "intermediate" | "parsimonious") => Minimized): ScanRow[] {
  const printedSets = terms.map((t) => new Set(t.expression.split("*")));
  const scan: ScanRow[] = [];
  for (const ic of [0.6, 0.65, 0.67, 0.7, 0.75, 0.78, 0.8, 0.85, 0.9])
    for (const pc of [0, 0.5, 0.7])
      for (const type of ["complex", "intermediate", "parsimonious"] as const) {
        const at = { "incl.cut": ic, "PRI cut": pc, solution: type };
        try {
          const s = solve(ic, pc, type).solutions[0];
          const ours = s.terms.map((t) => new Set<string>(t.expression.split("*")));
          const exact = printedSets.filter((p) => ours.some((o) => o.size === p.size && [...o].every((l) => p.has(l)))).length;
          const impliedN = printedSets.filter((p) => ours.some((o) => [...o].every((l) => p.has(l)))).length;
          scan.push({ ...at, nTerms: s.terms.length, exact, impliedN, consistency: s.inclusion, coverage: s.coverage,
            "|Δcons| + |Δcov|": Math.abs(s.inclusion - printedValue(pub, "t5-solution-incl")) + Math.abs(s.coverage - printedValue(pub, "t5-solution-cov")) });
        } catch (e) {
          scan.push({ ...at, nTerms: 0, exact: -1, impliedN: -1, consistency: null, coverage: null, "|Δcons| + |Δcov|": null });
        }
      }
  return scan;
}

/** §8: the scan table, its best setting and the figure. */
export function scanDisplays(pub: Published, scan: ScanRow[], prov: Provenance) {
  const ranked = scan.filter((r) => r.exact >= 0).sort((a, b) => b.exact - a.exact || b.impliedN - a.impliedN || a["|Δcons| + |Δcov|"]! - b["|Δcons| + |Δcov|"]!);
  const best = ranked[0] as ScanRow | undefined;
  const shown = scan.map((r) => ({ "incl.cut": r["incl.cut"], "PRI cut": r["PRI cut"], solution: r.solution, terms: { html: String(r.nTerms) },
    found: { html: r.exact < 0 ? "–" : String(r.exact) }, implied: { html: r.impliedN < 0 ? "–" : String(r.impliedN) },
    consistency: r.consistency, coverage: r.coverage, "|Δcons| + |Δcov|": r["|Δcons| + |Δcov|"] }));
  const tbl = table(shown, { caption: "Solution type × cut-offs: how many of the six printed configurations each reproduces", provenance: prov, digits: 3,
    notes: [best ? `Best: ${best.solution} solution at incl.cut ${best["incl.cut"]}, PRI cut ${best["PRI cut"]}: ${best.exact} of 6 found exactly, ${best.impliedN} implied; solution consistency ${f3(best.consistency!)}, coverage ${f3(best.coverage!)} (paper ${f3(printedValue(pub, "t5-solution-incl"))}, ${f3(printedValue(pub, "t5-solution-cov"))}).` : "No setting yields a solution."] });
  const figure = {
    data: ["complex", "intermediate", "parsimonious"].map((type) => {
      const rs = scan.filter((r) => r.solution === type && r["PRI cut"] === 0);
      return { type: "scatter" as const, mode: "lines+markers" as const, name: type, x: rs.map((r) => r["incl.cut"]), y: rs.map((r) => Math.max(0, r.exact)) };
    }),
    layout: { title: { text: "Printed configurations found exactly, by consistency cut-off (PRI cut 0)" }, width: 720, height: 380,
      xaxis: { title: { text: "raw-consistency cut-off" } }, yaxis: { title: { text: "of 6 printed configurations" }, range: [0, 6.5] as [number, number] } },
  };
  return { table: tbl, figure, best };
}

type Sweep = ReturnType<typeof qca.robustnessSweep>;

/** §9: the sweep's scenarios, and the grid of coverage and terms by crossover shift × consistency cut-off. */
export function sweepDisplays(sweep: Sweep, terms: PrintedConfiguration[], o: { solution: string; shifts: number[]; inclCuts: number[]; priCuts: number[]; prov: Provenance }) {
  const name = (e: string, k: number) => { const l = labelOf(terms, e, k); return l.startsWith("new") ? e : l; };
  const scenarios = table(sweep.rows.map((r) => ({ "crossover shift": r.crossoverShift, "incl.cut": r.inclCut, "PRI cut": r.priCut,
    terms: { html: r.error ? "–" : String(r.solutions[0] ? r.solutions[0].split(" + ").length : 0) }, consistency: r.inclusion, coverage: r.coverage,
    "same as baseline": r.error ? r.error : r.sameAsBaseline ? "yes" : "no", added: r.added.map(name).join(" + "), dropped: r.dropped.map(name).join(", ") })),
  { caption: `Robustness sweep of the ${o.solution} solution (${sweep.rows.length} scenarios)`, provenance: o.prov, digits: 3, notes: ["Dropped terms are named by the printed configuration they equal (H1–H6); added terms are written out."] });
  const at = (s: number, c: number) => sweep.rows.find((r) => r.crossoverShift === s && r.inclCut === c && r.priCut === o.priCuts[0]);
  const cell = (s: number, c: number) => { const r = at(s, c);
    return { html: !r ? "" : r.error ? "–" : `${(r.coverage ?? NaN).toFixed(3)} · ${r.solutions[0]?.split(" + ").length ?? 0} terms${r.sameAsBaseline ? " (=)" : ""}` }; };
  const grid = table(o.shifts.map((s) => ({ "crossover shift (× (i − e))": String(s), ...Object.fromEntries(o.inclCuts.map((c) => [`incl.cut ${c}`, cell(s, c)])) })),
    { caption: `Solution coverage and number of terms by crossover shift and consistency cut-off (PRI cut ${o.priCuts[0]}); (=) the same solution as the baseline`, provenance: o.prov });
  return [scenarios, grid];
}

/** §10: ours for every ledger entry. */
export function ledgerValues(terms: PrintedConfiguration[], o: { raw: Record<string, number[]>; nec: NecRow[]; fit: TermsFit; best?: ScanRow;
  nCases: number; nTerms: number | null; solution: string; inclCut: number; nCut: number }) {
  const ours: Record<string, { value: number | null; note?: string }> = {};
  for (const v of VARS) {
    const sd1 = popMoments(o.raw[v]).sd1;
    for (const [k, val] of Object.entries(table3Ours(o.raw[v])))
      ours[`t3-${v}-${k}`] = { value: val, note: "eci".includes(k) ? "quartile of our data" : k === "sd" ? `n divisor; n − 1: ${fmtNum(sd1)}` : "" };
  }
  for (const r of o.nec) for (const k of NEC_KEYS) ours[`t4-${negId(r.condition)}-${k}`] = { value: r[k] };
  terms.forEach((t, j) => {
    ours[`t5-${t.label}-incl`] = { value: o.fit.terms[j].inclusion, note: "the printed expression on our memberships" };
    ours[`t5-${t.label}-raw`] = { value: o.fit.terms[j].raw };
    ours[`t5-${t.label}-unique`] = { value: o.fit.terms[j].unique };
  });
  const b = o.best;
  ours["t5-solution-incl"] = { value: o.fit.inclusion, note: `the six printed terms; our ${b?.solution ?? "–"} solution at incl.cut ${b?.["incl.cut"] ?? "–"}: ${b?.consistency?.toFixed(3) ?? "–"}` };
  ours["t5-solution-cov"] = { value: o.fit.coverage, note: `our ${b?.solution ?? "–"} solution: ${b?.coverage?.toFixed(3) ?? "–"}` };
  ours["text-cases"] = { value: o.nCases };
  ours["text-max-necessity"] = { value: Math.max(...o.nec.flatMap((r) => [r.consY, r.consNY])) };
  ours["text-n-configurations"] = { value: o.nTerms, note: `our ${o.solution} solution at incl.cut ${o.inclCut}` };
  ours["text-ncut"] = { value: o.nCut, note: "our setting" };
  return ours;
}

/** §11: what differs, and why. */
export function whatDiffers(pub: Published, terms: PrintedConfiguration[], o: { countsText: string; data: string; crossoverAdjust: number;
  sMean: number; sumY: number; worst: { id: string; d: number }; inclCut: number; solution: string; ourTerms: string[]; best?: ScanRow; nIntermediate: number | string }) {
  const found = terms.filter((t) => o.ourTerms.includes(t.expression)).map((t) => t.label);
  const b = o.best;
  const sPrinted = printedValue(pub, "t3-S-mean");
  return markdown([
    o.data === "synthetic"
      ? `* **Ledger.** ${o.countsText} (the paper's data are not public; ours are synthetic). The gaps are still shown: they measure how well the synthetic cases carry the printed statistics, not a replication.`
      : `* **Ledger.** ${o.countsText}: ours are computed from the cases given in dataSource, the printed numbers beside them are the paper's.`,
    `* **Table 3.** The printed anchors are the quartiles of the data (two end in .5, the average of the 8th and 9th of 31 values), so calling them "calibration quantiles" is accurate but the percentiles are never named. A side effect the paper does not mention: the median case of every variable has membership exactly 0.5 and drops out of fsQCA's truth table; we add ${o.crossoverAdjust}. ` +
      `Y's full-membership anchor equals its maximum (1), so the 75th percentile being 1 means at least 9 efficient provinces. S is a whole-number count: our integer vector has mean ${o.sMean.toFixed(3)} (printed ${sPrinted}, which needs a sum of 250 over 31 cases) because the membership sum Table 4 implies pulls the other way.`,
    `* **Table 4.** Internally consistent: every condition and its negation imply ΣY ≈ ${o.sumY.toFixed(2)} and ΣY + Σ(1−Y) ≈ 31. Our memberships reproduce the 64 numbers with largest gap ${o.worst.d.toFixed(3)} (${o.worst.id}).`,
    `* **Table 5 and the cut-off.** H4, H5 and H6 have all eight conditions, so each is one truth-table row with the printed consistency as its raw consistency. With the 0.8 threshold the text invokes, H5 (0.675) and H6 (0.783) could not be in the solution; the authors "keep" them because the overall solution passes 0.8, which is not how fsQCA's truth-table algorithm works. The analysis must have used a raw-consistency cut-off ≤ 0.675 (or added the rows by hand). The PRI cut-off and directional expectations are not stated.`,
    `* **Our minimisation.** At incl.cut ${o.inclCut} our ${o.solution} solution has ${o.ourTerms.length} term(s)${found.length ? `, ${found.length} identical to printed ones (${found.join(", ")})` : ", none identical to a printed configuration"}. Best over the scan: ${b ? `${b.solution} at incl.cut ${b["incl.cut"]}, PRI ${b["PRI cut"]} (${b.exact} exact, ${b.impliedN} implied)` : "none"}. ` +
      (o.data === "synthetic" ? `The synthetic cases were shaped so that exactly the rows the printed configurations cover pass 0.67; that the *complex* solution then returns the printed terms, while the parsimonious and intermediate ones (any directional expectations of presence) collapse them into ${o.nIntermediate} shorter terms, says the printed Table 5 is a complex solution: eight-literal terms such as H4–H6 survive only without remainders. With the paper's real data the same procedure would be the test.`
        : `The parsimonious and intermediate solutions have ${o.nIntermediate} terms; eight-literal terms such as H4–H6 survive only in a complex solution (no remainders).`),
    `* **Core and peripheral.** The paper's core conditions (large symbols) cannot be checked without its parsimonious solution. Its H6 prose calls DA and DM core while the chart prints them peripheral.`,
    `* **Outcome.** The DEA model, orientation and returns to scale are not stated; ours is input-oriented CCR. The paper also says it uses 2013–2022 panel data but not how the panel becomes 31 cases (one year, or averages); Table 3's range of GDP per capita (28,603–137,039) fits a single cross-section better than a pooled panel.`,
  ].join("\n"));
}
