/** Worker-thread entry of ReportFinisher: finishes one report per message, in order. */
import { parentPort } from "worker_threads";
import { ReportOptions, finishReport } from "./index";

interface Request {
  id: number;
  htmlPath: string;
  opts: ReportOptions;
}

parentPort!.on("message", (m: Request) => {
  finishReport(m.htmlPath, m.opts).then(
    (summary) => parentPort!.postMessage({ id: m.id, summary }),
    (e: Error) => parentPort!.postMessage({ id: m.id, error: e.message }),
  );
});
