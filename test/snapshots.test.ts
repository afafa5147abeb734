import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { TEST_OUT } from "./setup/replicate";
import { KeyOutputs, SNAPSHOT_TOLERANCE, diffKeyOutputs, readKeyOutputs } from "../kernel-lib/src/runner/snapshot";

// The regression guard of the notebooks: every ledger value and status and every displayed table's numbers, from
// the run the global setup made, against test/snapshots/<id>.json. Tolerance: 1e-9 relative, 1e-12 absolute.
// A deliberate change updates the snapshot (node scripts/snapshot.js --only <id>) in the same commit, saying why.
const root = path.resolve(__dirname, "..");
const ids = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.slice(0, -6));

describe("notebook snapshots: no pinned number moves by accident", () => {
  for (const id of ids) {
    it(id, () => {
      const snap = path.join(root, "test", "snapshots", `${id}.json`);
      expect(fs.existsSync(snap), `no snapshot for ${id}: node scripts/snapshot.js --only ${id}`).toBe(true);
      const executed = path.join(TEST_OUT, `${id}.ipynb`);
      expect(fs.existsSync(executed), `${executed} missing: the notebooks did not run`).toBe(true);
      const before = JSON.parse(fs.readFileSync(snap, "utf8")) as KeyOutputs;
      const changes = diffKeyOutputs(before, readKeyOutputs(id, executed), SNAPSHOT_TOLERANCE);
      const shown = changes.slice(0, 15).map((c) => `${c.kind} ${c.where} ${c.key}: ${c.before} → ${c.after}`);
      expect(changes.length, `${changes.length} pinned numbers changed:\n${shown.join("\n")}`).toBe(0);
      expect(Object.keys(before.ledger).length + Object.keys(before.tables).length).toBeGreaterThan(0);
    });
  }
});
