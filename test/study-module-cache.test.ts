import * as fs from "fs";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { loadStudyModule } from "../kernel-lib/src/data/study";

// A throwaway project root inside the clone's out/ (typescript resolves from the root's node_modules upwards).
const repo = path.resolve(__dirname, "..");
fs.mkdirSync(path.join(repo, "out"), { recursive: true });
const root = fs.mkdtempSync(path.join(repo, "out", "study-cache-"));
const saved = process.env.REGIONLAB_ROOT;
const cacheDir = path.join(root, ".cache", "study-modules");
const write = (name: string, src: string) => {
  fs.mkdirSync(path.join(root, "data", "demo"), { recursive: true });
  fs.writeFileSync(path.join(root, "data", "demo", `${name}.ts`), src);
};
const cached = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith(".js")) : []);

afterAll(() => {
  if (saved === undefined) delete process.env.REGIONLAB_ROOT;
  else process.env.REGIONLAB_ROOT = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("loadStudyModule's transpile cache", () => {
  it("caches a module under its source hash, and a changed source gets a fresh transpile", () => {
    process.env.REGIONLAB_ROOT = root;
    write("study", "import { K } from \"./generator\";\nexport const answer: number = K + 1;\n");
    write("generator", "export const K: number = 41;\n");
    expect(loadStudyModule<{ answer: number }>("demo", "study").answer).toBe(42);
    expect(cached()).toHaveLength(2); // the module and its sibling
    expect(loadStudyModule<{ answer: number }>("demo", "study").answer).toBe(42);
    expect(cached()).toHaveLength(2);
    write("generator", "export const K: number = 9;\n");
    expect(loadStudyModule<{ answer: number }>("demo", "study").answer).toBe(10);
    expect(cached()).toHaveLength(3);
  });

  it("names the file of a module that does not parse, and caches nothing for it", () => {
    process.env.REGIONLAB_ROOT = root;
    write("broken", "export const y = ;\n");
    const before = cached().length;
    expect(() => loadStudyModule("demo", "broken")).toThrow(/data[\\/]demo[\\/]broken\.ts: Expression expected/);
    expect(cached()).toHaveLength(before);
  });
});
