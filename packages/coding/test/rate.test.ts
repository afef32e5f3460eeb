import { describe, expect, it } from 'vitest';
import { resolveRate } from '@neurobridge/coding';

describe('resolveRate (Hz in, spikes/ms inside)', () => {
  it('a constant: Λ(t) = r(t − lo)/1000, inverse exact', () => {
    const r = resolveRate('rate', 20, 100, 300);
    expect(r.at(150)).toBe(0.02);
    expect(r.cumulative(300)).toBeCloseTo(4, 14);
    expect(r.inverseCumulative(2)).toBeCloseTo(200, 12);
    expect(r.constant).toBe(0.02);
  });
  it('a sampled rate: Λ piecewise linear and exact, its inverse exact, zero stretches skipped', () => {
    const r = resolveRate('rate', { values: [10, 0, 30, 20], dt: 50 }, 0, 200);
    // Λ(200) = (10·50 + 0 + 30·50 + 20·50)/1000 = 3
    expect(r.cumulative(200)).toBeCloseTo(3, 14);
    expect(r.cumulative(75)).toBeCloseTo(0.5, 14);
    expect(r.cumulative(125)).toBeCloseTo(0.5 + 0.75, 14);
    for (const t of [10, 49, 101, 137.5, 180]) expect(r.inverseCumulative(r.cumulative(t))).toBeCloseTo(t, 10);
    expect(r.inverseCumulative(0.5)).toBe(100); // the time where the rate resumes after the zero stretch
    expect(Array.from(r.breakpoints)).toEqual([50, 100, 150]);
    expect(r.bound).toBe(0.03);
  });
  it('a function: Λ by composite Gauss–Legendre equals the closed form to 1e-14 relative', () => {
    const f = (t: number) => 20 + 15 * Math.sin(t / 60);
    const exact = (t: number) => (20 * t + 15 * 60 * (1 - Math.cos(t / 60))) / 1000;
    const r = resolveRate('rate', { rate: f, max: 35 }, 0, 2000);
    for (const t of [0, 0.3, 17, 999.99, 2000]) expect(Math.abs(r.cumulative(t) - exact(t))).toBeLessThanOrEqual(1e-14 * exact(2000));
    for (const t of [3, 500, 1999]) expect(Math.abs(r.inverseCumulative(exact(t)) - t)).toBeLessThan(1e-9);
    expect(r.bound).toBeCloseTo(0.035, 15);
  });
  it('rejects negative, non-finite or unbounded values and windows a sampled rate does not cover', () => {
    expect(() => resolveRate('rate', -1, 0, 1)).toThrow(/rate must be >= 0 and finite; got -1/);
    expect(() => resolveRate('rate', { values: [1, -2], dt: 1 }, 0, 2)).toThrow(/rate.values\[1\] must be >= 0 and finite \(Hz\); got -2/);
    expect(() => resolveRate('rate', { values: [1, 2], dt: 1 }, 0, 3)).toThrow(/rate must cover the window \[0, 3\] ms; its samples cover \[0, 2\]/);
    expect(() => resolveRate('rate', (t: number) => (t > 5 ? -1 : 1), 0, 10).cumulative(10)).toThrow(/rate must return a finite rate >= 0 \(Hz\); got rate\(.*\) = -1/);
    expect(() => resolveRate('rate', { rate: () => 50, max: 40 }, 0, 10).at(1)).toThrow(/rate.max = 40 Hz must bound the rate; got rate\(.*\) = 50/);
    expect(() => resolveRate('rate', { rate: () => 5, mx: 40 } as never, 0, 10)).toThrow(/rate.mx is not a key of rate \(did you mean max\?/);
    expect(() => resolveRate('rate', 'fast' as never, 0, 10)).toThrow(TypeError);
  });
});
