import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { serveFiles } from "./helpers/loopback";
import Papa from "papaparse";
import {
  DataSourceError,
  Manifest,
  ManifestEntry,
  dataFile,
  exactSum,
  formatFloat32,
  formatFloat64,
  loadManifest,
  localDataFile,
  prepare,
  rawDataFile,
  readStata,
  roundDecimals,
  sha256Of,
} from "../kernel-lib/src/data";

// The nine panel files of SOURCES.md section 6. The expected bytes are the files written by the Python scripts in
// test/reference/data/panels/prep/ (pandas/NumPy; their SHA-256 sums are in OUTPUT_SHA256SUMS there and in
// data/manifest.json). The raw inputs come through the manifest loader (a verified local copy in
// <data dir>/prep/raw/, or a download from the pinned commit), never from a path written here.
const PANELS = [
  "pku_dfii_city_2011_2023",
  "pku_dfii_province_2011_2023",
  "prefecture_econ_maswiebe_1991_2019",
  "prefecture_so2_maswiebe_1995_2018",
  "prefecture_pm25_maswiebe_1998_2016",
  "ceads_city_co2_1997_2019",
  "county_co2_chen2020_by_prefecture_1997_2017",
  "province_gdp_1992_2020",
  "city_sustainability_287_2004_2012",
];
const REF = path.join(__dirname, "reference", "data", "panels");

const hexToDouble = (h: string) => Buffer.from(h, "hex").readDoubleBE(0);
const hexToFloat = (h: string) => Buffer.from(h, "hex").readFloatBE(0);

describe("prepared-CSV number text against NumPy and math.fsum", () => {
  const rows = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(REF, "expected_number_text.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;

  it("float64: shortest positional round-trip text (all cases exact)", () => {
    const cases = rows.filter((r) => r.kind === "f64");
    expect(cases.length).toBeGreaterThan(400);
    for (const r of cases) expect(formatFloat64(hexToDouble(r.input)), r.input).toBe(r.expected);
  });

  it("float32: shortest text for the 32-bit value, exact ties to even (all cases exact)", () => {
    const cases = rows.filter((r) => r.kind === "f32");
    expect(cases.length).toBeGreaterThan(600);
    for (const r of cases) expect(formatFloat32(hexToFloat(r.input)), r.input).toBe(r.expected);
  });

  it("exact sums rounded to 10 decimals equal Python's round(math.fsum(x), 10) bit for bit", () => {
    const cases = rows.filter((r) => r.kind === "fsum10");
    expect(cases.length).toBe(41);
    for (const r of cases) expect(roundDecimals(exactSum(r.input.split(" ").map(hexToDouble)), 10), r.input.slice(0, 40)).toBe(hexToDouble(r.expected));
  });

  it("refuses values that have no CSV text", () => {
    expect(() => formatFloat64(NaN)).toThrow(/cannot write NaN/);
    expect(() => formatFloat32(0.1)).toThrow(/not a float32/);
  });

  it("the Stata reader names the file when it is not a .dta", () => {
    expect(() => readStata(Buffer.from("a,b\n1,2\n"), "x.csv")).toThrow(/^x\.csv: not a Stata 13\+/);
  });
});

describe("the nine real panels through the manifest", () => {
  const manifest = loadManifest();
  const entry = (id: string) => manifest.files.find((f) => f.id === id)!;

  it("the manifest lists each panel with its raw file at a pinned commit, both hashes, licence and transform", () => {
    // sha256sum lines: "<hash>  <name>" (names may hold spaces)
    const sumsOf = (file: string) =>
      new Map(
        fs
          .readFileSync(path.join(REF, "prep", file), "utf8")
          .trim()
          .split("\n")
          .map((l) => /^([0-9a-f]{64}) +(.+)$/.exec(l)!.slice(1).reverse() as [string, string]),
      );
    const sums = sumsOf("OUTPUT_SHA256SUMS");
    const rawSums = sumsOf("RAW_SHA256SUMS");
    for (const id of [...PANELS, "dictionary_panels"]) {
      const e = entry(id);
      expect(e, id).toBeDefined();
      expect(e.sha256, id).toBe(sums.get(e.file));
    }
    for (const id of PANELS) {
      const e = entry(id);
      expect(e.transform, id).not.toBeNull();
      expect(e.upstream!.url).toBe(`https://raw.githubusercontent.com/${e.upstream!.repository}/${e.upstream!.commit}/${e.upstream!.path.replace(/ /g, "%20")}`);
      expect(e.upstream!.sha256, id).toBe(rawSums.get(path.basename(e.upstream!.path)));
    }
  });

  for (const id of PANELS) {
    it(`${id}: the TypeScript transform rebuilds the prepared file byte for byte`, async () => {
      const raw = await rawDataFile(id, { download: process.env.REGIONLAB_OFFLINE !== "1" });
      const got = prepare(raw.entry, fs.readFileSync(raw.path));
      expect(sha256Of(got)).toBe(raw.entry.sha256);
      const prepared = await dataFile(id, { download: false });
      expect(got.equals(fs.readFileSync(prepared.path))).toBe(true);
    }, 60_000);
  }

  it("ships only what the licence allows: the 287-city panel (MIT, with its notice) and the dictionary", () => {
    const shipped = manifest.files.filter((f) => f.shipped).map((f) => f.id);
    expect(shipped.sort()).toEqual(["city_sustainability_287_2004_2012", "dictionary_panels"]);
    for (const id of shipped) {
      const r = localDataFile(id, manifest);
      expect("path" in r && r.path.endsWith(path.join("data", entry(id).shipped!))).toBe(true);
    }
    expect(fs.readFileSync(path.join(__dirname, "..", "data", "panels", "NOTICE.md"), "utf8")).toMatch(/Copyright \(c\) 2022 JC zhang/);
  });

  it("the dictionary describes every column of the nine files, and only those", async () => {
    const dict = Papa.parse<Record<string, string>>(fs.readFileSync((await dataFile("dictionary_panels", { download: false })).path, "utf8"), { header: true, skipEmptyLines: true }).data;
    for (const id of PANELS) {
      const e = entry(id);
      const header = fs.readFileSync((await dataFile(id, { download: false })).path, "utf8").split("\n", 1)[0].split(",");
      expect(dict.filter((d) => d.file === e.file).map((d) => d.column), id).toEqual(header);
    }
    expect(dict.length).toBe(103);
  });
});

describe("the panel loader online (loopback server) and offline", () => {
  let server: { close: () => void };
  let url = "";
  const served = new Map<string, Buffer>();
  const saved = { ...process.env };
  const cache = path.join(process.cwd(), ".cache", "data");
  let real: Manifest;

  beforeAll(async () => {
    real = loadManifest();
    for (const id of ["province_gdp_1992_2020", "prefecture_pm25_maswiebe_1998_2016"]) {
      const r = await rawDataFile(id, { download: false });
      served.set(`/${id}.raw`, fs.readFileSync(r.path));
    }
    const s = await serveFiles(served);
    server = s;
    url = s.url;
  });
  afterAll(() => {
    server.close();
    process.env = saved;
    for (const f of ["province_gdp_fixture.csv", "pm25_fixture.csv", "raw/province_gdp_fixture.raw", "raw/pm25_fixture.raw"]) fs.rmSync(path.join(cache, f), { force: true });
  });

  // A copy of a real entry under a new name, its raw file served from the loopback host.
  const fixture = (id: string, file: string, over: Partial<NonNullable<ManifestEntry["upstream"]>> = {}): ManifestEntry => {
    const e = real.files.find((f) => f.id === id)!;
    const stem = file.replace(/\.csv$/, "");
    return { ...e, id: stem, file, shipped: undefined, upstream: { ...e.upstream!, path: `fixture/${stem}.raw`, url: `${url}/${id}.raw`, ...over } };
  };
  const manifestWith = (...entries: ManifestEntry[]): Manifest => ({ description: "test", files: [...real.files, ...entries] });

  it("downloads the raw file, verifies it, prepares it (with the census table it requires) and verifies the result", async () => {
    const m = manifestWith(fixture("province_gdp_1992_2020", "province_gdp_fixture.csv"), fixture("prefecture_pm25_maswiebe_1998_2016", "pm25_fixture.csv"));
    for (const [id, file] of [
      ["province_gdp_fixture", "province_gdp_fixture.csv"],
      ["pm25_fixture", "pm25_fixture.csv"],
    ]) {
      fs.rmSync(path.join(cache, file), { force: true });
      const r = await dataFile(id, { manifest: m });
      expect(r.origin).toBe("downloaded");
      expect(sha256Of(fs.readFileSync(r.path))).toBe(r.entry.sha256);
      expect((await dataFile(id, { manifest: m })).origin).toBe("local");
    }
  }, 60_000);

  it("rawDataFile downloads and caches a raw file, and refuses one whose hash differs", async () => {
    const m = manifestWith(fixture("province_gdp_1992_2020", "province_gdp_fixture.csv"));
    fs.rmSync(path.join(cache, "raw", "province_gdp_fixture.raw"), { force: true });
    const r = await rawDataFile("province_gdp_fixture", { manifest: m });
    expect(r.origin).toBe("downloaded");
    expect((await rawDataFile("province_gdp_fixture", { manifest: m })).origin).toBe("local");
    const bad = manifestWith(fixture("province_gdp_1992_2020", "province_gdp_bad.csv", { sha256: "b".repeat(64) }));
    await expect(rawDataFile("province_gdp_bad", { manifest: bad })).rejects.toThrow(/differs from the manifest's b{64}; refusing/);
  });

  it("offline, fails naming what to fetch", async () => {
    const m = manifestWith(fixture("province_gdp_1992_2020", "province_gdp_offline.csv"));
    process.env.REGIONLAB_OFFLINE = "1";
    await expect(dataFile("province_gdp_offline", { manifest: m })).rejects.toThrow(DataSourceError);
    await expect(dataFile("province_gdp_offline", { manifest: m })).rejects.toThrow(/no verified local copy .*downloading is switched off/);
    await expect(rawDataFile("province_gdp_offline", { manifest: m })).rejects.toThrow(/downloading is switched off\. Fetch http:\/\/127\.0\.0\.1:\d+\/province_gdp_1992_2020\.raw \(SHA-256 a2507ad1/);
    delete process.env.REGIONLAB_OFFLINE;
    await expect(rawDataFile("province_gdp_offline", { manifest: manifestWith(fixture("province_gdp_1992_2020", "province_gdp_offline.csv", { url: "http://127.0.0.1:9/x.raw" })) })).rejects.toThrow(/downloading http:\/\/127\.0\.0\.1:9\/x\.raw failed/);
  });
});
