import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { main } from "../kernel-lib/src/cli";

/**
 * Issue 17: every CLI family, fed each kind of bad input, exits 2 with one line naming file, row and column
 * (or refuses a degenerate design with a sentence), never exit 1, never a non-finite number in --json.
 * Families run in-process through `main` (no child processes) so the suite stays fast on 2 cores.
 */

let dir = "";
const f = (name: string) => path.join(dir, name);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A small seeded generator so fixtures are the same on every machine. */
function lcg(seed: number) {
  let u = seed >>> 0;
  return () => ((u = (Math.imul(u, 1664525) + 1013904223) >>> 0) / 4294967296);
}

type Csv = { header: string[]; rows: string[][] };
const csvText = (c: Csv) => [c.header.join(","), ...c.rows.map((r) => r.join(","))].join("\n") + "\n";

function panelCsv(): Csv {
  const r = lcg(1);
  const rows: string[][] = [];
  for (let u = 1; u <= 12; u++)
    for (let t = 2001; t <= 2006; t++) {
      const d = u <= 5 && t >= 2004 ? 1 : 0;
      const x1 = r(), x2 = r();
      rows.push([String(u), String(t), (1 + x1 - x2 + 0.5 * d + r()).toFixed(5), x1.toFixed(5), x2.toFixed(5), String(d)]);
    }
  return { header: ["id", "year", "y", "x1", "x2", "d"], rows };
}

function crossCsv(n = 40): Csv {
  const r = lcg(2);
  const rows: string[][] = [];
  for (let i = 1; i <= n; i++) {
    const x1 = r(), x2 = r();
    const treat = r() < 0.3 + 0.4 * x1 ? 1 : 0;
    rows.push([`u${i}`, (x1 + 2 * x2 + treat + r()).toFixed(5), x1.toFixed(5), x2.toFixed(5), String(treat)]);
  }
  return { header: ["id", "y", "x1", "x2", "treat"], rows };
}

function ringWeights(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `u${i + 1}`);
  const lines = [ids.join(",")];
  for (let i = 0; i < n; i++) lines.push(ids.map((_, j) => (j === (i + 1) % n || j === (i + n - 1) % n || j === (i + 3) % n ? "1" : "0")).join(","));
  return lines.join("\n") + "\n";
}

function deaCsv(): Csv {
  const r = lcg(3);
  return { header: ["dmu", "x1", "x2", "y1"], rows: Array.from({ length: 15 }, (_, i) => [`d${i + 1}`, (1 + 9 * r()).toFixed(3), (1 + 9 * r()).toFixed(3), (1 + 9 * r()).toFixed(3)]) };
}

function qcaCsv(): Csv {
  const r = lcg(4);
  return { header: ["case", "A", "B", "C", "Y"], rows: Array.from({ length: 20 }, (_, i) => [`c${i + 1}`, ...[r(), r(), r(), r()].map((v) => v.toFixed(2))]) };
}

function edgesCsv(): Csv {
  const r = lcg(5);
  const rows: string[][] = [];
  for (let i = 0; i < 30; i++) rows.push([`n${1 + Math.floor(r() * 10)}`, `n${1 + Math.floor(r() * 10)}`, (1 + r() * 5).toFixed(2)]);
  return { header: ["a", "b", "w"], rows };
}

interface FamilyCase {
  family: string;
  base: Csv;
  file: string;
  argv: (file: string) => string[];
  /** A numeric cell the family reads: [1-based data row, column]. */
  cell: [number, string];
}

const W = () => f("w.csv");
const CASES: FamilyCase[] = [
  { family: "panel", base: panelCsv(), file: "panel.csv", cell: [3, "x1"], argv: (d) => ["panel", "--data", d, "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2", "--model", "fe"] },
  { family: "hausman", base: panelCsv(), file: "panel.csv", cell: [4, "x2"], argv: (d) => ["hausman", "--data", d, "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2"] },
  { family: "did", base: panelCsv(), file: "panel.csv", cell: [5, "y"], argv: (d) => ["did", "--data", d, "--id", "id", "--time", "year", "--y", "y", "--treatment", "d"] },
  { family: "psm", base: crossCsv(), file: "cross.csv", cell: [6, "x2"], argv: (d) => ["psm", "--data", d, "--treatment", "treat", "--covariates", "x1,x2", "--outcome", "y", "--method", "nearest"] },
  { family: "dea", base: deaCsv(), file: "dea.csv", cell: [2, "x1"], argv: (d) => ["dea", "--data", d, "--dmu", "dmu", "--inputs", "x1,x2", "--outputs", "y1", "--model", "ccr", "--orientation", "input"] },
  { family: "qca", base: qcaCsv(), file: "qca.csv", cell: [7, "B"], argv: (d) => ["qca", "--data", d, "--outcome", "Y", "--conditions", "A,B,C", "--incl-cut", "0.8", "--solution", "parsimonious"] },
  { family: "moran", base: crossCsv(), file: "cross.csv", cell: [8, "y"], argv: (d) => ["moran", "--data", d, "--var", "y", "--weights", W()] },
  { family: "spatial", base: crossCsv(), file: "cross.csv", cell: [9, "x1"], argv: (d) => ["spatial", "--data", d, "--formula", "y ~ x1 + x2", "--weights", W(), "--model", "sar", "--draws", "20"] },
  { family: "gbdt", base: panelCsv(), file: "panel.csv", cell: [10, "x2"], argv: (d) => ["gbdt", "--data", d, "--target", "y", "--features", "x1,x2", "--n-estimators", "3"] },
  { family: "network", base: edgesCsv(), file: "edges.csv", cell: [4, "w"], argv: (d) => ["network", "--edges", d, "--source", "a", "--target", "b", "--weight", "w", "--restarts", "1"] },
  { family: "describe", base: panelCsv(), file: "panel.csv", cell: [2, "x1"], argv: (d) => ["describe", "--data", d] },
];

function mutate(c: Csv, row: number, column: string, value: string): Csv {
  const j = c.header.indexOf(column);
  return { header: c.header, rows: c.rows.map((r, i) => (i === row - 1 ? r.map((v, k) => (k === j ? value : v)) : r)) };
}

let n = 0;
function write(text: string): string {
  const p = f(`case${++n}.csv`);
  fs.writeFileSync(p, text);
  return p;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "regionlab-bad-"));
  fs.writeFileSync(W(), ringWeights(40));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("bad input: every family, every cell defect", () => {
  for (const c of CASES) {
    it(`${c.family}: the clean fixture runs (exit 0, finite --json)`, async () => {
      const r = await run([...c.argv(write(csvText(c.base))), ...(c.family === "describe" ? ["--json"] : ["--json"])]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.stringify(JSON.parse(r.out))).not.toMatch(/NaN|Infinity/);
      if (["psm", "spatial", "network", "dea"].includes(c.family)) expect(JSON.parse(r.out).convergence).toMatchObject({ ok: true, iterations: expect.any(Number), message: expect.any(String) });
    });
    const [row, col] = c.cell;
    for (const value of ["NaN", "Inf", "-inf", "1e999", "abc"]) {
      it(`${c.family}: ${JSON.stringify(value)} at row ${row}, column ${col} → exit 2 naming row, line and column`, async () => {
        const file = write(csvText(mutate(c.base, row, col, value)));
        const r = await run(c.argv(file));
        expect(r.code).toBe(2);
        const lines = r.err.trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(path.basename(file));
        expect(lines[0]).toContain(`row ${row} (line ${row + 1})`);
        expect(lines[0]).toContain(`column "${col}"`);
        expect(lines[0]).toContain(JSON.stringify(value));
      });
    }
    it(`${c.family}: blank lines and CRLF keep the physical line right; --json prints an error object`, async () => {
      const text = csvText(mutate(c.base, row, col, "oops"));
      const lines = text.split("\n");
      lines.splice(1, 0, "", ""); // two blank lines after the header
      const file = write("\ufeff" + lines.join("\r\n"));
      const r = await run([...c.argv(file), "--json"]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`row ${row} (line ${row + 3})`);
      const j = JSON.parse(r.out);
      expect(j.error.kind).toBe("data");
      expect(j.error.issues[0]).toMatchObject({ row, line: row + 3, column: col, value: "oops" });
    });
  }
});

describe("bad input: file-level problems", () => {
  it("an empty file is reported as empty, not as a delimiter problem", async () => {
    for (const text of ["", "\ufeff", "\n\n  \n"]) {
      const r = await run(["describe", "--data", write(text)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/the file is empty/);
    }
  });
  it("a valid one-column CSV is accepted", async () => {
    const r = await run(["describe", "--data", write("v\n1\n2\n4\n"), "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).variables[0]).toMatchObject({ variable: "v", n: 3, mean: 7 / 3 });
  });
  it("a multi-line quoted cell moves the physical line, not the row", async () => {
    const r = await run(["describe", "--data", write('name,v\n"two\nlines",1\nb,2\nc,x\nd,4\ne,5\n')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`row 3 (line 5), column "v": got "x"`);
  });
  it("validate shows every problem, or the first N and how to see all", async () => {
    const schema = path.join(__dirname, "fixtures", "panel_schema.json");
    const rows = ["id,year,x,y", ...Array.from({ length: 30 }, (_, i) => `${i + 1},2000,bad${i},1`)].join("\n");
    const file = write(rows);
    const r = await run(["validate", "--data", file, "--schema", schema, "--max-issues", "5", "--json"]);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/and 25 more problems \(30 in all\); pass --max-issues 30/);
    const j = JSON.parse(r.out);
    expect(j.error.total).toBe(30);
    expect(j.error.issues).toHaveLength(5);
    const all = await run(["validate", "--data", file, "--schema", schema, "--max-issues", "30"]);
    expect(all.err.trim().split("\n")).toHaveLength(30);
  });
});

describe("bad input: duplicate keys are refused naming both rows", () => {
  const dupPanel = () => {
    const c = panelCsv();
    return { header: c.header, rows: [...c.rows.slice(0, 10), c.rows[3], ...c.rows.slice(10)] };
  };
  for (const fam of ["panel", "hausman", "did"]) {
    it(fam, async () => {
      const c = CASES.find((z) => z.family === fam)!;
      const r = await run(c.argv(write(csvText(dupPanel()))));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/row 11 \(line 12\), column "id\+year".*already on row 4 \(line 5\)/);
    });
  }
  it("dea: the same DMU twice", async () => {
    const c = deaCsv();
    const r = await run(CASES.find((z) => z.family === "dea")!.argv(write(csvText({ header: c.header, rows: [...c.rows, c.rows[1]] }))));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/row 16 \(line 17\), column "dmu".*already on row 2 \(line 3\)/);
  });
});

describe("bad input: degenerate designs are refused before estimation (exit 2, a sentence why)", () => {
  const panelWith = (edit: (r: string[], i: number) => string[]) => {
    const c = panelCsv();
    return write(csvText({ header: c.header, rows: c.rows.map(edit) }));
  };
  const did = (file: string, ...extra: string[]) => run(["did", "--data", file, "--id", "id", "--time", "year", "--y", "y", "--treatment", "d", ...extra]);
  const psm = (file: string) => run(["psm", "--data", file, "--treatment", "treat", "--covariates", "x1,x2", "--outcome", "y", "--json"]);
  const cross = crossCsv();
  const crossWith = (edit: (r: string[], i: number) => string[]) => write(csvText({ header: cross.header, rows: cross.rows.map(edit) }));
  const cases: [string, () => Promise<{ code: number; out: string; err: string }>, RegExp][] = [
    ["did: no unit treated", () => did(panelWith((r) => [...r.slice(0, 5), "0"])), /no unit is ever treated/],
    ["did: every unit treated from the same period", () => did(panelWith((r) => [...r.slice(0, 5), Number(r[1]) >= 2004 ? "1" : "0"])), /comparison group/],
    ["did: a constant outcome", () => did(panelWith((r) => [r[0], r[1], "3", ...r.slice(3)])), /outcome that varies/],
    ["did: one period", () => did(panelWith((r) => [r[0], "2001", ...r.slice(2)])), /already on row|at least 2 distinct/],
    ["did: Callaway–Sant'Anna with never-treated controls and none", () => did(panelWith((r) => [...r.slice(0, 5), Number(r[1]) >= (Number(r[0]) <= 6 ? 2003 : 2005) ? "1" : "0"]), "--estimator", "cs"), /--control notyet/],
    ["hausman: a single unit", () => run(["hausman", "--data", panelWith((r) => ["1", ...r.slice(1)]), "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2"]), /already on row|at least 2 distinct/],
    ["hausman: a single unit, one row per period", () => run(["hausman", "--data", write(csvText({ header: panelCsv().header, rows: panelCsv().rows.filter((r) => r[0] === "1") })), "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2"]), /at least 2 distinct values \(found 1\)/],
    ["panel: a constant outcome", () => run(["panel", "--data", panelWith((r) => [r[0], r[1], "3", ...r.slice(3)]), "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2", "--model", "fe"]), /dependent variable that varies/],
    ["psm: no treated unit", () => psm(crossWith((r) => [...r.slice(0, 4), "0"])), /both treated \(1\) and control \(0\)/],
    ["psm: every unit treated", () => psm(crossWith((r) => [...r.slice(0, 4), "1"])), /both treated \(1\) and control \(0\)/],
    ["psm: perfect separation", () => psm(crossWith((r) => [...r.slice(0, 4), Number(r[2]) > 0.5 ? "1" : "0"])), /separate\(s\) them perfectly/],
    ["psm: separation by a combination of covariates", () => psm(crossWith((r) => [...r.slice(0, 4), Number(r[2]) + Number(r[3]) > 1 ? "1" : "0"])), /separate\(s\) them perfectly|singular/],
    ["network: every weight zero", () => run(["network", "--edges", write("a,b,w\nx,y,0\ny,z,0\n"), "--source", "a", "--target", "b", "--weight", "w"]), /positive weight/],
    ["network: only a self-loop", () => run(["network", "--edges", write("a,b,w\nx,x,1\n"), "--source", "a", "--target", "b", "--weight", "w"]), /positive weight/],
    ["spatial: a collinear regressor", () => run(["spatial", "--data", crossWith((r) => [...r.slice(0, 3), (2 * Number(r[2])).toFixed(5), r[4]]), "--formula", "y ~ x1 + x2", "--weights", W(), "--model", "sar"]), /column "x2".*collinear/],
    ["moran: a constant variable", () => run(["moran", "--data", crossWith((r) => [r[0], "1", ...r.slice(2)]), "--var", "y", "--weights", W()]), /varies/],
  ];
  for (const [name, go, msg] of cases) {
    it(name, async () => {
      const r = await go();
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(msg);
    });
  }
});

describe("dropped rows are counted in --json and in text", () => {
  it("did: rows with a missing outcome", async () => {
    const c = panelCsv();
    const file = write(csvText({ header: c.header, rows: c.rows.map((r, i) => (i === 7 || i === 20 ? [r[0], r[1], "", ...r.slice(3)] : r)) }));
    const j = await run(["did", "--data", file, "--id", "id", "--time", "year", "--y", "y", "--treatment", "d", "--json"]);
    expect(j.code).toBe(0);
    const o = JSON.parse(j.out);
    expect(o.dropped).toEqual([{ reason: "missing values (listwise)", rows: 2 }]);
    expect(o.nobs).toBe(70);
    const t = await run(["did", "--data", file, "--id", "id", "--time", "year", "--y", "y", "--treatment", "d"]);
    expect(t.out).toContain("dropped: 2 rows (missing values (listwise))");
  });
  it("panel: missing rows and collinear regressors in --json", async () => {
    const c = panelCsv();
    const file = write(csvText({ header: [...c.header, "x3"], rows: c.rows.map((r, i) => [...(i === 0 ? [r[0], r[1], r[2], "NA", ...r.slice(4)] : r), (2 * Number(r[4])).toFixed(5)]) }));
    const r = await run(["panel", "--data", file, "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2 + x3", "--model", "fe", "--json"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.dropped).toEqual([{ reason: "missing values (listwise)", rows: 1 }]);
    expect(o.collinear).toEqual(["x3"]);
  });
});

describe("property: random panels with random defects", () => {
  const FAMS = ["panel", "did", "gbdt", "describe"] as const;
  const defects = ["NaN", "Inf", "1e999", "text", "duplicate", "none"] as const;
  it("never a crash, never a non-finite number in --json, never exit 0 with a planted defect", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 8 }), // units
        fc.integer({ min: 3, max: 6 }), // periods
        fc.integer({ min: 0, max: 2 ** 31 - 1 }), // seed of the values
        fc.constantFrom(...defects),
        fc.constantFrom(...FAMS),
        fc.nat(),
        async (N, T, seed, defect, fam, where) => {
          const r = lcg(seed);
          const rows: string[][] = [];
          for (let u = 1; u <= N; u++)
            for (let t = 1; t <= T; t++) {
              const d = u <= Math.ceil(N / 2) && t > T / 2 ? 1 : 0;
              rows.push([String(u), String(2000 + t), (r() * 10 - 5).toExponential(4), (r() * 100).toFixed(3), r().toFixed(4), String(d)]);
            }
          const at = where % rows.length;
          const col = 2 + (where % 3); // y, x1 or x2
          if (defect === "duplicate") rows.push([...rows[at]]);
          else if (defect !== "none") rows[at][col] = defect === "text" ? "n/a?" : defect;
          const file = write(csvText({ header: ["id", "year", "y", "x1", "x2", "d"], rows }));
          const argv: Record<(typeof FAMS)[number], string[]> = {
            panel: ["panel", "--data", file, "--id", "id", "--time", "year", "--formula", "y ~ x1 + x2", "--model", "fe", "--json"],
            did: ["did", "--data", file, "--id", "id", "--time", "year", "--y", "y", "--treatment", "d", "--covariates", "x1,x2", "--json"],
            gbdt: ["gbdt", "--data", file, "--target", "y", "--features", "x1,x2", "--n-estimators", "2", "--json"],
            describe: ["describe", "--data", file, "--json"],
          };
          const res = await run(argv[fam]);
          expect(res.code, res.err).not.toBe(1);
          const planted = defect !== "none" && !(defect === "duplicate" && (fam === "gbdt" || fam === "describe"));
          if (planted) expect(res.code, `${fam} ${defect}`).toBe(2);
          if (res.code === 0) expect(res.out).not.toMatch(/NaN|Infinity/);
          else {
            expect(res.err.trim().split("\n")).toHaveLength(1);
            expect(JSON.parse(res.out).error).toBeDefined();
          }
        },
      ),
      { numRuns: 120, seed: 17 },
    );
  }, 60_000);
});
