import * as fs from "fs";
import type { CellEvent } from "./warm";

interface Running {
  label: string;
  /** Code-cell ordinal (1-based) of each cell index of the notebook; 0 for markdown cells. */
  ordinal: number[];
  codeCells: number;
  cell: number;
  started: number;
}

/**
 * Per-cell progress of the notebooks a replicate run is executing. On a terminal one line is redrawn
 * ("running: ai-regional-innovation cell 12/40 (35 s) · dual-control-xgboost-shap cell 3/31 (4 s)"); elsewhere a
 * line is printed at most every `everyMs` (30 s) while notebooks run, so a CI log shows where a long run is.
 */
export class LiveCells {
  private running = new Map<string, Running>();
  private drawn = false;
  private last = -Infinity;

  constructor(
    private sink: { write(s: string): unknown; isTTY?: boolean } = process.stderr,
    private everyMs = sink.isTTY ? 250 : 30_000,
    private now: () => number = () => Date.now(),
  ) {}

  /** A notebook starts: `notebook` is its .ipynb (read for the code-cell count). */
  start(key: string, label: string, notebook: string): void {
    let ordinal: number[] = [];
    try {
      const nb = JSON.parse(fs.readFileSync(notebook, "utf8")) as { cells: { cell_type: string }[] };
      let k = 0;
      ordinal = nb.cells.map((c) => (c.cell_type === "code" ? ++k : 0));
    } catch {
      // progress only: a notebook that cannot be read here fails in the driver with its own message
    }
    this.running.set(key, { label, ordinal, codeCells: ordinal.filter((o) => o > 0).length, cell: 0, started: this.now() });
    this.draw(false);
  }

  event(key: string, e: CellEvent): void {
    const r = this.running.get(key);
    if (!r || e.cell === null || e.event !== "start") return;
    r.cell = r.ordinal[e.cell] || r.cell;
    this.draw(false);
  }

  end(key: string): void {
    this.running.delete(key);
    this.clear();
  }

  /** Erase the live line before other output is written (terminal only). */
  clear(): void {
    if (this.drawn && this.sink.isTTY) this.sink.write("\r\x1b[K");
    this.drawn = false;
  }

  text(): string {
    const t = this.now();
    return [...this.running.values()].map((r) => `${r.label} cell ${r.cell}/${r.codeCells} (${Math.round((t - r.started) / 1000)} s)`).join(" · ");
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!this.running.size || (!force && t - this.last < this.everyMs)) return;
    this.last = t;
    const line = `  running: ${this.text()}`;
    if (this.sink.isTTY) {
      this.sink.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1)}\x1b[K`);
      this.drawn = true;
    } else this.sink.write(`${line}\n`);
  }
}
