import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { referenceFile, sha256Of } from "../kernel-lib/src/data/manifest";

// Reference data reach the tests only through data/reference-manifest.json: a verified copy or a failure
// that says what to fetch (never a silent skip).
function fakeRoot(content: string, sha: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "regionlab-ref-"));
  fs.mkdirSync(path.join(root, "data"));
  fs.mkdirSync(path.join(root, ".cache", "reference-data", "x"), { recursive: true });
  fs.writeFileSync(path.join(root, ".cache", "reference-data", "x", "here.csv"), content);
  const files = [
    { id: "x/here.csv", folder: "reference-data", file: "x/here.csv", sha256: sha, origin: { repository: "cran/EXAMPLE", path: "data/here.rda" } },
    { id: "x/gone.csv", folder: "reference-data", file: "x/gone.csv", sha256: sha, origin: { repository: "cran/EXAMPLE", path: "data/gone.rda" } },
  ];
  fs.writeFileSync(path.join(root, "data", "reference-manifest.json"), JSON.stringify({ description: "test", files }));
  return root;
}

describe("reference manifest", () => {
  it("every committed entry is well-formed and unique", () => {
    const m = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "data", "reference-manifest.json"), "utf8"));
    const ids = m.files.map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of m.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it("returns a copy whose hash matches, refuses one that does not, and names what to fetch when absent", () => {
    const root = fakeRoot("a,b\n1,2\n", sha256Of("a,b\n1,2\n"));
    const saved = process.env.REGIONLAB_REFERENCE_DIR;
    delete process.env.REGIONLAB_REFERENCE_DIR;
    try {
      expect(referenceFile("x/here.csv", root)).toBe(path.join(root, ".cache", "reference-data", "x", "here.csv"));
      expect(() => referenceFile("x/gone.csv", root)).toThrow(/reference file "x\/gone.csv" is missing .*Fetch it from cran\/EXAMPLE \(data\/gone.rda\)/);
      expect(() => referenceFile("x/nope.csv", root)).toThrow(/no file with id "x\/nope.csv"/);
      const bad = fakeRoot("a,b\n1,3\n", sha256Of("a,b\n1,2\n"));
      expect(() => referenceFile("x/here.csv", bad)).toThrow(/does not match the reference manifest/);
    } finally {
      if (saved !== undefined) process.env.REGIONLAB_REFERENCE_DIR = saved;
    }
  });
});
