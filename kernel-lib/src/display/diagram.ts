import { Figure, Trace } from "./figure";

/**
 * Two figure builders the conceptual papers need: a framework drawn as nodes and links (the papers' 图 as a flow),
 * and a list timeline (one dated event per line, its text at the left). Both return a plain Figure for `plot`.
 */
export interface DiagramNode {
  id: string;
  x: number;
  y: number;
  /** Label; `<br>` breaks lines. */
  label: string;
  color: string;
  size?: number;
}

/** [from, to, width?, colour?, label?] */
export type DiagramEdge = [string, string, number?, string?, string?];

export interface DiagramOptions {
  title: string;
  x: [number, number];
  y: [number, number];
  width?: number;
  height?: number;
  /** Where labels sit: below the node by `labelDy` (default), or beside it. */
  labelDy?: number;
  textposition?: string;
}

/** Nodes as markers with labels, edges as lines (with optional labels at their middle). */
export function flowDiagram(nodes: DiagramNode[], edges: DiagramEdge[], o: DiagramOptions): Figure {
  const at = new Map(nodes.map((n) => [n.id, n]));
  const node = (id: string) => {
    const n = at.get(id);
    if (!n) throw new Error(`flowDiagram: edge names an unknown node "${id}"`);
    return n;
  };
  const dy = o.labelDy ?? 0.22;
  const lines: Trace[] = edges.map(([a, b, w, c, label]) => ({
    type: "scatter", mode: "lines", x: [node(a).x, node(b).x], y: [node(a).y, node(b).y],
    line: { color: c ?? "#cccccc", width: w ?? 1.5 }, showlegend: false,
    ...(label ? { hovertext: [label, label], hoverinfo: "text" } : { hoverinfo: "skip" }),
  }));
  const labelled = edges.filter((e) => e[4]);
  const edgeText: Trace[] = labelled.length
    ? [{ type: "scatter", mode: "text", showlegend: false, hoverinfo: "skip", textposition: "middle center",
        x: labelled.map(([a, b]) => (node(a).x + node(b).x) / 2), y: labelled.map(([a, b]) => (node(a).y + node(b).y) / 2 + 0.13),
        text: labelled.map((e) => e[4]!) }]
    : [];
  return {
    data: [
      ...lines,
      ...edgeText,
      { type: "scatter", mode: "markers", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y), showlegend: false, hoverinfo: "text",
        marker: { size: nodes.map((n) => n.size ?? 16), color: nodes.map((n) => n.color), line: { color: "#333", width: 1 } },
        hovertext: nodes.map((n) => n.label.replace(/<br>/g, " ")) },
      { type: "scatter", mode: "text", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y - dy), text: nodes.map((n) => n.label),
        textposition: o.textposition ?? "bottom center", showlegend: false, hoverinfo: "skip" },
    ],
    layout: { title: { text: o.title }, width: o.width ?? 1060, height: o.height ?? 520, margin: { l: 20, r: 20, t: 50, b: 10 },
      xaxis: { visible: false, range: o.x }, yaxis: { visible: false, range: o.y }, showlegend: false },
  };
}

export interface TimelineEvent {
  x: number;
  /** End of a span (drawn as a bar), if any. */
  xEnd?: number;
  /** Text at the left of the line (HTML allowed). */
  label: string;
  hover?: string;
  color?: string;
}

export interface TimelineOptions {
  title: string;
  /** Where the label column ends (labels are right-aligned to it). */
  labelX: number;
  x: [number, number];
  ticks: number[];
  width?: number;
  height?: number;
  spanName?: (e: TimelineEvent) => string;
}

/** One event per line, top to bottom in the given order, a marker at its date and the year ticks under it. */
export function listTimeline(events: TimelineEvent[], o: TimelineOptions): Figure {
  const y = (i: number) => events.length - i;
  const spans: Trace[] = events.flatMap((e, i) => (e.xEnd === undefined ? [] : [{
    type: "scatter" as const, mode: "lines" as const, x: [e.x, e.xEnd], y: [y(i), y(i)], line: { color: "#ff7f0e", width: 8 },
    name: o.spanName ? o.spanName(e) : "span", showlegend: true }]));
  return {
    data: [
      ...spans,
      { type: "scatter", mode: "markers", x: events.map((e) => e.x), y: events.map((_, i) => y(i)), showlegend: false, hoverinfo: "text",
        marker: { size: 11, color: events.map((e) => e.color ?? "#d62728") }, hovertext: events.map((e) => e.hover ?? e.label) },
      { type: "scatter", mode: "text", x: events.map(() => o.labelX), y: events.map((_, i) => y(i)), text: events.map((e) => e.label),
        textposition: "middle left", showlegend: false, hoverinfo: "skip" },
      { type: "scatter", mode: "text", x: o.ticks, y: o.ticks.map(() => 0.2), text: o.ticks.map(String), textposition: "middle center",
        showlegend: false, hoverinfo: "skip" },
    ],
    layout: { title: { text: o.title }, width: o.width ?? 1100, height: o.height ?? 420, margin: { l: 10, r: 20, t: 50, b: 10 },
      xaxis: { visible: false, range: o.x }, yaxis: { visible: false, range: [-0.3, events.length + 0.7] },
      legend: { orientation: "h", y: -0.02, x: 0.6 } },
  };
}

/** Break a text into lines of at most `width` characters at spaces, joined by <br>. */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    if ((cur + " " + word).trim().length > width && cur) {
      out.push(cur);
      cur = word;
    } else cur = (cur + " " + word).trim();
  }
  if (cur) out.push(cur);
  return out.join("<br>");
}
