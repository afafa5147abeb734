import { describe, expect, it } from "vitest";
import * as path from "path";
import { progressLine, startProgress } from "../kernel-lib/src/core/progress";
import { main } from "../kernel-lib/src/cli";

function fake(isTTY: boolean) {
  let t = 0;
  const lines: string[] = [];
  return { sink: { isTTY, write: (s: string) => lines.push(s) }, now: () => t, advance: (ms: number) => (t += ms), lines };
}

describe("progress bar", () => {
  it("is silent for a job under 2 s", () => {
    const f = fake(false);
    const p = startProgress("dea", f);
    for (let i = 1; i <= 100; i++) (f.advance(10), p.update(i, 100));
    p.done();
    expect(f.lines).toEqual([]);
  });

  it("after 2 s prints the bar with an ETA from the measured rate, then a final line", () => {
    const f = fake(false);
    const p = startProgress("dea", f);
    f.advance(2500); // slow start-up: not counted in the rate
    p.update(1, 101);
    for (let i = 2; i <= 51; i++) (f.advance(90), p.update(i, 101));
    f.advance(5000);
    p.update(52, 101); // 5 s after the first line: non-terminal sinks get a line at most every 5 s
    p.done();
    expect(f.lines).toHaveLength(3);
    expect(f.lines[0]).toBe("dea [------------------------]   0%  1/101  elapsed 3s\n");
    // rate since the first update: (50·90 + 5000) ms / 51 units ≈ 186 ms; 49 left ≈ 9 s
    expect(f.lines[1]).toMatch(/^dea \[#{12}-{12}\]  51%  52\/101  elapsed 12s  ETA 9s\n$/);
    expect(f.lines[2]).toMatch(/52\/101/);
  });

  it("redraws one line on a terminal", () => {
    const f = fake(true);
    const p = startProgress("gbdt rounds", f);
    f.advance(3000);
    p.update(5, 10);
    f.advance(200);
    p.update(10, 10);
    p.done();
    expect(f.lines.every((l) => l.startsWith("\r"))).toBe(true);
    expect(f.lines[f.lines.length - 1].endsWith("\n")).toBe(true);
  });

  it("formats minutes and hours", () => {
    expect(progressLine("x", 1, 2, 125_000, 4, 3_700_000)).toBe("x [##--]  50%  1/2  elapsed 2m05s  ETA 1h01m");
  });

  it("--progress is a global option every family accepts", async () => {
    const err: string[] = [];
    const code = await main(["describe", "--data", path.join(__dirname, "reference", "data", "panel_small.csv"), "--json", "--progress"], { out: () => undefined, err: (s) => err.push(s) });
    expect(err).toEqual([]);
    expect(code).toBe(0);
  });
});
