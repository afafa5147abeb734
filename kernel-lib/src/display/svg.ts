import { displayWidth, escapeHtml } from "./html";
import { Axis, DEFAULT_COLORS, Figure, Trace, colorAt, colorRange, resolveScale, titleText } from "./figure";

/**
 * A static SVG drawing of a Figure, so every figure stays visible where no script runs (GitHub, nbviewer,
 * a printed report). It draws what regionlab's figures use: scatter markers and lines (with gaps at null),
 * filled polygons, bars, error bars, shapes, a legend and a colour bar; one x and one y axis, linear or
 * categorical, with equal scaling for maps.
 */

const FONT = "system-ui, 'Noto Sans CJK SC', 'Noto Sans', sans-serif";

type Scale = {
  kind: "linear" | "log" | "category";
  lo: number;
  hi: number;
  cats: string[];
  pos(v: number | string): number;
};

function niceStep(span: number, target = 6): number {
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo, target);
  const out: number[] = [];
  // Integer multiples of the step, rounded to 12 significant digits so 0.1 + 0.2 stays 0.3.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(k === 0 ? 0 : parseFloat((k * step).toPrecision(12)));
  return out;
}

function fmtTick(v: number, step: number): string {
  const d = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  const s = v.toFixed(d);
  return s.replace(/^-/, "−");
}

function isCategorical(vals: (number | string | null)[], axis?: Axis): boolean {
  if (axis?.type) return axis.type === "category";
  return vals.some((v) => typeof v === "string");
}

function buildScale(vals: (number | string | null)[], axis: Axis | undefined, includeZero: boolean, a: number, b: number): Scale {
  if (isCategorical(vals, axis)) {
    const cats = categoryOrder(vals, axis);
    const n = Math.max(1, cats.length);
    const rev = axis?.autorange === "reversed";
    return {
      kind: "category",
      lo: -0.5,
      hi: n - 0.5,
      cats,
      pos: (v) => {
        const i = cats.indexOf(String(v));
        const u = (i + 0.5) / n;
        return rev ? b + (a - b) * u : a + (b - a) * u;
      },
    };
  }
  if (axis?.type === "log") {
    // plotly's log axes take their range in log10 units.
    const pos = vals.filter((v): v is number => typeof v === "number" && v > 0);
    if (!pos.length) throw new Error("figure: a log axis needs positive values");
    let lo = axis.range ? axis.range[0] : Math.log10(pos.reduce((a, v) => Math.min(a, v)));
    let hi = axis.range ? axis.range[1] : Math.log10(pos.reduce((a, v) => Math.max(a, v)));
    if (hi === lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    if (!axis.range) {
      const pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    const rev = axis.autorange === "reversed";
    return {
      kind: "log",
      lo,
      hi,
      cats: [],
      pos: (v) => {
        const u = (Math.log10(v as number) - lo) / (hi - lo);
        return rev ? b + (a - b) * u : a + (b - a) * u;
      },
    };
  }
  let lo = 0, hi = 1;
  if (axis?.range) [lo, hi] = axis.range;
  else {
    // pairwise Math.min/max: the same value as Math.min(...nums) (−0 below +0 included), without spreading a map's
    // hundred thousand coordinates into arguments
    let any = false;
    for (const v of vals) {
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      if (!any) { lo = hi = v; any = true; }
      else { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
  }
  if (!axis?.range) {
    if (includeZero) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
    if (hi === lo) {
      hi += 1;
      lo -= 1;
    }
    const pad = (hi - lo) * 0.05;
    if (!(includeZero && lo === 0)) lo -= pad;
    if (!(includeZero && hi === 0)) hi += pad;
  }
  const rev = axis?.autorange === "reversed";
  return {
    kind: "linear",
    lo,
    hi,
    cats: [],
    pos: (v) => {
      const u = ((v as number) - lo) / (hi - lo);
      return rev ? b + (a - b) * u : a + (b - a) * u;
    },
  };
}

/** The categories of an axis in the order plotly draws them. */
export function categoryOrder(vals: readonly (number | string | null)[], axis?: Axis): string[] {
  const seen: string[] = [];
  const have = new Set<string>();
  for (const v of vals) {
    if (v === null || have.has(String(v))) continue;
    have.add(String(v));
    seen.push(String(v));
  }
  const order = axis?.categoryorder ?? (axis?.categoryarray ? "array" : "trace");
  if (order === "array") {
    // plotly: the listed categories first, in the array's order (listed ones without data keep their slot),
    // then the others in order of appearance.
    const listed = (axis?.categoryarray ?? []).map(String);
    const inList = new Set(listed);
    return [...new Set(listed), ...seen.filter((c) => !inList.has(c))];
  }
  if (order === "category ascending" || order === "category descending") {
    const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return order === "category ascending" ? sorted : sorted.reverse();
  }
  return seen;
}

/** Estimated width in pixels (11 px labels) of the longest category label on the y axis; 0 when it is not categorical. */
function categoryLabelWidth(traces: readonly Trace[], axis: Axis): number {
  const vals = traces.flatMap((t) => t.y ?? []);
  if (!isCategorical(vals, axis)) return 0;
  return Math.max(0, ...categoryOrder(vals, axis).map((c) => displayWidth(c) * 6.2));
}

function dashArray(d?: string): string {
  return d === "dash" ? ' stroke-dasharray="6,4"' : d === "dot" ? ' stroke-dasharray="2,3"' : "";
}

/**
 * A coordinate to one decimal: (Math.round(v * 10) / 10).toString(), assembled from integers (a map has ~10⁵
 * coordinates and the shortest-double printing was most of its SVG time). For |r| < 10¹⁴ the double r/10 prints
 * as its decimal "I.d", so the text is the same (test/display.test.ts checks it on millions of values).
 */
export function f1(v: number): string {
  const r = Math.round(v * 10);
  if (!(r > -1e14 && r < 1e14)) return (r / 10).toString();
  if (r % 10 === 0) return String(r / 10);
  const a = r < 0 ? -r : r;
  return `${r < 0 ? "-" : ""}${(a - (a % 10)) / 10}.${a % 10}`;
}

export interface SvgOptions {
  /** A badge in the top-right corner ("synthetic data"), the same label the caption carries. */
  badge?: string;
}

export function figureToSvg(fig: Figure, opts: SvgOptions = {}): string {
  const L = fig.layout ?? {};
  const W = L.width ?? 720;
  const H = L.height ?? 460;
  const traces = fig.data;
  const scaleTrace = traces.find((t) => t.marker?.showscale && Array.isArray(t.marker.color) && typeof t.marker.color[0] === "number");
  const named = traces.filter((t) => t.name && t.showlegend !== false);
  const showLegend = L.showlegend ?? named.length > 1;
  const m = {
    l: Math.max(L.margin?.l ?? 70, L.yaxis?.automargin ? categoryLabelWidth(traces, L.yaxis) + 12 : 0),
    r: (L.margin?.r ?? 30) + (scaleTrace ? 70 : 0) + (showLegend ? 130 : 0),
    t: L.margin?.t ?? (titleText(L.title) ? 50 : 20),
    b: L.margin?.b ?? 60,
  };
  let x0 = m.l;
  let x1 = W - m.r;
  let y0 = H - m.b; // pixel y of the bottom
  let y1 = m.t; // pixel y of the top

  const horizontalBars = traces.some((t) => t.type === "bar" && t.orientation === "h");
  const verticalBars = traces.some((t) => t.type === "bar" && t.orientation !== "h");
  const allX: (number | string | null)[] = [];
  const allY: (number | string | null)[] = [];
  for (const t of traces) {
    const xs = t.x ?? [];
    const ys = t.y ?? [];
    for (const v of xs) allX.push(v);
    for (const v of ys) allY.push(v);
    // error bars extend the range
    if (t.error_y?.array) ys.forEach((v, i) => typeof v === "number" && allY.push(v + t.error_y!.array[i], v - (t.error_y!.arrayminus ?? t.error_y!.array)[i]));
    if (t.error_x?.array) xs.forEach((v, i) => typeof v === "number" && allX.push(v + t.error_x!.array[i], v - (t.error_x!.arrayminus ?? t.error_x!.array)[i]));
  }
  for (const s of L.shapes ?? []) {
    if (s.xref !== "paper") allX.push(s.x0, s.x1);
    if (s.yref !== "paper") allY.push(s.y0, s.y1);
  }
  let sx = buildScale(allX, L.xaxis, horizontalBars, x0, x1);
  let sy = buildScale(allY, L.yaxis, verticalBars, y0, y1);
  // Equal scaling (maps): shrink the longer side so one unit is the same length on both axes.
  if (L.yaxis?.scaleanchor === "x" && sx.kind === "linear" && sy.kind === "linear") {
    const ratio = L.yaxis.scaleanchor ? L.yaxis.scaleratio ?? 1 : 1;
    const pxPerX = (x1 - x0) / (sx.hi - sx.lo);
    const pxPerY = (y0 - y1) / ((sy.hi - sy.lo) * ratio);
    const p = Math.min(pxPerX, pxPerY);
    const wNeed = p * (sx.hi - sx.lo);
    const hNeed = p * (sy.hi - sy.lo) * ratio;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    x0 = cx - wNeed / 2;
    x1 = cx + wNeed / 2;
    y0 = cy + hNeed / 2;
    y1 = cy - hNeed / 2;
    sx = buildScale(allX, { ...L.xaxis, range: [sx.lo, sx.hi] }, false, x0, x1);
    sy = buildScale(allY, { ...L.yaxis, range: [sy.lo, sy.hi] }, false, y0, y1);
  }

  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="${L.paper_bgcolor ?? "#ffffff"}"/>`);
  parts.push(`<rect x="${f1(x0)}" y="${f1(y1)}" width="${f1(x1 - x0)}" height="${f1(y0 - y1)}" fill="${L.plot_bgcolor ?? "#ffffff"}"/>`);

  const axisParts = (s: Scale, axis: Axis | undefined, horizontal: boolean) => {
    if (axis?.visible === false) return;
    const grid = axis?.showgrid !== false;
    if (s.kind === "category") {
      for (const c of s.cats) {
        const p = s.pos(c);
        if (horizontal) parts.push(`<text x="${f1(p)}" y="${f1(y0 + 16)}" text-anchor="middle" font-size="11">${escapeHtml(c)}</text>`);
        else parts.push(`<text x="${f1(x0 - 6)}" y="${f1(p + 4)}" text-anchor="end" font-size="11">${escapeHtml(c)}</text>`);
      }
    } else if (s.kind === "log") {
      for (let e = Math.ceil(s.lo - 1e-9); e <= s.hi + 1e-9; e++) {
        const v = Math.pow(10, e);
        const p = s.pos(v);
        const label = e >= 0 && e < 6 ? String(v) : `1e${e}`;
        if (horizontal) {
          if (grid) parts.push(`<line x1="${f1(p)}" x2="${f1(p)}" y1="${f1(y1)}" y2="${f1(y0)}" stroke="#e5e5e5"/>`);
          parts.push(`<text x="${f1(p)}" y="${f1(y0 + 16)}" text-anchor="middle" font-size="11">${label}</text>`);
        } else {
          if (grid) parts.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(p)}" y2="${f1(p)}" stroke="#e5e5e5"/>`);
          parts.push(`<text x="${f1(x0 - 6)}" y="${f1(p + 4)}" text-anchor="end" font-size="11">${label}</text>`);
        }
      }
    } else {
      const ticks = niceTicks(Math.min(s.lo, s.hi), Math.max(s.lo, s.hi));
      const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
      for (const t of ticks) {
        const p = s.pos(t);
        if (horizontal) {
          if (grid) parts.push(`<line x1="${f1(p)}" x2="${f1(p)}" y1="${f1(y1)}" y2="${f1(y0)}" stroke="#e5e5e5"/>`);
          parts.push(`<text x="${f1(p)}" y="${f1(y0 + 16)}" text-anchor="middle" font-size="11">${fmtTick(t, step)}</text>`);
        } else {
          if (grid) parts.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(p)}" y2="${f1(p)}" stroke="#e5e5e5"/>`);
          parts.push(`<text x="${f1(x0 - 6)}" y="${f1(p + 4)}" text-anchor="end" font-size="11">${fmtTick(t, step)}</text>`);
        }
      }
      if (axis?.zeroline !== false && s.lo < 0 && s.hi > 0) {
        const p = s.pos(0);
        parts.push(
          horizontal
            ? `<line x1="${f1(p)}" x2="${f1(p)}" y1="${f1(y1)}" y2="${f1(y0)}" stroke="#999"/>`
            : `<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(p)}" y2="${f1(p)}" stroke="#999"/>`,
        );
      }
    }
    const title = titleText(axis?.title);
    if (title) {
      if (horizontal) parts.push(`<text x="${f1((x0 + x1) / 2)}" y="${f1(y0 + 40)}" text-anchor="middle" font-size="12">${escapeHtml(title)}</text>`);
      else parts.push(`<text transform="translate(${f1(x0 - 50)},${f1((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="12">${escapeHtml(title)}</text>`);
    }
  };
  axisParts(sx, L.xaxis, true);
  axisParts(sy, L.yaxis, false);

  // Shapes below data.
  for (const s of L.shapes ?? []) {
    const px = (v: number) => (s.xref === "paper" ? x0 + v * (x1 - x0) : sx.pos(v));
    const py = (v: number) => (s.yref === "paper" ? y0 - v * (y0 - y1) : sy.pos(v));
    if (s.type === "line") {
      parts.push(`<line x1="${f1(px(s.x0))}" y1="${f1(py(s.y0))}" x2="${f1(px(s.x1))}" y2="${f1(py(s.y1))}" stroke="${s.line?.color ?? "#444"}" stroke-width="${s.line?.width ?? 1}"${dashArray(s.line?.dash)}/>`);
    } else {
      const xa = Math.min(px(s.x0), px(s.x1));
      const ya = Math.min(py(s.y0), py(s.y1));
      parts.push(`<rect x="${f1(xa)}" y="${f1(ya)}" width="${f1(Math.abs(px(s.x1) - px(s.x0)))}" height="${f1(Math.abs(py(s.y1) - py(s.y0)))}" fill="${s.fillcolor ?? "rgba(0,0,0,0.1)"}" stroke="none"/>`);
    }
  }

  const barTraces = traces.filter((t) => t.type === "bar");
  const nBarGroups = L.barmode === "overlay" || L.barmode === "stack" ? 1 : Math.max(1, barTraces.length);
  let barIndex = 0;
  const legend: { name: string; color: string; kind: "line" | "marker" | "bar" }[] = [];

  traces.forEach((t, ti) => {
    const base = typeof t.marker?.color === "string" ? t.marker.color : t.line?.color ?? DEFAULT_COLORS[ti % DEFAULT_COLORS.length];
    const xs = t.x ?? [];
    const ys = t.y ?? [];
    const pointColor = pointColors(t, base, xs.length || ys.length);
    if (t.type === "bar") {
      const horizontal = t.orientation === "h";
      const catScale = horizontal ? sy : sx;
      const valScale = horizontal ? sx : sy;
      const band = catScale.kind === "category" ? Math.abs(catScale.pos(catScale.cats[1] ?? catScale.cats[0]) - catScale.pos(catScale.cats[0])) || Math.abs((horizontal ? y0 - y1 : x1 - x0) / Math.max(1, catScale.cats.length)) : 12;
      const w = (band * 0.8) / nBarGroups;
      const off = -band * 0.4 + w * (nBarGroups === 1 ? 0 : barIndex) + w / 2;
      const n = horizontal ? xs.length : ys.length;
      for (let i = 0; i < n; i++) {
        const cat = horizontal ? ys[i] : xs[i];
        const val = horizontal ? xs[i] : ys[i];
        if (cat === null || typeof val !== "number" || !Number.isFinite(val)) continue;
        const c = catScale.pos(cat) + off;
        const v0 = valScale.kind === "log" ? valScale.pos(Math.pow(10, Math.min(valScale.lo, valScale.hi))) : valScale.pos(0);
        if (valScale.kind === "log" && !(val > 0)) continue;
        const v1 = valScale.pos(val);
        if (horizontal) parts.push(`<rect x="${f1(Math.min(v0, v1))}" y="${f1(c - w / 2)}" width="${f1(Math.abs(v1 - v0))}" height="${f1(w)}" fill="${pointColor(i)}"/>`);
        else parts.push(`<rect x="${f1(c - w / 2)}" y="${f1(Math.min(v0, v1))}" width="${f1(w)}" height="${f1(Math.abs(v1 - v0))}" fill="${pointColor(i)}"/>`);
      }
      barIndex++;
      if (t.name && t.showlegend !== false) legend.push({ name: t.name, color: base, kind: "bar" });
      return;
    }
    const mode = t.mode ?? (xs.length > 20 ? "markers" : "lines+markers");
    const pts: ([number, number] | null)[] = xs.map((x, i) => {
      const y = ys[i];
      if (x === null || y === null || x === undefined || y === undefined) return null;
      if (typeof x === "number" && !Number.isFinite(x)) return null;
      if (typeof y === "number" && !Number.isFinite(y)) return null;
      // A log axis has no place for zero or negative values (plotly drops them too).
      if ((sx.kind === "log" && !((x as number) > 0)) || (sy.kind === "log" && !((y as number) > 0))) return null;
      return [sx.pos(x), sy.pos(y)];
    });
    if (mode.includes("lines") || t.fill === "toself") {
      const segs: string[] = [];
      let cur: string[] = [];
      for (const p of pts) {
        if (!p) {
          if (cur.length) segs.push(cur.join(" "));
          cur = [];
        } else cur.push(`${f1(p[0])},${f1(p[1])}`);
      }
      if (cur.length) segs.push(cur.join(" "));
      const lineColor = t.line?.color ?? base;
      const lw = t.line?.width ?? 2;
      for (const s of segs) {
        if (t.fill === "toself") parts.push(`<polygon points="${s}" fill="${t.fillcolor ?? "rgba(31,119,180,0.2)"}" stroke="${lineColor}" stroke-width="${lw}"/>`);
        else parts.push(`<polyline points="${s}" fill="none" stroke="${lineColor}" stroke-width="${lw}"${dashArray(t.line?.dash)}/>`);
      }
    }
    const errBars = (err: Trace["error_y"], vertical: boolean) => {
      if (!err || err.visible === false) return;
      pts.forEach((p, i) => {
        const v = (vertical ? ys[i] : xs[i]) as number;
        if (!p || typeof v !== "number") return;
        const up = err.array[i];
        const down = (err.arrayminus ?? err.array)[i];
        if (vertical) parts.push(`<line x1="${f1(p[0])}" x2="${f1(p[0])}" y1="${f1(sy.pos(v + up))}" y2="${f1(sy.pos(v - down))}" stroke="${base}" stroke-width="1.5"/>`);
        else parts.push(`<line y1="${f1(p[1])}" y2="${f1(p[1])}" x1="${f1(sx.pos(v + up))}" x2="${f1(sx.pos(v - down))}" stroke="${base}" stroke-width="1.5"/>`);
      });
    };
    errBars(t.error_y, true);
    errBars(t.error_x, false);
    if (mode.includes("markers")) {
      const size = t.marker?.size ?? 6;
      pts.forEach((p, i) => {
        if (!p) return;
        const r = (Array.isArray(size) ? size[i] : size) / 2;
        const stroke = t.marker?.line ? ` stroke="${t.marker.line.color ?? "#333"}" stroke-width="${t.marker.line.width ?? 0.5}"` : "";
        parts.push(`<circle cx="${f1(p[0])}" cy="${f1(p[1])}" r="${f1(r)}" fill="${pointColor(i)}"${t.marker?.opacity !== undefined ? ` fill-opacity="${t.marker.opacity}"` : ""}${stroke}/>`);
      });
    }
    if (mode.includes("text") && t.text) {
      pts.forEach((p, i) => {
        const label = Array.isArray(t.text) ? t.text[i] : t.text;
        if (!p || !label) return;
        parts.push(`<text x="${f1(p[0] + 5)}" y="${f1(p[1] - 5)}" font-size="10" fill="#333">${escapeHtml(label)}</text>`);
      });
    }
    if (t.name && t.showlegend !== false) legend.push({ name: t.name, color: base, kind: mode.includes("lines") || t.fill === "toself" ? "line" : "marker" });
  });

  // Axes frame.
  parts.push(`<line x1="${f1(x0)}" x2="${f1(x1)}" y1="${f1(y0)}" y2="${f1(y0)}" stroke="#333"/>`);
  parts.push(`<line x1="${f1(x0)}" x2="${f1(x0)}" y1="${f1(y0)}" y2="${f1(y1)}" stroke="#333"/>`);

  if (showLegend && legend.length) {
    parts.push('<g class="rl-legend">');
    const lx = W - (L.margin?.r ?? 30) - 125;
    legend.forEach((e, i) => {
      const ly = y1 + 10 + i * 18;
      if (e.kind === "line") parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${e.color}" stroke-width="2"/>`);
      else if (e.kind === "bar") parts.push(`<rect x="${lx}" y="${ly - 5}" width="18" height="10" fill="${e.color}"/>`);
      else parts.push(`<circle cx="${lx + 9}" cy="${ly}" r="4" fill="${e.color}"/>`);
      parts.push(`<text x="${lx + 24}" y="${ly + 4}" font-size="11">${escapeHtml(e.name)}</text>`);
    });
    parts.push("</g>");
  }

  if (scaleTrace) {
    const mk = scaleTrace.marker!;
    const scale = resolveScale(mk.colorscale);
    const [lo, hi] = colorRange(mk, mk.color as number[]);
    const bx = W - (L.margin?.r ?? 30) - 50 - (showLegend ? 130 : 0);
    const by0 = y1 + 10;
    const by1 = y0 - 10;
    const steps = 40;
    for (let k = 0; k < steps; k++) {
      const ya = by1 - ((by1 - by0) * (k + 1)) / steps;
      parts.push(`<rect x="${bx}" y="${f1(ya)}" width="14" height="${f1((by1 - by0) / steps + 0.5)}" fill="${colorAt(scale, (k + 0.5) / steps)}"/>`);
    }
    const ticks = niceTicks(lo, hi, 5);
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    for (const t of ticks) {
      const p = by1 - ((t - lo) / (hi - lo || 1)) * (by1 - by0);
      parts.push(`<text x="${bx + 18}" y="${f1(p + 4)}" font-size="10">${fmtTick(t, step)}</text>`);
    }
    const ct = titleText(mk.colorbar?.title);
    if (ct) parts.push(`<text x="${bx}" y="${f1(by0 - 2)}" font-size="10">${escapeHtml(ct)}</text>`);
  }

  if (opts.badge) {
    const w = 12 + opts.badge.length * 6.2;
    parts.push(`<g class="rl-badge"><rect x="${f1(W - w - 4)}" y="4" width="${f1(w)}" height="16" rx="3" fill="#fff3cd" stroke="#e0c36a"/><text x="${f1(W - w / 2 - 4)}" y="15.5" text-anchor="middle" font-size="11" fill="#7a5b00">${escapeHtml(opts.badge)}</text></g>`);
  }
  const title = titleText(L.title);
  if (title) parts.push(`<text x="${f1(W / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="600">${escapeHtml(title)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">${parts.join("")}</svg>`;
}

function pointColors(t: Trace, base: string, n: number): (i: number) => string {
  const c = t.marker?.color;
  if (Array.isArray(c) && c.length) {
    if (typeof c[0] === "number") {
      const scale = resolveScale(t.marker!.colorscale);
      const [lo, hi] = colorRange(t.marker!, c as number[]);
      return (i) => colorAt(scale, ((c[i] as number) - lo) / (hi - lo || 1));
    }
    return (i) => String(c[i % n]);
  }
  return () => base;
}
