import { describe, expect, it } from 'vitest';
import { createRng, multivariateNormal } from '@neurobridge/core';

/** Sample mean and (1/N) covariance. */
function moments(xs: Float64Array[]): { mean: number[]; cov: number[][] } {
  const d = xs[0].length;
  const N = xs.length;
  const mean = new Array(d).fill(0);
  for (const x of xs) for (let i = 0; i < d; i++) mean[i] += x[i] / N;
  const cov = Array.from({ length: d }, () => new Array(d).fill(0));
  for (const x of xs) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += ((x[i] - mean[i]) * (x[j] - mean[j])) / N;
  return { mean, cov };
}

/**
 * For Gaussian data the sample covariance has Var(Ĉ_ij) = (Σ_ii Σ_jj + Σ_ij²)/N and the
 * sample mean Var(m_i) = Σ_ii/N. We allow 5 standard errors per entry: with 6 + 3
 * distinct entries the chance that a correct sampler fails is < 1e-5 for any seed.
 */
function expectWithinSampling(xs: Float64Array[], mu: number[], S: number[][]): void {
  const N = xs.length;
  const { mean, cov } = moments(xs);
  for (let i = 0; i < mu.length; i++) {
    expect(Math.abs(mean[i] - mu[i])).toBeLessThan(5 * Math.sqrt(S[i][i] / N));
    for (let j = 0; j < mu.length; j++) {
      const se = Math.sqrt((S[i][i] * S[j][j] + S[i][j] ** 2) / N);
      expect(Math.abs(cov[i][j] - S[i][j])).toBeLessThan(5 * se);
    }
  }
}

const mu = [1, -2, 0.5];
const S = [
  [2, 0.6, -0.4],
  [0.6, 1, 0.3],
  [-0.4, 0.3, 0.5],
];

describe('multivariateNormal', () => {
  it('cholesky: sample mean and covariance within sampling error (N = 20000, seed "mvn")', () => {
    const xs = multivariateNormal(createRng('mvn'), mu, S, 20_000);
    expect(xs.length).toBe(20_000);
    expectWithinSampling(xs, mu, S);
  });
  it('eigen: same distribution; a rank-2 covariance puts every sample in its plane', () => {
    expectWithinSampling(multivariateNormal(createRng('mvn-e'), mu, S, 20_000, { method: 'eigen' }), mu, S);
    // Σ = a aᵀ + b bᵀ is singular with null vector n = a × b
    const a = [1, 2, 0];
    const b = [0, 1, -1];
    const n = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    const R = a.map((_, i) => a.map((__, j) => a[i] * a[j] + b[i] * b[j]));
    expect(() => multivariateNormal(createRng(1), [0, 0, 0], R, 1)).toThrow(/positive definite/);
    const xs = multivariateNormal(createRng('rank2'), [0, 0, 0], R, 20_000, { method: 'eigen' });
    for (const x of xs.slice(0, 200)) {
      // |n·x| relative to |n||x|: rounding of V·diag(√λ)·z, a few ε times the eigen residual
      expect(Math.abs(n[0] * x[0] + n[1] * x[1] + n[2] * x[2])).toBeLessThan(1e-13 * Math.hypot(...n) * Math.hypot(...x));
    }
    expectWithinSampling(xs, [0, 0, 0], R);
  });
  it('is deterministic and consumes d normals per draw', () => {
    const x1 = multivariateNormal(createRng(5), [0, 0], [[1, 0], [0, 1]], 3);
    const r = createRng(5);
    const z = r.normals(6);
    expect(Array.from(x1[0])).toEqual([z[0], z[1]]);
    expect(Array.from(x1[2])).toEqual([z[4], z[5]]);
    expect(multivariateNormal(createRng(5), [0, 0], [[1, 0], [0, 1]], 0)).toEqual([]);
  });
  it('rejects bad input', () => {
    const rng = createRng(0);
    expect(() => multivariateNormal(rng, [0, 0], [[1, 2], [2, 1]], 1)).toThrow(/Cholesky pivot 1 \(0-based\) is -3 <= 0/);
    expect(() => multivariateNormal(rng, [0, 0], [[1, 0], [0, -0.1]], 1, { method: 'eigen' })).toThrow(
      /smallest eigenvalue -0\.1 < −tol·max\|λ\|/,
    );
    expect(() => multivariateNormal(rng, [0, 0], [[1, 0.5], [0.4, 1]], 1)).toThrow(/cov must be symmetric/);
    expect(() => multivariateNormal(rng, [0, 0, 0], [[1, 0], [0, 1]], 1)).toThrow(/cov must be 3×3 to match mean; got 2×2/);
    expect(() => multivariateNormal(rng, [0, NaN], [[1, 0], [0, 1]], 1)).toThrow(/mean\[1\] must be finite/);
    expect(() => multivariateNormal(rng, [0], [[1]], -1)).toThrow(/count must be an integer >= 0; got -1/);
    expect(() => multivariateNormal(rng, [0], [[1]], 1, { method: 'svd' as 'eigen' })).toThrow(RangeError);
    expect(() => multivariateNormal({} as never, [0], [[1]], 1)).toThrow(TypeError);
  });
});
