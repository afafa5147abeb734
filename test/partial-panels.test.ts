import { describe, expect, it } from "vitest";
import { loadStudyModule, Table } from "kernel-lib";

// Partial data (issue 16) in two hybrid-panel notebooks: a user's panel that lacks units or years is named, never a
// TypeError. Expected lists written by hand from the small panels below.
describe("digital-real-integration-sdm: a panel missing province-years", () => {
  const S = loadStudyModule<{ missingCells(t: Table, ids: string[], names: Map<string, string>): string[];
    coverageNote(m: string[]): string }>("digital-real-integration-sdm", "study");
  const years = Array.from({ length: 11 }, (_, i) => 2012 + i);
  it("names each missing province-year and says that the spatial panel cannot run", () => {
    const ids = ["110000", "120000"];
    const rows = ids.flatMap((id) => years.map((y) => [id, y] as const)).filter(([id, y]) => !(id === "120000" && y >= 2021));
    const t = Table.fromColumns("user.csv", { province_code: rows.map((r) => r[0]), year: rows.map((r) => r[1]) });
    const m = S.missingCells(t, ids, new Map([["110000", "北京"], ["120000", "天津"]]));
    expect(m).toEqual(["天津 2021", "天津 2022"]);
    expect(S.coverageNote(m)).toMatch(/^2 province-years missing \(天津 2021, 天津 2022\): the spatial panel needs/);
    expect(S.coverageNote([])).toBe("all 30 provinces × 2012–2022 present");
  });
});

describe("nqpf-inclusive-green-growth: a panel missing sample cities", () => {
  type City = { code: string; name: string; province: string; lon: number; lat: number; pop2010: number; agg: string };
  const S = loadStudyModule<{ panelCoverage(t: Table, c: City[]): { unknown: string[]; absent: string[]; note: string };
    checkCoverage(t: Table, c: City[]): string[] }>("nqpf-inclusive-green-growth", "study");
  const city = (code: string, name: string): City => ({ code, name, province: "", lon: 0, lat: 0, pop2010: 1, agg: "" });
  const cities = [city("110000", "北京"), city("130100", "石家庄"), city("130200", "唐山")];
  it("names the sample cities without rows and the cities outside the sample", () => {
    const t = Table.fromColumns("user.csv", { city_code: ["110000", "110000", "999999"], year: [2011, 2012, 2011] });
    const c = S.panelCoverage(t, cities);
    expect(c.unknown).toEqual(["999999"]);
    expect(c.absent).toEqual(["石家庄 (130100)", "唐山 (130200)"]);
    expect(c.note).toMatch(/^2 of the 3 sample cities have no row and are left out: 石家庄 \(130100\), 唐山 \(130200\)\./);
    expect(() => S.checkCoverage(t, cities)).toThrow(/panel has cities outside the 272: 999999/);
  });
});
