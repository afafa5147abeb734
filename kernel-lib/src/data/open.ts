import * as fs from "fs";
import * as path from "path";
import { DataError } from "./errors";
import { ManifestEntry, dataFile, projectRoot, sha256Of } from "./manifest";
import { DatasetSpec, parseSchemaFile } from "./schema";
import { ReadOptions, Table, readTable } from "./table";

/**
 * The one way a notebook opens a dataset: `"manifest:<id>"` for a public file listed in data/manifest.json
 * (verified by SHA-256), or a path to the user's own CSV/XLSX with the same schema. Either way the file is
 * validated against the study's schema before any number is computed from it.
 */
export interface OpenedData {
  table: Table;
  ref: string;
  path: string;
  sha256: string;
  origin: "manifest (verified local copy)" | "manifest (downloaded and verified)" | "user file";
  entry?: ManifestEntry;
  /** The validated data as a danfojs DataFrame (built on first use, then kept). */
  readonly frame: import("danfojs-node").DataFrame;
}

/** Adds the lazily built `frame` to an opened dataset. */
function withFrame(d: Omit<OpenedData, "frame">): OpenedData {
  let df: import("danfojs-node").DataFrame | undefined;
  return Object.defineProperty(d, "frame", { get: () => (df ??= d.table.frame()), enumerable: true }) as OpenedData;
}

export async function openData(ref: string, spec?: DatasetSpec, opts: ReadOptions = {}): Promise<OpenedData> {
  if (ref.startsWith("manifest:")) {
    const r = await dataFile(ref.slice("manifest:".length));
    return withFrame({
      table: readTable(r.path, spec, opts),
      ref,
      path: r.path,
      sha256: r.entry.sha256,
      origin: r.origin === "local" ? "manifest (verified local copy)" : "manifest (downloaded and verified)",
      entry: r.entry,
    });
  }
  const p = path.resolve(ref);
  if (!fs.existsSync(p)) throw new DataError([{ file: ref, expected: `an existing file (resolved to ${p}) or "manifest:<id>"` }]);
  return withFrame({ table: readTable(p, spec, opts), ref, path: p, sha256: sha256Of(fs.readFileSync(p)), origin: "user file" });
}

/** A study's dataset schema from data/<study>/schema.json. */
export function studySchema(study: string, dataset: string): DatasetSpec {
  const file = path.join(projectRoot(), "data", study, "schema.json");
  return parseSchemaFile(fs.readFileSync(file, "utf8"), file, dataset);
}

/** Path of a shipped file under data/ (e.g. "geo/china_provinces.geojson"). */
export function projectDataPath(rel: string): string {
  const p = path.join(projectRoot(), "data", rel);
  if (!fs.existsSync(p)) throw new Error(`data file ${p} not found`);
  return p;
}
