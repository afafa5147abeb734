/**
 * Plumbing of notebooks/declining-cities-investment.ipynb that a reader does not need to follow the analysis: the
 * tables' layouts (ours beside the printed value), the mapping of every result to its ledger id, the flow
 * diagram and map layouts, the what-if grids and the closing text. The notebook keeps the data, the equations,
 * the network construction and the community / core–periphery calls, and shows what these functions return.
 */
import { type Cell, type Displayable, type Published, type Provenance, type Figure, type Trace, type YearValue, bandShares,
  bandsFrom, compare, countsText, figure, flowMap, greatCircleKm, markdown, moments, network, projectDataPath, readGeoJson,
  realSeries, seriesByUnit, shareWithin, table, toTable, valueAtYear, valueMap } from "kernel-lib";

type Data = Parameters<typeof toTable>[0];
type Graph = ReturnType<typeof network.buildGraph>;
export interface Place { name: string; province: string; lon: number; lat: number; kind: string }
export interface DecliningCity { name: string; province: string; region: string }
export interface Rec { year: number; source: string; target: string; si: string; ti: string; sub: string; amount: number; km: number }
interface Entry { value: number | null; provenance?: "printed" | "real"; note?: string; differs?: string }

export const YEARS = Array.from({ length: 22 }, (_, i) => 2001 + i);
export const CROSS = [2001, 2013, 2022];
const REG = ["east", "central", "west", "northeast"];
const IND = ["agriculture", "mining", "utilities", "construction", "manufacturing", "producer services", "consumer services"];
const IND_ZH = ["农林牧渔", "采矿", "电热燃水", "建筑", "制造", "生产性服务", "生活性服务"];
const f2 = (v: number, d = 2) => ({ html: Number.isFinite(v) ? v.toFixed(d) : "—" });
const grey = (s: string) => `<span style="color:#888">${s}</span>`;

/** How a cross-section value of a public pull factor was found (issue 19). */
export type FactorKind = "real" | "real, other year" | "filled";
export interface FactorValue { value: number; from: number; kind: FactorKind }
/** A Table 6 pull factor with a public series: its values per cross-section year and ECharts unit. */
export interface RealFactor {
  factor: string; label: string; unit: string; source: string; rule: string; differs: string;
  /** The difference from the paper's variable in a few words, for the ledger notes. */
  short: string;
  years: Record<number, Map<string, FactorValue>>;
}
const CITY_PANEL = "manifest:city_sustainability_287_2004_2012";

/**
 * GDP, tertiary share and FDI of every unit of the study area in 2001, 2013 and 2022 from the public panels. A value
 * is "real" in its own year, "real, other year" within `realWithin` years, otherwise "filled" by the stated rule
 * (`valueAtYear`); a unit no panel covers has none (county-level cities, Hong Kong, Macao, Taiwan) and is counted.
 */
export async function realPullFactors(places: Place[]): Promise<RealFactor[]> {
  const names = new Set(places.map((p) => p.name));
  // Units renamed or recoded after the ECharts 4.9 list carry 市 in the panels (吐鲁番市, 哈密市, 山南市, 林芝市, 那曲市,
  // 儋州市): matched without it.
  const load = async (ref: string, col: string) => {
    const out = new Map<string, Map<number, number>>();
    for (const [u, series] of seriesByUnit((await realSeries(ref, "name_zh", col)).values)) {
      const k = names.has(u) ? u : names.has(u.replace(/市$/, "")) ? u.replace(/市$/, "") : u;
      if (out.has(k)) throw new Error(`${ref}: ${u} and ${k} are the same ECharts unit`);
      out.set(k, series);
    }
    return out;
  };
  const pref = await load("manifest:prefecture_econ_maswiebe_1991_2019", "gdp");
  const prov = await load("manifest:province_gdp_1992_2020", "gdp_100m_yuan");
  const tertiary = await load(CITY_PANEL, "tertiary_share_gdp_pct"), fdi = await load(CITY_PANEL, "fdi_actual_10k_usd");
  type Rule = Parameters<typeof valueAtYear>[2];
  type Series = (p: Place) => ReadonlyMap<number, number> | undefined;
  const cross = (series: Series, rule: (y: number) => Rule, realWithin: number) =>
    Object.fromEntries(CROSS.map((y) => [y, new Map(places.flatMap((p): [string, FactorValue][] => {
      const v: YearValue | null = valueAtYear(series(p), y, rule(y));
      if (!v) return [];
      const kind: FactorKind = v.fill === "exact" ? "real" : v.fill === "nearest" && Math.abs(v.from - y) <= realWithin
        ? "real, other year" : "filled";
      return [[p.name, { value: v.value, from: v.from, kind }]];
    }))]));
  // 2013: the 2012 value (2011 where 2012 is missing); 2001: the first real value; 2022: the last (the panel is 2004–2012)
  const cityRule = (y: number): Rule => ({ nearest: y === 2013 ? 2 : y === 2001 ? 11 : 18 });
  const gdpOf = (p: Place) => (p.kind === "province_level" ? prov.get(p.name) : pref.get(p.name));
  return [
    { factor: "gdp", label: "GDP 地区生产总值", unit: "亿元",
      rule: "2001, 2013: own year (±1); 2022: filled, the unit's log-linear trend over its last real years (≤ 5) carried " +
        "from its last real year (prefectures 2018, municipalities 2020)",
      source: "prefecture_econ_maswiebe_1991_2019 (gdp); 北京, 天津, 上海, 重庆: province_gdp_1992_2020",
      short: "nominal GDP, municipalities from the provincial series",
      differs: "nominal GDP as the paper; the extended series `gdp` (its `gdp_old` differs by > 1 % in 637 rows, SOURCES " +
        "§6.2); the municipalities' provincial figures are of undocumented vintage (§6.5)",
      years: cross(gdpOf, (y) => (y === 2022 ? { trend: { years: 5, ahead: 5 } } : { nearest: 1 }), 1) },
    { factor: "tertiary_share", label: "tertiary share 第三产业占GDP比重", unit: "%",
      rule: "2013: the 2012 value (2011 where 2012 is missing), a year difference; 2001: filled with the unit's first real " +
        "value (2004 or later); 2022: with its last (2012 or earlier)",
      source: "city_sustainability_287_2004_2012 (tertiary_share_gdp_pct)", short: "the yearbook ratio",
      differs: "the same yearbook ratio (全市); years differ", years: cross((p) => tertiary.get(p.name), cityRule, 2) },
    { factor: "fdi", label: "FDI 外商实际投资额", unit: "万美元", rule: "as the tertiary share",
      source: "city_sustainability_287_2004_2012 (fdi_actual_10k_usd)", short: "万美元, not 万元",
      differs: "万美元 where the paper has 万元: C2 ranks destinations within one year, so one year's exchange rate moves no " +
        "rank; years as the tertiary share", years: cross((p) => fdi.get(p.name), cityRule, 2) },
  ];
}

export interface Options { seed: number; louvainResolution: number; louvainSeed: number; louvainRestarts: number;
  structureWeight: "amount" | "count"; coreThreshold: number; semiThreshold: number; corenessScale: "unit" | "max";
  linkageGini: "node" | "edge" | "block"; bandBreaks: number[] }

/**
 * One run of the study: the study area, the records and every result the notebook shows, with `ours` collecting
 * the ledger values by id as each section computes them.
 */
export class DecliningStudy {
  readonly ours: Record<string, Entry> = {};
  readonly placeAt: Map<string, Place>;
  readonly declSet: Set<string>;
  recs: Rec[] = [];
  byYear = new Map<number, Rec[]>();
  G: Record<number, { n: Graph; a: Graph }> = {};
  IND3: Record<string, Record<string, number>> = {};
  LV: Record<number, ReturnType<typeof network.louvain>> = {};
  CP: Record<number, { cp: ReturnType<typeof network.continuousCorePeriphery>; cls: ReturnType<typeof network.corenessClasses>;
    gini: number; link: number }> = {};
  c6: Record<string, number> = {};
  realPull: RealFactor[] = [];
  toCap: { city: string; capital: string; km: number }[] = [];
  readonly realIds = ["t1-east", "t1-central", "t1-west", "t1-northeast", "chk-441", "s11-prefecture", "s11-county-city",
    "s11-east", "s11-central", "s11-west", "s11-northeast"];

  constructor(readonly pub: Published, readonly PROV: Provenance, readonly SYN: boolean, readonly places: Place[],
    readonly declining: DecliningCity[], readonly o: Options) {
    this.placeAt = new Map(places.map((p) => [p.name, p]));
    this.declSet = new Set(declining.map((d) => d.name));
  }

  private printed(id: string): string {
    const e = this.pub.entries.find((x) => x.id === id);
    if (!e) throw new Error(`published.json has no entry ${id}`);
    return e.printed;
  }
  private num(id: string): number {
    const v = Number(this.printed(id).replace(/,/g, ""));
    if (!Number.isFinite(v)) throw new Error(`published.json ${id}: "${this.printed(id)}" is not a number`);
    return v;
  }
  private ids(re: RegExp) { return this.pub.entries.filter((e) => re.test(e.id)).map((e) => e.id); }
  ledger(caption: string, ids: string[], provenance: Provenance = this.PROV) {
    return compare(this.pub, this.ours, { provenance, caption, ids });
  }
  km(a: string, b: string) {
    const p = this.placeAt.get(a), q = this.placeAt.get(b);
    if (!p || !q) throw new Error(`no label point for ${p ? b : a} (use the ECharts short names)`);
    return greatCircleKm(p.lon, p.lat, q.lon, q.lat);
  }

  /**
   * §1: Table 1 (declining cities by region), the counts of §1.1 from the plan's lists (`countyCities`: its declining
   * county-level cities) and the distance of each city to its provincial capital.
   */
  studyArea(countyCities: string[]): Displayable[] {
    const n = this.declining.length;
    const put = (id: string, v: number) => (this.ours[id] = { value: v, provenance: "real" });
    put("s11-prefecture", n);
    put("s11-county-city", countyCities.length);
    for (const r of REG) put(`s11-${r}`, this.declining.filter((d) => d.region === r).length);
    // 67 = 24 + 22 + 5 + 16 among the printed counts (the plan's counties and districts are in no public file)
    this.ours["chk-s11-total"] = { value: ["s11-prefecture", "s11-county-city", "s11-county", "s11-district"]
      .reduce((a, id) => a + this.num(id), 0), provenance: "printed" };
    const t1 = table(REG.map((r) => {
      const cs = this.declining.filter((d) => d.region === r);
      return { region: r, cities: cs.map((c) => c.name).join("、"), n: String(cs.length), "n printed (§1.1)": { html: this.printed(`s11-${r}`) },
        "share ours (%)": f2((100 * cs.length) / n), "share printed (%)": { html: this.printed(`t1-${r}`) } };
    }), { caption: "Table 1: the 24 declining cities by region", provenance: "real",
      notes: ["West printed 20.84 (5/24 = 20.83), rounded so the column sums to 100 (notes B15).",
        `§1.1: the plan's ${this.printed("chk-s11-total")} declining cities are ${this.printed("s11-prefecture")} prefecture-level units ` +
        `(the list: ${n}), ${this.printed("s11-county-city")} county-level cities (the county list: ${countyCities.length}), ` +
        `${this.printed("s11-county")} counties and ${this.printed("s11-district")} districts (in no public file).`] });
    // Table 1 recomputed from the real plan list (reproduced or differs); the west's rounding also as a printed check.
    for (const r of REG) this.ours[`t1-${r}`] = { value: (100 * this.declining.filter((d) => d.region === r).length) / n, provenance: "real" };
    this.ours["chk-t1-west"] = { value: (100 * 5) / 24, provenance: "printed" };
    const CAP: Record<string, string> = { 内蒙古: "呼和浩特", 辽宁: "沈阳", 吉林: "长春", 黑龙江: "哈尔滨", 安徽: "合肥", 江西: "南昌", 山东: "济南",
      河南: "郑州", 湖北: "武汉", 广东: "广州", 四川: "成都", 陕西: "西安", 甘肃: "兰州", 宁夏: "银川" };
    this.toCap = this.declining.filter((d) => d.name !== "大兴安岭").map((d) => ({ city: d.name, capital: CAP[d.province],
      km: this.km(d.name, CAP[d.province]) })).sort((a, b) => b.km - a.km);
    const top = this.toCap[0];
    const caps = table(this.toCap.slice(0, 5).map((r) => ({ city: r.city, capital: r.capital, "distance (km)": f2(r.km, 1) })),
      { caption: "Declining city → own provincial capital, five longest (ECharts label points)", provenance: "real",
        notes: [`Largest: ${top.city} → ${top.capital} ${top.km.toFixed(1)} km against the paper's 441 km. The paper's coordinates are ` +
          "not stated (centroids or government seats); label points sit elsewhere in the prefecture, which moves a 400 km distance by ±10–20 km."] });
    this.ours["chk-441"] = { value: top.km, provenance: "real", note: `${top.city} → ${top.capital}, label points` };
    return [t1, caps];
  }

  /** §2: the records with the great-circle distance of each; a target without a label point stops with its name. */
  setRecords(records: Data): Displayable {
    const t = toTable(records);
    const y = t.num("year"), s = t.str("source"), tg = t.str("target"), si = t.str("source_industry"), ti = t.str("target_industry");
    // target_subsector is optional: absent or empty throughout, every record has no subsector
    const subCol = t.has("target_subsector") ? t.col("target_subsector") : null;
    const sub = Array.isArray(subCol) ? subCol : new Array<string>(t.nRows).fill(""), a = t.num("amount");
    for (let k = 0; k < t.nRows; k++) {
      if (!this.placeAt.has(tg[k])) throw new Error(`${t.file}, row ${k + 1}, column "target": ${tg[k]} has no coordinates (use the ECharts short names)`);
      if (!this.placeAt.has(s[k])) throw new Error(`${t.file}, row ${k + 1}, column "source": ${s[k]} has no coordinates (use the ECharts short names)`);
      this.recs.push({ year: y[k], source: s[k], target: tg[k], si: si[k], ti: ti[k], sub: sub[k] ?? "", amount: a[k], km: this.km(s[k], tg[k]) });
    }
    this.byYear = new Map(YEARS.map((yy) => [yy, this.recs.filter((r) => r.year === yy)]));
    return table(this.recs.slice(0, 6).map((r) => ({ year: r.year, source: r.source, target: r.target, "investor industry": r.si,
      "invested industry": r.ti, subsector: r.sub, "amount (亿元)": f2(r.amount, 3), "distance (km)": f2(r.km, 0) })),
    { caption: "First records", provenance: this.PROV });
  }

  /** Partial data (issue 16): the years and investing cities the paper needs that the records lack, named. */
  coverage(): string {
    const noYears = YEARS.filter((y) => !this.byYear.get(y)?.length);
    const sources = new Set(this.recs.map((r) => r.source));
    const noCities = this.declining.filter((d) => !sources.has(d.name)).map((d) => d.name);
    const parts = [noYears.length ? `no records for ${noYears.length} of the ${YEARS.length} years (${noYears.join(", ")})` : "",
      noCities.length ? `no investment from ${noCities.length} of the ${this.declining.length} declining cities (${noCities.join("、")})` : ""].filter(Boolean);
    const cross = CROSS.filter((y) => noYears.includes(y));
    if (cross.length) throw new Error(`the records have no events in ${cross.join(", ")}, the paper's cross-section years; ` +
      "Tables 2–6 and the network maps cannot be computed");
    return parts.length ? `**Partial records.** The file has ${parts.join("; ")}: those years and cities are empty in every table and ` +
      "figure below, and their shares count as zero." : "";
  }

  private year(yy: number): Rec[] { return this.byYear.get(yy) ?? []; }

  /** §3: Figure 1 (yearly totals) and Table 2 (regional shares), with the ledger entries and identity checks. */
  scale(): Displayable[] {
    const tot = YEARS.map((yy) => ({ n: this.year(yy).length, a: this.year(yy).reduce((s, r) => s + r.amount, 0) }));
    const fig1 = figure({ data: [
      { type: "bar", name: "amount (亿元)", x: YEARS, y: tot.map((t) => t.a), marker: { color: "#9ecae1" } },
      { type: "scatter", mode: "lines+markers", name: "events (÷ 3)", x: YEARS, y: tot.map((t) => t.n / 3), line: { color: "#d62728" } },
    ], layout: { title: { text: "Cross-regional investment of the 24 declining cities" }, width: 760, height: 380,
      xaxis: { title: { text: "year" } }, yaxis: { title: { text: "亿元 / (events ÷ 3)" } } } },
    { caption: "Figure 1: investment amount (bars) and events (line, divided by 3 to share the axis)", provenance: this.PROV,
      source: "Records above; amounts at 2023 prices." });
    const yi = (yy: number) => YEARS.indexOf(yy);
    for (const yy of [2001, 2022]) {
      this.ours[`tot-n-${yy}`] = { value: tot[yi(yy)].n };
      this.ours[`tot-a-${yy}`] = { value: tot[yi(yy)].a };
    }
    const regionOfCity = new Map(this.declining.map((d) => [d.name, d.region]));
    const rows = REG.map((r) => {
      const row: Record<string, Cell> = { region: r };
      for (const yy of [2001, 2007, 2013, 2019, 2022]) {
        const rs = this.year(yy), A = rs.reduce((s, x) => s + x.amount, 0);
        const mine = rs.filter((x) => regionOfCity.get(x.source) === r);
        const sn = (100 * mine.length) / rs.length, sa = (100 * mine.reduce((s, x) => s + x.amount, 0)) / A;
        row[`${yy} count`] = { html: `${sn.toFixed(2)} ${grey(`(${this.printed(`t2-${r}-${yy}-n`)})`)}` };
        row[`${yy} amount`] = { html: `${sa.toFixed(2)} ${grey(`(${this.printed(`t2-${r}-${yy}-a`)})`)}` };
        this.ours[`t2-${r}-${yy}-n`] = { value: sn };
        this.ours[`t2-${r}-${yy}-a`] = { value: sa };
      }
      return row;
    });
    const t2 = table(rows, { caption: "Table 2: shares of events and amount by region of the investing city, % (ours, printed in grey)",
      provenance: this.PROV });
    // The east's printed shares against the printed city counts and totals (notes B3).
    const n = (id: string) => this.num(id);
    this.ours["chk-east-n-2001"] = { value: (100 * (9 + 6)) / n("tot-n-2001"), provenance: "printed", note: `(韶关 9 + 枣庄 6) / ${n("tot-n-2001")}` };
    this.ours["chk-east-n-2013"] = { value: (100 * (54 + 41)) / 676, provenance: "printed", note: "(54 + 41) / 676" };
    this.ours["chk-east-n-2022"] = { value: (100 * (343 + 220)) / n("tot-n-2022"), provenance: "printed",
      note: `(343 + 220) / ${this.printed("tot-n-2022")}` };
    this.ours["chk-east-a-2022"] = { value: (100 * (99.53 + 70.27)) / n("tot-a-2022"), provenance: "printed",
      note: `(99.53 + 70.27) / ${this.printed("tot-a-2022")}` };
    return [fig1, t2, this.ledger("Ledger: from the real plan list and coordinates", this.realIds, "real"),
      this.ledger("Ledger: totals, Table 1–2 and consistency checks", this.ids(/^tot-|^t2-|^chk-t1|^chk-east|^chk-s11|^s11-(county|district)$/))];
  }

  /** §4: Figure 2 (events by distance band) and the shares within 441 km. */
  distance(): Displayable[] {
    const { bandBreaks } = this.o, bands = bandsFrom(bandBreaks), yi = (yy: number) => YEARS.indexOf(yy);
    const bandTab = YEARS.map((yy) => bandShares(this.year(yy).map((r) => r.km), undefined, bands));
    const names = bandBreaks.join() === "360,900,1500"
      ? ["近 near < 360", "较远 far 360–900", "很远 very far 900–1500", "遥远 remote ≥ 1500"] : bands.map((b) => b.label);
    const fig = figure({ data: bands.map((_, k) => ({ type: "bar" as const, name: names[k], x: YEARS, y: bandTab.map((t) => 100 * t[k].share) })),
      layout: { title: { text: "Events by distance band" }, barmode: "stack", width: 760, height: 380, xaxis: { title: { text: "year" } },
        yaxis: { title: { text: "% of events" }, range: [0, 100] } } },
    { caption: "Figure 2: distance distribution of investment events", provenance: this.PROV,
      source: "Great-circle distance, eqs. (1)–(2), between ECharts label points." });
    const within = (yy: number) => 100 * shareWithin(this.year(yy).map((r) => r.km), 441);
    const t = table(CROSS.map((yy) => ({ year: String(yy), ...Object.fromEntries(bands.map((_, k) => [names[k], f2(100 * bandTab[yi(yy)][k].share)])),
      "≤ 441 km": f2(within(yy)), "≤ 441 km printed": { html: this.printed(`d441-${yy}`) } })), { caption: "Distance bands, % of events", provenance: this.PROV });
    for (const yy of CROSS) this.ours[`d441-${yy}`] = { value: within(yy) };
    return [fig, t, this.ledger("Ledger: 441 km shares", CROSS.map((yy) => `d441-${yy}`))];
  }

  /** §5: Figure 3 as a two-column flow diagram per year, the amount side, and the industry shares of the text. */
  industries(): Displayable[] {
    const out: Displayable[] = [];
    for (const yy of CROSS) {
      const rs = this.year(yy);
      const M = IND.map(() => IND.map(() => 0));
      for (const r of rs) M[IND.indexOf(r.si)][IND.indexOf(r.ti)]++;
      const traces: Trace[] = [];
      IND.forEach((_, i) => IND.forEach((__, j) => {
        const sh = M[i][j] / rs.length;
        if (sh < 0.003) return;
        traces.push({ type: "scatter", mode: "lines", x: [0, 1], y: [6 - i, 6 - j], showlegend: false, hoverinfo: "text",
          line: { color: i === j ? "rgba(214,39,40,0.55)" : "rgba(31,119,180,0.45)", width: 1 + 60 * sh },
          text: `${IND_ZH[i]} → ${IND_ZH[j]} (${IND[i]} → ${IND[j]}): ${(100 * sh).toFixed(1)}%` });
      }));
      const outSh = IND.map((_, i) => M[i].reduce((a, b) => a + b, 0) / rs.length);
      const inSh = IND.map((_, j) => M.reduce((a, row) => a + row[j], 0) / rs.length);
      for (const [x, sh, pos] of [[0, outSh, "middle left"], [1, inSh, "middle right"]] as const) {
        traces.push({ type: "scatter", mode: "markers+text", x: IND.map(() => x), y: IND.map((_, i) => 6 - i), textposition: pos,
          text: IND.map((_, i) => `${IND_ZH[i]} ${IND[i]} ${(100 * sh[i]).toFixed(0)}%`), marker: { size: 9, color: "#333" }, showlegend: false });
      }
      out.push(figure({ data: traces, layout: { title: { text: `Investor → invested industry, ${yy} (events; red = same industry)` },
        width: 700, height: 380, showlegend: false, xaxis: { visible: false, range: [-0.55, 1.55] }, yaxis: { visible: false, range: [-0.6, 6.6] },
        margin: { l: 10, r: 10, t: 40, b: 10 } } },
      { caption: `Figure 3 (${yy}): industry flows by event count, drawn as a flow diagram (no Sankey in the figure subset)`, provenance: this.PROV,
        source: "Line width ∝ share of the year's events; labels give each class's share as investor (left) and as investee (right)." }));
    }
    const share = (rs: Rec[], f: (r: Rec) => boolean, w: "n" | "a") =>
      (100 * rs.filter(f).reduce((s, r) => s + (w === "n" ? 1 : r.amount), 0)) / rs.reduce((s, r) => s + (w === "n" ? 1 : r.amount), 0);
    const r01 = this.year(2001), r22 = this.year(2022), ps = (rs: Rec[]) => rs.filter((r) => r.ti === "producer services");
    const set = (id: string, v: number) => (this.ours[id] = { value: v });
    set("f3-ps-src-n-2022", share(r22, (r) => r.si === "producer services", "n"));
    set("f3-ps-src-a-2022", share(r22, (r) => r.si === "producer services", "a"));
    for (const [yy, rs] of [[2001, r01], [2022, r22]] as const) {
      set(`f3-same-n-${yy}`, share(rs, (r) => r.si === r.ti, "n"));
      set(`f3-same-a-${yy}`, share(rs, (r) => r.si === r.ti, "a"));
      set(`f3-ws-${yy}`, share(ps(rs), (r) => r.sub === "wholesale & retail", "n"));
      set(`f3-sci-${yy}`, share(ps(rs), (r) => r.sub === "science & technical services", "n"));
    }
    out.push(table(CROSS.map((yy) => {
      const rs = this.year(yy);
      return { year: String(yy), ...Object.fromEntries(IND.map((c, i) => [`${IND_ZH[i]} invests (% amount)`, f2(share(rs, (r) => r.si === c, "a"), 1)])),
        "same industry (% amount)": f2(share(rs, (r) => r.si === r.ti, "a"), 1) };
    }), { caption: "Figure 3, amount side: investor classes' shares of the amount", provenance: this.PROV }));
    out.push(this.ledger("Ledger: industries (§2.2)", this.ids(/^f3-/)));
    return out;
  }

  /** §6: one directed network per cross-section year, weighted by events and by amount. */
  buildNetworks(): void {
    for (const yy of CROSS) {
      const rs = this.year(yy);
      this.G[yy] = {
        n: network.buildGraph(rs.map((r) => ({ source: r.source, target: r.target, weight: 1 })), { directed: true }),
        a: network.buildGraph(rs.map((r) => ({ source: r.source, target: r.target, weight: r.amount })), { directed: true }),
      };
    }
  }

  /** Table 3 beside the printed values, and the printed identities ⟨k⟩ = E/N, D = E/(N(N−1)), ⟨s⟩ = W/N. */
  table3(): Displayable[] {
    for (const yy of CROSS) for (const w of ["count", "amount"]) {
      this.IND3[`${yy}-${w}`] = network.networkIndicators(w === "count" ? this.G[yy].n : this.G[yy].a) as unknown as Record<string, number>;
    }
    const KEYS: [string, string, number][] = [["nodes", "nodes", 0], ["edges", "edges", 0], ["avgdeg", "average_degree", 3],
      ["awd", "average_weighted_degree", 3], ["clust", "average_clustering", 3], ["dens", "density", 3], ["apl", "average_path_length", 3]];
    const LAB: Record<string, string> = { nodes: "节点数 nodes", edges: "边数 edges", avgdeg: "平均度 average degree",
      awd: "平均加权度 average weighted degree", clust: "平均聚类系数 clustering", dens: "密度 density", apl: "平均路径长度 path length" };
    const t = table(KEYS.map(([k, f, d]) => ({ indicator: LAB[k], ...Object.fromEntries(CROSS.flatMap((yy) => ["count", "amount"].map((w) => {
      const v = this.IND3[`${yy}-${w}`][f];
      this.ours[`t3-${k}-${yy}-${w}`] = { value: v };
      return [`${yy} ${w}`, { html: `${d ? v.toFixed(d) : v} ${grey(`(${this.printed(`t3-${k}-${yy}-${w}`)})`)}` }];
    }))) })), { caption: "Table 3: network indicators (ours, printed in grey)", provenance: this.PROV,
      notes: ["Clustering: Gephi's average over all nodes on the undirected projection; path length: directed, unweighted, reachable pairs."] });
    const n = (id: string) => this.num(id), p = (id: string) => this.printed(id);
    for (const yy of CROSS) {
      const N = n(`t3-nodes-${yy}-count`), E = n(`t3-edges-${yy}-count`);
      this.ours[`chk-avgdeg-${yy}`] = { value: E / N, provenance: "printed", note: `${E} / ${N}` };
      this.ours[`chk-dens-${yy}`] = { value: E / (N * (N - 1)), provenance: "printed", note: `${E} / (${N}·${N - 1})` };
    }
    for (const [w, tot] of [["n", "tot-n"], ["a", "tot-a"]] as const) for (const yy of [2001, 2022]) {
      const N = n(`t3-nodes-${yy}-count`);
      this.ours[`chk-awd-${w}-${yy}`] = { value: n(`${tot}-${yy}`) / N, provenance: "printed", note: `${p(`${tot}-${yy}`)} / ${N}` };
    }
    return [t, this.ledger("Ledger: Table 3 and its identities", this.ids(/^t3-|^chk-avgdeg|^chk-dens|^chk-awd/))];
  }

  private nodePoints(g: Graph, group: (id: string, i: number) => string) {
    return network.nodeDegrees(g).map((r, i) => {
      const p = this.placeAt.get(r.id)!;
      return { id: r.id, lon: p.lon, lat: p.lat, value: r.in_strength + r.out_strength, group: group(r.id, i), label: r.id };
    });
  }
  private flowsOf(yy: number, w: "n" | "a") {
    const m = new Map<string, { source: string; target: string; weight: number }>();
    for (const r of this.year(yy)) {
      const k = `${r.source}|${r.target}`, f = m.get(k) ?? { source: r.source, target: r.target, weight: 0 };
      f.weight += w === "n" ? 1 : r.amount;
      m.set(k, f);
    }
    return [...m.values()];
  }
  private flowFigure(yy: number, g: Graph, w: "n" | "a", group: (id: string, i: number) => string, o: Parameters<typeof flowMap>[2],
    sortByGroup = false): Figure {
    const pts = this.nodePoints(g, group);
    if (sortByGroup) pts.sort((p, q) => (p.group < q.group ? -1 : p.group > q.group ? 1 : 0));
    const fig = flowMap(pts, this.flowsOf(yy, w), { boundaries: readGeoJson(projectDataPath("geo/china_provinces.geojson")), ...o });
    fig.layout = { ...fig.layout, width: 760, height: 620, legend: { x: 0.01, y: 0.02 } };
    return fig;
  }

  /** §7: Figure 4 (network maps), the strongest pairs and Tables 4–5 (the printed cities' values in our network). */
  centrality(): Displayable[] {
    const out: Displayable[] = CROSS.map((yy) => figure(this.flowFigure(yy, this.G[yy].a, "a",
      (id) => (this.declSet.has(id) ? "declining city" : "other city"),
      { topFlows: 150, widthClasses: 4, maxWidth: 5, maxMarker: 16, title: `Investment network ${yy} (amount, 亿元)` }),
    { caption: `Figure 4 (${yy}): amount-weighted investment network`, provenance: this.PROV,
      source: "Top 150 flows; node size ∝ √(weighted degree). Outlines: Apache ECharts 4.9.0 map data (not the MNR standard map)." }));
    const PAIRS: Record<number, { n: string[]; a: string[] }> = { 2001: { n: ["石嘴山→银川"], a: ["韶关→衡阳"] },
      2013: { n: ["铜陵→池州", "泸州→成都"], a: ["白银→陇南"] }, 2022: { n: ["泸州→成都", "韶关→广州", "抚顺→沈阳"], a: ["新余→南昌", "泸州→成都", "淮北→无锡"] } };
    const top3 = (yy: number, w: "n" | "a") => this.flowsOf(yy, w).sort((p, q) => q.weight - p.weight).slice(0, 3)
      .map((f) => `${f.source}→${f.target} ${w === "n" ? f.weight : f.weight.toFixed(1)}`).join(", ");
    out.push(table(CROSS.map((yy) => ({ year: String(yy), "ours by count": top3(yy, "n"), "paper by count": PAIRS[yy].n.join(", "),
      "ours by amount": top3(yy, "a"), "paper by amount": PAIRS[yy].a.join(", ") })), { caption: "Strongest city pairs (§3.2)", provenance: this.PROV }));
    type Cent = { id: string; outN: number; inN: number; outA: number; inA: number };
    const cent: Record<number, Cent[]> = {};
    for (const yy of CROSS) {
      const byId = new Map(network.nodeDegrees(this.G[yy].a).map((r) => [r.id, r]));
      cent[yy] = network.nodeDegrees(this.G[yy].n).map((r) => ({ id: r.id, outN: r.out_strength, inN: r.in_strength,
        outA: byId.get(r.id)!.out_strength, inA: byId.get(r.id)!.in_strength }));
    }
    const TOPK: [keyof Omit<Cent, "id">, string][] = [["outN", "out-degree"], ["inN", "in-degree"], ["outA", "out-strength"], ["inA", "in-strength"]];
    for (const yy of CROSS) {
      const rows = Array.from({ length: 10 }, (_, i) => {
        const row: Record<string, Cell> = { rank: String(i + 1) };
        for (const [k, lab] of TOPK) {
          const s = [...cent[yy]].sort((p, q) => q[k] - p[k])[i];
          const e = this.pub.entries.find((x) => x.id === `${k.endsWith("N") ? "t4" : "t5"}-${yy}-${k}-${i + 1}`)!;
          row[`${lab} ours`] = s ? `${s.id} ${k.endsWith("N") ? s[k] : s[k].toFixed(2)}` : "—";
          row[`${lab} paper`] = { html: grey(`${e.row.replace(/^rank \d+ /, "")} ${e.printed}`) };
        }
        return row;
      });
      out.push(table(rows, { caption: `Tables 4–5 (${yy}): top 10 by events (degree) and amount (亿元, weighted degree)`, provenance: this.PROV,
        notes: yy === 2013 ? ["Printed 2013 out-degree puts 抚顺 36 (rank 7) above 淮北 38 (rank 8) (notes B2); ours is sorted by value."] : [] }));
      for (const e of this.pub.entries.filter((x) => x.id.startsWith(`t4-${yy}-`) || x.id.startsWith(`t5-${yy}-`))) {
        const k = e.id.split("-")[2] as keyof Omit<Cent, "id">;
        const city = e.row.replace(/^rank \d+ /, "").replace("临夏州", "临夏");
        const c = cent[yy].find((r) => r.id === city);
        this.ours[e.id] = { value: c ? c[k] : 0, note: c ? "" : `${city} not in our network` };
      }
    }
    const xin = cent[2022].find((r) => r.id === "新余");
    this.ours["fig4-xinyu-share"] = { value: xin ? (100 * xin.outN) / this.year(2022).length : 0 };
    out.push(this.ledger("Ledger: Tables 4–5 (value of the printed city in our network)", this.ids(/^t4-|^t5-|^fig4-/)));
    return out;
  }

  /** The network the structure analysis uses: the count or the amount weighting. */
  structureGraph(yy: number, weight = this.o.structureWeight): Graph { return weight === "count" ? this.G[yy].n : this.G[yy].a; }

  /** §8: Figure 5 (communities on the map), the core–periphery table and their ledger entries. */
  /** MINRES that stopped at its sweep limit says so beside the classes it produced. */
  corenessConvergence(): string[] {
    const open = CROSS.filter((yy) => !this.CP[yy].cp.converged);
    if (!open.length) return [`Coreness (MINRES) converged in every year (${CROSS.map((yy) => this.CP[yy].cp.iterations).join(", ")} sweeps).`];
    return [`Coreness (MINRES) did not converge in ${open.join(", ")}: stopped at the ${open.map((yy) => this.CP[yy].cp.iterations)
      .join(", ")}-sweep limit with a last step of ${open.map((yy) => this.CP[yy].cp.lastStep.toExponential(1)).join(", ")} of the ` +
      "coreness norm (tolerance 1e-12); the classes are those of the last sweep."];
  }

  structure(): Displayable[] {
    const o = this.o, out: Displayable[] = [];
    for (const yy of CROSS) {
      const lv = this.LV[yy], g = this.structureGraph(yy), cp = this.CP[yy];
      const membership = Array.from(lv.membership);
      const sizes = Array.from({ length: lv.communities }, (_, c) => membership.filter((m) => m === c).length);
      const fig = this.flowFigure(yy, g, o.structureWeight === "count" ? "n" : "a",
        (_id, i) => `community ${String(membership[i] + 1).padStart(2, "0")}`,
        { topFlows: 120, widthClasses: 3, maxWidth: 3, maxMarker: 16, flowColor: "rgba(120,120,120,0.35)",
          title: `Communities ${yy}: Q = ${lv.modularity.toFixed(3)}, ${lv.communities} communities` }, true);
      out.push(figure(fig, { caption: `Figure 5 (${yy}): Louvain communities of the ${o.structureWeight}-weighted network`, provenance: this.PROV,
        source: `Sizes: ${sizes.join(", ")}. Colour = community; size ∝ √(weighted degree).` }));
      this.ours[`louv-q-${yy}`] = { value: lv.modularity, note: `runs ${Math.min(...lv.runs).toFixed(3)}–${Math.max(...lv.runs).toFixed(3)}` };
      this.ours[`louv-k-${yy}`] = { value: lv.communities };
      this.ours[`cp-core-${yy}`] = { value: (100 * cp.cls.filter((c) => c === "core").length) / g.n };
      this.ours[`cp-gini-${yy}`] = { value: cp.gini };
      this.ours[`cp-linkgini-${yy}`] = { value: cp.link };
    }
    out.push(table(CROSS.map((yy) => {
      const cls = this.CP[yy].cls, ids = this.structureGraph(yy).ids, cnt = (k: string) => cls.filter((c) => c === k).length;
      const declCore = ids.filter((id, i) => this.declSet.has(id) && cls[i] === "core");
      return { year: String(yy), nodes: String(ids.length), core: String(cnt("core")), "semi-periphery": String(cnt("semi-periphery")),
        periphery: String(cnt("periphery")), "core %": f2((100 * cnt("core")) / ids.length, 1), "coreness Gini": f2(this.CP[yy].gini, 3),
        [`linkage Gini (${o.linkageGini})`]: f2(this.CP[yy].link, 3), "fit ρ": f2(this.CP[yy].cp.correlation, 3),
        "declining cities in the core": declCore.join("、") || "—" };
    }), { caption: "Core–periphery classes and Gini coefficients", provenance: this.PROV,
      notes: [`Paper: core ≈ 3 % of nodes; coreness Gini > 0.6 throughout; linkage Gini ${this.paperSeries((yy) => `cp-linkgini-${yy}`)} ` +
        "(measure undefined, notes B9).", ...this.corenessConvergence()] }));
    out.push(this.ledger("Ledger: communities and core–periphery", this.ids(/^louv-|^cp-/)));
    return out;
  }

  /**
   * §9 data: the public pull factors over every unit of the study area (real values only; filled ones are counted,
   * not described), the 2013 GDP map, and each variable's provenance.
   */
  factorData(real: RealFactor[]): Displayable[] {
    const n = this.places.length;
    const rows = real.flatMap((rf) => CROSS.map((yy) => {
      const vals = [...rf.years[yy].values()], used = vals.filter((v) => v.kind !== "filled");
      const m = used.length ? moments(used.map((v) => v.value)) : null;
      const from = [...new Set(used.map((v) => v.from))].sort().join(", ");
      const cnt = (k: FactorKind) => String(vals.filter((v) => v.kind === k).length);
      return { factor: rf.label, unit: rf.unit, year: String(yy), "real in year(s)": from || "—", real: cnt("real"),
        "real, other year": cnt("real, other year"), filled: cnt("filled"), none: String(n - vals.length),
        mean: f2(m?.mean ?? NaN, 1), SD: f2(m?.sd ?? NaN, 1), min: f2(m?.min ?? NaN, 1), max: f2(m?.max ?? NaN, 1) };
    }));
    const desc = table(rows, { caption: `Public pull factors of Table 6 over the ${n} units of the study area (real values only)`,
      provenance: "real", notes: [...real.map((rf) => `${rf.label}: ${rf.source}. ${rf.rule}.`),
        "Filled values are a rule's output: counted, not described. The paper prints no descriptive statistic of these factors."] });
    const gdp = real.find((r) => r.factor === "gdp")!.years[2013];
    const pts = this.places.filter((p) => gdp.get(p.name) && gdp.get(p.name)!.kind !== "filled").map((p) => ({ lon: p.lon, lat: p.lat,
      value: gdp.get(p.name)!.value, size: this.declSet.has(p.name) ? 12 : 6, hover: `${p.name}: ${gdp.get(p.name)!.value.toFixed(1)} 亿元` }));
    const map = figure(valueMap(pts, { title: "GDP 2013 (亿元, log scale)", boundaries: readGeoJson(projectDataPath("geo/china_provinces.geojson")),
      transform: "log10", colorbarTitle: "log10 亿元", width: 760, height: 560 }),
    { caption: `GDP 2013 of ${pts.length} units (the 24 declining cities drawn larger)`, provenance: "real",
      source: real.find((r) => r.factor === "gdp")!.source + "; label points of ECharts 4.9.0." });
    return [desc, map, this.provenanceTable(real)];
  }

  /** Each variable of the study: where it comes from, the years, real or not. */
  private provenanceTable(real: RealFactor[]): Displayable {
    const drawn = this.SYN ? "drawn near the printed C (seeded)" : "not in a record file";
    const none: Record<string, string> = { resource_dependence: "no public city employment-by-sector series",
      processing_degree: "no public city employment-by-sector series", vitality: "night lights (Wu et al. 2021) not in the manifest",
      patents: "city patents are not public here (province_patents_rd is provincial)",
      gov_support: "the panels have revenue, not expenditure; transfers make expenditure several times revenue in these cities",
      wage: "no public city wage series" };
    const rows = [
      { variable: "the 24 cities, regions, coordinates", source: "manifest:resource_cities_2013; data/geo (ECharts 4.9.0)", years: "—", kind: "real" },
      { variable: "investment records", source: this.SYN ? "seeded draw (企查查 records are not public)" : `your file`, years: "2001–2022",
        kind: this.SYN ? "synthetic" : "your data" },
      { variable: "distance", source: "great-circle distance between label points", years: "—", kind: "real coordinates" },
      ...real.map((rf) => ({ variable: rf.factor, source: rf.source, years: CROSS.map((yy) => {
        const k = [...new Set([...rf.years[yy].values()].map((v) => v.kind))];
        return `${yy}: ${k.join(" / ")}`;
      }).join("; "), kind: `${rf.differs}` })),
      ...Object.entries(none).map(([f, why]) => ({ variable: f, source: `${drawn}: ${why}`, years: "2001, 2013, 2022",
        kind: this.SYN ? "synthetic" : "—" })),
    ];
    return table(rows, { caption: "Provenance of each variable", provenance: this.PROV });
  }

  /**
   * §9: Table 6, C1 (push) and C2 (pull). Distance from the flows; GDP, tertiary share and FDI from their public series
   * (`real`), ranked among the destinations that have a value (the rest counted); the other factors from `factors`
   * (synthetic only).
   */
  table6(table6: [string, "push" | "pull", "asc" | "desc", string, number[]][],
    factors: ((o: { seed: number; year: number; records: { year: number; source: string; target: string; amount: number }[];
      places: Place[]; realPull: string[] }) => { push: Record<string, Record<string, number>>; pull: Record<string, Record<string, number>> }) | null,
    real: RealFactor[]): Displayable[] {
    this.realPull = real;
    const cover: Record<string, string>[] = [];
    for (const yy of CROSS) {
      const rs = this.year(yy);
      const fx = factors ? factors({ seed: this.o.seed, year: yy, records: rs.map((r) => ({ year: r.year, source: r.source, target: r.target,
        amount: r.amount })), places: this.places, realPull: real.map((r) => r.factor) }) : null;
      const outAmt = new Map<string, number>();
      const pair = new Map<string, { source: string; target: string; amount: number; km: number }>();
      for (const r of rs) {
        outAmt.set(r.source, (outAmt.get(r.source) ?? 0) + r.amount);
        const k = `${r.source}|${r.target}`, p = pair.get(k) ?? { source: r.source, target: r.target, amount: 0, km: r.km };
        p.amount += r.amount;
        pair.set(k, p);
      }
      const targets = [...new Set([...pair.values()].map((p) => p.target))];
      for (const [f, side, rule] of table6) {
        let v = NaN, differs = "";
        let note = f === "distance" ? "computed from the flows" : this.SYN ? "synthetic variable drawn near the printed value"
          : "push/pull variables are not in the record file";
        const rf = real.find((r) => r.factor === f);
        if (rf) {
          const vals = rf.years[yy], has = targets.filter((t) => vals.has(t));
          const k = (kind: FactorKind) => has.filter((t) => vals.get(t)!.kind === kind).length;
          const missing = targets.filter((t) => !vals.has(t));
          v = network.c2([...pair.values()].filter((p) => vals.has(p.target)).map((p) => ({ ...p, value: vals.get(p.target)!.value })), rule).value;
          const years = [...new Set(has.map((t) => vals.get(t)!.from))].sort();
          const span = years.length > 2 ? `${years[0]}–${years[years.length - 1]}` : years.join(", ");
          note = `public series (${rf.short}; ${k("filled") ? "filled from" : "values of"} ${span}); ranked among ${has.length} of ` +
            `${targets.length} destinations` +
            (missing.length ? `; ${missing.length} without a value left out` : "");
          // On real records an agreeing C2 is still "differs" when the values are not all of the year, or destinations are left out.
          differs = [k("real, other year") ? `${k("real, other year")} destinations with another year's value` : "",
            k("filled") ? `${k("filled")} filled values` : "", missing.length ? `${missing.length} destinations left out (no value)` : ""]
            .filter(Boolean).join("; ");
          cover.push({ factor: rf.factor, year: String(yy), destinations: String(targets.length), real: String(k("real")),
            "real, other year": String(k("real, other year")), filled: String(k("filled")), "left out (no value)": String(missing.length),
            "left out, e.g.": missing.slice(0, 6).join("、") || "—" });
        }
        else if (fx && side === "push") v = network.c1([...outAmt].map(([s, a]) => ({ city: s, amount: a, value: fx.push[s][f] })), rule).value;
        else if (side === "pull" && f === "distance") v = network.c2([...pair.values()].map((p) => ({ ...p, value: p.km })), rule).value;
        else if (fx) v = network.c2([...pair.values()].map((p) => ({ ...p, value: fx.pull[p.target][f] })), rule).value;
        this.c6[`${f}-${yy}`] = v;
        this.ours[`t6-${f}-${yy}`] = { value: Number.isFinite(v) ? v : null, note, ...(differs ? { differs } : {}) };
      }
    }
    const src = (f: string) => (f === "distance" ? "coordinates" : real.some((r) => r.factor === f) ? "public series"
      : this.SYN ? "drawn" : "—");
    const t = table(table6.map(([f, side, rule, unit]) => ({ side, factor: f, unit: real.find((r) => r.factor === f)?.unit ?? unit,
      values: src(f), rank: rule === "asc" ? "small → large" : "large → small",
      ...Object.fromEntries(CROSS.flatMap((yy) => [[`${yy} ours`, f2(this.c6[`${f}-${yy}`], 3)],
        [`${yy} paper`, { html: grey(this.printed(`t6-${f}-${yy}`)) }]])) })),
    { caption: "Table 6: concentration indices C1 (push) and C2 (pull)", provenance: this.PROV, notes: [this.SYN
      ? "Flows synthetic. GDP, tertiary share and FDI are ranked by their public values (nothing planted: their C follows from the " +
        "drawn flows); distance follows from the flows; the other six are drawn so that C lands near the printed value."
      : "Distance and the three factors with a public series are computed on your records; the other six need series no public file has."] });
    const cov = table(cover, { caption: "Table 6's public factors: the destinations of each year by the kind of value they have",
      provenance: this.PROV, notes: ["A destination without a value (province-administered county-level cities, units outside the panels) " +
        "is left out of its source's ranking; C2 is computed over the rest."] });
    return [t, cov, this.ledger("Ledger: Table 6", this.ids(/^t6-/))];
  }

  /** The printed values of one quantity in the three cross-section years, "a / b / c". */
  private paperSeries(idOf: (yy: number) => string) {
    return CROSS.map((yy) => this.printed(idOf(yy))).join(" / ");
  }

  /** §10: Louvain resolution, coreness thresholds, distance bands, weighting and the three linkage-Gini readings. */
  whatIf(): Displayable[] {
    const o = this.o, P = this.PROV;
    const res = table([0.5, 0.8, 1.0, 1.5, 2.0].map((r) => ({ "Gephi resolution r": String(r), "γ = 1/r": f2(1 / r, 2),
      ...Object.fromEntries(CROSS.map((yy) => {
        const l = network.louvain(this.structureGraph(yy), { resolution: r, seed: o.louvainSeed, restarts: 10 });
        return [`${yy} Q / communities`, `${l.modularity.toFixed(3)} / ${l.communities}`];
      })) })), { caption: `Louvain: modularity Q (at γ = 1) and community count by resolution (${o.structureWeight} weights; paper ` +
        `${CROSS.map((yy) => `${this.printed(`louv-q-${yy}`)}/${this.printed(`louv-k-${yy}`)}`).join(", ")})`, provenance: P });
    const thr = table(([[0.1, 0.01], [0.2, 0.02], [0.05, 0.005], [0.3, 0.05]] as const).map(([c, s]) => ({ "core ≥": String(c), "semi ≥": String(s),
      ...Object.fromEntries(CROSS.map((yy) => {
        const cls = network.corenessClasses(this.CP[yy].cp.coreness, { core: c, semi: s });
        const k = (x: string) => cls.filter((v) => v === x).length;
        return [`${yy} core / semi / periphery`, `${k("core")} / ${k("semi-periphery")} / ${k("periphery")}`];
      })) })), { caption: "Coreness classes under other thresholds (unit-length coreness)", provenance: P });
    const bandsT = table([[360, 900, 1500], [300, 800, 1500], [441, 900, 1500], [500, 1000, 2000]].map((b) => ({ breaks: b.join(" / "),
      ...Object.fromEntries(CROSS.map((yy) => [`${yy} % per band`, bandShares(this.year(yy).map((r) => r.km), undefined, bandsFrom(b))
        .map((x) => (100 * x.share).toFixed(1)).join(" / ")])) })), { caption: "Distance bands under other breakpoints (% of events)", provenance: P });
    const weights = table((["count", "amount"] as const).map((w) => ({ weights: w, ...Object.fromEntries(CROSS.map((yy) => {
      const g = this.structureGraph(yy, w);
      const l = network.louvain(g, { resolution: o.louvainResolution, seed: o.louvainSeed, restarts: 10 });
      const cp = network.continuousCorePeriphery(g, { scale: o.corenessScale });
      const cls = network.corenessClasses(cp.coreness, { core: o.coreThreshold, semi: o.semiThreshold });
      return [`${yy} Q / k / core / coreness Gini / linkage Gini`, `${l.modularity.toFixed(3)} / ${l.communities} / ` +
        `${cls.filter((c) => c === "core").length} / ${network.gini(cp.coreness).toFixed(3)} / ${network.corePeripheryLinkageGini(g, cls, o.linkageGini).toFixed(3)}`];
    })) })), { caption: "Communities and core–periphery by weighting", provenance: P });
    const lg = table((["node", "edge", "block"] as const).map((v) => ({ reading: v, ...Object.fromEntries(CROSS.map((yy) =>
      [String(yy), f2(network.corePeripheryLinkageGini(this.structureGraph(yy), this.CP[yy].cls, v), 3)])) })),
    { caption: `Three readings of the core–periphery linkage Gini (paper ${this.paperSeries((yy) => `cp-linkgini-${yy}`)})`, provenance: P });
    return [res, thr, bandsT, weights, lg];
  }

  /** §11: the closing "what differs and why", from the whole ledger (compared once more, not shown). */
  whatDiffers(t0: number): Displayable {
    const pub = this.pub, ours = this.ours;
    const full = compare(pub, ours, { provenance: this.PROV, ids: pub.entries.map((e) => e.id).filter((id) => !this.realIds.includes(id)) });
    const real = this.ledger("", this.realIds, "real");
    const chk = pub.entries.filter((e) => e.id.startsWith("chk-"));
    const chkRows = [...full.rows, ...real.rows].filter((r) => r.entry.id.startsWith("chk-"));
    const bad = chkRows.filter((r) => r.status === "differs" || r.status === "inconsistent");
    const miss = (ids: string[], tol: number) => ids.filter((id) => {
      const e = pub.entries.find((x) => x.id === id)!, v = ours[id]?.value;
      return v === null || v === undefined || Math.abs(v - e.value!) > tol;
    });
    const t4miss = miss(this.ids(/^t4-/), 0.5), t5miss = miss(this.ids(/^t5-/), 0.02);
    const t3 = (k: string) => CROSS.map((yy) => this.IND3[`${yy}-count`][k].toFixed(3)).join(" / ");
    const q = CROSS.map((yy) => this.LV[yy].modularity.toFixed(3)).join(" / "), k = CROSS.map((yy) => this.LV[yy].communities).join(" / ");
    const paperQ = `${this.paperSeries((yy) => `louv-q-${yy}`)} and ${this.paperSeries((yy) => `louv-k-${yy}`)}`;
    const c2 = CROSS.map((yy) => this.c6[`distance-${yy}`].toFixed(3)).join(" / "), paperC2 = this.paperSeries((yy) => `t6-distance-${yy}`);
    const top = this.toCap[0];
    return markdown([
      `**Ledger:** ${countsText(full.counts())} (${pub.entries.length} entries). ${this.SYN ? 'Every synthetic entry is "not reproducible" by construction; ' : ""}` +
      `the ${chk.length} consistency checks computed from printed numbers (and the real coordinates) give ${chkRows.length - bad.length} that hold and ` +
      `${bad.length} that do not: ` + bad.map((r) => `${r.entry.row} ${r.entry.column} (printed ${r.entry.printed}, ours ${r.ours?.toFixed(2)})`).join("; ") + ".",
      "",
      ...(this.SYN ? [`**What the synthetic data reproduce by construction:** yearly totals, Table 2 shares (up to the 2022 east inconsistency, notes B3), ` +
        `node and edge counts, the top-10 out lists; ${40 - t4miss.length}/40 values of Table 4 and ${40 - t5miss.length}/40 of Table 5 (listed cities) are ` +
        "within rounding of the printed values" + (t4miss.length + t5miss.length ? ` (misses: ${[...t4miss, ...t5miss].join(", ")})` : "") + ".",
      "",
      `**What they do not reproduce:** the structure beyond sizes. Clustering ${t3("average_clustering")} (paper ${this.paperSeries((yy) => `t3-clust-${yy}-count`)}) ` +
        `and path length ${t3("average_path_length")} (paper ${this.paperSeries((yy) => `t3-apl-${yy}-count`)}) depend on how often declining cities invest in each other, ` +
        `which the generator sets by one share per year; Louvain gives Q ${q} with ${k} communities (paper ${paperQ}): the decline of Q with growth is ` +
        "there, the counts are a property of data we do not have. Core–periphery classes depend on UCINET's unstated scaling; the linkage Gini is " +
        "undefined in the paper (three readings shown in §10). Table 6: six push/pull values are drawn to land near the printed ones, so " +
        "their closeness says nothing about the paper; GDP, tertiary share and FDI are the public series (real years and filled years in " +
        `§9), ranked on the synthetic flows, so they too say nothing about the paper; distance C2 (${c2}, paper ${paperC2}) follows from ` +
        "the generator's distance decay.", ""]
        : [`**Your records:** ${this.recs.length} events; Louvain Q ${q} with ${k} communities (paper ${paperQ}); distance C2 ${c2} (paper ${paperC2}). ` +
          "Core–periphery classes depend on UCINET's unstated scaling; the linkage Gini is undefined in the paper (three readings in §10).", ""]),
      `**Table 6's public factors** (issue 19): ${this.realPull.map((rf) => `${rf.factor}: ${rf.differs}`).join("; ")}. ` +
      "SOURCES.md §6 caveats that apply: prefecture_econ lacks the four municipalities (their provincial GDP is used) and its `gdp` and " +
      "`gdp_old` disagree (`gdp` used); none of the 287-city panel's listed caveats (green area, garbage treatment, toilets, population, " +
      "industrial output, students, score) concerns the two columns used. No value is corrected; units without a value are counted in §9. " +
      "The paper prints no descriptive number of these factors, so no ledger entry is computed from them alone.",
      "",
      "**Misprints flagged:** Table 4's English caption (\"by investment amount\" for a count table, B1); 2013 out-degree order 抚顺 36 above 淮北 38 " +
      `(B2); 3,184 vs 3,185 events in 2022 (B3); Table 1 west 20.84 (B15). 441 km: ${top.city} → ${top.capital} is ${top.km.toFixed(0)} km between ` +
      "ECharts label points; the paper's coordinates (unstated) put it at 441.",
      "",
      `Run time ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
    ].join("\n"));
  }
}
