/**
 * Boolean minimisation for QCA: prime implicants and the prime-implicant chart.
 *
 * Rows are integers (bit k−1−j is condition j, so row number = value + 1 as in R QCA). An implicant is a cube
 * { mask, value }: bit set in mask = the condition is fixed to the bit in value; row r lies in the cube when
 * (r & mask) === value.
 *
 * Prime implicants (exact):
 *  - `quineMcCluskey(on, dc, k)`: the classic Quine–McCluskey merging of ON ∪ DC minterms (McCluskey 1956),
 *    keeping the primes that cover at least one ON minterm. Used whenever ON ∪ DC has at most 2^16 rows.
 *  - `primesAgainstOff(on, off, k)`: for parsimonious solutions with many conditions (every remainder a
 *    don't-care, so ON ∪ DC would be 2^k rows), the primes are found directly as the minimal cubes, drawn
 *    from the literals of ON rows, that contain no OFF row, searched by increasing number of literals (the
 *    idea of Dusa's Consistency Cubes). It returns the same set as QM on ON ∪ (all rows − OFF).
 *
 * PI chart (exact, with a documented heuristic for large problems): essential PIs are taken first, then all
 * covers with the minimum number of PIs are enumerated by branching on the uncovered column with the fewest
 * covering PIs (iterative deepening). When that search exceeds `maxNodes` (default 2 000 000) the chart is
 * declared too complex and ONE cover is returned by Chvátal's greedy set-cover heuristic (each step takes the
 * PI covering most uncovered columns, ties to fewer literals, then chart order), followed by removing redundant
 * PIs; the result is flagged `heuristic: true` and need not be minimal.
 */

export interface Cube {
  mask: number;
  value: number;
}

export const popcount = (v: number): number => {
  let c = 0;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
};

export const covers = (c: Cube, row: number): boolean => (row & c.mask) === c.value;

/** c1 ⊆ c2 as sets of rows (c2 has a subset of c1's literals, with the same values). */
export const cubeWithin = (c1: Cube, c2: Cube): boolean => (c1.mask & c2.mask) === c2.mask && (c1.value & c2.mask) === c2.value;

export function quineMcCluskey(on: number[], dc: number[], k: number): Cube[] {
  const full = (1 << k) - 1;
  // A cube is indexed in base 3 (digit b: 0 or 1 = the bit's value, 2 = bit b free), so membership and merge
  // flags are flat arrays (a Set of indices beyond 3^15 cubes). Levels (cubes with the same number of literals)
  // never share an index. Cubes are kept grouped by mask in first-insertion order, values in insertion order,
  // as the Map/Set formulation of the method lists them.
  const flat = k <= 15;
  const present = flat ? new Uint8Array(3 ** k) : null, merged = flat ? new Uint8Array(3 ** k) : null;
  const presentSet = new Set<number>(), mergedSet = new Set<number>();
  const pow3 = Array.from({ length: k }, (_, b) => 3 ** b);
  const has = (i: number) => (present ? present[i] === 1 : presentSet.has(i));
  // per mask: its cubes as value, index pairs
  type Level = { masks: number[]; cubes: Map<number, number[]> };
  const add = (lv: Level, mask: number, value: number, idx: number) => {
    if (has(idx)) return;
    if (present) present[idx] = 1;
    else presentSet.add(idx);
    let vs = lv.cubes.get(mask);
    if (!vs) lv.cubes.set(mask, (vs = [])), lv.masks.push(mask);
    vs.push(value, idx);
  };
  let level: Level = { masks: [], cubes: new Map() };
  for (const r of [...on, ...dc]) {
    let idx = 0;
    for (let b = 0; b < k; b++) if (r & (1 << b)) idx += pow3[b];
    add(level, full, r, idx);
  }
  const primes: Cube[] = [];
  while (level.masks.length) {
    const next: Level = { masks: [], cubes: new Map() };
    for (const mask of level.masks) {
      const vs = level.cubes.get(mask)!;
      for (let c = 0; c < vs.length; c += 2) {
        const value = vs[c], idx = vs[c + 1];
        let m = mask;
        while (m) {
          const bit = m & -m;
          m ^= bit;
          const b = 31 - Math.clz32(bit);
          const on1 = (value & bit) !== 0;
          if (has(on1 ? idx - pow3[b] : idx + pow3[b])) {
            if (merged) merged[idx] = 1;
            else mergedSet.add(idx);
            add(next, mask & ~bit, value & ~bit, idx + (on1 ? pow3[b] : 2 * pow3[b]));
          }
        }
      }
      for (let c = 0; c < vs.length; c += 2) if (!(merged ? merged[vs[c + 1]] === 1 : mergedSet.has(vs[c + 1]))) primes.push({ mask, value: vs[c] });
    }
    level = next;
  }
  return primes.filter((p) => on.some((r) => covers(p, r)));
}

/** Primes of ON ∪ (everything not OFF) that cover at least one ON row (exact; for many conditions). */
export function primesAgainstOff(on: number[], off: number[], k: number): Cube[] {
  const primes: Cube[] = [];
  const onSet = [...new Set(on)];
  const offArr = [...new Set(off)];
  // enumerate condition subsets by size; for each, the distinct value patterns of ON rows on that subset
  const combos = function* (n: number, r: number): Generator<number[]> {
    const idx = Array.from({ length: r }, (_, i) => i);
    if (r > n) return;
    while (true) {
      yield idx.slice();
      let i = r - 1;
      while (i >= 0 && idx[i] === n - r + i) i--;
      if (i < 0) return;
      idx[i]++;
      for (let j = i + 1; j < r; j++) idx[j] = idx[j - 1] + 1;
    }
  };
  for (let size = 1; size <= k; size++) {
    for (const cs of combos(k, size)) {
      const mask = cs.reduce((m, j) => m | (1 << (k - 1 - j)), 0);
      const seen = new Set<number>();
      for (const r of onSet) {
        const value = r & mask;
        if (seen.has(value)) continue;
        seen.add(value);
        const c = { mask, value };
        if (primes.some((p) => cubeWithin(c, p))) continue; // a sub-cube of a prime is not prime
        if (offArr.some((o) => covers(c, o))) continue;
        primes.push(c);
      }
    }
  }
  return primes;
}

export interface ChartSolution {
  /** Indices into the PI list, for each minimal cover. */
  covers: number[][];
  essential: number[];
  heuristic: boolean;
  /** True when more minimal covers exist than `maxModels` allowed to list. */
  truncated: boolean;
}

/** Solve the PI chart: all minimum covers of the ON columns (exact), or a greedy cover past maxNodes. */
export function solveChart(pis: Cube[], on: number[], maxNodes = 2_000_000, maxModels = Infinity): ChartSolution {
  const cols = [...new Set(on)];
  const coverers = cols.map((r) => pis.map((p, i) => (covers(p, r) ? i : -1)).filter((i) => i >= 0));
  if (coverers.some((c) => !c.length)) throw new Error("PI chart: a positive row is covered by no prime implicant");
  const essential = [...new Set(coverers.filter((c) => c.length === 1).map((c) => c[0]))].sort((a, b) => a - b);
  const remaining = cols.map((_, j) => j).filter((j) => !coverers[j].some((i) => essential.includes(i)));
  if (!remaining.length) return { covers: [essential], essential, heuristic: false, truncated: false };
  const candidates = [...new Set(remaining.flatMap((j) => coverers[j]))];
  const covSet = new Map(candidates.map((i) => [i, new Set(remaining.filter((j) => coverers[j].includes(i)))]));
  let nodes = 0;
  let aborted = false;
  let truncated = false;
  const found = new Map<string, number[]>();
  const search = (uncovered: number[], chosen: number[], depth: number, collect: boolean): boolean => {
    if (++nodes > maxNodes) {
      aborted = true;
      return false;
    }
    if (!uncovered.length) {
      if (collect) {
        const s = [...chosen].sort((a, b) => a - b);
        if (found.size >= maxModels && !found.has(s.join(","))) {
          // Enough tied models listed: stop the search and say so.
          truncated = true;
          return false;
        }
        found.set(s.join(","), s);
      }
      return true;
    }
    if (chosen.length >= depth) return false;
    let best = uncovered[0];
    for (const j of uncovered) if (coverers[j].length < coverers[best].length) best = j;
    let any = false;
    for (const i of coverers[best]) {
      if (chosen.includes(i)) continue;
      const s = covSet.get(i)!;
      const ok = search(
        uncovered.filter((j) => !s.has(j)),
        [...chosen, i],
        depth,
        collect,
      );
      if (aborted || truncated) return false;
      if (ok) {
        any = true;
        if (!collect) return true;
      }
    }
    return any;
  };
  let depth = 1;
  while (depth <= candidates.length && !search(remaining, [], depth, false)) {
    if (aborted) break;
    depth++;
  }
  if (!aborted) {
    nodes = 0;
    search(remaining, [], depth, true);
  }
  if (aborted) {
    // greedy heuristic (Chvátal), then drop redundant PIs
    const chosen: number[] = [];
    let unc = new Set(remaining);
    while (unc.size) {
      let best = -1,
        bestGain = -1;
      for (const i of candidates) {
        const gain = [...covSet.get(i)!].filter((j) => unc.has(j)).length;
        if (gain > bestGain || (gain === bestGain && popcount(pis[i].mask) < popcount(pis[best].mask))) {
          best = i;
          bestGain = gain;
        }
      }
      chosen.push(best);
      unc = new Set([...unc].filter((j) => !covSet.get(best)!.has(j)));
    }
    for (const i of [...chosen]) {
      const rest = chosen.filter((c) => c !== i);
      if (remaining.every((j) => rest.some((c) => covSet.get(c)!.has(j)))) chosen.splice(chosen.indexOf(i), 1);
    }
    return { covers: [[...essential, ...chosen.sort((a, b) => a - b)]], essential, heuristic: true, truncated: false };
  }
  return { covers: [...found.values()].map((s) => [...essential, ...s]), essential, heuristic: false, truncated };
}
