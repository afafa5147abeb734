import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import { renderMath } from "./math";
import { CJK_FAMILY, cjkCharacters, findCjkFont, subsetCjkFont } from "./font";

export { renderMath, unescapeHtml } from "./math";
export { CJK_FAMILY, cjkCharacters, extractFace, findCjkFont, subsetCjkFont } from "./font";

/**
 * Turns nbconvert's HTML export of an executed notebook into a report that works on any machine, from disk,
 * with no network: equations rendered by KaTeX at build time (HTML + MathML), KaTeX's stylesheet and fonts,
 * a CJK font subset with only the characters the report uses, and script loaders that point outside the
 * report (require.js, MathJax) removed. plotly.js and KaTeX's stylesheet are shared by the reports of one
 * folder (`assets/`, referenced relatively) unless the report is to be self-contained.
 */

export const ASSETS_DIR = "assets";

export interface ReportOptions {
  /** Inline plotly and KaTeX into the file instead of sharing them in `assets/` beside it. */
  selfContained?: boolean;
  /** Where CJK font subsets are kept between reports (by font and characters); none: subset every time. */
  fontCache?: string;
}

export interface ReportSummary {
  equations: number;
  /** TeX that KaTeX could not parse (shown in red in the report). */
  equationErrors: string[];
  cjkCharacters: number;
  /** Bytes of the embedded CJK font subset (WOFF2, before base64). */
  cjkFontBytes: number;
  /** What a reader of the report would miss: TeX KaTeX could not parse, Chinese text without a font to embed. */
  warning?: string;
  plotly: "shared" | "inline" | "none";
  katex: "shared" | "inline" | "none";
  /** External script and stylesheet references that were removed. */
  removed: string[];
  bytes: number;
}

// The plotly bundle as display/plot.ts writes it into the first figure of a notebook.
const PLOTLY_BUNDLE = /<script type="text\/javascript"(?: data-rl-asset="plotly")?>(window\.PlotlyConfig=[\s\S]*?)<\/script>/g;
const EXTERNAL = /^(?:[a-z][\w+.-]*:|\/)/i;

function packageVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }).version;
}

/** KaTeX's stylesheet with its WOFF2 fonts as data: URIs (every current browser reads WOFF2). */
export function katexCss(): string {
  const dist = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const css = fs.readFileSync(path.join(dist, "katex.min.css"), "utf8");
  return css.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[^"]+"\))*/g, (_m, file: string) => {
    const b64 = fs.readFileSync(path.join(dist, file)).toString("base64");
    return `src:url(data:font/woff2;base64,${b64}) format("woff2")`;
  });
}

function cjkStyle(woff2: Buffer): string {
  const stack = (first: string) => `${first},"${CJK_FAMILY}",sans-serif`;
  return (
    `<style data-rl-asset="cjk-font">@font-face{font-family:"${CJK_FAMILY}";src:url(data:font/woff2;base64,${woff2.toString("base64")}) format("woff2");font-display:block}` +
    `:root{--jp-content-font-family:${stack("system-ui,-apple-system,'Segoe UI',helvetica,arial")};--jp-ui-font-family:${stack("system-ui,-apple-system,'Segoe UI',helvetica,arial")};` +
    `--jp-code-font-family:menlo,consolas,'DejaVu Sans Mono',monospace,"${CJK_FAMILY}"}</style>`
  );
}

/** Remove `<script src>` and `<link href>` that point outside the report; returns the removed URLs. */
function stripExternal(html: string, removed: string[]): string {
  return html
    .replace(/<script\b[^>]*\bsrc="([^"]*)"[^>]*>\s*<\/script>/g, (m, src: string) => (EXTERNAL.test(src) ? (removed.push(src), "") : m))
    .replace(/<link\b[^>]*\bhref="([^"]*)"[^>]*>/g, (m, href: string) => (EXTERNAL.test(href) && !href.startsWith("data:") ? (removed.push(href), "") : m))
    .replace(/<script type="text\/x-mathjax-config">[\s\S]*?<\/script>/g, () => (removed.push("MathJax configuration"), ""));
}

export interface BuiltReport {
  html: string;
  /** Files to write relative to the report's folder (empty when self-contained). */
  assets: Record<string, string>;
  summary: ReportSummary;
}

export async function buildReport(raw: string, opts: ReportOptions = {}): Promise<BuiltReport> {
  const removed: string[] = [];
  const assets: Record<string, string> = {};
  let bundle: string | null = null;
  // Take the plotly bundle(s) out first so nothing below looks inside 3.5 MB of minified code.
  let html = raw.replace(PLOTLY_BUNDLE, (_m, js: string) => {
    const first = bundle === null;
    bundle ??= js;
    return first ? "\u0000RL_PLOTLY\u0000" : "";
  });
  html = stripExternal(html, removed);
  const math = renderMath(html);
  html = math.html;

  const head: string[] = [];
  let katex: ReportSummary["katex"] = "none";
  if (math.equations > 0) {
    if (opts.selfContained) {
      head.push(`<style data-rl-asset="katex">${katexCss()}</style>`);
      katex = "inline";
    } else {
      const file = `${ASSETS_DIR}/katex-${packageVersion("katex")}.css`;
      assets[file] = katexCss();
      head.push(`<link rel="stylesheet" href="${file}" data-rl-asset="katex">`);
      katex = "shared";
    }
  }
  const chars = cjkCharacters(html);
  let cjkFontBytes = 0;
  let warning: string | undefined;
  if (chars.length) {
    const font = findCjkFont();
    if (font) {
      const sub = await subsetCjkFont(chars, font, opts.fontCache);
      cjkFontBytes = sub.woff2.length;
      head.push(cjkStyle(sub.woff2));
    } else {
      warning = `the report has ${chars.length} distinct Chinese characters but no CJK font to embed (apt-get install fonts-noto-cjk, or set REGIONLAB_CJK_FONT)`;
    }
  }
  html = html.includes("</head>") ? html.replace("</head>", `${head.join("")}</head>`) : head.join("") + html;

  let plotly: ReportSummary["plotly"] = "none";
  if (bundle !== null) {
    let tag: string;
    if (opts.selfContained) {
      tag = `<script type="text/javascript" data-rl-asset="plotly">${bundle}</script>`;
      plotly = "inline";
    } else {
      const file = `${ASSETS_DIR}/plotly-${packageVersion("plotly.js-dist-min")}.min.js`;
      assets[file] = bundle;
      tag = `<script src="${file}" data-rl-asset="plotly"></script>`;
      plotly = "shared";
    }
    html = html.replace("\u0000RL_PLOTLY\u0000", () => tag);
  }
  if (math.errors.length) {
    const tex = `${math.errors.length} equation${math.errors.length > 1 ? "s" : ""} KaTeX could not parse (shown in red): ${math.errors.map((e) => JSON.stringify(e.slice(0, 60))).join(", ")}`;
    warning = warning ? `${tex}; ${warning}` : tex;
  }
  const summary: ReportSummary = {
    equations: math.equations,
    equationErrors: math.errors,
    cjkCharacters: chars.length,
    cjkFontBytes,
    ...(warning ? { warning } : {}),
    plotly,
    katex,
    removed,
    bytes: Buffer.byteLength(html),
  };
  return { html, assets, summary };
}

/** Rewrite an exported report in place and write its shared assets beside it. */
export async function finishReport(htmlPath: string, opts: ReportOptions = {}): Promise<ReportSummary> {
  const built = await buildReport(fs.readFileSync(htmlPath, "utf8"), opts);
  const dir = path.dirname(htmlPath);
  for (const [rel, content] of Object.entries(built.assets)) {
    const target = path.join(dir, rel);
    // Shared by every report of the folder: written once, rewritten only when the bundle changed.
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === content) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(htmlPath, built.html);
  return built.summary;
}

/**
 * A self-contained copy of a report written with shared assets: every `data-rl-asset` reference to a file
 * in its folder is replaced by the file's content.
 */
export function inlineAssets(html: string, dir: string): string {
  const read = (rel: string) => {
    if (EXTERNAL.test(rel)) throw new Error(`inlineAssets: ${rel} is not a file beside the report`);
    return fs.readFileSync(path.join(dir, rel), "utf8");
  };
  return html
    .replace(/<script src="([^"]+)" data-rl-asset="(\w+)"><\/script>/g, (_m, src: string, name: string) => `<script type="text/javascript" data-rl-asset="${name}">${read(src)}</script>`)
    .replace(/<link rel="stylesheet" href="([^"]+)" data-rl-asset="(\w+)">/g, (_m, href: string, name: string) => `<style data-rl-asset="${name}">${read(href)}</style>`);
}

/**
 * finishReport on a worker thread, so the caller's event loop keeps serving its kernels while KaTeX and the font
 * subsetter run: replicate finishes one report while its kernel slot already runs the next notebook. One thread
 * serves the whole run (a child process per report cost about 0.3 s of start-up and module loading each).
 */
export class ReportFinisher {
  private worker: Worker | null = null;
  private next = 0;
  private pending = new Map<number, { resolve: (s: ReportSummary) => void; reject: (e: Error) => void; htmlPath: string }>();

  finish(htmlPath: string, opts: ReportOptions = {}): Promise<ReportSummary> {
    const w = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, htmlPath });
      w.postMessage({ id, htmlPath, opts });
    });
  }

  private start(): Worker {
    // Compiled beside this file; under vitest (which runs the .ts sources) the built copy in kernel-lib/dist.
    const file = [path.join(__dirname, "worker.js"), path.join(__dirname, "..", "..", "dist", "report", "worker.js")].find((f) => fs.existsSync(f));
    if (!file) throw new Error("report worker not found: build kernel-lib first (npm run build)");
    const w = new Worker(file);
    w.on("message", (m: { id: number; summary?: ReportSummary; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.summary) p.resolve(m.summary);
      else p.reject(new Error(`report post-processing of ${p.htmlPath} failed: ${m.error}`));
    });
    const failAll = (why: string) => {
      for (const p of this.pending.values()) p.reject(new Error(`report post-processing of ${p.htmlPath} failed: ${why}`));
      this.pending.clear();
      this.worker = null;
    };
    w.on("error", (e) => failAll(e.message));
    w.on("exit", (code) => failAll(`the report worker exited (code ${code})`));
    return w;
  }

  /** Ends the thread; a report still being finished is reported as failed (await the finish() calls first). */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.worker = null;
    w.removeAllListeners("exit");
    await w.terminate();
    for (const p of this.pending.values()) p.reject(new Error(`report post-processing of ${p.htmlPath} was stopped before it finished`));
    this.pending.clear();
  }
}
