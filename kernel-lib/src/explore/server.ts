import Fastify, { FastifyInstance, FastifyReply } from "fastify";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataError, formatIssue } from "../data/errors";
import { emptyCounts } from "../ledger";
import { parseSchemaFile } from "../data/schema";
import { readTable } from "../data/table";
import { ReportFinisher } from "../report";
import { ParamDecl, allowed, coerceParam, readParameters } from "../runner/params";
import { Context, DriverResult, Job, defaultJobs, finishRun, listNotebooks, writeDiff } from "../runner/replicate";
import { variantName } from "../runner/variants";
import { SAFE_ID, baselineCellSeconds, listStudies, readScoreboard, studyParams } from "./studies";
import { CellEvent, WarmPool } from "../runner/warm";

/**
 * `regionlab explore`'s HTTP side (fastify): a JSON API over the studies, their parameters, what-if variants
 * (validated as `--set` is, run in warm kernels, at most `jobs` at once, the rest queued), uploads (size-limited,
 * validated against the study's schema, stored only in the variant's folder), and the reports and diffs on disk.
 * Variants are listed from disk, so a restarted server shows every finished one again.
 */

export interface ExploreOptions {
  root: string;
  outDir: string;
  /** Largest upload accepted, bytes. */
  uploadLimit?: number;
  /** Variants executed at once (default: the number of cores). */
  jobs?: number;
  /** Executes one job (default: the study's warm kernel); tests pass their own. */
  execute?: (job: Job, onEvent: (e: CellEvent) => void) => Promise<DriverResult>;
  /** Runner context for the warm kernels (python, environment); required unless `execute` is given. */
  context?: Context;
  log?: (s: string) => void;
  /** Opening a study page starts its kernel and, unless false, a warm-up run with the defaults (default true). */
  warmUp?: boolean;
}

export const DEFAULT_UPLOAD_LIMIT = 5 * 1024 * 1024;
const SAFE_FILE = /^[A-Za-z0-9][\w.-]{0,100}\.(csv|xlsx)$/i;
const PARAM_NAME = /^[A-Za-z_$][\w$]{0,60}$/;
const VARIANT_NAME = /^[\w.,=+-]{1,80}$/;

type State = "queued" | "running" | "done" | "error" | "interrupted";

interface CellProgress {
  index: number;
  state: "running" | "done";
  seconds: number | null;
}

interface VariantRun {
  id: string;
  name: string;
  state: State;
  params: Record<string, string>;
  created: string;
  startedAt: number | null;
  finishedAt: number | null;
  /** Seconds from the request to the diff being on disk. */
  firstResult: number | null;
  cells: Map<number, CellProgress>;
  /** Seconds of each code cell of the baseline, in order. */
  baselineCells: number[];
  error: DriverResult["error"] | null;
  requested: number;
}

/** What a study's variant folder says about itself (explore.json, written when the variant is created). */
interface VariantMeta {
  id: string;
  name: string;
  params: Record<string, string>;
  uploads: { parameter: string; file: string; original: string }[];
  created: string;
}

class BadRequest extends Error {
  constructor(
    readonly errors: Record<string, string>,
    readonly status = 400,
  ) {
    super(Object.values(errors)[0] ?? "bad request");
  }
}

function manifestIds(root: string): string[] {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, "data", "manifest.json"), "utf8")) as { files: { id: string }[] }).files.map((f) => f.id);
  } catch {
    return [];
  }
}

/** Validate an uploaded file against the study's dataset; the message names the user's file, row and column. */
export function validateUpload(root: string, id: string, dataset: string | null, file: string, original: string): { rows: number } {
  if (!dataset) throw new BadRequest({ file: `${id} does not say which dataset this parameter reads; use the command line` });
  const spec = parseSchemaFile(fs.readFileSync(path.join(root, "data", id, "schema.json"), "utf8"), `data/${id}/schema.json`, dataset);
  try {
    return { rows: readTable(file, spec).nRows };
  } catch (e) {
    if (e instanceof DataError) {
      const msg = e.issues.map((i) => formatIssue({ ...i, file: original }))[0] + (e.total > 1 ? ` (+${e.total - 1} more problem${e.total > 2 ? "s" : ""})` : "");
      throw new BadRequest({ file: msg });
    }
    throw new BadRequest({ file: `${original}: ${(e as Error).message.split("\n")[0]}` });
  }
}

export function buildServer(opts: ExploreOptions): { app: FastifyInstance; close: () => Promise<void> } {
  const { root, outDir } = opts;
  const log = opts.log ?? (() => undefined);
  const uploadLimit = opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const slots = Math.max(1, opts.jobs ?? defaultJobs());
  const studies = listNotebooks(root);
  const manifest = manifestIds(root);
  // One kernel per study, reset to a fresh module scope before each run as replicate's are, so a what-if gets a fresh
  // kernel's numbers and every cell after the parameters comes from the compile cache.
  const pool = opts.context ? new WarmPool(opts.context, Math.max(2, slots)) : null;
  const reports = new ReportFinisher();
  const execute = opts.execute ?? ((job: Job, onEvent: (e: CellEvent) => void) => pool!.get(job.id).run(job, onEvent));
  const runs = new Map<string, VariantRun>();
  const waiting: (() => void)[] = [];
  let running = 0;
  const web = path.join(root, "kernel-lib", "explore-web");

  // Base64 in JSON is 4/3 of the file; the rest of a request is small.
  const app = Fastify({ bodyLimit: Math.ceil((uploadLimit * 4) / 3) + 256 * 1024 });
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer", bodyLimit: uploadLimit }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof BadRequest) return reply.code(err.status).send({ error: err.message, errors: err.errors });
    if (err.statusCode === 413 || err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.code(413).send({ error: `the file is larger than the upload limit of ${(uploadLimit / 1024 / 1024).toFixed(1)} MB`, errors: { file: `larger than the upload limit of ${(uploadLimit / 1024 / 1024).toFixed(1)} MB` } });
    }
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.message });
    log(`explore: internal error: ${err.stack ?? err.message}`);
    return reply.code(500).send({ error: `internal error: ${err.message.split("\n")[0]}` });
  });

  const study = (id: unknown): string => {
    if (typeof id !== "string" || !SAFE_ID.test(id) || !studies.includes(id)) throw new BadRequest({ id: `no study "${String(id).slice(0, 80)}"` }, 404);
    return id;
  };
  const variantDirOf = (id: string, name: string) => {
    if (!VARIANT_NAME.test(name) || name.includes("..")) throw new BadRequest({ variant: `bad variant name "${name.slice(0, 80)}"` }, 404);
    return path.join(outDir, "variants", id, name);
  };
  const key = (id: string, name: string) => `${id}/${name}`;

  function readMeta(dir: string): VariantMeta | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, "explore.json"), "utf8")) as VariantMeta;
    } catch {
      return null;
    }
  }

  function status(id: string, name: string) {
    const dir = variantDirOf(id, name);
    const live = runs.get(key(id, name));
    const meta = readMeta(dir);
    let runJson: { status: string; seconds: number; error?: DriverResult["error"]; timing?: unknown } | null = null;
    try {
      runJson = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
    } catch {
      /* not finished */
    }
    if (!live && !meta && !runJson) return null;
    let diff: unknown = null;
    try {
      diff = JSON.parse(fs.readFileSync(path.join(dir, "diff.json"), "utf8"));
    } catch {
      /* not yet */
    }
    const state: State = live ? live.state : runJson ? (runJson.status === "ok" ? "done" : "error") : "interrupted";
    const cells = live ? [...live.cells.values()].sort((a, b) => a.index - b.index) : [];
    let eta: number | null = null;
    let position: number | null = null;
    if (live && live.state === "running" && live.startedAt) {
      // The baseline's code-cell times in order (the variant has the same cells; --set rewrites the parameters
      // cell in place), the ones not yet reached, scaled by how fast this run went on the cells it finished.
      const base = live.baselineCells;
      const done = cells.filter((c) => c.state === "done");
      const k = done.length;
      const baseDone = base.slice(0, k).reduce((s, v) => s + v, 0);
      const actual = done.reduce((s, c) => s + (c.seconds ?? 0), 0);
      const scale = baseDone > 0.5 ? Math.min(5, Math.max(0.2, actual / baseDone)) : 1;
      eta = Math.round(base.slice(k).reduce((s, v) => s + v, 0) * scale * 10) / 10;
    }
    if (live && live.state === "queued") position = [...runs.values()].filter((r) => r.state === "queued" && r.requested <= live.requested).length;
    const totalCells = live && live.baselineCells.length ? live.baselineCells.length : null;
    return {
      id,
      name,
      state,
      params: meta?.params ?? live?.params ?? {},
      uploads: (meta?.uploads ?? []).map((u) => ({ parameter: u.parameter, original: u.original })),
      created: meta?.created ?? live?.created ?? null,
      queuePosition: position,
      cells,
      totalCells,
      eta,
      firstResult: live?.firstResult ?? null,
      seconds: runJson?.seconds ?? null,
      error: live?.error ?? runJson?.error ?? null,
      diff,
      report: fs.existsSync(path.join(dir, `${id}.html`)) && (state === "done" || state === "error") ? `/out/variants/${id}/${name}/${id}.html` : null,
      diffReport: fs.existsSync(path.join(dir, "diff.html")) ? `/out/variants/${id}/${name}/diff.html` : null,
    };
  }

  function listVariants(id: string) {
    const dir = path.join(outDir, "variants", id);
    const names = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && VARIANT_NAME.test(d.name)).map((d) => d.name) : [];
    for (const r of runs.values()) if (r.id === id && !names.includes(r.name)) names.push(r.name);
    return names
      .map((n) => status(id, n))
      .filter((s): s is NonNullable<typeof s> => s !== null)
      .map(({ diff, cells: _c, ...s }) => ({ ...s, changed: (diff as { counts?: unknown } | null)?.counts ?? null }))
      .sort((a, b) => String(b.created).localeCompare(String(a.created)));
  }

  async function acquire(): Promise<void> {
    if (running < slots) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  async function runVariant(run: VariantRun, job: Job): Promise<void> {
    await acquire();
    try {
      run.state = "running";
      run.startedAt = Date.now();
      const started = run.startedAt;
      const startT = new Map<number, number>();
      const res = await execute(job, (e) => {
        if (e.event === "start" && e.cell !== null) {
          startT.set(e.cell, e.t);
          run.cells.set(e.cell, { index: e.cell, state: "running", seconds: null });
        }
        if (e.event === "done" && e.cell !== null) {
          const began = startT.get(e.cell);
          run.cells.set(e.cell, { index: e.cell, state: "done", seconds: began === undefined ? null : Math.round((e.t - began) * 1000) / 1000 });
        }
        if (e.event === "written") {
          // First result: the numbers are on disk, compare them now; the report follows.
          try {
            writeDiff({ outDir }, job, { id: job.id, status: "ok", seconds: 0, provenance: "", ledger: emptyCounts(), parameters: job.values, report: "" });
            run.firstResult = Math.round((Date.now() - run.requested) / 100) / 10;
          } catch {
            /* the final diff is written below */
          }
        }
      });
      const html = path.join(job.dir, `${job.id}.html`);
      if (fs.existsSync(html)) {
        try {
          await reports.finish(html, { fontCache: path.join(root, ".cache", "fonts") });
        } catch (e) {
          res.status = "error";
          res.error ??= { cell: null, source: "", ename: "ReportError", evalue: (e as Error).message };
        }
      }
      const row = await finishRun({ outDir }, job, res, started, { log, reportFinished: true });
      run.error = res.error ?? null;
      run.state = row.status === "ok" ? "done" : "error";
      if (run.firstResult === null) run.firstResult = Math.round((Date.now() - run.requested) / 100) / 10;
    } catch (e) {
      run.state = "error";
      run.error = { cell: null, source: "", ename: "RunnerError", evalue: (e as Error).message };
    } finally {
      run.finishedAt = Date.now();
      release();
    }
  }

  /** Check every field of a what-if request as `--set` does; returns the job (uploads not yet stored). */
  function planVariant(id: string, body: unknown) {
    if (!body || typeof body !== "object") throw new BadRequest({ body: "expected a JSON object { params, files }" });
    const { params, files } = body as { params?: unknown; files?: unknown };
    if (!params || typeof params !== "object" || Array.isArray(params)) throw new BadRequest({ params: "expected params: { name: value as typed }" });
    const fileMap = (files ?? {}) as Record<string, { name?: unknown; data?: unknown }>;
    if (typeof fileMap !== "object" || Array.isArray(fileMap)) throw new BadRequest({ files: "expected files: { parameter: { name, data } }" });
    const decls = readParameters(path.join(root, "notebooks", `${id}.ipynb`));
    const info = studyParams(root, id);
    const errors: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const raw: Record<string, string> = {};
    const uploads: { decl: ParamDecl; name: string; data: Buffer }[] = [];
    for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
      if (!PARAM_NAME.test(k)) {
        errors[k.slice(0, 60) || "params"] = `"${k.slice(0, 60)}" is not a parameter name`;
        continue;
      }
      const d = decls.find((x) => x.name === k);
      if (!d) {
        errors[k] = `${id} has no parameter "${k}" (it has: ${decls.map((x) => x.name).join(", ")})`;
        continue;
      }
      if (typeof v !== "string" || v.length > 4000) {
        errors[k] = `"${k}" must be sent as text (at most 4000 characters)`;
        continue;
      }
      raw[k] = v;
      if (d.kind === "data") {
        if (v === "upload") {
          const f = fileMap[k];
          const dataset = info.parameters.find((p) => p.name === k)?.dataset ?? null;
          if (!f || typeof f.name !== "string" || typeof f.data !== "string") errors[k] = `choose a file for "${k}"`;
          else if (!SAFE_FILE.test(f.name) || f.name.includes("..")) errors[k] = `file name "${f.name.slice(0, 80)}": use letters, digits, . _ - and end in .csv or .xlsx`;
          else if (!dataset) errors[k] = `${id} does not say which dataset "${k}" reads; use the command line for this one`;
          else {
            const data = Buffer.from(f.data, "base64");
            if (data.length > uploadLimit) errors[k] = `larger than the upload limit of ${(uploadLimit / 1024 / 1024).toFixed(1)} MB`;
            else {
              const hash = crypto.createHash("sha256").update(data).digest("hex").slice(0, 12);
              values[k] = `upload:${hash}`;
              uploads.push({ decl: d, name: f.name, data });
            }
          }
        } else if (d.keywords!.includes(v) || (v.startsWith("manifest:") && manifest.includes(v.slice(9)))) values[k] = v;
        else errors[k] = `"${k}" takes ${[...d.keywords!.map((w) => `"${w}"`), ...manifest.map((m) => `"manifest:${m}"`).slice(0, 3), "…"].join(", ")} or an uploaded file (paths on the server are not accepted)`;
        continue;
      }
      try {
        values[k] = coerceParam(d, v, id);
      } catch {
        errors[k] = `${v.slice(0, 80)}: "${k}" must be ${allowed(d)}`;
      }
    }
    for (const k of Object.keys(fileMap)) if (!(k in raw)) errors[k.slice(0, 60)] = `a file was sent for "${k.slice(0, 60)}" but the parameter is not set to "upload"`;
    if (Object.keys(errors).length) throw new BadRequest(errors);
    if (!Object.keys(values).length) throw new BadRequest({ params: "change at least one parameter" });
    const name = variantName(values);
    return { decls, values, raw, uploads, name };
  }

  app.get("/api/studies", async () => {
    const sb = readScoreboard(outDir);
    return { generated: sb?.generated ?? null, cores: slots, running, queued: waiting.length, studies: listStudies(root, outDir) };
  });

  app.get("/api/studies/:id", async (req) => {
    const id = study((req.params as { id: string }).id);
    const summary = listStudies(root, outDir).find((s) => s.id === id)!;
    const p = studyParams(root, id);
    return {
      ...summary,
      report: summary.hasBaseline ? `/out/${id}.html` : null,
      parameters: p.parameters.map((d) => ({ ...d, range: d.range ? { ...d.range, min: Number.isFinite(d.range.min) ? d.range.min : null, max: Number.isFinite(d.range.max) ? d.range.max : null } : undefined })),
      manifest: manifest,
      uploadLimit,
      warm: pool?.has(id) ?? false,
    };
  });

  app.post("/api/studies/:id/warm", async (req) => {
    const id = study((req.params as { id: string }).id);
    if (pool && !pool.has(id) && opts.warmUp === false) pool.get(id);
    else if (pool && !pool.has(id)) {
      // A warm-up run with the defaults (into a scratch folder) pays tslab's first compile and nbconvert's
      // import now, so the first what-if of the page is already warm. It takes a slot like any run.
      const kernel = pool.get(id);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rl-warm-${id}-`));
      const job: Job = { id, decls: readParameters(path.join(root, "notebooks", `${id}.ipynb`)), values: {}, dir, variant: null };
      void (async () => {
        await acquire();
        try {
          await kernel.run(job, () => undefined);
        } finally {
          release();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      })();
    }
    return { id, warm: true };
  });

  app.get("/api/studies/:id/variants", async (req) => {
    const id = study((req.params as { id: string }).id);
    return { id, variants: listVariants(id) };
  });

  app.get("/api/studies/:id/variants/:name", async (req, reply) => {
    const { id: rawId, name } = req.params as { id: string; name: string };
    const id = study(rawId);
    const s = status(id, name);
    if (!s) return reply.code(404).send({ error: `no variant "${name}" of ${id}` });
    return s;
  });

  /** The same status as a server-sent event stream: one event per change, closed when the run has ended. */
  app.get("/api/studies/:id/variants/:name/events", (req, reply) => {
    const { id: rawId, name } = req.params as { id: string; name: string };
    const id = study(rawId);
    if (!status(id, name)) return reply.code(404).send({ error: `no variant "${name}" of ${id}` });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    let last = "";
    const tick = () => {
      const s = status(id, name);
      const text = JSON.stringify(s);
      if (text !== last) res.write(`data: ${text}\n\n`);
      last = text;
      if (!s || (s.state !== "queued" && s.state !== "running")) {
        clearInterval(timer);
        res.end();
      }
    };
    const timer = setInterval(tick, 300);
    req.raw.on("close", () => clearInterval(timer));
    tick();
  });

  /** Validate a file against the study's schema without keeping it (the form checks a file as soon as it is picked). */
  app.post("/api/studies/:id/check-upload", async (req) => {
    const id = study((req.params as { id: string }).id);
    const q = req.query as { param?: string; filename?: string };
    const decl = studyParams(root, id).parameters.find((p) => p.name === q.param);
    if (!decl || decl.kind !== "data") throw new BadRequest({ param: `${id} has no data parameter "${String(q.param).slice(0, 60)}"` });
    const name = String(q.filename ?? "");
    if (!SAFE_FILE.test(name) || name.includes("..")) throw new BadRequest({ file: `file name "${name.slice(0, 80)}": use letters, digits, . _ - and end in .csv or .xlsx` });
    if (!Buffer.isBuffer(req.body)) throw new BadRequest({ file: "send the file as application/octet-stream" });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rl-upload-"));
    try {
      const f = path.join(tmp, name);
      fs.writeFileSync(f, req.body);
      return { ok: true, ...validateUpload(root, id, decl.dataset ?? null, f, name) };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  app.post("/api/studies/:id/variants", async (req, reply) => {
    const id = study((req.params as { id: string }).id);
    const plan = planVariant(id, req.body);
    const dir = variantDirOf(id, plan.name);
    const existing = status(id, plan.name);
    if (existing && existing.state !== "interrupted" && existing.state !== "error") return reply.code(200).send({ ...existing, existing: true });
    fs.mkdirSync(dir, { recursive: true });
    const meta: VariantMeta = { id, name: plan.name, params: plan.raw, uploads: [], created: new Date().toISOString() };
    // Uploads live only in the variant's folder; the notebook gets their path.
    for (const u of plan.uploads) {
      const file = path.join(dir, "uploads", `${u.decl.name}${path.extname(u.name).toLowerCase()}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, u.data);
      try {
        validateUpload(root, id, studyParams(root, id).parameters.find((p) => p.name === u.decl.name)?.dataset ?? null, file, u.name);
      } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        if (e instanceof BadRequest) throw new BadRequest({ [u.decl.name]: e.message });
        throw e;
      }
      plan.values[u.decl.name] = file;
      meta.uploads.push({ parameter: u.decl.name, file: path.relative(dir, file), original: u.name });
    }
    fs.writeFileSync(path.join(dir, "explore.json"), JSON.stringify(meta, null, 2) + "\n");
    for (const f of ["run.json", "diff.json", "diff.html"]) fs.rmSync(path.join(dir, f), { force: true });
    const job: Job = { id, decls: plan.decls, values: plan.values, dir, variant: plan.name };
    const run: VariantRun = {
      id,
      name: plan.name,
      state: "queued",
      params: plan.raw,
      created: meta.created,
      startedAt: null,
      finishedAt: null,
      firstResult: null,
      cells: new Map(),
      baselineCells: Object.entries(baselineCellSeconds(outDir, id)).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v),
      error: null,
      requested: Date.now(),
    };
    runs.set(key(id, plan.name), run);
    void runVariant(run, job);
    return reply.code(202).send(status(id, plan.name));
  });

  // Files of the output folder (reports, diffs, assets); never uploads, never outside the folder.
  const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".css": "text/css", ".js": "text/javascript", ".png": "image/png", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };
  function sendFile(reply: FastifyReply, base: string, rel: string) {
    const parts = rel.split("/");
    if (!rel || parts.some((p) => p === ".." || p === "." || p === "" || p.startsWith(".") || p === "uploads" || p.includes("\\") || p.includes("\0"))) {
      return reply.code(404).send({ error: "not found" });
    }
    const file = path.resolve(base, ...parts);
    const type = TYPES[path.extname(file).toLowerCase()];
    if (!type || !file.startsWith(path.resolve(base) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return reply.code(404).send({ error: "not found" });
    const real = fs.realpathSync(file);
    if (!real.startsWith(fs.realpathSync(base) + path.sep)) return reply.code(404).send({ error: "not found" });
    return reply.type(type).send(fs.createReadStream(real));
  }
  app.get("/out/*", async (req, reply) => sendFile(reply, outDir, (req.params as { "*": string })["*"]));
  app.get("/static/*", async (req, reply) => sendFile(reply, web, (req.params as { "*": string })["*"]));
  app.get("/", async (_req, reply) => sendFile(reply, web, "index.html"));
  app.get("/favicon.ico", async (_req, reply) => reply.code(204).send());
  app.get("/study/:id", async (req, reply) => {
    study((req.params as { id: string }).id);
    return sendFile(reply, web, "study.html");
  });

  return {
    app,
    close: async () => {
      pool?.stopAll();
      await app.close();
      await reports.close();
    },
  };
}
