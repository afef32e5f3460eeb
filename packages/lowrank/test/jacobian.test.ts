import { activations, createRng, symmetricEigen } from '@neurobridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gain, gainDerivative, jacobian, meanFieldRhs } from '../src/index.js';
import { bump, symmetricWithEigenvalues } from './helpers.js';

/** Central-difference Jacobian of Eq. (10); error ~ h²|F'''| + eps|F|/h ≈ 1e-10 for h = 1e-5. */
function fdJacobian(C: number[][], phi: typeof activations.tanh, m: number[], h = 1e-5): number[][] {
  const p = m.length;
  const J = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    const mp = m.slice();
    const mm = m.slice();
    mp[j] += h;
    mm[j] -= h;
    const fp = meanFieldRhs(C, phi, mp);
    const fm = meanFieldRhs(C, phi, mm);
    for (let i = 0; i < p; i++) J[i][j] = (fp[i] - fm[i]) / (2 * h);
  }
  return J;
}

const maxAbsDiff = (A: number[][], B: number[][]) =>
  Math.max(...A.flatMap((row, i) => row.map((v, j) => Math.abs(v - B[i][j]))));

const matVec = (A: number[][], v: ArrayLike<number>) => A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));

describe('meanFieldRhs, Eq. (10)', () => {
  it('is f(|m|) C m − m', () => {
    const C = [[1.5, 0.2], [-0.4, 0.9]];
    const m = [0.3, -0.8];
    const a = Math.hypot(...m);
    const f = gain(activations.tanh, a);
    const out = meanFieldRhs(C, activations.tanh, m);
    expect(out[0]).toBeCloseTo(f * (1.5 * 0.3 + 0.2 * -0.8) - 0.3, 15);
    expect(out[1]).toBeCloseTo(f * (-0.4 * 0.3 + 0.9 * -0.8) + 0.8, 15);
  });
});

describe('jacobian: f(|m|) C − I + f\'(|m|) (C m) mᵀ/|m|', () => {
  it('matches central differences on seeded random C and m (tanh, sigmoid, erf, non-monotonic φ)', () => {
    const phis = [activations.tanh, activations.sigmoid, activations.erf, bump.phi];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: phis.length - 1 }),
        fc.integer({ min: 0, max: 1e6 }),
        (p, which, seed) => {
          const rng = createRng(seed);
          const C = Array.from({ length: p }, () => Array.from({ length: p }, () => 2 * rng.normal()));
          const m = Array.from({ length: p }, () => 1.5 * rng.normal());
          const phi = phis[which];
          const J = jacobian(C, phi, m);
          // tolerance 1e-8: FD error ≈ 1e-10 (see fdJacobian) times |C| ≲ 10, with margin
          return maxAbsDiff(J, fdJacobian(C, phi, m)) < 1e-8;
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it('at m = 0 equals f(0) C − I (and central differences there)', () => {
    const C = [[1.2, 0.5, 0], [0.1, -0.7, 0.3], [0, 0.4, 2]];
    const J = jacobian(C, activations.tanh, [0, 0, 0]);
    expect(maxAbsDiff(J, C.map((row, i) => row.map((v, j) => v - (i === j ? 1 : 0))))).toBe(0);
    expect(maxAbsDiff(J, fdJacobian(C, activations.tanh, [0, 0, 0]))).toBeLessThan(1e-8);
    // ReLU: f ≡ 1/2 for m ≠ 0, so the Jacobian at 0 is C/2 − I (the limit, not relu'(0) = 0)
    const Jr = jacobian(C, activations.relu, [0, 0, 0]);
    expect(maxAbsDiff(Jr, fdJacobian(C, activations.relu, [0, 0, 0]))).toBeLessThan(1e-12);
  });

  it('Eq. (19) slip: the rank-one term is α λ_k f\'(α) v_k (v_k·δm), not 2 α f\'(α) v_k·δm', () => {
    // symmetric C with eigenvalues 3, 1.5, −0.5; fixed point on v_0 where f(α) λ_0 = 1
    const rng = createRng('eq19');
    const { C } = symmetricWithEigenvalues([3, 1.5, -0.5], () => rng.normal());
    const { values, vectors } = symmetricEigen(C);
    const lambda = values[0];
    const v = Array.from(vectors[0]);
    // bisection for f(α) λ = 1 (tanh: f decreasing from 1): independent of the library's root search
    let lo = 0;
    let hi = 10;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (gain(activations.tanh, mid) * lambda > 1) lo = mid;
      else hi = mid;
    }
    const alpha = 0.5 * (lo + hi);
    const m = v.map((x) => alpha * x);
    const J = jacobian(C, activations.tanh, m);
    const Jfd = fdJacobian(C, activations.tanh, m);
    expect(maxAbsDiff(J, Jfd)).toBeLessThan(1e-8);
    const df = gainDerivative(activations.tanh, alpha);
    // along v_k: eigenvalue α λ_k f'(α)
    const Jv = matVec(Jfd, v);
    const correct = alpha * lambda * df;
    for (let i = 0; i < 3; i++) expect(Math.abs(Jv[i] - correct * v[i])).toBeLessThan(1e-8);
    // printed Eq. (19), read as a vector term 2 α f'(α) v_k (v_k·δm): eigenvalue 2 α f'(α) along v_k
    const printed = 2 * alpha * df;
    expect(Math.abs(printed - correct)).toBeGreaterThan(0.1 * Math.abs(correct)); // λ_k = 3 ≠ 2
    // along the other eigenvectors: λ_l/λ_k − 1 (Eq. 22 — unaffected by the slip)
    for (const l of [1, 2]) {
      const Jvl = matVec(Jfd, vectors[l]);
      for (let i = 0; i < 3; i++) expect(Math.abs(Jvl[i] - (values[l] / lambda - 1) * vectors[l][i])).toBeLessThan(1e-8);
    }
  });

  it('rejects bad input', () => {
    expect(() => jacobian([[1, 2]], activations.tanh, [0])).toThrow(/square/);
    expect(() => jacobian([[NaN]], activations.tanh, [0])).toThrow(/C\[0\]\[0\] must be finite/);
    expect(() => jacobian([[1]], activations.tanh, [0, 1])).toThrow(/m must have length 1/);
    expect(() => jacobian([], activations.tanh, [])).toThrow(RangeError);
    expect(() => jacobian('C' as never, activations.tanh, [])).toThrow(TypeError);
  });
});
