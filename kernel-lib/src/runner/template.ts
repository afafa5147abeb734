import * as fs from "fs";
import * as path from "path";
import { csvText, formatFloat64 } from "../data/csvText";
import { dataFile } from "../data/manifest";
import { studySchema } from "../data/open";
import { loadStudyModule, studyModulePath } from "../data/study";
import { OptionError, ParamDecl } from "./params";

/**
 * `regionlab template <id>`: the files a notebook reads by default, written where the user can edit them and
 * point the notebook's data parameter at them. Bundled files are copied from data/<id>/, manifest files from
 * their verified copy. A panel drawn inside the notebook is written when the study's generator exports
 * `templateData(params)` (the notebook's own synthetic panel, drawn with the parameters' defaults): one CSV per
 * dataset, in the columns of data/<id>/schema.json; otherwise that is said, not guessed.
 */

/** What a generator's `templateData(params)` returns: the drawn columns of each schema dataset. */
export type TemplateData = Record<string, Record<string, ArrayLike<number | string>>>;

/** One dataset as CSV in its schema's column order; numbers as shortest round-trip decimals, NaN as an empty cell. */
export function templateCsv(id: string, dataset: string, columns: Record<string, ArrayLike<number | string>>): string {
  const names = Object.keys(studySchema(id, dataset).columns);
  const absent = names.filter((c) => !(c in columns));
  if (absent.length) throw new Error(`${id} templateData: dataset "${dataset}" has no column ${absent.join(", ")}`);
  const n = columns[names[0]].length;
  const cell = (v: number | string) => (typeof v === "string" ? v : Number.isNaN(v) ? "" : formatFloat64(v));
  return csvText(names, Array.from({ length: n }, (_, k) => names.map((c) => cell(columns[c][k]))));
}

export interface TemplateFile {
  parameter: string;
  /** What the parameter should be set to, to read the written file(s). */
  setTo: string;
  files: string[];
}

export interface TemplateResult {
  notebook: string;
  dir: string;
  written: TemplateFile[];
  /** Data parameters with no template, and why. */
  skipped: { parameter: string; reason: string }[];
}

interface GeneratorModule {
  templateData?: (params: Record<string, unknown>) => TemplateData | Promise<TemplateData>;
}

export async function writeTemplate(id: string, decls: ParamDecl[], root: string, dir: string): Promise<TemplateResult> {
  const data = decls.filter((d) => d.kind === "data");
  if (!data.length) throw new OptionError(`${id} reads no data file (it declares no @data parameter)`);
  const studyDir = path.join(root, "data", id);
  const res: TemplateResult = { notebook: id, dir, written: [], skipped: [] };
  const copy = (from: string) => {
    fs.mkdirSync(dir, { recursive: true });
    const to = path.join(dir, path.basename(from));
    fs.copyFileSync(from, to);
    return to;
  };
  for (const d of data) {
    const def = String(d.default);
    if (def.startsWith("manifest:")) {
      const f = await dataFile(def.slice("manifest:".length));
      const to = copy(f.path);
      res.written.push({ parameter: d.name, setTo: to, files: [to] });
    } else if (def === "bundled") {
      const files = fs.readdirSync(studyDir).filter((f) => f.endsWith(".csv")).sort().map((f) => copy(path.join(studyDir, f)));
      res.written.push({ parameter: d.name, setTo: dir, files });
    } else if (d.keywordFiles?.[def]) {
      const to = copy(path.join(studyDir, d.keywordFiles[def]));
      res.written.push({ parameter: d.name, setTo: to, files: [to] });
    } else if (fs.existsSync(studyModulePath(id, "generator")) && typeof loadStudyModule<GeneratorModule>(id, "generator").templateData === "function") {
      const params = Object.fromEntries(decls.map((p) => [p.name, p.default]));
      const data = await loadStudyModule<GeneratorModule>(id, "generator").templateData!(params);
      const files = Object.entries(data).map(([dataset, columns]) => {
        fs.mkdirSync(dir, { recursive: true });
        const to = path.join(dir, `${id}-${dataset}.csv`);
        fs.writeFileSync(to, templateCsv(id, dataset, columns));
        return to;
      });
      res.written.push({ parameter: d.name, setTo: files.length === 1 ? files[0] : dir, files });
    } else {
      res.skipped.push({ parameter: d.name, reason: `its default "${def}" is drawn inside the notebook (data/${id}/schema.json lists the columns); writing it as a file is not supported yet` });
    }
  }
  return res;
}
