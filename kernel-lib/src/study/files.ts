import * as path from "path";
import { OpenedData, openData, projectDataPath, studySchema } from "../data/open";
import { Table } from "../data/table";

/**
 * A study's own data files (the bundled transcriptions in data/<id>/, or the user's folder with the same file names
 * and columns): one parameter `dataDir` ("bundled" or a folder) decides where every file is read from, and each
 * file is validated by its schema in data/<id>/schema.json (dataset name = file name without ".csv").
 */
export function studyFilePath(study: string, dataDir: string, file: string): string {
  return dataDir === "bundled" ? projectDataPath(`${study}/${file}`) : path.join(dataDir, file);
}

export function openStudyFile(study: string, dataDir: string, dataset: string): Promise<OpenedData> {
  return openData(studyFilePath(study, dataDir, `${dataset}.csv`), studySchema(study, dataset));
}

/** id → value of a table with an id column and a numeric value column; an unknown id throws, naming the file. */
export function valuesById(t: Table, idColumn = "id", valueColumn = "value"): (id: string) => number {
  const ids = t.str(idColumn);
  const v = t.num(valueColumn);
  const at = new Map(ids.map((id, i) => [id, i]));
  return (id: string) => {
    const i = at.get(id);
    if (i === undefined) throw new Error(`${t.file}: no row with ${idColumn} "${id}"`);
    if (!Number.isFinite(v[i])) throw new Error(`${t.file}: row ${i + 1} (${idColumn} "${id}"), column ${valueColumn}: no number`);
    return v[i];
  };
}
