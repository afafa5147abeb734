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

export function loadStudyModule<T = Record<string, unknown>>(study: string, name: string): T {
  const file = studyModulePath(study, name);
  if (!fs.existsSync(file)) throw new Error(`study module ${file} not found`);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [projectRoot()] })) as typeof import("typescript");
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, strict: true },
  });
  const errs = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errs.length) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(errs[0].messageText, "\n")}`);
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
  // A sibling study module (`import { PLANTED } from "./generator"` in data/<id>/study.ts) is loaded the same way.
  const plainRequire = m.require.bind(m);
  m.require = ((request: string) => {
    const sibling = /^\.\/([\w-]+)(\.ts)?$/.exec(request);
    return sibling && fs.existsSync(studyModulePath(study, sibling[1])) ? loadStudyModule(study, sibling[1]) : plainRequire(request);
  }) as typeof m.require;
  (m as unknown as { _compile(src: string, f: string): void })._compile(out.outputText, file);
  return m.exports as T;
}

/** The source of a study module, to show in the notebook beside its use. */
export function studyModuleSource(study: string, name: string): string {
  return fs.readFileSync(studyModulePath(study, name), "utf8");
}
