import fc from 'fast-check';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cholesky } from '@neurobridge/core';
import { maxAbs, randomSpd } from './linalgHelpers.js';

const EPS = Number.EPSILON;

describe('cholesky', () => {
  it('closed form: [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]', () => {
    const L = cholesky([[4, 2], [2, 3]]);
    expect(L[0]).toEqual([2, 0]);
    expect(L[1][0]).toBe(1);
    expect(Math.abs(L[1][1] - Math.SQRT2)).toBeLessThanOrEqual(EPS);
  });
  it('property: L lower triangular with positive diagonal, L·Lᵀ = A, equals ml-matrix\'s factor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const A = randomSpd(n, seed);
        const L = cholesky(A);
        const ref = new CholeskyDecomposition(new Matrix(A)).lowerTriangularMatrix;
        // Cholesky is backward stable: |L Lᵀ − A| ≤ c·n·ε·max|A|, c = 2
        const tol = 2 * n * EPS * maxAbs(A);
        for (let i = 0; i < n; i++) {
          if (!(L[i][i] > 0)) return false;
          for (let j = 0; j < n; j++) {
            if (j > i && L[i][j] !== 0) return false;
            let s = 0;
            for (let k = 0; k < n; k++) s += L[i][k] * L[j][k];
            if (Math.abs(s - A[i][j]) > tol) return false;
            // same algorithm up to summation order: agree to a few ulps of √max|A|
            if (Math.abs(L[i][j] - ref.get(i, j)) > 8 * n * EPS * Math.sqrt(maxAbs(A))) return false;
          }
        }
        return true;
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('names the failing pivot when A is not positive definite', () => {
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow(/A must be positive definite; Cholesky pivot 1 \(0-based\) is -3 <= 0 \(A\[1\]\[1\] = 1\)/);
    expect(() => cholesky([[0, 0], [0, 1]])).toThrow(/pivot 0 \(0-based\) is 0 <= 0/);
    expect(() => cholesky([[-1]])).toThrow(RangeError);
    // positive semidefinite but singular: the last pivot is 0 up to rounding (≤ 0 here)
    expect(() => cholesky([[1, 1], [1, 1]])).toThrow(/pivot 1/);
  });
  it('rejects non-symmetric and malformed input', () => {
    expect(() => cholesky([[2, 1], [0, 2]])).toThrow(/A must be symmetric/);
    expect(() => cholesky([[1, 0], [0]])).toThrow(/A must be square/);
  });
});
