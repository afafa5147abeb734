/**
 * Seeded synthetic panel for the jjj-ftz-psm-did notebook (严亚雯, 叶堂林, 王传恕, 区域经济评论 2025(4): 118–128).
 *
 * The paper's city high-quality-development index (龙信企业大数据平台) and its industrial-linkage measure are not
 * public, so the notebook runs on a panel drawn here: the 13 Beijing–Tianjin–Hebei cities (codes and names passed
 * in by the notebook from the shipped map data), 2013–2022. Every random number comes from kernel-lib's seeded
 * MT19937 (`createRng`). What is planted, and how:
 *
 * 1. Treatment: the real free-trade-zone start years (State Council approvals): Tianjin 2015, Hebei 2019 (the
 *    four areas: 正定 → 石家庄, 曹妃甸 → 唐山, 雄安 → 保定, 大兴机场 → 廊坊; or all 11 Hebei cities with
 *    `hebei: "all"`), Beijing 2020. FTZ_it = 1 from the start year on.
 * 2. Covariates (fe, lnstru, urba, fdi, pgdp): a city development score z_i orders the cities (Beijing, Tianjin
 *    highest); each covariate = city level + trend + a city-specific slope + noise, Hebei values scaled to the
 *    printed Table 2 mean/SD and clipped to its [min, max]. Beijing and Tianjin are drawn on their real scale,
 *    ABOVE Table 2's maxima for pgdp, urba and fdi (Beijing's per-capita GDP already exceeded 9 × 10^4 yuan in
 *    2013, urbanisation 86 %): Table 2 (after matching) cannot contain them — see the notebook.
 * 3. Industrial linkage IL = L_i (log-normal city level) + 0.05·(year − 2013) + 0.707·FTZ + N(0, 0.25)
 *    (Table 5 (7)).
 * 4. lnHDQ = a_i + 0.015·(year − 2013) + 0.104·FTZ + b·(IL − L_i) + Σ β_k X_k + e, e ~ N(0, noiseSd), with
 *    β = Table 4 (5) (fe −0.257, lnstru −0.011, urba 0.652, fdi 0.051, pgdp −0.010) and b = 0.123 chosen so that
 *    the total FTZ effect is the printed 0.191 = 0.104 + 0.707·b. The printed IL coefficient 0.963 cannot hold
 *    together with 0.191, 0.104 and 0.707 (0.104 + 0.707 × 0.963 = 0.785); it is not planted.
 * 5. Sub-indices vitality, merchantable, innovation, synergism = city level + trend + FTZ effect (Table 5 (9)–(12):
 *    0.325, −0.018, 0.223, 0.361) + noise; levels scaled to Table 2. Controls do not enter them (their
 *    coefficients are not printed).
 * Table 4 columns (1)–(4) (fewer controls) are not planted; they follow from the covariates' correlation with FTZ.
 */
import {
  calibrationTargets, createRng, loadPublished, openData, projectDataPath, readTable, type GeneratedStudy, type StudyGenerator,
} from "kernel-lib";

const PUBLISHED = loadPublished("jjj-ftz-psm-did");
const TABLE2_VARS = ["lnHDQ", "FTZ", "IL", "vitality", "merchantable", "innovation", "synergism", "fe", "pgdp", "lnstru",
  "fdi", "urba"];

/** Printed Table 2 (after PSM, N = 85): mean, SD, min, max, read from published.json. */
export const TABLE2: Record<string, [number, number, number, number]> = Object.fromEntries(TABLE2_VARS.map((v) => {
  const t = calibrationTargets(PUBLISHED, { mean: `t2-${v}-mean`, sd: `t2-${v}-sd`, min: `t2-${v}-min`, max: `t2-${v}-max` });
  return [v, [t.mean, t.sd, t.min, t.max]];
}));

/** FTZ start years: 国发〔2015〕19号 (Tianjin), 国发〔2019〕16号 (Hebei), 国发〔2020〕10号 (Beijing). */
export const FTZ_START = { "120000": 2015, "110000": 2020 } as Record<string, number>;
export const HEBEI_FTZ_CITIES = ["130100", "130200", "130600", "131000"];
export const HEBEI_START = 2019;

const printedB = calibrationTargets(PUBLISHED, {
  FTZ: "t4-5-FTZ-b", fe: "t4-5-fe-b", lnstru: "t4-5-lnstru-b", urba: "t4-5-urba-b", fdi: "t4-5-fdi-b", pgdp: "t4-5-pgdp-b",
  aIL: "t5-7-FTZ-b", direct: "t5-8-FTZ-b",
  vitality: "t5-9-FTZ-b", merchantable: "t5-10-FTZ-b", innovation: "t5-11-FTZ-b", synergism: "t5-12-FTZ-b",
});

/** The planted truth: the printed coefficients (published.json), except the IL slope (see 4. above). */
export const PLANTED = {
  /** Table 4 (5): total FTZ effect and controls. */
  total: { FTZ: printedB.FTZ, fe: printedB.fe, lnstru: printedB.lnstru, urba: printedB.urba, fdi: printedB.fdi, pgdp: printedB.pgdp },
  /** Table 5 (7): FTZ → IL. */
  aIL: printedB.aIL,
  /** Table 5 (8): direct FTZ effect, and the IL slope implied by total = direct + aIL·b (printed 0.963). */
  direct: printedB.direct,
  bIL: (printedB.FTZ - printedB.direct) / printedB.aIL,
  /** Table 5 (9)–(12). */
  sub: { vitality: printedB.vitality, merchantable: printedB.merchantable, innovation: printedB.innovation, synergism: printedB.synergism },
};

/** Development score (our ordering; Beijing, Tianjin highest). */
const Z: Record<string, number> = {
  "110000": 3.0, "120000": 2.2, "130100": 0.9, "130200": 1.0, "130300": 0.3, "130400": -0.2, "130500": -0.8,
  "130600": -0.3, "130700": -0.6, "130800": -0.5, "130900": 0.1, "131000": 0.7, "131100": -0.8,
};

export interface GenOptions {
  seed: number;
  cities: { code: string; name: string }[];
  hebei?: "areas" | "all";
  noiseSd?: number;
  /** Real per-capita GDP (10^4 yuan per person) by "code|year"; replaces the drawn pgdp where present. */
  realPgdp?: Map<string, number>;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function generate(o: GenOptions): GeneratedStudy<typeof PLANTED> & { years: number[]; provenance: Record<string, string>; nRealPgdp: number } {
  const rng = createRng(o.seed, "jjj-ftz-psm-did generator");
  const noise = o.noiseSd ?? 0.03;
  const years = Array.from({ length: 10 }, (_, t) => 2013 + t);
  const C = o.cities;
  if (C.length !== 13) throw new Error(`generator: expected 13 cities, got ${C.length}`);
  const start = (code: string) => FTZ_START[code] ?? (code.startsWith("13") && (o.hebei === "all" || HEBEI_FTZ_CITIES.includes(code)) ? HEBEI_START : 0);
  const cols: Record<string, (number | string)[]> = { city_code: [], city: [], year: [], ftz_year: [], FTZ: [], lnHDQ: [], IL: [], vitality: [], merchantable: [], innovation: [], synergism: [], fe: [], pgdp: [], lnstru: [], fdi: [], urba: [] };
  const T2 = TABLE2;
  for (const c of C) {
    const z = Z[c.code] ?? 0;
    const muni = c.code === "110000" || c.code === "120000";
    const g = start(c.code);
    // city levels and slopes
    const lev = { fe: rng.normal(0, 0.08), lnstru: rng.normal(0, 0.15), urba: rng.normal(0, 0.02), fdi: rng.normal(0, 0.25), pgdp: rng.normal(0, 0.5) };
    const slope = { fe: 0.012 + rng.normal(0, 0.006), lnstru: 0.045 + rng.normal(0, 0.02), urba: 0.011 + rng.normal(0, 0.004), fdi: 0.02 + rng.normal(0, 0.03), pgdp: 0.16 + rng.normal(0, 0.06) };
    const L = muni ? (c.code === "110000" ? 26 : 14) : Math.exp(1.1 + 0.45 * z + rng.normal(0, 0.35));
    const a = 0.05 * z + rng.normal(0, 0.03);
    const subLev = { vitality: 0.15 * z + rng.normal(0, 0.2), merchantable: 0.03 * z + rng.normal(0, 0.05), innovation: 0.14 * z + rng.normal(0, 0.2), synergism: 0.12 * z + rng.normal(0, 0.28) };
    let lastReal: { t: number; v: number } | undefined;
    for (const [t, y] of years.entries()) {
      const D = g > 0 && y >= g ? 1 : 0;
      let fe = T2.fe[0] - 0.05 + 0.03 * z + lev.fe + slope.fe * t + rng.normal(0, 0.02);
      let lnstru = T2.lnstru[0] - 0.2 + 0.12 * z + lev.lnstru + slope.lnstru * t + rng.normal(0, 0.04);
      let urba = T2.urba[0] - 0.05 + 0.03 * z + lev.urba + slope.urba * t + rng.normal(0, 0.004);
      let fdi = T2.fdi[0] - 0.1 + 0.45 * z + lev.fdi + slope.fdi * t + rng.normal(0, 0.12);
      let pgdp = T2.pgdp[0] - 0.6 + 0.8 * z + lev.pgdp + slope.pgdp * t + rng.normal(0, 0.12);
      if (c.code === "110000") { urba = 0.863 + 0.0015 * t; pgdp = 9.4 + 1.0 * t + rng.normal(0, 0.1); lnstru = 1.45 + 0.03 * t + rng.normal(0, 0.02); fdi = 2.5 + 0.03 * t + rng.normal(0, 0.1); fe = 0.52 + 0.005 * t + rng.normal(0, 0.01); }
      else if (c.code === "120000") { urba = 0.82 + 0.003 * t; pgdp = 10.0 + 0.15 * t + rng.normal(0, 0.1); lnstru = 0.0 + 0.08 * t + rng.normal(0, 0.02); fdi = 2.3 - 0.03 * t + rng.normal(0, 0.1); fe = 0.98 + 0.01 * t + rng.normal(0, 0.01); }
      else {
        fe = clamp(fe, T2.fe[2], T2.fe[3]); lnstru = clamp(lnstru, T2.lnstru[2], T2.lnstru[3]); urba = clamp(urba, T2.urba[2], T2.urba[3]);
        fdi = clamp(fdi, T2.fdi[2], T2.fdi[3]); pgdp = clamp(pgdp, T2.pgdp[2], T2.pgdp[3]);
      }
      // Real pgdp where the public series has it (not clipped to Table 2); after its last year the city's drawn
      // slope carries it on. The draws above are made either way, so every other variable keeps its random numbers.
      const real = o.realPgdp?.get(`${c.code}|${y}`);
      if (real !== undefined) { pgdp = real; lastReal = { t, v: real }; }
      else if (lastReal) pgdp = lastReal.v + slope.pgdp * (t - lastReal.t);
      const ilw = 0.05 * t + PLANTED.aIL * D + rng.normal(0, 0.25);
      const IL = Math.max(0.19, L + ilw);
      const P = PLANTED.total;
      const lnHDQ = 3.55 + a + 0.015 * t + PLANTED.direct * D + PLANTED.bIL * ilw + P.fe * fe + P.lnstru * lnstru + P.urba * urba + P.fdi * fdi + P.pgdp * pgdp + rng.normal(0, noise);
      const sub = (k: "vitality" | "merchantable" | "innovation" | "synergism", sd: number, tr: number) => T2[k][0] - 0.1 * tr * 4.5 + subLev[k] + tr * t + PLANTED.sub[k] * D + rng.normal(0, sd);
      cols.city_code.push(c.code); cols.city.push(c.name); cols.year.push(y); cols.ftz_year.push(g); cols.FTZ.push(D);
      cols.lnHDQ.push(lnHDQ); cols.IL.push(IL);
      cols.vitality.push(sub("vitality", 0.2, 0.03)); cols.merchantable.push(sub("merchantable", 0.05, 0.004));
      cols.innovation.push(sub("innovation", 0.2, 0.03)); cols.synergism.push(sub("synergism", 0.28, 0.03));
      cols.fe.push(fe); cols.pgdp.push(pgdp); cols.lnstru.push(lnstru); cols.fdi.push(fdi); cols.urba.push(urba);
    }
  }
  // shift lnHDQ so that the Hebei mean is Table 2's (the matched sample is mostly Hebei)
  const heb = (cols.city_code as string[]).map((c) => c.startsWith("13"));
  const hy = (cols.lnHDQ as number[]).filter((_, i) => heb[i]);
  const shift = T2.lnHDQ[0] - hy.reduce((s, v) => s + v, 0) / hy.length;
  cols.lnHDQ = (cols.lnHDQ as number[]).map((v) => v + shift);
  const nReal = o.realPgdp ? (cols.city_code as string[]).filter((c, i) => o.realPgdp!.has(`${c}|${cols.year[i]}`)).length : 0;
  const provenance: Record<string, string> = {};
  for (const k of Object.keys(cols)) provenance[k] = "synthetic (generator.ts)";
  for (const k of ["city_code", "city", "year", "ftz_year", "FTZ"]) provenance[k] = "real: cities, years and State Council FTZ approvals";
  if (nReal) provenance.pgdp = `real for ${nReal} city-years (maswiebe gdppc, Hebei 2013–2017), synthetic for the rest (generator.ts)`;
  const planted = { ...PLANTED.total, "FTZ → IL": PLANTED.aIL, "FTZ direct": PLANTED.direct, IL: PLANTED.bIL,
    ...Object.fromEntries(Object.entries(PLANTED.sub).map(([k, v]) => [`FTZ → ${k}`, v])) };
  return { panel: cols, truth: PLANTED, planted, years, provenance, nRealPgdp: nReal };
}

/** The generator as the kit's typed contract. */
export const generator: StudyGenerator<GenOptions, typeof PLANTED> = { generate };

/** The 13 cities from the shipped map data: 北京, 天津 and Hebei's 11 prefectures. */
export function jjjCities(): { code: string; name: string }[] {
  const geo = readTable(projectDataPath("geo/china_prefectures_echarts.csv"));
  const names = geo.str("name_zh");
  return geo.str("adcode").map((code, i) => ({ code, name: names[i] }))
    .filter((c) => c.code === "110000" || c.code === "120000" || (/^13\d\d00$/.test(c.code) && c.code !== "130000"));
}

/**
 * The notebook's synthetic panel from its parameters (templateData below writes it as a file): the 13 cities, real
 * per-capita GDP from `pgdpSource` ("synthetic" draws it), then `generate`.
 */
export async function synthesize(p: Record<string, unknown>) {
  const cities = jjjCities();
  const src = String(p.pgdpSource ?? "synthetic");
  let realPgdp: Map<string, number> | undefined;
  if (src !== "synthetic") {
    const econ = (await openData(src)).table;
    const ec = econ.str("adcode"), ey = econ.num("year"), ev = econ.num("gdppc");
    const codes = new Set(cities.map((c) => c.code));
    realPgdp = new Map();
    for (let k = 0; k < econ.nRows; k++) if (ey[k] >= 2013 && Number.isFinite(ev[k]) && codes.has(ec[k])) realPgdp.set(`${ec[k]}|${ey[k]}`, ev[k]);
  }
  const g = generate({ seed: Number(p.seed), cities, hebei: p.hebeiTreated === "all" ? "all" : "areas", noiseSd: Number(p.noiseSd), realPgdp });
  return { dataset: "panel", columns: g.panel, provenance: g.provenance, nRealPgdp: g.nRealPgdp, cities };
}

/** What `regionlab template jjj-ftz-psm-did` writes: the notebook's own synthetic panel, by schema dataset. */
export async function templateData(p: Record<string, unknown>) {
  return { panel: (await synthesize(p)).columns };
}
