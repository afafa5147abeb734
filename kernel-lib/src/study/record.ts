import { Glance, ModelLike } from "../display/regtable";
import { Provenance } from "../display/html";
import { Ours, Published } from "../ledger";
import { PanelData } from "../panel";
import { STATA_CONSTANT, stataConstant } from "./constant";

/**
 * Our numbers for a study's ledger, keyed by the ids of its published.json. `put` writes only ids that exist
 * (a fit has more coefficients than a paper prints), so a notebook can record whole fits without a list of ids.
 */
export class LedgerOurs {
  readonly values: Record<string, Ours> = {};
  private readonly ids: Set<string>;
  constructor(readonly published: Published) {
    this.ids = new Set(published.entries.map((e) => e.id));
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
  /** Record ours for `id` when the paper prints it; returns whether it did. A non-finite value is stored as null. */
  put(id: string, value: number | null, note = "", extra: { provenance?: Provenance; input?: boolean } = {}): boolean {
    if (!this.ids.has(id)) return false;
    const v = value === null || !Number.isFinite(value) ? null : value;
    this.values[id] = { value: v, note, ...extra };
    return true;
  }
  /** The ids of published.json that have no number yet and no not_reproducible reason. */
  missing(): string[] {
    return this.published.entries.filter((e) => !(e.id in this.values) && !e.not_reproducible).map((e) => e.id);
  }
  /** How many of ours carry a number. */
  computed(): number {
    return Object.values(this.values).filter((o) => o.value !== null).length;
  }
}

export function ledgerOurs(published: Published): LedgerOurs {
  return new LedgerOurs(published);
}

export interface RecordOptions {
  /** Id prefix, e.g. "t4-2"; or give table and column ("t4", 2 → "t4-2"). */
  prefix?: string;
  table?: string;
  column?: string | number;
  /** What the paper prints in parentheses: t (or z) statistics or standard errors. Default "t". */
  stat?: "t" | "se" | "z";
  /** Ledger names of terms: { L_NP: "NP", _cons: "cons" }. */
  rename?: Record<string, string>;
  /** Only these terms (default: every coefficient and the constant). */
  terms?: string[];
  /** The data the model was fitted on: lets an absorbed-FE fit report Stata's `_cons` (mean(y) − mean(x)·b). */
  data?: PanelData;
  /** The R² the ledger's `-r2` holds: glance's r_squared (default), within_r_squared, or within for FE fits. */
  r2?: "r_squared" | "within_r_squared" | "within_if_fe" | "adj_r_squared";
  /** More glance statistics: ledger suffix → glance key, e.g. { ar2: "adj_r_squared" }. */
  stats?: Record<string, string>;
}

function r2Of(g: Glance, rule: NonNullable<RecordOptions["r2"]>): number | null {
  const v = rule === "within_if_fe" ? (g.within_r_squared ?? g.r_squared) : g[rule];
  return typeof v === "number" ? v : null;
}

/**
 * Write a fit's numbers into the ledger under `<prefix>-<term>-b`, `<prefix>-<term>-<stat>`, `<prefix>-N` and
 * `<prefix>-r2`: coefficients, their t (or z) or SE, the constant as Stata prints it (`_cons`; for an absorbed-FE
 * fit without an SE its SE/t is null with a note), N and R². Only ids present in published.json are written;
 * returns the ids written.
 */
export function record(ours: LedgerOurs, fit: ModelLike, options: RecordOptions): string[] {
  const prefix = options.prefix ?? (options.table !== undefined && options.column !== undefined ? `${options.table}-${options.column}` : undefined);
  if (!prefix) throw new Error("record: give prefix, or table and column");
  const stat = options.stat ?? "t";
  const rename = options.rename ?? {};
  const only = options.terms ? new Set(options.terms) : null;
  const written: string[] = [];
  const put = (id: string, v: number | null, note = "") => {
    if (ours.put(id, v, note)) written.push(id);
  };
  for (const r of fit.tidy()) {
    if (r.term === "(Intercept)" || r.term === STATA_CONSTANT) continue;
    if (only && !only.has(r.term)) continue;
    const name = rename[r.term] ?? r.term;
    put(`${prefix}-${name}-b`, r.estimate);
    put(`${prefix}-${name}-${stat}`, stat === "se" ? r.std_error : r.statistic);
  }
  if (!only || only.has(STATA_CONSTANT)) {
    const c = stataConstant(fit, options.data);
    const name = rename[STATA_CONSTANT] ?? STATA_CONSTANT;
    if (c) {
      put(`${prefix}-${name}-b`, c.estimate, c.source === "means" ? "Stata's _cons of the FE model: mean(y) − mean(x)·b" : "");
      const s = stat === "se" ? c.std_error : c.statistic;
      put(`${prefix}-${name}-${stat}`, Number.isFinite(s) ? s : null, Number.isFinite(s) ? "" : "FE model: no SE for the constant recovered from the means");
    }
  }
  const g = fit.glance();
  put(`${prefix}-N`, g.nobs);
  put(`${prefix}-r2`, r2Of(g, options.r2 ?? "r_squared"));
  for (const [suffix, key] of Object.entries(options.stats ?? {})) {
    const v = g[key];
    put(`${prefix}-${suffix}`, typeof v === "number" ? v : null);
  }
  return written;
}

/**
 * Give every entry still without a number (and without a not_reproducible reason) a null with `note`, so
 * compare() shows it as not computed instead of throwing. Returns the ids filled: print them, never hide them.
 */
export function fillMissing(published: Published, ours: LedgerOurs | Record<string, Ours | number>, note: string): string[] {
  const values = ours instanceof LedgerOurs ? ours.values : ours;
  const ids = published.entries.filter((e) => !(e.id in values) && !e.not_reproducible).map((e) => e.id);
  for (const id of ids) values[id] = { value: null, note };
  return ids;
}
