import * as http from "http";
import { AddressInfo } from "net";

/** A loopback HTTP server that stands in for a public host in tests: serves `files` by path, 404 otherwise. */
export async function serveFiles(files: ReadonlyMap<string, Buffer | string>, onRequest: () => void = () => {}): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    onRequest();
    const body = files.get(req.url ?? "");
    if (body !== undefined) res.end(body);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
