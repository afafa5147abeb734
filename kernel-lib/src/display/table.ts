import { Displayable, MimeBundle } from "./emit";
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
  mimeBundle(): MimeBundle {
    return { "text/html": this.html(), "text/plain": this.text() };
  }
}

export function table(rows: readonly Record<string, Cell>[], options: HtmlTableOptions & { columns?: readonly string[] } = {}): DataTable {
  const { columns, ...rest } = options;
  return new DataTable(rows, columns, rest);
}
