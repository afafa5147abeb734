/**
 * The bridge to the notebook: a value with a MIME bundle is sent to tslab's display channel as one
 * display_data message (so the HTML report, GitHub and nbviewer each pick the richest type they can show);
 * outside a kernel the text/plain part is printed.
 */
export type MimeBundle = Record<string, string>;

/**
 * Machine-readable numbers of a displayed table, at full precision, keyed "row | column". The snapshot guard
 * and the what-if diff read them from the executed notebook; viewers ignore the type.
 */
export const ESTIMATES_MIME = "application/vnd.regionlab.estimates+json";

export interface EstimatesPayload {
  kind: "regression" | "table";
  caption: string;
  provenance?: string;
  values: Record<string, number | null>;
}

/** Keeps finite numbers; NaN/±Infinity become null so the JSON stays valid and the change still shows. */
export function finiteOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export interface Displayable {
  mimeBundle(): MimeBundle;
}

export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === "object" && x !== null && typeof (x as Displayable).mimeBundle === "function";
}

type WriteDisplayData = (data: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function tslabWriter(): WriteDisplayData | null {
  if (!(globalThis as { __tslab__?: unknown }).__tslab__) return null;
  try {
    // The kernel and this module resolve the same tslab package, so this is the live channel.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** True when running inside a tslab kernel. */
export function inNotebook(): boolean {
  return tslabWriter() !== null;
}

/** Show a Displayable (or a raw bundle, or a string as text/plain) in the notebook or on stdout. */
export function show(x: Displayable | MimeBundle | string): void {
  const bundle: MimeBundle = typeof x === "string" ? { "text/plain": x } : isDisplayable(x) ? x.mimeBundle() : x;
  const write = tslabWriter();
  if (write) {
    write({ data: bundle, metadata: {}, transient: {} }, false);
    return;
  }
  process.stdout.write((bundle["text/plain"] ?? bundle["text/markdown"] ?? "[rich output]") + "\n");
}

/** Markdown shown as a cell output (for computed prose: "74 of 126 cities ..."). */
export function markdown(md: string): Displayable {
  return { mimeBundle: () => ({ "text/markdown": md, "text/plain": md }) };
}

/** Raw HTML with a plain-text fallback. */
export function html(h: string, text = h.replace(/<[^>]+>/g, "")): Displayable {
  return { mimeBundle: () => ({ "text/html": h, "text/plain": text }) };
}
