/**
 * Synthetic province × industry × year panel for central-equipment-malmquist (明哲, 区域经济评论 2025(4)).
 *
 * The paper's inputs and output (net fixed assets, employees, main business revenue of 7 equipment industries in
 * 6 central provinces, 2002–2022) are not printed. This generator draws a panel with the same schema and
 * calibrates it so that DEAP-style Malmquist indices computed on it follow the printed trajectories:
 *   - the province run (industries summed to 6 province DMUs) follows `targets.province` (Table 4, TFPCH);
 *   - the industry run (provinces summed to 7 industry DMUs) follows `targets.industry` (Table 6's pattern,
 *     rescaled by the notebook; see there why the printed level cannot be kept as well);
 *   - the provinces' starting productivity gaps are set from `targets.provinceEffch` (Table 3, EFFCH), so that
 *     catching up (EFFCH > 1) or falling behind (EFFCH < 1) has the printed direction.
 *
 * Structure (all randomness through kernel-lib's seeded MT19937, `createRng`):
 *   labour L (10⁴ persons)       = province size × industry share × lognormal cell effect × yearly growth
 *   capital K (10⁸ yuan, 2002)  = L × capital per worker (industry base × province effect × deepening ~6%/yr)
 *   revenue Y (10⁸ yuan, 2002)  = A × K^0.35 × L^0.65, with productivity A = level × Π growth
 *   growth of A in cell (p,i) from year t−1 to t = u[t][p] × v[t][i] × exp(0.015 ε)
 * Calibration: u and v start at the targets and are corrected by fixed-point rounds; each round runs the
 * Malmquist index (kernel-lib `malmquist`, output orientation as in the paper) on the two aggregations and
 * multiplies u by target/achieved (province run) and v by target/achieved (industry run).
 */
import { StudyGenerator, calibrationTargets, createRng, loadPublished, loadStudyModule, malmquist } from "kernel-lib";

export const PROVINCES = ["安徽", "山西", "江西", "河南", "湖北", "湖南"] as const;
export const PROVINCE_EN: Record<string, string> = { 安徽: "Anhui", 山西: "Shanxi", 江西: "Jiangxi", 河南: "Henan", 湖北: "Hubei", 湖南: "Hunan" };
/** GB/T 4754—2002 codes, in the order of the paper's Tables 5 and 6. */
export const INDUSTRIES = ["C36", "C37", "C41", "C39", "C40", "C35", "C34"] as const;
export const INDUSTRY_ZH: Record<string, string> = {
  C34: "金属制品业", C35: "通用设备制造业", C36: "专用设备制造业", C37: "交通运输设备制造业",
  C39: "电气机械及器材制造业", C40: "通信设备、计算机及其他电子设备制造业", C41: "仪器仪表及文化、办公用机械制造业",
};
export const INDUSTRY_EN: Record<string, string> = {
  C34: "metal products", C35: "general-purpose", C36: "special-purpose", C37: "transport",
  C39: "electrical", C40: "ICT", C41: "instruments",
};
export const YEARS: number[] = Array.from({ length: 21 }, (_, k) => 2002 + k);

export interface PanelRow {
  province: string;
  industry: string;
  year: number;
  /** Net fixed assets, 10⁸ yuan at 2002 prices. */
  capital: number;
  /** Annual average employees, 10⁴ persons. */
  labour: number;
  /** Main business revenue, 10⁸ yuan at 2002 prices. */
  revenue: number;
}

export interface Targets {
  /** TFPCH of the province run, [pair t = 0..19][province], pair 0 = 2002→2003 (Table 4). */
  province: number[][];
  /** TFPCH of the industry run, [pair][industry] in INDUSTRIES order. */
  industry: number[][];
  /** Mean EFFCH per province (Table 3); sets the 2002 productivity gaps. */
  provinceEffch?: number[];
}

export interface GeneratorOptions {
  seed: number;
  targets: Targets;
  /** Fixed-point calibration rounds (0 = no calibration: growth factors straight from the targets). */
  rounds?: number;
  orientation?: "input" | "output";
}

export interface Generated {
  rows: PanelRow[];
  /** Root-mean-square gap (achieved − target TFPCH) after each round, both runs. */
  history: { round: number; province: number; industry: number }[];
}

// Structural constants (documented in README.md).
const PROV_LABOUR_2002 = [55, 22, 28, 85, 70, 55]; // 10⁴ persons in equipment manufacturing, order of PROVINCES
const IND_SHARE = [0.14, 0.2, 0.04, 0.16, 0.12, 0.2, 0.14]; // order of INDUSTRIES
const IND_K_PER_WORKER = [7, 12, 5, 7, 10, 7, 5]; // 10⁴ yuan per worker in 2002
const IND_LABOUR_TREND = [0.02, 0.045, 0.02, 0.04, 0.06, 0.02, 0.015]; // yearly growth of employment
const ALPHA = 0.35;
const DAMP = 1;

type Agg = { dmus: string[]; periods: number[]; X: number[][]; Y: number[][] };

export function aggregate(rows: readonly PanelRow[], by: "province" | "industry"): Agg {
  const keys = by === "province" ? [...PROVINCES] : [...INDUSTRIES];
  const m = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${by === "province" ? r.province : r.industry}|${r.year}`;
    const a = m.get(k) ?? [0, 0, 0];
    a[0] += r.capital;
    a[1] += r.labour;
    a[2] += r.revenue;
    m.set(k, a);
  }
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const out: Agg = { dmus: [], periods: [], X: [], Y: [] };
  for (const y of years)
    for (const k of keys) {
      const a = m.get(`${k}|${y}`);
      if (!a) continue;
      out.dmus.push(k);
      out.periods.push(y);
      out.X.push([a[0], a[1]]);
      out.Y.push([a[2]]);
    }
  return out;
}

/** TFPCH [pair][dmu] of a DEAP Malmquist run, DMUs in the order given. */
function tfpch(a: Agg, order: readonly string[], orientation: "input" | "output"): number[][] {
  const r = malmquist({ dmus: a.dmus, periods: a.periods, X: a.X, Y: a.Y }, { orientation });
  const years = [...new Set(a.periods)].sort((x, y) => x - y);
  return years.slice(1).map((y) => order.map((u) => r.results.find((z) => z.period === y && z.dmu === u)!.tfpch ?? NaN));
}

export function generate(o: GeneratorOptions): Generated {
  const rng = createRng(o.seed, "synthetic-panel");
  const P = PROVINCES.length, I = INDUSTRIES.length, T = YEARS.length;
  const orientation = o.orientation ?? "output";
  const { province: tp, industry: ti } = o.targets;
  if (tp.length !== T - 1 || ti.length !== T - 1) throw new Error(`generator: targets need ${T - 1} periods`);

  // Fixed structure, drawn once.
  const cellL: number[][] = [], cellK: number[][] = [], cellA: number[][] = [];
  const effch = o.targets.provinceEffch ?? PROVINCES.map(() => 1);
  const gap = effch.map((e) => Math.pow(e, -(T - 1)));
  const gmax = Math.max(...gap);
  for (let p = 0; p < P; p++) {
    const provK = Math.exp(0.15 * rng.normal());
    cellL.push([]);
    cellK.push([]);
    cellA.push([]);
    for (let i = 0; i < I; i++) {
      cellL[p].push(PROV_LABOUR_2002[p] * IND_SHARE[i] * Math.exp(0.25 * rng.normal()));
      cellK[p].push(IND_K_PER_WORKER[i] * provK * Math.exp(0.1 * rng.normal()));
      cellA[p].push(10 * (gap[p] / gmax) * Math.exp(0.1 * rng.normal()));
    }
  }
  // Yearly labour growth and capital deepening (cell × year shocks), and transitory productivity noise.
  const lg: number[][][] = [], kg: number[][][] = [], eps: number[][][] = [];
  for (let t = 1; t < T; t++) {
    const year = YEARS[t];
    lg.push([]);
    kg.push([]);
    eps.push([]);
    for (let p = 0; p < P; p++) {
      lg[t - 1].push([]);
      kg[t - 1].push([]);
      eps[t - 1].push([]);
      for (let i = 0; i < I; i++) {
        let trend = IND_LABOUR_TREND[i];
        // general- and special-purpose equipment shed workers from 2017 (the paper's Fig. 1)
        if (year >= 2017 && (INDUSTRIES[i] === "C35" || INDUSTRIES[i] === "C36")) trend = -0.02;
        if (year === 2009 || year === 2020) trend -= 0.03; // crisis and COVID years
        lg[t - 1][p].push(Math.exp(trend + 0.03 * rng.normal()));
        kg[t - 1][p].push(Math.exp(0.06 + 0.04 * rng.normal()));
        eps[t - 1][p].push(Math.exp(0.015 * rng.normal()));
      }
    }
  }

  const yearLevel = tp.map((row) => Math.exp(row.reduce((s, x) => s + Math.log(x), 0) / row.length));
  const u = tp.map((row) => [...row]);
  const v = ti.map((row, t) => row.map((x) => x / yearLevel[t]));

  const build = (): PanelRow[] => {
    const rows: PanelRow[] = [];
    for (let p = 0; p < P; p++)
      for (let i = 0; i < I; i++) {
        let L = cellL[p][i], kpw = cellK[p][i], A = cellA[p][i];
        for (let t = 0; t < T; t++) {
          if (t > 0) {
            L *= lg[t - 1][p][i];
            kpw *= kg[t - 1][p][i];
            A *= u[t - 1][p] * v[t - 1][i] * eps[t - 1][p][i];
          }
          const K = L * kpw;
          rows.push({ province: PROVINCES[p], industry: INDUSTRIES[i], year: YEARS[t], capital: K, labour: L, revenue: A * Math.pow(K, ALPHA) * Math.pow(L, 1 - ALPHA) });
        }
      }
    return rows;
  };
  const gmean = (a: number[]) => Math.exp(a.reduce((s, x) => s + Math.log(x), 0) / a.length);
  const rmse = (a: number[][], b: number[][]) => {
    let s = 0, n = 0;
    a.forEach((row, t) => row.forEach((x, j) => ((s += (x - b[t][j]) ** 2), n++)));
    return Math.sqrt(s / n);
  };

  const history: Generated["history"] = [];
  const rounds = o.rounds ?? 8;
  let rows = build();
  for (let r = 0; r <= rounds; r++) {
    const ap = tfpch(aggregate(rows, "province"), PROVINCES, orientation);
    const ai = tfpch(aggregate(rows, "industry"), INDUSTRIES, orientation);
    const levelFree = ai.map((row, t) => row.map((x) => (x * gmean(ti[t])) / gmean(row)));
    history.push({ round: r, province: rmse(ap, tp), industry: rmse(levelFree, ti) });
    if (r === rounds) break;
    // Joint update of both factor sets on the same panel (a separable fixed point; sequential updates let the
    // industry step undo the province step).
    ap.forEach((row, t) => row.forEach((x, p) => (u[t][p] *= Math.pow(tp[t][p] / x, DAMP))));
    // The industry run is matched in its pattern across industries within each year; its yearly level follows
    // from the province run (both aggregate the same cells), so the level is left free.
    ai.forEach((row, t) => {
      const lv = gmean(row) / gmean(ti[t]);
      row.forEach((x, i) => (v[t][i] *= Math.pow((ti[t][i] * lv) / x, DAMP)));
    });
    rows = build();
  }
  return { rows, history };
}

/** The notebook's parameters that shape the draw (the declared defaults when `regionlab template` calls it). */
export interface SynthesizeParams { seed: number; calibrationRounds: number; orientation: "input" | "output" }

/**
 * The notebook's synthetic panel from its parameters. Calibration targets, all read from published.json: the
 * province run's TFPCH (Table 4), the industry run's within-year pattern (Table 6) and the provinces' EFFCH (Table 3).
 * `study`: the study module when the caller has it loaded (the notebook does; loading it again means compiling
 * study.ts again, most of this call's time).
 */
export function synthesize(p: SynthesizeParams, study = loadStudyModule<typeof import("./study")>("central-equipment-malmquist", "study")): Generated {
  const pub = loadPublished("central-equipment-malmquist");
  const s = study.printedSeries(pub);
  const effch = calibrationTargets(pub, Object.fromEntries(study.PROV_IDS.map((q) => [q, `t3-${q}-effch`])));
  const targets: Targets = { province: s.t4, industry: s.t6, provinceEffch: study.PROV_IDS.map((q) => effch[q]) };
  return generate({ seed: p.seed, targets, rounds: p.calibrationRounds, orientation: p.orientation });
}

/** What `regionlab template central-equipment-malmquist` writes: the notebook's own synthetic panel. */
export function templateData(p: Record<string, unknown>) {
  const g = synthesize({ seed: Number(p.seed), calibrationRounds: Number(p.calibrationRounds), orientation: p.orientation === "input" ? "input" : "output" });
  const study = loadStudyModule<typeof import("./study")>("central-equipment-malmquist", "study");
  return { panel: study.panelColumns(g.rows) };
}

/** The generator as kernel-lib's StudyGenerator: the panel's columns, the calibration history as its truth; no planted coefficients. */
export const studyGenerator: StudyGenerator<SynthesizeParams, { history: Generated["history"] }> = {
  generate(p) {
    const g = synthesize(p);
    const study = loadStudyModule<typeof import("./study")>("central-equipment-malmquist", "study");
    return { panel: study.panelColumns(g.rows), truth: { history: g.history }, planted: {} };
  },
};
