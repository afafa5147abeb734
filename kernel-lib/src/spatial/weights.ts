/**
 * Spatial weights matrices: a compressed-row (CSR) store with unit ids, builders (contiguity from polygons,
 * k nearest neighbours, distance bands, inverse and inverse squared distance, the economic-geographic nested
 * matrix), row-standardisation, island and asymmetry checks, and dense-CSV / edge-list input and output.
 *
 * Conventions follow spdep: contiguity counts shared boundary vertices within a snap tolerance (queen: at least
 * one, rook: at least two, as poly2nb); kNN ties are broken by the lower unit index; the diagonal is zero.
 */
import * as fs from "fs";
import { DataError } from "../data/errors";
import { parseCsvText } from "../data/table";
import { FeatureCollection, GeoFeature } from "../geo";
import { Dense, dense } from "../core/linalg";

export class SpatialWeights {
  readonly ids: string[];
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;

  constructor(ids: readonly string[], rowPtr: Int32Array, col: Int32Array, val: Float64Array) {
    this.ids = ids.slice();
    this.n = ids.length;
    if (rowPtr.length !== this.n + 1) throw new Error("SpatialWeights: rowPtr length must be n + 1");
    this.rowPtr = rowPtr;
    this.col = col;
    this.val = val;
    const seen = new Set<string>();
    for (const id of this.ids) {
      if (seen.has(id)) throw new Error(`SpatialWeights: duplicate unit id "${id}"`);
      seen.add(id);
    }
  }

  /** From neighbour lists (0-based indices) and optional weights (default 1). Self-links are dropped. */
  static fromNeighbours(ids: readonly string[], nb: readonly (readonly number[])[], w?: readonly (readonly number[])[]): SpatialWeights {
    const n = ids.length;
    const rowPtr = new Int32Array(n + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      const pairs = nb[i].map((j, k) => [j, w ? w[i][k] : 1] as [number, number]).filter(([j, v]) => j !== i && v !== 0);
      pairs.sort((a, b) => a[0] - b[0]);
      for (const [j, v] of pairs) {
        cols.push(j);
        vals.push(v);
      }
      rowPtr[i + 1] = cols.length;
    }
    return new SpatialWeights(ids, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
  }

  /** From a dense matrix (array of rows or Dense); zeros are not stored. The diagonal is kept if nonzero. */
  static fromDense(ids: readonly string[], m: readonly (readonly number[])[] | Dense): SpatialWeights {
    const n = ids.length;
    const get = Array.isArray(m) ? (i: number, j: number) => (m as number[][])[i][j] : (i: number, j: number) => (m as Dense).data[i * n + j];
    const rowPtr = new Int32Array(n + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = get(i, j);
        if (v !== 0) {
          cols.push(j);
          vals.push(v);
        }
      }
      rowPtr[i + 1] = cols.length;
    }
    return new SpatialWeights(ids, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
  }

  get nnz(): number {
    return this.col.length;
  }

  toDense(): Dense {
    const d = dense(this.n, this.n);
    for (let i = 0; i < this.n; i++) for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) d.data[i * this.n + this.col[p]] = this.val[p];
    return d;
  }

  toArray(): number[][] {
    const d = this.toDense();
    return Array.from({ length: this.n }, (_, i) => Array.from(d.data.subarray(i * this.n, (i + 1) * this.n)));
  }

  /** Spatial lag W x. */
  lag(x: ArrayLike<number>, out = new Float64Array(this.n)): Float64Array {
    for (let i = 0; i < this.n; i++) {
      let s = 0;
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) s += this.val[p] * x[this.col[p]];
      out[i] = s;
    }
    return out;
  }

  /** W' x. */
  lagT(x: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) out[this.col[p]] += this.val[p] * x[i];
    return out;
  }

  rowSums(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) out[i] += this.val[p];
    return out;
  }

  colSums(): Float64Array {
    const out = new Float64Array(this.n);
    for (let p = 0; p < this.nnz; p++) out[this.col[p]] += this.val[p];
    return out;
  }

  /** Neighbour indices of unit i. */
  neighbours(i: number): number[] {
    return Array.from(this.col.subarray(this.rowPtr[i], this.rowPtr[i + 1]));
  }

  /** Each row divided by its sum (rows of islands stay zero). */
  rowStandardize(): SpatialWeights {
    const rs = this.rowSums();
    const val = new Float64Array(this.nnz);
    for (let i = 0; i < this.n; i++) for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) val[p] = rs[i] === 0 ? 0 : this.val[p] / rs[i];
    return new SpatialWeights(this.ids, this.rowPtr.slice(), this.col.slice(), val);
  }

  /** True when every non-island row sums to 1 (within tol). */
  isRowStandardized(tol = 1e-10): boolean {
    const rs = this.rowSums();
    return rs.every((s) => s === 0 || Math.abs(s - 1) <= tol);
  }

  /** Ids of units without neighbours. */
  islands(): string[] {
    const out: string[] = [];
    const rs = this.rowSums();
    for (let i = 0; i < this.n; i++) if (this.rowPtr[i + 1] === this.rowPtr[i] || rs[i] === 0) out.push(this.ids[i]);
    return out;
  }

  /** Pairs (i, j) where w_ij differs from w_ji by more than tol. */
  asymmetries(tol = 1e-12): { from: string; to: string; wij: number; wji: number }[] {
    const d = this.toDense();
    const n = this.n;
    const out: { from: string; to: string; wij: number; wji: number }[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const a = d.data[i * n + j];
        const b = d.data[j * n + i];
        if (Math.abs(a - b) > tol) out.push({ from: this.ids[i], to: this.ids[j], wij: a, wji: b });
      }
    return out;
  }

  isSymmetric(tol = 1e-12): boolean {
    return this.asymmetries(tol).length === 0;
  }

  /** Neighbour structure symmetric (w_ij > 0 iff w_ji > 0), as for row-standardised contiguity or distance bands. */
  hasSymmetricStructure(): boolean {
    const d = this.toDense();
    const n = this.n;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((d.data[i * n + j] !== 0) !== (d.data[j * n + i] !== 0)) return false;
    return true;
  }

  /** S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ (w_i. + w_.i)² (Cliff–Ord constants). */
  constants(): { s0: number; s1: number; s2: number } {
    const d = this.toDense();
    const n = this.n;
    let s0 = 0, s1 = 0, s2 = 0;
    const rs = this.rowSums();
    const cs = this.colSums();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = d.data[i * n + j];
        s0 += a;
        const b = a + d.data[j * n + i];
        s1 += b * b;
      }
      s2 += (rs[i] + cs[i]) ** 2;
    }
    return { s0, s1: s1 / 2, s2 };
  }

  /** Weights permuted to the order of `ids` (every id must be a unit of W; extra units of W are an error). */
  reorder(ids: readonly string[], source = "weights"): SpatialWeights {
    return alignWeights(this, ids, source);
  }

  /** Sparse matrix–matrix product W·M for dense M (n×k, row-major). */
  lagColumns(M: Dense): Dense {
    const k = M.cols;
    const out = dense(this.n, k);
    for (let i = 0; i < this.n; i++)
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
        const v = this.val[p];
        const o = this.col[p] * k;
        for (let a = 0; a < k; a++) out.data[i * k + a] += v * M.data[o + a];
      }
    return out;
  }
}

/**
 * Check that the weights' unit ids are exactly the data's ids (possibly in another order) and return W in the
 * data's order. A mismatch is a DataError naming the weights file and the first offending id.
 */
export function alignWeights(w: SpatialWeights, ids: readonly string[], source = "weights"): SpatialWeights {
  const pos = new Map(w.ids.map((id, i) => [id, i]));
  const dataSet = new Set<string>();
  ids.forEach((id, r) => {
    if (dataSet.has(id)) throw new DataError([{ file: source, row: r + 1, value: id, expected: "each unit once in the data order for the weights matrix" }]);
    dataSet.add(id);
  });
  const missing = ids.find((id) => !pos.has(id));
  if (missing !== undefined) throw new DataError([{ file: source, row: 0, column: missing, value: missing, expected: `a weights column for every data unit; unit "${missing}" of the data is not in the weights header (weights ids: ${w.ids.slice(0, 6).join(", ")}${w.n > 6 ? ", …" : ""})` }]);
  const extra = w.ids.find((id) => !dataSet.has(id));
  if (extra !== undefined) throw new DataError([{ file: source, row: 0, column: extra, value: extra, expected: `only units present in the data; weights unit "${extra}" has no data row` }]);
  const idx = ids.map((id) => pos.get(id)!);
  if (idx.every((v, i) => v === i)) return w;
  const inv = new Int32Array(w.n);
  idx.forEach((old, nw) => (inv[old] = nw));
  const nb: number[][] = [];
  const vv: number[][] = [];
  for (let r = 0; r < ids.length; r++) {
    const old = idx[r];
    const a: number[] = [];
    const b: number[] = [];
    for (let p = w.rowPtr[old]; p < w.rowPtr[old + 1]; p++) {
      a.push(inv[w.col[p]]);
      b.push(w.val[p]);
    }
    nb.push(a);
    vv.push(b);
  }
  return SpatialWeights.fromNeighbours(ids, nb, vv);
}

// ---------------------------------------------------------------- point-based builders

export type SpatialPoint = readonly [number, number];
export type Metric = "euclidean" | "greatCircle";

/** Distance between points: planar Euclidean, or great-circle kilometres on a sphere of radius 6371 km (lon, lat in degrees). */
export function distance(a: SpatialPoint, b: SpatialPoint, metric: Metric = "euclidean"): number {
  if (metric === "euclidean") return Math.hypot(a[0] - b[0], a[1] - b[1]);
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface PointWeightsOptions {
  metric?: Metric;
  /** Row-standardise the result (default false: builders return the raw matrix). */
  rowStandardize?: boolean;
}

function finish(w: SpatialWeights, opts: PointWeightsOptions): SpatialWeights {
  return opts.rowStandardize ? w.rowStandardize() : w;
}

function checkPoints(ids: readonly string[], pts: readonly SpatialPoint[]): void {
  if (ids.length !== pts.length) throw new Error(`weights: ${ids.length} ids but ${pts.length} points`);
  pts.forEach((p, i) => {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new Error(`weights: coordinates of unit "${ids[i]}" are not finite`);
  });
}

/** k nearest neighbours (binary, asymmetric in general). Ties broken by the lower index. */
export function knnWeights(ids: readonly string[], pts: readonly SpatialPoint[], k: number, opts: PointWeightsOptions = {}): SpatialWeights {
  checkPoints(ids, pts);
  const n = ids.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new RangeError(`knnWeights: k must be an integer in [1, ${n - 1}], got ${k}`);
  const metric = opts.metric ?? "euclidean";
  const nb: number[][] = [];
  if (metric === "euclidean" && n > 400) {
    // grid bucketing: expand rings of cells until k neighbours are certainly found
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const p of pts) {
      minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
    }
    const g = Math.max(1, Math.floor(Math.sqrt(n / 2)));
    const cw = Math.max((maxX - minX) / g, (maxY - minY) / g, 1e-12);
    const cell = (x: number, y: number) => [Math.min(g - 1, Math.floor((x - minX) / cw)), Math.min(g - 1, Math.floor((y - minY) / cw))];
    const buckets: number[][] = Array.from({ length: g * g }, () => []);
    pts.forEach((p, i) => {
      const [cx, cy] = cell(p[0], p[1]);
      buckets[cy * g + cx].push(i);
    });
    for (let i = 0; i < n; i++) {
      const [cx, cy] = cell(pts[i][0], pts[i][1]);
      let cand: { j: number; d: number }[] = [];
      for (let r = 0; ; r++) {
        cand = [];
        for (let y = Math.max(0, cy - r); y <= Math.min(g - 1, cy + r); y++)
          for (let x = Math.max(0, cx - r); x <= Math.min(g - 1, cx + r); x++) for (const j of buckets[y * g + x]) if (j !== i) cand.push({ j, d: distance(pts[i], pts[j]) });
        cand.sort((a, b) => a.d - b.d || a.j - b.j);
        // all points within distance r*cw are inside the searched square
        if ((cand.length >= k && cand[k - 1].d <= r * cw) || r > g) break;
      }
      nb.push(cand.slice(0, k).map((c) => c.j));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d: { j: number; d: number }[] = [];
      for (let j = 0; j < n; j++) if (j !== i) d.push({ j, d: distance(pts[i], pts[j], metric) });
      d.sort((a, b) => a.d - b.d || a.j - b.j);
      nb.push(d.slice(0, k).map((c) => c.j));
    }
  }
  return finish(SpatialWeights.fromNeighbours(ids, nb), opts);
}

/** Binary distance band: neighbours when lower < d ≤ upper (spdep dnearneigh). */
export function distanceBandWeights(ids: readonly string[], pts: readonly SpatialPoint[], upper: number, opts: PointWeightsOptions & { lower?: number } = {}): SpatialWeights {
  checkPoints(ids, pts);
  const lower = opts.lower ?? 0;
  const nb: number[][] = ids.map(() => []);
  for (let i = 0; i < ids.length; i++)
    for (let j = 0; j < ids.length; j++) {
      if (i === j) continue;
      const d = distance(pts[i], pts[j], opts.metric);
      if (d > lower && d <= upper) nb[i].push(j);
    }
  return finish(SpatialWeights.fromNeighbours(ids, nb), opts);
}

/**
 * Inverse distance weights w_ij = 1 / d_ij^power (power 1: inverse distance, power 2: inverse squared distance),
 * optionally only within `cutoff`. Coincident points are an error.
 */
export function inverseDistanceWeights(ids: readonly string[], pts: readonly SpatialPoint[], opts: PointWeightsOptions & { power?: number; cutoff?: number } = {}): SpatialWeights {
  checkPoints(ids, pts);
  const power = opts.power ?? 1;
  const n = ids.length;
  const nb: number[][] = ids.map(() => []);
  const w: number[][] = ids.map(() => []);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = distance(pts[i], pts[j], opts.metric);
      if (d === 0) throw new Error(`inverseDistanceWeights: units "${ids[i]}" and "${ids[j]}" have identical coordinates`);
      if (opts.cutoff !== undefined && d > opts.cutoff) continue;
      nb[i].push(j);
      w[i].push(1 / d ** power);
    }
  return finish(SpatialWeights.fromNeighbours(ids, nb, w), opts);
}

/**
 * The convex economic-geographic nesting W = φ·W_d + (1 − φ)·W_e (as in 邵帅 et al. 2016): W_d is the (row-standardised) inverse distance matrix with the given power (2: inverse
 * squared distance), W_e the (row-standardised) economic-distance matrix 1 / |ȳ_i − ȳ_j| of mean per-capita
 * GDP (or another economic variable) over the sample period. Both parts are row-standardised before nesting so
 * φ is the share of geography; the result is row-standardised unless `rowStandardize: false`.
 */
export function economicGeographicWeights(ids: readonly string[], pts: readonly SpatialPoint[], econ: ArrayLike<number>, opts: { phi?: number; power?: number; metric?: Metric; rowStandardize?: boolean } = {}): SpatialWeights {
  const phi = opts.phi ?? 0.5;
  if (!(phi >= 0 && phi <= 1)) throw new RangeError(`economicGeographicWeights: phi must be in [0, 1], got ${phi}`);
  if (econ.length !== ids.length) throw new Error("economicGeographicWeights: one economic value per unit needed");
  const wd = inverseDistanceWeights(ids, pts, { power: opts.power ?? 2, metric: opts.metric, rowStandardize: true }).toDense();
  const n = ids.length;
  const we = dense(n, n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = Math.abs(econ[i] - econ[j]);
      if (d === 0) throw new Error(`economicGeographicWeights: units "${ids[i]}" and "${ids[j]}" have identical economic values (1/0)`);
      we.data[i * n + j] = 1 / d;
      s += 1 / d;
    }
    for (let j = 0; j < n; j++) we.data[i * n + j] /= s;
  }
  const m = dense(n, n);
  for (let p = 0; p < n * n; p++) m.data[p] = phi * wd.data[p] + (1 - phi) * we.data[p];
  const w = SpatialWeights.fromDense(ids, m);
  return opts.rowStandardize === false ? w : w.rowStandardize();
}

/**
 * The economic-distance nested matrix of the digital-real-integration study, eq. (19) (after 袁华锡 et al. 2019):
 * W = W_d · diag(Ȳ_1/Ȳ, …, Ȳ_n/Ȳ), where W_d is the inverse-distance matrix with the given power (2: inverse
 * squared distance, not row-standardised before the product), Ȳ_i unit i's mean of an economic variable over the
 * sample period and Ȳ the mean over all units and periods; row-standardised afterwards unless
 * `rowStandardize: false`. Column j is scaled by j's relative economic size, so richer neighbours weigh more.
 */
export function economicDistanceNestedWeights(ids: readonly string[], pts: readonly SpatialPoint[], econMeans: ArrayLike<number>, opts: { power?: number; metric?: Metric; rowStandardize?: boolean } = {}): SpatialWeights {
  const n = ids.length;
  if (econMeans.length !== n) throw new Error("economicDistanceNestedWeights: one economic mean per unit needed");
  let grand = 0;
  for (let i = 0; i < n; i++) {
    if (!(econMeans[i] > 0)) throw new RangeError(`economicDistanceNestedWeights: unit "${ids[i]}" has a non-positive economic mean ${econMeans[i]}`);
    grand += econMeans[i] / n;
  }
  const wd = inverseDistanceWeights(ids, pts, { power: opts.power ?? 2, metric: opts.metric, rowStandardize: false }).toDense();
  const m = dense(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.data[i * n + j] = wd.data[i * n + j] * (econMeans[j] / grand);
  const w = SpatialWeights.fromDense(ids, m);
  return opts.rowStandardize === false ? w : w.rowStandardize();
}

// ---------------------------------------------------------------- contiguity from polygons

export interface ContiguityOptions {
  rule?: "queen" | "rook";
  /** Snap distance in coordinate units: vertices closer than this count as shared (poly2nb's snap). */
  tolerance?: number;
  /** Feature property holding the unit id (default: feature.id, then properties.id, properties.adcode, properties.name). */
  idProperty?: string;
  filter?: (f: GeoFeature) => boolean;
  rowStandardize?: boolean;
}

function featureId(f: GeoFeature & { id?: unknown }, prop: string | undefined, i: number): string {
  const p = f.properties ?? {};
  const v = prop ? p[prop] : f.id ?? p.id ?? p.adcode ?? p.name;
  if (v === undefined || v === null) throw new Error(`contiguityWeights: feature ${i} has no id${prop ? ` property "${prop}"` : ""}`);
  return String(v);
}

function vertices(f: GeoFeature): number[][] {
  const g = f.geometry as { type: string; coordinates: unknown };
  const rings = g.type === "Polygon" ? (g.coordinates as number[][][]) : g.type === "MultiPolygon" ? (g.coordinates as number[][][][]).flat() : [];
  if (g.type !== "Polygon" && g.type !== "MultiPolygon") throw new Error(`contiguityWeights: unsupported geometry ${g.type}`);
  return rings.flat();
}

/**
 * Queen or rook contiguity from polygons (GeoJSON FeatureCollection, e.g. readGeoJson). Two units are queen
 * neighbours when some vertex of one lies within `tolerance` of a vertex of the other; rook neighbours need at
 * least two such distinct vertices (spdep poly2nb). Returns a binary matrix (row-standardise on request).
 */
export function contiguityWeights(fc: FeatureCollection, opts: ContiguityOptions = {}): SpatialWeights {
  const rule = opts.rule ?? "queen";
  const tol = opts.tolerance ?? Math.sqrt(2.220446049250313e-16);
  const feats = opts.filter ? fc.features.filter(opts.filter) : fc.features;
  const ids = feats.map((f, i) => featureId(f, opts.idProperty, i));
  const verts = feats.map(vertices);
  const cellSize = Math.max(tol, 1e-12) * 2;
  const key = (x: number, y: number) => `${Math.floor(x / cellSize)},${Math.floor(y / cellSize)}`;
  const grid = new Map<string, { f: number; x: number; y: number }[]>();
  verts.forEach((vs, f) => {
    for (const [x, y] of vs) {
      const k = key(x, y);
      let b = grid.get(k);
      if (!b) grid.set(k, (b = []));
      b.push({ f, x, y });
    }
  });
  // for each ordered pair, distinct vertices of f matched within tol by some vertex of g
  const shared = new Map<string, Set<string>>();
  verts.forEach((vs, f) => {
    for (const [x, y] of vs) {
      const cx = Math.floor(x / cellSize);
      const cy = Math.floor(y / cellSize);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          const b = grid.get(`${cx + dx},${cy + dy}`);
          if (!b) continue;
          for (const v of b) {
            if (v.f === f) continue;
            if (Math.abs(v.x - x) <= tol && Math.abs(v.y - y) <= tol) {
              const pk = f < v.f ? `${f}|${v.f}` : `${v.f}|${f}`;
              let s = shared.get(pk);
              if (!s) shared.set(pk, (s = new Set()));
              s.add(`${f}:${x},${y}`);
            }
          }
        }
    }
  });
  const nb: number[][] = ids.map(() => []);
  for (const [pk, s] of shared) {
    const [a, b] = pk.split("|").map(Number);
    // distinct shared points seen from the lower-index feature (both directions are recorded; count per side)
    let na = 0, nbb = 0;
    for (const t of s) (t.startsWith(`${a}:`) ? na++ : nbb++);
    const count = Math.max(na, nbb);
    if (rule === "queen" ? count >= 1 : count >= 2) {
      nb[a].push(b);
      nb[b].push(a);
    }
  }
  const w = SpatialWeights.fromNeighbours(ids, nb);
  return opts.rowStandardize ? w.rowStandardize() : w;
}

// ---------------------------------------------------------------- I/O

/**
 * Read a dense weights CSV: the header holds the unit ids (optionally preceded by one label column, in which
 * case every row starts with its unit id, which must equal the header's id in that position); then n rows of
 * n numbers. Every bad cell is a DataError naming file, row and column.
 */
export function readWeightsCsv(file: string): SpatialWeights {
  if (!fs.existsSync(file)) throw new DataError([{ file, expected: "an existing weights file (not found)" }]);
  const grid = parseCsvText(fs.readFileSync(file, "utf8"), file);
  let header = grid.header;
  const n0 = header.length;
  // a label column: the header has n+1 cells and the data rows n+1 cells whose first is not numeric
  const labelled = grid.rows.length === n0 - 1 && grid.rows.length > 0 && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(grid.rows[0][0]?.trim() ?? "");
  if (labelled) header = header.slice(1);
  const n = header.length;
  if (n === 0) throw new DataError([{ file, row: 0, expected: "a header of unit ids" }]);
  header.forEach((h, j) => {
    if (h === "") throw new DataError([{ file, row: 0, column: `#${j + 1}`, expected: "a unit id in every header cell" }]);
  });
  if (grid.rows.length !== n) throw new DataError([{ file, row: grid.rows.length, expected: `${n} data rows (one per unit in the header), found ${grid.rows.length}` }]);
  const m: number[][] = [];
  grid.rows.forEach((r, i) => {
    const cells = labelled ? r.slice(1) : r;
    if (labelled && r[0].trim() !== header[i]) throw new DataError([{ file, row: i + 1, column: grid.header[0] || "#1", value: r[0], expected: `the row label "${header[i]}" (rows in header order)` }]);
    if (cells.length !== n) throw new DataError([{ file, row: i + 1, expected: `${n} cells, found ${cells.length}` }]);
    m.push(
      cells.map((c, j) => {
        const v = Number(c.trim());
        if (c.trim() === "" || !Number.isFinite(v)) throw new DataError([{ file, row: i + 1, column: header[j], value: c, expected: "a finite number" }]);
        if (v < 0) throw new DataError([{ file, row: i + 1, column: header[j], value: c, expected: "a non-negative weight" }]);
        return v;
      }),
    );
  });
  return SpatialWeights.fromDense(header, m);
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Dense CSV text with the ids in the header (the format readWeightsCsv reads). */
export function weightsToCsv(w: SpatialWeights): string {
  const rows = w.toArray();
  return [w.ids.map(csvCell).join(","), ...rows.map((r) => r.map((v) => (v === 0 ? "0" : String(v))).join(","))].join("\n") + "\n";
}

export function writeWeightsCsv(w: SpatialWeights, file: string): void {
  fs.writeFileSync(file, weightsToCsv(w));
}

/** Edge list CSV "from,to,weight" (one line per nonzero w_ij). */
export function weightsToEdgeList(w: SpatialWeights): string {
  const lines = ["from,to,weight"];
  for (let i = 0; i < w.n; i++) for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) lines.push(`${csvCell(w.ids[i])},${csvCell(w.ids[w.col[p]])},${w.val[p]}`);
  return lines.join("\n") + "\n";
}

export function writeEdgeList(w: SpatialWeights, file: string): void {
  fs.writeFileSync(file, weightsToEdgeList(w));
}

/**
 * Read an edge list CSV with columns from, to and (optionally) weight (default 1). Units are the ids given in
 * `ids` (so islands are kept), or else every id seen, in order of first appearance.
 */
export function readEdgeList(file: string, ids?: readonly string[]): SpatialWeights {
  if (!fs.existsSync(file)) throw new DataError([{ file, expected: "an existing edge-list file (not found)" }]);
  const grid = parseCsvText(fs.readFileSync(file, "utf8"), file);
  const h = grid.header.map((s) => s.toLowerCase());
  const fi = h.indexOf("from");
  const ti = h.indexOf("to");
  const wi = h.indexOf("weight");
  if (fi < 0) throw new DataError([{ file, row: 0, column: "from", expected: 'a column named "from"' }]);
  if (ti < 0) throw new DataError([{ file, row: 0, column: "to", expected: 'a column named "to"' }]);
  const order: string[] = ids ? ids.slice() : [];
  const pos = new Map(order.map((id, i) => [id, i]));
  const edges: [string, string, number][] = [];
  grid.rows.forEach((r, i) => {
    const a = (r[fi] ?? "").trim();
    const b = (r[ti] ?? "").trim();
    if (!a) throw new DataError([{ file, row: i + 1, column: grid.header[fi], expected: "a unit id" }]);
    if (!b) throw new DataError([{ file, row: i + 1, column: grid.header[ti], expected: "a unit id" }]);
    let v = 1;
    if (wi >= 0) {
      v = Number((r[wi] ?? "").trim());
      if ((r[wi] ?? "").trim() === "" || !Number.isFinite(v) || v < 0) throw new DataError([{ file, row: i + 1, column: grid.header[wi], value: r[wi], expected: "a non-negative number" }]);
    }
    for (const [id, c] of [[a, fi], [b, ti]] as [string, number][]) {
      if (!pos.has(id)) {
        if (ids) throw new DataError([{ file, row: i + 1, column: grid.header[c], value: id, expected: "one of the given unit ids" }]);
        pos.set(id, order.length);
        order.push(id);
      }
    }
    edges.push([a, b, v]);
  });
  const nb: number[][] = order.map(() => []);
  const ww: number[][] = order.map(() => []);
  for (const [a, b, v] of edges) {
    nb[pos.get(a)!].push(pos.get(b)!);
    ww[pos.get(a)!].push(v);
  }
  return SpatialWeights.fromNeighbours(order, nb, ww);
}
