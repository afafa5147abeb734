import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Runs `regionlab replicate` once for the whole test run (into out/test-run) so the notebook test and the
 * browser test check the same executed notebooks and reports.
 */
export const TEST_OUT = process.env.REGIONLAB_TEST_OUT ? path.resolve(process.env.REGIONLAB_TEST_OUT) : path.resolve(__dirname, "..", "..", "out", "test-run");

/** Where a whole `npm test` run records its wall time, for `npm run bench -- runner` (bench/runner). */
export const TEST_TIMING = path.resolve(__dirname, "..", "..", "out", "npm-test-timing.json");

export default function setup(): () => void {
  const started = new Date();
  const load = os.loadavg()[0];
  let replicateSeconds: number | null = null;
  // Written at the end of the run; a run of chosen files (arguments) or without the notebooks is not a whole npm test.
  const teardown = () => {
    const files = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run");
    if (process.env.REGIONLAB_SKIP_REPLICATE === "1" || files.length) return;
    const seconds = (Date.now() - started.getTime()) / 1000;
    const record = { started: started.toISOString(), seconds, replicate_seconds: replicateSeconds, loadavg_start: load, loadavg_end: os.loadavg()[0], cpus: os.cpus().length, node: process.version };
    fs.mkdirSync(path.dirname(TEST_TIMING), { recursive: true });
    fs.writeFileSync(TEST_TIMING, JSON.stringify(record, null, 2) + "\n");
  };
  // Targeted runs of one test file (`REGIONLAB_SKIP_REPLICATE=1 npx vitest run test/panel.test.ts`) need no notebooks;
  // the notebook, snapshot and browser tests then read whatever out/test-run holds and fail if it is missing.
  if (process.env.REGIONLAB_SKIP_REPLICATE === "1") return teardown;
  fs.rmSync(TEST_OUT, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.resolve(__dirname, "..", "..", "kernel-lib", "bin", "regionlab.js"), "replicate", "--out", TEST_OUT], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.mkdirSync(TEST_OUT, { recursive: true });
  fs.writeFileSync(path.join(TEST_OUT, "replicate.log"), `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
  replicateSeconds = (Date.now() - started.getTime()) / 1000;
  return teardown;
}
