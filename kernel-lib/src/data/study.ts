import * as crypto from "crypto";
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import { projectRoot } from "./manifest";

/**
 * A study's TypeScript modules (its synthetic-data generator, say) live in data/<id>/ beside its ledger, not in
 * the notebook folder, and tslab cannot import relative paths outside the notebook's folder. This loads
 * data/<id>/<name>.ts: transpiled to CommonJS with tslab's own TypeScript, evaluated as a module whose
 * `require` resolves packages (kernel-lib among them) from the project root.
 */
export function studyModulePath(study: string, name: string): string {
  return path.join(projectRoot(), "data", study, `${name}.ts`);
}

/**
 * data/<id>/<name>.ts as CommonJS. Transpiling a 500-line study module costs about 0.25 s of CPU, paid by every
 * notebook run, so the output is kept in .cache/study-modules/ under the hash of the compiler's version, its
 * options and the source; a module with errors is never cached.
 */
function transpiledStudyModule(file: string): string {
  const source = fs.readFileSync(file, "utf8");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [projectRoot()] })) as typeof import("typescript");
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, strict: true };
  const key = crypto.createHash("sha256").update(JSON.stringify([ts.version, compilerOptions, file, source])).digest("hex");
  const cached = path.join(projectRoot(), ".cache", "study-modules", `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not cached yet
  }
  const out = ts.transpileModule(source, { fileName: file, reportDiagnostics: true, compilerOptions });
  const errs = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errs.length) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(errs[0].messageText, "\n")}`);
  try {
    // Written whole under a temporary name, then renamed: two kernels may store the same module at once.
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out.outputText);
    fs.renameSync(tmp, cached);
  } catch {
    // a read-only or full disk only costs the next run a transpile
  }
  return out.outputText;
}

export function loadStudyModule<T = Record<string, unknown>>(study: string, name: string): T {
  const file = studyModulePath(study, name);
  if (!fs.existsSync(file)) throw new Error(`study module ${file} not found`);
  const outputText = transpiledStudyModule(file);
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
  // A sibling study module (`import { PLANTED } from "./generator"` in data/<id>/study.ts) is loaded the same way.
  const plainRequire = m.require.bind(m);
  m.require = ((request: string) => {
    const sibling = /^\.\/([\w-]+)(\.ts)?$/.exec(request);
    return sibling && fs.existsSync(studyModulePath(study, sibling[1])) ? loadStudyModule(study, sibling[1]) : plainRequire(request);
  }) as typeof m.require;
  (m as unknown as { _compile(src: string, f: string): void })._compile(outputText, file);
  return m.exports as T;
}

/** The source of a study module, to show in the notebook beside its use. */
export function studyModuleSource(study: string, name: string): string {
  return fs.readFileSync(studyModulePath(study, name), "utf8");
}
