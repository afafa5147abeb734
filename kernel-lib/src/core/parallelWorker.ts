/**
 * A pooled worker of core/parallel: for each job message it builds the task's function from the payload, takes
 * chunks of indices from the shared counter, and posts its (index, result) pairs before raising its done flag.
 */
import * as path from "path";
import { MessagePort, parentPort, workerData } from "worker_threads";

interface Job {
  module: string;
  name: string;
  payload: unknown;
  sab: SharedArrayBuffer;
  slot: number;
  count: number;
  chunk: number;
}

const { port, root } = workerData as { port: MessagePort; root: string };

parentPort!.on("message", (job: Job) => {
  const ctl = new Int32Array(job.sab);
  const idx: number[] = [];
  const res: unknown[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const make = require(path.join(root, job.module))[job.name] as (p: unknown) => (i: number) => unknown;
    const run = make(job.payload);
    for (;;) {
      const s = Atomics.add(ctl, 0, job.chunk);
      if (s >= job.count) break;
      const e = Math.min(job.count, s + job.chunk);
      for (let i = s; i < e; i++) {
        idx.push(i);
        res.push(run(i));
      }
      Atomics.add(ctl, 1, e - s);
    }
    port.postMessage({ idx: Int32Array.from(idx), res });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
  Atomics.store(ctl, job.slot, 1);
  Atomics.notify(ctl, job.slot);
});
