import katex from "katex";

/**
 * Equations rendered at build time: the `$$…$$` and `$…$` that Jupyter's markdown leaves in the exported
 * HTML become KaTeX HTML + MathML, so the report needs no script to show them. Only text inside rendered
 * markdown (`jp-RenderedMarkdown`) is touched, never code, preformatted output, scripts or tables.
 */

export interface MathResult {
  html: string;
  /** Equations rendered. */
  equations: number;
  /** TeX KaTeX could not parse; shown in red in the report, listed here. */
  errors: string[];
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

// Display math first; inline math follows Jupyter's rule: no space just inside the dollars, no digit after.
const DISPLAY = /\$\$([\s\S]+?)\$\$/g;
const INLINE = /\$(?![\s$])((?:\\\$|[^$])+?)(?<![\s\\])\$(?!\d)/g;

/** MathJax, which the notebooks were written for, takes `_` inside \text{} literally; KaTeX needs it escaped. */
export function mathjaxCompatible(tex: string): string {
  return tex.replace(/\\text\{([^{}]*)\}/g, (_m, body: string) => `\\text{${body.replace(/(^|[^\\])_/g, "$1\\_")}}`);
}

function renderTex(tex: string, displayMode: boolean, errors: string[]): string {
  const out = katex.renderToString(mathjaxCompatible(unescapeHtml(tex).trim()), { displayMode, output: "htmlAndMathml", throwOnError: false, strict: "ignore" });
  if (out.includes("katex-error")) errors.push(tex.trim().slice(0, 200));
  return out;
}

function renderText(text: string, counter: { n: number }, errors: string[]): string {
  if (!text.includes("$")) return text;
  // split() with one capture group: even indices are text, odd ones the display equations.
  return text
    .split(DISPLAY)
    .map((p, i) => {
      if (i % 2 === 1) {
        counter.n++;
        return renderTex(p, true, errors);
      }
      return p.replace(INLINE, (_m, tex: string) => {
        counter.n++;
        return renderTex(tex, false, errors);
      });
    })
    .join("");
}

const SKIP = new Set(["script", "style", "pre", "code", "textarea", "svg", "math"]);
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

export function renderMath(html: string): MathResult {
  const errors: string[] = [];
  const counter = { n: 0 };
  const out: string[] = [];
  let divDepth = 0;
  let markdownDepth = -1; // div depth at which the current rendered-markdown block opened; -1 outside
  const skip: string[] = [];
  let last = 0;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html))) {
    const text = html.slice(last, m.index);
    out.push(markdownDepth >= 0 && skip.length === 0 ? renderText(text, counter, errors) : text);
    out.push(m[0]);
    last = TAG.lastIndex;
    if (!m[2]) continue; // comment
    const name = m[2].toLowerCase();
    const closing = m[1] === "/";
    if (!closing && (name === "script" || name === "style" || name === "textarea")) {
      // Raw text elements: jump to their end tag without looking inside.
      // Lower-cased once: doing it per script tag made a figure-heavy 8 MB report take 2.3 s.
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, last);
      const stop = end < 0 ? html.length : end;
      out.push(html.slice(last, stop));
      last = stop;
      TAG.lastIndex = stop;
      continue;
    }
    if (name === "div") {
      if (closing) {
        divDepth--;
        if (divDepth === markdownDepth) markdownDepth = -1;
      } else if (!m[3].trim().endsWith("/")) {
        if (markdownDepth < 0 && /class="[^"]*\bjp-RenderedMarkdown\b/.test(m[3])) markdownDepth = divDepth;
        divDepth++;
      }
      continue;
    }
    if (SKIP.has(name) && !m[3].trim().endsWith("/")) {
      if (closing) {
        const i = skip.lastIndexOf(name);
        if (i >= 0) skip.splice(i);
      } else skip.push(name);
    }
  }
  const tail = html.slice(last);
  out.push(markdownDepth >= 0 && skip.length === 0 ? renderText(tail, counter, errors) : tail);
  return { html: out.join(""), equations: counter.n, errors };
}
