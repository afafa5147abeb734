/**
 * Fuzzy-set primitives and the parameters of fit every QCA program prints.
 *
 * Formulas (Ragin 2006, 2008; Schneider & Wagemann 2012, ch. 5 and 9):
 *   sufficiency inclusion (consistency)  inclS(X→Y) = Σ min(x, y) / Σ x
 *   sufficiency coverage                 covS(X→Y)  = Σ min(x, y) / Σ y
 *   proportional reduction in inconsistency
 *                                        PRI = (Σ min(x, y) − Σ min(x, y, 1−y)) / (Σ x − Σ min(x, y, 1−y))
 *   necessity inclusion                  inclN(X←Y) = Σ min(x, y) / Σ y
 *   necessity coverage                   covN = Σ min(x, y) / Σ x
 *   relevance of necessity               RoN = Σ (1 − x) / Σ (1 − min(x, y))
 * A ratio whose denominator is 0 is NaN (R QCA prints it as "-").
 */

export type Membership = ArrayLike<number>;

export function fuzzyNot(x: Membership): Float64Array {
  return Float64Array.from(x, (v) => 1 - v);
}

export function fuzzyAnd(...xs: Membership[]): Float64Array {
  const n = xs[0].length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = Infinity;
    for (const x of xs) if (x[i] < m) m = x[i];
    out[i] = m;
  }
  return out;
}

export function fuzzyOr(...xs: Membership[]): Float64Array {
  const n = xs[0].length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (const x of xs) if (x[i] > m) m = x[i];
    out[i] = m;
  }
  return out;
}

const div = (a: number, b: number) => (b === 0 ? NaN : a / b);

export interface SufficiencyFit {
  inclusion: number;
  pri: number;
  coverage: number;
}

export function sufficiency(x: Membership, y: Membership): SufficiencyFit {
  let sx = 0,
    sy = 0,
    sxy = 0,
    sxyny = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i],
      b = y[i];
    sx += a;
    sy += b;
    const m = Math.min(a, b);
    sxy += m;
    sxyny += Math.min(m, 1 - b);
  }
  return { inclusion: div(sxy, sx), pri: div(sxy - sxyny, sx - sxyny), coverage: div(sxy, sy) };
}

export interface NecessityFit {
  inclusion: number;
  ron: number;
  coverage: number;
}

export function necessity(x: Membership, y: Membership): NecessityFit {
  let sx = 0,
    sy = 0,
    sxy = 0,
    snx = 0,
    snxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i],
      b = y[i];
    sx += a;
    sy += b;
    const m = Math.min(a, b);
    sxy += m;
    snx += 1 - a;
    snxy += 1 - m;
  }
  return { inclusion: div(sxy, sy), ron: div(snx, snxy), coverage: div(sxy, sx) };
}
