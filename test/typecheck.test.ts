import { describe, expect, it } from "vitest";
import { spawn } from "child_process";
import * as path from "path";

// Notebook generators and study modules in data/<id>/*.ts are transpiled without type checking when a notebook loads
// them, and vitest strips types too; this is where types are checked (tests, data modules, bench and kernel-lib).
const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

// tsc runs for 30-40 s: spawned without blocking the test worker, whose RPC to vitest times out when its event loop
// is held that long twice in a row.
const tscAsync = (project: string) =>
  new Promise<{ status: number | null; out: string }>((resolve) => {
    const c = spawn(process.execPath, [tsc, "--noEmit", "-p", path.join(root, project)]);
    let out = "";
    c.stdout.on("data", (b: Buffer) => (out += b.toString()));
    c.stderr.on("data", (b: Buffer) => (out += b.toString()));
    c.on("close", (status) => resolve({ status, out }));
  });

describe("type check", () => {
  for (const project of ["tsconfig.json", "kernel-lib/tsconfig.json"]) {
    it(`tsc --noEmit -p ${project}`, async () => {
      const r = await tscAsync(project);
      expect(r.out, "type errors").toBe("");
      expect(r.status).toBe(0);
    });
  }
});
