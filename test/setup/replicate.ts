import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * Runs `regionlab replicate` once for the whole test run (into out/test-run) so the notebook test and the
 * browser test check the same executed notebooks and reports.
 */
export const TEST_OUT = process.env.REGIONLAB_TEST_OUT ? path.resolve(process.env.REGIONLAB_TEST_OUT) : path.resolve(__dirname, "..", "..", "out", "test-run");

export default function setup(): void {
  // Targeted runs of one test file (`REGIONLAB_SKIP_REPLICATE=1 npx vitest run test/panel.test.ts`) need no notebooks;
  // the notebook, snapshot and browser tests then read whatever out/test-run holds and fail if it is missing.
  if (process.env.REGIONLAB_SKIP_REPLICATE === "1") return;
  fs.rmSync(TEST_OUT, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.resolve(__dirname, "..", "..", "kernel-lib", "bin", "regionlab.js"), "replicate", "--out", TEST_OUT], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.mkdirSync(TEST_OUT, { recursive: true });
  fs.writeFileSync(path.join(TEST_OUT, "replicate.log"), `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n`);
}
