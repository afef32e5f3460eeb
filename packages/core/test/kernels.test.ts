import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { axpy, createRng, dot, matvec } from '@neurobridge/core';

const EPS = Number.EPSILON;

describe('kernels', () => {
  it('dot and axpy on small exact cases', () => {
    expect(dot([1, 2, 3], new Float64Array([4, 5, 6]))).toBe(32);
    const y = new Float64Array([1, 1]);
    expect(axpy(2, [3, -1], y)).toBe(y);
    expect(Array.from(y)).toEqual([7, -1]);
    expect(dot([], [])).toBe(0);
  });
  it('property: matvec equals ml-matrix mmul bit for bit (same summation order)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1e6 }), (rows, cols, seed) => {
        const rng = createRng(seed);
        const A = rng.normals(rows * cols);
        const x = rng.normals(cols);
        const M = new Matrix(rows, cols);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.set(i, j, A[i * cols + j]);
        const ref = M.mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
        const out = new Float64Array(rows);
        const y = matvec(A, rows, cols, x, out);
        if (y !== out) return false;
        // both sum Σ_j A_ij x_j left to right, so the results are bit-identical
        return ref.every((v, i) => v === y[i]);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('dot matches a compensated (Kahan–Neumaier) sum within n·ε·Σ|a_i b_i|', () => {
    const rng = createRng('dot');
    const a = rng.normals(1000);
    const b = rng.normals(1000);
    let s = 0;
    let c = 0;
    let abs = 0;
    for (let i = 0; i < 1000; i++) {
      const p = a[i] * b[i];
      abs += Math.abs(p);
      const t = s + p;
      c += Math.abs(s) >= Math.abs(p) ? s - t + p : p - t + s;
      s = t;
    }
    expect(Math.abs(dot(a, b) - (s + c))).toBeLessThanOrEqual(1000 * EPS * abs);
  });
  it('matvec allocates when out is omitted', () => {
    const y = matvec(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3, [1, 0, -1]);
    expect(Array.from(y)).toEqual([-2, -2]);
  });
  it('rejects inconsistent sizes and aliasing', () => {
    const A = new Float64Array(6);
    expect(() => dot([1, 2], [1])).toThrow(/dot: b must have the length of a \(2\); got length 1/);
    expect(() => axpy(1, [1], new Float64Array(2))).toThrow(RangeError);
    expect(() => matvec(A, 2, 2, [1, 2])).toThrow(/A must have length rows·cols = 4; got length 6/);
    expect(() => matvec(A, 2, 3, [1, 2])).toThrow(/x must have length cols = 3/);
    expect(() => matvec(A, 2, 3, [1, 2, 3], new Float64Array(3))).toThrow(/out must have length rows = 2/);
    const v = new Float64Array(3);
    expect(() => matvec(new Float64Array(9), 3, 3, v, v)).toThrow(/out must not be x/);
    expect(() => matvec(A, 2.5, 3, [1, 2, 3])).toThrow(RangeError);
  });
});
