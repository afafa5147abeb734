import { Displayable, ESTIMATES_MIME, EstimatesPayload, MimeBundle, finiteOrNull } from "./emit";
import { Cell, HtmlTableOptions, captionFor, htmlTable, textTable } from "./html";

/** A displayable data table (HTML in the notebook, aligned text in a console). */
export class DataTable implements Displayable {
  constructor(
    readonly rows: readonly Record<string, Cell>[],
    readonly columns?: readonly string[],
    readonly options: HtmlTableOptions = {},
  ) {}
  html(): string {
    return htmlTable(this.rows, this.columns, this.options);
  }
  text(): string {
    const d = typeof this.options.digits === "number" ? this.options.digits : 3;
    const c = captionFor(this.options.caption, this.options.provenance);
    const cap = c ? c + "\n" : "";
    return cap + textTable(this.rows, this.columns, d);
  }
  /** Numeric cells at full precision, keyed "row label | column" (the row label is the first text cell). */
  estimates(): EstimatesPayload {
    const values: Record<string, number | null> = {};
    this.rows.forEach((row, i) => {
      const cols = this.columns ?? Object.keys(row);
      const first = cols.map((c) => row[c]).find((v) => typeof v === "string");
      const label = typeof first === "string" && first ? first : `#${i + 1}`;
      for (const c of cols) {
        const v = row[c];
        if (typeof v !== "number") continue;
        let key = `${label} | ${c}`;
        for (let k = 2; key in values; k++) key = `${label} (${k}) | ${c}`;
        values[key] = finiteOrNull(v);
      }
    });
    return { kind: "table", caption: this.options.caption ?? "", provenance: this.options.provenance, values };
  }
  mimeBundle(): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.text(), [ESTIMATES_MIME]: JSON.stringify(this.estimates()) };
  }
}

export function table(rows: readonly Record<string, Cell>[], options: HtmlTableOptions & { columns?: readonly string[] } = {}): DataTable {
  const { columns, ...rest } = options;
  return new DataTable(rows, columns, rest);
}
