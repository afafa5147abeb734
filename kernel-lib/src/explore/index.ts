import * as path from "path";
import { projectRoot } from "../data/manifest";
import { ensureJupyter, registerKernel } from "../runner/jupyter";
import { userDirectory } from "../runner/params";
import { DEFAULT_UPLOAD_LIMIT, buildServer } from "./server";

export { buildServer, validateUpload, DEFAULT_UPLOAD_LIMIT } from "./server";
export type { ExploreOptions } from "./server";

export interface StartOptions {
  host?: string;
  port?: number;
  out?: string;
  jobs?: number;
  uploadLimit?: number;
  timeout?: number;
  log?: (s: string) => void;
}

/** Start `regionlab explore`: the server on host:port (127.0.0.1 and a free port by default); resolves with its URL. */
export async function startExplore(opts: StartOptions = {}) {
  const log = opts.log ?? ((s: string) => console.log(s));
  const root = projectRoot();
  const outDir = opts.out ? path.resolve(userDirectory(), opts.out) : path.join(root, "out");
  const { python } = ensureJupyter(log);
  const context = { root, python, timeout: opts.timeout ?? 900, env: { ...process.env, ...registerKernel(root), REGIONLAB_ROOT: root, PYTHONWARNINGS: "ignore" } };
  const server = buildServer({ root, outDir, context, jobs: opts.jobs, uploadLimit: opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT, log });
  const host = opts.host ?? "127.0.0.1";
  await server.app.listen({ host, port: opts.port ?? 0 });
  const addr = server.app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  return { url, outDir, close: server.close };
}
