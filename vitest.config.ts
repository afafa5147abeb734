import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Execute every notebook once (out/test-run) for the notebook and browser tests.
    globalSetup: ["test/setup/replicate.ts"],
    // Notebook execution and the browser test start real processes; give them room, but no timed assertions.
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    // at most two concurrent tests in a file (describe.concurrent), as many as the cores the CI machine has
    maxConcurrency: 2,
  },
});
