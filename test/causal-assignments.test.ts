import { describe, expect, it } from "vitest";
import { createRng } from "../kernel-lib/src/rng";
import { demean, Factor } from "../kernel-lib/src/panel";
import { crossprod, invSPD } from "../kernel-lib/src/core/linalg";
import { AssignmentPayload, makeAssignmentBeta, residualize } from "../kernel-lib/src/causal/assignments";
import { twoWayDemeaner } from "../kernel-lib/src/causal/did";

// The balanced panel's fused draw (placebo, exact randomization) must equal the plain steps bit for bit.
describe("assignment β*: the fused balanced loop equals demean + residualize", () => {
  it("random balanced panels with 0–3 covariates", () => {
    const rng = createRng(29, "assignments");
    for (const k of [0, 1, 3]) {
      const nU = 17, nT = 9, n = nU * nT;
      const uCodes = Int32Array.from({ length: n }, (_, i) => Math.floor(i / nT));
      const tCodes = Int32Array.from({ length: n }, (_, i) => i % nT);
      const fes: Factor[] = [
        { name: "u", codes: uCodes, nLevels: nU, levels: [] },
        { name: "t", codes: tCodes, nLevels: nT, levels: [] },
      ];
      const y = Float64Array.from({ length: n }, () => rng.normal());
      const W = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => rng.normal()));
      const dm = demean([y, ...W], fes);
      const Wt = dm.cols.slice(1);
      const M = k ? invSPD(crossprod(Wt), k, "W") : new Float64Array(0);
      const vals = [0, 2003, 2005, 2006];
      const draws = 25;
      const codes = Uint16Array.from({ length: draws * nU }, () => rng.integer(0, vals.length));
      const time = Float64Array.from(tCodes, (t) => 2001 + t);
      const p: AssignmentPayload = { fes, uCodes, tCodes, nU, nT, yt: dm.cols[0], Wt, M, time, vals, codes };
      const fused = makeAssignmentBeta(p);
      const demeanD = twoWayDemeaner(fes, uCodes, tCodes, nU, nT);
      for (let a = 0; a < draws; a++) {
        const d = Float64Array.from({ length: n }, (_, i) => {
          const g = vals[codes[a * nU + uCodes[i]]];
          return g > 0 && time[i] >= g ? 1 : 0;
        });
        const r = residualize(demeanD(d), Wt, M);
        let num = 0;
        let den = 0;
        for (let i = 0; i < n; i++) (num += r[i] * dm.cols[0][i]), (den += r[i] * r[i]);
        expect(fused(a)).toBe(den > 0 ? num / den : NaN);
      }
    }
  });
});
