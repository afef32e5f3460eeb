import { describe, expect, it } from 'vitest';
import { erfFn, expectNormal, expectNormalAdaptive, relu, tanh } from '@neurobridge/core';

/** Φ(x) from erfFn (≤ 1.5ε relative, tested separately). */
const Phi = (x: number) => 0.5 * (1 + erfFn(x / Math.SQRT2));
const INV_SQRT_2PI = 0.3989422804014327;

describe('expectNormal (Gauss–Hermite)', () => {
  it('E[tanh\'(z)] → 0.6057055096021588 (mpmath quad): poles at ±iπ/2 give exp(−c√n) convergence', () => {
    // measured errors: n = 64: 2.7e-9, 128: 1.2e-13, 256: 2.2e-16
    const err = (n: number) => Math.abs(expectNormal(tanh.df, n) - 0.6057055096021588);
    expect(err(64)).toBeLessThan(1e-8);
    expect(err(64)).toBeGreaterThan(1e-10); // the default order is not enough for sech²
    expect(err(128)).toBeLessThan(1e-12);
    expect(err(256)).toBeLessThan(1e-15);
  });
  it('E[e^{az}] = e^{a²/2} (lognormal mean), relative 1e-14', () => {
    for (const a of [0.5, 1, 2]) expect(Math.abs(expectNormal((z) => Math.exp(a * z), 64) / Math.exp((a * a) / 2) - 1)).toBeLessThan(1e-14);
  });
  it('E[cos(z)] = e^{−1/2}', () => {
    expect(Math.abs(expectNormal(Math.cos, 40) - Math.exp(-0.5))).toBeLessThan(1e-15);
  });
  it('throws on a non-finite integrand, naming z', () => {
    expect(() => expectNormal((z) => (z > 3 ? NaN : 1), 20)).toThrow(/f must return a finite number; got NaN at z = 3\.\d+/);
    expect(() => expectNormal(Math.sin, 0)).toThrow(RangeError);
  });
});

describe('expectNormalAdaptive', () => {
  it('smooth f: Gauss–Hermite doubling meets tol with an honest error estimate', () => {
    const r = expectNormalAdaptive(tanh.df);
    expect(r.method).toBe('hermite');
    expect(r.converged).toBe(true);
    expect(r.error).toBeLessThan(1e-12);
    expect(Math.abs(r.value - 0.6057055096021588)).toBeLessThan(Math.max(r.error, 1e-15));
  });
  it('relu\'(a z + c) = step: with the kink as breakpoint, ~1e-12 or better; = Φ(c/a)', () => {
    for (const [a, c] of [[1, 0], [1.7, 0.5], [0.4, -0.3]]) {
      const kink = -c / a;
      const r = expectNormalAdaptive((z) => relu.df(a * z + c), { breakpoints: [kink] });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - Phi(c / a))).toBeLessThan(1e-14);
      expect(r.error).toBeLessThan(1e-12);
    }
    // mpmath: Φ(0.5/1.7) = 0.6156659967195957
    expect(Math.abs(expectNormalAdaptive((z) => relu.df(1.7 * z + 0.5), { breakpoints: [-0.5 / 1.7] }).value - 0.6156659967195957)).toBeLessThan(1e-15);
  });
  it('E[relu(z − c)] = φ(c) − c(1 − Φ(c)) and E|z|³ = 2√(2/π) with breakpoints', () => {
    const c = 0.3;
    const exact = INV_SQRT_2PI * Math.exp(-c * c / 2) - c * (1 - Phi(c));
    const r = expectNormalAdaptive((z) => relu.f(z - c), { breakpoints: [c] });
    expect(Math.abs(r.value - exact)).toBeLessThan(1e-15);
    const r3 = expectNormalAdaptive((z) => Math.abs(z) ** 3, { breakpoints: [0] });
    expect(Math.abs(r3.value - 2 * Math.sqrt(2 / Math.PI))).toBeLessThan(4e-15); // sum over ~20 panels: ≈ 10 ε
  });
  it('a jump without breakpoint: Gauss–Hermite stalls, the panels locate it by bisection', () => {
    const step = (z: number) => (z > 0.3 ? 1 : 0);
    const r = expectNormalAdaptive(step);
    expect(r.method).toBe('panels');
    expect(r.converged).toBe(true);
    // the fallback aims at tol/10 (|Q20 − Q10| of a panel holding a jump can be 2× too small):
    // measured error 6.7e-14, estimate 7.5e-14, 2956 calls
    expect(Math.abs(r.value - (1 - Phi(0.3)))).toBeLessThan(1e-12);
    expect(r.error).toBeLessThan(1e-13);
    // plain Gauss–Hermite is far off at order 256 (O(1/√n) jump error)
    expect(Math.abs(expectNormal(step, 256) - (1 - Phi(0.3)))).toBeGreaterThan(1e-4);
  });
  it('reports converged: false when maxPanels is too small', () => {
    const r = expectNormalAdaptive((z) => (z > 0.3 ? 1 : 0), { maxOrder: 32, maxPanels: 12 });
    expect(r.converged).toBe(false);
    expect(r.error).toBeGreaterThan(1e-12);
  });
  it('validates options', () => {
    expect(() => expectNormalAdaptive(Math.sin, { tol: 0 })).toThrow(/options\.tol must be > 0/);
    expect(() => expectNormalAdaptive(Math.sin, { breakpoints: [0, NaN] })).toThrow(/options\.breakpoints\[1\] must be finite/);
    expect(() => expectNormalAdaptive(Math.sin, { maxOrder: 8 })).toThrow(RangeError);
  });
});
