import * as fs from "fs";
import * as path from "path";
import { dataFile } from "../data/manifest";
import { OptionError, ParamDecl } from "./params";

/**
 * `regionlab template <id>`: the files a notebook reads by default, written where the user can edit them and
 * point the notebook's data parameter at them. Bundled files are copied from data/<id>/, manifest files from
 * their verified copy. A synthetic panel is drawn inside the notebook and has no file yet: said, not guessed.
 */

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
    } else {
      res.skipped.push({ parameter: d.name, reason: `its default "${def}" is drawn inside the notebook (data/${id}/schema.json lists the columns); writing it as a file is not supported yet` });
    }
  }
  return res;
}
