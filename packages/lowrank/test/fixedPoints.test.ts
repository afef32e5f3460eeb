// Q3 (existence, residuals) and Q4 (stability) of the mean field Eq. (10).
import { activations, createRng, symmetricEigen } from '@neurobridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { existence, fixedPoints, gain, simulateMeanField } from '../src/index.js';
import { bump, symmetricWithEigenvalues } from './helpers.js';

/** Bisection for f(α) = target on [lo, hi] with an exact gain formula (independent of the library). */
function bisect(fn: (a: number) => number, target: number, lo: number, hi: number): number {
  let a = lo, b = hi;
  const s = Math.sign(fn(a) - target);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (a + b);
    if (Math.sign(fn(mid) - target) === s) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

describe('Q3: fixed points exist exactly where existence says, with residual ≤ 1e-12', () => {
  it('tanh, random symmetric C: one fixed point per λ_k > 1, none otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const rng = createRng(seed);
        const values = Array.from({ length: p }, () => -1 + 4 * rng.uniform());
        const { C } = symmetricWithEigenvalues(values, () => rng.normal());
        const ex = existence(C, activations.tanh);
        const fp = fixedPoints(C, activations.tanh);
        for (const e of ex) {
          expect(e.exists).toBe(e.lambda.re > 1);
          const points = fp.nontrivial.filter((q) => q.k === e.k);
          expect(points.length).toBe(e.exists ? 1 : 0);
          if (e.exists) expect(points[0].alpha).toBe(e.amplitudes[0]);
        }
        for (const q of fp.nontrivial) {
          expect(q.residual).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(gain(activations.tanh, q.alpha) * q.lambda - 1)).toBeLessThan(1e-14);
        }
        return true;
      }),
      { seed: 42, numRuns: 12 },
    );
  });

  it('thresholds: tanh λ > 1, sigmoid λ > 4, erf λ > √π/2; reason says why', () => {
    const C = [[4.5, 0, 0], [0, 1.2, 0], [0, 0, 0.8]];
    expect(existence(C, activations.tanh).map((e) => e.exists)).toEqual([true, true, false]);
    expect(existence(C, activations.sigmoid).map((e) => e.exists)).toEqual([true, false, false]);
    expect(existence(C, activations.erf).map((e) => e.exists)).toEqual([true, true, false]);
    expect(existence([[0.9]], activations.erf)[0].exists).toBe(true); // 0.9 > √π/2 ≈ 0.886
    expect(existence(C, activations.tanh)[2].reason).toMatch(/one solution iff λ > 1; λ = 0.8.*: none/);
    // erf closed form: f(α) = 2/√π (1 + 2α²)^(−1/2) = 1/λ ⇒ α = √(((2λ/√π)² − 1)/2)
    const q = fixedPoints([[0.95]], activations.erf).nontrivial[0];
    const exact = Math.sqrt(((2 * 0.95) ** 2 / Math.PI - 1) / 2);
    expect(Math.abs(q.alpha - exact)).toBeLessThan(1e-14);
  });

  it('non-monotonic f: two, one or no solutions per eigenvalue, matching an exact-formula bisection', () => {
    // f(0) = 1, f rises to ≈ 1.25 near a ≈ 2.5, then decays to 1/2
    const C = [[2.5, 0, 0, 0], [0, 1.5, 0, 0], [0, 0, 0.9, 0], [0, 0, 0, 0.7]];
    const ex = existence(C, bump.phi, { maxAmplitude: 1e4 });
    expect(ex.map((e) => e.amplitudes.length)).toEqual([0, 1, 2, 0]);
    // locate the peak of the exact gain, then bisect each monotone branch
    let peak = 0;
    for (let a = 0; a < 20; a += 1e-3) if (bump.gainExact(a) > bump.gainExact(peak)) peak = a;
    const up = bisect(bump.gainExact, 1 / 0.9, 0, peak);
    const down = bisect(bump.gainExact, 1 / 0.9, peak, 1e4);
    expect(Math.abs(ex[2].amplitudes[0] - up)).toBeLessThan(1e-12);
    expect(Math.abs(ex[2].amplitudes[1] - down)).toBeLessThan(1e-10);
    expect(Math.abs(ex[1].amplitudes[0] - bisect(bump.gainExact, 1 / 1.5, peak, 1e4))).toBeLessThan(1e-10);
    expect(ex[0].reason).toMatch(/0 solution/);
    const fp = fixedPoints(C, bump.phi, { maxAmplitude: 1e4 });
    expect(fp.nontrivial.length).toBe(3);
    for (const q of fp.nontrivial) expect(q.residual).toBeLessThanOrEqual(1e-12);
  });

  it('constant gains and complex eigenvalues', () => {
    const relu2 = existence([[2]], activations.relu)[0];
    expect(relu2.continuum).toBe(true);
    expect(relu2.exists).toBe(false);
    expect(relu2.reason).toMatch(/continuum/);
    expect(existence([[3]], activations.relu)[0].reason).toMatch(/needs λ = 2 exactly/);
    expect(existence([[5]], activations.square)[0].exists).toBe(false);
    const rot = existence([[1, -2], [2, 1]], activations.tanh);
    expect(rot.every((e) => !e.exists && /complex/.test(e.reason))).toBe(true);
    expect(fixedPoints([[1, -2], [2, 1]], activations.tanh).nontrivial).toEqual([]);
  });
});

describe('Q4: stability of the fixed points', () => {
  it('Jacobian eigenvalues equal λ_l/λ_k − 1 and α_k λ_k f\'(α_k); only the largest-λ point is stable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        const rng = createRng(seed);
        // at least two eigenvalues above 1, distinct by ≥ 0.05 so the stability margins are clear
        const values = [1.3 + 2 * rng.uniform(), 1.05 + 0.2 * rng.uniform()];
        while (values.length < p) values.push(-1 + 2.2 * rng.uniform());
        const { C } = symmetricWithEigenvalues(values, () => rng.normal());
        const fp = fixedPoints(C, activations.tanh);
        const sorted = [...fp.eigenvalues].map((e) => e.re);
        for (const q of fp.nontrivial) {
          q.jacobianEigenvalues.forEach((ev, i) => {
            // symmetric C: the Jacobian is symmetric, eigenvalues real and accurate to ~1e-14·|C|
            expect(Math.abs(ev.re - q.predictedEigenvalues[i].re)).toBeLessThan(1e-10);
            expect(Math.abs(ev.im)).toBeLessThan(1e-10);
          });
          const isLargest = q.k === 0 && sorted[0] - sorted[1] > 1e-9;
          expect(q.stable).toBe(isLargest);
        }
        expect(fp.trivial.stable).toBe(false); // f(0) λ_0 = λ_0 > 1
        return true;
      }),
      { seed: 42, numRuns: 12 },
    );
    // all eigenvalues below 1: m = 0 is the only fixed point, and stable
    const fp = fixedPoints([[0.5, 0.2], [0.2, -0.3]], activations.tanh);
    expect(fp.nontrivial.length).toBe(0);
    expect(fp.trivial.stable).toBe(true);
  });

  it('mean field from random starts converges to ±α_1 v_1', () => {
    const rng = createRng('q4-starts');
    const { C } = symmetricWithEigenvalues([2.5, 1.6, 1.2, -0.5], () => rng.normal());
    const fp = fixedPoints(C, activations.tanh);
    const best = fp.nontrivial.find((q) => q.k === 0)!;
    expect(best.stable).toBe(true);
    for (let s = 0; s < 4; s++) {
      const m0 = Array.from({ length: 4 }, () => rng.normal());
      const r = simulateMeanField(C, activations.tanh, m0, { duration: 80, sampleDt: 80 });
      expect(r.status).toBe('success');
      const sign = r.mEnd.reduce((acc, v, i) => acc + v * best.m[i], 0) > 0 ? 1 : -1;
      // slowest decay rate: min(1 − λ_2/λ_1, |α λ f'|) = 0.36, so e^{−0.36·80} ≈ 3e−13 plus tolerances
      for (let i = 0; i < 4; i++) expect(Math.abs(r.mEnd[i] - sign * best.m[i])).toBeLessThan(1e-7);
    }
  });

  it('non-monotonic f: the inner fixed point (f\' > 0) is unstable along v_k, the outer one stable; m = 0 stable too', () => {
    const fp = fixedPoints([[0.9, 0], [0, 0.3]], bump.phi, { maxAmplitude: 1e4 });
    const [inner, outer] = fp.nontrivial;
    expect(inner.alpha).toBeLessThan(outer.alpha);
    expect(inner.stable).toBe(false);
    expect(outer.stable).toBe(true);
    expect(fp.trivial.stable).toBe(true); // f(0) λ = 0.9 < 1: bistable
  });

  it('non-symmetric C with real eigenvalues: fixed points on the (non-orthogonal) eigenvectors', () => {
    const C = [[2, 1.5, 0], [0, 1.4, 0.3], [0, 0, -0.5]];
    const fp = fixedPoints(C, activations.tanh);
    expect(fp.symmetric).toBe(false);
    expect(fp.nontrivial.map((q) => q.k)).toEqual([0, 1]);
    for (const q of fp.nontrivial) {
      expect(q.residual).toBeLessThanOrEqual(1e-12);
      q.jacobianEigenvalues.forEach((ev, i) => {
        expect(Math.abs(ev.re - q.predictedEigenvalues[i].re)).toBeLessThan(1e-9);
      });
    }
    expect(fp.nontrivial[0].stable).toBe(true);
    expect(fp.nontrivial[1].stable).toBe(false);
  });

  it('the exam: "the fixed point at m = 0 is stable" holds only while f(0) λ_max < 1', () => {
    const { values } = symmetricEigen([[1.2, 0.1], [0.1, 0.4]]);
    expect(values[0]).toBeGreaterThan(1);
    expect(fixedPoints([[1.2, 0.1], [0.1, 0.4]], activations.tanh).trivial.stable).toBe(false);
  });

  it('rejects bad input', () => {
    expect(() => fixedPoints([[1, 2], [3]], activations.tanh)).toThrow(/square/);
    expect(() => existence([[NaN]], activations.tanh)).toThrow(/finite/);
    expect(() => fixedPoints([[2]], null as never)).toThrow(TypeError);
  });
});
