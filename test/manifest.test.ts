import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { serveFiles } from "./helpers/loopback";
import { DataSourceError, Manifest, dataFile, loadManifest, openData, prepareCensus, sha256Of, studySchema } from "kernel-lib";

// A raw file in the upstream census layout (leiii/census: BOM, quoted, WKT coord column, NA) and, written by hand,
// the prepared file the transform must produce from it.
const RAW =
  "\ufeff\"city\",\"city_code\",\"province\",\"province_code\",\"popu_2020\",\"popu_urban_2020\",\"popu_rural_2020\",\"popu_2010\",\"popu_urban_2010\",\"popu_rural_2010\",\"household_2020\",\"household_2010\",\"male_female_2020\",\"male_female_2010\",\"age_0_14_2020\",\"age_15_59_2020\",\"age_60_2020\",\"age_65_2020\",\"age_0_14_2010\",\"age_15_59_2010\",\"age_60_2010\",\"age_65_2010\",\"coord\"\n" +
  "\"乙市\",\"130200\",\"甲省\",\"130000\",\"200.0\",\"NA\",\"NA\",\"210\",\"100\",\"110\",\"2.5\",\"3.0\",\"101\",\"102\",\"10\",\"60\",\"30\",\"20\",\"12\",\"70\",\"18\",\"10\",\"POLYGON((1 2,3 4))\"\n" +
  "\"甲市\",\"130100\",\"甲省\",\"130000\",\"150\",\"120\",\"30\",\"140\",\"90\",\"50\",\"2.4\",\"2.9\",\"100.5\",\"101.5\",\"11\",\"61\",\"28\",\"19\",\"13\",\"71\",\"16\",\"9\",\"POLYGON((5 6,7 8))\"\n";
const PREPARED =
  "city_code,city_zh,province_code,province_zh,pop_2010,pop_2020,pop_urban_2010,pop_rural_2010,pop_urban_2020,pop_rural_2020,household_size_2010,household_size_2020,sex_ratio_2010,sex_ratio_2020,age_0_14_pct_2010,age_15_59_pct_2010,age_60plus_pct_2010,age_65plus_pct_2010,age_0_14_pct_2020,age_15_59_pct_2020,age_60plus_pct_2020,age_65plus_pct_2020\n" +
  "130100,甲市,130000,甲省,140,150,90,50,120,30,2.9,2.4,101.5,100.5,13,71,16,9,11,61,28,19\n" +
  "130200,乙市,130000,甲省,210,200,100,110,,,3,2.5,102,101,12,70,18,10,10,60,30,20\n";

describe("data manifest", () => {
  let server: { close: () => void };
  let url = "";
  let hits = 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rl-manifest-"));
  const saved = { ...process.env };

  beforeAll(async () => {
    // A loopback server stands in for the public host.
    const s = await serveFiles(new Map([["/census.csv", RAW]]), () => hits++);
    server = s;
    url = s.url;
  });
  afterAll(() => {
    server.close();
    process.env = saved;
  });

  const fakeManifest = (u: string, rawSha = sha256Of(RAW), sha = sha256Of(PREPARED)): Manifest => ({
    description: "test",
    files: [
      {
        id: "census_fixture", file: "census_fixture.csv", sha256: sha, description: "", licence: "MIT", citation: "",
        transform: "census-leiii-v1",
        upstream: { repository: "x/y", commit: "0".repeat(40), path: "c.csv", url: u, sha256: rawSha, licence: "MIT", requires: [], additional: [] },
      },
    ],
  });

  it("the committed manifest is well-formed and its local copies verify", async () => {
    const m = loadManifest();
    expect(m.files.map((f) => f.id)).toContain("census_prefecture_2010_2020");
    const r = await dataFile("census_prefecture_2010_2020", { download: false });
    expect(r.origin).toBe("local");
    expect(sha256Of(fs.readFileSync(r.path))).toBe(r.entry.sha256);
  });

  it("the census transform reproduces the prepared layout", () => {
    expect(prepareCensus(RAW)).toBe(PREPARED);
  });

  it("downloads, verifies the upstream hash, prepares, verifies again and caches", async () => {
    process.env.REGIONLAB_DATA_DIR = path.join(tmp, "nowhere");
    const cache = path.join(process.cwd(), ".cache", "data", "census_fixture.csv");
    fs.rmSync(cache, { force: true });
    const r = await dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`) });
    expect(r.origin).toBe("downloaded");
    expect(fs.readFileSync(r.path, "utf8")).toBe(PREPARED);
    const again = await dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`) });
    expect(again.origin).toBe("local");
    fs.rmSync(cache, { force: true });
  });

  it("refuses a download whose hash differs", async () => {
    await expect(dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`, "a".repeat(64)) })).rejects.toThrow(/differs from the manifest/);
  });

  it("fails with a clear message when there is neither a local copy nor a network", async () => {
    const before = hits;
    await expect(dataFile("census_fixture", { manifest: fakeManifest(`${url}/missing.csv`) })).rejects.toThrow(/no verified local copy.*downloading .*failed \(HTTP 404\)/);
    await expect(dataFile("census_fixture", { manifest: fakeManifest("http://127.0.0.1:9/x.csv") })).rejects.toThrow(/downloading .* failed/);
    process.env.REGIONLAB_OFFLINE = "1";
    await expect(dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`) })).rejects.toThrow(/downloading is switched off/);
    delete process.env.REGIONLAB_OFFLINE;
    expect(hits).toBe(before + 1);
  });

  it("rejects a local copy whose hash does not match", async () => {
    const dir = path.join(tmp, "tampered");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "census_fixture.csv"), PREPARED.replace("140,150", "141,150"));
    process.env.REGIONLAB_DATA_DIR = dir;
    await expect(dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`) })).rejects.toThrow(DataSourceError);
    await expect(dataFile("census_fixture", { manifest: fakeManifest(`${url}/census.csv`) })).rejects.toThrow(/does not match the manifest/);
    delete process.env.REGIONLAB_DATA_DIR;
  });

  it("openData validates a user's file against the study schema", async () => {
    await expect(openData(path.join(__dirname, "fixtures", "census_bad.csv"), studySchema("resource-cities-hqd-interview", "census"))).rejects.toThrow(
      /census_bad\.csv, row 2 \(line 3\), column "pop_2020": got "n\/a"; expected a whole number/,
    );
  });
});
