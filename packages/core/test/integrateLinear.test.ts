import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { integrate, rk4 } from '@neurobridge/core';
import type { Rhs } from '@neurobridge/core';

/**
 * exp(M) by scaling and squaring with a Taylor polynomial (Moler & Van Loan, "Nineteen
 * dubious ways", method 3): scale M by 2^-s so that ‖M‖∞/2^s <= 1/2, sum 24 Taylor terms
 * (remainder < 0.5^25/25! ≈ 2e-33), square s times. Independent of the integrator.
 */
function expm(M: number[][]): number[][] {
  const norm = Math.max(...M.map((row) => row.reduce((a, v) => a + Math.abs(v), 0)));
  const s = Math.max(0, Math.ceil(Math.log2(norm / 0.5)));
  const A = M.map((row) => row.map((v) => v / 2 ** s));
  const mul = (X: number[][], Y: number[][]): number[][] =>
    X.map((row) => Y[0].map((_, j) => row.reduce((acc, v, k) => acc + v * Y[k][j], 0)));
  let term: number[][] = A.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  let sum = term.map((row) => row.slice());
  for (let k = 1; k <= 24; k++) {
    term = mul(term, A).map((row) => row.map((v) => v / k));
    sum = sum.map((row, i) => row.map((v, j) => v + term[i][j]));
  }
  for (let i = 0; i < s; i++) sum = mul(sum, sum);
  return sum;
}

function linearRhs(A: number[][]): Rhs {
  const n = A.length;
  return (_t, y, d) => {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += A[i][j] * y[j];
      d[i] = acc;
    }
  };
}

function exactAt(A: number[][], y0: number[], t: number): number[] {
  const E = expm(A.map((row) => row.map((v) => v * t)));
  return E.map((row) => row.reduce((acc, v, j) => acc + v * y0[j], 0));
}

describe('linear systems y\' = A·y against the matrix exponential', () => {
  it('expm itself: rotation generator gives (cos, sin)', () => {
    const E = expm([
      [0, -2],
      [2, 0],
    ]);
    expect(E[0][0]).toBeCloseTo(Math.cos(2), 14);
    expect(E[1][0]).toBeCloseTo(Math.sin(2), 14);
  });

  it('pinned: a fixed 3×3 system at t = 2 (values from expm)', () => {
    const A = [
      [-0.5, 1, 0],
      [-1, -0.5, 0.3],
      [0.2, 0, -1],
    ];
    const y0 = [1, 0, -1];
    const r = integrate(linearRhs(A), 0, y0, 2, { rtol: 1e-12, atol: 1e-14 });
    const exact = exactAt(A, y0, 2);
    for (let i = 0; i < 3; i++) expect(Math.abs(r.yEnd[i] - exact[i])).toBeLessThan(1e-11);
  });

  it('property: random A (n = 1..5, ‖A‖∞ <= 1.5), random y0, T in [0.1, 2]: integrate and RK4 agree with expm', () => {
    const arb = fc
      .integer({ min: 1, max: 5 })
      .chain((n) =>
        fc.record({
          A: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
          y0: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          T: fc.double({ min: 0.1, max: 2, noNaN: true }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ A: raw, y0, T }) => {
        const n = raw.length;
        // scale rows so ‖A‖∞ <= 1.5: growth over T <= 2 is at most e³ ≈ 20
        const A = raw.map((row) => row.map((v) => (1.5 * v) / n));
        const exactEnd = exactAt(A, y0, T);
        const exactMid = exactAt(A, y0, T / 2);
        const r = integrate(linearRhs(A), 0, y0, T, { rtol: 1e-10, atol: 1e-12, sample: [T / 2, T] });
        const scale = Math.max(1, ...exactEnd.map(Math.abs));
        for (let i = 0; i < n; i++) {
          // rtol 1e-10 per step, ~10 steps, growth <= 20: global error well below 1e-8·scale
          if (Math.abs(r.yEnd[i] - exactEnd[i]) > 1e-8 * scale) return false;
          if (Math.abs(r.y[0][i] - exactMid[i]) > 1e-8 * scale) return false;
        }
        // RK4 with h = T/200: error ~ (‖A‖h)⁴·T·growth ≈ (1.5·0.01)⁴·2·20 ≈ 2e-6
        const f = rk4(linearRhs(A), 0, y0, T, { steps: 200, record: 'end' });
        for (let i = 0; i < n; i++) if (Math.abs(f.yEnd[i] - exactEnd[i]) > 1e-6 * scale) return false;
        return r.status === 'success';
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
