import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { TEST_OUT } from "./setup/replicate";
import { buildServer } from "../kernel-lib/src/explore/server";
import { ensureJupyter, registerKernel } from "../kernel-lib/src/runner/jupyter";

// `regionlab explore` end to end in headless Chromium (Debian's, driven by playwright-core), with real warm
// kernels: the home page, a what-if on two small studies with the changed numbers in the diff, a bad and a good
// CSV upload, and a shared variant URL opened again. Baselines come from the notebook run of `npm test`
// (out/test-run); the server writes its variants to a temporary folder. REGIONLAB_SKIP_BROWSER=1 skips it.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = process.env.REGIONLAB_SKIP_BROWSER === "1";
const root = path.resolve(__dirname, "..");
const STUDIES = ["yangtze-openness", "resource-cities-hqd-interview"];
const RUN_TIMEOUT = 240_000;

describe.skipIf(skip)("regionlab explore in a browser", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let url = "";
  let out = "";

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "rl-explore-e2e-"));
    for (const id of STUDIES) {
      for (const ext of [".ipynb", ".html"]) {
        const f = path.join(TEST_OUT, id + ext);
        expect(fs.existsSync(f), `${f} missing: run the notebooks first (npm test does)`).toBe(true);
        fs.copyFileSync(f, path.join(out, id + ext));
      }
    }
    fs.cpSync(path.join(TEST_OUT, "assets"), path.join(out, "assets"), { recursive: true });
    if (fs.existsSync(path.join(TEST_OUT, "scoreboard.json"))) fs.copyFileSync(path.join(TEST_OUT, "scoreboard.json"), path.join(out, "scoreboard.json"));
    const { python } = ensureJupyter(() => undefined);
    const context = { root, python, timeout: 300, env: { ...process.env, ...registerKernel(root), REGIONLAB_ROOT: root, PYTHONWARNINGS: "ignore" } };
    const server = buildServer({ root, outDir: out, context, jobs: 2, warmUp: false });
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    const addr = server.app.server.address();
    url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    close = server.close;
    expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run \`node scripts/setup.js --browser\` (or set CHROMIUM_PATH)`).toBe(true);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  async function open(p: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    // A loaded machine (two kernels and Chromium on two cores) is slow; no assertion is timed.
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto(url + p);
    return page;
  }
  const stateOf = async (page: Page) => {
    const st = await page.locator("#state").textContent();
    return st === "done" ? st : `${st}: ${await page.locator("#status").textContent()}`;
  };
  const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;
  const doneOrError = (page: Page) => page.waitForFunction(() => /^(done|error)$/.test(document.querySelector("#state")?.textContent ?? ""), null, { timeout: RUN_TIMEOUT, polling: 500 });
  /** The highlighted ledger rows of the diff: entry → [baseline, variant]. */
  const ledgerRows = (page: Page) =>
    page.$$eval("#ledgerDiff tr.changed", (rows) => Object.fromEntries(rows.map((r) => [r.children[0].textContent, [r.children[1].textContent, r.children[2].textContent]])));

  it("runs what-ifs on two studies at once and shows the changed numbers, highlighted", async () => {
    const home = await open("/");
    await home.waitForSelector("#studies tbody tr");
    expect(await home.locator("#studies tbody tr").count()).toBe(fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).length);
    expect(await home.locator('tr[data-id="yangtze-openness"]').textContent()).toContain("长江经济带对外开放的空间格局演变");
    await home.screenshot({ path: path.join(TEST_OUT, "..", "explore-home.png"), timeout: 120_000 });

    const y = await open("/study/yangtze-openness");
    await y.waitForSelector('select[name="cvMean"]');
    await y.selectOption('select[name="cvMean"]', "simple");
    await y.click("#run");
    const r = await open("/study/resource-cities-hqd-interview");
    await r.waitForSelector('input[name="shrinkThreshold"]');
    // Client-side check beside the field, before anything is sent.
    await r.fill('input[name="shrinkThreshold"]', "200");
    expect(await r.locator('[data-field="shrinkThreshold"] .err').textContent()).toMatch(/must be a finite number in \[-100, 100\]/);
    await r.fill('input[name="shrinkThreshold"]', "-1");
    await r.click("#run");
    await r.waitForSelector("#state");

    await doneOrError(y);
    expect(await stateOf(y)).toBe("done");
    await y.waitForSelector("#diffCounts");
    // The simple mean in the CV changes exactly the two CVs the text prints (pinned from the first run).
    const ly = await ledgerRows(y);
    expect(Object.keys(ly).sort()).toEqual(["yangtze-openness:text-cv-1993", "yangtze-openness:text-cv-2022"]);
    expect(ly["yangtze-openness:text-cv-1993"]).toEqual(["1.5992405", "1.3613137"]);
    expect(await y.locator("#ledgerDiff tr.changed td.after").first().evaluate((e) => getComputedStyle(e).fontWeight)).toBe("700");
    await y.waitForFunction(() => document.querySelectorAll("#figures .figpair svg").length >= 2, null, { timeout: 60_000 });
    expect(new URL(y.url()).searchParams.get("p.cvMean")).toBe("simple");
    await y.screenshot({ path: path.join(TEST_OUT, "..", "explore-diff.png"), timeout: 120_000 });

    await doneOrError(r);
    expect(await stateOf(r)).toBe("done");
    await r.waitForSelector("#diffCounts");
    // A city now counts as shrinking only below −1 %: fewer shrinking cities than the baseline's 76.
    const lr = await ledgerRows(r);
    const [shrankBefore, shrankAfter] = lr["resource-cities-hqd-interview:rbc-shrank"].map(Number);
    const [grewBefore, grewAfter] = lr["resource-cities-hqd-interview:rbc-grew"].map(Number);
    expect(shrankBefore).toBe(76);
    expect(shrankAfter).toBeLessThan(76);
    // Every one of the 125 measurable cities either grew or shrank, under either threshold.
    expect(shrankBefore + grewBefore).toBe(125);
    expect(shrankAfter + grewAfter).toBe(125);
    expect(errorsOf(y)).toEqual([]);
    expect(errorsOf(r)).toEqual([]);

    // Reopening the shared URL shows the finished variant again without running it.
    const shared = await open(new URL(y.url()).pathname + new URL(y.url()).search);
    await shared.waitForSelector("#diffCounts");
    expect(await shared.locator("#state").textContent()).toBe("done");
    expect(await shared.locator('select[name="cvMean"]').inputValue()).toBe("simple");
    expect(Object.keys(await ledgerRows(shared)).sort()).toEqual(["yangtze-openness:text-cv-1993", "yangtze-openness:text-cv-2022"]);
    // Only the two params-only links: ?p.cvMean=simple without the variant name re-creates the same variant.
    const recreated = await open("/study/yangtze-openness?p.cvMean=simple");
    await recreated.waitForSelector("#diffCounts");
    expect(await recreated.locator("#state").textContent()).toBe("done");
  }, 2 * RUN_TIMEOUT);

  it("shows a bad upload's row/column message beside the field, and runs a good one", async () => {
    const table = fs.readFileSync(path.join(root, "data", "yangtze-openness", "printed_table1.csv"), "utf8");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-upload-"));
    const bad = path.join(dir, "mine_bad.csv");
    fs.writeFileSync(bad, table.replace(/^(江苏,Jiangsu,320000,province,lower,)0\.133,/m, "$1n/a,"));
    const good = path.join(dir, "mine.csv");
    fs.writeFileSync(good, table.replace(/^(上海,Shanghai,310000,province,lower,)0\.277,/m, "$10.377,"));
    const page = await open("/study/yangtze-openness");
    await page.waitForSelector('select[name="dataSource"]');
    await page.selectOption('select[name="dataSource"]', "upload");
    await page.setInputFiles('input[type=file][data-for="dataSource"]', bad);
    await page.waitForFunction(() => /row 2/.test(document.querySelector('[data-field="dataSource"] .err')?.textContent ?? ""), null, { timeout: 30_000 });
    expect(await page.locator('[data-field="dataSource"] .err').textContent()).toBe('mine_bad.csv, row 2 (line 3), column "z1993": got "n/a"; expected a number >= 0');
    await page.setInputFiles('input[type=file][data-for="dataSource"]', good);
    await page.waitForFunction(() => /14 rows/.test(document.querySelector('[data-field="dataSource"] .err')?.textContent ?? ""), null, { timeout: 30_000 });
    await page.click("#run");
    await doneOrError(page);
    expect(await stateOf(page)).toBe("done");
    await page.waitForSelector("#diffCounts");
    // Shanghai's 1993 index raised from 0.277 to 0.377 in the uploaded file moves the 1993 numbers.
    expect(Number((await page.locator("#diffCounts").textContent())!.match(/and (\d+) of \d+ table numbers changed/)![1])).toBeGreaterThan(0);
    expect(errorsOf(page)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, RUN_TIMEOUT + 60_000);
});
