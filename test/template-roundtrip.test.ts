import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { openData, studySchema } from "kernel-lib";
import { TEST_OUT } from "./setup/replicate";

// Notebooks whose panel is drawn inside the notebook: `regionlab template` writes that panel (the generator's
// templateData) in the schema's columns, and the notebook run on it as the user's file (a what-if variant beside the
// test run's baseline, so no notebook runs twice) gives the same estimates and makes no synthetic claim. All the
// variants run in one `regionlab replicate` (--set <id>:name=value), in its warm kernels, as a user's batch would.
const root = path.resolve(__dirname, "..");
const cli = path.join(root, "kernel-lib", "bin", "regionlab.js");
// Spawned without blocking the test worker (a blocked worker misses vitest's RPC deadline).
const runAsync = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; out: string }>((resolve) => {
    const c = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = "", out = "";
    c.stdout.on("data", (b: Buffer) => { stdout += b.toString(); out += b.toString(); });
    c.stderr.on("data", (b: Buffer) => (out += b.toString()));
    c.on("close", (status) => resolve({ status, stdout, out }));
  });
// Claims that only the synthetic panel can make (the CSS class and the ledger legend name "synthetic" neutrally).
const CLAIM = /\(synthetic data\)|synthetic panel|synthetic records|planted|recovered within|generator\.ts|valid by construction/i;

function codeOutputs(nbFile: string): string[] {
  const nb = JSON.parse(fs.readFileSync(nbFile, "utf8")) as { cells: { cell_type: string; outputs?: { text?: string[]; data?: Record<string, string | string[]> }[] }[] };
  return nb.cells.filter((c) => c.cell_type === "code").flatMap((c) => (c.outputs ?? []).map((o) =>
    [o.text ?? [], ...Object.entries(o.data ?? {}).filter(([k]) => k.startsWith("text/")).map(([, v]) => v)].flat().join("")));
}

// [notebook, schema dataset, rows at least]
const notebooks: [string, string, number?][] = [
  ["info-consumption-digital-innovation", "panel"], ["nqpf-inclusive-green-growth", "panel"], ["ai-regional-innovation", "panel"],
  ["nqpf-resource-cities", "panel"], ["jjj-ftz-psm-did", "panel"], ["declining-cities-investment", "records"],
  ["dual-control-xgboost-shap", "panel"], ["digital-real-integration-sdm", "panel"], ["digital-agri-fsqca", "cases", 31],
  ["central-equipment-malmquist", "panel"],
];
// What a user's file cannot carry, so it is null there (and the notebook says why): the six synthetic push/pull
// variables of declining-cities-investment's Table 6 are drawn beside the records, not stored in them (distance and
// the public GDP, tertiary share and FDI are computed on the file).
const NOT_IN_FILE: Record<string, RegExp> = { "declining-cities-investment": /:t6-(?!distance|gdp|tertiary_share|fdi)/ };

// Notebooks that read bundled or manifest files (no synthetic panel): their template is those files, and the notebook
// run on the written copies — every data parameter set to its file — moves no number.
const bundled = ["computing-power-layout", "county-economy-policy", "intl-circulation-nqpf", "new-urbanization-review",
  "multipolar-network-organization", "place-based-policy-review", "resource-cities-hqd-interview", "yangtze-openness"];

interface Written { parameter: string; files: string[]; setTo: string }
const templates = new Map<string, { dir: string; status: number | null; out: string; written: Written[] }>();
let batch = { status: null as number | null, out: "" };

// Every template written (two at a time), then one replicate runs every notebook on its own template.
beforeAll(async () => {
  const ids = [...notebooks.map(([id]) => id), ...bundled];
  const queue = [...ids];
  await Promise.all([0, 1].map(async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `regionlab-template-${id}-`));
      const r = await runAsync("template", id, "--out", dir, "--json");
      templates.set(id, { dir, status: r.status, out: r.out, written: r.status === 0 ? JSON.parse(r.stdout).written : [] });
    }
  }));
  const sets = ids.filter((id) => templates.get(id)!.status === 0).flatMap((id) => templates.get(id)!.written
    .filter((w) => bundled.includes(id) || w.parameter === "dataSource").flatMap((w) => ["--set", `${id}:${w.parameter}=${w.setTo}`]));
  const run = ids.filter((id) => templates.get(id)!.status === 0);
  batch = await runAsync("replicate", "--only", run.join(","), ...sets, "--name", "own-template", "--out", TEST_OUT);
}, 1_800_000);

/** The variant's folder, after checking that its baseline exists and that it ran. */
function variantOf(id: string): string {
  expect(fs.existsSync(path.join(TEST_OUT, `${id}.ipynb`)), `${TEST_OUT}: run the notebooks first (npm test)`).toBe(true);
  expect(templates.get(id)?.status, templates.get(id)?.out).toBe(0);
  const vdir = path.join(TEST_OUT, "variants", id, "own-template");
  const run = path.join(vdir, "run.json");
  expect(fs.existsSync(run) && JSON.parse(fs.readFileSync(run, "utf8")).status, batch.out.slice(-3000)).toBe("ok");
  return vdir;
}

describe("regionlab template writes a notebook's own synthetic panel", () => {
  for (const [id, dataset, minRows] of notebooks) {
    it(`${id}: one CSV in the schema's columns that the schema accepts`, async () => {
      const t = templates.get(id)!;
      expect(t.status, t.out).toBe(0);
      const w = t.written.find((x) => x.parameter === "dataSource")!;
      expect(w.files).toEqual([path.join(t.dir, `${id}-${dataset}.csv`)]);
      const spec = studySchema(id, dataset);
      expect(fs.readFileSync(w.setTo, "utf8").split("\n")[0]).toBe(Object.keys(spec.columns).join(","));
      const d = await openData(w.setTo, spec);
      expect(d.table.nRows).toBeGreaterThanOrEqual(minRows ?? 101);
    });
  }
});

describe("a notebook run on its own template: same estimates, no synthetic claim (variant beside the test run)", () => {
  for (const [id] of notebooks) {
    it(id, () => {
      const vdir = variantOf(id);
      const diff = JSON.parse(fs.readFileSync(path.join(vdir, "diff.json"), "utf8"));
      const moved = diff.numbers.filter((n: { change: string; key: string; variant: number | null }) =>
        (n.change === "value" || n.change === "added") && !(n.variant === null && NOT_IN_FILE[id]?.test(n.key)));
      expect(moved, JSON.stringify(moved.slice(0, 5))).toEqual([]);
      // On the user's file the statuses leave "not reproducible".
      expect(diff.numbers.filter((n: { variantStatus?: string }) => n.variantStatus === "reproduced" || n.variantStatus === "differs").length).toBeGreaterThan(10);
      const claims = codeOutputs(path.join(vdir, `${id}.ipynb`)).flatMap((o) => o.match(new RegExp(`.{0,60}(${CLAIM.source}).{0,40}`, "gi")) ?? []);
      expect(claims).toEqual([]);
    });
  }
});

describe("a notebook run on its own bundled data written by `regionlab template`: no number moves", () => {
  for (const id of bundled) {
    it(id, () => {
      const vdir = variantOf(id);
      expect(templates.get(id)!.written.length).toBeGreaterThan(0);
      const diff = JSON.parse(fs.readFileSync(path.join(vdir, "diff.json"), "utf8"));
      const moved = diff.numbers.filter((n: { change: string }) => n.change === "value" || n.change === "added" || n.change === "removed");
      expect(moved, JSON.stringify(moved.slice(0, 5))).toEqual([]);
    });
  }
});
