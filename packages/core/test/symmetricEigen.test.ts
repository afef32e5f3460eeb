import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '@neurobridge/core';
import { frob, randomSymmetric } from './linalgHelpers.js';

const EPS = Number.EPSILON;

describe('symmetricEigen', () => {
  it('closed form: [[2, 1], [1, 2]] → 3, 1 with (1, 1)/√2, (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expect(Math.abs(values[0] - 3)).toBeLessThan(4 * EPS);
    expect(Math.abs(values[1] - 1)).toBeLessThan(4 * EPS);
    // sign convention: largest |component| positive; on the exact tie the first index
    expect(Math.abs(vectors[0][0] - Math.SQRT1_2)).toBeLessThan(4 * EPS);
    expect(Math.abs(vectors[0][1] - Math.SQRT1_2)).toBeLessThan(4 * EPS);
    expect(vectors[1][0] > 0 || vectors[1][1] > 0).toBe(true);
    expect(Math.abs(vectors[1][0] + vectors[1][1])).toBeLessThan(4 * EPS);
  });
  it('diagonal input: sorted descending, unit coordinate vectors with positive sign', () => {
    const { values, vectors } = symmetricEigen([[1, 0, 0], [0, -3, 0], [0, 0, 5]]);
    expect(Array.from(values)).toEqual([5, 1, -3]);
    expect(Array.from(vectors[0])).toEqual([0, 0, 1]);
    expect(Array.from(vectors[2])).toEqual([0, 1, 0]);
  });
  it('property: A·v_k = λ_k v_k, VᵀV = I, descending, sign convention (seeded random symmetric A)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const A = randomSymmetric(n, seed);
        const { values, vectors } = symmetricEigen(A);
        // backward-stable QL: ‖A v − λ v‖ ≤ c·n·ε·‖A‖_F; c = 4 is generous for n ≤ 12
        const tol = 4 * n * EPS * frob(A);
        for (let k = 0; k < n; k++) {
          const v = vectors[k];
          for (let i = 0; i < n; i++) {
            const Av = A[i].reduce((s, a, j) => s + a * v[j], 0);
            if (Math.abs(Av - values[k] * v[i]) > tol) return false;
          }
          if (k > 0 && values[k] > values[k - 1]) return false;
          let big = 0;
          for (let i = 1; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
          if (!(v[big] > 0)) return false;
          for (let m = 0; m < n; m++) {
            const d = v.reduce((s, x, i) => s + x * vectors[m][i], 0);
            if (Math.abs(d - (m === k ? 1 : 0)) > 4 * n * EPS) return false;
          }
        }
        return true;
      }),
      { seed: 42, numRuns: 150 },
    );
  });
  it('degenerate spectra: identity and rank one give orthonormal bases', () => {
    const I = symmetricEigen([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(Array.from(I.values)).toEqual([1, 1, 1]);
    const u = [1, 2, 2]; // |u| = 3: u uᵀ has eigenvalues 9, 0, 0
    const R = symmetricEigen(u.map((a) => u.map((b) => a * b)));
    expect(Math.abs(R.values[0] - 9)).toBeLessThan(16 * EPS);
    expect(Math.abs(R.values[1])).toBeLessThan(16 * EPS);
    expect(Math.abs(R.values[2])).toBeLessThan(16 * EPS);
    R.vectors[0].forEach((v, i) => expect(Math.abs(v - u[i] / 3)).toBeLessThan(4 * EPS));
    for (const { vectors } of [I, R]) {
      for (let p = 0; p < 3; p++) {
        for (let q = 0; q < 3; q++) {
          const d = vectors[p].reduce((s, x, i) => s + x * vectors[q][i], 0);
          expect(Math.abs(d - (p === q ? 1 : 0))).toBeLessThan(8 * EPS);
        }
      }
    }
  });
  it('accepts an ml-matrix Matrix and agrees with the trace and determinant', () => {
    const A = randomSymmetric(5, 3);
    const { values } = symmetricEigen(new Matrix(A));
    const trace = A.reduce((s, r, i) => s + r[i], 0);
    expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(50 * EPS * frob(A));
  });
  it('rejects bad input', () => {
    expect(() => symmetricEigen([[1, 2], [3, 4]])).toThrow(/A must be symmetric .* got A\[0\]\[1\] = 2, A\[1\]\[0\] = 3/);
    expect(() => symmetricEigen([[1, 2]])).toThrow(/A must be square: A\[0\] has length 2, expected 1/);
    expect(() => symmetricEigen([])).toThrow(/non-empty square/);
    expect(() => symmetricEigen([[1, NaN], [NaN, 1]])).toThrow(/A\[0\]\[1\] must be finite; got NaN/);
    expect(() => symmetricEigen('A' as unknown as number[][])).toThrow(TypeError);
    expect(() => symmetricEigen(new Matrix(2, 3))).toThrow(/got 2×3/);
  });
});
