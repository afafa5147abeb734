import { describe, expect, it } from "vitest";
import { createRng, loadPublished } from "kernel-lib";
import { CONDITIONS, N_CASES, SwapLoss, annealLoss, annealParts } from "../data/digital-agri-fsqca/generator";
import { generatorTargets } from "../data/digital-agri-fsqca/study";

// digital-agri-fsqca's generator (issue 22): the annealing's incremental loss (SwapLoss, which recomputes only the two
// swapped cases) must equal the loss computed from scratch bit for bit after every swap, accepted or undone, or the
// seeded draw (pinned by the notebook's snapshot) would change.
const ANCHORS: Record<string, number[]> = {
  DA: [14.646, 17.661, 23.452], DM: [107.285, 112.545, 124.108], C: [60.018, 64.985, 68.675],
  G: [20.805, 33.76, 53.075], A: [81.73, 90.51, 95.1], S: [7, 8, 9], E: [37471.5, 48610, 70759.5],
  SC: [49.795, 88.1, 160.3], Y: [0.464, 0.716, 1],
};

function randomMemberships(seed: number) {
  const rng = createRng(seed, "swap-loss-test");
  const mem: Record<string, Float64Array> = {};
  for (const v of [...CONDITIONS, "Y"]) {
    // some values on a coarse grid, so that ties, equal swaps and memberships of exactly 0.5 occur
    mem[v] = Float64Array.from({ length: N_CASES }, () => (rng.uniform() < 0.3 ? Math.round(rng.uniform() * 10) / 10 : rng.uniform()));
  }
  return { rng, mem };
}

describe("digital-agri-fsqca generator: incremental annealing loss", () => {
  const targets = generatorTargets(loadPublished("digital-agri-fsqca"), ANCHORS);

  for (const rowCut of [0.67, 0.8, 0]) {
    it(`equals the loss from scratch after every swap (rowCut ${rowCut})`, () => {
      const { rng, mem } = randomMemberships(rowCut === 0.67 ? 11 : rowCut === 0.8 ? 12 : 13);
      const loss = new SwapLoss(targets, mem, rowCut);
      expect(loss.value()).toBe(annealLoss(annealParts(targets, mem, rowCut)));
      for (let step = 0; step < 600; step++) {
        const ci = Math.floor(rng.uniform() * CONDITIONS.length);
        const a = Math.floor(rng.uniform() * N_CASES);
        const b = (a + 1 + Math.floor(rng.uniform() * (N_CASES - 1))) % N_CASES;
        loss.swap(ci, a, b);
        // swap() changed mem in place: the plain loss reads the same memberships
        expect(loss.value()).toBe(annealLoss(annealParts(targets, mem, rowCut)));
        if (rng.uniform() < 0.7) {
          loss.swap(ci, a, b); // undone, as a rejected step
          if (step % 7 === 0) expect(loss.value()).toBe(annealLoss(annealParts(targets, mem, rowCut)));
        }
      }
    });
  }

  it("names a condition the targets use that the generator does not know", () => {
    const { mem } = randomMemberships(14);
    const bad = { ...targets, necessity: [{ ...targets.necessity[0], condition: "~XX" }] };
    expect(() => new SwapLoss(bad, mem, 0.67)).toThrow(/unknown condition "XX"/);
  });
});
