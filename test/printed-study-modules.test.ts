import { describe, expect, it } from "vitest";
import { loadStudyModule, type Figure } from "kernel-lib";

// The study modules of the four printed-numbers notebooks (data/<id>/study.ts) on partial data, as a user's folder
// may hold it: a missing row is a one-line error naming the file and the key, or it is left out and said so; never
// a TypeError. Expected values are written by hand from the inputs.
type Row = Record<string, number | string | null>;

describe("intl-circulation-nqpf: cited values", () => {
  const IC = loadStudyModule<{ citedValues(r: Row[]): (s: string, y: number, c?: string) => number;
    neededEndpoints(): string[] }>("intl-circulation-nqpf", "study");
  it("a missing endpoint names the file, the series and the year", () => {
    const val = IC.citedValues([{ series: "exports", category: "all", year: 1980, value: 181.2 }]);
    expect(val("exports", 1980)).toBe(181.2);
    expect(() => val("exports", 2023)).toThrow("cited.csv: no row for exports/all/2023");
  });
  it("the growth table needs both endpoints of seven series", () => {
    const need = IC.neededEndpoints();
    expect(need).toHaveLength(14);
    expect(need).toContain("invention_patent_applications/1995");
  });
});

describe("county-economy-policy: documents without the misprinted one", () => {
  const CE = loadStudyModule<{ documentsFigure(P: Row[], S: Row[]): Figure; yearOf(p: unknown): number }>(
    "county-economy-policy", "study");
  it("draws no misprint marker when the file lacks the 2005 document", () => {
    const P = [{ id: "d1", theme: "land", source: "text", yearUsed: 1990, year_printed: "1990年", issuer: "x", title: "y" }];
    const S = [{ stage: 1, core: "放", start: 1978, end: 1989 }];
    const f = CE.documentsFigure(P, S);
    expect(f.data.map((t) => t.name)).not.toContain("17th Congress report: printed 2005 → 2007");
    expect(CE.yearOf("2005年")).toBe(2005);
  });
});

describe("computing-power-layout: the geocoding of Table 1", () => {
  const CP = loadStudyModule<{ placeHubs(h: Row[], c: Row[]): Promise<unknown> }>("computing-power-layout", "study");
  it("an anchor with no prefecture point is an error naming the code", async () => {
    const hubs = [{ region_printed: "西部地区", hub: "h", cluster: "c", anchors_ours: "999999" }];
    await expect(CP.placeHubs(hubs, [])).rejects.toThrow("no point for 999999");
  });
});

describe("new-urbanization-review: a rates file without some stage years", () => {
  it("the checks on the missing years have no number (not NaN), the others are computed", async () => {
    const { ledgerOurs, loadPublished } = await import("kernel-lib");
    const NU = loadStudyModule<{ recordChecks(o: unknown, fc: Row[], c: Row[], rateIn: (y: number) => number,
      fact: (id: string) => number): void }>("new-urbanization-review", "study");
    const years = [1978, 1995, 2010], rates = [17.92, 29.04, 49.95];
    const rateIn = (y: number) => rates[years.indexOf(y)];
    const ours = ledgerOurs(loadPublished("new-urbanization-review"));
    const fc = [{ id: "su2022-2035", value: 76.7 }];
    NU.recordChecks(ours, fc, [], rateIn, (id) => ({ "county-urb-2020": 45, "students-junior-2021": 10,
      "students-junior-gap": 5, "students-primary-2021": 8, "students-primary-gap": 3, "huline-se": 93.5,
      "huline-nw": 6.5 } as Record<string, number>)[id]);
    expect(ours.values["stage-1995-about-30"].value).toBe(29.04);
    expect(ours.values["county-gap"].value).toBeNull();
    expect(ours.values["table1-monotone"].value).toBeNull();
    expect(ours.values["huline-sum"].value).toBe(100);
  });
});
