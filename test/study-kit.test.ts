import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { feols, panel } from "../kernel-lib/src/panel";
import { Published, compare } from "../kernel-lib/src/ledger";
import {
  besidePaper, byProvenance, calibrationTargets, fillMissing, ledgerOurs, plantedRecovery, printedTable, provenanceOf,
  provenanceNote, record, stars, starLegend, stataConstant, studyFilePath, valuesById, withStataConstant,
} from "../kernel-lib/src/study";
import { Table } from "../kernel-lib/src/data";

// Stata 13's xtreg output (linearmodels' fixture, see test/reference/panel/stata/README.md): the _cons of
// `xtreg y x1-x5, fe` is the independent reference for the constant of an FE model.
const DIR = path.join(__dirname, "reference/panel/stata");
const S = JSON.parse(fs.readFileSync(path.join(DIR, "stata_xtreg.json"), "utf8"));
const data = readTable(path.join(DIR, "simulated_panel.csv"));
const rhs = (sfx: string) => [1, 2, 3, 4, 5].map((j) => `x${j}${sfx}`).join(" + ");
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("stars", () => {
  it("paper rule: * 10 %, ** 5 %, *** 1 %, strict inequalities as Stata's esttab star()", () => {
    expect([0.2, 0.1, 0.099, 0.05, 0.049, 0.01, 0.0099].map((p) => stars(p))).toEqual(["", "", "*", "*", "**", "**", "***"]);
    expect(stars(NaN)).toBe("");
  });
  it("esttab rule: * 5 %, ** 1 %, *** 0.1 %; custom levels", () => {
    expect([0.06, 0.04, 0.009, 0.0009].map((p) => stars(p, "esttab"))).toEqual(["", "*", "**", "***"]);
    expect(stars(0.03, { levels: [{ p: 0.05, symbol: "†" }] })).toBe("†");
    expect(starLegend()).toBe("* p<0.1, ** p<0.05, *** p<0.01");
  });
});

describe("the constant as Stata prints it", () => {
  for (const sfx of ["", "_heavy"]) {
    const ref = S[`fixed_effect-conventional--${sfx}`].coef._cons;
    it(`feols with an absorbed FE: _cons = Stata xtreg, fe's (${sfx || "balanced"}), no SE`, () => {
      // xtreg keeps singleton panels (reghdfe drops them, and its _cons is then over the smaller sample)
      const fit = feols(data, `y${sfx} ~ ${rhs(sfx)} | firm`, { vcov: "iid", dropSingletons: false });
      const c = stataConstant(fit, data)!;
      expect(rel(c.estimate, ref.b)).toBeLessThan(1e-8);
      expect(c.source).toBe("means");
      expect(Number.isNaN(c.std_error)).toBe(true);
      const rows = withStataConstant(fit, data).tidy();
      expect(rows[rows.length - 1].term).toBe("_cons");
      expect(rows.some((r) => r.term === "(Intercept)")).toBe(false);
    });
    it(`panel(within, stata.xtreg) carries _cons with Stata's t (${sfx || "balanced"})`, () => {
      const fit = panel(data, `y${sfx} ~ ${rhs(sfx)}`, { id: "firm", time: "time", preset: "stata.xtreg", model: "within" });
      const c = stataConstant(fit)!;
      expect(c.source).toBe("fit");
      expect(rel(c.estimate, ref.b)).toBeLessThan(1e-8);
      expect(rel(c.statistic, ref.t)).toBeLessThan(1e-8);
    });
  }
  it("an FE fit without its data is refused, and a column the data lack is named", () => {
    const fit = feols(data, `y ~ ${rhs("")} | firm`, { vcov: "iid" });
    expect(() => withStataConstant(fit)).toThrow(/needs the data/);
    expect(() => stataConstant(fit, { y: [1, 2], x1: [1, 2] })).toThrow(/"x2" is not a column/);
  });
  it("r2: 'within' reports the within R² as r_squared (xtreg's e(r2))", () => {
    const fit = feols(data, `y ~ ${rhs("")} | firm`, { vcov: "iid" });
    const g = withStataConstant(fit, data, { r2: "within" }).glance();
    expect(g.r_squared).toBe(fit.glance().within_r_squared);
  });
});

const PUB: Published = {
  study: "kit-test",
  citation: "Author (2025)",
  source: "test",
  entries: [
    { id: "t4-1-x1-b", table: "Table 4", row: "x1", column: "(1)", printed: "0.280***", value: 0.28, precision: 3, parens: "none", comparator: "=", note: "" },
    { id: "t4-1-x1-t", table: "Table 4", row: "x1", column: "(1)", printed: "(8.57)", value: 8.57, precision: 2, parens: "t", comparator: "=", note: "" },
    { id: "t4-1-_cons-b", table: "Table 4", row: "_cons", column: "(1)", printed: "0.164***", value: 0.164, precision: 3, parens: "none", comparator: "=", note: "" },
    { id: "t4-1-_cons-t", table: "Table 4", row: "_cons", column: "(1)", printed: "(6.27)", value: 6.27, precision: 2, parens: "t", comparator: "=", note: "" },
    { id: "t4-1-N", table: "Table 4", row: "N", column: "(1)", printed: "3000", value: 3000, precision: 0, parens: "none", comparator: "=", note: "" },
    { id: "t4-1-r2", table: "Table 4", row: "R²", column: "(1)", printed: "0.45", value: 0.45, precision: 2, parens: "none", comparator: "=", note: "" },
    { id: "t3-y-mean", table: "Table 3", row: "y", column: "mean", printed: "1.50", value: 1.5, precision: 2, parens: "none", comparator: "=", note: "" },
    { id: "t3-y-sd", table: "Table 3", row: "y", column: "sd", printed: "2.00", value: 2, precision: 2, parens: "none", comparator: "=", note: "" },
    { id: "t3-x-mean", table: "Table 3", row: "x", column: "mean", printed: "0.5", value: 0.5, precision: 1, parens: "none", comparator: "=", note: "" },
    { id: "gone", table: "Text", row: "a claim", column: "%", printed: "40%", value: 40, precision: 0, parens: "none", comparator: "=", note: "", not_reproducible: "no data" },
  ],
};

describe("ledger recording", () => {
  it("record writes b, t, Stata's _cons, N and R² only for ids in published.json", () => {
    const fit = panel(data, `y ~ ${rhs("")}`, { id: "firm", time: "time", preset: "stata.xtreg", model: "within" });
    const ours = ledgerOurs(PUB);
    const ids = record(ours, fit, { table: "t4", column: 1, stat: "t" });
    expect(ids.sort()).toEqual(["t4-1-N", "t4-1-_cons-b", "t4-1-_cons-t", "t4-1-r2", "t4-1-x1-b", "t4-1-x1-t"]);
    const ref = S["fixed_effect-conventional--"];
    expect(rel(ours.values["t4-1-x1-t"].value!, ref.coef.x1.t)).toBeLessThan(1e-8);
    expect(rel(ours.values["t4-1-_cons-b"].value!, ref.coef._cons.b)).toBeLessThan(1e-8);
    expect(ours.values["t4-1-N"].value).toBe(3000);
    expect(rel(ours.values["t4-1-r2"].value!, ref.stats.r2)).toBeLessThan(1e-8);
    expect(ours.values["t4-1-x2-b"]).toBeUndefined();
  });
  it("an absorbed-FE fit: _cons from the means with data, its t null with a note; rename and se", () => {
    const fit = feols(data, `y ~ ${rhs("")} | firm`, { vcov: "iid" });
    const ours = ledgerOurs(PUB);
    record(ours, fit, { prefix: "t4-1", data, r2: "within_if_fe" });
    expect(ours.values["t4-1-_cons-t"]).toEqual({ value: null, note: "FE model: no SE for the constant recovered from the means" });
    expect(ours.values["t4-1-r2"].value).toBe(fit.glance().within_r_squared);
    const o2 = ledgerOurs(PUB);
    record(o2, fit, { prefix: "t4-1", stat: "se", rename: { x2: "x1" }, terms: ["x2"] });
    expect(o2.values["t4-1-x1-b"].value).toBe(fit.coef("x2"));
    expect(o2.values["t4-1-_cons-b"]).toBeUndefined();
    expect(() => record(o2, fit, {})).toThrow(/prefix/);
  });
  it("fillMissing names what is left and compare accepts the result; not_reproducible entries are left alone", () => {
    const ours = ledgerOurs(PUB);
    ours.put("t3-y-mean", 1.5);
    expect(ours.put("nope", 1)).toBe(false);
    expect(ours.missing()).toContain("t3-y-sd");
    const filled = fillMissing(PUB, ours, "not computed");
    expect(filled).toHaveLength(8);
    expect(filled).not.toContain("gone");
    const c = compare(PUB, ours.values, { provenance: "real" }).counts();
    expect(c.reproduced).toBe(1);
    expect(c.not_reproducible).toBe(9);
  });
});

describe("printed tables and the paper beside ours", () => {
  it("printedTable: rows and columns from published.json, t under its coefficient", () => {
    const t = printedTable(PUB, "Table 4");
    expect(t.options.provenance).toBe("printed");
    expect(t.columns).toEqual(["", "(1)"]);
    expect(t.rows.map((r) => r[""])).toEqual(["x1", "", "_cons", "", "N", "R²"]);
    expect(t.rows[1]["(1)"]).toEqual({ html: "(8.57)" });
    expect(t.options.caption).toBe("Table 4 as printed (Author (2025))");
    expect(() => printedTable(PUB, "Table 9")).toThrow(/no entries/);
  });
  it("besidePaper: printed and ours per column, ours read from the ledger record", () => {
    const ours = ledgerOurs(PUB);
    ours.put("t3-y-mean", 1.52);
    ours.put("t3-x-mean", 0.47);
    const t = besidePaper(PUB, "Table 3", ours, { provenance: "synthetic" });
    expect(t.columns).toEqual(["", "mean · paper", "mean · ours", "sd · paper", "sd · ours"]);
    expect(t.rows[0]).toMatchObject({ "": "y", "mean · paper": { html: "1.50" }, "mean · ours": 1.52, "sd · ours": null });
    expect(t.rows[1]).toMatchObject({ "": "x", "mean · ours": 0.47, "sd · paper": "" });
    expect(t.options.digits).toEqual({ "mean · ours": 3, "sd · ours": 3 });
    expect(besidePaper(PUB, "Table 4", { "t4-1-x1-t": 8.6 }, { provenance: "real" }).rows.map((r) => r[""])).toEqual(["x1", "x1 (t)", "_cons", "_cons (t)", "N", "R²"]);
  });
});

describe("planted-value recovery", () => {
  const rows = [
    { table: "T4", term: "a", planted: 1, estimate: 1.3, se: 0.2 }, // 1.5 SE
    { table: "T4", term: "b", planted: 0, estimate: 0.5, se: 0.2 }, // 2.5 SE: miss
    { table: "T5", term: "c", planted: 2, estimate: 1.6, se: 0.2 }, // exactly 2 SE: within
  ];
  it("synthetic: counts within 2 SE, lists the misses", () => {
    const r = plantedRecovery(rows, { provenance: "synthetic" });
    expect(r.rows.map((x) => x.distance)).toEqual([1.4999999999999996, 2.5, 2.0000000000000004].map((d) => expect.closeTo(d, 12)));
    expect([r.recovered, r.total]).toEqual([2, 3]);
    expect(r.misses.map((m) => m.term)).toEqual(["b"]);
    expect(r.summary).toBe("planted values recovered within 2 SE: 2/3 (67%); misses: T4 b (0.5000 vs 0, 2.5 SE)");
    expect(r.table.options.caption).toBe("Planted coefficients recovered within two SEs: 2 of 3 (67%)");
  });
  it("real data: no planted truth applies, nothing is counted", () => {
    const r = plantedRecovery(rows, { provenance: "real" });
    expect([r.recovered, r.total, r.misses.length]).toEqual([0, 0, 0]);
    expect(r.summary).toMatch(/no planted values apply/);
    expect(r.table.options.caption).toMatch(/nothing to check on these data/);
    // what the reader sees on their own file makes no claim about a design: no rows, no "planted"
    expect(r.table.rows).toEqual([]);
    expect(`${r.table.options.caption} ${(r.table.options.notes ?? []).join(" ")}`).not.toMatch(/planted|recovered within/i);
  });
});

describe("provenance and its wording", () => {
  it("classifies the data parameter", () => {
    expect(provenanceOf("synthetic", "s").provenance).toBe("synthetic");
    expect(provenanceOf("synthetic", "s").label).toBe("synthetic data (data/s/generator.ts)");
    expect(provenanceOf("bundled", "s")).toMatchObject({ kind: "bundled", provenance: "printed", userFile: false });
    expect(provenanceOf("manifest:census_prefecture_2010_2020")).toMatchObject({ kind: "public", provenance: "real" });
    expect(provenanceOf("/home/me/panel.csv")).toMatchObject({ kind: "user", provenance: "real", userFile: true, label: "your file /home/me/panel.csv" });
  });
  it("the wording never calls the user's file synthetic", () => {
    const user = provenanceOf("my.csv");
    expect(provenanceNote(user)).not.toMatch(/synthetic/);
    expect(provenanceNote(provenanceOf("synthetic"))).toMatch(/synthetic|known truth/);
    expect(byProvenance(user, { synthetic: "drawn", other: "yours" })).toBe("yours");
    expect(byProvenance(provenanceOf("synthetic"), { synthetic: "drawn", other: "yours" })).toBe("drawn");
  });
  it("calibration targets are read from published.json", () => {
    expect(calibrationTargets(PUB, { meanY: "t3-y-mean", sdY: "t3-y-sd" })).toEqual({ meanY: 1.5, sdY: 2 });
    expect(() => calibrationTargets(PUB, { a: "missing-id" })).toThrow(/no entry/);
  });
});

describe("study files", () => {
  it("bundled files come from data/<id>/, a folder from the folder", () => {
    expect(studyFilePath("computing-power-layout", "bundled", "cited.csv")).toMatch(/data[\\/]computing-power-layout[\\/]cited\.csv$/);
    expect(studyFilePath("computing-power-layout", "my/folder", "cited.csv")).toBe(path.join("my/folder", "cited.csv"));
    expect(() => studyFilePath("computing-power-layout", "bundled", "nope.csv")).toThrow(/not found/);
  });
  it("valuesById looks up by id and names the file on a miss or a missing number", () => {
    const t = Table.fromColumns("cited.csv", { id: ["a", "b"], value: [1.5, NaN] });
    const v = valuesById(t);
    expect(v("a")).toBe(1.5);
    expect(() => v("z")).toThrow(/cited.csv: no row with id "z"/);
    expect(() => v("b")).toThrow(/cited.csv: row 2 \(id "b"\), column value: no number/);
  });
});
