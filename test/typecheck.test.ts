import { describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as path from "path";

// Notebook generators in data/<id>/*.ts are transpiled without type checking when a notebook loads them, and vitest
// strips types too; this is where types are checked (tests, generators, bench and kernel-lib itself).
const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

describe("type check", () => {
  for (const project of ["tsconfig.json", "kernel-lib/tsconfig.json"]) {
    it(`tsc --noEmit -p ${project}`, () => {
      const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(root, project)], { encoding: "utf8" });
      expect(r.stdout + r.stderr, "type errors").toBe("");
      expect(r.status).toBe(0);
    });
  }
});
