import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Context, DriverResult, Job } from "./replicate";
import { injectedParameters } from "./params";

/**
 * Warm notebook kernels: one long-lived notebook driver (`run_notebook.py --serve`) keeps its tslab kernel, so a run
 * pays neither the Python and kernel start-up nor loading the compiler again. Before each notebook the kernel is reset
 * to a fresh module scope and a fresh kernel-lib (see kernel.ts), so runs in one kernel give a fresh kernel's
 * results. `regionlab explore` keeps one per study (at most `keep`; the least recently used is shut down);
 * `regionlab replicate` one per job slot, running notebook after notebook.
 */

export interface CellEvent {
  cell: number | null;
  event: "start" | "done" | "written";
  /** Seconds since the run started. */
  t: number;
}

interface Pending {
  resolve: (r: DriverResult) => void;
  onEvent: (e: CellEvent) => void;
}

export class WarmKernel {
  private child: ChildProcess;
  private buffer = "";
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  readonly ready: Promise<void>;
  private dead: string | null = null;
  lastUsed = Date.now();
  /** REGIONLAB_WARM_LOG=<prefix>: the driver's stderr and each request, progress line and result, for diagnosis. */
  private logFile: string | null = null;
  /** Jobs queued or running in this kernel. */
  busy = 0;
  /** Notebooks started in this kernel. */
  runs = 0;

  constructor(
    readonly id: string,
    private ctx: Context,
    /** Reset to a fresh module scope before each notebook (replicate); explore's per-study kernels re-run in place. */
    private reset = true,
  ) {
    const driver = path.join(ctx.root, "kernel-lib", "python", "run_notebook.py");
    const cwd = path.join(ctx.root, "notebooks");
    this.child = spawn(ctx.python, [driver, "--serve", "--cwd", cwd, "--timeout", String(ctx.timeout)], { cwd, env: { ...ctx.env, REGIONLAB_NOTEBOOK: id }, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    const logFile = (this.logFile = process.env.REGIONLAB_WARM_LOG ? `${process.env.REGIONLAB_WARM_LOG}.${id}.log` : null);
    this.child.stderr!.on("data", (b: Buffer) => {
      stderr = (stderr + b.toString("utf8")).slice(-4000);
      if (logFile) fs.appendFileSync(logFile, b);
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.stdout!.on("data", (b: Buffer) => {
        this.buffer += b.toString("utf8");
        let i: number;
        while ((i = this.buffer.indexOf("\n")) >= 0) {
          const line = this.buffer.slice(0, i);
          this.buffer = this.buffer.slice(i + 1);
          let msg: { ready?: boolean; progress?: CellEvent; result?: DriverResult };
          try {
            msg = JSON.parse(line);
          } catch {
            continue;
          }
          if (msg.ready) resolve();
          if (logFile && (msg.progress || msg.result)) fs.appendFileSync(logFile, `${new Date().toISOString()} ${JSON.stringify(msg.progress ?? { result: msg.result!.status, error: msg.result!.error, phases: (msg.result as { phases?: unknown }).phases })}\n`);
          if (msg.progress) this.pending?.onEvent(msg.progress);
          if (msg.result && this.pending) {
            const p = this.pending;
            this.pending = null;
            p.resolve(msg.result);
          }
        }
      });
      const gone = (why: string) => {
        this.dead = why;
        reject(new Error(why));
        if (this.pending) {
          const p = this.pending;
          this.pending = null;
          p.resolve({ status: "error", error: { cell: null, source: "", ename: "RunnerError", evalue: why }, ledger: [], seconds: 0 });
        }
      };
      this.child.on("error", (e) => gone(`could not start the notebook driver: ${e.message}`));
      this.child.on("exit", (code) => gone(`the warm notebook driver exited (${code}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.dead === null;
  }

  /** Run one job in this kernel (after the ones before it). */
  run(job: Job, onEvent: (e: CellEvent) => void): Promise<DriverResult> {
    this.busy++;
    const next = this.queue.then(async () => {
      await this.ready;
      this.lastUsed = Date.now();
      this.runs++;
      const inject = injectedParameters(path.join(this.ctx.root, "notebooks", `${job.id}.ipynb`), job.decls, job.values);
      const req = {
        input: path.join(this.ctx.root, "notebooks", `${job.id}.ipynb`),
        output: path.join(job.dir, `${job.id}.ipynb`),
        html: path.join(job.dir, `${job.id}.html`),
        inject,
        ...(this.reset ? { env: { REGIONLAB_OUT: job.dir, REGIONLAB_NOTEBOOK: job.id } } : {}),
        title: job.variant ? `${job.id} (what-if ${job.variant})` : job.id,
      };
      return new Promise<DriverResult>((resolve) => {
        this.pending = { resolve, onEvent };
        if (this.logFile) fs.appendFileSync(this.logFile, `${new Date().toISOString()} request ${job.id}\n`);
        this.child.stdin!.write(JSON.stringify(req) + "\n");
      });
    });
    this.queue = next.catch(() => undefined);
    void this.queue.then(() => this.busy--);
    return next.catch((e: Error) => ({ status: "error" as const, error: { cell: null, source: "", ename: "RunnerError", evalue: e.message }, ledger: [], seconds: 0 }));
  }

  /** Stop the driver (which shuts its kernel down); resolves when it has exited. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    return exited;
  }
}

export class WarmPool {
  private kernels = new Map<string, WarmKernel>();

  constructor(
    private ctx: Context,
    private keep: number,
    private reset = true,
  ) {}

  /** The study's warm kernel, started if needed (shutting down the least recently used beyond `keep`). */
  get(id: string): WarmKernel {
    let k = this.kernels.get(id);
    if (k && !k.alive) this.kernels.delete(id);
    k = this.kernels.get(id);
    if (!k) {
      k = new WarmKernel(id, this.ctx, this.reset);
      this.kernels.set(id, k);
      const idle = [...this.kernels.values()].filter((x) => x !== k && x.busy === 0).sort((a, b) => a.lastUsed - b.lastUsed);
      while (this.kernels.size > this.keep && idle.length) {
        const old = idle.shift()!;
        void old.stop();
        this.kernels.delete(old.id);
      }
    }
    return k;
  }

  has(id: string): boolean {
    return this.kernels.get(id)?.alive ?? false;
  }

  stopAll(): void {
    for (const k of this.kernels.values()) void k.stop();
    this.kernels.clear();
  }
}
