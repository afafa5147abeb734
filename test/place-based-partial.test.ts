import { describe, expect, it } from "vitest";
import { Table, loadStudyModule } from "kernel-lib";

// Issue 16: a census that lacks units still runs; the join table counts and names what is left out.
const study = loadStudyModule<typeof import("../data/place-based-policy-review/study")>("place-based-policy-review", "study");
const points = Table.fromColumns("points.csv", {
  adcode: ["110100", "120100", "130100", "140100"], name_zh: ["北京", "天津", "石家庄", "太原"],
  lon: [116.4, 117.2, 114.5, 112.5], lat: [39.9, 39.1, 38.0, 37.9],
});
// The user's census: 北京 and 天津 with populations, 石家庄 without a 2020 figure, 太原 missing, Hong Kong present.
const census = Table.fromColumns("mine.csv", {
  city_code: ["110100", "120100", "130100", "810000"], city_zh: ["北京市", "天津市", "石家庄市", "香港特别行政区"],
  province_zh: ["北京市", "天津市", "河北省", "香港"], pop_2020: [21893095, 13866009, NaN, 7474200],
});

describe("place-based-policy-review with a partial census", () => {
  it("counts and names the units left out of the market-access computation", () => {
    const j = study.joinCensus(census, points);
    expect(j.cities.map((c: { name: string }) => c.name)).toEqual(["北京市", "天津市"]);
    const row = (label: string) => {
      const r = j.rows.find((x) => x.join.startsWith(label));
      if (!r) throw new Error(`no row "${label}"`);
      return r;
    };
    expect(row("matched by city code").units).toBe(2);
    expect(row("census units without a 2020 population").detail).toBe("石家庄市");
    expect(row("Hong Kong, Macau").detail).toBe("香港特别行政区");
    expect(row("label points without a census unit").units).toBe(2);
    expect(row("label points without a census unit").detail).toMatch(/^石家庄 130100；太原 140100/);
    // 21,893,095 + 13,866,009 of the same mainland total: 100%, 0.357591亿
    expect(j.caption).toContain("2 units, 100.0000% of the mainland population with a 2020 figure (0.3576亿)");
  });
  it("refuses a census with no usable unit with one line", () => {
    const none = Table.fromColumns("none.csv", { city_code: ["810000"], city_zh: ["香港"], province_zh: ["香港"], pop_2020: [1] });
    expect(() => study.joinCensus(none, points)).toThrow(/no unit with a 2020 population and a label point/);
  });
});
