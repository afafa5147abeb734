import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data";
import { feols } from "../kernel-lib/src/panel";
import { Published } from "../kernel-lib/src/ledger";
import { coefficientDifference, fitsTable, plantedRowsOf } from "../kernel-lib/src/study/fit-columns";
import { ledgerOurs } from "../kernel-lib/src/study";
import { describeBesidePaper } from "../kernel-lib/src/study/describe-beside";
import { describe as describeData } from "../kernel-lib/src/data/describe";

// Two four-point OLS fits whose numbers are worked by hand and checked with R 4 (lm, pnorm):
//   y1 = (2, 4, 5, 8) on x = (1, 2, 3, 4): b = Sxy/Sxx = 9.5/5 = 1.9, intercept 0, SSE 0.7, se(b) = sqrt(0.35/5)
//   y2 = (1, 2, 3, 5) on x:                b = 6.5/5 = 1.3, intercept −0.5, SSE 0.3, se(b) = sqrt(0.15/5)
//   difference 0.6, se sqrt(0.07 + 0.03) = sqrt(0.1), z = 1.8973665961010275, 2*pnorm(-z) = 0.0577795711235972
const d = Table.fromColumns("hand", { x: [1, 2, 3, 4], y1: [2, 4, 5, 8], y2: [1, 2, 3, 5] });
const f1 = feols(d, "y1 ~ x", { vcov: "iid" });
const f2 = feols(d, "y2 ~ x", { vcov: "iid" });

const entry = (id: string, value: number) => ({ id, table: "Table 1", row: id, column: "(1)", printed: String(value), value, precision: 3, parens: "none" as const, comparator: "=" as const, note: "" });
const pub: Published = { study: "hand", citation: "by hand", source: "", entries: [entry("c1-x-b", 1.9), entry("c1-x-t", 7.2), entry("c1-N", 4), entry("c2-x-b", 1.3)] };

describe("fitsTable", () => {
  it("records each column with an id under that id, keeps the fits, and shows every column", () => {
    const ours = ledgerOurs(pub);
    const kept: Record<string, unknown> = {};
    const t = fitsTable([{ id: "c1", label: "(1)", fit: f1 }, { id: "c2", label: "(2)", fit: f2 }, { label: "(3)", fit: f2 }],
      { ours, into: kept as Record<string, typeof f1>, caption: "hand", parens: "t" });
    expect(ours.values["c1-x-b"].value).toBeCloseTo(1.9, 12);
    // t = 1.9 / sqrt(0.07) = 7.18132498717532 (R)
    expect(ours.values["c1-x-t"].value).toBeCloseTo(7.18132498717532, 10);
    expect(ours.values["c1-N"].value).toBe(4);
    expect(ours.values["c2-x-b"].value).toBeCloseTo(1.3, 12);
    expect(Object.keys(kept)).toEqual(["c1", "c2"]);
    expect(t.grid()[0]).toEqual(["", "(1)", "(2)", "(3)"]);
    const withRows = fitsTable([{ label: "(1)", fit: f1, rows: { Control: "NO" } }], { rows: { "City FE": "YES" } });
    const labels = withRows.grid().map((r) => r[0]);
    expect(labels.indexOf("City FE") - labels.indexOf("Control")).toBe(1);
  });
});

describe("coefficientDifference", () => {
  it("b1 − b2, se = sqrt(se1² + se2²), z and the two-sided normal p", () => {
    const r = coefficientDifference(f1, f2, "x");
    expect(r.difference).toBeCloseTo(0.6, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(r.z).toBeCloseTo(1.8973665961010275, 10);
    expect(r.p).toBeCloseTo(0.0577795711235972, 10);
    expect(() => coefficientDifference(f1, f2, "w")).toThrow(/no term "w"/);
  });
});

describe("plantedRowsOf", () => {
  it("pairs 'fit|term' keys with the fits' estimates and SEs", () => {
    const rows = plantedRowsOf({ "a|x": 2, "b|x": 1 }, { a: f1, b: f2 });
    expect(rows.map((r) => [r.table, r.term, r.planted])).toEqual([["a", "x", 2], ["b", "x", 1]]);
    expect(rows[0].estimate).toBeCloseTo(1.9, 12);
    expect(rows[1].se).toBeCloseTo(0.173205080756888, 10);
    expect(() => plantedRowsOf({ "c|x": 1 }, { a: f1 })).toThrow(/no fit "c"/);
  });
});

describe("describeBesidePaper", () => {
  it("puts each printed statistic before ours; a DataFrame is described like its Table", () => {
    const printed: Published = { study: "hand", citation: "by hand", source: "",
      entries: ["mean", "sd", "min", "max"].map((s) => ({ ...entry(`d-x-${s}`, 1), printed: `p-${s}` })) };
    // x = 1, 2, 3, 4: mean 2.5, SD sqrt(5/3) = 1.2909944487358056 (n − 1), min 1, max 4 (by hand)
    const stats = describeData(d.frame(), ["x"]).stats;
    expect(stats[0].sd).toBeCloseTo(1.2909944487358056, 12);
    const t = describeBesidePaper(stats, printed, { id: (v, s) => `d-${v}-${s}`, caption: "T1", provenance: "synthetic" });
    const v = t.estimates().values;
    expect(v["x | mean"]).toBeCloseTo(2.5, 12);
    expect(v["x | max"]).toBe(4);
    expect(t.html()).toContain("p-sd");
    const noted = describeBesidePaper(stats, printed, { id: (v, s) => `d-${v}-${s}`, caption: "T1", provenance: "real",
      notes: ["source: a public file"] });
    expect(noted.html()).toContain("source: a public file");
    expect(() => describeBesidePaper(stats, pub, { id: (x, s) => `none-${x}-${s}`, caption: "T1", provenance: "synthetic" })).toThrow(/no entry "none-x-mean"/);
  });
});
