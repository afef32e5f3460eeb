import { describe, expect, it } from 'vitest';
import { createEulerStepper, createRk4Stepper, euler, rk4 } from '@neurobridge/core';
import type { Rhs } from '@neurobridge/core';

/** y' = −y + sin t, y(0) = 1; closed form y = (3/2)e^{−t} + (sin t − cos t)/2. */
const forced: Rhs = (t, y, d) => {
  d[0] = -y[0] + Math.sin(t);
};
const forcedExact = (t: number): number => 1.5 * Math.exp(-t) + 0.5 * (Math.sin(t) - Math.cos(t));

/** Harmonic oscillator x'' = −x as a system; closed form (cos t, −sin t). */
const oscillator: Rhs = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -y[0];
};

/** Least-squares slope of log(err) against log(h). */
function fittedOrder(hs: number[], errs: number[]): number {
  const xs = hs.map(Math.log);
  const ys = errs.map(Math.log);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}

describe('fixed-step convergence orders', () => {
  const T = 2;
  const stepsList = [20, 40, 80, 160, 320];
  it('forward Euler converges with order 1', () => {
    const hs: number[] = [];
    const errs: number[] = [];
    for (const steps of stepsList) {
      const r = euler(forced, 0, [1], T, { steps, record: 'end' });
      hs.push(T / steps);
      errs.push(Math.abs(r.yEnd[0] - forcedExact(T)));
    }
    // asymptotic order 1; at these h the O(h²) term shifts the fit by well under 0.05
    expect(Math.abs(fittedOrder(hs, errs) - 1)).toBeLessThan(0.05);
  });
  it('classical RK4 converges with order 4', () => {
    const hs: number[] = [];
    const errs: number[] = [];
    // finer steps than for Euler: at 20 steps the error ratio is still 9.8 (pre-asymptotic)
    for (const steps of [80, 160, 320, 640]) {
      const r = rk4(forced, 0, [1], T, { steps, record: 'end' });
      hs.push(T / steps);
      errs.push(Math.abs(r.yEnd[0] - forcedExact(T)));
    }
    // errors from 1.5e-10 down to 4e-14, above rounding (~1e-16): measured slope 3.94
    expect(Math.abs(fittedOrder(hs, errs) - 4)).toBeLessThan(0.1);
  });
  it('RK4 on the harmonic oscillator has order 4 in both components', () => {
    const hs: number[] = [];
    const errs: number[] = [];
    const T2 = 5;
    for (const steps of stepsList) {
      const r = rk4(oscillator, 0, [1, 0], T2, { steps });
      hs.push(T2 / steps);
      errs.push(Math.hypot(r.yEnd[0] - Math.cos(T2), r.yEnd[1] + Math.sin(T2)));
    }
    expect(Math.abs(fittedOrder(hs, errs) - 4)).toBeLessThan(0.1);
  });
});

describe('fixed-step exact values', () => {
  it('one Euler step is y + h·f(t, y)', () => {
    const s = createEulerStepper(2);
    const y = Float64Array.of(1, 2);
    s.step(oscillator, 0, y, 0.1);
    expect(Array.from(y)).toEqual([1 + 0.1 * 2, 2 - 0.1 * 1]);
  });
  it('one RK4 step on y\' = y is the degree-4 Taylor polynomial of e^h', () => {
    // For a linear autonomous problem RK4 gives y·(1 + h + h²/2 + h³/6 + h⁴/24) exactly.
    const s = createRk4Stepper(1);
    const y = Float64Array.of(1);
    const h = 0.3;
    s.step((_t, u, d) => {
      d[0] = u[0];
    }, 0, y, h);
    expect(y[0]).toBeCloseTo(1 + h + h ** 2 / 2 + h ** 3 / 6 + h ** 4 / 24, 15);
  });
  it('RK4 integrates a cubic in t exactly (quadrature is Simpson)', () => {
    // y' = 4t³ → y(t1) = t1⁴; Simpson's rule is exact for cubics.
    const r = rk4((t, _y, d) => {
      d[0] = 4 * t ** 3;
    }, 0, [0], 2, { steps: 3 });
    expect(r.yEnd[0]).toBeCloseTo(16, 12);
  });
  it('records steps + 1 states at t0 + k·h, ending exactly at t1', () => {
    const r = rk4(oscillator, 0, [1, 0], 1, { steps: 10 });
    expect(r.t.length).toBe(11);
    expect(r.y.length).toBe(11);
    expect(r.t[0]).toBe(0);
    expect(r.t[10]).toBe(1);
    expect(r.t[3]).toBeCloseTo(0.3, 15);
    expect(Array.from(r.y[10])).toEqual(Array.from(r.yEnd));
    expect(r.y[0]).not.toBe(r.y[1]);
    expect(Array.from(r.y[0])).toEqual([1, 0]);
  });
  it("record: 'end' keeps t0 and t1 only", () => {
    const r = euler(oscillator, 0, [1, 0], 1, { steps: 10, record: 'end' });
    expect(Array.from(r.t)).toEqual([0, 1]);
    expect(r.y.length).toBe(2);
    expect(Array.from(r.y[1])).toEqual(Array.from(r.yEnd));
  });
  it('integrates backwards when t1 < t0', () => {
    // decay run backwards from t = 1: y(0) = y(1)·e
    const r = rk4((_t, y, d) => {
      d[0] = -y[0];
    }, 1, [Math.exp(-1)], 0, { steps: 200 });
    // RK4 global error ~ h⁴ = (1/200)⁴ ≈ 6e-10
    expect(Math.abs(r.yEnd[0] - 1)).toBeLessThan(1e-9);
  });
  it('a step does not allocate: same buffers, y updated in place', () => {
    const s = createRk4Stepper(3);
    const y = new Float64Array(3).fill(1);
    const seen = new Set<Float64Array>();
    const rhs: Rhs = (_t, u, d) => {
      seen.add(d);
      for (let i = 0; i < 3; i++) d[i] = -u[i];
    };
    for (let k = 0; k < 100; k++) s.step(rhs, k * 0.01, y, 0.01);
    // four stage buffers, reused across all 100 steps
    expect(seen.size).toBe(4);
    expect(y[0]).toBeCloseTo(Math.exp(-1), 9);
  });
});

describe('fixed-step validation', () => {
  it('rejects bad arguments with the parameter named', () => {
    expect(() => createRk4Stepper(0)).toThrow(/dim must be an integer >= 1; got 0/);
    expect(() => createEulerStepper(1.5)).toThrow(RangeError);
    expect(() => rk4(oscillator, 0, [1, 0], 1, { steps: 0 })).toThrow(/options.steps must be an integer >= 1; got 0/);
    expect(() => euler(oscillator, 0, [1, Number.NaN], 1, { steps: 3 })).toThrow(/y0\[1\] must be finite; got NaN/);
    expect(() => rk4(oscillator, Number.NaN, [1, 0], 1, { steps: 3 })).toThrow(/t0 must be finite/);
    expect(() => rk4(oscillator, 0, [1, 0], Infinity, { steps: 3 })).toThrow(/t1 must be finite/);
    // @ts-expect-error record must be 'all' or 'end'
    expect(() => rk4(oscillator, 0, [1, 0], 1, { steps: 3, record: 'some' })).toThrow(TypeError);
    // @ts-expect-error rhs must be a function
    expect(() => rk4(42, 0, [1], 1, { steps: 3 })).toThrow(/rhs must be a function/);
    const s = createRk4Stepper(2);
    expect(() => s.step(oscillator, 0, new Float64Array(3), 0.1)).toThrow(/y.length must equal the stepper dimension 2; got 3/);
  });
});
