/**
 * Goodman-Bacon (2021) decomposition of the two-way FE DID coefficient (no covariates, balanced panel,
 * absorbing treatment): β̂_TWFE = Σ s · β̂_2×2 over
 *   treated vs never treated  (k vs U):  s = (n_k+n_U)² n_kU(1−n_kU) D̄_k(1−D̄_k) / V̂^D,
 *   earlier vs later treated  (k vs l, window before l adopts):
 *        s = ((n_k+n_l)(1−D̄_l))² n_kl(1−n_kl) (D̄_k−D̄_l)/(1−D̄_l) · (1−D̄_k)/(1−D̄_l) / V̂^D,
 *   later vs earlier treated  (l vs k, window after k adopted — the "forbidden" comparison):
 *        s = ((n_k+n_l) D̄_k)² n_kl(1−n_kl) D̄_l/D̄_k · (D̄_k−D̄_l)/D̄_k / V̂^D,
 * with n group shares, D̄ the share of periods treated, V̂^D the variance of the two-way demeaned D. Units
 * treated from the first period ("always treated") act as a group with D̄ = 1 and only enter as controls in
 * later-vs-earlier comparisons. The weights sum to one and the weighted sum equals β̂_TWFE (checked).
 */
import { PanelData } from "../panel";
import { StaggerSpec, stagger, wide } from "./util";

export interface BaconComponent {
  type: "treated_vs_never" | "earlier_vs_later" | "later_vs_earlier";
  treated: number;
  control: number;
  weight: number;
  estimate: number;
}

export interface BaconResult {
  components: BaconComponent[];
  twfe: number;
  /** Weight and weighted-average estimate per comparison type. */
  summary: { type: string; weight: number; estimate: number }[];
}

export function bacon(data: PanelData, opts: StaggerSpec & { y: string }): BaconResult {
  const s = stagger(data, opts);
  const N = s.units.length;
  const times = s.times;
  const T = times.length;
  const Y = wide(s, s.table.num(opts.y), "bacon");
  const Dm = wide(s, s.D, "bacon");
  const G = Array.from(s.cohortOfUnit, (g) => (g > 0 && g <= times[0] ? times[0] : g));
  // two-way demeaned D
  const rm = Dm.map((r) => r.reduce((a, b) => a + b, 0) / T);
  const cm = times.map((_, j) => Dm.reduce((a, r) => a + r[j], 0) / N);
  const gm = rm.reduce((a, b) => a + b, 0) / N;
  let VD = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < T; j++) VD += (Dm[i][j] - rm[i] - cm[j] + gm) ** 2;
  VD /= N * T;
  const members = (g: number) => G.map((v, i) => (v === g ? i : -1)).filter((i) => i >= 0);
  const ybar = (ids: number[], yrs: number[]) => {
    let a = 0;
    for (const i of ids) for (const t of yrs) a += Y[i][times.indexOf(t)];
    return a / (ids.length * yrs.length);
  };
  const did = (tr: number[], co: number[], post: number[], pre: number[]) => ybar(tr, post) - ybar(tr, pre) - (ybar(co, post) - ybar(co, pre));
  const groups = [...new Set(G)].filter((g) => g > 0).sort((a, b) => a - b);
  const share = (g: number) => members(g).length / N;
  const Dbar = (g: number) => times.filter((t) => t >= g).length / T;
  const U = members(0);
  const nU = U.length / N;
  const comps: BaconComponent[] = [];
  for (const g of groups) {
    if (!U.length || Dbar(g) === 1) continue;
    const nk = share(g);
    const nkU = nk / (nk + nU);
    const w = ((nk + nU) ** 2 * nkU * (1 - nkU) * Dbar(g) * (1 - Dbar(g))) / VD;
    comps.push({ type: "treated_vs_never", treated: g, control: 0, weight: w, estimate: did(members(g), U, times.filter((t) => t >= g), times.filter((t) => t < g)) });
  }
  for (const gk of groups)
    for (const gl of groups) {
      if (!(gk < gl)) continue;
      const k = members(gk), l = members(gl);
      const nk = share(gk), nl = share(gl);
      const nkl = nk / (nk + nl);
      const Dk = Dbar(gk), Dl = Dbar(gl);
      if (Dk < 1) {
        const w1 = (((nk + nl) * (1 - Dl)) ** 2 * nkl * (1 - nkl) * ((Dk - Dl) / (1 - Dl)) * ((1 - Dk) / (1 - Dl))) / VD;
        const win = times.filter((t) => t < gl);
        comps.push({ type: "earlier_vs_later", treated: gk, control: gl, weight: w1, estimate: did(k, l, win.filter((t) => t >= gk), win.filter((t) => t < gk)) });
      }
      const w2 = (((nk + nl) * Dk) ** 2 * nkl * (1 - nkl) * (Dl / Dk) * ((Dk - Dl) / Dk)) / VD;
      const win = times.filter((t) => t >= gk);
      comps.push({ type: "later_vs_earlier", treated: gl, control: gk, weight: w2, estimate: did(l, k, win.filter((t) => t >= gl), win.filter((t) => t < gl)) });
    }
  // TWFE coefficient from the within transformation (balanced: closed form)
  let num = 0, den = 0;
  const yr = Y.map((r) => r.reduce((a, b) => a + b, 0) / T);
  const yc = times.map((_, j) => Y.reduce((a, r) => a + r[j], 0) / N);
  const yg = yr.reduce((a, b) => a + b, 0) / N;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < T; j++) {
      const d = Dm[i][j] - rm[i] - cm[j] + gm;
      num += d * (Y[i][j] - yr[i] - yc[j] + yg);
      den += d * d;
    }
  const summary = (["treated_vs_never", "earlier_vs_later", "later_vs_earlier"] as const).map((type) => {
    const c = comps.filter((z) => z.type === type);
    const w = c.reduce((a, z) => a + z.weight, 0);
    return { type, weight: w, estimate: w ? c.reduce((a, z) => a + z.weight * z.estimate, 0) / w : NaN };
  });
  return { components: comps, twfe: num / den, summary };
}
