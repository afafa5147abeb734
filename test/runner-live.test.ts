import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { LiveCells } from "../kernel-lib/src/runner/live";

function notebook(cells: string[]): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rl-live-")), "nb.ipynb");
  fs.writeFileSync(f, JSON.stringify({ cells: cells.map((c) => ({ cell_type: c, source: "" })) }));
  return f;
}

describe("the runner's per-cell progress", () => {
  it("counts code cells only, names each running notebook, and redraws one line on a terminal", () => {
    const out: string[] = [];
    let t = 0;
    const live = new LiveCells({ write: (s: string) => out.push(s), isTTY: true }, 0, () => t);
    live.start("a", "study-a", notebook(["markdown", "code", "markdown", "code", "code"]));
    live.start("b", "study-b", notebook(["code", "code"]));
    t = 12_000;
    live.event("a", { cell: 3, event: "start", t: 12 });
    expect(live.text()).toBe("study-a cell 2/3 (12 s) · study-b cell 0/2 (12 s)");
    expect(out.at(-1)).toMatch(/^\r {2}running: study-a cell 2\/3 \(12 s\) · study-b cell 0\/2 \(12 s\)\x1b\[K$/);
    live.end("a");
    expect(out.at(-1)).toBe("\r\x1b[K");
    expect(live.text()).toBe("study-b cell 0/2 (12 s)");
  });

  it("prints whole lines at most every interval when the output is not a terminal", () => {
    const out: string[] = [];
    let t = 0;
    const live = new LiveCells({ write: (s: string) => out.push(s) }, 30_000, () => t);
    live.start("a", "study-a", notebook(["code", "code"]));
    expect(out).toEqual(["  running: study-a cell 0/2 (0 s)\n"]);
    t = 10_000;
    live.event("a", { cell: 1, event: "start", t: 10 });
    expect(out).toHaveLength(1);
    t = 31_000;
    live.event("a", { cell: 1, event: "start", t: 31 });
    expect(out.at(-1)).toBe("  running: study-a cell 2/2 (31 s)\n");
    live.end("a");
    expect(out.filter((s) => s.includes("\x1b"))).toEqual([]);
  });
});
