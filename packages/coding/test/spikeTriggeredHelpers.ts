// Shared statistics for the spike-triggered tests (Gatsby 2021 Q3.4–Q3.6).
import { eigenvectorAngleBound, staSubspaceTest } from '../src/spikeTriggered/subspaceTests.js';
export { chiSquareQuantile } from '../src/statistics/chiSquare.js';

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

/** the package's staSubspaceTest, in the shape the tests use */
export function perpendicularChiSquare(sta: Float64Array, dirs: ArrayLike<number>[], w: ArrayLike<number>): { stat: number; dof: number; p: number } {
  const r = staSubspaceTest(sta, dirs, w);
  return { stat: r.statistic, dof: r.dof, p: r.p };
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

/** the package's eigenvectorAngleBound on raw frames */
export function eigenvectorAngleBoundDeg(data: Float64Array, dim: number, w: ArrayLike<number>, v: ArrayLike<number>, lambda: number, p = 1e-3): number {
  return eigenvectorAngleBound({ data, dim, frames: data.length / dim }, w, v, lambda, p);
}

/** angle between the lines spanned by a and b, degrees in [0, 90] */
export function lineAngleDeg(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = Math.abs(dot(a, b)) / Math.sqrt(dot(a, a) * dot(b, b));
  return (Math.acos(Math.min(1, c)) * 180) / Math.PI;
}
