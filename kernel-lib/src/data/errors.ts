/**
 * Every data problem regionlab reports is a DataError: one line that names the file, the row, the column,
 * the offending value and what was expected, so a user can open the file and fix it.
 */
export interface DataIssue {
  file: string;
  /** 1-based data row (the header is row 0); undefined for file- or header-level problems. */
  row?: number;
  column?: string;
  value?: string;
  expected: string;
}

export function formatIssue(i: DataIssue): string {
  const where = [i.file];
  if (i.row !== undefined) where.push(`row ${i.row} (line ${i.row + 1})`);
  if (i.column !== undefined) where.push(`column "${i.column}"`);
  const got = i.value !== undefined ? `: got ${JSON.stringify(i.value)}` : "";
  return `${where.join(", ")}${got}; expected ${i.expected}`;
}

export class DataError extends Error {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
    super(formatIssue(first) + more);
    this.name = "DataError";
    this.issues = issues;
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
