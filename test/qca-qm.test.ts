import { describe, expect, it } from "vitest";
import { createRng } from "kernel-lib";
import { Cube, quineMcCluskey } from "../kernel-lib/src/qca/boolean";
import { compareCubes } from "../kernel-lib/src/qca/minimize";

// Issue 22: quineMcCluskey indexes cubes in base 3 on flat arrays. It must return the same primes in the same order
// as the method written with a Map of masks to Sets of values (the formulation it replaced, kept here as the plain
// path), for flat arrays (k ≤ 15) and for the Set fallback beyond.
function plainQuineMcCluskey(on: number[], dc: number[], k: number): Cube[] {
  const full = (1 << k) - 1;
  let level = new Map<number, Set<number>>();
  const add = (m: Map<number, Set<number>>, mask: number, value: number) => (m.get(mask) ?? m.set(mask, new Set()).get(mask)!).add(value);
  for (const r of [...on, ...dc]) add(level, full, r);
  const primes: Cube[] = [];
  while (level.size) {
    const next = new Map<number, Set<number>>();
    for (const [mask, values] of level) {
      const merged = new Set<number>();
      for (const value of values) {
        let m = mask;
        while (m) {
          const bit = m & -m;
          m ^= bit;
          if (values.has(value ^ bit)) {
            merged.add(value);
            add(next, mask & ~bit, value & ~bit);
          }
        }
      }
      for (const value of values) if (!merged.has(value)) primes.push({ mask, value });
    }
    level = next;
  }
  return primes.filter((p) => on.some((r) => (r & p.mask) === p.value));
}

function randomRows(rng: ReturnType<typeof createRng>, k: number, share: number): { on: number[]; dc: number[] } {
  const on: number[] = [], dc: number[] = [];
  for (let r = 0; r < 1 << k; r++) {
    const u = rng.uniform();
    if (u < share) on.push(r);
    else if (u < 2 * share) dc.push(r);
  }
  // rows in a shuffled order with repeats, as truth tables and easy counterfactuals can list them
  const shuffle = (a: number[]) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rng.uniform() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
  return { on: shuffle([...on, ...on.slice(0, 2)]), dc: shuffle(dc) };
}

describe("quineMcCluskey on base-3 indices", () => {
  it("same primes in the same order as the Map/Set formulation (random ON and don't-care rows, k = 1..9)", () => {
    const rng = createRng(22, "qm-test");
    for (let trial = 0; trial < 60; trial++) {
      const k = 1 + (trial % 9);
      const { on, dc } = randomRows(rng, k, 0.1 + 0.3 * rng.uniform());
      expect(quineMcCluskey(on, dc, k)).toEqual(plainQuineMcCluskey(on, dc, k));
    }
  });

  it("the same beyond 15 conditions (Set fallback)", () => {
    const rng = createRng(23, "qm-test");
    const k = 16;
    const on = Array.from({ length: 40 }, () => Math.floor(rng.uniform() * (1 << k)));
    // neighbours of ON rows, so that merges happen
    const dc = on.flatMap((r) => [r ^ 1, r ^ 4, r ^ (1 << 15)]);
    expect(quineMcCluskey(on, dc, k)).toEqual(plainQuineMcCluskey(on, dc, k));
  });

  it("compareCubes: fewer literals first, then absent < present < not in the term, condition by condition", () => {
    const k = 3;
    const cubes: Cube[] = [{ mask: 0b111, value: 0b101 }, { mask: 0b100, value: 0 }, { mask: 0b110, value: 0b010 }, { mask: 0b110, value: 0b100 }, { mask: 0b001, value: 1 }];
    const sorted = [...cubes].sort((a, b) => compareCubes(a, b, k));
    expect(sorted).toEqual([{ mask: 0b100, value: 0 }, { mask: 0b001, value: 1 }, { mask: 0b110, value: 0b010 }, { mask: 0b110, value: 0b100 }, { mask: 0b111, value: 0b101 }]);
  });
});
