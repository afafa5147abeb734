import * as fs from "fs";
import * as path from "path";
import { listNotebooks, Scoreboard, ScoreboardRow } from "../runner/replicate";
import { ParamDecl, allowed, readParameters } from "../runner/params";

/**
 * What `regionlab explore` knows about the studies without running anything: titles from each notebook's first
 * markdown cell, the baseline's scoreboard row, the parameter declarations, the dataset a data parameter reads,
 * and the cells of the executed baseline (teaching mode).
 */

export interface StudySummary {
  id: string;
  title: string;
  titleZh: string | null;
  citation: string | null;
  provenance: string | null;
  row: ScoreboardRow | null;
  /** When the baseline was last executed (ISO), from the executed notebook's file time. */
  lastRun: string | null;
  hasBaseline: boolean;
}

interface NotebookJson {
  metadata?: { regionlab?: { provenance?: string } };
  cells: { cell_type: string; source: string | string[]; metadata?: Record<string, unknown>; outputs?: unknown[] }[];
}

const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

/** An id is a notebook stem: no path separators, no dots, nothing a path could climb with. */
export const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

export function readNotebook(root: string, id: string): NotebookJson {
  return JSON.parse(fs.readFileSync(path.join(root, "notebooks", `${id}.ipynb`), "utf8")) as NotebookJson;
}

/** "# English title" and "**Study.** Authors. 中文标题 (English translation). *Journal* ..." of the first cell. */
export function titlesOf(nb: NotebookJson): Pick<StudySummary, "title" | "titleZh" | "citation"> {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const src = first ? text(first.source) : "";
  const title = /^#\s+(.+)$/m.exec(src)?.[1].trim() ?? "";
  const study = /\*\*Study\.\*\*\s+([\s\S]+?)(?:\n\n|$)/.exec(src)?.[1].replace(/\s*\n\s*/g, " ") ?? null;
  let titleZh: string | null = null;
  if (study) {
    // Authors end at the first ". " (Chinese names hold no full stop); the title runs to " (" or the next ". ".
    const afterAuthors = study.slice(study.indexOf(". ") + 2);
    titleZh = /^([^(（.]+?)\s*[(（.]/.exec(afterAuthors)?.[1].trim() ?? null;
  }
  return { title, titleZh, citation: study };
}

export function readScoreboard(outDir: string): Scoreboard | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, "scoreboard.json"), "utf8")) as Scoreboard;
  } catch {
    return null;
  }
}

export function listStudies(root: string, outDir: string): StudySummary[] {
  const sb = readScoreboard(outDir);
  return listNotebooks(root).map((id) => {
    const nb = readNotebook(root, id);
    const executed = path.join(outDir, `${id}.ipynb`);
    const has = fs.existsSync(executed) && fs.existsSync(path.join(outDir, `${id}.html`));
    return {
      id,
      ...titlesOf(nb),
      provenance: nb.metadata?.regionlab?.provenance ?? null,
      row: sb?.notebooks.find((r) => r.id === id) ?? null,
      lastRun: has ? fs.statSync(executed).mtime.toISOString() : null,
      hasBaseline: has,
    };
  });
}

/**
 * The dataset of data/<id>/schema.json a data parameter is read with: the notebook's own
 * `openData(<param>, studySchema(STUDY, "<dataset>"))`, else the schema's only dataset; null when neither says.
 */
export function datasetOf(root: string, id: string, param: string): string | null {
  const src = readNotebook(root, id)
    .cells.filter((c) => c.cell_type === "code")
    .map((c) => text(c.source))
    .join("\n");
  const m = new RegExp(`openData\\(\\s*${param}\\s*,\\s*studySchema\\(\\s*STUDY\\s*,\\s*"([\\w-]+)"`).exec(src);
  if (m) return m[1];
  try {
    const schema = JSON.parse(fs.readFileSync(path.join(root, "data", id, "schema.json"), "utf8")) as { datasets: Record<string, unknown> };
    const names = Object.keys(schema.datasets);
    return names.length === 1 ? names[0] : null;
  } catch {
    return null;
  }
}

export interface StudyParams {
  id: string;
  parameters: (Omit<ParamDecl, "dataset"> & { allowed: string; dataset?: string | null; upload?: boolean })[];
}

/** Cells of an executed notebook for teaching mode: markdown, code and outputs, with the parameters cell marked. */
export interface TeachingCell {
  index: number;
  kind: "markdown" | "code";
  source: string;
  parameters: boolean;
  /** Seconds the cell took in the baseline run (from nbclient's timing metadata), when known. */
  seconds: number | null;
}

export function cellSeconds(c: NotebookJson["cells"][number]): number | null {
  const ex = c.metadata?.execution as Record<string, string> | undefined;
  if (!ex) return null;
  const a = Date.parse(ex["iopub.status.busy"] ?? ex["iopub.execute_input"] ?? "");
  const b = Date.parse(ex["iopub.status.idle"] ?? ex["shell.execute_reply"] ?? "");
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? (b - a) / 1000 : null;
}

/** Per code-cell seconds of the baseline (index → seconds), for the progress estimate of a what-if. */
export function baselineCellSeconds(outDir: string, id: string): Record<number, number> {
  try {
    const nb = JSON.parse(fs.readFileSync(path.join(outDir, `${id}.ipynb`), "utf8")) as NotebookJson;
    const out: Record<number, number> = {};
    nb.cells.forEach((c, i) => {
      const s = cellSeconds(c);
      if (c.cell_type === "code" && s !== null) out[i] = s;
    });
    return out;
  } catch {
    return {};
  }
}

export function studyParams(root: string, id: string): StudyParams {
  const decls = readParameters(path.join(root, "notebooks", `${id}.ipynb`));
  return {
    id,
    parameters: decls.map((d) => {
      const base = { ...d, allowed: allowed(d) };
      if (d.kind !== "data") return base;
      const dataset = d.dataset ?? datasetOf(root, id, d.name);
      return { ...base, dataset, upload: dataset !== null };
    }),
  };
}
