import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matmulNN, matmulNT, matmulTN } from '../src/matmul.js';

/** Naive triple loop, C[i][j] = Σ_p a(i,p) b(p,j), the independent reference. */
function naive(m: number, n: number, k: number, a: (i: number, p: number) => number, b: (p: number, j: number) => number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
    C[i * n + j] = s;
  }
  return C;
}

/** Small integers make every product and partial sum exact in double precision, so the blocked
 * kernels (different summation order) must agree with the naive loop to the last bit. */
function intArray(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let q = 0; q < len; q++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[q] = (s >>> 24) % 17 - 8; }
  return out;
}

// m ≤ 9 covers the paired rows and the odd last row; n up to 300 and k up to 140 cross the
// 256-column and 64-deep panel boundaries of the blocked kernels.
const dims = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 140 }), fc.integer());

describe('blocked matrix kernels equal the naive triple loop (exact on integer data)', () => {
  it('matmulNN', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(m * k, seed), B = intArray(k * n, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[i * k + p], (p, j) => B[p * n + j]);
      expect(matmulNN(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('matmulTN (A stored k×m)', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(k * m, seed), B = intArray(k * n, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[p * m + i], (p, j) => B[p * n + j]);
      expect(matmulTN(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('matmulNT (B stored n×k)', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(m * k, seed), B = intArray(n * k, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[i * k + p], (p, j) => B[j * k + p]);
      expect(matmulNT(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('accumulate adds to the output instead of overwriting it', () => {
    const m = 3, n = 5, k = 7;
    const A = intArray(m * k, 1), B = intArray(k * n, 2), Bt = intArray(n * k, 3), At = intArray(k * m, 4);
    for (const [f, a, b] of [[matmulNN, A, B], [matmulNT, A, Bt], [matmulTN, At, B]] as const) {
      const once = f(a, b, m, n, k);
      const out = f(a, b, m, n, k);
      f(a, b, m, n, k, out, true);
      expect(out).toEqual(once.map((v) => 2 * v));
    }
  });
  it('rejects short buffers and bad dimensions, naming them', () => {
    const A = new Float64Array(6), B = new Float64Array(9);
    expect(() => matmulNN(A, B, 2, 3, 4)).toThrow(/matmulNN: A must have length >= 8; got 6/);
    expect(() => matmulNN(A, B, 2, 3, 3, new Float64Array(2))).toThrow(/out must have length >= 6; got 2/);
    expect(() => matmulTN(A, B, -1, 3, 3)).toThrow(/m must be a non-negative integer; got -1/);
    expect(() => matmulNT([1, 2] as unknown as Float64Array, B, 1, 1, 2)).toThrow(TypeError);
  });
});
