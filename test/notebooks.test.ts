import { describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TEST_OUT } from "./setup/replicate";

const root = path.resolve(__dirname, "..");
const notebooks = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.replace(/\.ipynb$/, ""));
const scoreboard = () => JSON.parse(fs.readFileSync(path.join(TEST_OUT, "scoreboard.json"), "utf8"));
const log = () => fs.readFileSync(path.join(TEST_OUT, "replicate.log"), "utf8");

describe("every notebook executes headless through the runner", () => {
  it("writes the scoreboard in the documented shape", () => {
    expect(fs.existsSync(path.join(TEST_OUT, "scoreboard.json")), log()).toBe(true);
    const sb = scoreboard();
    expect(sb.notebooks.map((n: { id: string }) => n.id).sort()).toEqual([...notebooks].sort());
    for (const n of sb.notebooks) {
      expect(Object.keys(n)).toEqual(expect.arrayContaining(["id", "status", "seconds", "provenance", "ledger"]));
      expect(Object.keys(n.ledger).sort()).toEqual(["consistent", "differs", "inconsistent", "input", "not_reproducible", "reproduced"]);
    }
  });

  for (const id of notebooks) {
    it(`${id}: runs without error, writes the executed notebook and an HTML report`, () => {
      const n = scoreboard().notebooks.find((x: { id: string }) => x.id === id);
      expect(n, log()).toBeDefined();
      expect(n.status, JSON.stringify(n.error)).toBe("ok");
      expect(fs.existsSync(path.join(TEST_OUT, `${id}.ipynb`))).toBe(true);
      const html = fs.readFileSync(path.join(TEST_OUT, `${id}.html`), "utf8");
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
      const nb = JSON.parse(fs.readFileSync(path.join(TEST_OUT, `${id}.ipynb`), "utf8"));
      const params = nb.cells.filter((c: { metadata: { tags?: string[] } }) => c.metadata.tags?.includes("parameters"));
      expect(params).toHaveLength(1);
      const src = nb.cells.map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
      expect(src).toMatch(/from "kernel-lib"/);
      // Each figure carries a static SVG for viewers that run no scripts.
      const figs = nb.cells.flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? []).filter((o: { data?: Record<string, unknown> }) => o.data?.["image/svg+xml"]);
      if (src.includes("plot(")) expect(figs.length).toBeGreaterThan(0);
    });
  }

  it("resource-cities-hqd-interview: real data, ledger counts and the census numbers", () => {
    const n = scoreboard().notebooks.find((x: { id: string }) => x.id === "resource-cities-hqd-interview");
    expect(n.provenance).toMatch(/^real/);
    const entries = JSON.parse(fs.readFileSync(path.join(root, "data", "resource-cities-hqd-interview", "published.json"), "utf8")).entries;
    // Every printed number is in the ledger output exactly once.
    const l = n.ledger;
    expect(l.reproduced + l.consistent + l.inconsistent + l.differs + l.not_reproducible + l.input).toBe(entries.length);
    const nb = fs.readFileSync(path.join(TEST_OUT, "resource-cities-hqd-interview.ipynb"), "utf8");
    expect(nb).toContain("126 cities in the plan; 125 matched to the census; 1 not measurable");
  });
});

describe("runner options and failures", () => {
  const cli = path.join(root, "kernel-lib", "bin", "regionlab.js");
  const out = path.join(root, "out", "test-errors");

  it("a malformed user file fails the notebook with a one-line error naming file, row and column", () => {
    const bad = path.join(__dirname, "fixtures", "census_bad.csv");
    const r = spawnSync(process.execPath, [cli, "replicate", "--only", "resource-cities-hqd-interview", "--set", `censusSource=${JSON.stringify(bad)}`, "--out", out], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR resource-cities-hqd-interview/);
    expect(r.stdout).toMatch(/DataError: .*census_bad\.csv, row 2 \(line 3\), column "pop_2020": got "n\/a"/);
    const sb = JSON.parse(fs.readFileSync(path.join(out, "scoreboard.json"), "utf8"));
    expect(sb.notebooks[0]).toMatchObject({ id: "resource-cities-hqd-interview", status: "error", parameters: { censusSource: bad } });
  });

  it("--set overrides a parameter (what-if) and an unknown name is refused", () => {
    const r = spawnSync(process.execPath, [cli, "replicate", "--only", "resource-cities-hqd-interview", "--set", "shrinkThreshold=-1", "--out", out], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const nb = fs.readFileSync(path.join(out, "resource-cities-hqd-interview.ipynb"), "utf8");
    expect(nb).toContain("const shrinkThreshold: number = -1;");
    expect(nb).toContain("shrinkThreshold=-1%");
    const u = spawnSync(process.execPath, [cli, "replicate", "--only", "resource-cities-hqd-interview", "--set", "noSuchParam=1", "--out", out], { encoding: "utf8" });
    expect(u.status).toBe(1);
    expect(u.stderr).toMatch(/no selected notebook has a parameter named "noSuchParam"/);
    const o = spawnSync(process.execPath, [cli, "replicate", "--only", "nope"], { encoding: "utf8" });
    expect(o.status).toBe(1);
    expect(o.stderr).toMatch(/no notebook "nope"/);
  });
});
