import { Provenance } from "../display/html";

/**
 * Where a notebook's data come from, decided once from its data parameter, and the wording that goes with it, so a
 * narrative never makes a synthetic claim about the user's file (or a real-data claim about a synthetic draw).
 *   "synthetic"          the seeded generator of data/<id>/  → provenance "synthetic"
 *   "bundled"            the paper's printed numbers typed into data/<id>/ → "printed"
 *   "manifest:<id>"      a verified public file → "real"
 *   any other string     the user's own file or folder → "real"
 */
export type DataKind = "synthetic" | "bundled" | "public" | "user";

export interface DataProvenance {
  kind: DataKind;
  provenance: Provenance;
  /** The data parameter as given. */
  source: string;
  synthetic: boolean;
  /** True when the data are the user's own file or folder. */
  userFile: boolean;
  /** A phrase for captions and narrative: "synthetic data (data/<id>/generator.ts)", "your file x.csv", ... */
  label: string;
}

export function provenanceOf(dataSource: string, study?: string): DataProvenance {
  const where = study ? `data/${study}/` : "the study's data folder";
  if (dataSource === "synthetic") {
    return { kind: "synthetic", provenance: "synthetic", source: dataSource, synthetic: true, userFile: false, label: `synthetic data (${study ? where + "generator.ts" : "the study's seeded generator"})` };
  }
  if (dataSource === "bundled") {
    return { kind: "bundled", provenance: "printed", source: dataSource, synthetic: false, userFile: false, label: `the paper's printed numbers (${where})` };
  }
  if (dataSource.startsWith("manifest:")) {
    return { kind: "public", provenance: "real", source: dataSource, synthetic: false, userFile: false, label: `the verified public file ${dataSource.slice("manifest:".length)}` };
  }
  return { kind: "user", provenance: "real", source: dataSource, synthetic: false, userFile: true, label: `your file ${dataSource}` };
}

/** Pick the sentence that fits the data: one per kind, with a fallback for the kinds not given. */
export function byProvenance(p: DataProvenance, text: Partial<Record<DataKind, string>> & { other: string }): string {
  return text[p.kind] ?? text.other;
}

/**
 * The standard note under a result: what it is computed from and what it can show. Synthetic: the planted truth,
 * never the paper's finding; bundled: the paper's own numbers, so agreement is consistency; the user's file: the
 * user's data, judged against the paper's printed values.
 */
export function provenanceNote(p: DataProvenance): string {
  switch (p.kind) {
    case "synthetic":
      return `Computed on ${p.label}: it shows what the method recovers from a known truth, not the paper's result.`;
    case "bundled":
      return `Computed from ${p.label}: agreement says the paper agrees with itself (consistent), not that it is reproduced.`;
    case "public":
      return `Computed from ${p.label}, independent of the paper's printed numbers.`;
    case "user":
      return `Computed from ${p.label}; the printed values beside it are the paper's.`;
  }
}
