/**
 * Coefficient-only refits of fixed-effects regressions on many row samples (permutation and bootstrap draws).
 *
 * The formulas' columns, the complete-case mask and the fixed-effect codes are built once on the whole table; a
 * sample is a list of its row indices (repeats allowed). Each sample then runs exactly the steps feols runs on
 * the same rows (listwise deletion, singletons, the columns' scales, demean, olsCore, the residual-df check), in
 * the same order on the same numbers, so every coefficient is bit-identical to
 * `feols(table.take(rows), formula, opts).coef(term)`, without the Table copy, the frame, the vcov or a PanelFit.
 * Columns shared by several formulas on the same sample are demeaned once (demean treats columns independently).
 *
 * refitDesign returns undefined when a formula needs what only feols does (lags, i(), poly(), functions of
 * columns, weights, IV, no fixed effects, `id`/`time` options): the caller then fits with feols.
 */
import { DataError } from "../data/errors";
import { Table } from "../data/table";
import { Factor, demean, feDegreesOfFreedom, singletonMask, subsetFactor } from "./demean";
import { factorOf, isMissingCell, numericColumn } from "./design";
import { FeolsOptions, centeredSS, olsCore } from "./estimate";
import { Expr, parseFormula } from "./formula";
import { resolvePreset } from "./vcov";

interface Spec {
  formula: string;
  y: string;
  /** Regressor columns; a product term lists its atoms. */
  terms: string[][];
  names: string[];
  /** 1 = row usable by this formula. */
  complete: Uint8Array;
}

export interface RefitDesign {
  /**
   * Coefficient `term` of formula `which` for each request, on the sample `rows` (indices into the table, in
   * sample order). `relabel`: a code per sample row that replaces the `relabel` column's fixed effect (a
   * bootstrap cluster drawn twice enters as two clusters, Stata's idcluster()).
   */
  coefs(rows: ArrayLike<number>, requests: readonly (readonly [number, string])[], relabel?: Int32Array): number[];
}

/** A plain column name (the only kind of atom the refit evaluates itself). */
function varName(e: Expr): string | undefined {
  return e.kind === "var" ? e.name : undefined;
}

/**
 * Refits of `formulas` (same fixed effects) with the feols options `opts`, or undefined when feols is needed.
 * `relabel` names a column whose fixed effect samples may renumber (it must be a fixed effect of its own).
 */
export function refitDesign(t: Table, formulas: readonly string[], opts: FeolsOptions = {}, relabel?: string): RefitDesign | undefined {
  if (opts.weights || opts.id || opts.time) return undefined;
  const parsed = formulas.map((s) => parseFormula(s));
  const feKey = JSON.stringify(parsed[0].fe);
  if (!parsed[0].fe.length || parsed.some((f) => JSON.stringify(f.fe) !== feKey || f.endog.length || f.instruments.length)) return undefined;
  const fes = parsed[0].fe;
  if (relabel !== undefined && fes.some((cols) => cols.length > 1 && cols.includes(relabel))) return undefined;
  const specs: Spec[] = [];
  const n = t.nRows;
  try {
    const cols = new Map<string, Float64Array>();
    const column = (name: string, f: string) => {
      let c = cols.get(name);
      if (!c) cols.set(name, (c = numericColumn(t, name, `formula term in "${f}"`)));
      return c;
    };
    for (const [j, f] of parsed.entries()) {
      const y = varName(f.lhs.expr);
      if (y === undefined) return undefined;
      const terms: string[][] = [];
      for (const tm of f.terms) {
        if (tm.kind !== "product") return undefined;
        const atoms = tm.atoms.map((a) => varName(a.expr));
        if (atoms.some((a) => a === undefined) || (relabel !== undefined && atoms.includes(relabel))) return undefined;
        terms.push(atoms as string[]);
      }
      const complete = new Uint8Array(n).fill(1);
      for (const name of [y, ...terms.flat()]) {
        const c = column(name, f.text);
        for (let i = 0; i < n; i++) if (Number.isNaN(c[i])) complete[i] = 0;
      }
      for (const fc of fes)
        for (const c of fc) {
          const v = t.col(c);
          for (let i = 0; i < n; i++) {
            if (!isMissingCell(v[i])) continue;
            // feols never sees a relabelled column's missing cells (they become labels)
            if (c === relabel) return undefined;
            complete[i] = 0;
          }
        }
      specs.push({ formula: formulas[j], y, terms, names: f.terms.map((tm) => tm.label), complete });
    }
    // fixed-effect codes on every row (a missing cell gets a code of its own; such rows are never used)
    const all = Array.from({ length: n }, (_, i) => i);
    const feCodes = fes.map((c) => factorOf(t, c, all, "fixed effect"));
    return makeDesign(specs, fes, feCodes, cols, opts, relabel);
  } catch (e) {
    // feols reports bad input in the context of the fit (file, row, column)
    if (e instanceof DataError) return undefined;
    throw e;
  }
}

function makeDesign(specs: Spec[], fes: string[][], feCodes: Factor[], cols: Map<string, Float64Array>, opts: FeolsOptions, relabel?: string): RefitDesign {
  const preset = resolvePreset(opts.preset);
  const relabelAt = relabel === undefined ? -1 : fes.findIndex((c) => c.length === 1 && c[0] === relabel);
  const sameRows = (a: Uint8Array, b: Uint8Array) => a.every((v, i) => v === b[i]);
  // formulas with the same usable rows share one sample (and its demeaned columns)
  const group = specs.map((s, j) => specs.findIndex((o, i) => i <= j && sameRows(o.complete, s.complete)));
  const map = new Int32Array(Math.max(1, ...feCodes.map((f) => f.nLevels)));

  const factorOn = (q: number, kept: number[], pos: number[], relabelCodes?: Int32Array): Factor => {
    // codes renumbered in order of appearance (the demeaning does not depend on the numbering)
    const useRelabel = q === relabelAt && relabelCodes;
    const src = feCodes[q].codes;
    let size = feCodes[q].nLevels;
    if (useRelabel) for (const p of pos) size = Math.max(size, relabelCodes[p] + 1);
    const m = size <= map.length ? map : new Int32Array(size);
    m.fill(-1, 0, size);
    const codes = new Int32Array(kept.length);
    let L = 0;
    for (let i = 0; i < kept.length; i++) {
      const c = useRelabel ? relabelCodes[pos[i]] : src[kept[i]];
      if (m[c] < 0) m[c] = L++;
      codes[i] = m[c];
    }
    return { name: feCodes[q].name, codes, nLevels: L, levels: [] };
  };

  const sample = (s: Spec, rows: ArrayLike<number>, relabelCodes?: Int32Array) => {
    let kept: number[] = [];
    let pos: number[] = [];
    for (let p = 0; p < rows.length; p++)
      if (s.complete[rows[p]]) {
        kept.push(rows[p]);
        pos.push(p);
      }
    let fe = fes.map((_, q) => factorOn(q, kept, pos, relabelCodes));
    if (preset.dropSingletons) {
      const { keep, dropped } = singletonMask(fe, kept.length);
      if (dropped) {
        const idx: number[] = [];
        for (let i = 0; i < keep.length; i++) if (keep[i]) idx.push(i);
        kept = idx.map((i) => kept[i]);
        pos = idx.map((i) => pos[i]);
        fe = fe.map((f) => subsetFactor(f, idx));
      }
    }
    const dfFe = feDegreesOfFreedom(fe).df;
    const raw = new Map<string, Float64Array>();
    const within = new Map<string, Float64Array>();
    const scales = new Map<string, number>();
    const rawOf = (key: string, atoms: string[]) => {
      let v = raw.get(key);
      if (!v) {
        v = new Float64Array(kept.length);
        if (atoms.length === 1) {
          const c = cols.get(atoms[0])!;
          for (let i = 0; i < kept.length; i++) v[i] = c[kept[i]];
        } else {
          // buildFrame's product: 1 · a · b … row by row
          v.fill(1);
          for (const a of atoms) {
            const c = cols.get(a)!;
            for (let i = 0; i < kept.length; i++) v[i] *= c[kept[i]];
          }
        }
        raw.set(key, v);
      }
      return v;
    };
    return { n: kept.length, fe, dfFe, raw, within, scales, rawOf };
  };

  return {
    coefs(rows, requests, relabelCodes) {
      const samples = new Map<number, ReturnType<typeof sample>>();
      return requests.map(([which, term]) => {
        const s = specs[which];
        const g = group[which];
        let smp = samples.get(g);
        if (!smp) samples.set(g, (smp = sample(s, rows, relabelCodes)));
        const keys = s.terms.map((atoms) => atoms.join(":"));
        const rawX = s.terms.map((atoms, j) => smp!.rawOf(keys[j], atoms));
        const scale = keys.map((k, j) => {
          let v = smp!.scales.get(k);
          if (v === undefined) smp!.scales.set(k, (v = centeredSS(rawX[j])));
          return v;
        });
        const yKey = s.y;
        const need = [yKey, ...keys].filter((k, j, a) => !smp!.within.has(k) && a.indexOf(k) === j);
        if (need.length) {
          const input = need.map((k) => (k === yKey ? smp!.rawOf(s.y, [s.y]) : rawX[keys.indexOf(k)]));
          const d = demean(input, smp.fe, { tol: opts.tol, maxIter: opts.maxIter });
          need.forEach((k, j) => smp!.within.set(k, d.cols[j]));
        }
        const core = olsCore(smp.within.get(yKey)!, keys.map((k) => smp!.within.get(k)!), s.names, scale);
        const dfResid = smp.n - core.kept.length - smp.dfFe;
        if (dfResid <= 0) throw new Error(`${s.formula}: no residual degrees of freedom (N = ${smp.n}, K = ${core.kept.length}, absorbed = ${smp.dfFe})`);
        const i = core.names.indexOf(term);
        if (i < 0) throw new Error(`no coefficient "${term}" (have: ${core.names.join(", ")})`);
        return core.beta[i];
      });
    },
  };
}
