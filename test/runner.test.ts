import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OptionError, coerceParam, parametersWith, parseParameters, readParameters, readParametersSource } from "../kernel-lib/src/runner/params";
import { mergeScoreboard, planRuns, splitGridValues } from "../kernel-lib/src/runner/replicate";
import { compareOutputs, gridSummary, variantName } from "../kernel-lib/src/runner/variants";
import { main } from "../kernel-lib/src/cli";
import { TEST_OUT } from "./setup/replicate";

// The runner's parameters, option checks and what-if reports. Everything except the last block runs without Jupyter;
// the last block executes one small notebook (resource-cities-hqd-interview) four times.
const root = path.resolve(__dirname, "..");
const cli = path.join(root, "kernel-lib", "bin", "regionlab.js");
const ids = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.slice(0, -6));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: root });
// Notebook runs take minutes on a loaded machine: spawn without blocking the test worker's event loop.
const runAsync = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    c.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    c.on("close", (status) => resolve({ status, stdout, stderr }));
  });

describe("parameters are typed declarations", () => {
  for (const id of ids) {
    it(`${id}: every parameter has a type, a JSON default it allows, and a meaning`, () => {
      const decls = readParameters(path.join(root, "notebooks", `${id}.ipynb`));
      expect(decls.length).toBeGreaterThan(0);
      for (const d of decls) {
        expect(d.meaning.length, d.name).toBeGreaterThan(10);
      }
      // --set rewrites the literals in place: the same declarations, the new values, every other line unchanged.
      const source = readParametersSource(path.join(root, "notebooks", `${id}.ipynb`));
      for (const d of decls) {
        const allowed = (v: unknown) => { try { coerceParam(d, JSON.stringify(v), id); return true; } catch { return false; } };
        const bumped = d.kind === "boolean" ? !d.default : d.kind === "number" ? (d.default as number) + 1 : d.default;
        const other = allowed(bumped) ? bumped : d.default;
        const rewritten = parametersWith(source, decls, { [d.name]: other });
        const again = parseParameters(rewritten, id);
        expect(again.map((x) => [x.name, x.tsType, x.meaning])).toEqual(decls.map((x) => [x.name, x.tsType, x.meaning]));
        expect(again.map((x) => (x.name === d.name ? other : x.default))).toEqual(again.map((x) => x.default));
        expect(again.filter((x) => x.name !== d.name).map((x) => x.default)).toEqual(decls.filter((x) => x.name !== d.name).map((x) => x.default));
        // every line outside the declaration is kept (the comment lines above it too); a closing line names the setting
        const kept = source.replace(/\s+$/, "").split("\n").filter((l) => !rewritten.includes(l));
        expect(kept.every((l) => /^\s*(const\s|\/\*\*.*?\*\/\s*const\s|[^/*\s])/.test(l)), kept.join("\n")).toBe(true);
        expect(rewritten.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^// Set by .regionlab replicate --set.: ${d.name} = `));
      }
    });
  }

  it("refuses an undocumented or untyped declaration, and a default outside its range", () => {
    expect(() => parseParameters("const a: number = 1;", "x")).toThrow(/needs a \/\*\* meaning \*\/ comment/);
    expect(() => parseParameters("/** A. */\nconst a = 1;", "x")).toThrow(/expected/);
    expect(() => parseParameters("/** A thing. @range [0, 1] */\nconst a: number = 2;", "x")).toThrow(/default of "a" is not allowed/);
    expect(() => parseParameters('/** A thing. */\nconst a: Map<string, number> = {};', "x")).toThrow(/is not one of/);
  });

  it("reads a meaning over two lines and a literal over several, within the cell's line budget", () => {
    const src = [
      "/** Anchors per variable: Table 3 as printed.",
      " * Second line of the meaning. @range [0, 100] */",
      'const anchors: Record<string, number[]> = { "DA": [14.6, 17.7, 23.5],',
      '  "Y": [0.46, 0.72, 1] };',
      "/** Seed. @integer */",
      "const seed: number = 7;",
    ].join("\n");
    const [anchors, seed] = parseParameters(src, "nb");
    expect(anchors.meaning).toBe("Anchors per variable: Table 3 as printed. Second line of the meaning.");
    expect(anchors.default).toEqual({ DA: [14.6, 17.7, 23.5], Y: [0.46, 0.72, 1] });
    expect(anchors.range).toEqual({ min: 0, max: 100, minOpen: false, maxOpen: false });
    expect(seed.default).toBe(7);
    expect(() => parseParameters("/** A.\n * B. */\nconst a: number =\n  2", "x")).toThrow(/line 3/);
  });

  it("reads a short meaning and its declaration on one line; --set keeps the meaning on that line", () => {
    const src = [
      "/** Event-study window: leads. @range [1, 10] @integer */ const leads: number = 4;",
      '  /** Link of the score. */ const link: "logit" | "probit" = "logit";   // the paper: Logit',
      "/** Seed. */",
      "const seed: number = 7;",
    ].join("\n");
    const decls = parseParameters(src, "nb");
    expect(decls.map((d) => [d.name, d.meaning, d.default])).toEqual([["leads", "Event-study window: leads.", 4],
      ["link", "Link of the score.", "logit"], ["seed", "Seed.", 7]]);
    expect(decls[0].range).toEqual({ min: 1, max: 10, minOpen: false, maxOpen: false });
    const lines = parametersWith(src, decls, { leads: 2, link: "probit" }).split("\n");
    expect(lines.slice(0, 4)).toEqual(["/** Event-study window: leads. @range [1, 10] @integer */ const leads: number = 2;",
      '  /** Link of the score. */ const link: "logit" | "probit" = "probit";', "/** Seed. */", "const seed: number = 7;"]);
    expect(parseParameters(lines.join("\n"), "nb").map((d) => d.default)).toEqual([2, "probit", 7]);
    expect(() => parseParameters("/** A. @range [0, 1] */ const a: number = 2;", "x")).toThrow(/default of "a" is not allowed/);
  });

  const [kNeighbours] = parseParameters('/** k. @range [1, 12] @integer */\nconst kNeighbours: number = 4;', "nb");
  const [mode] = parseParameters('/** Mode. */\nconst mode: "areas" | "all" = "areas";', "nb");
  const [src] = parseParameters('/** Data. @data synthetic */\nconst src: string = "synthetic";', "nb");
  const [list] = parseParameters("/** Years. @range [2000, 2100] @integer */\nconst list: number[] = [2035];", "nb");

  it("checks --set values: type, choice, range, finiteness, files", () => {
    expect(coerceParam(kNeighbours, "3", "nb")).toBe(3);
    expect(() => coerceParam(kNeighbours, "four", "nb")).toThrow(/--set kNeighbours=four: nb's "kNeighbours" must be a whole number in \[1, 12\]/);
    expect(() => coerceParam(kNeighbours, "1e400", "nb")).toThrow(OptionError);
    expect(() => coerceParam(kNeighbours, "2.5", "nb")).toThrow(/whole number/);
    expect(coerceParam(mode, "all", "nb")).toBe("all");
    expect(coerceParam(mode, '"all"', "nb")).toBe("all");
    expect(() => coerceParam(mode, "some", "nb")).toThrow(/must be one of areas \| all/);
    expect(coerceParam(src, "synthetic", "nb")).toBe("synthetic");
    expect(coerceParam(src, "manifest:census_prefecture_2010_2020", "nb")).toBe("manifest:census_prefecture_2010_2020");
    // A relative path is resolved against the user's directory, not the notebook's.
    expect(coerceParam(src, "test/fixtures/census_bad.csv", "nb", root)).toBe(path.join(root, "test", "fixtures", "census_bad.csv"));
    expect(() => coerceParam(src, "no/such.csv", "nb", root)).toThrow(/no file/);
    expect(coerceParam(list, "[2035,2050]", "nb")).toEqual([2035, 2050]);
    expect(() => coerceParam(list, "[2035,1e999]", "nb")).toThrow(OptionError);
  });

  it("regionlab params lists a notebook's parameters, also as JSON", () => {
    const r = run("params", "jjj-ftz-psm-did", "--json");
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const h = j.parameters.find((p: { name: string }) => p.name === "hebeiTreated");
    expect(h).toMatchObject({ kind: "choice", choices: ["areas", "all"], default: "areas", allowed: "one of areas | all" });
    expect(j.parameters.find((p: { name: string }) => p.name === "kNeighbours")).toMatchObject({ integer: true, range: { min: 1, max: 12 } });
    const t = run("params", "county-economy-policy");
    expect(t.stdout).toMatch(/countBy\s+string\s+"theme"\s+one of theme \| issuer_type \| source/);
    expect(run("params", "nope").status).toBe(2);
  });
});

describe("regionlab template", () => {
  it("writes the bundled and public files a notebook reads, a drawn panel through its generator, and says when there is nothing to write", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regionlab-template-"));
    const y = run("template", "yangtze-openness", "--out", dir, "--json");
    expect(y.status, y.stderr).toBe(0);
    const w = JSON.parse(y.stdout).written;
    expect(w.map((x: { parameter: string }) => x.parameter)).toEqual(["dataSource", "censusSource", "gdpSource"]);
    expect(fs.readFileSync(path.join(dir, "printed_table1.csv"), "utf8")).toBe(fs.readFileSync(path.join(root, "data", "yangtze-openness", "printed_table1.csv"), "utf8"));
    expect(fs.readFileSync(path.join(dir, "census_prefecture_2010_2020.csv"), "utf8").split("\n")[0]).toMatch(/^city_code,city_zh,province_code,province_zh,pop_2010,pop_2020/);
    const c = run("template", "county-economy-policy", "--out", path.join(dir, "county"), "--json");
    expect(JSON.parse(c.stdout).written[0].files.map((f: string) => path.basename(f))).toEqual(["facts.csv", "local.csv", "policies.csv", "stages.csv"]);
    // digital-agri-fsqca's cases are drawn inside the notebook; its generator's templateData writes them.
    const s = run("template", "digital-agri-fsqca", "--out", path.join(dir, "fsqca"), "--json");
    expect(s.status, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout).written.map((x: { parameter: string }) => x.parameter)).toEqual(["dataSource"]);
    // A notebook that reads no data file says so and writes nothing.
    const a = run("template", "data-atlas", "--out", path.join(dir, "atlas"));
    expect(a.status).toBe(2);
    expect(a.stdout + a.stderr).toMatch(/data-atlas reads no data file/);
    expect(fs.existsSync(path.join(dir, "atlas"))).toBe(false);
  });
});

describe("replicate checks every option before a notebook starts (exit 2, one line)", () => {
  const cases: [string[], RegExp][] = [
    [["--only", "jjj-ftz-psm-did", "--set", "hebeiTreated=some"], /"hebeiTreated" must be one of areas \| all/],
    [["--only", "jjj-ftz-psm-did", "--set", "kNeighbours=four"], /kNeighbours=four: .*whole number in \[1, 12\]/],
    [["--only", "resource-cities-hqd-interview", "--set", "topN=1e400"], /topN=1e400: .*whole number/],
    [["--only", "resource-cities-hqd-interview", "--set", "noSuchParam=1"], /has no parameter "noSuchParam"/],
    [["--set", "noSuchParam=1"], /no notebook declares a parameter "noSuchParam"/],
    [["--only", "nope"], /no notebook "nope"/],
    [["--timeout", "abc"], /--timeout must be a positive number/],
    [["--jobs", "0"], /--jobs must be a number/],
    [["--only", "county-economy-policy", "--grid", "binYears=2"], /at least two/],
    [["--only", "county-economy-policy", "--set", "binYears=2", "--grid", "binYears=1,2"], /also given with --set/],
    [["--only", "county-economy-policy", "--set", "binYears=2", "--name", "a/b"], /--name/],
    [["--nope", "1"], /unknown option --nope/],
    [["--set", "nope:binYears=2"], /--set nope:binYears: no notebook "nope"/],
    [["--only", "county-economy-policy", "--set", "yangtze-openness:illustrativeSeed=3"], /yangtze-openness is not in --only/],
    [["--only", "county-economy-policy,yangtze-openness", "--set", "yangtze-openness:illustrativeSeed=3"], /--only county-economy-policy: no --set for it/],
    [["--set", "yangtze-openness:binYears=2"], /yangtze-openness has no parameter "binYears"/],
  ];
  // In-process through the CLI's main() (a Node start per case cost more than the checks); the binary's exit code
  // and streams are checked once below.
  for (const [args, msg] of cases) {
    it(args.join(" "), async () => {
      const out: string[] = [];
      const err: string[] = [];
      const status = await main(["replicate", "--out", path.join(root, "out", "test-runner-refused"), ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(status, [...out, ...err].join("\n")).toBe(2);
      expect(err.join("\n").trim().split("\n")).toHaveLength(1);
      expect(err.join("\n")).toMatch(msg);
      expect(out).toEqual([]);
      expect(fs.existsSync(path.join(root, "out", "test-runner-refused"))).toBe(false);
    });
  }
  it("the binary: exit 2, one line on stderr, nothing on stdout", () => {
    const r = run("replicate", "--out", path.join(root, "out", "test-runner-refused"), "--only", "nope");
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^regionlab replicate: --only: no notebook "nope"/);
    expect(r.stdout).toBe("");
  });
});

describe("a failed notebook's one line is its own error", () => {
  it("takes the DataError line from tslab's stderr, not the evalmachine.<anonymous> location above it", () => {
    const stderr = 'evalmachine.<anonymous>:7\nfunction g() { throw new DataError("x"); }\n               ^\n\nDataError: census.csv, row 5 (line 6), column "pop_2020": empty\n    at g (evalmachine.<anonymous>:7:22)\n';
    const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(path.join(root, "kernel-lib", "python"))})\nimport run_notebook\ncell = {"outputs": [{"output_type": "stream", "name": "stderr", "text": json.loads(sys.argv[1])}]}\nprint(json.dumps(run_notebook.describe_error(cell, Exception("fallback"))))`;
    const python = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["-c", "import nbclient"]).status === 0);
    expect(python, "a python3 with nbclient (apt-get install python3-nbclient)").toBeDefined();
    const r = spawnSync(python!, ["-c", script, JSON.stringify(stderr)], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["DataError", 'census.csv, row 5 (line 6), column "pop_2020": empty']);
    // a plain Error thrown inside kernel-lib: its message, not the dist/...js:284 location line above it
    const plain = '/x/kernel-lib/dist/ledger/index.js:284\n    throw new Error(`ledger: ${k}`);\n    ^\n\nError: ledger: "t1-x-1993" is not an entry\n    at compare (/x/index.js:284:19)\n';
    const r2 = spawnSync(python!, ["-c", script, JSON.stringify(plain)], { encoding: "utf8" });
    expect(JSON.parse(r2.stdout)).toEqual(["Error", 'ledger: "t1-x-1993" is not an entry']);
  });
});

describe("what-if plumbing", () => {
  it("plans variants in their own folders, named by --name, the settings, or their hash", () => {
    const out = path.join(root, "out", "plan");
    const a = planRuns({ only: ["county-economy-policy"], set: ["countBy=source"], out }, root);
    expect(a.jobs.map((j) => j.dir)).toEqual([path.join(out, "variants", "county-economy-policy", "countBy=source")]);
    expect(planRuns({ only: ["county-economy-policy"], set: ["countBy=source"], name: "by-source", out }, root).jobs[0].dir).toMatch(/by-source$/);
    const g = planRuns({ only: ["county-economy-policy"], set: ["correctMisprints=false"], grid: ["binYears=1,2,5", "countBy=theme,source"], out }, root);
    expect(g.jobs).toHaveLength(6);
    expect(g.jobs[0].values).toEqual({ correctMisprints: false, binYears: 1, countBy: "theme" });
    expect(g.grid).toEqual({ binYears: [1, 2, 5], countBy: ["theme", "source"] });
    // --set <notebook>:<name>=value: each notebook its own values, in one run
    const b = planRuns({ set: ["county-economy-policy:binYears=3", "yangtze-openness:illustrativeSeed=7", "county-economy-policy:countBy=source"], name: "mine", out }, root);
    expect(b.jobs.map((j) => [j.id, j.values, j.dir])).toEqual([
      ["county-economy-policy", { binYears: 3, countBy: "source" }, path.join(out, "variants", "county-economy-policy", "mine")],
      ["yangtze-openness", { illustrativeSeed: 7 }, path.join(out, "variants", "yangtze-openness", "mine")],
    ]);
    expect(planRuns({ out }, root).jobs.every((j) => j.variant === null && j.dir === out)).toBe(true);
    // Without --only, --set runs the notebooks that declare the key.
    expect(planRuns({ set: ["kNeighbours=2"], out }, root).jobs.map((j) => j.id)).toEqual(["jjj-ftz-psm-did"]);
    expect(variantName({ b: [1, 2], a: "x" })).toMatch(/^h-[0-9a-f]{10}$/);
    expect(variantName({ b: 2, a: "x" })).toBe("a=x,b=2");
    expect(splitGridValues('[1,2],[3,4], "a,b"')).toEqual(["[1,2]", "[3,4]", '"a,b"']);
  });

  it("the scoreboard merges: a run of one notebook replaces its row and keeps the others", () => {
    const row = (id: string, seconds: number) => ({ id, status: "ok" as const, seconds, provenance: "real", ledger: { reproduced: 1, consistent: 0, inconsistent: 0, differs: 0, not_reproducible: 0, input: 0 }, parameters: {}, report: `${id}.html` });
    const prev = { generated: "x", notebooks: [row("a", 1), row("b", 1), row("gone", 1)] };
    const m = mergeScoreboard(prev, [row("b", 2)], ["a", "b", "c"]);
    expect(m.notebooks.map((n) => [n.id, n.seconds])).toEqual([["a", 1], ["b", 2]]);
  });

  it("compares every number, changed first, and summarises a grid by the numbers that move", () => {
    const base = { id: "x", ledger: { "s:a": { ours: 1, status: "reproduced" }, "s:b": { ours: 2, status: "reproduced" } }, tables: { T: { "r | c": 5, "r | d": 6 } } };
    const v = { id: "x", ledger: { "s:a": { ours: 1, status: "reproduced" }, "s:b": { ours: 3, status: "differs" } }, tables: { T: { "r | c": 5, "r | d": 7 } } };
    const rows = compareOutputs(base, v);
    expect(rows.map((r) => [r.key, r.change])).toEqual([["s:b", "value"], ["T ▸ r | d", "value"], ["s:a", "same"], ["T ▸ r | c", "same"]]);
    const g = gridSummary("x", { k: [1, 2] }, base, "base.ipynb", [{ variant: "k=1", values: { k: 1 }, status: "ok", outputs: base }, { variant: "k=2", values: { k: 2 }, status: "ok", outputs: v }], "");
    expect(g.moving.map((m) => [m.key, m.baseline, m.values])).toEqual([["s:b", 2, [2, 3]], ["T ▸ r | d", 6, [6, 7]]]);
    expect(g.unchanged).toBe(2);
    expect(g.fixed).toEqual({});
  });
});

describe("what-if runs beside the baseline (executes resource-cities-hqd-interview)", () => {
  const out = path.join(root, "out", "test-runner");
  const id = "resource-cities-hqd-interview";
  it("a grid run keeps the baseline, writes a diff per variant and one summary; the scoreboard merges", async () => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const other = { id: "intl-circulation-nqpf", status: "ok", seconds: 1, provenance: "printed tables only", ledger: { reproduced: 0, consistent: 9, inconsistent: 2, differs: 0, not_reproducible: 25, input: 0 }, parameters: {}, report: "x.html" };
    fs.writeFileSync(path.join(out, "scoreboard.json"), JSON.stringify({ generated: "earlier", notebooks: [other] }));
    // The baseline: the test run's (npm test ran every notebook once), else a run of its own.
    const ran = path.join(TEST_OUT, `${id}.ipynb`);
    const row = fs.existsSync(ran) ? JSON.parse(fs.readFileSync(path.join(TEST_OUT, "scoreboard.json"), "utf8")).notebooks.find((n: { id: string }) => n.id === id) : null;
    if (row) {
      fs.copyFileSync(ran, path.join(out, `${id}.ipynb`));
      fs.writeFileSync(path.join(out, "scoreboard.json"), JSON.stringify({ generated: "earlier", notebooks: [other, row] }));
    } else {
      const b = await runAsync("replicate", "--only", id, "--out", out);
      expect(b.status, b.stdout + b.stderr).toBe(0);
      const sb = JSON.parse(fs.readFileSync(path.join(out, "scoreboard.json"), "utf8"));
      expect(sb.notebooks.map((n: { id: string }) => n.id)).toEqual(["intl-circulation-nqpf", id]);
    }
    const baseline = fs.readFileSync(path.join(out, `${id}.ipynb`), "utf8");

    const g = await runAsync("replicate", "--only", id, "--set", "topN=10", "--grid", "shrinkThreshold=-1,0", "--out", out);
    expect(g.status, g.stdout + g.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, `${id}.ipynb`), "utf8")).toBe(baseline);
    expect(JSON.parse(fs.readFileSync(path.join(out, "scoreboard.json"), "utf8")).notebooks).toHaveLength(2);
    const dir = path.join(out, "variants", id, "shrinkThreshold=-1,topN=10");
    const d = JSON.parse(fs.readFileSync(path.join(dir, "diff.json"), "utf8"));
    expect(d.parameters).toEqual([{ name: "topN", baseline: 25, variant: 10 }, { name: "shrinkThreshold", baseline: 0, variant: -1 }]);
    expect(d.baseline).toBe(path.join(out, `${id}.ipynb`));
    // every printed number of the study's ledger is in the diff
    expect(d.counts.ledger).toBe(JSON.parse(fs.readFileSync(path.join(root, "data", id, "published.json"), "utf8")).entries.length);
    // Changed numbers come first; every ledger entry is listed.
    const firstSame = d.numbers.findIndex((r: { change: string }) => r.change === "same");
    expect(d.numbers.slice(firstSame).every((r: { change: string }) => r.change === "same")).toBe(true);
    // A lower threshold counts fewer shrinking cities: some numbers move.
    expect(d.counts.ledgerChanged + d.counts.tableChanged).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(dir, "diff.html"), "utf8")).toMatch(/Changed parameters.*shrinkThreshold.*0.*-1/s);
    expect(fs.readFileSync(path.join(dir, `${id}.ipynb`), "utf8")).toContain("const shrinkThreshold: number = -1;");
    const grids = fs.readdirSync(path.join(out, "variants", id)).filter((f) => f.startsWith("grid-") && f.endsWith(".json"));
    expect(grids).toHaveLength(1);
    const s = JSON.parse(fs.readFileSync(path.join(out, "variants", id, grids[0]), "utf8"));
    expect(s.points.map((p: { values: object }) => p.values)).toEqual([{ topN: 10, shrinkThreshold: -1 }, { topN: 10, shrinkThreshold: 0 }]);
    expect(s.fixed).toEqual({ topN: 10 });
    expect(s.moving.map((m: { key: string }) => m.key)).toContain(`${id}:rbc-shrank`);
    expect(s.moving.every((m: { values: unknown[] }) => m.values.length === 2)).toBe(true);
  }, 600_000);

  it("a fractional --timeout is honoured and the running cell is recorded", async () => {
    const r = await runAsync("replicate", "--only", id, "--timeout", "0.5", "--out", path.join(out, "timeout"));
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const sb = JSON.parse(fs.readFileSync(path.join(out, "timeout", "scoreboard.json"), "utf8"));
    expect(sb.notebooks[0].error).toMatchObject({ ename: "CellTimeoutError", evalue: "the cell ran longer than --timeout 0.5 s" });
    expect(sb.notebooks[0].error.cell).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/ERROR resource-cities-hqd-interview[\s\S]*cell \d+ \(.+\): CellTimeoutError/);
  }, 300_000);

  it("a printed-tables notebook's template is written for its data parameter", () => {
    // Running the notebook on it, with every number unchanged, is template-roundtrip.test.ts's job (all 18 notebooks).
    const nb = "intl-circulation-nqpf";
    const mine = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "regionlab-own-")), "mine");
    const t = run("template", nb, "--out", mine, "--json");
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).written).toEqual([{ parameter: "dataDir", setTo: mine, files: [path.join(mine, "cited.csv")] }]);
  });
});
