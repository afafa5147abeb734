import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../kernel-lib/src/cli";

const REF = path.join(__dirname, "reference", "network");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["network", ...args], { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") });
  return { code, out, err };
}

function tmpCsv(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rl-net-")), "edges.csv");
  fs.writeFileSync(f, text);
  return f;
}

describe("regionlab network", () => {
  it("--json prints the issue's keys; numbers agree with the library and networkx", async () => {
    const r = await run(["--edges", path.join(REF, "rand60.csv"), "--source", "source", "--target", "target", "--weight", "weight", "--directed", "--seed", "3", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ["nodes", "edges", "density", "average_degree", "average_weighted_degree", "average_clustering", "average_path_length", "modularity", "communities", "nodes_table"]) expect(j).toHaveProperty(k);
    const nx = JSON.parse(fs.readFileSync(path.join(REF, "expected_networkx.json"), "utf8")).rand60;
    expect(j.nodes).toBe(60);
    expect(j.edges).toBe(nx.edges);
    expect(j.average_path_length).toBeCloseTo(nx.average_path_length_reachable, 12);
    expect(j.average_clustering).toBeCloseTo(nx.gephi_average_clustering, 12);
    expect(Object.keys(j.communities).length).toBe(60);
    const row = j.nodes_table.find((x: { id: string }) => x.id === "n0");
    expect(Object.keys(row)).toEqual(expect.arrayContaining(["id", "in_degree", "out_degree", "in_strength", "out_strength", "coreness"]));
    expect(row.out_strength).toBeCloseTo(nx.out_strength.n0, 9);
    const again = await run(["--edges", path.join(REF, "rand60.csv"), "--source", "source", "--target", "target", "--weight", "weight", "--directed", "--seed", "3", "--json"]);
    expect(JSON.parse(again.out).communities).toEqual(j.communities);
  });

  it("text output and --resolution", async () => {
    const r = await run(["--edges", path.join(REF, "karate.csv"), "--source", "source", "--target", "target", "--resolution", "0.5"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/nodes 34, edges 78 \(undirected\)/);
    expect(r.out).toMatch(/resolution 0.5/);
  });

  it("bad input exits 2 with one line naming file, row and column", async () => {
    const f = tmpCsv("from,to,w\na,b,1\nb,c,x\n");
    const r = await run(["--edges", f, "--source", "from", "--target", "to", "--weight", "w", "--json"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n").length).toBe(1);
    expect(r.err).toContain(f);
    expect(r.err).toMatch(/row 2/);
    expect(r.err).toMatch(/column "w"/);
    const neg = await run(["--edges", tmpCsv("from,to,w\na,b,-1\n"), "--source", "from", "--target", "to", "--weight", "w"]);
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/row 1.*column "w"/);
    const empty = await run(["--edges", tmpCsv("from,to\na,b\n,c\n"), "--source", "from", "--target", "to"]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/row 2.*column "from"/);
    const missing = await run(["--edges", f, "--source", "src", "--target", "to"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/src/);
    expect((await run(["--edges", f, "--source", "from", "--target", "to", "--seed", "-3"])).code).toBe(2);
    expect((await run(["--edges", f, "--source", "from", "--target", "to", "--resolution", "0"])).code).toBe(2);
    expect((await run(["--edges", f, "--source", "from", "--target", "to", "--bogus", "1"])).code).toBe(2);
    expect((await run(["--source", "from", "--target", "to"])).code).toBe(2);
  });
});
