import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataTable, englishFor, htmlTable, registerEnglish, toPinyin, withEnglish } from "kernel-lib";
import { ReportFinisher, buildReport, cjkCharacters, extractFace, findCjkFont, finishReport, inlineAssets, renderMath, subsetCjkFont } from "../kernel-lib/src/report";

const REF = path.join(__dirname, "reference", "display");

function csv(file: string): string[][] {
  return fs.readFileSync(path.join(REF, file), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
}

describe("English beside Chinese labels", () => {
  it("gives every prefecture and province name the pinyin pypinyin gives it, or the official reading where they disagree", () => {
    const official = new Map(csv("official_romanisation.csv").map(([zh, py]) => [zh, py]));
    const expected = csv("pinyin_expected.csv");
    expect(expected.length).toBe(392);
    expect(official.size).toBe(8);
    for (const [zh, py] of expected) {
      const want = (official.get(zh) ?? py).split(" ");
      // toPinyin joins a name into one capitalised word with pinyin apostrophes (Xi'an).
      const word = want.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join("");
      expect(toPinyin(zh), zh).toBe(word.charAt(0).toUpperCase() + word.slice(1));
    }
  });

  it("adds English only where a label has none, in tables as a separate span, keeping the table's numbers' keys", () => {
    expect(withEnglish("西安 (陕西)")).toBe("西安 (陕西) · Xi'an (Shaanxi)");
    expect(withEnglish("growing 成长型")).toBe("growing 成长型");
    expect(englishFor("GDP")).toBeNull();
    // A document title gets no pinyin run together; it needs a registered translation.
    const title = "中共中央关于完善社会主义市场经济体制若干问题的决定";
    expect(englishFor(title)).toBeNull();
    registerEnglish({ [title]: "CPC Central Committee decision on improving the socialist market economy" });
    expect(withEnglish(title)).toBe(`${title} · CPC Central Committee decision on improving the socialist market economy`);
    expect(withEnglish("黔东南苗族侗族自治州")).toBe("黔东南苗族侗族自治州 · Qiandongnanmiaozudongzuzizhizhou");
    const t = new DataTable([{ 城市: "鄂尔多斯", value: 1.5 }], undefined, {});
    expect(t.html()).toContain('鄂尔多斯 <span class="rl-en">E&#39;erduosi</span>'.replace("&#39;", "'"));
    expect(t.html()).toContain('<th>城市 <span class="rl-en">Chengshi</span></th>');
    expect(Object.keys(t.estimates().values)).toEqual(["鄂尔多斯 | value"]);
    expect(t.text()).not.toContain("rl-en");
    expect(htmlTable([{ a: "x" }])).not.toContain('<span class="rl-en"');
  });
});

const wrap = (md: string) => `<div class="jp-Cell"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">${md}</div></div>`;
const annotations = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)].map((m) => m[1]);

describe("equations rendered at build time", () => {
  it("renders display and inline math in markdown as KaTeX HTML + MathML, each equation exactly once", () => {
    const md = wrap(
      "<p>For $X$ and $Y$, with $a &lt; b$:</p>\n$$ \\mu(x) = \\frac{1}{1 + e^{-\\ell(x)}}, \\quad x &gt; y $$<p>costs $5 and $6 here; <code>$not$</code></p>",
    );
    const r = renderMath(md);
    expect(r.errors).toEqual([]);
    expect(r.equations).toBe(4);
    expect(r.html).not.toContain("$$");
    expect(r.html.match(/<math /g)?.length).toBe(4);
    expect(r.html.match(/class="katex-display"/g)?.length).toBe(1);
    // The TeX KaTeX received (its MathML annotation) is the source between the dollars, unescaped once.
    expect(annotations(r.html).map((a) => a.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").trim())).toEqual([
      "X",
      "Y",
      "a < b",
      "\\mu(x) = \\frac{1}{1 + e^{-\\ell(x)}}, \\quad x > y",
    ]);
    expect(r.html).toContain("costs $5 and $6 here");
    expect(r.html).toContain("<code>$not$</code>");
  });

  it("accepts what MathJax accepts in the notebooks: an underscore inside \\text{} (dual-control-xgboost-shap)", () => {
    const r = renderMath(wrap("<p>$\\text{total_gain}=\\text{weight}\\times\\text{gain}$</p>"));
    expect(r.errors).toEqual([]);
    expect(annotations(r.html)[0]).toBe("\\text{total\\_gain}=\\text{weight}\\times\\text{gain}");
  });

  it("leaves dollars outside markdown (tables, code output, scripts) alone and reports TeX it cannot parse", () => {
    const html = `<div class="jp-RenderedHTML"><table><tr><td>$x$</td></tr></table></div><script>var s="$x$";</script>` + wrap("<p>$\\frac{1}{$</p>");
    const r = renderMath(html);
    expect(r.html.startsWith('<div class="jp-RenderedHTML"><table><tr><td>$x$</td></tr></table></div><script>var s="$x$";</script>')).toBe(true);
    expect(r.errors).toEqual(["\\frac{1}{"]);
    return buildReport(`<html><head></head><body>${html}</body></html>`).then((b) => {
      expect(b.summary.warning).toBe('1 equation KaTeX could not parse (shown in red): "\\\\frac{1}{"');
    });
  });
});

const font = findCjkFont();

describe("report assembly", () => {
  const raw = [
    "<!DOCTYPE html><html><head><title>t</title>",
    '<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>',
    '<script type="text/x-mathjax-config">MathJax.Hub.Config({});</script>',
    '<script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"></script>',
    '<link rel="stylesheet" href="https://cdn.example.org/x.css">',
    "</head><body>",
    wrap("<p>资源型城市 $\\theta$</p>"),
    `<script type="text/javascript" data-rl-asset="plotly">window.PlotlyConfig={MathJaxConfig:'local'};(function(define,module,exports){window.Plotly={v:1};\n}).call(window,undefined,undefined,undefined);</script>`,
    '<script type="text/javascript">(function(){var spec={"data":[{"y":["伊春"]}]};})();</script>',
    `<script type="text/javascript">window.PlotlyConfig={MathJaxConfig:'local'};(function(define,module,exports){window.Plotly={v:1};\n}).call(window,undefined,undefined,undefined);</script>`,
    "</body></html>",
  ].join("\n");

  it("removes loaders that point outside the report and shares plotly and KaTeX's stylesheet in assets/", async () => {
    const b = await buildReport(raw);
    expect(b.summary.removed).toEqual([
      "file:///usr/share/javascript/requirejs/require.min.js",
      "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
      "https://cdn.example.org/x.css",
      "MathJax configuration",
    ]);
    expect(b.html).not.toMatch(/(src|href)="(file:|https?:|\/)/);
    expect(b.summary.plotly).toBe("shared");
    expect(b.summary.katex).toBe("shared");
    expect(b.summary.equations).toBe(1);
    expect(Object.keys(b.assets).sort()).toEqual([expect.stringMatching(/^assets\/katex-[\d.]+\.css$/), expect.stringMatching(/^assets\/plotly-[\d.]+\.min\.js$/)]);
    // One reference to the bundle where the first copy was; the duplicate is gone.
    expect(b.html.match(/data-rl-asset="plotly"/g)?.length).toBe(1);
    expect(b.html).not.toContain("window.Plotly={v:1}");
    const css = Object.entries(b.assets).find(([k]) => k.endsWith(".css"))![1];
    expect(css).not.toMatch(/url\((?!data:)/);
    expect(css.match(/url\(data:font\/woff2;base64,/g)!.length).toBeGreaterThanOrEqual(19);
  });

  it("self-contained: the same report with everything inline, equal to inlining the shared assets", async () => {
    const self = await buildReport(raw, { selfContained: true });
    expect(self.assets).toEqual({});
    expect(self.summary.plotly).toBe("inline");
    expect(self.html).not.toMatch(/(src|href)="(?!data:|#)/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-report-"));
    const file = path.join(dir, "r.html");
    fs.writeFileSync(file, raw);
    await finishReport(file);
    expect(fs.existsSync(path.join(dir, "assets"))).toBe(true);
    expect(inlineAssets(fs.readFileSync(file, "utf8"), dir)).toBe(self.html);
  });

  it("ReportFinisher (one worker thread for a run) writes the same reports as finishReport, several at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-report-"));
    const files = ["a", "b", "c"].map((n) => path.join(dir, n, "r.html"));
    for (const f of files) fs.mkdirSync(path.dirname(f), { recursive: true }), fs.writeFileSync(f, raw);
    const direct = path.join(dir, "direct.html");
    fs.writeFileSync(direct, raw);
    const expected = await finishReport(direct);
    const reports = new ReportFinisher();
    try {
      const got = await Promise.all(files.map((f) => reports.finish(f)));
      for (const [k, f] of files.entries()) {
        expect(got[k]).toEqual(expected);
        expect(fs.readFileSync(f, "utf8")).toBe(fs.readFileSync(direct, "utf8"));
      }
      await expect(reports.finish(path.join(dir, "missing.html"))).rejects.toThrow(/missing\.html failed: ENOENT/);
    } finally {
      await reports.close();
    }
  });

  it.skipIf(!font)("embeds a Noto Sans CJK SC subset of exactly the Chinese characters the report uses", async () => {
    const b = await buildReport(raw);
    expect(cjkCharacters(raw)).toEqual(["伊", "型", "城", "市", "春", "源", "资"]);
    expect(b.summary.cjkCharacters).toBe(7);
    expect(b.html).toMatch(/@font-face\{font-family:"Noto Sans CJK SC";src:url\(data:font\/woff2;base64,/);
    const face = extractFace(fs.readFileSync(font!), "Noto Sans CJK SC");
    expect(face.readUInt32BE(0) === 0x4f54544f || face.readUInt32BE(0) === 0x00010000).toBe(true);
    const sub = await subsetCjkFont(["资", "源"], font!);
    expect(sub.woff2.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(sub.woff2.length).toBeLessThan(20_000);
    expect(() => extractFace(fs.readFileSync(font!), "No Such Face")).toThrow(/no face named "No Such Face" \(has: Noto Sans CJK JP/);
  });
});

describe.skipIf(!font)("CJK font subsets are cached by font and characters", () => {
  it("a second report with the same characters reads the subset back; other characters make a new one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-fonts-"));
    const a = await subsetCjkFont(["资", "源"], font!, dir);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".woff2"))).toHaveLength(1);
    const again = await subsetCjkFont(["资", "源"], font!, dir);
    expect(Buffer.compare(again.woff2, a.woff2)).toBe(0);
    expect(Buffer.compare((await subsetCjkFont(["资", "源"], font!)).woff2, a.woff2)).toBe(0); // the same bytes as uncached
    await subsetCjkFont(["城"], font!, dir);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".woff2"))).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120_000);
});
