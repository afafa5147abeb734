import { afterAll, describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildServer } from "../kernel-lib/src/explore/server";
import type { DriverResult, Job } from "../kernel-lib/src/runner/replicate";
import type { CellEvent } from "../kernel-lib/src/runner/warm";

// `regionlab explore`'s API without a notebook run: jobs go to a stand-in executor, so these tests check the
// validation of every field, path traversal, upload limits, the queue and listing from disk after a restart.
const root = path.resolve(__dirname, "..");
const STUDY = "yangtze-openness";
const table1 = fs.readFileSync(path.join(root, "data", STUDY, "printed_table1.csv"), "utf8");
const badTable1 = table1.replace(/^(江苏,Jiangsu,320000,province,lower,)0\.133,/m, "$1n/a,");
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function outDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "rl-explore-"));
  tmp.push(d);
  return d;
}

/** An executor that reports two cells and succeeds; `gate` holds it until released. */
function fakeExecutor(gate?: Promise<void>) {
  const jobs: Job[] = [];
  const execute = async (job: Job, onEvent: (e: CellEvent) => void): Promise<DriverResult> => {
    jobs.push(job);
    onEvent({ cell: 1, event: "start", t: 0 });
    if (gate) await gate;
    onEvent({ cell: 1, event: "done", t: 0.1 });
    return { status: "ok", error: null, ledger: [], seconds: 0.1 };
  };
  return { jobs, execute };
}

async function until(f: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await f())) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("regionlab explore: the API", () => {
  const out = outDir();
  const fake = fakeExecutor();
  const { app } = buildServer({ root, outDir: out, execute: fake.execute, uploadLimit: 64 * 1024, jobs: 1 });
  afterAll(() => app.close());
  const post = (url: string, body: unknown) => app.inject({ method: "POST", url, payload: body as object });

  it("lists the studies with their titles in Chinese and English", async () => {
    const r = await app.inject({ url: "/api/studies" });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.studies.length).toBe(fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).length);
    const y = d.studies.find((s: { id: string }) => s.id === STUDY);
    expect(y.titleZh).toBe("长江经济带对外开放的空间格局演变、障碍因素及对策研究");
    expect(y.title).toMatch(/Yangtze River Economic Belt/);
    expect(d.studies.filter((s: { titleZh: string | null; id: string }) => s.id !== "data-atlas" && !s.titleZh)).toEqual([]);
  });

  it("gives a study's typed parameters, with the dataset a data parameter is read with", async () => {
    const d = (await app.inject({ url: `/api/studies/${STUDY}` })).json();
    const names = d.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(["dataSource", "censusSource", "gdpSource", "cvMean", "illustrativeSeed"]);
    const ds = d.parameters.find((p: { name: string }) => p.name === "dataSource");
    expect(ds).toMatchObject({ kind: "data", dataset: "table1", upload: true });
    expect(d.parameters.find((p: { name: string }) => p.name === "cvMean").choices).toEqual(["weighted", "simple"]);
  });

  it("validates every field as --set does, naming the field", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ nosuch: "1" }, "nosuch", /has no parameter "nosuch"/],
      [{ cvMean: "median" }, "cvMean", /one of weighted \| simple/],
      [{ illustrativeSeed: "1.5" }, "illustrativeSeed", /whole number/],
      [{ illustrativeSeed: "-1" }, "illustrativeSeed", /\[0, 4294967295\]/],
      [{ illustrativeSeed: "1e400" }, "illustrativeSeed", /whole number/],
      [{ illustrativeSeed: 5 }, "illustrativeSeed", /sent as text/],
      [{ dataSource: "/etc/passwd" }, "dataSource", /paths on the server are not accepted/],
      [{ dataSource: "../data/yangtze-openness/printed_table1.csv" }, "dataSource", /paths on the server are not accepted/],
      [{ censusSource: "manifest:nosuch" }, "censusSource", /paths on the server are not accepted/],
      [{ dataSource: "upload" }, "dataSource", /choose a file/],
      [{ "a/b": "1" }, "a/b", /not a parameter name/],
    ];
    for (const [params, field, msg] of cases) {
      const r = await post(`/api/studies/${STUDY}/variants`, { params });
      expect(r.statusCode, JSON.stringify(params)).toBe(400);
      expect(r.json().errors[field], JSON.stringify(params)).toMatch(msg);
    }
    const d = await post("/api/studies/resource-cities-hqd-interview/variants", { params: { growthPath: "[1, 2, 1e999]", topN: "0" } });
    expect(d.json().errors).toMatchObject({ growthPath: /JSON list of finite numbers/, topN: /whole number in \[1, 300\]/ });
    expect((await post(`/api/studies/${STUDY}/variants`, { params: {} })).json().errors.params).toMatch(/at least one/);
    const notObject = await app.inject({ method: "POST", url: `/api/studies/${STUDY}/variants`, headers: { "content-type": "application/json" }, payload: '"nonsense"' });
    expect(notObject.statusCode).toBe(400);
    expect(fake.jobs).toEqual([]);
  });

  it("refuses path traversal in every id and file name", async () => {
    for (const url of [
      "/api/studies/..%2F..%2Fetc",
      "/api/studies/../package.json",
      `/api/studies/${STUDY}/variants/..%2F..%2F..%2Fpackage.json`,
      `/api/studies/${STUDY}/variants/..`,
      "/out/..%2Fpackage.json",
      "/out/../package.json",
      "/out/%2e%2e/package.json",
      `/out/variants/${STUDY}/x/uploads/dataSource.csv`,
      "/static/..%2F..%2Fpackage.json",
      "/study/..%2F..%2Fetc%2Fpasswd",
    ]) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(404);
      expect(r.body, url).not.toMatch(/"name":\s*"regionlab"/);
    }
    const bad = await app.inject({ method: "POST", url: `/api/studies/${STUDY}/check-upload?param=dataSource&filename=..%2F..%2Fevil.csv`, headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(table1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.file).toMatch(/file name/);
    const r = await post(`/api/studies/${STUDY}/variants`, { params: { dataSource: "upload" }, files: { dataSource: { name: "../../evil.csv", data: Buffer.from(table1).toString("base64") } } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.dataSource).toMatch(/file name/);
    expect(fs.existsSync(path.join(out, "variants"))).toBe(false);
  });

  it("checks an upload against the study's schema with the row/column message, and refuses one over the limit", async () => {
    const check = (body: string | Buffer, filename = "table1.csv") =>
      app.inject({ method: "POST", url: `/api/studies/${STUDY}/check-upload?param=dataSource&filename=${filename}`, headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(body) });
    const good = await check(table1);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ ok: true, rows: 14 });
    const bad = await check(badTable1, "mine.csv");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.file).toBe('mine.csv, row 2 (line 3), column "z1993": got "n/a"; expected a number >= 0');
    const big = await check(Buffer.alloc(65 * 1024, "a"));
    expect(big.statusCode).toBe(413);
    expect(big.json().errors.file).toMatch(/upload limit of 0\.1 MB/);
    const bigRun = await post(`/api/studies/${STUDY}/variants`, { params: { dataSource: "upload" }, files: { dataSource: { name: "big.csv", data: Buffer.alloc(65 * 1024, "a").toString("base64") } } });
    expect([400, 413]).toContain(bigRun.statusCode);
    expect(JSON.stringify(bigRun.json())).toMatch(/upload limit/);
    const badRun = await post(`/api/studies/${STUDY}/variants`, { params: { dataSource: "upload" }, files: { dataSource: { name: "mine.csv", data: Buffer.from(badTable1).toString("base64") } } });
    expect(badRun.statusCode).toBe(400);
    expect(badRun.json().errors.dataSource).toMatch(/mine\.csv, row 2 \(line 3\), column "z1993"/);
    expect(fs.existsSync(path.join(out, "variants", STUDY)) ? fs.readdirSync(path.join(out, "variants", STUDY)) : []).toEqual([]);
  });

  it("runs a good upload from the variant's folder only", async () => {
    const r = await post(`/api/studies/${STUDY}/variants`, { params: { dataSource: "upload" }, files: { dataSource: { name: "mine.csv", data: Buffer.from(table1).toString("base64") } } });
    expect(r.statusCode).toBe(202);
    const name = r.json().name;
    await until(async () => (await app.inject({ url: `/api/studies/${STUDY}/variants/${name}` })).json().state === "done");
    const job = fake.jobs.at(-1)!;
    const file = job.values.dataSource as string;
    expect(file).toBe(path.join(out, "variants", STUDY, name, "uploads", "dataSource.csv"));
    expect(fs.readFileSync(file, "utf8")).toBe(table1);
    // Served neither as a file nor listed with its path.
    expect((await app.inject({ url: `/out/variants/${STUDY}/${name}/uploads/dataSource.csv` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/studies/${STUDY}/variants/${name}` })).json().uploads).toEqual([{ parameter: "dataSource", original: "mine.csv" }]);
  });
});

describe("regionlab explore: queue and restart", () => {
  it("runs at most `jobs` variants at once, queues the rest visibly, and a restarted server lists the finished ones", async () => {
    const out = outDir();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const fake = fakeExecutor(gate);
    const first = buildServer({ root, outDir: out, execute: fake.execute, jobs: 1 });
    const post = (params: Record<string, string>) => first.app.inject({ method: "POST", url: `/api/studies/${STUDY}/variants`, payload: { params } });
    const a = await post({ cvMean: "simple" });
    const b = await post({ illustrativeSeed: "7" });
    expect(a.statusCode).toBe(202);
    expect(b.json().name).toBe("illustrativeSeed=7");
    const state = async (name: string) => (await first.app.inject({ url: `/api/studies/${STUDY}/variants/${name}` })).json();
    await until(async () => (await state("cvMean=simple")).state === "running");
    const queued = await state("illustrativeSeed=7");
    expect(queued.state).toBe("queued");
    expect(queued.queuePosition).toBe(1);
    expect((await first.app.inject({ url: "/api/studies" })).json()).toMatchObject({ cores: 1, running: 1, queued: 1 });
    // The same parameters again: the run in progress, not a second one.
    expect((await post({ cvMean: "simple" })).json()).toMatchObject({ name: "cvMean=simple", existing: true });
    // The status as a server-sent event stream: one event per change, closed when the run has ended.
    const events = first.app.inject({ url: `/api/studies/${STUDY}/variants/cvMean=simple/events` });
    await new Promise((r) => setTimeout(r, 400));
    open();
    const ev = await events;
    expect(ev.headers["content-type"]).toMatch(/text\/event-stream/);
    const states = ev.payload.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, "")).state);
    expect(states[0]).toBe("running");
    expect(states.at(-1)).toBe("done");
    await until(async () => (await state("illustrativeSeed=7")).state === "done");
    expect(fake.jobs.map((j) => j.variant)).toEqual(["cvMean=simple", "illustrativeSeed=7"]);
    await first.close();

    const second = buildServer({ root, outDir: out, execute: fake.execute, jobs: 1 });
    const list = (await second.app.inject({ url: `/api/studies/${STUDY}/variants` })).json().variants;
    expect(list.map((v: { name: string; state: string; params: unknown }) => [v.name, v.state, v.params]).sort()).toEqual([
      ["cvMean=simple", "done", { cvMean: "simple" }],
      ["illustrativeSeed=7", "done", { illustrativeSeed: "7" }],
    ]);
    // A finished variant is not run again.
    const again = await second.app.inject({ method: "POST", url: `/api/studies/${STUDY}/variants`, payload: { params: { cvMean: "simple" } } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ state: "done", existing: true });
    expect(fake.jobs.length).toBe(2);
    // A run killed before it finished is listed as interrupted.
    fs.mkdirSync(path.join(out, "variants", STUDY, "cvMean=weighted"));
    fs.writeFileSync(path.join(out, "variants", STUDY, "cvMean=weighted", "explore.json"), JSON.stringify({ id: STUDY, name: "cvMean=weighted", params: { cvMean: "weighted" }, uploads: [], created: "2026-01-01T00:00:00Z" }));
    const after = (await second.app.inject({ url: `/api/studies/${STUDY}/variants` })).json().variants;
    expect(after.find((v: { name: string }) => v.name === "cvMean=weighted").state).toBe("interrupted");
    await second.close();
  });
});

describe("regionlab explore: a failed variant", () => {
  it("reports the notebook's own error and its cell, and is listed as failed", async () => {
    const out = outDir();
    const error = { cell: 7, source: "const table = openData(dataSource, studySchema(STUDY, \"table1\"));", ename: "DataError", evalue: 'mine.csv, row 2 (line 3), column "z1993": got "n/a"; expected a number >= 0' };
    const { app, close } = buildServer({ root, outDir: out, execute: async () => ({ status: "error", error, ledger: [], seconds: 0.1 }), jobs: 1 });
    const r = await app.inject({ method: "POST", url: `/api/studies/${STUDY}/variants`, payload: { params: { cvMean: "simple" } } });
    expect(r.statusCode).toBe(202);
    await until(async () => (await app.inject({ url: `/api/studies/${STUDY}/variants/cvMean=simple` })).json().state === "error");
    expect((await app.inject({ url: `/api/studies/${STUDY}/variants/cvMean=simple` })).json().error).toEqual(error);
    expect((await app.inject({ url: `/api/studies/${STUDY}/variants` })).json().variants.map((v: { state: string }) => v.state)).toEqual(["error"]);
    await close();
  });
});
