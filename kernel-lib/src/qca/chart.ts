/**
 * The configuration chart papers print (Ragin & Fiss 2008; Fiss 2011): one column per configuration (term),
 * one row per condition; ● = condition present, ⊗ = condition absent, blank = "don't care"; large symbols are
 * core conditions (also in the parsimonious solution), small symbols peripheral ones. Under the conditions:
 * raw coverage, unique coverage and consistency of each term, then the overall solution coverage and
 * consistency. Rendered through display/html (htmlTable); the text form marks peripheral symbols in brackets.
 */
import { Displayable, MimeBundle } from "../display/emit";
import { Cell, HtmlTableOptions, captionFor, formatNumber, htmlTable, textTable } from "../display/html";
import { Solution } from "./minimize";

export const PRESENT = "●";
export const ABSENT = "⊗";

export interface ChartOptions extends Pick<HtmlTableOptions, "caption" | "provenance" | "notes"> {
  digits?: number;
  /** Column labels (default "1", "2", …; fsQCA papers often use "H1a" etc.). */
  labels?: string[];
}

export class ConfigurationChart implements Displayable {
  readonly columns: string[];
  readonly symbols: { condition: string; cells: ("core+" | "core-" | "peri+" | "peri-" | "")[] }[];
  constructor(
    readonly solution: Solution,
    readonly conditions: string[],
    readonly options: ChartOptions = {},
  ) {
    this.columns = solution.terms.map((_, t) => options.labels?.[t] ?? String(t + 1));
    this.symbols = conditions.map((c, j) => ({
      condition: c,
      cells: solution.terms.map((t) => {
        const v = t.literals[j];
        if (v === null) return "";
        return `${t.core[j] ? "core" : "peri"}${v === 1 ? "+" : "-"}` as "core+" | "core-" | "peri+" | "peri-";
      }),
    }));
  }

  private rows(mode: "html" | "text"): Record<string, Cell>[] {
    const d = this.options.digits ?? 3;
    const sym = (s: string): Cell => {
      if (!s) return "";
      const ch = s.endsWith("+") ? PRESENT : ABSENT;
      const core = s.startsWith("core");
      if (mode === "text") return core ? ch : `(${ch})`;
      return { html: `<span style="font-size:${core ? "1.35em" : "0.8em"}" title="${core ? "core" : "peripheral"} condition, ${ch === PRESENT ? "present" : "absent"}">${ch}</span>` };
    };
    const out: Record<string, Cell>[] = this.symbols.map((r) => {
      const rec: Record<string, Cell> = { Condition: r.condition };
      this.columns.forEach((c, t) => (rec[c] = sym(r.cells[t])));
      return rec;
    });
    const stat = (label: string, f: (t: Solution["terms"][number]) => number) => {
      const rec: Record<string, Cell> = { Condition: label };
      this.columns.forEach((c, t) => (rec[c] = formatNumber(f(this.solution.terms[t]), d)));
      return rec;
    };
    out.push(stat("Consistency", (t) => t.inclusion), stat("PRI", (t) => t.pri), stat("Raw coverage", (t) => t.raw_coverage), stat("Unique coverage", (t) => t.unique_coverage));
    const first = this.columns[0];
    out.push({ Condition: "Solution consistency", [first]: formatNumber(this.solution.inclusion, d) });
    out.push({ Condition: "Solution coverage", [first]: formatNumber(this.solution.coverage, d) });
    return out;
  }

  private legend(): string {
    return `${PRESENT} present, ${ABSENT} absent, blank: either; large symbols core, small peripheral conditions`;
  }

  html(): string {
    const align: Record<string, "center"> = {};
    for (const c of this.columns) align[c] = "center";
    return htmlTable(this.rows("html"), ["Condition", ...this.columns], { caption: this.options.caption, provenance: this.options.provenance, notes: [this.legend(), ...(this.options.notes ?? [])], align });
  }

  text(): string {
    const cap = captionFor(this.options.caption, this.options.provenance);
    return (cap ? cap + "\n" : "") + textTable(this.rows("text"), ["Condition", ...this.columns]) + `\n${this.legend().replace("large symbols core, small peripheral", "bare symbols core, (bracketed) peripheral")}`;
  }

  mimeBundle(): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.text() };
  }
}

export function configurationChart(solution: Solution, conditions: string[], options: ChartOptions = {}): ConfigurationChart {
  return new ConfigurationChart(solution, conditions, options);
}
