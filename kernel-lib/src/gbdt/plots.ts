/**
 * The SHAP plots users know from the `shap` package, built as regionlab Figures (plotly subset), so they
 * render interactively and as static SVG: bar of mean |SHAP|, beeswarm summary, dependence plot coloured by
 * an interacting feature.
 */
import { Figure, Trace } from "../display/figure";
import { pearsonCorrelation } from "../core/correlation";

/** shap's red–blue feature-value colour map (low = blue, high = red). */
const SHAP_SCALE: [number, string][] = [
  [0, "rgb(0,138,250)"],
  [0.5, "rgb(124,80,200)"],
  [1, "rgb(255,0,82)"],
];

function checkShape(shap: readonly ArrayLike<number>[], names: readonly string[]): void {
  if (!shap.length) throw new RangeError("shap plot: no rows");
  const w = shap[0].length;
  if (w !== names.length && w !== names.length + 1) throw new RangeError(`shap plot: ${w} SHAP columns for ${names.length} features`);
}

/** Mean |SHAP| per feature (bias column ignored), in feature order. */
export function meanAbsShap(shap: readonly ArrayLike<number>[], nFeatures: number): number[] {
  const out = new Array<number>(nFeatures).fill(0);
  for (const row of shap) for (let j = 0; j < nFeatures; j++) out[j] += Math.abs(row[j]);
  return out.map((v) => v / shap.length);
}

function ranking(shap: readonly ArrayLike<number>[], names: readonly string[], maxDisplay: number): number[] {
  const m = meanAbsShap(shap, names.length);
  return names
    .map((_, j) => j)
    .sort((a, b) => m[b] - m[a] || a - b)
    .slice(0, maxDisplay);
}

export interface ShapPlotOptions {
  title?: string;
  maxDisplay?: number;
  width?: number;
  height?: number;
}

/** Horizontal bars of mean |SHAP value|, largest on top (shap.plots.bar / summary_plot(plot_type="bar")). */
export function shapBarFigure(shap: readonly ArrayLike<number>[], featureNames: readonly string[], opts: ShapPlotOptions = {}): Figure {
  checkShape(shap, featureNames);
  const order = ranking(shap, featureNames, opts.maxDisplay ?? 20);
  const m = meanAbsShap(shap, featureNames.length);
  return {
    data: [
      {
        type: "bar",
        orientation: "h",
        x: order.map((j) => m[j]),
        y: order.map((j) => featureNames[j]),
        marker: { color: "rgb(255,0,82)" },
        text: order.map((j) => m[j].toPrecision(3)),
        hovertemplate: "%{y}: %{x:.4g}<extra></extra>",
        showlegend: false,
      },
    ],
    layout: {
      title: { text: opts.title ?? "mean |SHAP value|" },
      width: opts.width ?? 720,
      height: opts.height ?? Math.max(260, 90 + 28 * order.length),
      xaxis: { title: { text: "mean(|SHAP value|) (average impact on model output)" } },
      yaxis: { type: "category", autorange: "reversed", automargin: true },
      margin: { l: 130 },
      showlegend: false,
    },
  };
}

/**
 * Vertical offsets for a beeswarm row, as shap's summary plot computes them: bin the SHAP values into
 * `nbins` quantile-free equal bins, and within a bin alternate points above and below the centre line.
 */
function swarmOffsets(vals: readonly number[], rowHeight = 0.4, nbins = 100): number[] {
  const n = vals.length;
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const span = hi - lo || 1;
  const bins = vals.map((v) => Math.round(((v - lo) / span) * nbins));
  const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b] || a - b);
  const counts = new Map<number, number>();
  const ys = new Array<number>(n).fill(0);
  let maxLayer = 1;
  for (const i of order) {
    const c = counts.get(bins[i]) ?? 0;
    counts.set(bins[i], c + 1);
    const layer = Math.ceil(c / 2) * (c % 2 === 0 ? -1 : 1);
    ys[i] = layer;
    maxLayer = Math.max(maxLayer, Math.abs(layer));
  }
  return ys.map((y) => (y * rowHeight) / maxLayer);
}

/**
 * Beeswarm summary (shap.summary_plot): one row per feature, most important on top, a dot per observation at
 * its SHAP value, coloured by the feature's value (blue low, red high, scaled per feature to its 5–95% range).
 */
export function shapBeeswarmFigure(shap: readonly ArrayLike<number>[], X: readonly ArrayLike<number>[], featureNames: readonly string[], opts: ShapPlotOptions = {}): Figure {
  checkShape(shap, featureNames);
  if (X.length !== shap.length) throw new RangeError(`shap plot: ${X.length} feature rows for ${shap.length} SHAP rows`);
  const order = ranking(shap, featureNames, opts.maxDisplay ?? 20);
  const traces: Trace[] = [];
  let xmin = Infinity;
  let xmax = -Infinity;
  order.forEach((j, rank) => {
    const base = order.length - 1 - rank;
    const vals = shap.map((r) => r[j]);
    const fv = X.map((r) => r[j]);
    const sorted = fv.slice().sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
    let lo = q(0.05);
    let hi = q(0.95);
    if (!(hi > lo)) {
      lo = sorted[0];
      hi = sorted[sorted.length - 1];
    }
    const col = fv.map((v) => (hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5));
    const off = swarmOffsets(vals);
    for (const v of vals) {
      xmin = Math.min(xmin, v);
      xmax = Math.max(xmax, v);
    }
    traces.push({
      type: "scatter",
      mode: "markers",
      name: featureNames[j],
      x: vals,
      y: off.map((o) => base + o),
      marker: { color: col, colorscale: SHAP_SCALE, cmin: 0, cmax: 1, size: 5, showscale: rank === 0, colorbar: { title: { text: "feature value (low → high)" } } },
      hovertext: vals.map((v, i) => `${featureNames[j]} = ${fv[i]}, SHAP ${v.toPrecision(4)}`),
      hoverinfo: "text",
      showlegend: false,
    });
  });
  // Feature labels at the left edge (the y axis is numeric so the dots can spread).
  const span = xmax - xmin || 1;
  traces.push({
    type: "scatter",
    mode: "text",
    x: order.map(() => xmin - 0.45 * span),
    y: order.map((_, rank) => order.length - 1 - rank + 0.15),
    text: order.map((j) => featureNames[j]),
    textposition: "middle right",
    hoverinfo: "none",
    showlegend: false,
  });
  return {
    data: traces,
    layout: {
      title: { text: opts.title ?? "SHAP summary" },
      width: opts.width ?? 760,
      height: opts.height ?? Math.max(280, 90 + 34 * order.length),
      xaxis: { title: { text: "SHAP value (impact on model output)" }, range: [xmin - 0.5 * span, xmax + 0.05 * span] },
      yaxis: { visible: false, showgrid: false, range: [-0.7, order.length - 0.3] },
      shapes: [{ type: "line", x0: 0, x1: 0, y0: 0, y1: 1, yref: "paper", line: { color: "#999", width: 1 } }],
      showlegend: false,
    },
  };
}

/**
 * The feature that interacts most with `feature`: the largest mean |interaction value| when SHAP interaction
 * values are given, otherwise shap's `approximate_interactions` heuristic (correlation of the SHAP values with
 * each other feature within bins of the sorted feature).
 */
export function strongestInteraction(feature: number, shap: readonly ArrayLike<number>[], X: readonly ArrayLike<number>[], interactions?: readonly (readonly ArrayLike<number>[])[]): number {
  const p = X[0].length;
  let best = -1;
  let bestScore = -Infinity;
  if (interactions) {
    for (let k = 0; k < p; k++) {
      if (k === feature) continue;
      let s = 0;
      for (const m of interactions) s += Math.abs(m[feature][k]);
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    return best;
  }
  const n = X.length;
  const order = X.map((_, i) => i).sort((a, b) => X[a][feature] - X[b][feature]);
  const inc = Math.max(1, Math.floor(n / 10));
  for (let k = 0; k < p; k++) {
    if (k === feature) continue;
    let s = 0;
    for (let start = 0; start < n; start += inc) {
      const idx = order.slice(start, start + inc);
      if (idx.length < 2) continue;
      const a = idx.map((i) => shap[i][feature]);
      const b = idx.map((i) => X[i][k]);
      s += Math.abs(corr(a, b));
    }
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

/** Correlation for choosing the SHAP interaction colour; 0 when a side is constant. */
function corr(a: number[], b: number[]): number {
  const r = pearsonCorrelation(a, b);
  return Number.isFinite(r) ? r : 0;
}

export interface DependenceOptions extends ShapPlotOptions {
  /** Colour by this feature (index or name); "auto" (default) picks the strongest interaction; null for none. */
  interaction?: number | string | "auto" | null;
  /** SHAP interaction values (n × (p+1) × (p+1)) to choose the colour feature exactly. */
  interactionValues?: readonly (readonly ArrayLike<number>[])[];
}

/** Dependence plot (shap.dependence_plot): feature value against its SHAP value, coloured by a second feature. */
export function shapDependenceFigure(feature: number | string, shap: readonly ArrayLike<number>[], X: readonly ArrayLike<number>[], featureNames: readonly string[], opts: DependenceOptions = {}): Figure {
  checkShape(shap, featureNames);
  const idx = (f: number | string) => {
    const j = typeof f === "number" ? f : featureNames.indexOf(f);
    if (!(j >= 0 && j < featureNames.length)) throw new RangeError(`shap plot: unknown feature ${JSON.stringify(f)} (have ${featureNames.join(", ")})`);
    return j;
  };
  const j = idx(feature);
  const inter = opts.interaction === undefined || opts.interaction === "auto" ? (featureNames.length > 1 ? strongestInteraction(j, shap, X, opts.interactionValues) : null) : opts.interaction === null ? null : idx(opts.interaction);
  const xs = X.map((r) => r[j]);
  const ys = shap.map((r) => r[j]);
  const trace: Trace = {
    type: "scatter",
    mode: "markers",
    x: xs,
    y: ys,
    marker: { size: 6, color: "rgb(30,136,229)" },
    showlegend: false,
  };
  if (inter !== null) {
    const cv = X.map((r) => r[inter]);
    trace.marker = { size: 6, color: cv, colorscale: SHAP_SCALE, showscale: true, colorbar: { title: { text: featureNames[inter] } } };
    trace.hovertext = xs.map((v, i) => `${featureNames[j]} = ${v}, SHAP ${ys[i].toPrecision(4)}, ${featureNames[inter]} = ${cv[i]}`);
    trace.hoverinfo = "text";
  }
  return {
    data: [trace],
    layout: {
      title: { text: opts.title ?? `SHAP dependence: ${featureNames[j]}${inter !== null ? ` (colour: ${featureNames[inter]})` : ""}` },
      width: opts.width ?? 640,
      height: opts.height ?? 440,
      xaxis: { title: { text: featureNames[j] } },
      yaxis: { title: { text: `SHAP value for ${featureNames[j]}` } },
      showlegend: false,
    },
  };
}

