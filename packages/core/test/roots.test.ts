import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brent, findRoots } from '@neurobridge/core';

const EPS = Number.EPSILON;

describe('brent: known roots', () => {
  it('cos x = x → 0.7390851332151607 (Dottie number)', () => {
    // the nearest double: f(0.7390851332151607) = 0 exactly in double arithmetic
    expect(brent((t) => Math.cos(t) - t, 0, 1)).toBe(0.7390851332151607);
  });
  it('x³ − 2 → 2^{1/3}', () => {
    const x = brent((t) => t ** 3 - 2, 0, 2);
    // polished to one of the two doubles around the sign change: within 1 ulp of ∛2
    expect(Math.abs(x - Math.cbrt(2))).toBeLessThanOrEqual(EPS * Math.cbrt(2));
  });
  it('a root at a bracket end is returned exactly', () => {
    expect(brent((t) => t - 1, 1, 3)).toBe(1);
    expect(brent((t) => t * t - 4, -1, 2)).toBe(2);
  });
  it('works with a > b and with a root at 0 to ~1e-15 absolute', () => {
    expect(Math.abs(brent(Math.sin, 1, -0.5))).toBeLessThan(1e-15);
  });
  it('converges on a discontinuous sign change (bisection fallback)', () => {
    const x = brent((t) => (t < Math.SQRT2 ? -1 : 1), 0, 3);
    expect(Math.abs(x - Math.SQRT2)).toBeLessThan(8 * EPS * 3);
  });
  it('reaches the tolerance in few evaluations on a smooth function', () => {
    let calls = 0;
    brent((t) => (calls++, Math.exp(t) - 5), 0, 4);
    expect(calls).toBeLessThan(15);
  });
});

describe('brent: property on random polynomials with known roots (seeded)', () => {
  it('p(x) = c·(x − r)·(x² + s) on a random bracket around r', () => {
    // p has exactly one real root r (s > 0). Error bound: the returned x has a sign change
    // within xtol + rtol|x|, xtol = 4ε·max(|a|,|b|); we allow that plus the ulp of r.
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (r, s, left, right, c) => {
          const p = (x: number) => c * (x - r) * (x * x + s);
          const a = r - left;
          const b = r + right;
          const x = brent(p, a, b);
          const tol = 4 * EPS * Math.max(Math.abs(a), Math.abs(b)) + 4 * EPS * Math.abs(x) + 2 * EPS * Math.abs(r);
          return Math.abs(x - r) <= tol;
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
  it('shifted functions g(x − r) with g(0) = 0 increasing: tanh, sinh, x|x|, atan', () => {
    const gs = [Math.tanh, Math.sinh, (x: number) => x * Math.abs(x), Math.atan, (x: number) => Math.expm1(x)];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: gs.length - 1 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 1e-2, max: 5, noNaN: true }),
        fc.double({ min: 1e-2, max: 5, noNaN: true }),
        (k, r, left, right) => {
          const a = r - left;
          const b = r + right;
          const x = brent((t) => gs[k](t - r), a, b);
          // x|x| has g'(0) = 0, so its residual is tiny far from r; Brent's criterion is
          // on the bracket width, not the residual, so the same bound holds.
          const tol = 4 * EPS * Math.max(Math.abs(a), Math.abs(b)) + 4 * EPS * Math.abs(x) + 2 * EPS * Math.abs(r);
          return Math.abs(x - r) <= tol;
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('brent: bad input', () => {
  it('no sign change → RangeError with f(a), f(b)', () => {
    expect(() => brent((t) => t * t + 1, -1, 2)).toThrow(/f\(a\) and f\(b\) must have opposite signs; got f\(-1\) = 2, f\(2\) = 5/);
  });
  it('non-finite f → RangeError naming x', () => {
    expect(() => brent((t) => (t > 0.5 ? NaN : t - 0.7), 0, 1)).toThrow(/f must return a finite number; got NaN at x = /);
    expect(() => brent(() => Infinity, 0, 1)).toThrow(RangeError);
  });
  it('maxIter exceeded → RangeError with the last bracket', () => {
    expect(() => brent((t) => (t < 1 / 3 ? -1 : 1), 0, 1, { maxIter: 5 })).toThrow(/did not converge in options\.maxIter = 5 iterations; last bracket \[/);
  });
  it('validates options', () => {
    expect(() => brent((t) => t, -1, 1, { xtol: -1 })).toThrow(/options\.xtol must be > 0/);
    expect(() => brent((t) => t, -1, 1, { rtol: 1e-17 })).toThrow(/options\.rtol must be >= 4ε/);
    expect(() => brent((t) => t, NaN, 1)).toThrow(/a must be finite; got NaN/);
    expect(() => brent(null as unknown as (x: number) => number, 0, 1)).toThrow(TypeError);
  });
});

describe('findRoots', () => {
  it('all 7 roots of sin on [0.5, 22] (kπ, k = 1..7)', () => {
    const roots = findRoots(Math.sin, 0.5, 22);
    expect(roots.length).toBe(7);
    roots.forEach((x, k) => expect(Math.abs(x - (k + 1) * Math.PI)).toBeLessThan(8 * EPS * 22));
  });
  it('exact zeros at grid points are counted once', () => {
    // grid on [-2, 2] with 4 intervals hits −1, 0, 1 exactly; p = x(x² − 1) is 0 there
    const roots = findRoots((x) => x * (x * x - 1), -2, 2, { samples: 4 });
    expect(roots).toEqual([-1, 0, 1]);
    // a zero at an end point
    expect(findRoots((x) => x - 2, 0, 2, { samples: 3 })).toEqual([2]);
    expect(findRoots((x) => x, 0, 2, { samples: 3 })).toEqual([0]);
  });
  it('roots of a random cubic with three known roots (seeded property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3.5, max: 0, noNaN: true }),
        fc.double({ min: 0.1, max: 1.7, noNaN: true }),
        fc.double({ min: 0.1, max: 1.7, noNaN: true }),
        (r0, g1, g2) => {
          // roots separated by more than a grid step (8/100 = 0.08): each has its own sign change
          const r = [r0, r0 + g1, r0 + g1 + g2];
          const found = findRoots((x) => (x - r[0]) * (x - r[1]) * (x - r[2]), -4, 4);
          return found.length === 3 && found.every((x, i) => Math.abs(x - r[i]) < 1e-13);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
  it('a double root without sign change is missed (documented) and the grid size matters', () => {
    expect(findRoots((x) => (x - 1) ** 2, 0, 3)).toEqual([]);
    expect(findRoots((x) => Math.sin(40 * x), 0.01, 1, { samples: 5 }).length).toBeLessThan(12);
    expect(findRoots((x) => Math.sin(40 * x), 0.01, 1, { samples: 400 }).length).toBe(12);
  });
  it('validates input', () => {
    expect(() => findRoots(Math.sin, 1, 1)).toThrow(/a must be < b; got a = 1, b = 1/);
    expect(() => findRoots(Math.sin, 0, 1, { samples: 0 })).toThrow(/options\.samples must be an integer in \[1, 100000000\]; got 0/);
    expect(() => findRoots(Math.log, -1, 1)).toThrow(/f must return a finite number; got NaN at x = -1/);
  });
});
