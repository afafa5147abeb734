import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { TEST_OUT } from "./setup/replicate";

// Opens an HTML report in headless Chromium (Debian's chromium, driven by playwright-core) with every
// non-file request blocked, and checks that the inline plotly figures render. Set REGIONLAB_SKIP_BROWSER=1 only
// on machines without Chromium (CI installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = process.env.REGIONLAB_SKIP_BROWSER === "1";

describe.skipIf(skip)("HTML report in a browser, offline", () => {
  it("renders the plotly figures from the inline bundle with no network access", async () => {
    expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`).toBe(true);
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      await context.setOffline(true);
      const external: string[] = [];
      await context.route("**/*", (route) => {
        const u = route.request().url();
        if (u.startsWith("file:") || u.startsWith("data:") || u.startsWith("blob:")) return route.continue();
        external.push(u);
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const report = path.join(TEST_OUT, "resource-cities-hqd-interview.html");
      expect(fs.existsSync(report)).toBe(true);
      await page.goto("file://" + report);
      await page.waitForSelector("[data-rendered=plotly]", { timeout: 60_000 });
      const rendered = await page.locator("[data-rendered=plotly]").count();
      const figures = await page.locator(".rl-figure").count();
      expect(figures).toBeGreaterThanOrEqual(2);
      await page.waitForFunction((n) => document.querySelectorAll("[data-rendered=plotly]").length >= n, figures, { timeout: 60_000 });
      expect(rendered).toBeGreaterThanOrEqual(1);
      expect(await page.locator(".rl-plotly svg.main-svg").count()).toBeGreaterThanOrEqual(figures);
      // Once plotly has drawn, the static fallback is hidden.
      expect(await page.locator(".rl-static").first().isVisible()).toBe(false);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.screenshot({ path: path.join(TEST_OUT, "..", "report-screenshot.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
