/**
 * Seeded synthetic provincial panel for the dual-control-xgboost-shap notebook (杜明军, 区域经济评论 2025(4): 109-117).
 *
 * The paper prints no data and no descriptive statistics: only the variable list (Table 1) and the importance
 * scores of four XGBoost models (Tables 2-3) plus verbal SHAP rankings. So the panel is drawn here, 30 provinces
 * (mainland without Tibet) x 2003-2022 = 600 rows (the printed mean cover and split counts fit n of about 600, see the
 * notebook). All randomness comes from kernel-lib's seeded MT19937 (`createRng`).
 *
 * Calibration: magnitudes are yearbook-like national orders (e.g. provincial energy use of 10^3-10^5 万吨标煤,
 * electricity per 万吨标煤 rising from about 0.10 to 0.16 亿kWh as in the national balance, CO2 per tce about
 * 2.1-2.6 t), not printed targets, because the paper prints none. 专利申请授权数 is real where available: the
 * caller may pass the provincial granted-patent series 2010-2022 (manifest:province_patents_rd_2010_2023);
 * 2003-2009 are back-cast with each province's 2010-2014 log growth (capped) and a little noise.
 *
 * What is planted, and why it makes the printed rankings the truth:
 *  1. Identities tie the four dual-control variables together, as they are tied in real statistics:
 *     energy_total = energy_efficiency x GDP; carbon_total = energy_total x EF; carbon_efficiency = carbon_total / GDP
 *     (= EF x energy_efficiency); electricity = energy_total x an electrification ratio. So in each model the
 *     other dual-control variables and electricity are the dominant features, as printed: 电力消费量, 表观CO2 and
 *     单位GDP能耗 for energy_total; 碳强度 for energy_efficiency; 能源消费量 and 碳强度 for carbon_total; 表观CO2 and
 *     单位GDP能耗 for carbon_efficiency.
 *  2. The drivers the paper names as large get the large coefficients: ln energy_efficiency falls with patents and
 *     per-capita GDP and rises with the high-energy industries' interest share (green credit); the emission factor
 *     EF rises with the secondary share and falls with the green-industry investment share. The drivers the paper
 *     calls small (environmental spending, pollution investment, fiscal ratio, urbanisation) enter with small or no
 *     coefficients (PLANTED below).
 */
import { StudyGenerator, createRng, openData } from "kernel-lib";

export const FEATURES = [
  "green_industry", "green_credit", "green_investment", "env_expenditure", "env_investment", "electricity",
  "energy_total", "energy_efficiency", "gdp_pc", "fiscal_ratio", "urban", "secondary", "patents", "carbon_total", "carbon_efficiency",
] as const;

export const TARGETS = ["energy_total", "energy_efficiency", "carbon_total", "carbon_efficiency"] as const;

/** Planted structural coefficients (z = standardised within the panel). */
export const PLANTED = {
  lnEnergyIntensity: { level2003: Math.log(1.45), trend: -1.0, patents_z: -0.16, green_credit_z: 0.14, gdp_pc_z: -0.1, secondary_z: 0.05, env_expenditure_z: 0.01, noise: 0.05 },
  emissionFactor: { level2003: 2.45, trend: -0.25, secondary_z: 0.12, green_industry_z: -0.1, green_investment_z: 0.0, noise: 0.05 },
  electrification: { level2003: 0.095, level2022: 0.165, noise: 0.1 },
};

export interface GenOptions {
  seed: number;
  provinces: string[];
  years?: number[];
  /** Real granted patents by province and year (optional). */
  patents?: { province: string; year: number; value: number }[];
}

const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function generate(o: GenOptions) {
  const rng = createRng(o.seed, "dual-control-xgboost-shap generator");
  const years = o.years ?? Array.from({ length: 20 }, (_, i) => 2003 + i);
  const T = years.length;
  const real = new Map<string, number>();
  for (const p of o.patents ?? []) if (p.value > 0) real.set(`${p.province}|${p.year}`, p.value);
  const province: string[] = [], cols: Record<string, number[]> = { year: [] };
  for (const f of FEATURES) cols[f] = [];
  const raw: { i: number; t: number; ar: number[] }[] = [];
  type P = { pop: number; dev: number; ind: number; coal: number; g: number[] };
  const prov: P[] = o.provinces.map(() => ({
    pop: Math.exp(rng.normal(Math.log(4200), 0.65)), // 万人
    dev: rng.normal(0, 1), ind: rng.normal(0, 1), coal: rng.normal(0, 1),
    g: Array.from({ length: 6 }, () => rng.normal(0, 1)),
  }));
  // AR(1) deviations per province and series
  const ar = (rho: number, sd: number) => { const out: number[] = []; let v = rng.normal(0, sd); for (let t = 0; t < T; t++) { out.push(v); v = rho * v + rng.normal(0, sd * Math.sqrt(1 - rho * rho)); } return out; };
  const rows: Record<string, number>[] = [];
  o.provinces.forEach((name, i) => {
    const p = prov[i];
    const e = { gdp: ar(0.8, 0.05), urb: ar(0.8, 1.5), sec: ar(0.8, 2.0), fis: ar(0.7, 4), gi: ar(0.6, 2.0), ginv: ar(0.5, 0.35), gc: ar(0.7, 0.25),
      envx: ar(0.6, 0.15), envi: ar(0.5, 0.3), pat: ar(0.7, 0.08), ei: ar(0.7, PLANTED.lnEnergyIntensity.noise), ef: ar(0.6, PLANTED.emissionFactor.noise), el: ar(0.7, PLANTED.electrification.noise) };
    // patents: real 2010-2022 if given, back-cast before
    const realPat = years.map((y) => real.get(`${name}|${y}`));
    const firstReal = years.findIndex((_, t) => realPat[t] !== undefined);
    let growth = 0.2;
    if (firstReal >= 0) {
      const t5 = Math.min(T - 1, firstReal + 4);
      const a = realPat[firstReal], b = realPat[t5];
      if (a && b && t5 > firstReal) growth = clip(Math.log(b / a) / (t5 - firstReal), 0.08, 0.3);
    }
    years.forEach((y, t) => {
      const tau = t / (T - 1);
      const gdp_pc = Math.exp(Math.log(1.0) + 0.42 * p.dev + 2.05 * tau + e.gdp[t]);
      const urban = clip(41 + 9 * p.dev + 22 * tau + e.urb[t], 18, 90);
      const secondary = clip(47 + 5 * p.ind - 0.8 * p.dev - 9 * tau + e.sec[t], 15, 62);
      const fiscal_ratio = clip(48 + 17 * p.dev - 4 * tau + e.fis[t], 8, 95);
      const green_industry = clip(9 + 2.2 * p.g[0] + 3 * tau + e.gi[t], 2, 25);
      const green_investment = clip(0.28 * Math.exp(0.35 * p.g[1] - 1.2 * tau + e.ginv[t]), 0.005, 1.5);
      const green_credit = clip(2.1 + 0.45 * p.ind - 0.7 * tau + 0.25 * p.g[2] + e.gc[t], 0.3, 6);
      const env_expenditure = clip(0.45 + 0.55 * tau + 0.2 * p.g[3] + e.envx[t], 0.05, 4);
      const env_investment = clip(1.3 + 0.35 * p.g[4] - 0.3 * tau + e.envi[t], 0.1, 4);
      let patents: number;
      if (realPat[t] !== undefined) patents = realPat[t]!;
      else if (firstReal >= 0) patents = Math.round(realPat[firstReal]! * Math.exp(-growth * (firstReal - t) + e.pat[t]));
      else patents = Math.round(Math.exp(7.6 + 1.0 * p.dev + 0.6 * Math.log(p.pop / 4200) + 3.6 * tau + e.pat[t]));
      rows.push({ i, year: y, tau, gdp_pc, urban, secondary, fiscal_ratio, green_industry, green_investment, green_credit, env_expenditure, env_investment, patents,
        ei_noise: e.ei[t], ef_noise: e.ef[t], el_noise: e.el[t], ind: p.ind, coal: p.coal, pop: p.pop * (1 + 0.004 * t) });
    });
  });
  // standardise the drivers over the panel, then the identities
  const z = (k: string, f: (v: number) => number = (v) => v) => {
    const v = rows.map((r) => f(r[k]));
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    return v.map((x) => (x - m) / s);
  };
  const zPat = z("patents", Math.log), zCred = z("green_credit"), zPc = z("gdp_pc", Math.log), zSec = z("secondary"), zEnv = z("env_expenditure"), zGi = z("green_industry"), zGinv = z("green_investment");
  const L = PLANTED.lnEnergyIntensity, F = PLANTED.emissionFactor, Q = PLANTED.electrification;
  rows.forEach((r, k) => {
    // within-year parts of the driver effects (the common trend is carried by `trend`)
    const lnEI = L.level2003 + L.trend * r.tau + 0.18 * r.ind + L.patents_z * zPat[k] + L.green_credit_z * zCred[k] + L.gdp_pc_z * zPc[k] + L.secondary_z * zSec[k] + L.env_expenditure_z * zEnv[k] + r.ei_noise;
    const energy_efficiency = Math.exp(lnEI); // tce / 万元
    const gdp = r.gdp_pc * r.pop; // 万元/人 x 万人 = 亿元... x 1e4 = 万元
    const energy_total = (energy_efficiency * gdp * 1e4) / 1e4; // 万吨标煤
    const EF = F.level2003 + F.trend * r.tau + 0.08 * r.coal + F.secondary_z * zSec[k] + F.green_industry_z * zGi[k] + F.green_investment_z * zGinv[k] + r.ef_noise; // t CO2 / tce
    const carbon_total = energy_total * 1e4 * EF; // metric tons
    const carbon_efficiency = carbon_total / (gdp * 1e4); // t / 万元
    const elec = (Q.level2003 + (Q.level2022 - Q.level2003) * r.tau) * Math.exp(r.el_noise);
    const electricity = energy_total * elec; // 亿kWh
    province.push(o.provinces[r.i]);
    cols.year.push(r.year);
    const v: Record<string, number> = { ...r, energy_efficiency, energy_total, carbon_total, carbon_efficiency, electricity };
    for (const f of FEATURES) cols[f].push(v[f]);
  });
  return { columns: { province: province, ...cols }, n: rows.length };
}

/** The notebook's synthetic panel from its parameters: 30 provinces (no Tibet) and the real patents series. */
export async function synthesize(p: Record<string, unknown>) {
  const pt = (await openData("manifest:province_patents_rd_2010_2023")).table;
  const names = pt.str("province_zh"), years = pt.num("year"), granted = pt.num("patents_granted");
  const provinces = [...new Set(names)].filter((n) => n !== "西藏");
  const patents = names.map((province, i) => ({ province, year: years[i], value: granted[i] }));
  return generate({ seed: Number(p.seed), provinces, patents });
}

/** What `regionlab template dual-control-xgboost-shap` writes: the notebook's own synthetic panel. */
export async function templateData(p: Record<string, unknown>) {
  return { panel: (await synthesize(p)).columns };
}

/**
 * The generator as kernel-lib's StudyGenerator: the panel's columns, PLANTED as its truth and the planted per-SD
 * effects by name ("lnEnergyIntensity.patents_z" → −0.16). The paper prints no descriptive statistics, so there are
 * no printed calibration targets.
 */
export const studyGenerator: StudyGenerator<GenOptions, typeof PLANTED> = {
  generate(o) {
    const planted: Record<string, number> = {};
    for (const [eq, cs] of Object.entries(PLANTED)) for (const [k, v] of Object.entries(cs)) if (k.endsWith("_z")) planted[`${eq}.${k}`] = v;
    return { panel: generate(o).columns, truth: PLANTED, planted };
  },
};
