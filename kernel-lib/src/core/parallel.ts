/**
 * Embarrassingly parallel loops on worker threads, called synchronously (the solvers' APIs stay synchronous).
 *
 * A task is a module of kernel-lib exporting a factory `make(payload) => (i) => result`. The calling thread
 * builds the same function from the same payload, hands the payload to `threads − 1` pooled workers, and all of
 * them take chunks of indices from one shared atomic counter until none is left. Every item is computed by the
 * same code on the same inputs whichever thread takes it, so results are bit-identical to `threads: 1`;
 * randomness must therefore be drawn per item (or drawn up front on the calling thread), never per thread.
 * The calling thread waits with Atomics.wait and collects each worker's results with receiveMessageOnPort, so no
 * event-loop turn is needed. Workers run the compiled library (kernel-lib/dist); without it the loop runs on
 * one thread.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from "worker_threads";
import { ProgressCallback } from "./progress";

export interface ParallelTask<P, R> {
  /** Module path under kernel-lib's src/dist without extension, e.g. "dea/run". */
  module: string;
  /** Name of the factory exported by that module. */
  name: string;
  /** The factory itself (the calling thread uses it directly). */
  make: (payload: P) => (i: number) => R;
}

export interface ParallelOptions {
  /** Threads in all, the calling one included (default: `defaultThreads()`); 1 runs the plain loop. */
  threads?: number;
  /** Below this many items per thread the loop stays on the calling thread. */
  minPerThread?: number;
  onProgress?: ProgressCallback;
}

/** Cores available (REGIONLAB_THREADS overrides). */
export function defaultThreads(): number {
  const env = Number(process.env.REGIONLAB_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  const osAny = os as unknown as { availableParallelism?: () => number };
  return Math.max(1, osAny.availableParallelism ? osAny.availableParallelism() : os.cpus().length);
}

/** Check a user-given `threads` option. */
export function resolveThreads(threads: number | undefined, who: string): number {
  if (threads === undefined) return defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`${who}: threads must be a whole number >= 1, got ${threads}`);
  return threads;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

/** What the last parallelMap did (tests check that threads > 1 really used the pool). */
export const lastParallelRun = { threads: 1, workers: 0, itemsByWorkers: 0 };

const distRoot = path.resolve(__dirname, "..", "..", "dist");
const workerFile = path.join(distRoot, "core", "parallelWorker.js");
const pool: PoolWorker[] = [];

function poolOf(k: number): PoolWorker[] {
  while (pool.length < k) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerFile, { workerData: { port: port2, root: distRoot }, transferList: [port2] });
    worker.unref();
    port1.unref();
    pool.push({ worker, port: port1 });
  }
  return pool.slice(0, k);
}

/** `[make(payload)(0), …, make(payload)(count − 1)]`, spread over threads. */
export function parallelMap<P, R>(task: ParallelTask<P, R>, payload: P, count: number, opts: ParallelOptions = {}): R[] {
  const run = task.make(payload);
  const out = new Array<R>(count);
  const want = Math.min(opts.threads ?? defaultThreads(), Math.floor(count / Math.max(1, opts.minPerThread ?? 1)));
  const progress = opts.onProgress;
  Object.assign(lastParallelRun, { threads: 1, workers: 0, itemsByWorkers: 0 });
  if (want <= 1 || !fs.existsSync(workerFile)) {
    for (let i = 0; i < count; i++) {
      out[i] = run(i);
      progress?.(i + 1, count);
    }
    return out;
  }
  const workers = poolOf(want - 1);
  Object.assign(lastParallelRun, { threads: want, workers: workers.length });
  // ctl[0]: next index to take; ctl[1]: items done; ctl[2 + w]: worker w finished
  const sab = new SharedArrayBuffer(4 * (2 + workers.length));
  const ctl = new Int32Array(sab);
  const chunk = Math.max(1, Math.min(64, Math.floor(count / (want * 32))));
  workers.forEach((w, k) => w.worker.postMessage({ module: task.module, name: task.name, payload, sab, slot: 2 + k, count, chunk }));
  let shown = 0;
  const report = () => {
    const done = Atomics.load(ctl, 1);
    if (progress && done !== shown) progress((shown = done), count);
  };
  // every worker must have posted before returning or throwing, so no late message is read by the next call
  const collect = () =>
    workers.map((w, k) => {
      while (Atomics.load(ctl, 2 + k) === 0) {
        Atomics.wait(ctl, 2 + k, 0, 200);
        report();
      }
      return receiveMessageOnPort(w.port)?.message as { idx?: Int32Array; res?: R[]; error?: string } | undefined;
    });
  try {
    for (;;) {
      const s = Atomics.add(ctl, 0, chunk);
      if (s >= count) break;
      const e = Math.min(count, s + chunk);
      for (let i = s; i < e; i++) out[i] = run(i);
      Atomics.add(ctl, 1, e - s);
      report();
    }
  } catch (e) {
    Atomics.store(ctl, 0, count);
    collect();
    throw e;
  }
  let error: string | undefined;
  collect().forEach((msg) => {
    if (!msg) error ??= "a worker finished without sending its results";
    else if (msg.error) error ??= msg.error;
    else {
      msg.idx!.forEach((i, q) => (out[i] = msg.res![q]));
      lastParallelRun.itemsByWorkers += msg.idx!.length;
    }
  });
  report();
  if (error) throw new Error(`parallel ${task.module}.${task.name}: ${error}`);
  return out;
}
