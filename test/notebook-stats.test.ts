import { describe, expect, it } from "vitest";
import { execFileSync } from "child_process";
import * as path from "path";

// Issue 15's budget for the notebook layer, measured by scripts/notebook-stats.js (reads the cells, runs nothing).
const root = path.resolve(__dirname, "..");
interface Row { id: string; codeLines: number; maxCellLines: number; maxLineChars: number; anyCount: number }
const stats = JSON.parse(execFileSync(process.execPath, [path.join(root, "scripts", "notebook-stats.js"), "--json"],
  { encoding: "utf8" })) as { notebooks: Row[]; total: { codeLines: number; anyCount: number };
  sharedFunctions: Record<string, string[]> };

describe("notebook stats (issue 15)", () => {
  it("the notebooks total at most 2,500 code lines", () => {
    expect(stats.notebooks.length).toBeGreaterThan(0);
    expect(stats.total.codeLines).toBeLessThanOrEqual(2500);
  });
  it("no `any` in a code cell (as any, : any, <any>)", () => {
    expect(stats.notebooks.filter((r) => r.anyCount > 0).map((r) => r.id)).toEqual([]);
  });
  it("every code cell has at most 25 lines of at most 110 characters", () => {
    expect(stats.notebooks.filter((r) => r.maxCellLines > 25).map((r) => `${r.id}: ${r.maxCellLines}`)).toEqual([]);
    expect(stats.notebooks.filter((r) => r.maxLineChars > 110).map((r) => `${r.id}: ${r.maxLineChars}`)).toEqual([]);
  });
  it("no function is defined in two notebooks", () => {
    expect(stats.sharedFunctions).toEqual({});
  });
});
