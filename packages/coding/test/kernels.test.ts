import { describe, expect, it } from 'vitest';
import { createRng, gaussLegendre } from '@neurobridge/core';
import { alphaKernel, customKernel, exponentialKernel, type Kernel } from '@neurobridge/coding';
import { uniformityP } from './helpers.js';

/** ∫_0^s k by a 200-node Gauss–Legendre rule, independent of the kernels' cumulative forms. */
function quad(k: Kernel, s: number): number {
  const r = gaussLegendre(200);
  let sum = 0;
  for (let i = 0; i < 200; i++) sum += r.weights[i] * k.value(0.5 * s * (1 + r.nodes[i]));
  return 0.5 * s * sum;
}

describe('built-in kernels', () => {
  const kernels = [exponentialKernel({ tau: 5 }), alphaKernel({ tau: 5 }), exponentialKernel({ tau: 2, gain: 0.5 }), alphaKernel({ tau: 8, gain: 3 })];
  it('cumulative(s) = ∫_0^s k (200-point Gauss–Legendre) to 1e-14 relative, tails below 1e-16 beyond support', () => {
    for (const k of kernels) {
      for (const s of [1e-6, 0.01, 0.7, 2.5, 5, 17, 60]) {
        const q = quad(k, s);
        expect(Math.abs(k.cumulative(s) - q)).toBeLessThanOrEqual(1e-14 * k.total + 1e-14 * q);
      }
      // the tail below 1e-16 of the total, plus one rounding of K near the total (ε/2 relative)
      expect(k.total - k.cumulative(k.support)).toBeLessThanOrEqual((1e-16 + Number.EPSILON) * k.total);
      expect(k.value(-1)).toBe(0);
      expect(k.cumulative(-1)).toBe(0);
    }
  });
  it("the alpha kernel's series and closed-form branches meet at x = 0.5 to 1e-15 relative", () => {
    const k = alphaKernel({ tau: 1 });
    const closed = (x: number) => -Math.expm1(-x) - x * Math.exp(-x);
    // the closed form subtracts 0.30 from 0.39 at x = 0.5: one ulp of 0.39 is 6e-16 of the result
    expect(Math.abs(k.cumulative(0.4999999999) - closed(0.4999999999))).toBeLessThan(1e-15 * closed(0.5));
    // and near 0 the series keeps full relative precision: K(x) ≈ x²/2 − x³/3
    expect(Math.abs(k.cumulative(1e-6) / (0.5e-12 - 1e-18 / 3) - 1)).toBeLessThan(1e-12);
  });
  it('sampleLag draws lags with density k on [lo, hi] (probability integral transform uniform; power against a wrong τ)', () => {
    for (const k of [exponentialKernel({ tau: 5 }), alphaKernel({ tau: 5 })]) {
      const rng = createRng(k.name);
      const [lo, hi] = [2, 30];
      const lags = Float64Array.from({ length: 20_000 }, () => k.sampleLag(rng, lo, hi));
      const pit = (kk: Kernel) => lags.map((s) => (kk.cumulative(s) - kk.cumulative(lo)) / (kk.cumulative(hi) - kk.cumulative(lo)));
      expect(Math.min(...lags)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...lags)).toBeLessThanOrEqual(hi);
      expect(uniformityP(pit(k))).toBeGreaterThan(1e-4);
      const wrong = k.name.startsWith('exp') ? exponentialKernel({ tau: 5.5 }) : alphaKernel({ tau: 5.5 });
      expect(uniformityP(pit(wrong))).toBeLessThan(1e-4);
    }
  });
  it('rejects bad time constants and unknown options', () => {
    expect(() => exponentialKernel({ tau: 0 })).toThrow(/tau must be > 0 and finite; got 0/);
    expect(() => alphaKernel({ tau: 1, gian: 2 } as never)).toThrow(/options.gian is not an option \(did you mean gain\?/);
  });
});

describe('customKernel', () => {
  it('matches the built-in exponential kernel when given its values (cumulative by quadrature)', () => {
    const ref = exponentialKernel({ tau: 4 });
    const k = customKernel({ value: (s) => (s < 0 ? 0 : Math.exp(-s / 4) / 4), support: ref.support, scale: 1 });
    for (const s of [0.1, 3, 10, 50, 140]) expect(Math.abs(k.cumulative(s) - ref.cumulative(s))).toBeLessThan(1e-14);
    expect(Math.abs(k.total - 1)).toBeLessThan(1e-14);
  });
  it('rejects a kernel that is not causal or not positive, naming the lag', () => {
    expect(() => customKernel({ value: (s) => Math.exp(-Math.abs(s)), support: 20 })).toThrow(/kernel must be causal \(k\(s\) = 0 for s < 0\); got value\(-7\.8125e-11\) = /);
    expect(() => customKernel({ value: (s) => (s < 0 ? 0 : Math.sin(s)), support: 20 })).toThrow(/kernel must be positive \(k\(s\) >= 0\); got value\(.*\) = -/);
    expect(() => customKernel({ value: (s) => (s < 0 ? 0 : NaN), support: 20 })).toThrow(/kernel value must return finite numbers/);
    expect(() => customKernel({ value: () => 0, support: 20 })).toThrow(/kernel must have a positive integral/);
  });
});
