/**
 * Every data problem regionlab reports is a DataError: one line that names the file, the row, the column,
 * the offending value and what was expected, so a user can open the file and fix it.
 */
export interface DataIssue {
  file: string;
  /** 1-based data row (the header is row 0); undefined for file- or header-level problems. */
  row?: number;
  /** 1-based physical line of the row in the file (differs from row + 1 after blank lines or multi-line cells). */
  line?: number;
  column?: string;
  value?: string;
  expected: string;
}

export function formatIssue(i: DataIssue): string {
  const where = [i.file];
  if (i.row !== undefined) where.push(`row ${i.row} (line ${i.line ?? i.row + 1})`);
  if (i.column !== undefined) where.push(`column "${i.column}"`);
  const got = i.value !== undefined ? `: got ${JSON.stringify(i.value)}` : "";
  return `${where.join(", ")}${got}; expected ${i.expected}`;
}

export class DataError extends Error {
  /** The problems collected (at most the reader's maxIssues). */
  readonly issues: DataIssue[];
  /** How many problems were found in all (issues.length when none were left out). */
  readonly total: number;
  constructor(issues: DataIssue[], total = issues.length) {
    const first = issues[0];
    const more = total > 1 ? ` (+${total - 1} more problem${total > 2 ? "s" : ""})` : "";
    super(formatIssue(first) + more);
    this.name = "DataError";
    this.issues = issues;
    this.total = Math.max(total, issues.length);
  }
  get file(): string {
    return this.issues[0].file;
  }
  get row(): number | undefined {
    return this.issues[0].row;
  }
  get column(): string | undefined {
    return this.issues[0].column;
  }
}

/** The JSON form of a data error that `--json` prints on stdout. */
export function dataErrorJson(e: DataError): { error: { kind: "data"; message: string; total: number; issues: DataIssue[] } } {
  return { error: { kind: "data", message: e.message, total: e.total, issues: e.issues } };
}
