import * as fs from "fs";
import { Displayable, MimeBundle, show } from "./emit";
import { figureWithEnglish } from "./english";
import { Figure, resolveScale } from "./figure";
import { Provenance, captionFor, escapeHtml } from "./html";
import { figureToSvg } from "./svg";

/**
 * Inline plotly figures with no CDN: the plotly.js bundle is read from the installed package and written
 * into the first figure of the kernel session (once per notebook), later figures wait for it. Each figure
 * also carries a static SVG of itself, shown until plotly has drawn and kept as image/svg+xml, so the figure
 * is visible in the HTML report, on GitHub and in nbviewer even where scripts do not run.
 */

let plotlyShipped = false;
const PLOTLY_FONT = '"Open Sans", verdana, arial, "Noto Sans CJK SC", sans-serif';
let figureCounter = 0;

export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** The script tag that defines window.Plotly, shielded from AMD loaders (require.js in classic Jupyter). */
export function plotlyScriptTag(): string {
  const src = fs.readFileSync(plotlyBundlePath(), "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script type="text/javascript" data-rl-asset="plotly">window.PlotlyConfig={MathJaxConfig:'local'};(function(define,module,exports){${src}\n}).call(window,undefined,undefined,undefined);</script>`;
}

/** Forget that the bundle was sent (e.g. after clearing outputs in an interactive session). */
export function resetPlotly(): void {
  plotlyShipped = false;
}

export interface PlotOptions {
  caption?: string;
  provenance?: Provenance;
  /** Source note under the figure ("Census 2010/2020, leiii/census"). */
  source?: string;
  /** Embed the plotly bundle even if it was sent already in this session. */
  forcePlotlyBundle?: boolean;
}

/** Replace named colour scales by their stops so plotly and the SVG draw identical colours. */
function explicitScales(fig: Figure): Figure {
  return {
    ...fig,
    data: fig.data.map((t) => (t.marker?.colorscale ? { ...t, marker: { ...t.marker, colorscale: resolveScale(t.marker.colorscale) } } : t)),
  };
}

export class PlotlyFigure implements Displayable {
  readonly figure: Figure;
  readonly options: PlotOptions;
  readonly id: string;
  constructor(figure: Figure, options: PlotOptions = {}) {
    this.figure = figureWithEnglish(explicitScales(figure));
    this.options = options;
    this.id = `rl-fig-${process.pid}-${++figureCounter}`;
  }

  svg(): string {
    return figureToSvg(this.figure, this.options.provenance === "synthetic" ? { badge: "synthetic data" } : {});
  }

  caption(): string {
    return captionFor(this.options.caption, this.options.provenance);
  }

  /** `svg`: the figure's static SVG when the caller has drawn it already (mimeBundle carries it twice). */
  html(includeBundle: boolean, svg: string = this.svg()): string {
    const { id } = this;
    const cap = this.caption();
    const badge = this.options.provenance === "synthetic" ? ' <span class="rl-synthetic" style="background:#fff3cd;color:#7a5b00;border:1px solid #e0c36a;border-radius:3px;padding:0 5px;font-size:11px">synthetic data</span>' : "";
    const capHtml = cap ? `<div class="rl-caption" style="font:600 13px system-ui,sans-serif;margin:4px 0">${escapeHtml(cap)}${badge}</div>` : "";
    const src = this.options.source ? `<div class="rl-notes" style="font:12px system-ui,sans-serif;color:#444">${escapeHtml(this.options.source)}</div>` : "";
    // plotly's own font stack has no CJK face; the report embeds one under this name (kernel-lib/src/report).
    const layout = { ...this.figure.layout, font: { family: PLOTLY_FONT, ...this.figure.layout?.font } };
    const spec = JSON.stringify({ data: this.figure.data, layout }).replace(/</g, "\\u003c");
    const bundle = includeBundle ? plotlyScriptTag() : "";
    const draw =
      `<script type="text/javascript">(function(){var spec=${spec};var tries=0;function draw(){` +
      `if(!window.Plotly){if(++tries<400)return setTimeout(draw,25);return;}` +
      `var el=document.getElementById('${id}-plot');if(!el)return;` +
      `window.Plotly.newPlot(el,spec.data,spec.layout,{displaylogo:false,responsive:false}).then(function(){` +
      `var s=document.getElementById('${id}-static');if(s)s.style.display='none';el.setAttribute('data-rendered','plotly');});}draw();})();</script>`;
    return `<div class="rl-figure" id="${id}">${capHtml}<div class="rl-plotly" id="${id}-plot"></div><div class="rl-static" id="${id}-static">${svg}</div>${src}</div>${bundle}${draw}`;
  }

  mimeBundle(): MimeBundle {
    const includeBundle = this.options.forcePlotlyBundle || !plotlyShipped;
    plotlyShipped = true;
    const text = [this.caption() || "figure", this.options.source ?? ""].filter(Boolean).join("\n");
    const svg = this.svg();
    return {
      "text/html": this.html(includeBundle, svg),
      "image/svg+xml": svg,
      "text/plain": `[figure] ${text}`,
    };
  }
}

/** Build a figure object without showing it (pass it to `show` later). */
export function figure(fig: Figure, options: PlotOptions = {}): PlotlyFigure {
  return new PlotlyFigure(fig, options);
}

/** Draw a plotly figure inline now (returns nothing, so the cell prints nothing else). */
export function plot(fig: Figure, options: PlotOptions = {}): void {
  show(new PlotlyFigure(fig, options));
}
