import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigen } from '@neurobridge/core';
import { frob, randomMatrix } from './linalgHelpers.js';

const EPS = Number.EPSILON;

/** max |(A·V − V·D)_ij| with D block diagonal [[re, im], [−im, re]] for pairs. */
function residual(A: number[][], r: ReturnType<typeof eigen>): number {
  const n = A.length;
  const V = r.vectors;
  const D = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let k = 0; k < n; k++) {
    D[k][k] = r.re[k];
    if (r.im[k] > 0) {
      D[k][k + 1] = r.im[k];
      D[k + 1][k] = -r.im[k];
    }
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let av = 0;
      let vd = 0;
      for (let k = 0; k < n; k++) {
        av += A[i][k] * V[k][j];
        vd += V[i][k] * D[k][j];
      }
      worst = Math.max(worst, Math.abs(av - vd));
    }
  }
  return worst;
}

describe('eigen (general real matrices)', () => {
  it('rotation generator [[0, −1], [1, 0]] → ±i with eigenvector (1, −i)/√2', () => {
    const r = eigen([[0, -1], [1, 0]]);
    expect(Array.from(r.re)).toEqual([0, 0]);
    expect(Array.from(r.im)).toEqual([1, -1]);
    expect(residual([[0, -1], [1, 0]], r)).toBeLessThan(4 * EPS);
    const v = r.vectors;
    expect(Math.abs(v[0][0] ** 2 + v[1][0] ** 2 + v[0][1] ** 2 + v[1][1] ** 2 - 1)).toBeLessThan(4 * EPS);
    // phase convention: the largest-modulus component (first on ties) is real positive → (1, −i)/√2
    expect(Math.abs(v[0][0] - Math.SQRT1_2)).toBeLessThan(2 * EPS);
    expect(v[0][1]).toBe(0);
    expect(Math.abs(v[1][0])).toBeLessThan(2 * EPS);
    expect(Math.abs(v[1][1] + Math.SQRT1_2)).toBeLessThan(2 * EPS);
  });
  it('closed form: [[1, 2], [−3, 1]] has 1 ± i√6; a triangular matrix has its diagonal, sorted', () => {
    const r = eigen([[1, 2], [-3, 1]]);
    expect(Math.abs(r.re[0] - 1)).toBeLessThan(4 * EPS);
    expect(Math.abs(r.im[0] - Math.sqrt(6))).toBeLessThan(8 * EPS);
    expect(r.im[1]).toBe(-r.im[0]);
    const t = eigen([[1, 5, 7], [0, 3, 2], [0, 0, -2]]);
    expect(Array.from(t.re).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([3, 1, -2]);
    expect(Array.from(t.im)).toEqual([0, 0, 0]);
  });
  it('property: A·V = V·D, real parts descending, pairs adjacent (seeded random A)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const A = randomMatrix(n, seed);
        const r = eigen(A);
        for (let k = 1; k < n; k++) if (r.re[k] > r.re[k - 1]) return false;
        for (let k = 0; k < n; k++) {
          if (r.im[k] > 0 && !(r.im[k + 1] === -r.im[k] && r.re[k + 1] === r.re[k])) return false;
        }
        // backward stable QR: residual ~ n·ε·‖A‖·‖V‖ (columns have norm ≤ 1); c = 20 allows
        // for the non-orthogonal eigenvector basis of random matrices
        return residual(A, r) <= 20 * n * EPS * frob(A);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('rejects non-square input', () => {
    expect(() => eigen([[1, 2, 3], [4, 5, 6]])).toThrow(RangeError);
  });
});
