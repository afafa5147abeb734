// The study modules (data/<id>/study.ts) that hold the notebooks' plumbing: sibling imports, the partial-data
// statements (issue 16) and the generator contract. Expected values are written by hand from the paper and the
// shipped files, never from the functions under test.
import { describe, expect, it } from "vitest";
import { Table, loadStudyModule, projectDataPath, readTable } from "kernel-lib";

type Prov = { code: string; name: string; pop2010: number; pop2020: number; pole: string };

describe("loadStudyModule: a study module importing its sibling", () => {
  it("jjj-ftz-psm-did's study.ts reads the cities through ./generator", () => {
    const S = loadStudyModule<{ CONTROLS: string[]; missingFromPaper(D: Table): string }>("jjj-ftz-psm-did", "study");
    expect(S.CONTROLS).toEqual(["fe", "lnstru", "urba", "fdi", "pgdp"]);
    expect(typeof S.missingFromPaper).toBe("function");
  });
});

describe("jjj-ftz-psm-did: partial data", () => {
  const S = loadStudyModule<{ missingFromPaper(D: Table): string }>("jjj-ftz-psm-did", "study");
  const CODES = ["110000", "120000", "130100", "130200", "130300", "130400", "130500", "130600", "130700", "130800",
    "130900", "131000", "131100"];
  const panelOf = (codes: string[], years: number[]) => Table.fromColumns("panel", {
    city_code: codes.flatMap((c) => years.map(() => c)), year: codes.flatMap(() => years) });
  const years = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  it("says nothing for the full 13 cities × 2013–2022", () => {
    expect(S.missingFromPaper(panelOf(CODES, years(2013, 2022)))).toBe("");
  });
  it("names the missing cities and years, counted", () => {
    const text = S.missingFromPaper(panelOf(CODES.filter((c) => c !== "110000" && c !== "130100"), years(2013, 2020)));
    expect(text).toContain("2 of the 13 cities (北京 110000, 石家庄 130100)");
    expect(text).toContain("2 of the years 2013–2022 (2021, 2022)");
  });
});

describe("jjj-ftz-psm-did: the generator contract", () => {
  const G = loadStudyModule<{
    TABLE2: Record<string, number[]>;
    generator: { generate(o: object): { panel: Record<string, unknown[]>; truth: object; planted: Record<string, number> } };
  }>("jjj-ftz-psm-did", "generator");
  it("reads its calibration targets and planted values from the paper (published.json)", () => {
    // Paper, Table 2: lnHDQ mean 3.936, SD 0.152, min 3.55, max 4.171; Table 4 (5): FTZ 0.191; Table 5 (7): 0.707.
    expect(G.TABLE2.lnHDQ).toEqual([3.936, 0.152, 3.55, 4.171]);
    const cities = readTable(projectDataPath("geo/china_prefectures_echarts.csv")).rows()
      .filter((r) => /^(110000|120000|13\d\d00)$/.test(String(r.adcode)) && String(r.adcode) !== "130000")
      .map((r) => ({ code: String(r.adcode), name: String(r.name_zh) }));
    const g = G.generator.generate({ seed: 1, cities });
    expect(g.planted.FTZ).toBe(0.191);
    expect(g.planted["FTZ → IL"]).toBe(0.707);
    expect(g.planted.IL).toBeCloseTo((0.191 - 0.104) / 0.707, 12);
    expect(g.panel.city_code.length).toBe(130);
  });
});

describe("multipolar-network-organization: partial data", () => {
  const S = loadStudyModule<{
    sizeSeries(P: Prov[], a: Map<string, number>, b: Map<string, number>, y: number):
      { series: { label: string; v: number[] }[]; missing: string[] };
    provinces(census: Table, pref: Table, poles: Record<string, unknown>[]): { P: Prov[]; missingPoleProvinces: string[] };
  }>("multipolar-network-organization", "study");
  const P = [
    { code: "110000", name: "北京", pop2010: 19.6, pop2020: 21.9, pole: "" },
    { code: "440000", name: "广东", pop2010: 104.3, pop2020: 126.0, pole: "" },
    { code: "650000", name: "新疆", pop2010: 21.8, pop2020: 25.9, pole: "" },
  ];
  it("leaves a province without patents out of that series only, and names it", () => {
    const pat2010 = new Map([["110000", 3], ["440000", 12], ["650000", 1]]);
    const pat2023 = new Map([["110000", 5], ["440000", 20]]);
    const r = S.sizeSeries(P, pat2010, pat2023, 2023);
    expect(r.series.map((s) => s.v.length)).toEqual([3, 3, 3, 2]);
    expect(r.series[3].v).toEqual([5, 20]);
    expect(r.missing).toEqual(["patents granted 2023: 1 province(s) without a value, left out of this series (新疆)"]);
  });
  it("names the pole provinces a census file lacks instead of stopping", () => {
    const census = Table.fromColumns("census", { province_code: ["440000", "110000"], province_zh: ["广东省", "北京市"],
      pop_2010: [104303132, 19612368], pop_2020: [126012510, 21893095] });
    const pref = readTable(projectDataPath("geo/china_prefectures_echarts.csv"));
    const poles = readTable(projectDataPath("multipolar-network-organization/poles.csv")).rows();
    const r = S.provinces(census, pref, poles);
    expect(r.P.map((p) => p.name)).toEqual(["广东", "北京"]);
    // poles.csv lists 16 provinces; 广东 and 北京 are in the file, the other 14 are not.
    expect(r.missingPoleProvinces.sort()).toEqual(["上海", "江苏", "浙江", "天津", "河北", "辽宁", "山东", "湖北", "湖南",
      "江西", "四川", "重庆", "河南", "陕西"].sort());
  });
});

describe("timed (study kit)", () => {
  it("returns the value and the wall-clock milliseconds of a computation", async () => {
    const { timed } = await import("../kernel-lib/src/study");
    const [v, ms] = timed(() => {
      const t0 = Date.now();
      while (Date.now() - t0 < 25) { /* busy for at least 25 ms */ }
      return 42;
    });
    expect(v).toBe(42);
    expect(ms).toBeGreaterThanOrEqual(25);
    expect(ms).toBeLessThan(5000);
  });
});

describe("feFormula (study kit)", () => {
  it("writes fixest formulas from a list of regressors", async () => {
    const { feFormula } = await import("../kernel-lib/src/study");
    expect(feFormula("lnHDQ", ["FTZ", "fe"], "city_code + year")).toBe("lnHDQ ~ FTZ + fe | city_code + year");
    expect(feFormula("y", ["x"])).toBe("y ~ x");
    expect(feFormula("y", [], "id")).toBe("y ~ 1 | id");
  });
});
