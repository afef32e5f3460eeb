import { activations, defineActivation, erfFn } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { gain, gainDerivative, gaussianExpectation } from '../src/index.js';
import { bump, generic, trapezoid } from './helpers.js';

const A_GRID = [0, 1e-4, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 100, 1000];

describe('gaussianExpectation', () => {
  it('integrates Gaussian moments and characteristic functions to 1e-15', () => {
    expect(Math.abs(gaussianExpectation(() => 1).value - 1)).toBeLessThan(1e-15);
    expect(Math.abs(gaussianExpectation((z) => z * z).value - 1)).toBeLessThan(1e-15);
    expect(Math.abs(gaussianExpectation((z) => z ** 4).value - 3)).toBeLessThan(2e-15);
    // E[cos(w z)] = e^{−w²/2}
    for (const w of [0.5, 1, 3, 8]) {
      expect(Math.abs(gaussianExpectation((z) => Math.cos(w * z)).value - Math.exp(-(w * w) / 2))).toBeLessThan(1e-15);
    }
  });
});

describe('gain f(a) = E[φ\'(a z)], Eq. (9)', () => {
  it('closed forms: linear 1, relu 1/2 (a > 0 and the limit at 0), square 0', () => {
    for (const a of A_GRID) {
      expect(gain(activations.linear, a)).toBe(1);
      expect(gain(activations.relu, a)).toBe(0.5);
      expect(gain(activations.square, a)).toBe(0);
    }
  });

  it('generic quadrature reproduces the erf closed form 2/√π (1+2a²)^(−1/2) to 1e-13', () => {
    const g = generic(activations.erf);
    for (const a of A_GRID) {
      const exact = 1.1283791670955126 / Math.sqrt(1 + 2 * a * a);
      expect(gain(activations.erf, a)).toBe(exact);
      // 1e-13: 10× margin over the quadrature's own 1e-15 absolute / 1e-14 relative target
      expect(Math.abs(gain(g, a) - exact)).toBeLessThan(1e-13);
      const dexact = (-1.1283791670955126 * 2 * a) / Math.pow(1 + 2 * a * a, 1.5);
      expect(Math.abs(gainDerivative(g, a) - dexact)).toBeLessThan(1e-13);
    }
  });

  it('generic quadrature reproduces a Gaussian-mixture gain (non-monotonic) to 1e-13', () => {
    for (const a of A_GRID) {
      expect(Math.abs(gain(bump.phi, a) - bump.gainExact(a))).toBeLessThan(1e-13);
      expect(Math.abs(gainDerivative(bump.phi, a) - bump.gainDerivativeExact(a))).toBeLessThan(1e-13);
    }
  });

  it('tanh: agrees with an independent trapezoid rule in u = a z to 1e-13', () => {
    // f(a) = ∫ sech²(u) e^{−u²/(2a²)}/(a√(2π)) du; the integrand is analytic in |Im u| < π/2, so
    // the trapezoid rule converges like e^{−π²/h}; step h ≤ a/20 resolves the Gaussian.
    for (const a of A_GRID.filter((a) => a >= 0.01)) {
      const R = Math.min(10 * a, 40);
      const h = Math.min(0.02, a / 20);
      const ref = trapezoid(
        (u) => (activations.tanh.df(u) * Math.exp(-(u * u) / (2 * a * a))) / (a * Math.sqrt(2 * Math.PI)),
        -R,
        R,
        Math.ceil((2 * R) / h),
      );
      expect(Math.abs(gain(activations.tanh, a) - ref)).toBeLessThan(1e-13);
    }
  });

  it('tanh and sigmoid: Stein form E[z φ(a z)]/a (Eq. 7) and σ\'(x) = tanh\'(x/2)/4 agree', () => {
    for (const a of A_GRID.filter((a) => a >= 0.1)) {
      const stein = gaussianExpectation((z) => z * Math.tanh(a * z), { breakpoints: [0, 1 / a, -1 / a] }).value / a;
      expect(Math.abs(gain(activations.tanh, a) - stein)).toBeLessThan(1e-13);
      expect(Math.abs(gain(activations.sigmoid, a) - gain(activations.tanh, a / 2) / 4)).toBeLessThan(1e-14);
    }
  });

  it('tanh: f(0) = 1, decreasing, f(a) ~ √(2/π)/a for large a', () => {
    expect(gain(activations.tanh, 0)).toBe(1);
    let prev = 1;
    for (const a of A_GRID.slice(1)) {
      const v = gain(activations.tanh, a);
      expect(v).toBeLessThan(prev);
      prev = v;
    }
    // ∫ sech² = 2, so f(a) → 2 φ_N(0)/a = √(2/π)/a with O(1/a³) correction
    expect(Math.abs(1000 * gain(activations.tanh, 1000) - Math.sqrt(2 / Math.PI))).toBeLessThan(1e-5);
  });

  it('gainDerivative: equals the Stein form and central differences', () => {
    for (const phi of [activations.tanh, activations.sigmoid, bump.phi]) {
      for (const a of [0.1, 0.7, 2, 8, 40]) {
        const d = gainDerivative(phi, a);
        // Stein form loses ~1e-16/a to cancellation: 1e-12 holds for a ≥ 0.1
        expect(Math.abs(d - gainDerivative(phi, a, { method: 'stein' }))).toBeLessThan(1e-12);
        // central difference: truncation h² f'''/6 ~ 1e-10, rounding 1e-16/h ~ 1e-11
        const h = 1e-5 * Math.max(1, a);
        const fd = (gain(phi, a + h) - gain(phi, a - h)) / (2 * h);
        expect(Math.abs(d - fd)).toBeLessThan(1e-8);
      }
      expect(gainDerivative(phi, 0)).toBe(0);
    }
  });

  it('ReLU through the generic path: 1/2 to 1e-14 (kink at the breakpoint z = 0), Stein derivative 0', () => {
    const g = generic(activations.relu);
    for (const a of [0.01, 1, 100]) {
      expect(Math.abs(gain(g, a) - 0.5)).toBeLessThan(1e-14);
      expect(Math.abs(gainDerivative(g, a, { method: 'stein' }))).toBeLessThan(1e-12);
    }
    // a kink away from z = 0 (φ = max(0, x − 1)): f(a) = P(a z > 1) = Φ(−1/a), resolved by bisection
    const shifted = defineActivation({ name: 'relu-1', f: (x) => Math.max(0, x - 1), df: (x) => (x > 1 ? 1 : 0), d2f: () => 0 });
    const a = 0.7;
    // Φ(−1/a) = (1 − erf(1/(a√2)))/2
    const ref = (1 - erfFn(1 / (a * Math.SQRT2))) / 2;
    expect(Math.abs(gain(shifted, a) - ref)).toBeLessThan(1e-10);
  });

  it('rejects bad input', () => {
    expect(() => gain(activations.tanh, -1)).toThrow(/a must be >= 0/);
    expect(() => gain(activations.tanh, NaN)).toThrow(RangeError);
    expect(() => gain({} as never, 1)).toThrow(TypeError);
    expect(() => gainDerivative(activations.tanh, 1, { method: 'x' as never })).toThrow(/method/);
  });
});
