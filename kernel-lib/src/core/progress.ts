/**
 * A progress bar with an ETA on stderr for long jobs (DEA over DMUs, Louvain restarts, GBDT rounds, matching).
 * It stays silent for jobs that finish within `afterMs` (2 s), so short runs print nothing; on a terminal it
 * redraws one line, elsewhere it prints a line at most every `everyMs` (5 s) so logs stay readable.
 */

/** Called by a solver as work completes: `done` of `total` units. */
export type ProgressCallback = (done: number, total: number) => void;

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  sink?: ProgressSink;
  /** Stay silent until the job has run this long (ms). */
  afterMs?: number;
  /** Minimum time between two lines when the sink is not a terminal (ms). */
  everyMs?: number;
  /** Clock (tests pass a fake one). */
  now?: () => number;
  width?: number;
}

export interface Progress {
  /** The callback to hand to a solver. */
  readonly update: ProgressCallback;
  /** Finish the bar (a final line if anything was drawn). */
  done(): void;
}

const fmtTime = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
};

/**
 * The bar's text: `label [#####-----]  50%  500/1000  elapsed 3s  ETA 3s`. The ETA extrapolates the rate
 * measured since the first update (`rateMsPerUnit`), so a slow start-up does not inflate it.
 */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, width = 24, rateMsPerUnit?: number): string {
  const f = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(f * width);
  const eta = rateMsPerUnit !== undefined && done < total ? `  ETA ${fmtTime(rateMsPerUnit * (total - done))}` : "";
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${done}/${total}  elapsed ${fmtTime(elapsedMs)}${eta}`;
}

export function startProgress(label: string, opts: ProgressOptions = {}): Progress {
  const sink = opts.sink ?? process.stderr;
  const now = opts.now ?? (() => Date.now());
  const afterMs = opts.afterMs ?? 2000;
  const everyMs = opts.everyMs ?? (sink.isTTY ? 100 : 5000);
  const t0 = now();
  let last = -Infinity;
  let drawn = false;
  let state = { done: 0, total: 0 };
  let first: { t: number; done: number } | undefined;
  const draw = (final: boolean) => {
    const t = now();
    const rate = first && state.done > first.done ? (t - first.t) / (state.done - first.done) : undefined;
    const line = progressLine(label, state.done, state.total, t - t0, opts.width, rate);
    sink.write(sink.isTTY ? `\r${line}\x1b[K${final ? "\n" : ""}` : `${line}\n`);
    drawn = true;
  };
  return {
    update(done, total) {
      state = { done, total };
      const t = now();
      first ??= { t, done };
      if (t - t0 < afterMs || t - last < everyMs) return;
      last = t;
      draw(false);
    },
    done() {
      if (drawn) draw(true);
    },
  };
}

/** A progress that draws nothing (with --json, unless --progress). */
export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

/** tslab's display API when this process is a tslab kernel (found in the module cache: kernel-lib does not depend on tslab). */
function tslabDisplay(): { newDisplay(): { text(s: string): void } } | undefined {
  const key = Object.keys(require.cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
  if (!key) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(key.replace(/jupyter\.js$/, "public.js"));
  } catch {
    return undefined;
  }
}

/**
 * A sink that redraws one display output of the running notebook cell (update_display_data), so a long loop in a
 * notebook shows one live bar, and its final line stays in the cell; undefined outside a tslab kernel.
 */
export function notebookSink(): ProgressSink | undefined {
  const tslab = tslabDisplay();
  if (!tslab) return undefined;
  let handle: { text(s: string): void } | undefined;
  return {
    isTTY: true,
    write(s: string) {
      try {
        handle ??= tslab.newDisplay();
        handle.text(s.replace(/\r|\x1b\[K|\n$/g, ""));
      } catch {
        // not inside a cell's execution: nothing to draw on
      }
    },
  };
}

/**
 * The one progress of a solver loop: the caller's callback when given (the CLI passes its stderr bar, silent
 * under --json), else a live bar in the notebook cell when running in a tslab kernel, else nothing.
 */
export function progressFor(label: string, onProgress?: ProgressCallback): Progress {
  if (onProgress) return { update: onProgress, done: () => undefined };
  const sink = notebookSink();
  return sink ? startProgress(label, { sink, everyMs: 1000 }) : silentProgress;
}
