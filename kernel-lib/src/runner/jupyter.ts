import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * The Jupyter side of the runner: which Python has nbclient/nbconvert, installing them from Debian when
 * we are root, and a project-local tslab kernelspec (never the user's global Jupyter paths).
 */

export const APT_PACKAGES = ["python3-nbclient", "python3-nbconvert", "jupyter-client"];

function hasJupyterModules(python: string): boolean {
  const r = spawnSync(python, ["-c", "import nbclient, nbconvert, nbformat, jupyter_client"], { stdio: "ignore" });
  return r.status === 0;
}

/** Debian's python3 first (apt installs nbclient there), then whatever python3 is on PATH. */
export function candidatePythons(): string[] {
  const c = [process.env.REGIONLAB_PYTHON, "/usr/bin/python3", "python3"].filter((x): x is string => !!x);
  return [...new Set(c)];
}

export function findJupyterPython(): string | null {
  for (const p of candidatePythons()) if (hasJupyterModules(p)) return p;
  return null;
}

export interface EnsureResult {
  python: string;
  installed: boolean;
}

/**
 * Find a Python with nbclient and nbconvert; as root on a Debian/Ubuntu machine install them with apt-get,
 * otherwise explain the exact command and fail.
 */
export function ensureJupyter(log: (s: string) => void = console.log): EnsureResult {
  const found = findJupyterPython();
  if (found) return { python: found, installed: false };
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  const cmd = `apt-get install -y --no-install-recommends ${APT_PACKAGES.join(" ")}`;
  if (!isRoot || !hasApt) {
    throw new Error(`Jupyter's nbclient/nbconvert are not installed. Install them with:\n  sudo apt-get update && sudo ${cmd}\n(or set REGIONLAB_PYTHON to a python3 that has nbclient and nbconvert)`);
  }
  log(`installing Jupyter's nbclient and nbconvert: ${cmd}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...APT_PACKAGES], { stdio: "inherit", env });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...APT_PACKAGES], { stdio: "inherit", env });
  }
  const after = findJupyterPython();
  if (r.status !== 0 || !after) throw new Error(`installing ${APT_PACKAGES.join(", ")} with apt-get failed; run: ${cmd}`);
  return { python: after, installed: true };
}

/** Project-local Jupyter data dir holding kernels/tslab/kernel.json. */
export function jupyterDir(root: string): string {
  return path.join(root, ".jupyter");
}

/**
 * Write the tslab kernelspec into <root>/.jupyter/kernels/tslab, pointing at regionlab's tslab kernel (kernel.ts:
 * tslab with a compile cache and a reset between notebooks) and this Node binary. Returns the environment that
 * makes Jupyter find it (JUPYTER_PATH first).
 */
export function registerKernel(root: string): NodeJS.ProcessEnv {
  const dir = path.join(jupyterDir(root), "kernels", "tslab");
  fs.mkdirSync(dir, { recursive: true });
  const tslabBin = path.join(root, "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(tslabBin)) throw new Error(`tslab is not installed (${tslabBin} missing); run npm ci`);
  const kernel = path.join(root, "kernel-lib", "dist", "runner", "kernel.js");
  if (!fs.existsSync(kernel)) throw new Error(`kernel-lib is not built (${kernel} missing); run npm run build`);
  const spec = {
    argv: [process.execPath, kernel, "--config-path", "{connection_file}"],
    display_name: "TypeScript (regionlab, tslab)",
    language: "typescript",
    metadata: { regionlab: true },
  };
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  const runtime = path.join(jupyterDir(root), "runtime");
  fs.mkdirSync(runtime, { recursive: true });
  const prev = process.env.JUPYTER_PATH;
  return {
    JUPYTER_PATH: prev ? `${jupyterDir(root)}${path.delimiter}${prev}` : jupyterDir(root),
    JUPYTER_RUNTIME_DIR: runtime,
  };
}
