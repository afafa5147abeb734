/**
 * The one seeded pseudo-random generator every stochastic routine in regionlab uses.
 *
 * Algorithm: MT19937 (Matsumoto & Nishimura 1998), seeded with `init_genrand`, exactly as NumPy's legacy
 * `numpy.random.RandomState(seed)` seeds it. We chose it so that any synthetic panel, bootstrap or
 * permutation draw can be re-created outside regionlab: `uniform()` equals `RandomState(seed).random_sample()`,
 * `normal()` equals `RandomState(seed).standard_normal()` (the polar Box–Muller method with a cached second
 * deviate), `integer(lo, hi)` equals `RandomState(seed).randint(lo, hi)` and `shuffle` equals
 * `RandomState(seed).shuffle` (golden tests in test/reference/rng).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Seeds every generator created in a notebook; printed so a reader can re-run a result. */
export interface SeedRecord {
  label: string;
  seed: number;
}

const seedLog: SeedRecord[] = [];

/** Seeds handed out so far in this process, in order (notebooks print them). */
export function seedsUsed(): readonly SeedRecord[] {
  return seedLog;
}

export class Rng {
  private readonly mt = new Uint32Array(N);
  private mti = N + 1;
  private gaussCache: number | null = null;
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`rng: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    }
    this.seed = seed;
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 * prev mod 2^32, split to stay inside double precision.
      this.mt[i] = ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i;
    }
    this.mti = N;
  }

  /** Next raw 32-bit output (genrand_int32). */
  uint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform on [0, 1) with 53-bit resolution (genrand_res53, NumPy's random_sample). */
  uniform(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal deviate by the polar method (NumPy legacy `standard_normal`). */
  normal(mean = 0, sd = 1): number {
    if (this.gaussCache !== null) {
      const g = this.gaussCache;
      this.gaussCache = null;
      return mean + sd * g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.uniform() - 1;
      x2 = 2 * this.uniform() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gaussCache = f * x1;
    return mean + sd * f * x2;
  }

  /** Uniform integer in [0, max] by masked rejection (NumPy's `random_interval`). */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError("rng: integer range above 2^32 is not supported");
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do {
      v = (this.uint32() & mask) >>> 0;
    } while (v > max);
    return v;
  }

  /** Uniform integer in [low, high) (NumPy `randint(low, high)`). */
  integer(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new RangeError(`rng.integer: need integers low < high, got [${low}, ${high})`);
    }
    return low + this.interval(high - low - 1);
  }

  /** In-place Fisher–Yates shuffle in NumPy's order (from the last element down). */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
    return xs;
  }

  /** A random permutation of 0..n-1 (NumPy `permutation(n)`). */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** `n` draws from `xs` with replacement (bootstrap resampling). */
  sampleWithReplacement<T>(xs: readonly T[], n = xs.length): T[] {
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = xs[this.integer(0, xs.length)];
    return out;
  }

  /** Fill a Float64Array with standard normals. */
  normals(n: number, mean = 0, sd = 1): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, sd);
    return out;
  }

  /** Fill a Float64Array with uniforms on [lo, hi). */
  uniforms(n: number, lo = 0, hi = 1): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }
}

/**
 * Create a generator and record its seed under a label, so `seedsUsed()` (and the notebook's seeds line)
 * lists every seed a result depends on.
 */
export function createRng(seed: number, label = "rng"): Rng {
  const r = new Rng(seed);
  seedLog.push({ label, seed });
  return r;
}

/**
 * One line for the notebook: "seeds: synthetic-panel=20260117, placebo=42 (×6)"; a seed handed out again
 * under the same label (a routine called in a loop) is listed once with its count.
 */
export function formatSeeds(records: readonly SeedRecord[] = seedLog): string {
  if (records.length === 0) return "seeds: none used";
  const counts = new Map<string, number>();
  for (const r of records) counts.set(`${r.label}=${r.seed}`, (counts.get(`${r.label}=${r.seed}`) ?? 0) + 1);
  return "seeds: " + [...counts].map(([k, n]) => (n > 1 ? `${k} (×${n})` : k)).join(", ");
}
export { calibratedPanelVariable } from "./synthetic";
export type { CalibratedVariableOptions } from "./synthetic";
