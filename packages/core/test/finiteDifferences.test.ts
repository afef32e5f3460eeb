import { describe, expect, it } from 'vitest';
import { derivative, gradientCentral, gradientForward } from '@neurobridge/core';

/** f(x) = exp(x0)·sin(x1) + x1·x2² + cos(3 x2), with its exact gradient. */
const f = (x: Float64Array): number => Math.exp(x[0]) * Math.sin(x[1]) + x[1] * x[2] * x[2] + Math.cos(3 * x[2]);
const grad = (x: number[]): number[] => [
  Math.exp(x[0]) * Math.sin(x[1]),
  Math.exp(x[0]) * Math.cos(x[1]) + x[2] * x[2],
  2 * x[1] * x[2] - 3 * Math.sin(3 * x[2]),
];
const x0 = [0.3, -1.1, 0.7];

/** Observed order log2(e(h)/e(h/2)) over a ladder of steps in the truncation-dominated range. */
function observedOrders(errorAt: (h: number) => number): number[] {
  const hs = [4e-3, 2e-3, 1e-3, 5e-4];
  const errs = hs.map(errorAt);
  return errs.slice(1).map((e, k) => Math.log2(errs[k] / e));
}

describe('finite differences: convergence orders', () => {
  // For h in [5e-4, 4e-3] the rounding error ε·|f|/h ≤ 5e-12 is ≪ the truncation error
  // (≥ 1e-8 central, ≥ 1e-4 forward), so the observed order is the truncation order up to
  // the next Taylor term, a relative correction c·h with c = |f'''/(3f'')| ≤ 4 here
  // (forward) → ≤ 1.6% in the error ratio → < 0.03 in the order; we allow ±0.05.
  it('central difference is order 2', () => {
    for (let i = 0; i < 3; i++) {
      const orders = observedOrders((h) => Math.abs(gradientCentral(f, x0, { h })[i] - grad(x0)[i]));
      for (const p of orders) expect(Math.abs(p - 2)).toBeLessThan(0.05);
    }
    const orders = observedOrders((h) => Math.abs(derivative(Math.sin, 0.7, { h }) - Math.cos(0.7)));
    for (const p of orders) expect(Math.abs(p - 2)).toBeLessThan(0.05);
  });
  it('forward difference is order 1', () => {
    for (let i = 0; i < 3; i++) {
      const orders = observedOrders((h) => Math.abs(gradientForward(f, x0, { h })[i] - grad(x0)[i]));
      for (const p of orders) expect(Math.abs(p - 1)).toBeLessThan(0.05);
    }
    const orders = observedOrders((h) => Math.abs(derivative(Math.sin, 0.7, { h, method: 'forward' }) - Math.cos(0.7)));
    for (const p of orders) expect(Math.abs(p - 1)).toBeLessThan(0.05);
  });
});

describe('finite differences: default steps', () => {
  // central, h = ε^{1/3}·max(1,|x|) ≈ 6e-6: error ≈ h²/6·|f'''| + ε|f|/h ≈ 6e-12·|f'''| + 4e-11·|f|
  // forward, h = √ε·max(1,|x|) ≈ 1.5e-8: error ≈ h/2·|f''| + 2ε|f|/h ≈ 7.5e-9·|f''| + 3e-8·|f|
  // with |f|, |f''|, |f'''| ≤ ~10 here: bounds 5e-10 (central) and 5e-7 (forward).
  it('reach the near-optimal accuracy', () => {
    const gc = gradientCentral(f, x0);
    const gf = gradientForward(f, x0);
    const g = grad(x0);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(gc[i] - g[i])).toBeLessThan(5e-10);
      expect(Math.abs(gf[i] - g[i])).toBeLessThan(5e-7);
    }
    expect(Math.abs(derivative(Math.exp, 1) - Math.E)).toBeLessThan(5e-10 * Math.E);
    expect(Math.abs(derivative(Math.exp, 1, { method: 'forward' }) - Math.E)).toBeLessThan(5e-7 * Math.E);
  });
  it('scale the step with |x| (relative accuracy far from 0)', () => {
    // d/dx log x at x = 1e6 is 1e-6; a fixed h = 6e-6 would lose ~10 digits to rounding
    expect(Math.abs(derivative(Math.log, 1e6) * 1e6 - 1)).toBeLessThan(1e-9);
  });
  it('restores x between calls and does not mutate the input', () => {
    const x = [1, 2, 3];
    const seen: number[][] = [];
    gradientCentral((v) => (seen.push(Array.from(v)), v[0] + v[1] + v[2]), x);
    expect(x).toEqual([1, 2, 3]);
    for (const v of seen) expect(v.filter((vi, i) => vi !== x[i]).length).toBe(1);
    expect(seen.length).toBe(6);
  });
});

describe('finite differences: bad input', () => {
  it('throws with the parameter named', () => {
    expect(() => gradientCentral(f, [0, NaN, 0])).toThrow(/x\[1\] must be finite; got NaN/);
    expect(() => gradientCentral(f, x0, { h: 0 })).toThrow(/options\.h must be > 0 and finite; got 0/);
    expect(() => gradientForward(() => NaN, [1])).toThrow(/f must return a finite number; got NaN/);
    expect(() => gradientCentral(() => Infinity, [1])).toThrow(RangeError);
    expect(() => derivative((x) => 1 / (x - 1e-7), 0)).not.toThrow();
    expect(() => derivative(Math.log, -1)).toThrow(/f must return a finite number; got NaN at x = /);
    expect(() => derivative(Math.sin, 0, { method: 'backward' as 'forward' })).toThrow(/options\.method/);
    expect(() => derivative(3 as unknown as (x: number) => number, 0)).toThrow(TypeError);
  });
});
