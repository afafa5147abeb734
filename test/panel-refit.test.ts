import { describe, expect, it } from "vitest";
import { Table } from "../kernel-lib/src/data/table";
import { createRng } from "../kernel-lib/src/rng";
import { feols, permutationTest } from "../kernel-lib/src/panel";
import { refitDesign } from "../kernel-lib/src/panel/refit";

// The refit path must equal feols on the resampled table bit for bit (toBe, not toBeCloseTo): the permutation and
// bootstrap results it feeds are pinned by the notebook snapshots.
function panelTable(seed: number, nUnits = 30, nT = 8): Table {
  const rng = createRng(seed, "refit test panel");
  const city: string[] = [];
  const year: number[] = [];
  const prov: string[] = [];
  const x: number[] = [];
  const z: number[] = [];
  const m: number[] = [];
  const y: number[] = [];
  const grp: string[] = [];
  for (let u = 0; u < nUnits; u++)
    for (let s = 0; s < nT; s++) {
      if (rng.uniform() < 0.08) continue; // unbalanced
      city.push(`c${u}`);
      prov.push(`p${u % 5}`);
      year.push(2010 + s);
      const xv = rng.normal() + u / 10;
      const zv = rng.normal();
      const mv = 0.5 * xv + rng.normal();
      x.push(xv);
      z.push(rng.uniform() < 0.03 ? NaN : zv);
      m.push(mv);
      y.push(0.3 * xv + 0.4 * mv - 0.2 * zv + u / 7 + s / 5 + rng.normal());
      grp.push(u % 3 === 0 ? "a" : "b");
    }
  // a unit seen once: a singleton that reghdfe's preset drops
  city.push("lonely");
  prov.push("p0");
  year.push(2010);
  x.push(1);
  z.push(0.5);
  m.push(0.2);
  y.push(1.5);
  grp.push("a");
  return Table.fromColumns("refit.csv", { city, year, prov, x, z, m, y, grp });
}

describe("refitDesign: coefficient refits equal feols", () => {
  const t = panelTable(11);
  const forms = ["y ~ x + z + x:z | city + year", "m ~ x + z | city + year"];
  it("random subsets, both presets, every coefficient", () => {
    const rng = createRng(3, "subsets");
    for (const preset of ["stata.reghdfe", "stata.xtreg"] as const) {
      const d = refitDesign(t, forms, { vcov: "iid", preset })!;
      expect(d).toBeDefined();
      for (let k = 0; k < 20; k++) {
        const rows: number[] = [];
        for (let i = 0; i < t.nRows; i++) if (rng.uniform() < 0.6) rows.push(i);
        const sub = t.take(rows);
        const f0 = feols(sub, forms[0], { vcov: "iid", preset });
        const f1 = feols(sub, forms[1], { vcov: "iid", preset });
        const got = d.coefs(rows, [[0, "x"], [0, "x:z"], [1, "x"], [1, "z"]]);
        expect(got).toEqual([f0.coef("x"), f0.coef("x:z"), f1.coef("x"), f1.coef("z")]);
      }
    }
  });
  it("cluster bootstrap samples with relabelled clusters (Stata's idcluster)", () => {
    const rng = createRng(5, "bootstrap");
    const cities = [...new Set(t.str("city"))];
    const byCity = new Map(cities.map((c) => [c, [] as number[]]));
    t.str("city").forEach((c, i) => byCity.get(c)!.push(i));
    const d = refitDesign(t, forms, { vcov: "iid" }, "city")!;
    for (let k = 0; k < 15; k++) {
      const idx: number[] = [];
      const draw: number[] = [];
      const labels: string[] = [];
      for (let j = 0; j < cities.length; j++) {
        const c = cities[rng.integer(0, cities.length)];
        for (const i of byCity.get(c)!) idx.push(i), draw.push(j), labels.push(`${c}#${j}`);
      }
      const bt = t.take(idx).with("city", labels);
      const got = d.coefs(idx, [[0, "x"], [1, "x"]], Int32Array.from(draw));
      expect(got).toEqual([feols(bt, forms[0], { vcov: "iid" }).coef("x"), feols(bt, forms[1], { vcov: "iid" }).coef("x")]);
    }
  });
  it("falls back (undefined) where feols does more than the refit", () => {
    expect(refitDesign(t, ["y ~ log(x + 10) | city"])).toBeUndefined();
    expect(refitDesign(t, ["y ~ x + i(prov)"])).toBeUndefined();
    expect(refitDesign(t, ["y ~ x"])).toBeUndefined();
    expect(refitDesign(t, ["y ~ x | city^prov + year"], {}, "city")).toBeUndefined();
    expect(refitDesign(t, ["y ~ grp | city"])).toBeUndefined(); // text column: feols names the cell
  });
  it("the same errors as feols: a regressor absorbed by the fixed effects has no coefficient", () => {
    const tu = t.with("unitNo", Float64Array.from(t.str("city"), (c) => c.length));
    const F = "y ~ x + unitNo | city + year";
    const rows = Array.from({ length: 120 }, (_, i) => i);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    const slow = message(() => feols(tu.take(rows), F, { vcov: "iid" }).coef("unitNo"));
    expect(slow).toMatch(/no coefficient "unitNo"/);
    expect(message(() => refitDesign(tu, [F], { vcov: "iid" })!.coefs(rows, [[0, "unitNo"]]))).toBe(slow);
  });
});

describe("permutationTest on the refit path", () => {
  const t = panelTable(21);
  it("equals the permutation test through feols (an explicit fit)", () => {
    const F = "y ~ x + z | city + year";
    const slow = { fit: (d: Parameters<typeof feols>[0], f: string) => feols(d, f, { vcov: "iid" }) };
    for (const unit of ["city", undefined]) {
      const o = { term: "x", group: "grp", unit, draws: 30, seed: 9 };
      expect(permutationTest(t, F, o)).toEqual(permutationTest(t, F, { ...o, ...slow }));
    }
  });
});
