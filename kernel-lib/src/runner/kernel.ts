import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * regionlab's tslab kernel: tslab's own Jupyter server, converter and executor, with two additions.
 *
 * - A compile cache. tslab type-checks every cell against the declarations of the cells before it, which costs
 *   0.1-1 s of CPU per cell. The result depends only on (declarations so far, cell source, compiler and types), so
 *   it is kept in memory and on disk (`.cache/cells/`) under the hash of exactly those; a hit skips the compiler, and
 *   a kernel whose cells all hit never builds the TypeScript program at all. Only cells that compiled without
 *   diagnostics are kept.
 * - A reset between notebooks. A request whose code starts with RESET_MARK gives the next notebook a fresh module
 *   scope (new tslab executor: no declarations or values of the previous cells), a fresh copy of kernel-lib (its
 *   module state, such as the seed registry, is per notebook) and the environment the runner sends, so one warm
 *   kernel can run notebook after notebook with the results of a fresh kernel.
 *
 * tslab's internals are used as of the version below; any other version starts plain tslab instead.
 */

export const RESET_MARK = "//regionlab:reset ";
const TSLAB_VERSION = "1.0.22";

interface ConvertResult {
  output?: string;
  declOutput?: string;
  diagnostics: unknown[];
  hasToplevelAwait?: boolean;
  sideOutputs?: unknown[];
  lastExpressionVar?: string;
}
interface Converter {
  convert(prevDecl: string, src: string): ConvertResult;
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): unknown;
  addModule(...a: unknown[]): unknown;
  close(): void;
}
interface Executor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): unknown;
  complete(src: string, position: number): unknown;
  reset(): void;
  interrupt(): void;
  close(): void;
  locals: Record<string, unknown>;
}

/** Hash of what a compiled cell depends on besides its source and the declarations before it. */
export function compilerSalt(root: string, cwd: string, tsVersion: string): string {
  const h = createHash("sha256");
  h.update(`tslab ${TSLAB_VERSION}\0typescript ${tsVersion}\0node ${process.versions.node.split(".")[0]}\0${cwd}\0`);
  // Every package's types (the lock pins them) and kernel-lib's own declarations, which change on every build.
  for (const f of [path.join(root, "package-lock.json")]) if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  const dist = path.join(root, "kernel-lib", "dist");
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".d.ts")) h.update(`${path.relative(dist, p)}\0`).update(fs.readFileSync(p)).update("\0");
    }
  };
  walk(dist);
  return h.digest("hex");
}

// `typeof import("./data/<id>/<module>")`: a type-only reference to a study's modules (notebooks/data links to
// ../data), which types `loadStudyModule`'s result. Such a cell is cached under its study's sources as well.
const STUDY_TYPES = /import\(\s*["']\.\/data\/([\w-]+)\/[\w-]+(?:\.ts)?["']\s*\)/g;

/** The studies whose modules a cell's types refer to. */
export function studyTypeRefs(src: string): string[] {
  return [...new Set([...src.matchAll(STUDY_TYPES)].map((m) => m[1]))].sort();
}

// Every cell after a typed load asks again: a file is re-read only when its size or mtime changed.
const sourceMemo = new Map<string, { stamp: string; text: string }>();

function studyFile(file: string): string {
  const st = fs.statSync(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = sourceMemo.get(file);
  if (hit && hit.stamp === stamp) return hit.text;
  const text = fs.readFileSync(file, "utf8");
  sourceMemo.set(file, { stamp, text });
  return text;
}

/** What a cell's compile depends on beyond its text: the sources of the study modules its types refer to. */
export function studySources(root: string, studies: readonly string[]): string {
  return studies
    .map((id) => {
      const dir = path.join(root, "data", id);
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort() : [];
      return files.map((f) => `${id}/${f}\0${studyFile(path.join(dir, f))}`).join("\0");
    })
    .join("\0");
}

/** Cells that read other local files (relative imports) depend on more than the key covers: compiled every time. */
export function cacheableCell(src: string): boolean {
  return !/(?:from|import|require)\s*\(?\s*["']\.{1,2}[/\\]/.test(src.replace(STUDY_TYPES, "")) && !/^\s*\/\/\s*%/m.test(src);
}

export class CellCache {
  private memory = new Map<string, ConvertResult>();
  hits = 0;
  misses = 0;
  constructor(
    public salt: string,
    private dir: string | null,
  ) {}

  key(prevDecl: string, src: string): string {
    return createHash("sha256").update(this.salt).update("\0").update(prevDecl).update("\0").update(src).digest("hex");
  }

  get(key: string): ConvertResult | undefined {
    let r = this.memory.get(key);
    if (!r && this.dir) {
      try {
        r = JSON.parse(fs.readFileSync(path.join(this.dir, key.slice(0, 2), `${key}.json`), "utf8")) as ConvertResult;
        this.memory.set(key, r);
      } catch {
        r = undefined;
      }
    }
    if (r) this.hits++;
    else this.misses++;
    return r;
  }

  set(key: string, r: ConvertResult): void {
    this.memory.set(key, r);
    if (!this.dir) return;
    try {
      const d = path.join(this.dir, key.slice(0, 2));
      fs.mkdirSync(d, { recursive: true });
      // Written whole under a temporary name, then renamed: two kernels may store the same cell at once.
      const tmp = path.join(d, `${key}.${process.pid}.tmp`);
      fs.writeFileSync(tmp, JSON.stringify(r));
      fs.renameSync(tmp, path.join(d, `${key}.json`));
    } catch {
      // A read-only or full disk only costs the next run a compile.
    }
  }
}

/** Drop kernel-lib's modules from Node's module cache, so the next `import ... from "kernel-lib"` loads a fresh copy. */
export function forgetKernelLib(kernelLibDir: string): number {
  const dir = fs.realpathSync(kernelLibDir) + path.sep;
  const nodeModules = path.join(dir, "node_modules") + path.sep;
  let n = 0;
  for (const k of Object.keys(require.cache)) {
    if (k.startsWith(dir) && !k.startsWith(nodeModules) && !k.startsWith(path.join(dir, "dist", "runner", "kernel.js"))) {
      delete require.cache[k];
      n++;
    }
  }
  return n;
}

/**
 * tslab sends on its ZeroMQ sockets without waiting for the previous send to finish, and zeromq 6 refuses a send while
 * one is in flight ("Socket is busy writing"). Under load that failed a cell that displays several large figures in a
 * row (and the error text itself, sent on the same socket, was lost). Each socket's sends are queued instead, in order.
 */
export function queueZmqSends(): number {
  const tslabDir = path.dirname(require.resolve("tslab/package.json"));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const zmq = require(require.resolve("zeromq", { paths: [tslabDir] })) as Record<string, { prototype: Record<string, unknown> }>;
  let patched = 0;
  for (const name of ["Publisher", "Router", "Reply"]) {
    const proto = zmq[name]?.prototype as { send?: (this: object, msg: unknown) => Promise<void>; regionlabQueued?: boolean } | undefined;
    if (!proto?.send || proto.regionlabQueued) continue;
    const send = proto.send;
    const queues = new WeakMap<object, Promise<void>>();
    // zeromq defines send as a read-only property of a base prototype: defined anew on each class's own prototype
    Object.defineProperty(proto, "send", {
      configurable: true,
      writable: true,
      value: function (this: object, msg: unknown) {
        const next = (queues.get(this) ?? Promise.resolve()).then(() => send.call(this, msg));
        queues.set(this, next.catch(() => undefined));
        return next;
      },
    });
    Object.defineProperty(proto, "regionlabQueued", { value: true });
    patched++;
  }
  return patched;
}

function startPlainTslab(configPath: string): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require("tslab/dist/main").startKernel({ configPath, enableFindLocal: false });
}

export function startKernel(configPath: string): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const tslabVersion = (require("tslab/package.json") as { version: string }).version;
  if (tslabVersion !== TSLAB_VERSION || process.env.REGIONLAB_CELL_CACHE === "plain") return startPlainTslab(configPath);
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { createConverter } = require("tslab/dist/converter") as { createConverter(o: { isJS: boolean; isBrowser: boolean }): Converter };
  const { createExecutor } = require("tslab/dist/executor") as {
    createExecutor(root: string, convs: { node: Converter; browser: Converter; close(): void }, c: { log: typeof console.log; error: typeof console.error }): Executor;
  };
  const { JupyterHandlerImpl, ZmqServer } = require("tslab/dist/jupyter");
  const tsVersion = (require("@tslab/typescript-for-tslab/package.json") as { version: string }).version;
  /* eslint-enable @typescript-eslint/no-var-requires */
  const root = process.env.REGIONLAB_ROOT ?? path.resolve(__dirname, "..", "..", "..");
  const cwd = process.cwd();
  // REGIONLAB_CELL_CACHE: "off" keeps compiled cells in memory only, "plain" runs tslab as is, a path moves the cache.
  const setting = process.env.REGIONLAB_CELL_CACHE;
  const cacheDir = setting === "off" ? null : setting ? path.resolve(setting) : path.join(root, ".cache", "cells");
  const cache = new CellCache(compilerSalt(root, cwd, tsVersion), cacheDir);
  const startEnv = { ...process.env };

  // The TypeScript program (lib and @types/node: seconds of CPU) is built on the first cache miss only.
  const real: { node?: Converter; browser?: Converter } = {};
  const nodeConverter = () => (real.node ??= createConverter({ isJS: false, isBrowser: false }));
  const cached: Converter = {
    convert(prevDecl, src) {
      if (!cacheableCell(src)) return nodeConverter().convert(prevDecl, src);
      // A later cell's declarations-before carry the module's type too: its compile checks against the study's sources.
      const refs = studyTypeRefs(`${prevDecl}\n${src}`);
      const key = cache.key(prevDecl, refs.length ? `${src}\0${studySources(root, refs)}` : src);
      const hit = cache.get(key);
      if (hit) return hit;
      const r = nodeConverter().convert(prevDecl, src);
      if (r.diagnostics.length === 0 && !r.sideOutputs) cache.set(key, r);
      return r;
    },
    inspect: (p, s, pos) => nodeConverter().inspect(p, s, pos),
    complete: (p, s, pos) => nodeConverter().complete(p, s, pos),
    addModule: (...a) => nodeConverter().addModule(...a),
    close: () => real.node?.close(),
  };
  const convs = {
    node: cached,
    get browser() {
      return (real.browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      real.node?.close();
      real.browser?.close();
    },
  };
  // REGIONLAB_WARM_LOG: the kernel's log file (memory at each reset; a failed cell's error, which its stderr stream
  // can miss).
  const kernelLog = process.env.REGIONLAB_WARM_LOG ? `${process.env.REGIONLAB_WARM_LOG}.kernel-${process.pid}.log` : null;
  const io = {
    log: console.log,
    error: (...a: unknown[]) => {
      if (kernelLog) fs.appendFileSync(kernelLog, `${new Date().toISOString()} cell error: ${a.map((x) => (x instanceof Error ? x.stack ?? String(x) : String(x))).join(" ")}\n`);
      console.error(...a);
    },
  };
  let executor = createExecutor(cwd, convs, io);
  let handler: { execCount: number } | null = null;

  const reset = (spec: string) => {
    let env: Record<string, string> = {};
    try {
      env = (JSON.parse(spec || "{}") as { env?: Record<string, string> }).env ?? {};
    } catch {
      console.error("regionlab kernel: the reset request is not JSON; reset without environment");
    }
    for (const k of Object.keys(process.env)) if (!(k in startEnv)) delete process.env[k];
    Object.assign(process.env, startEnv, env);
    const forgotten = forgetKernelLib(path.join(root, "kernel-lib"));
    if (kernelLog) {
      const m = process.memoryUsage();
      fs.appendFileSync(kernelLog, `${new Date().toISOString()} reset for ${env.REGIONLAB_NOTEBOOK ?? "?"}: rss ${(m.rss / 1e6).toFixed(0)} MB, heap ${(m.heapUsed / 1e6).toFixed(0)} MB, ${forgotten} modules forgotten, ${Object.keys(require.cache).length} cached\n`);
    }
    executor = createExecutor(cwd, convs, io);
    cache.salt = compilerSalt(root, cwd, tsVersion);
    // The reset request itself took count 1 of the new notebook; its first cell is numbered 1, as in a fresh kernel.
    if (handler) handler.execCount = 0;
  };
  const delegate: Executor = {
    execute: async (src) => {
      if (src.startsWith(RESET_MARK)) {
        reset(src.slice(RESET_MARK.length));
        return true;
      }
      return executor.execute(src);
    },
    inspect: (src, pos) => executor.inspect(src, pos),
    complete: (src, pos) => executor.complete(src, pos),
    reset: () => executor.reset(),
    interrupt: () => executor.interrupt(),
    close: () => executor.close(),
    get locals() {
      return executor.locals;
    },
  };
  queueZmqSends();
  handler = new JupyterHandlerImpl(delegate, false);
  const server = new ZmqServer(handler, configPath);
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => console.error("UncaughtException:", err));
  process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  server.init();
}

if (require.main === module) {
  const i = process.argv.indexOf("--config-path");
  const configPath = i >= 0 ? process.argv[i + 1] : "";
  if (!configPath) {
    console.error("usage: node kernel.js --config-path <connection file>");
    process.exit(2);
  }
  startKernel(configPath);
}
