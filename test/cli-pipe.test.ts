import { describe, expect, it } from "vitest";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// Issue 21 item 1: the CLI exited before stdout drained, so a large --json result arrived cut off
// through a pipe (65,536 of 3.9 MB bytes here). The result must parse whole on the far side of a pipe.
const cli = path.resolve(__dirname, "..", "kernel-lib", "bin", "regionlab.js");

function bigCsv(rows: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regionlab-pipe-"));
  const file = path.join(dir, "big.csv");
  let s = "y,a,b,c,d\n";
  let u = 12345;
  const rnd = () => ((u = (u * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < rows; i++) {
    const [a, b, c, d] = [rnd(), rnd(), rnd(), rnd()];
    s += `${(a + 2 * b + rnd()).toFixed(6)},${a.toFixed(6)},${b.toFixed(6)},${c.toFixed(6)},${d.toFixed(6)}\n`;
  }
  fs.writeFileSync(file, s);
  return file;
}

describe("CLI output through a pipe", () => {
  it("a ~5 MB --json result parses whole through node and python3 pipes", () => {
    const rows = 110000;
    const csv = bigCsv(rows);
    const cmd = `"${process.execPath}" "${cli}" gbdt --data "${csv}" --target y --features a,b,c,d --n-estimators 1 --max-depth 1 --json`;
    const readers: [string, string][] = [
      ["node", `"${process.execPath}" -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log(s.length, j.shap.length)})"`],
      ["python3", `python3 -c "import sys,json; s=sys.stdin.read(); j=json.loads(s); print(len(s), len(j['shap']))"`],
    ];
    for (const [name, reader] of readers) {
      const r = spawnSync("sh", ["-c", `${cmd} | ${reader}`], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect(r.stderr, name).toBe("");
      const [bytes, n] = r.stdout.trim().split(/\s+/).map(Number);
      expect(bytes, name).toBeGreaterThan(5_000_000);
      expect(n, name).toBe(rows);
    }
    fs.rmSync(path.dirname(csv), { recursive: true, force: true });
  }, 120_000);
});
