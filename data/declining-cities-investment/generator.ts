/**
 * Seeded synthetic investment records for the declining-cities-investment notebook (丁梦 et al., 地理科学进展 2026).
 *
 * The paper's 18,575 firm-level records come from 企查查 (Qichacha, a commercial registry) and are not public, so
 * the notebook runs on records drawn here. Every random number comes from kernel-lib's seeded MT19937
 * (`createRng`). One record = one cross-regional investment event: year, source city (one of the 24 declining
 * cities), target city (any prefecture-level unit, municipality or province-administered county-level city of
 * the ECharts list), investor and invested industry (the paper's 7 classes), producer-service subsector, and the
 * subscribed amount (亿元, 2023 prices).
 *
 * What is planted, and how (targets in the notebook's calibration table):
 * 1. Yearly totals: events and amounts at the anchor years (2001: 118 / 47.44; 2007: 144; 2013: 676 / 334.3;
 *    2022: 3,184 / 888.14); years in between by geometric interpolation (2007's amount and all of 2019 are
 *    assumptions: the paper prints no number for them).
 * 2. Regional split of events and amounts (Table 2, 2001/2007/2013/2019/2022; linear in between), then each
 *    city's events and amount: the printed top-10 out-degrees (Table 4) and out-strengths (Table 5) exactly, the
 *    rest of each region shared at random among the unlisted cities, each below the 10th printed value.
 * 3. The network of each year: exactly N nodes and E distinct directed edges (Table 3: 78/86, 207/354, 283/990;
 *    other years by interpolating N/events and E/events). Targets are drawn with a propensity
 *    mass_j · exp(−d_sj / λ_year) · (3 if same province), d by the paper's formula (1)–(2); mass is a lognormal
 *    draw, ×6 for provincial capitals and Shenzhen-type hubs, ×10 for municipalities. The in-degree and
 *    in-strength top-10 targets of Tables 4–5 and the top pairs of the text (Fig. 4) are forced into the network
 *    and their event counts / amounts planted; other targets are capped below the 10th printed value.
 * 4. No declining city is a target in 2001 (the printed average path length 1.000 means no two-step path);
 *    later a share of edges goes between declining cities (DECLINING_EDGE_SHARE).
 * 5. Industries: investor and invested class by year-specific shares, with a same-industry probability that
 *    gives the printed same-industry count shares (32.20% → 59.64%) and producer services' 68.97% of 2022 events.
 * 6. `factors()` draws the push (investor) and pull (destination) variables of Table 6 for 2001/2013/2022 so
 *    that the concentration indices C1/C2 land near the printed values (grid search on a latent correlation);
 *    distance is not planted: its C2 follows from the flows. The pull factors with a public series (`realPull`:
 *    GDP, tertiary share, FDI; study.ts `realPullFactors`) are not drawn either: their C2 follows from the flows
 *    ranked by the real values.
 */
import { calibrationTargets, createRng, loadPublished, network, openData, printedValue, projectDataPath, readTable,
  type StudyGenerator } from "kernel-lib";

type Rng = ReturnType<typeof createRng>;

export const INDUSTRIES = ["agriculture", "mining", "utilities", "construction", "manufacturing", "producer services", "consumer services"];
export const INDUSTRIES_ZH = ["农林牧渔业", "采矿业", "电力热力燃气及水", "建筑业", "制造业", "生产性服务业", "生活性服务业"];
export const PRODUCER_SUB = ["wholesale & retail", "science & technical services", "leasing & business services", "finance", "information & software", "transport & logistics", "water, environment & public facilities"];
export const YEARS = Array.from({ length: 22 }, (_, i) => 2001 + i);

export const REGIONS = ["east", "central", "west", "northeast"];
/** The study's printed numbers (published.json): the calibration targets are read from it, never retyped. */
const PUB = loadPublished("declining-cities-investment");
const CROSS = [2001, 2013, 2022];
/** Table 2: [count share, amount share] (%) by region of the investing city. */
export const TABLE2: Record<number, Record<string, [number, number]>> = Object.fromEntries([2001, 2007, 2013, 2019, 2022].map((y) =>
  [y, Object.fromEntries(REGIONS.map((r) => {
    const t = calibrationTargets(PUB, { n: `t2-${r}-${y}-n`, a: `t2-${r}-${y}-a` });
    return [r, [t.n, t.a]];
  }))]));
const printedTotals = (y: number): [number, number] => {
  const t = calibrationTargets(PUB, { n: `tot-n-${y}`, a: `tot-a-${y}` });
  return [t.n, t.a];
};
/**
 * Yearly totals: events, amount (亿元). 2001 and 2022 from the ledger; 2013's 676 / 334.3 are printed in the text
 * (not ledger entries); the 2007 amount and all of 2019 are assumptions (not printed).
 */
export const TOTALS: Record<number, [number, number]> = { 2001: printedTotals(2001), 2007: [144, 98], 2013: [676, 334.3],
  2019: [2300, 700], 2022: printedTotals(2022) };
/** Table 3 network sizes [nodes, edges]. */
export const SIZES: Record<number, [number, number]> = Object.fromEntries(CROSS.map((y) => {
  const t = calibrationTargets(PUB, { n: `t3-nodes-${y}-count`, e: `t3-edges-${y}-count` });
  return [y, [t.n, t.e]];
}));

type Top = [string, number][];
/** One top-10 list of Tables 4–5 from the ledger, sorted by value (the printed 2013 out-degree order is not, B2). */
function printedTop(table: "t4" | "t5", y: number, k: string): Top {
  const rows = PUB.entries.filter((e) => e.id.startsWith(`${table}-${y}-${k}-`))
    .sort((a, b) => Number(a.id.split("-").pop()) - Number(b.id.split("-").pop()))
    .map((e): [string, number] => [e.row.replace(/^rank \d+ /, "").replace("临夏州", "临夏"), printedValue(PUB, e.id)]);
  if (rows.length !== 10) throw new Error(`published.json: ${table}-${y}-${k} has ${rows.length} ranks, expected 10`);
  return rows.sort((a, b) => b[1] - a[1]);
}
/** Table 4 (event counts) and Table 5 (amounts, 亿元): out and in top 10. */
export const TOP: Record<number, { outN: Top; inN: Top; outA: Top; inA: Top }> = Object.fromEntries(CROSS.map((y) => [y, {
  outN: printedTop("t4", y, "outN"), inN: printedTop("t4", y, "inN"), outA: printedTop("t5", y, "outA"), inA: printedTop("t5", y, "inA") }]));
/** Top pairs of the text (Fig. 4) with the share of the target's printed in-value they carry (planted). */
export const TOP_PAIRS: Record<number, { count: [string, string, number][]; amount: [string, string, number][] }> = {
  2001: { count: [["石嘴山", "银川", 0.75]], amount: [["韶关", "衡阳", 1]] },
  2013: { count: [["铜陵", "池州", 0.86], ["泸州", "成都", 0.8]], amount: [["白银", "陇南", 1]] },
  2022: { count: [["泸州", "成都", 0.7], ["韶关", "广州", 0.62], ["抚顺", "沈阳", 0.7]], amount: [["新余", "南昌", 0.8], ["泸州", "成都", 0.78], ["淮北", "无锡", 0.85]] },
};
/** Distance-decay scale λ (km) of the target propensity; tuned to the 441 km shares 55.93 / 64.35 / 51.46 %. */
export const DECAY: Record<number, number> = { 2001: 370, 2013: 290, 2022: 380 };
/** Share of the free edges drawn between declining cities (2001: none, so the average path length is 1). */
export const DECLINING_EDGE_SHARE: Record<number, number> = { 2001: 0, 2013: 0.06, 2022: 0.06 };

export interface Place { name: string; province: string; lon: number; lat: number; kind: string }
export interface DecliningCity { name: string; province: string; region: string }
export interface GenOptions { seed: number; places: Place[]; declining: DecliningCity[]; years?: number[] }
export interface InvestmentRecord {
  year: number; source: string; target: string; source_industry: string; target_industry: string; target_subsector: string; amount: number;
}

const CAPITALS = new Set(["石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙", "广州",
  "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐", "深圳", "苏州", "无锡", "宁波", "青岛", "大连", "厦门", "东莞"]);
const MUNI = new Set(["北京", "上海", "天津", "重庆"]);

/** Linear interpolation of a year-keyed table. */
function interp(tab: Record<number, number>, y: number): number {
  const ks = Object.keys(tab).map(Number).sort((a, b) => a - b);
  if (y <= ks[0]) return tab[ks[0]];
  if (y >= ks[ks.length - 1]) return tab[ks[ks.length - 1]];
  let i = 0;
  while (ks[i + 1] < y) i++;
  const t = (y - ks[i]) / (ks[i + 1] - ks[i]);
  return tab[ks[i]] * (1 - t) + tab[ks[i + 1]] * t;
}
function ginterp(tab: Record<number, number>, y: number): number {
  const l: Record<number, number> = {};
  for (const k of Object.keys(tab)) l[+k] = Math.log(tab[+k]);
  return Math.exp(interp(l, y));
}
/** Largest-remainder rounding of x to integers summing to `total`. */
function roundTo(x: number[], total: number): number[] {
  const f = x.map(Math.floor);
  let rest = total - f.reduce((a, b) => a + b, 0);
  const order = x.map((v, i) => [v - Math.floor(v), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % x.length, rest--) f[order[k][1]]++;
  return f;
}
/** Share `total` over n items ∝ w, each ≤ cap (water filling). */
function capped(total: number, w: number[], cap: number | number[]): number[] {
  const capOf = (i: number) => (typeof cap === "number" ? cap : Math.max(0, cap[i]));
  const out = w.map(() => 0);
  let free = w.map((_, i) => i);
  let rest = total;
  for (let it = 0; it < 50 && rest > 1e-12 && free.length; it++) {
    const sw = free.reduce((a, i) => a + w[i], 0);
    const next: number[] = [];
    let spill = 0;
    for (const i of free) {
      const v = out[i] + (rest * w[i]) / sw;
      if (v > capOf(i)) { spill += v - capOf(i); out[i] = capOf(i); } else { out[i] = v; next.push(i); }
    }
    rest = spill;
    free = next;
  }
  return out;
}
function pick(rng: Rng, w: number[]): number {
  let s = 0;
  for (const v of w) s += v;
  if (!(s > 0)) return -1;
  let u = rng.uniform() * s;
  for (let i = 0; i < w.length; i++) { u -= w[i]; if (u < 0 && w[i] > 0) return i; }
  for (let i = w.length - 1; i >= 0; i--) if (w[i] > 0) return i;
  return -1;
}
const RAD = Math.PI / 180;
function km(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const z = Math.sin((90 - a.lat) * RAD) * Math.sin((90 - b.lat) * RAD) * Math.cos((a.lon - b.lon) * RAD) + Math.cos((90 - a.lat) * RAD) * Math.cos((90 - b.lat) * RAD);
  return 6371.004 * Math.acos(Math.max(-1, Math.min(1, z)));
}

/** City totals (events, amounts) of the 24 cities in an anchor year: printed top 10 exactly, the rest at random. */
function cityTotals(y: number, decl: DecliningCity[], rng: Rng) {
  const [N, A] = TOTALS[y];
  const res: { n: Record<string, number>; a: Record<string, number> } = { n: {}, a: {} };
  for (const kind of ["n", "a"] as const) {
    const total = kind === "n" ? N : A;
    const listed = new Map<string, number>(TOP[y] ? (kind === "n" ? TOP[y].outN : TOP[y].outA) : []);
    const cap = listed.size ? Math.min(...listed.values()) : Infinity;
    // region targets from Table 2, corrected where every city of a region is listed
    const raw = REGIONS.map((r) => (total * TABLE2[y][r][kind === "n" ? 0 : 1]) / 100);
    const fixed = REGIONS.map((r) => {
      const cs = decl.filter((c) => c.region === r);
      return cs.every((c) => listed.has(c.name)) ? cs.reduce((s, c) => s + listed.get(c.name)!, 0) : null;
    });
    const diff = raw.reduce((s, v, i) => s + (fixed[i] !== null ? v - fixed[i]! : 0), 0);
    const freeSum = raw.reduce((s, v, i) => s + (fixed[i] === null ? v : 0), 0);
    let reg = raw.map((v, i) => (fixed[i] !== null ? fixed[i]! : v + (diff * v) / freeSum));
    if (kind === "n") reg = roundTo(reg, total);
    REGIONS.forEach((r, ri) => {
      const cs = decl.filter((c) => c.region === r);
      const un = cs.filter((c) => !listed.has(c.name));
      let rest = reg[ri] - cs.reduce((s, c) => s + (listed.get(c.name) ?? 0), 0);
      for (const c of cs) if (listed.has(c.name)) res[kind][c.name] = listed.get(c.name)!;
      if (!un.length) return;
      const w = un.map(() => 0.3 + rng.uniform());
      if (kind === "n") {
        rest -= un.length; // at least one event each
        const v = roundTo(capped(Math.max(0, rest), w, cap - 1 - 1e-9), Math.max(0, rest));
        un.forEach((c, i) => (res.n[c.name] = v[i] + 1));
      } else {
        const v = capped(Math.max(0, rest), w, cap * 0.98);
        un.forEach((c, i) => (res.a[c.name] = Math.max(0.01, Math.round(v[i] * 100) / 100)));
      }
    });
  }
  return res;
}

export function generate(o: GenOptions): { records: InvestmentRecord[]; mass: Record<string, number>; assumptions: string[] } {
  const rng = createRng(o.seed, "declining-cities-investment");
  const years = o.years ?? YEARS;
  const decl = o.declining;
  const declSet = new Set(decl.map((c) => c.name));
  const places = o.places;
  const at = new Map(places.map((p) => [p.name, p]));
  for (const c of decl) if (!at.has(c.name)) throw new Error(`generator: no coordinates for ${c.name}`);
  const mass: Record<string, number> = {};
  for (const p of places) mass[p.name] = Math.exp(rng.normal(0, 0.6)) * (MUNI.has(p.name) ? 10 : CAPITALS.has(p.name) ? 6 : 1);
  // anchor-year city totals, then within-region shares interpolated for the other years
  const anchors: Record<number, ReturnType<typeof cityTotals>> = {};
  for (const y of [2001, 2013, 2022]) anchors[y] = cityTotals(y, decl, rng);
  const shareTab = (kind: "n" | "a", c: DecliningCity) => {
    const t: Record<number, number> = {};
    for (const y of [2001, 2013, 2022]) {
      const regTot = decl.filter((d) => d.region === c.region).reduce((s, d) => s + anchors[y][kind][d.name], 0);
      t[y] = anchors[y][kind][c.name] / regTot;
    }
    return t;
  };
  const records: InvestmentRecord[] = [];
  for (const y of years) {
    const N = TOTALS[y] ? TOTALS[y][0] : Math.round(ginterp(Object.fromEntries(Object.entries(TOTALS).map(([k, v]) => [k, v[0]])), y) * Math.exp(rng.normal(0, 0.05)));
    const A = TOTALS[y] ? TOTALS[y][1] : ginterp(Object.fromEntries(Object.entries(TOTALS).map(([k, v]) => [k, v[1]])), y) * Math.exp(rng.normal(0, 0.08));
    let n: Record<string, number>, a: Record<string, number>;
    if (anchors[y]) ({ n, a } = anchors[y]);
    else {
      n = {}; a = {};
      const regShare = (r: string, k: 0 | 1) => interp(Object.fromEntries(Object.entries(TABLE2).map(([yy, v]) => [yy, v[r][k]])), y) / 100;
      const regN = roundTo(REGIONS.map((r) => N * regShare(r, 0)), N);
      REGIONS.forEach((r, ri) => {
        const cs = decl.filter((c) => c.region === r);
        const sn = cs.map((c) => interp(shareTab("n", c), y) * Math.exp(rng.normal(0, 0.15)));
        const sa = cs.map((c) => interp(shareTab("a", c), y) * Math.exp(rng.normal(0, 0.25)));
        const tn = sn.reduce((p, q) => p + q, 0), ta = sa.reduce((p, q) => p + q, 0);
        const v = roundTo(sn.map((s) => (regN[ri] * s) / tn), regN[ri]);
        cs.forEach((c, i) => {
          n[c.name] = v[i];
          a[c.name] = v[i] > 0 ? (A * regShare(r, 1) * sa[i]) / ta : 0;
        });
      });
    }
    records.push(...buildYear(y, n, a, decl, declSet, places, at, mass, rng));
  }
  return {
    records,
    mass,
    assumptions: [
      "2007 amount (98 亿元) and 2019 totals (2,300 events, 700 亿元) are not printed: assumed, between the printed neighbours.",
      "Node and edge counts of non-anchor years interpolate the Table 3 ratios N/events and E/events.",
    ],
  };
}

function buildYear(y: number, n: Record<string, number>, a: Record<string, number>, decl: DecliningCity[], declSet: Set<string>, places: Place[],
  at: Map<string, Place>, mass: Record<string, number>, rng: Rng): InvestmentRecord[] {
  const sources = decl.filter((c) => n[c.name] > 0).map((c) => c.name);
  const events = sources.reduce((s, c) => s + n[c], 0);
  // other years: ln N and ln E linear in ln(events) between the anchor years
  const ay = [2001, 2013, 2022];
  const size = (k: 0 | 1) => {
    const lo = events <= TOTALS[2013][0] ? 0 : 1;
    const [y0, y1] = [ay[lo], ay[lo + 1]];
    const t = (Math.log(events) - Math.log(TOTALS[y0][0])) / (Math.log(TOTALS[y1][0]) - Math.log(TOTALS[y0][0]));
    return Math.round(Math.exp(Math.log(SIZES[y0][k]) + t * (Math.log(SIZES[y1][k]) - Math.log(SIZES[y0][k]))));
  };
  const Nn = SIZES[y] ? SIZES[y][0] : size(0);
  const En = SIZES[y] ? SIZES[y][1] : Math.min(events, size(1));
  const lambda = interp(DECAY, y);
  const declShare = interp(DECLINING_EDGE_SHARE, y);
  const top = TOP[y];
  const pairs = TOP_PAIRS[y] ?? { count: [], amount: [] };
  const inN = new Map<string, number>(top ? top.inN : []);
  const inA = new Map<string, number>(top ? top.inA : []);
  const capN = top ? Math.min(...inN.values()) - 1 : Infinity;
  const capA = top ? Math.min(...inA.values()) * 0.97 : Infinity;
  const pairCapN = pairs.count.length ? Math.min(...pairs.count.map(([, t, f]) => Math.round(f * inN.get(t)!))) - 1 : Infinity;
  const pairCapA = pairs.amount.length ? Math.min(...pairs.amount.map(([, t, f]) => f * inA.get(t)!)) * 0.95 : Infinity;
  const prov = (name: string) => at.get(name)!.province;
  const prop = (s: string, t: string) => (inN.has(t) || inA.has(t) ? 3 : 1) * mass[t] * Math.exp(-km(at.get(s)!, at.get(t)!) / lambda) * (prov(s) === prov(t) ? 3 : 1);
  // 1. the pool of non-declining targets
  const forced = new Set<string>([...inN.keys(), ...inA.keys(), ...pairs.count.map((p) => p[1]), ...pairs.amount.map((p) => p[1])]);
  const poolSize = Math.max(forced.size, Nn - sources.length);
  const cand = places.filter((p) => !declSet.has(p.name) && !forced.has(p.name)).map((p) => p.name);
  const cw = cand.map((t) => sources.reduce((s, c) => s + n[c] * prop(c, t), 0));
  const pool = [...forced];
  while (pool.length < poolSize) {
    const k = pick(rng, cw);
    if (k < 0) break;
    pool.push(cand[k]);
    cw[k] = 0;
  }
  // 2. edges
  const edges = new Map<string, { s: string; t: string; n: number; a: number; planted: boolean }>();
  const outE = new Map<string, number>(sources.map((s) => [s, 0]));
  const inE = new Map<string, number>();
  const add = (s: string, t: string, planted = false) => {
    const key = `${s}|${t}`;
    if (edges.has(key) || s === t) return false;
    edges.set(key, { s, t, n: 1, a: 0, planted });
    outE.set(s, outE.get(s)! + 1);
    inE.set(t, (inE.get(t) ?? 0) + 1);
    return true;
  };
  for (const [s, t] of [...pairs.count, ...pairs.amount].map((p) => [p[0], p[1]])) add(s, t, true);
  for (const t of pool) {
    if (inE.has(t)) continue;
    const ok = sources.filter((s) => outE.get(s)! < n[s]);
    const k = pick(rng, ok.map((s) => (inA.has(t) ? a[s] : n[s]) * prop(s, t)));
    if (k >= 0) add(ok[k], t);
  }
  for (const s of sources) if (outE.get(s) === 0) {
    const k = pick(rng, pool.map((t) => prop(s, t)));
    add(s, pool[k]);
  }
  const declTargets = y === 2001 ? [] : sources;
  let guard = 0;
  while (edges.size < En && guard++ < 200000) {
    const s = sources[pick(rng, sources.map((c) => Math.max(0, n[c] - outE.get(c)!)))];
    if (s === undefined) break;
    const toDecl = declTargets.length > 1 && rng.uniform() < declShare;
    const tl = toDecl ? declTargets.filter((t) => t !== s) : pool;
    const w = tl.map((t) => {
      if (edges.has(`${s}|${t}`)) return 0;
      const e = inE.get(t) ?? 0;
      if (inN.has(t)) return e >= inN.get(t)! ? 0 : prop(s, t) * 12;
      return top && e >= capN ? 0 : prop(s, t);
    });
    const k = pick(rng, w);
    if (k >= 0) add(s, tl[k]);
  }
  // 3. events per edge: planted pairs, then the listed in-degree targets, then the rest under caps
  const E = [...edges.values()];
  const used = new Map<string, number>(sources.map((s) => [s, outE.get(s)!]));
  const inUsed = new Map<string, number>([...inE]);
  const room = (s: string) => n[s] - used.get(s)!;
  const give = (e: (typeof E)[number], k: number) => {
    e.n += k; used.set(e.s, used.get(e.s)! + k); inUsed.set(e.t, inUsed.get(e.t)! + k);
  };
  for (const [s, t, f] of pairs.count) {
    const e = edges.get(`${s}|${t}`)!;
    give(e, Math.max(0, Math.min(room(s), Math.round(f * inN.get(t)!) - e.n)));
  }
  for (const [t, d] of inN) {
    const ins = E.filter((e) => e.t === t);
    while (inUsed.get(t)! < d) {
      const k = pick(rng, ins.map((e) => (e.planted && pairs.count.some((p) => p[0] === e.s && p[1] === t) ? 0 : room(e.s) > 0 && e.n < pairCapN ? room(e.s) * prop(e.s, t) : 0)));
      if (k < 0) break;
      give(ins[k], 1);
    }
  }
  for (const s of sources) {
    const outs = E.filter((e) => e.s === s && !inN.has(e.t));
    while (room(s) > 0) {
      let w = outs.map((e) => (inUsed.get(e.t)! < capN && e.n < pairCapN ? prop(s, e.t) : 0));
      if (!w.some((v) => v > 0)) w = outs.map((e) => (e.n < pairCapN ? 1 : 0));
      if (!w.some((v) => v > 0)) w = E.filter((e) => e.s === s).map(() => 1);
      const list = w.length === outs.length ? outs : E.filter((e) => e.s === s);
      const k = pick(rng, w);
      give(list[k], 1);
    }
  }
  // 4. amounts per edge: planted amount pairs, the listed in-strength targets, the rest under caps
  const budget = new Map<string, number>(sources.map((s) => [s, a[s]]));
  const inAmt = new Map<string, number>();
  const spend = (e: (typeof E)[number], v: number) => {
    e.a += v; budget.set(e.s, budget.get(e.s)! - v); inAmt.set(e.t, (inAmt.get(e.t) ?? 0) + v);
  };
  for (const [s, t, f] of pairs.amount) spend(edges.get(`${s}|${t}`)!, Math.min(budget.get(s)! * 0.97, f * inA.get(t)!));
  for (const [t, d] of inA) {
    const need = d - (inAmt.get(t) ?? 0);
    if (need <= 1e-9) continue;
    const ins = E.filter((e) => e.t === t && !pairs.amount.some((p) => p[0] === e.s && p[1] === t));
    const w = ins.map((e) => Math.max(0, budget.get(e.s)! * 0.6) * e.n);
    const sw = w.reduce((p, q) => p + q, 0);
    if (!(sw > 0)) continue;
    const v = capped(need, w, pairCapA);
    ins.forEach((e, i) => spend(e, Math.min(v[i], Math.max(0, budget.get(e.s)! * 0.9))));
    for (const e of ins) {
      const short = d - inAmt.get(t)!;
      if (short <= 1e-9) break;
      if (e.a + Math.min(short, budget.get(e.s)! * 0.97) < pairCapA) spend(e, Math.max(0, Math.min(short, budget.get(e.s)! * 0.97)));
    }
  }
  for (const s of sources) {
    const rest = budget.get(s)!;
    if (rest <= 1e-12) continue;
    let outs = E.filter((e) => e.s === s && !inA.has(e.t));
    if (!outs.length) outs = E.filter((e) => e.s === s);
    const w = outs.map((e) => e.n * Math.exp(rng.normal(0, 0.8)));
    const caps = outs.map((e) => Math.min(pairCapA - e.a, inA.has(e.t) ? 0 : capA - (inAmt.get(e.t) ?? 0)));
    const v = capped(rest, w, caps);
    const left = rest - v.reduce((p, q) => p + q, 0);
    outs.forEach((e, i) => spend(e, v[i] + (left > 1e-9 ? (left * w[i]) / w.reduce((p, q) => p + q, 0) : 0)));
  }
  // 5. events: split edge amounts, draw industries
  const t01 = (y - 2001) / 21;
  const srcMix = [0.04, 0.16, 0.04, 0.04, 0.47, 0.2, 0.05].map((v, i) => v * (1 - t01) + [0.01, 0.05, 0.03, 0.03, 0.14, 0.6897, 0.05][i] * t01);
  const tgtMix = [0.04, 0.1, 0.03, 0.04, 0.33, 0.38, 0.08].map((v, i) => v * (1 - t01) + [0.02, 0.04, 0.04, 0.05, 0.17, 0.6, 0.08][i] * t01);
  const sameTarget = 0.322 * (1 - t01) + 0.5964 * t01;
  const base = srcMix.reduce((s, v, i) => s + v * tgtMix[i], 0);
  const pSame = Math.max(0, (sameTarget - base) / (1 - base));
  const subMix = [0.44, 0.023, 0.1, 0.12, 0.1, 0.12, 0.097].map((v, i) => v * (1 - t01) + [0.1757, 0.2517, 0.2, 0.1, 0.12, 0.1, 0.0526][i] * t01);
  const out: InvestmentRecord[] = [];
  for (const e of E) {
    const w = Array.from({ length: e.n }, () => -Math.log(1 - rng.uniform()));
    const sw = w.reduce((p, q) => p + q, 0);
    for (let k = 0; k < e.n; k++) {
      const si = pick(rng, srcMix);
      const ti = rng.uniform() < pSame ? si : pick(rng, tgtMix);
      out.push({
        year: y, source: e.s, target: e.t, source_industry: INDUSTRIES[si], target_industry: INDUSTRIES[ti],
        target_subsector: ti === 5 ? PRODUCER_SUB[pick(rng, subMix)] : "", amount: (e.a * w[k]) / sw,
      });
    }
  }
  return out;
}

/** Printed Table 6 (C1 push, C2 pull), values from published.json for 2001, 2013, 2022: [factor, side, sort rule, unit, values]. */
const TABLE6_FACTORS: [string, "push" | "pull", "asc" | "desc", string][] = [
  ["resource_dependence", "push", "asc", "% mining / total employment"],
  ["processing_degree", "push", "desc", "% manufacturing / secondary employment"],
  ["vitality", "push", "desc", "mean night-light DN"],
  ["distance", "pull", "asc", "km"],
  ["gdp", "pull", "desc", "亿元"],
  ["tertiary_share", "pull", "desc", "% of GDP"],
  ["fdi", "pull", "desc", "万元"],
  ["patents", "pull", "desc", "per 10^4 people"],
  ["gov_support", "pull", "desc", "yuan per yuan of GDP"],
  ["wage", "pull", "asc", "yuan"],
];
export const TABLE6: [string, "push" | "pull", "asc" | "desc", string, [number, number, number]][] = TABLE6_FACTORS.map(([f, side, rule, unit]) =>
  [f, side, rule, unit, CROSS.map((y) => printedValue(PUB, `t6-${f}-${y}`)) as [number, number, number]]);
const SCALE: Record<string, (z: number) => number> = {
  resource_dependence: (z) => Math.min(60, Math.exp(2.5 + 0.6 * z)),
  processing_degree: (z) => Math.min(95, 40 + 12 * z),
  vitality: (z) => Math.exp(2.2 + 0.5 * z),
  gdp: (z) => Math.exp(7 + 0.9 * z),
  tertiary_share: (z) => Math.max(20, Math.min(85, 45 + 9 * z)),
  fdi: (z) => Math.exp(11.5 + 1.2 * z),
  patents: (z) => Math.exp(1 + 1 * z),
  gov_support: (z) => Math.max(0.05, 0.18 + 0.05 * z),
  wage: (z) => Math.exp(10.8 + 0.25 * z),
};

/**
 * Push and pull variables for one year, planted so that C1/C2 land near the printed value: a latent
 * z = ρ·score + √(1−ρ²)·ε (score = standardised log amount), ρ chosen on a grid. Distance is computed, not drawn.
 */
export function factors(o: { seed: number; year: number; records: Pick<InvestmentRecord, "year" | "source" | "target" | "amount">[];
  places: Place[]; realPull?: string[] }) {
  const rng = createRng(o.seed + o.year, `declining-factors-${o.year}`);
  const col = [2001, 2013, 2022].indexOf(o.year);
  const recs = o.records.filter((r) => r.year === o.year);
  const outAmt = new Map<string, number>();
  const inAmt = new Map<string, number>();
  const pair = new Map<string, { source: string; target: string; amount: number }>();
  for (const r of recs) {
    outAmt.set(r.source, (outAmt.get(r.source) ?? 0) + r.amount);
    inAmt.set(r.target, (inAmt.get(r.target) ?? 0) + r.amount);
    const k = `${r.source}|${r.target}`;
    const p = pair.get(k) ?? { source: r.source, target: r.target, amount: 0 };
    p.amount += r.amount;
    pair.set(k, p);
  }
  const std = (v: number[]) => {
    const m = v.reduce((p, q) => p + q, 0) / v.length;
    const s = Math.sqrt(v.reduce((p, q) => p + (q - m) ** 2, 0) / v.length) || 1;
    return v.map((x) => (x - m) / s);
  };
  const push: Record<string, Record<string, number>> = {};
  const pull: Record<string, Record<string, number>> = {};
  const srcs = [...outAmt.keys()];
  const names = o.places.map((p) => p.name);
  for (const s of srcs) push[s] = {};
  for (const p of names) pull[p] = {};
  const sScore = std(srcs.map((s) => Math.log(outAmt.get(s)!)));
  const pScore = std(names.map((p) => Math.log(1e-3 + (inAmt.get(p) ?? 0))));
  const grid = Array.from({ length: 41 }, (_, i) => -1 + i * 0.05);
  for (const [f, side, rule, , vals] of TABLE6) {
    if (f === "distance") continue;
    // A pull factor with a public series is not drawn (the study ranks by the real values); its draws are still
    // taken so that the other factors keep theirs.
    if (o.realPull?.includes(f)) {
      names.forEach(() => rng.normal());
      continue;
    }
    const target = col >= 0 ? vals[col] : 0;
    if (side === "push") {
      const eps = srcs.map(() => rng.normal());
      let best = { r: 0, d: Infinity, x: [] as number[] };
      for (const rho of grid) {
        const x = srcs.map((_, i) => SCALE[f](rho * sScore[i] + Math.sqrt(1 - rho * rho) * eps[i]));
        const c = network.c1(srcs.map((s, i) => ({ city: s, amount: outAmt.get(s)!, value: x[i] })), rule).value;
        if (Math.abs(c - target) < best.d) best = { r: rho, d: Math.abs(c - target), x };
      }
      srcs.forEach((s, i) => (push[s][f] = best.x[i]));
    } else {
      const eps = names.map(() => rng.normal());
      let best = { r: 0, d: Infinity, x: [] as number[] };
      for (const rho of grid) {
        const x = names.map((_, i) => SCALE[f](rho * pScore[i] + Math.sqrt(1 - rho * rho) * eps[i]));
        const xi = new Map(names.map((p, i) => [p, x[i]]));
        const c = network.c2([...pair.values()].map((p) => ({ ...p, value: xi.get(p.target)! })), rule).value;
        if (Math.abs(c - target) < best.d) best = { r: rho, d: Math.abs(c - target), x };
      }
      names.forEach((p, i) => (pull[p][f] = best.x[i]));
    }
  }
  return { push, pull };
}

/**
 * The study area: every ECharts unit with its label point, the 24 declining cities of the 2013 plan by region, and the
 * plan's declining county-level cities (named in §1.1, not studied).
 */
export async function studyArea(): Promise<{ places: Place[]; declining: DecliningCity[]; decliningCountyCities: string[] }> {
  const plan = (await openData("manifest:resource_cities_2013")).table;
  const provT = readTable(projectDataPath("geo/china_provinces.csv"));
  const regionOf = new Map(provT.str("name_zh").map((n, i) => [n, provT.str("region")[i]]));
  const pref = readTable(projectDataPath("geo/china_prefectures_echarts.csv"));
  const lon = pref.num("lon"), lat = pref.num("lat"), prov = pref.str("province_zh"), kind = pref.str("unit_kind");
  const places = pref.str("name_zh").map((name, i) => ({ name, province: prov[i], lon: lon[i], lat: lat[i], kind: kind[i] }));
  const type = plan.str("type"), pz = plan.str("province_zh");
  const declining = plan.str("name_zh").map((name, i) => ({ name, province: pz[i], region: regionOf.get(pz[i]) ?? "?" }))
    .filter((_, i) => type[i] === "declining");
  const county = (await openData("manifest:resource_county_cities_2013")).table, ct = county.str("type");
  const decliningCountyCities = county.str("full_name_zh").filter((_, i) => ct[i] === "declining");
  return { places, declining, decliningCountyCities };
}

/** The notebook's synthetic records as the columns of schema.json (event_id 1..n). */
export function recordColumns(records: InvestmentRecord[]) {
  return {
    event_id: records.map((_, k) => k + 1), year: records.map((r) => r.year), source: records.map((r) => r.source),
    target: records.map((r) => r.target), source_industry: records.map((r) => r.source_industry),
    target_industry: records.map((r) => r.target_industry), target_subsector: records.map((r) => r.target_subsector),
    amount: records.map((r) => r.amount),
  };
}

/** What `regionlab template declining-cities-investment` writes: the notebook's own synthetic records. */
export async function templateData(p: Record<string, unknown>) {
  const area = await studyArea();
  return { records: recordColumns(generate({ seed: Number(p.seed), ...area }).records) };
}

/** The generator behind the typed StudyGenerator contract: the panel is the record file's columns. */
export const generator: StudyGenerator<GenOptions, { mass: Record<string, number>; assumptions: string[] }> = {
  generate(o: GenOptions) {
    const g = generate(o);
    return { panel: recordColumns(g.records), truth: { mass: g.mass, assumptions: g.assumptions }, planted: {} };
  },
};
