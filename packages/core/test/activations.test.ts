import { describe, expect, it } from 'vitest';
import { activations, defineActivation, erf, linear, relu, sigmoid, square, tanh, type Activation } from '@neurobridge/core';

/**
 * Central differences with step h have truncation error h²/6·|g'''| plus rounding
 * ~ε·|g|/h. With h = 1e-5 and |g|, |g'''| ≤ ~10 on the sample points, the error is
 * ≤ 10·1e-10/6 + 10·2.2e-16/1e-5 ≈ 4e-10; we allow 1e-8·max(1, |value|).
 */
function centralDiff(g: (x: number) => number, x: number, h = 1e-5): number {
  return (g(x + h) - g(x - h)) / (2 * h);
}

const xs = [-7.3, -3, -1.2, -0.4, -1e-3, 0.37, 0.9, 1.7, 2.5, 6.1];

describe.each(Object.values(activations))('activation $name', (act: Activation) => {
  const smooth = act.name !== 'relu';
  it('df matches central differences of f, d2f matches those of df', () => {
    for (const x of xs) {
      if (!smooth && Math.abs(x) < 1e-2) continue; // relu: kink at 0, FD straddles it
      expect(Math.abs(act.df(x) - centralDiff((t) => act.f(t), x))).toBeLessThan(1e-8 * Math.max(1, Math.abs(act.df(x))));
      expect(Math.abs(act.d2f(x) - centralDiff((t) => act.df(t), x))).toBeLessThan(1e-8 * Math.max(1, Math.abs(act.d2f(x))));
    }
  });
  it('is frozen and named', () => {
    expect(Object.isFrozen(act)).toBe(true);
    expect(activations[act.name as keyof typeof activations]).toBe(act);
  });
  it('takes its limits at ±∞: never NaN; finite for the bounded ones', () => {
    const bounded = !['linear', 'square', 'relu'].includes(act.name); // these have ρ(±∞) = ±∞
    for (const x of [Infinity, -Infinity]) {
      for (const v of [act.f(x), act.df(x), act.d2f(x)]) {
        expect(Number.isNaN(v)).toBe(false);
        if (bounded) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
  it('propagates NaN', () => {
    expect(act.f(NaN)).toBeNaN();
    expect(act.df(NaN)).toBeNaN();
    expect(act.d2f(NaN)).toBeNaN();
  });
});

describe('closed forms', () => {
  it('linear, square', () => {
    expect([linear.f(3), linear.df(3), linear.d2f(3)]).toEqual([3, 1, 0]);
    expect([square.f(-3), square.df(-3), square.d2f(-3)]).toEqual([9, -6, 2]);
  });
  it('relu convention: relu(0) = 0, relu\'(0) = 0, relu\'\' = 0', () => {
    expect(relu.f(0)).toBe(0);
    expect(relu.df(0)).toBe(0);
    expect(relu.df(1e-300)).toBe(1);
    expect(relu.df(-1e-300)).toBe(0);
    expect(relu.d2f(2)).toBe(0);
    expect(relu.f(-2)).toBe(0);
    expect(relu.f(2.5)).toBe(2.5);
  });
  it('tanh derivatives at 0 and the known tanh\'(1) = sech²(1)', () => {
    expect(tanh.df(0)).toBe(1);
    expect(tanh.d2f(0) === 0).toBe(true); // −0 is fine
    // sech²(1) = 1/cosh²(1), independent of 1 − tanh²
    expect(Math.abs(tanh.df(1) - 1 / Math.cosh(1) ** 2)).toBeLessThan(4e-16);
  });
  it('sigmoid is stable for large |x| and its derivatives keep relative accuracy', () => {
    expect(sigmoid.f(0)).toBe(0.5);
    expect(sigmoid.df(0)).toBe(0.25);
    expect(sigmoid.f(800)).toBe(1);
    expect(sigmoid.f(-800)).toBe(0);
    // σ(−40) = e^{−40}/(1 + e^{−40}); σ'(40) = e^{−40}/(1 + e^{−40})² ≈ e^{−40}(1 − 2e^{−40})
    const e40 = Math.exp(-40);
    expect(Math.abs(sigmoid.f(-40) / (e40 / (1 + e40)) - 1)).toBeLessThan(4e-16);
    expect(Math.abs(sigmoid.df(40) / e40 - 1)).toBeLessThan(4e-16); // naive σ(1−σ) gives 0 here
    expect(Math.abs(sigmoid.d2f(-40) / e40 - 1)).toBeLessThan(4e-16); // σ'' ≈ σ' for x → −∞
    expect(Number.isFinite(sigmoid.df(-1000))).toBe(true);
  });
  it('erf derivatives: df = 2/√π e^{−x²}, d2f = −2x df', () => {
    expect(erf.df(0)).toBe(2 / Math.sqrt(Math.PI));
    expect(erf.d2f(1.5)).toBeCloseTo(-3 * erf.df(1.5), 15);
    expect(erf.f(1)).toBe(0.8427007929497149);
  });
});

describe('defineActivation', () => {
  const spec = { name: 'cube', f: (x: number) => x ** 3, df: (x: number) => 3 * x * x, d2f: (x: number) => 6 * x };
  it('returns a frozen activation', () => {
    const a = defineActivation(spec);
    expect(Object.isFrozen(a)).toBe(true);
    expect([a.name, a.f(2), a.df(2), a.d2f(2)]).toEqual(['cube', 8, 12, 12]);
  });
  it('rejects a missing/empty name and non-function members with TypeError', () => {
    expect(() => defineActivation({ ...spec, name: '' })).toThrow(TypeError);
    expect(() => defineActivation({ ...spec, name: 3 as unknown as string })).toThrow(/spec\.name must be a non-empty string; got 3/);
    expect(() => defineActivation({ ...spec, df: 1 as unknown as (x: number) => number })).toThrow(/spec\.df of activation "cube" must be a function; got 1/);
    expect(() => defineActivation({ ...spec, d2f: undefined as unknown as (x: number) => number })).toThrow(TypeError);
    expect(() => defineActivation(null as unknown as typeof spec)).toThrow(TypeError);
  });
});
