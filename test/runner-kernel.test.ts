import { describe, expect, it } from "vitest";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CellCache, RESET_MARK, cacheableCell, compilerSalt, forgetKernelLib, queueZmqSends, studySources, studyTypeRefs } from "../kernel-lib/src/runner/kernel";
import { findJupyterPython, registerKernel } from "../kernel-lib/src/runner/jupyter";

// regionlab's tslab kernel (kernel-lib/src/runner/kernel.ts): the compile cache's key, and a warm kernel reset between
// notebooks giving each a fresh module scope, a fresh kernel-lib and its own environment. The last block runs two
// tiny notebooks through one `run_notebook.py --serve` driver (needs Jupyter, like the runner's tests).
const root = path.resolve(__dirname, "..");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rl-kernel-"));

describe("the kernel's ZeroMQ sends", () => {
  it("are queued per socket, in order: a send never starts while the socket's previous one is in flight", async () => {
    queueZmqSends();
    expect(queueZmqSends()).toBe(0); // once per process
    const zmq = require(require.resolve("zeromq", { paths: [path.dirname(require.resolve("tslab/package.json"))] }));
    const pub = new zmq.Publisher();
    await pub.bind("tcp://127.0.0.1:*");
    const sub = new zmq.Subscriber();
    sub.connect(pub.lastEndpoint);
    sub.subscribe();
    await new Promise((r) => setTimeout(r, 200));
    const got: number[] = [];
    const reading = (async () => {
      for (let i = 0; i < 50; i++) got.push((await sub.receive())[0].readUInt32LE(0));
    })();
    // 50 messages of 1 MB sent back to back without awaiting, as tslab sends display data
    const done: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const b = Buffer.alloc(1 << 20);
      b.writeUInt32LE(i, 0);
      return pub.send([b]).then(() => done.push(i));
    }));
    expect(done).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))]);
    expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i));
    pub.close();
    sub.close();
  });
});

describe("the compile cache's key", () => {
  it("changes with the declarations before the cell, the cell and the compiler salt", () => {
    const c = new CellCache("salt-a", null);
    const k = c.key("declare const a: number;", "const b = a + 1;");
    expect(c.key("declare const a: number;", "const b = a + 1;")).toBe(k);
    expect(c.key("declare const a: string;", "const b = a + 1;")).not.toBe(k);
    expect(c.key("declare const a: number;", "const b = a + 2;")).not.toBe(k);
    expect(new CellCache("salt-b", null).key("declare const a: number;", "const b = a + 1;")).not.toBe(k);
  });

  it("the salt follows kernel-lib's declarations and the lock file", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "kernel-lib", "dist", "sub"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package-lock.json"), "{}");
    fs.writeFileSync(path.join(dir, "kernel-lib", "dist", "sub", "a.d.ts"), "export declare const a: number;\n");
    fs.writeFileSync(path.join(dir, "kernel-lib", "dist", "sub", "a.js"), "exports.a = 1;\n");
    const s0 = compilerSalt(dir, "/nb", "5.0.4");
    expect(compilerSalt(dir, "/nb", "5.0.4")).toBe(s0);
    fs.writeFileSync(path.join(dir, "kernel-lib", "dist", "sub", "a.js"), "exports.a = 2;\n");
    expect(compilerSalt(dir, "/nb", "5.0.4")).toBe(s0); // JavaScript does not change what a cell compiles to
    fs.writeFileSync(path.join(dir, "kernel-lib", "dist", "sub", "a.d.ts"), "export declare const a: string;\n");
    const s1 = compilerSalt(dir, "/nb", "5.0.4");
    expect(s1).not.toBe(s0);
    fs.writeFileSync(path.join(dir, "package-lock.json"), '{"v": 2}');
    expect(compilerSalt(dir, "/nb", "5.0.4")).not.toBe(s1);
    expect(compilerSalt(dir, "/other", "5.0.4")).not.toBe(compilerSalt(dir, "/nb", "5.0.4"));
    expect(compilerSalt(dir, "/nb", "5.1.0")).not.toBe(compilerSalt(dir, "/nb", "5.0.4"));
  });

  it("keeps entries on disk for the next kernel, and leaves cells reading local files out", () => {
    const dir = tmp();
    const a = new CellCache("s", dir);
    const r = { output: "exports.x = 1;", declOutput: "export declare const x = 1;", diagnostics: [], lastExpressionVar: undefined };
    const k = a.key("", "const x = 1;");
    expect(a.get(k)).toBeUndefined();
    a.set(k, r);
    const b = new CellCache("s", dir);
    expect(b.get(k)).toEqual(JSON.parse(JSON.stringify(r)));
    expect([b.hits, b.misses]).toEqual([1, 0]);
    expect(fs.readdirSync(path.join(dir, k.slice(0, 2))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(cacheableCell('import { show } from "kernel-lib";\nshow(1);')).toBe(true);
    expect(cacheableCell('import { gen } from "./generator";')).toBe(false);
    expect(cacheableCell('const m = require("../data/x");')).toBe(false);
    expect(cacheableCell("//%module: lib.ts\nexport const a = 1;")).toBe(false);
    // A study module's types (notebooks/data -> ../data) are cached, keyed by the study's sources too.
    const typed = 'const S = loadStudyModule<typeof import("./data/demo/study")>(STUDY, "study");';
    expect(cacheableCell(typed)).toBe(true);
    expect(cacheableCell(`${typed}\nimport { g } from "./generator";`)).toBe(false);
    expect(studyTypeRefs(`${typed}\ntype G = typeof import("./data/demo/generator");\ntype H = typeof import('./data/other/study.ts');`)).toEqual(["demo", "other"]);
    const sdir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-study-types-"));
    fs.mkdirSync(path.join(sdir, "data", "demo"), { recursive: true });
    fs.writeFileSync(path.join(sdir, "data", "demo", "study.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(sdir, "data", "demo", "published.json"), "{}");
    const before = studySources(sdir, ["demo"]);
    expect(before).toContain("demo/study.ts");
    expect(before).not.toContain("published.json");
    fs.writeFileSync(path.join(sdir, "data", "demo", "generator.ts"), "export const b = 2;\n");
    expect(studySources(sdir, ["demo"])).not.toBe(before);
  });
});

describe("a reset gives the next notebook a fresh kernel-lib", () => {
  it("forgetKernelLib drops the library's modules (not its dependencies) from Node's module cache", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
    fs.mkdirSync(path.join(dir, "node_modules", "dep"), { recursive: true });
    fs.writeFileSync(path.join(dir, "dist", "index.js"), "exports.log = []; exports.dep = require('dep');\n");
    fs.writeFileSync(path.join(dir, "node_modules", "dep", "index.js"), "exports.state = [];\n");
    const load = () => require(path.join(dir, "dist", "index.js")) as { log: number[]; dep: { state: number[] } };
    const first = load();
    first.log.push(1);
    expect(load()).toBe(first);
    expect(forgetKernelLib(dir)).toBe(1);
    const second = load();
    expect(second).not.toBe(first);
    expect(second.log).toEqual([]);
    expect(second.dep).toBe(first.dep);
  });
});

const python = findJupyterPython();
describe.skipIf(!python)("one warm kernel, notebook after notebook (run_notebook.py --serve)", () => {
  const notebook = (cells: string[]) => ({
    cells: cells.map((source, i) => ({ cell_type: "code", execution_count: null, id: `c${i}`, metadata: i === 0 ? { tags: ["parameters"] } : {}, outputs: [], source })),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (regionlab, tslab)", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  });

  it("runs each notebook in a fresh scope with a fresh kernel-lib and its own environment; the second run compiles nothing", async () => {
    const dir = tmp();
    const cache = path.join(dir, "cells");
    const a = notebook([
      "const leaked: number = 42;",
      'import { createRng, formatSeeds } from "kernel-lib";\nconst r = createRng(7, "a");\nconsole.log(r.uniform() < 2);',
      'console.log(formatSeeds(), process.env.REGIONLAB_NOTEBOOK);',
    ]);
    const b = notebook(['import { formatSeeds } from "kernel-lib";\nconsole.log(formatSeeds(), process.env.REGIONLAB_NOTEBOOK);', "console.log(typeof leaked);"]);
    fs.writeFileSync(path.join(dir, "a.ipynb"), JSON.stringify(a));
    fs.writeFileSync(path.join(dir, "b.ipynb"), JSON.stringify(b));
    const req = (id: string, run: string) =>
      JSON.stringify({ input: path.join(dir, `${id}.ipynb`), output: path.join(dir, `${id}-${run}.ipynb`), html: path.join(dir, `${id}-${run}.html`), inject: "", title: id, env: { REGIONLAB_NOTEBOOK: id, REGIONLAB_OUT: dir } }) + "\n";
    const env = { ...process.env, ...registerKernel(root), REGIONLAB_ROOT: root, REGIONLAB_CELL_CACHE: cache, PYTHONWARNINGS: "ignore" };
    const child = spawn(python!, [path.join(root, "kernel-lib", "python", "run_notebook.py"), "--serve", "--cwd", path.join(root, "notebooks"), "--timeout", "600"], { cwd: path.join(root, "notebooks"), env, stdio: ["pipe", "pipe", "pipe"] });
    const results: { status: string; error: { evalue: string } | null }[] = [];
    let buf = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const next = () =>
      new Promise<void>((resolve, reject) => {
        const n = results.length + 1;
        const onData = (d: Buffer) => {
          buf += d.toString();
          let i: number;
          while ((i = buf.indexOf("\n")) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            const msg = JSON.parse(line) as { result?: (typeof results)[number] };
            if (msg.result) results.push(msg.result);
          }
          if (results.length >= n) {
            child.stdout.off("data", onData);
            resolve();
          }
        };
        child.stdout.on("data", onData);
        child.once("exit", (code) => reject(new Error(`driver exited ${code}: ${stderr.slice(-2000)}`)));
      });
    const outputs = (file: string) =>
      (JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).cells as { execution_count: number; outputs: { text?: string }[] }[]).map((c) => ({ n: c.execution_count, text: c.outputs.map((o) => o.text ?? "").join("") }));
    try {
      child.stdin.write(req("a", "1"));
      await next();
      const files = () => fs.readdirSync(cache).flatMap((d) => fs.readdirSync(path.join(cache, d)));
      const compiled = files().length;
      expect(compiled).toBe(3);
      child.stdin.write(req("b", "1"));
      await next();
      child.stdin.write(req("a", "2"));
      await next();
      expect(results.map((r) => r.status)).toEqual(["ok", "error", "ok"]);
      // b sees neither a's variables nor a's seeds; it gets its own environment and cell numbers from 1.
      expect(results[1].error!.evalue).toMatch(/Cannot find name 'leaked'/);
      const b1 = outputs("b-1.ipynb");
      expect(b1[0]).toEqual({ n: 1, text: "seeds: none used b\n" });
      // a again, after b: the same outputs and numbering as in the fresh kernel, every cell from the cache.
      expect(outputs("a-2.ipynb")).toEqual(outputs("a-1.ipynb"));
      expect(outputs("a-1.ipynb")[2]).toEqual({ n: 3, text: "seeds: a=7 a\n" });
      expect(files().length).toBe(compiled + 1); // b's first cell; its failing cell is not kept
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once("exit", r));
    }
  }, 600_000);

  it("the reset request is one line the kernel recognises", () => {
    expect(RESET_MARK.startsWith("//")).toBe(true); // a comment to plain tslab: harmless if it ever reached one
  });
});
