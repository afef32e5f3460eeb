import fc from 'fast-check';
import { Matrix, solve as mlSolve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng, solve } from '@neurobridge/core';
import { maxAbs, randomMatrix } from './linalgHelpers.js';

const EPS = Number.EPSILON;
const hilbert = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => 1 / (i + j + 1)));

describe('solve', () => {
  it('closed form 2×2 needing a pivot', () => {
    const x = solve([[0, 1], [2, 1]], [3, 5]);
    expect(Array.from(x)).toEqual([1, 3]);
  });
  it('property: small backward error ‖b − A x‖∞ ≤ c·n·ε·(‖A‖∞‖x‖∞ + ‖b‖∞); agrees with ml-matrix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const A = randomMatrix(n, seed);
        const b = Array.from(createRng(seed).substream('b').normals(n));
        let x: Float64Array;
        try {
          x = solve(A, b);
        } catch (e) {
          return e instanceof RangeError && /rcond/.test(String(e)); // a random A can be near singular
        }
        const xInf = Math.max(...Array.from(x, Math.abs));
        const rowSum = Math.max(...A.map((r) => r.reduce((s, a) => s + Math.abs(a), 0)));
        const bInf = Math.max(...b.map(Math.abs));
        // partial pivoting on random matrices: growth factor O(1), c = 4
        const tol = 4 * n * EPS * (rowSum * xInf + bInf);
        for (let i = 0; i < n; i++) {
          const r = b[i] - A[i].reduce((s, a, j) => s + a * x[j], 0);
          if (Math.abs(r) > tol) return false;
        }
        const ref = mlSolve(new Matrix(A), Matrix.columnVector(b)).getColumn(0);
        // same LU: identical up to rounding amplified by cond(A); compare in the residual metric
        return ref.every((v, i) => Number.isFinite(v) && Math.abs(v - x[i]) <= 1e-8 * Math.max(1, xInf));
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('Hilbert 6 (κ₁ = 2.9e7): x = ones recovered to within 10·κ·ε ≈ 6e-8', () => {
    const H = hilbert(6);
    const b = H.map((r) => r.reduce((s, a) => s + a, 0));
    const x = solve(H, b);
    for (const xi of x) expect(Math.abs(xi - 1)).toBeLessThan(10 * 2.9e7 * EPS);
  });
  it('detects exact and numerical singularity and says how', () => {
    expect(() => solve([[1, 2], [2, 4]], [1, 1])).toThrow(/A is singular: LU with partial pivoting found an exact zero pivot U\[1\]\[1\] = 0/);
    expect(() => solve([[0, 0], [0, 0]], [1, 1])).toThrow(/zero pivot U\[0\]\[0\]/);
    // Hilbert 14: cond ≈ 1e18 (> 1/ε); LU pivots are not zero, the rcond estimate catches it
    expect(() => solve(hilbert(14), new Array(14).fill(1))).toThrow(/estimated reciprocal condition number rcond .* < options\.rcondMin = 2\.220446049250313e-16/);
    // a stricter threshold is honoured: Hilbert 6 has rcond ≈ 3.4e-8 (1-norm)
    expect(() => solve(hilbert(6), new Array(6).fill(1), { rcondMin: 1e-6 })).toThrow(/= 3\.44\de-8 </); // numpy.linalg.cond(hilbert(6), 1) = 2.907e7 → rcond 3.44e-8
  });
  it('validates shapes', () => {
    expect(() => solve([[1, 0], [0, 1]], [1])).toThrow(/b must have length 2; got length 1/);
    expect(() => solve([[1, 0], [0, 1]], [1, Infinity])).toThrow(/b\[1\] must be finite/);
    expect(() => solve([[1, 2, 3]], [1])).toThrow(RangeError);
    expect(maxAbs([[1, -3]])).toBe(3);
  });
});
