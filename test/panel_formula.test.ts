import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { DataError } from "../kernel-lib/src/data/errors";
import { FormulaError, PanelFit, feols, panel, parseFormula } from "../kernel-lib/src/panel";

// The formula language against R evaluating the same formula text: test/reference/panel/formula_reference.R
// (plm and lm from Debian; produc.csv is plm's Produc, grunfeld_unicode.csv plm's Grunfeld with Unicode names).
// Tolerance 1e-8 relative for coefficients and standard errors; coefficient names must equal R's.
const REF = path.join(__dirname, "reference/panel");
const E = JSON.parse(fs.readFileSync(path.join(REF, "formula_expected.json"), "utf8"));
const produc = readTable(path.join(REF, "produc.csv"));
const grunfeld = readTable(path.join(REF, "grunfeld.csv"));
const unbalanced = readTable(path.join(REF, "grunfeld_unbalanced.csv"));
const unicode = readTable(path.join(REF, "grunfeld_unicode.csv"));

const REL = 1e-8;
function close(ours: number, theirs: number, what: string, rel = REL) {
  const d = Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-300);
  expect(d, `${what}: ours ${ours} vs R ${theirs}`).toBeLessThan(rel);
}
function matches(fit: PanelFit, e: { names: string[]; coef: number[]; se: number[] }, names = true) {
  if (names) expect(fit.names).toEqual(e.names);
  else expect(fit.names.length).toBe(e.names.length);
  e.coef.forEach((v, i) => close(fit.coefficients[i], v, `coef ${e.names[i]}`));
  e.se.forEach((v, i) => close(fit.se[i], v, `se ${e.names[i]}`));
}

describe("plm's Produc example log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp", () => {
  const F = "log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp";
  const P = { id: "state", time: "year", preset: "plm" as const };
  it("pooling", () => matches(panel(produc, F, { ...P, model: "pooled" }), E.produc_pooling));
  it("within", () => matches(panel(produc, F, { ...P, model: "within" }), E.produc_within));
  it("random (Swamy–Arora)", () => {
    const re = panel(produc, F, { ...P, model: "random" });
    matches(re, E.produc_random);
    close(re.init.sigma2!.idios, E.produc_random.sigma2_idios, "sigma2 idios");
    close(re.init.sigma2!.id!, E.produc_random.sigma2_id, "sigma2 id");
    close(re.init.theta as number, E.produc_random.theta, "theta");
  });
});

describe("functions, I() arithmetic and interactions, named as lm names them", () => {
  it("log(inv) ~ log(value) * log(capital) + I(capital^2) + I((value + 1)/1000) + sqrt(capital) + exp(capital/1000)", () =>
    matches(feols(grunfeld, "log(inv) ~ log(value) * log(capital) + I(capital^2) + I((value + 1)/1000) + sqrt(capital) + exp(capital/1000)"), E.lm_functions));
  it("no intercept, products, unary minus, abs/log10/log2/log1p", () =>
    matches(feols(grunfeld, "inv ~ value:capital + I(-value^2/1e6) + abs(capital - 500) + log10(value) + log2(capital) + log1p(capital) - 1"), E.lm_no_intercept));
});

describe("Unicode and backtick-quoted column names", () => {
  it("lm with a name that needs backticks and Chinese names", () =>
    matches(feols(unicode, "log(`投资`) ~ `市值 (value)` + log(资本)"), E.lm_unicode));
  it("within, Unicode panel id", () =>
    matches(panel(unicode, "`投资` ~ `市值 (value)` + `资本`", { id: "城市", time: "年份", model: "within", preset: "plm" }), E.within_unicode));
  it("a Unicode fixed effect after |", () => {
    const a = feols(unicode, "`投资` ~ `市值 (value)` + `资本` | 城市", { vcov: "iid" });
    matches(a, E.within_unicode);
  });
});

describe("lags and leads within unit by time value (plm lag/lead on an unbalanced panel)", () => {
  it("l(value, 2) + f(capital, 1) + log(l(capital, 1))", () => {
    const fit = panel(unbalanced, "inv ~ l(value, 2) + f(capital, 1) + log(l(capital, 1))", { id: "firm", time: "year", model: "within", preset: "plm" });
    expect(fit.names).toEqual(["l(value, 2)", "f(capital, 1)", "log(l(capital, 1))"]);
    expect(fit.nobs).toBe(E.within_lag_lead.nobs);
    matches(fit, E.within_lag_lead, false);
  });
});

describe("formula errors are one line", () => {
  it("an unsupported function lists the supported ones", () => {
    expect(() => parseFormula("y ~ foo(x)")).toThrow(FormulaError);
    expect(() => parseFormula("y ~ foo(x)")).toThrow(/unsupported function foo\(\).*supported: log\(\), exp\(\), sqrt\(\).*I\(\).*l\(x, k\)/);
  });
  it("arithmetic outside I()", () => expect(() => parseFormula("y ~ x + z^2")).toThrow(/inside I\(\)/));
  it("unclosed backtick, unbalanced parentheses", () => {
    expect(() => parseFormula("y ~ `abc + x")).toThrow(/unclosed/);
    expect(() => parseFormula("y ~ log(x")).toThrow(/parentheses/);
  });
  it("log of zero names the row and column instead of producing -Infinity", () => {
    const t = grunfeld.with("zero", Float64Array.from(grunfeld.num("inv"), (_, i) => (i === 4 ? 0 : 1 + i)));
    expect(() => feols(t, "inv ~ log(zero)")).toThrow(DataError);
    expect(() => feols(t, "inv ~ log(zero)")).toThrow(/row 5 .*column "zero".*log\(zero\) is finite/);
  });
  it("a missing input is dropped listwise and counted, not an error", () => {
    const t = grunfeld.with("gap", Float64Array.from(grunfeld.num("inv"), (v, i) => (i === 3 ? NaN : v + 1)));
    const fit = feols(t, "inv ~ log(gap)");
    expect(fit.nobs).toBe(199);
    expect(fit.messages.join(" ")).toMatch(/1 observation dropped/);
  });
});

// poly(): R's orthogonal basis and raw powers, against R's poly(), lm() and fixest's feols()
// (test/reference/panel/poly_reference.R). Basis: each of R's columns regressed on ours gives the unit vector to
// 1e-10 (the columns have unit length); coefficients
// and SEs to 1e-8 relative; coefficient names as R and fixest print them.
describe("poly() terms", () => {
  const P = JSON.parse(fs.readFileSync(path.join(REF, "poly_expected.json"), "utf8"));
  const data: Record<string, ReturnType<typeof readTable>> = { grunfeld, grunfeld_unbalanced: unbalanced, produc };
  it("the orthogonal basis equals R's poly(x, k)", () => {
    const check = (t: ReturnType<typeof readTable>, x: string, k: number, want: number[][]) => {
      // columns regressed on themselves reproduce them exactly: fit y = each R column on our poly() columns
      want.forEach((col, d) => {
        const fit = feols(t.with("__r", Float64Array.from(col)), `__r ~ 0 + poly(${x}, ${k})`, { vcov: "iid" });
        fit.coefficients.forEach((b, j) => expect(Math.abs(b - (j === d ? 1 : 0)), `${x} column ${d + 1}, coefficient ${j + 1}`).toBeLessThan(1e-10));
      });
    };
    check(unbalanced, "value", 3, P.basis.value3);
    check(produc, "log(pcap)", 4, P.basis.log_pcap4);
  });
  for (const [name, m] of Object.entries<any>(P.models))
    it(`${name}: ${m.formula}`, () => {
      const fit = feols(data[m.data], m.formula, { vcov: "iid" });
      matches(fit, { names: m.terms, coef: m.coef, se: m.se });
    });
  it("refuses poly() inside an interaction or a function, unknown arguments and a degree beyond the distinct values", () => {
    expect(() => parseFormula("y ~ poly(x, 2):z")).toThrow(/poly\(\) must be a term of its own/);
    expect(() => parseFormula("y ~ log(poly(x, 2))")).toThrow(/poly\(\) must be a term of its own/);
    expect(() => parseFormula("y ~ poly(x, z)")).toThrow(/one variable per poly/);
    expect(() => parseFormula("y ~ poly(x, 2, coefs = 1)")).toThrow(/unsupported argument/);
    const few = readTable(path.join(REF, "grunfeld.csv"));
    expect(() => feols(few, "inv ~ poly(firm, 10)", { vcov: "iid" })).toThrow(DataError);
  });
});
