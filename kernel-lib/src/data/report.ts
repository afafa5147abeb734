/**
 * What every CLI result reports about its input and its solve, in one shape across families: rows left
 * out (and why) and whether an iterative solver converged.
 */

/** Rows a method left out, by reason; `--json` prints them as `dropped: [{ reason, rows }]`. */
export interface DroppedRows {
  reason: string;
  rows: number;
}

/** Whether an iterative solver reached its stopping rule; never report an estimate built on ok = false. */
export interface Convergence {
  ok: boolean;
  iterations: number;
  message: string;
}

/** The non-empty entries of a list of drop counts. */
export const droppedRows = (...d: DroppedRows[]): DroppedRows[] => d.filter((x) => x.rows > 0);

/** The text-mode line for dropped rows, or "" when nothing was dropped. */
export function droppedText(d: readonly DroppedRows[]): string {
  return d.length ? `dropped: ${d.map((x) => `${x.rows} row${x.rows === 1 ? "" : "s"} (${x.reason})`).join("; ")}` : "";
}
