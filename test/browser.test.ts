import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { TEST_OUT } from "./setup/replicate";
import { inlineAssets } from "../kernel-lib/src/report";

// Opens HTML reports in headless Chromium (Debian's chromium, driven by playwright-core) with the network
// blocked, and checks what a reader sees: plotly figures drawn from the shared bundle, equations typeset by
// KaTeX at build time (no raw $$), Chinese text in the embedded font, the static SVG keeping plotly's order.
// `npm test` installs Chromium (scripts/setup.js); REGIONLAB_SKIP_BROWSER=1 skips this file.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = process.env.REGIONLAB_SKIP_BROWSER === "1";
const REPORT = "resource-cities-hqd-interview";

/**
 * A fontconfig setup that shows Chromium only DejaVu (no CJK font on the "machine"), so Chinese text can only
 * come from the font the report embeds. Without DejaVu, the machine's own fonts are used.
 */
function fontsWithoutCjk(): NodeJS.ProcessEnv {
  const dejavu = "/usr/share/fonts/truetype/dejavu";
  if (!fs.existsSync(dejavu)) return {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-fonts-"));
  const conf = path.join(dir, "fonts.conf");
  fs.writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>${dejavu}</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
  return { FONTCONFIG_FILE: conf };
}

const NO_CJK_FONTS = fontsWithoutCjk();

async function launch(): Promise<Browser> {
  expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run \`node scripts/setup.js --browser\` (or set CHROMIUM_PATH)`).toBe(true);
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, ...NO_CJK_FONTS },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A context that lets through only the schemes given and records every other request. */
async function blockingContext(browser: Browser, allowed: string[], blocked: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.setOffline(true);
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (allowed.some((s) => u.startsWith(s))) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  return context;
}

/** What the reader sees, checked in an open report. */
async function checkReport(page: Page): Promise<void> {
  const figures = await page.locator(".rl-figure").count();
  expect(figures).toBeGreaterThanOrEqual(2);
  await page.waitForFunction((n) => document.querySelectorAll("[data-rendered=plotly]").length >= n, figures, { timeout: 90_000 });
  expect(await page.locator(".rl-plotly svg.main-svg").count()).toBeGreaterThanOrEqual(figures);
  // Once plotly has drawn, the static fallback is hidden.
  expect(await page.locator(".rl-static").first().isVisible()).toBe(false);
  // Equations: KaTeX HTML with MathML beside it, none left as TeX source, none failed.
  const katex = await page.locator(".katex").count();
  expect(katex).toBeGreaterThanOrEqual(5);
  expect(await page.locator(".katex math").count()).toBe(katex);
  expect(await page.locator(".katex-error").count()).toBe(0);
  expect(await page.evaluate(() => document.body.innerText.includes("$$"))).toBe(false);
  // KaTeX's own fonts and the embedded CJK subset are loaded (not merely declared).
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => {
    const families: string[] = [];
    document.fonts.forEach((f) => {
      if (f.status === "loaded") families.push(f.family.replace(/"/g, ""));
    });
    return families;
  });
  expect(loaded).toContain("KaTeX_Main");
  expect(loaded).toContain("Noto Sans CJK SC");
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', "资源型城市"))).toBe(true);
  // The machine has no CJK font (fontsWithoutCjk): Chinese drawn in the embedded face is as wide as it is
  // high, unlike the narrow missing-glyph boxes of a Latin-only fallback.
  const width = await page.evaluate(() => {
    const c = document.createElement("canvas").getContext("2d")!;
    c.font = '40px "Noto Sans CJK SC"';
    const embedded = c.measureText("资源型城市").width;
    c.font = "40px monospace";
    return { embedded, fallback: c.measureText("资源型城市").width };
  });
  expect(width.embedded).toBeCloseTo(200, 0);
  if (NO_CJK_FONTS.FONTCONFIG_FILE) expect(Math.abs(width.embedded - width.fallback)).toBeGreaterThan(20);
  // The ranked chart: the categories plotly drew, top to bottom, are the static SVG's.
  const orders = await page.evaluate(() => {
    const fig = Array.from(document.querySelectorAll(".rl-figure")).find((f) => /largest population losses/.test(f.textContent ?? ""));
    if (!fig) return null;
    // plotly's drawn tick labels of the y axis, top to bottom on the screen.
    const ticks = Array.from(fig.querySelectorAll(".rl-plotly .yaxislayer-above .ytick text")).map((t) => ({ y: t.getBoundingClientRect().top, s: t.textContent ?? "" }));
    const live = ticks.sort((a, b) => a.y - b.y).map((t) => t.s);
    const labels = Array.from(fig.querySelectorAll(".rl-static svg text[text-anchor=end]")).map((t) => ({ y: Number(t.getAttribute("y")), s: t.textContent ?? "" }));
    return { live, fallback: labels.sort((a, b) => a.y - b.y).map((l) => l.s) };
  });
  expect(orders).not.toBeNull();
  expect(orders!.live.length).toBeGreaterThanOrEqual(10);
  expect(orders!.fallback).toEqual(orders!.live);
}

describe.skipIf(skip)("HTML report in a browser, offline", () => {
  it("works from disk with shared assets (file:// allowed, every network request blocked)", async () => {
    const report = path.join(TEST_OUT, `${REPORT}.html`);
    expect(fs.existsSync(report), `${report} missing: run the notebooks first (npm test does)`).toBe(true);
    const browser = await launch();
    try {
      const blocked: string[] = [];
      const context = await blockingContext(browser, ["file:", "data:", "blob:"], blocked);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto("file://" + report);
      await checkReport(page);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
      await page.screenshot({ path: path.join(TEST_OUT, "..", "report-screenshot.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 180_000);

  it("self-contained: renders with every request that is not data: blocked, files included", async () => {
    const report = path.join(TEST_OUT, `${REPORT}.html`);
    expect(fs.existsSync(report)).toBe(true);
    const html = inlineAssets(fs.readFileSync(report, "utf8"), TEST_OUT);
    const browser = await launch();
    try {
      const blocked: string[] = [];
      const context = await blockingContext(browser, ["data:", "blob:"], blocked);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.setContent(html, { waitUntil: "load", timeout: 120_000 });
      await checkReport(page);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
