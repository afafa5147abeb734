/** Child-process entry of finishReportSync: `node main.js <report.html> [--self-contained]`; prints the summary as JSON. */
import { finishReport } from "./index";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: main.js <report.html> [--self-contained]");
  process.exit(2);
}
finishReport(file, { selfContained: args.includes("--self-contained") }).then(
  (s) => console.log(JSON.stringify(s)),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
