import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { parseCsvRows } from "./csvText";
import { PANEL_TRANSFORMS, PanelTransformName, ReferenceTables } from "./panels";

/**
 * Public data the project may read but not ship. `data/manifest.json` names each file: where its raw
 * upstream lives (repository, commit, path, URL, SHA-256), its licence, and the SHA-256 of the prepared
 * file the notebooks read. `dataFile(id)` returns a verified local copy (the workspace's `shared/data/`,
 * `$REGIONLAB_DATA_DIR`, or the project's `.cache/data/`), or downloads the raw upstream where there is a
 * network, checks its hash, prepares it with the documented transform and checks the result's hash too.
 * With neither it fails with a message that says what it tried.
 */

const UpstreamSchema = z.object({
  repository: z.string(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  path: z.string(),
  url: z.string().url(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  licence: z.string(),
  /** Other files the transform reads: paths of shipped files under data/, or "manifest:<id>". */
  requires: z.array(z.string()).default([]),
  /** Further raw files the prepared file was built from (same repository and commit). */
  additional: z.array(z.object({ path: z.string(), url: z.string().url(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).default([]),
});

const EntrySchema = z.object({
  id: z.string(),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  description: z.string(),
  licence: z.string(),
  citation: z.string(),
  /** How the prepared file is made from the upstream file; null when only a local copy can be used. */
  transform: z.enum(["census-leiii-v1", "resource-cities-plan-2013", ...(Object.keys(PANEL_TRANSFORMS) as [PanelTransformName, ...PanelTransformName[]])]).nullable(),
  /** Path under data/ where the project ships the file (only where the licence allows); checked first. */
  shipped: z.string().optional(),
  /** Null for a file written in this project (then it is shipped). */
  upstream: UpstreamSchema.nullable(),
});

export const ManifestSchema = z.object({
  description: z.string(),
  files: z.array(EntrySchema),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestEntry = z.infer<typeof EntrySchema>;

/** The project root: $REGIONLAB_ROOT, else the folder above kernel-lib that holds data/manifest.json. */
export function projectRoot(): string {
  if (process.env.REGIONLAB_ROOT) return path.resolve(process.env.REGIONLAB_ROOT);
  const starts = [fs.realpathSync(__dirname), process.cwd()];
  for (const s of starts) {
    let d = s;
    for (;;) {
      if (fs.existsSync(path.join(d, "data", "manifest.json")) && fs.existsSync(path.join(d, "kernel-lib"))) return d;
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  throw new Error("regionlab: cannot find the project root (a folder with data/manifest.json and kernel-lib/); set REGIONLAB_ROOT");
}

export function loadManifest(file = path.join(projectRoot(), "data", "manifest.json")): Manifest {
  const raw = JSON.parse(fs.readFileSync(file, "utf8"));
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${file}: ${i.path.join(".")}: ${i.message}`);
  }
  return parsed.data;
}

export function sha256Of(buf: Buffer | string): string {
  return crypto.createHash("sha256").update(buf).digest("hex");
}

/** Folders searched for verified local copies, in order. */
export function localDataDirs(root = projectRoot()): string[] {
  const dirs: string[] = [];
  if (process.env.REGIONLAB_DATA_DIR) dirs.push(path.resolve(process.env.REGIONLAB_DATA_DIR));
  dirs.push(path.resolve(root, "..", "shared", "data"));
  dirs.push(path.join(root, ".cache", "data"));
  return dirs;
}

export interface DataFileOptions {
  manifest?: Manifest;
  /** Try the network when no local copy exists (default true; set REGIONLAB_OFFLINE=1 to forbid). */
  download?: boolean;
  /** Download timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
}

export interface ResolvedDataFile {
  path: string;
  entry: ManifestEntry;
  /** "local" (verified copy found) or "downloaded" (fetched, verified, prepared and cached now). */
  origin: "local" | "downloaded";
}

export class DataSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataSourceError";
  }
}

/** Resolve a manifest file to a verified local path (synchronously when a local copy exists). */
export function localDataFile(id: string, manifest = loadManifest()): ResolvedDataFile | { missing: string[]; entry: ManifestEntry } {
  const entry = manifest.files.find((f) => f.id === id);
  if (!entry) throw new DataSourceError(`data manifest: no file with id "${id}" (known: ${manifest.files.map((f) => f.id).join(", ")})`);
  const tried: string[] = [];
  if (entry.shipped) {
    const p = path.join(projectRoot(), "data", entry.shipped);
    if (fs.existsSync(p)) {
      const got = sha256Of(fs.readFileSync(p));
      if (got !== entry.sha256) throw new DataSourceError(`${p}: SHA-256 ${got} does not match the manifest's ${entry.sha256} for "${id}" (the shipped copy was changed)`);
      return { path: p, entry, origin: "local" };
    }
    tried.push(`${p} (absent)`);
  }
  for (const dir of localDataDirs()) {
    const p = path.join(dir, entry.file);
    if (!fs.existsSync(p)) {
      tried.push(`${p} (absent)`);
      continue;
    }
    const got = sha256Of(fs.readFileSync(p));
    if (got !== entry.sha256) {
      throw new DataSourceError(`${p}: SHA-256 ${got} does not match the manifest's ${entry.sha256} for "${id}"; the copy is not the verified file (replace it, or remove it to download a fresh one)`);
    }
    return { path: p, entry, origin: "local" };
  }
  return { missing: tried, entry };
}

/**
 * The path of a verified copy of manifest file `id`, downloading and preparing it if needed.
 */
export async function dataFile(id: string, opts: DataFileOptions = {}): Promise<ResolvedDataFile> {
  const manifest = opts.manifest ?? loadManifest();
  const local = localDataFile(id, manifest);
  if ("path" in local) return local;
  const { entry, missing } = local;
  const offline = opts.download === false || process.env.REGIONLAB_OFFLINE === "1";
  const head = `data file "${id}" (${entry.file}): no verified local copy (looked for ${missing.join("; ")})`;
  if (offline) throw new DataSourceError(`${head}, and downloading is switched off. Copy the file into one of those folders or set REGIONLAB_DATA_DIR.`);
  if (!entry.transform || !entry.upstream) {
    throw new DataSourceError(`${head}; this file has no automatic preparation${entry.upstream ? ` from ${entry.upstream.url}` : ""}. Place the prepared file in one of those folders.`);
  }
  const rawLocal = localRawFile(entry);
  let raw: Buffer;
  if ("path" in rawLocal) raw = fs.readFileSync(rawLocal.path);
  else {
    try {
      raw = await download(entry.upstream.url, opts.timeoutMs ?? 30_000);
    } catch (e) {
      throw new DataSourceError(`${head}, and downloading ${entry.upstream.url} failed (${(e as Error).message}). Without a network, copy the file into one of those folders or set REGIONLAB_DATA_DIR.`);
    }
    const rawSha = sha256Of(raw);
    if (rawSha !== entry.upstream.sha256) {
      throw new DataSourceError(`${entry.upstream.url}: downloaded SHA-256 ${rawSha} differs from the manifest's ${entry.upstream.sha256}; refusing to use it`);
    }
  }
  for (const req of entry.upstream.requires) if (req.startsWith("manifest:")) await dataFile(req.slice("manifest:".length), { ...opts, manifest });
  const prepared = prepare(entry, raw, manifest);
  const sha = sha256Of(prepared);
  if (sha !== entry.sha256) {
    throw new DataSourceError(`${entry.file}: the prepared file's SHA-256 ${sha} differs from the manifest's ${entry.sha256} (transform ${entry.transform}); please report this`);
  }
  const cacheDir = path.join(projectRoot(), ".cache", "data");
  fs.mkdirSync(cacheDir, { recursive: true });
  const out = path.join(cacheDir, entry.file);
  fs.writeFileSync(out, prepared);
  return { path: out, entry, origin: "downloaded" };
}

async function download(url: string, timeoutMs: number): Promise<Buffer> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    throw new Error(err.cause?.code ?? err.cause?.message ?? err.message);
  } finally {
    clearTimeout(timer);
  }
}

/** Where verified copies of raw upstream files are looked for: `<local data dir>/prep/raw/`, then the cache. */
export function localRawDirs(root = projectRoot()): string[] {
  return [...localDataDirs(root).filter((d) => !d.endsWith(path.join(".cache", "data"))).map((d) => path.join(d, "prep", "raw")), path.join(root, ".cache", "data", "raw")];
}

/** A verified local copy of an entry's raw upstream file (named as in the repository), or where it was sought. */
export function localRawFile(entry: ManifestEntry): { path: string } | { missing: string[] } {
  if (!entry.upstream) return { missing: [] };
  const name = path.basename(entry.upstream.path);
  const tried: string[] = [];
  for (const dir of localRawDirs()) {
    const p = path.join(dir, name);
    if (!fs.existsSync(p)) {
      tried.push(`${p} (absent)`);
      continue;
    }
    const got = sha256Of(fs.readFileSync(p));
    if (got === entry.upstream.sha256) return { path: p };
    tried.push(`${p} (SHA-256 ${got}, not the pinned ${entry.upstream.sha256})`);
  }
  return { missing: tried };
}

/**
 * The raw upstream file of manifest entry `id`: a verified local copy, else downloaded from its commit URL,
 * verified and cached in `.cache/data/raw/`. Fails naming the URL to fetch when neither works.
 */
export async function rawDataFile(id: string, opts: DataFileOptions = {}): Promise<{ path: string; entry: ManifestEntry; origin: "local" | "downloaded" }> {
  const manifest = opts.manifest ?? loadManifest();
  const entry = manifest.files.find((f) => f.id === id);
  if (!entry) throw new DataSourceError(`data manifest: no file with id "${id}"`);
  if (!entry.upstream) throw new DataSourceError(`data file "${id}" has no upstream raw file (it is written in this project)`);
  const local = localRawFile(entry);
  if ("path" in local) return { path: local.path, entry, origin: "local" };
  const head = `raw file of "${id}" (${entry.upstream.repository}@${entry.upstream.commit.slice(0, 8)}:${entry.upstream.path}): no verified local copy (looked for ${local.missing.join("; ")})`;
  if (opts.download === false || process.env.REGIONLAB_OFFLINE === "1") throw new DataSourceError(`${head}, and downloading is switched off. Fetch ${entry.upstream.url} (SHA-256 ${entry.upstream.sha256}) into one of those folders.`);
  let raw: Buffer;
  try {
    raw = await download(entry.upstream.url, opts.timeoutMs ?? 30_000);
  } catch (e) {
    throw new DataSourceError(`${head}, and downloading ${entry.upstream.url} failed (${(e as Error).message}). Fetch it (SHA-256 ${entry.upstream.sha256}) into one of those folders.`);
  }
  const got = sha256Of(raw);
  if (got !== entry.upstream.sha256) throw new DataSourceError(`${entry.upstream.url}: downloaded SHA-256 ${got} differs from the manifest's ${entry.upstream.sha256}; refusing to use it`);
  const dir = path.join(projectRoot(), ".cache", "data", "raw");
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, path.basename(entry.upstream.path));
  fs.writeFileSync(out, raw);
  return { path: out, entry, origin: "downloaded" };
}

/** The text of a file a transform requires: a shipped path under data/, or "manifest:<id>" (verified local copy). */
function requiredText(req: string, manifest: Manifest): string {
  if (req.startsWith("manifest:")) {
    const r = localDataFile(req.slice("manifest:".length), manifest);
    if (!("path" in r)) throw new DataSourceError(`the transform needs "${req}", which has no verified local copy (looked for ${r.missing.join("; ")})`);
    return fs.readFileSync(r.path, "utf8");
  }
  return fs.readFileSync(path.join(projectRoot(), "data", req), "utf8");
}

/** Apply the entry's documented transform to the raw upstream bytes. */
export function prepare(entry: ManifestEntry, raw: Buffer, manifest?: Manifest): Buffer {
  if (entry.transform && entry.transform in PANEL_TRANSFORMS) {
    const reqs = entry.upstream?.requires ?? [];
    const find = (suffix: string) => reqs.find((r) => r.endsWith(suffix));
    const text = (suffix: string) => {
      const r = find(suffix);
      return r === undefined ? undefined : requiredText(r, manifest ?? loadManifest());
    };
    const ref: ReferenceTables = {
      prefectures: text("china_prefectures_echarts.csv") ?? "",
      provinces: text("china_provinces.csv") ?? "",
      census: text("census_prefecture_2010_2020"),
    };
    return Buffer.from(PANEL_TRANSFORMS[entry.transform as PanelTransformName](raw, ref));
  }
  switch (entry.transform) {
    case "census-leiii-v1":
      return Buffer.from(prepareCensus(raw.toString("utf8")));
    case "resource-cities-plan-2013":
      return Buffer.from(prepareResourceCities(raw.toString("utf8"), fs.readFileSync(path.join(projectRoot(), "data", "geo", "china_prefectures_echarts.csv"), "utf8"), fs.readFileSync(path.join(projectRoot(), "data", "geo", "china_provinces.csv"), "utf8")));
    default:
      throw new DataSourceError(`${entry.id}: no transform`);
  }
}

const CENSUS_COLUMNS: [string, string][] = [
  ["city_code", "city_code"],
  ["city_zh", "city"],
  ["province_code", "province_code"],
  ["province_zh", "province"],
  ...(["2010", "2020"] as const).flatMap((y) => [[`pop_${y}`, `popu_${y}`]] as [string, string][]),
  ["pop_urban_2010", "popu_urban_2010"],
  ["pop_rural_2010", "popu_rural_2010"],
  ["pop_urban_2020", "popu_urban_2020"],
  ["pop_rural_2020", "popu_rural_2020"],
  ["household_size_2010", "household_2010"],
  ["household_size_2020", "household_2020"],
  ["sex_ratio_2010", "male_female_2010"],
  ["sex_ratio_2020", "male_female_2020"],
  ...(["2010", "2020"] as const).flatMap(
    (y) =>
      [
        [`age_0_14_pct_${y}`, `age_0_14_${y}`],
        [`age_15_59_pct_${y}`, `age_15_59_${y}`],
        [`age_60plus_pct_${y}`, `age_60_${y}`],
        [`age_65plus_pct_${y}`, `age_65_${y}`],
      ] as [string, string][],
  ),
];

/**
 * leiii/census `census_city_2010-2020_v1.csv` → the prepared census table: drop the BOM and the WKT `coord`
 * column, rename columns, sort by city code, write numbers without a trailing ".0" and NA as empty.
 */
export function prepareCensus(text: string): string {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = parseCsvRows(clean);
  rows.sort((a, b) => (a.city_code < b.city_code ? -1 : a.city_code > b.city_code ? 1 : 0));
  const fmt = (v: string | undefined) => {
    const s = (v ?? "").trim();
    return s === "NA" ? "" : s.replace(/\.0$/, "");
  };
  const lines = [CENSUS_COLUMNS.map((c) => c[0]).join(",")];
  for (const r of rows) lines.push(CENSUS_COLUMNS.map(([, src]) => fmt(r[src])).join(","));
  return lines.join("\n") + "\n";
}

const PLAN_TYPES: { rVar: string; type: string; typeZh: string; prefectures: number }[] = [
  { rVar: "grow", type: "growing", typeZh: "成长型", prefectures: 20 },
  { rVar: "mature", type: "mature", typeZh: "成熟型", prefectures: 66 },
  { rVar: "decline", type: "declining", typeZh: "衰退型", prefectures: 24 },
  { rVar: "revive", type: "regenerating", typeZh: "再生型", prefectures: 16 },
];

/**
 * The 2013 plan's prefecture-level list from the four strings of zheyiliu/scale-adjusted-city-ranking
 * `0-1-citylocation.R` (each lists the 地级行政区 first, then the 县级市; cut at the plan's counts), joined to
 * the ECharts prefectures by exact name or the longest ECharts name that prefixes the plan's name.
 */
export function prepareResourceCities(rScript: string, prefecturesCsv: string, provincesCsv: string): string {
  const pre = parseCsvRows(prefecturesCsv).filter((p) => p.unit_kind === "prefecture");
  const prov = parseCsvRows(provincesCsv);
  const out = ["name_zh,full_name_zh,adcode,province_zh,type,type_zh,lon,lat"];
  for (const t of PLAN_TYPES) {
    const m = new RegExp(`^${t.rVar} = c\\("([^"]*)"\\)`, "m").exec(rScript);
    if (!m) throw new DataSourceError(`resource-city list: no "${t.rVar} = c(...)" string in the R script`);
    const names = m[1]
      .split("、")
      .map((s) => s.replace(/\s+/g, ""))
      .filter(Boolean)
      .slice(0, t.prefectures);
    for (const full of names) {
      let best: Record<string, string> | undefined;
      for (const p of pre) if ((full === p.name_zh || full.startsWith(p.name_zh)) && (!best || p.name_zh.length > best.name_zh.length)) best = p;
      if (!best) throw new DataSourceError(`resource-city list: "${full}" matches no ECharts prefecture`);
      const pv = prov.find((q) => q.adcode.slice(0, 2) === best!.adcode.slice(0, 2));
      out.push([best.name_zh, full, best.adcode, pv?.name_zh ?? "", t.type, t.typeZh, best.lon, best.lat].join(","));
    }
  }
  return out.join("\n") + "\n";
}

const ReferenceManifestSchema = z.object({
  description: z.string(),
  files: z.array(
    z.object({
      id: z.string(),
      /** Workspace folder the file sits under: shared/reference-data/ or shared/data/. */
      folder: z.enum(["reference-data", "data"]),
      file: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      origin: z.object({ repository: z.string(), path: z.string() }),
    }),
  ),
});

/**
 * A verified local copy of a reference dataset the tests need (data/reference-manifest.json): looked up in
 * $REGIONLAB_REFERENCE_DIR, the workspace's shared/<folder>/ and the project's .cache/<folder>/, accepted only
 * when its SHA-256 matches. Missing everywhere, it fails saying what to fetch and where to put it.
 */
export function referenceFile(id: string, root = projectRoot()): string {
  const file = path.join(root, "data", "reference-manifest.json");
  const m = ReferenceManifestSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  const entry = m.files.find((f) => f.id === id);
  if (!entry) throw new DataSourceError(`reference manifest: no file with id "${id}" (known: ${m.files.map((f) => f.id).join(", ")})`);
  const dirs = [
    ...(process.env.REGIONLAB_REFERENCE_DIR ? [path.resolve(process.env.REGIONLAB_REFERENCE_DIR)] : []),
    path.resolve(root, "..", "shared", entry.folder),
    path.join(root, ".cache", entry.folder),
  ];
  const tried: string[] = [];
  for (const d of dirs) {
    const p = path.join(d, entry.file);
    if (!fs.existsSync(p)) {
      tried.push(p);
      continue;
    }
    const got = sha256Of(fs.readFileSync(p));
    if (got !== entry.sha256) throw new DataSourceError(`${p}: SHA-256 ${got} does not match the reference manifest's ${entry.sha256} for "${id}"; replace the copy`);
    return p;
  }
  throw new DataSourceError(
    `reference file "${id}" is missing (looked in ${tried.join("; ")}). Fetch it from ${entry.origin.repository} (${entry.origin.path}), ` +
      `save it as ${entry.file} under $REGIONLAB_REFERENCE_DIR or .cache/${entry.folder}/, SHA-256 ${entry.sha256}`,
  );
}
