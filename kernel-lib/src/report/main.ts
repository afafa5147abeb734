/** Child-process entry of finishReportInChild: `node main.js <report.html> [--self-contained] [--font-cache <dir>]`; prints the summary as JSON. */
import { finishReport } from "./index";

const args = process.argv.slice(2);
const cacheAt = args.indexOf("--font-cache");
const fontCache = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith("--") && (cacheAt < 0 || i !== cacheAt + 1));
if (!file) {
  console.error("usage: main.js <report.html> [--self-contained]");
  process.exit(2);
}
finishReport(file, { selfContained: args.includes("--self-contained"), fontCache }).then(
  (s) => console.log(JSON.stringify(s)),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
