// Shared statistics for the spike-triggered tests (Gatsby 2021 Q3.4–Q3.6).
import { chiSquareSurvival } from '../src/chiSquare.js';
import { orthonormalBasis } from '../src/principalAngles.js';

/** e_i in R^dim */
export function unit(dim: number, i: number): Float64Array {
  const v = new Float64Array(dim);
  v[i] = 1;
  return v;
}

/** the dim×dim identity as rows */
export function identity(dim: number): number[][] {
  return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? 1 : 0)));
}

/** (a ± b)/√2 etc.: Σ c_i v_i */
export function combo(coefs: number[], vs: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(vs[0].length);
  coefs.forEach((c, a) => { for (let i = 0; i < out.length; i++) out[i] += c * vs[a][i]; });
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** angle between two vectors, degrees, in [0, 180] */
export function angleDeg(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

/** Σw and Σw² */
export function weightSums(w: ArrayLike<number>): { sum: number; squares: number } {
  let sum = 0, squares = 0;
  for (let t = 0; t < w.length; t++) { sum += w[t]; squares += w[t] * w[t]; }
  return { sum, squares };
}

/**
 * Exact test that a weighted STA lies in span(dirs) for white Gaussian frames when the weights
 * depend on the stimulus only through Kᵀx with span K ⊆ span(dirs): the components of the
 * frames orthogonal to span(dirs) are iid N(0, 1) and independent of every weight (even
 * dependent joint weights), so, conditional on w, P⊥·STA ~ N(0, Σw²/(Σw)² · P⊥) and
 *   stat = |P⊥·STA|² (Σw)²/Σw² ~ χ²_{D−m}.
 * Returns the statistic, its dof and p = P(χ² > stat).
 */
export function perpendicularChiSquare(sta: Float64Array, dirs: ArrayLike<number>[], w: ArrayLike<number>): { stat: number; dof: number; p: number } {
  const q = orthonormalBasis(dirs);
  const r = Float64Array.from(sta);
  for (const b of q) { const c = dot(b, r); for (let i = 0; i < r.length; i++) r[i] -= c * b[i]; }
  const { sum, squares } = weightSums(w);
  const stat = (dot(r, r) * sum * sum) / squares;
  const dof = sta.length - q.length;
  return { stat, dof, p: chiSquareSurvival(stat, dof) };
}

/** x = L⁻¹ b for lower-triangular L given as rows */
export function forwardSolve(L: number[][], b: ArrayLike<number>): Float64Array {
  const n = b.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  return y;
}

/** Lᵀ v */
export function transposeTimes(L: number[][], v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j] += L[i][j] * v[i];
  return out;
}

/** x with P(χ²_dof > x) = p, by bisection on the survival function. */
export function chiSquareQuantile(p: number, dof: number): number {
  let lo = 0, hi = dof + 20 * Math.sqrt(2 * dof) + 100;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (chiSquareSurvival(mid, dof) > p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * First-order bound (degrees) on the angle between a sample STC eigenvector and its true
 * direction v (eigenvalue λ, the others ≈ 0): the tilt towards each orthogonal e_j is
 * ΔC_vj/λ, and for white frames the components e_j·x_t are independent of the weights and of
 * v·x_t, so, given them, ΔC_vj ~ N(0, Σ w_t²(v·x_t)²/(Σw)²) — exact even for dependent joint
 * weights. Bound: atan(√(χ²_{D−1} quantile at p)·SE/|λ|), p = 1e-3 by default.
 */
export function eigenvectorAngleBoundDeg(data: Float64Array, dim: number, w: ArrayLike<number>, v: ArrayLike<number>, lambda: number, p = 1e-3): number {
  let s = 0, W = 0;
  for (let t = 0; t < w.length; t++) {
    if (w[t] === 0) continue;
    W += w[t];
    s += (w[t] * dot(v, data.subarray(t * dim, (t + 1) * dim))) ** 2;
  }
  const se = Math.sqrt(s) / W;
  return (Math.atan((Math.sqrt(chiSquareQuantile(p, dim - 1)) * se) / Math.abs(lambda)) * 180) / Math.PI;
}

/** angle between the lines spanned by a and b, degrees in [0, 90] */
export function lineAngleDeg(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = Math.abs(dot(a, b)) / Math.sqrt(dot(a, a) * dot(b, b));
  return (Math.acos(Math.min(1, c)) * 180) / Math.PI;
}
