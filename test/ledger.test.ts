import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LEDGER_MIME, Published, compare, judge, loadPublished } from "kernel-lib";

const pub: Published = {
  study: "demo",
  citation: "Demo (2025)",
  source: "demo.txt",
  entries: [
    { id: "b1", table: "Table 5", row: "DFII", column: "(1)", printed: "0.123***", value: 0.123, precision: 3, parens: "none", comparator: "=", note: "" },
    { id: "se1", table: "Table 5", row: "DFII", column: "(1) SE", printed: "(0.045)", value: 0.045, precision: 3, parens: "se", comparator: "=", note: "" },
    { id: "claim", table: "Text", row: "largest loss", column: "%", printed: "> 20%", value: 20, precision: 0, parens: "none", comparator: ">", note: "" },
    { id: "priv", table: "Table 2", row: "GDP", column: "mean", printed: "9.87", value: 9.87, precision: 2, parens: "none", comparator: "=", not_reproducible: "yearbook microdata are not public", note: "" },
  ],
};

describe("ledger", () => {
  it("reproduced within half a unit of the printed precision, differs outside", () => {
    expect(judge(pub.entries[0], { value: 0.1234 }, "real").status).toBe("reproduced");
    expect(judge(pub.entries[0], { value: 0.1225 }, "real").status).toBe("reproduced");
    expect(judge(pub.entries[0], { value: 0.1236 }, "real").status).toBe("differs");
    expect(judge({ ...pub.entries[0], tolerance: 0.01 }, { value: 0.13 }, "real").status).toBe("reproduced");
  });

  it("a real number from data whose definition, years or sample differ is 'differs' even when it agrees", () => {
    const r = judge(pub.entries[0], { value: 0.123, differs: "2012 values for 2013" }, "real");
    expect(r.status).toBe("differs");
    expect(r.reason).toBe("2012 values for 2013");
    expect(judge(pub.entries[0], { value: 0.2, differs: "2012 values for 2013" }, "real").status).toBe("differs");
    expect(judge(pub.entries[0], { value: 0.123, differs: "x" }, "printed").status).toBe("consistent");
    expect(judge(pub.entries[0], { value: 0.123, differs: "x" }, "synthetic").status).toBe("not_reproducible");
  });

  it("judges printed claims with their comparator", () => {
    expect(judge(pub.entries[2], { value: 35.2 }, "real").status).toBe("reproduced");
    expect(judge(pub.entries[2], { value: 19.9 }, "real").status).toBe("differs");
  });

  it("a number computed from other printed numbers is consistent or inconsistent, never reproduced", () => {
    expect(judge(pub.entries[0], { value: 0.123 }, "printed").status).toBe("consistent");
    expect(judge(pub.entries[0], { value: 0.2 }, "printed").status).toBe("inconsistent");
    // a per-entry "printed" inside a real comparison is a consistency check too
    expect(judge(pub.entries[0], { value: 0.123, provenance: "printed" }, "real").status).toBe("consistent");
  });

  it("a printed number read as data counts nowhere", () => {
    const c = compare(pub, { b1: { value: 0.123, input: true }, se1: 0.045, claim: 30 }, { provenance: "printed" });
    expect(c.rows[0].status).toBe("input");
    expect(c.counts()).toEqual({ reproduced: 0, consistent: 2, inconsistent: 0, differs: 0, not_reproducible: 1, input: 1 });
  });

  it("never calls a synthetic result reproduced, not even through a per-entry override", () => {
    const s = judge(pub.entries[0], { value: 0.123 }, "synthetic");
    expect(s.status).toBe("not_reproducible");
    expect(s.reason).toMatch(/synthetic/);
    expect(() => judge(pub.entries[0], { value: 0.123, provenance: "real" }, "synthetic")).toThrow(/never reproduced/);
    expect(() => compare(pub, { b1: { value: 0.123, provenance: "real" } }, { provenance: "synthetic" })).toThrow(/separate compare/);
    const all = compare(pub, { b1: 0.123, se1: 0.045, claim: 30 }, { provenance: "synthetic" });
    expect(all.counts().reproduced).toBe(0);
    expect(judge(pub.entries[3], undefined, "real").reason).toBe("yearbook microdata are not public");
  });

  it("fails loudly when a reproducible number was not computed or an id is unknown", () => {
    expect(() => compare(pub, { b1: 0.123 }, { provenance: "real" })).toThrow(/se1.*no computed value/);
    expect(() => compare(pub, { b1: 0.123, se1: 0.045, claim: 30, nope: 1 }, { provenance: "real" })).toThrow(/"nope" is not an entry/);
  });

  it("renders our number beside the printed one and carries a machine-readable summary", () => {
    const c = compare(pub, { b1: 0.1231, se1: 0.05, claim: { value: 25, note: "city X" } }, { provenance: "real", caption: "Table 5" });
    expect(c.counts()).toEqual({ reproduced: 2, consistent: 0, inconsistent: 0, differs: 1, not_reproducible: 1, input: 0 });
    const b = c.mimeBundle();
    expect(b["text/html"]).toContain("0.123***");
    expect(b["text/html"]).toContain("✗ differs");
    const s = JSON.parse(b[LEDGER_MIME]);
    expect(s).toMatchObject({ study: "demo", provenance: "real", reproduced: 2, differs: 1, not_reproducible: 1 });
    const syn = compare(pub, {}, { provenance: "synthetic" });
    expect(syn.mimeBundle()["text/html"]).toContain("synthetic data");
  });

  it("validates published.json with zod and rejects duplicate ids", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-"));
    const f = path.join(dir, "published.json");
    fs.writeFileSync(f, JSON.stringify({ ...pub, entries: [pub.entries[0], pub.entries[0]] }));
    expect(() => loadPublished("demo", f)).toThrow(/appears twice/);
    fs.writeFileSync(f, JSON.stringify({ ...pub, entries: [{ ...pub.entries[0], precision: -1 }] }));
    expect(() => loadPublished("demo", f)).toThrow(/precision/);
    const real = loadPublished("resource-cities-hqd-interview");
    expect(real.entries.length).toBeGreaterThan(5);
  });
});

describe("scoreboard counts", () => {
  it("counts each ledger entry once even when a notebook shows it twice", async () => {
    const { ledgerCounts } = await import("../kernel-lib/src/runner/replicate");
    const a = compare(pub, { b1: 0.123, se1: 0.05, claim: 30 }, { provenance: "real" }).summary();
    const b = compare(pub, { b1: 0.123, se1: 0.05, claim: 30 }, { provenance: "real", ids: ["b1"] }).summary();
    expect(ledgerCounts([a, b])).toEqual({ reproduced: 2, consistent: 0, inconsistent: 0, differs: 1, not_reproducible: 1, input: 0 });
  });
});

describe("long ledgers", () => {
  it("show counts by table and the differences first, the full list folded in a <details> block", () => {
    const many: Published = {
      ...pub,
      entries: Array.from({ length: 40 }, (_, i) => ({ ...pub.entries[0], id: `e${i}`, table: i < 20 ? "Table 1" : "Table 2" })),
    };
    const ours = Object.fromEntries(many.entries.map((e, i) => [e.id, i === 33 ? 0.5 : 0.123]));
    const h = compare(many, ours, { provenance: "real" }).html();
    expect(h).toContain("<details");
    expect(h.indexOf("What differs (1)")).toBeLessThan(h.indexOf("<details"));
    expect(h).toMatch(/Table 1<\/td><td class="num">20/);
  });
});
