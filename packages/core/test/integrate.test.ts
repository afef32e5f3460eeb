import { describe, expect, it } from 'vitest';
import { integrate } from '@neurobridge/core';
import type { Rhs } from '@neurobridge/core';

const decay: Rhs = (_t, y, d) => {
  d[0] = -y[0];
};
const oscillator: Rhs = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -y[0];
};

describe('integrate: accuracy against closed forms', () => {
  it('exponential decay y = e^{−t} to 1e-10 at t = 5', () => {
    const r = integrate(decay, 0, [1], 5, { rtol: 1e-12, atol: 1e-14 });
    expect(r.status).toBe('success');
    expect(r.tEnd).toBe(5);
    // rtol 1e-12 per step over ~20 steps: global error ~1e-12·e^{-5}, far below 1e-10
    expect(Math.abs(r.yEnd[0] - Math.exp(-5))).toBeLessThan(1e-10);
    expect(Array.from(r.t)).toEqual([0, 5]);
    expect(Array.from(r.y[0])).toEqual([1]);
    expect(r.y[1][0]).toBe(r.yEnd[0]);
  });
  it('harmonic oscillator (cos t, −sin t) to 1e-10 over ten periods', () => {
    const T = 20 * Math.PI;
    const r = integrate(oscillator, 0, [1, 0], T, { rtol: 1e-13, atol: 1e-13 });
    expect(r.status).toBe('success');
    // error grows linearly in t for the oscillator; with tol 1e-13 it stays below 1e-10
    expect(Math.abs(r.yEnd[0] - Math.cos(T))).toBeLessThan(1e-10);
    expect(Math.abs(r.yEnd[1] + Math.sin(T))).toBeLessThan(1e-10);
  });
  it('default tolerances give the documented accuracy (scaled error below ~1)', () => {
    const r = integrate(decay, 0, [1], 3);
    // scipy-style scaled error |err| / (atol + rtol·|y|) with the defaults 1e-9, 1e-6;
    // extrapolation codes are conservative, so a global scaled error of order 1 or less
    const scaled = Math.abs(r.yEnd[0] - Math.exp(-3)) / (1e-9 + 1e-6 * Math.exp(-3));
    expect(scaled).toBeLessThan(10);
    expect(scaled).toBeGreaterThan(0); // not exact: the test is meaningful
  });
  it('dense-output samples match the closed form between steps', () => {
    const ts = Array.from({ length: 101 }, (_, i) => (i * 2 * Math.PI) / 100);
    const r = integrate(oscillator, 0, [1, 0], 2 * Math.PI, { rtol: 1e-12, atol: 1e-12, sample: ts });
    expect(r.t.length).toBe(101);
    // far fewer steps than samples: most samples come from the interpolant
    expect(r.stats.nAccept).toBeLessThan(50);
    let worst = 0;
    for (let i = 0; i < ts.length; i++) {
      expect(r.t[i]).toBe(ts[i]);
      worst = Math.max(worst, Math.abs(r.y[i][0] - Math.cos(ts[i])), Math.abs(r.y[i][1] + Math.sin(ts[i])));
    }
    // the dense output of odex is of the order of the step (interpolation error estimated
    // and controlled): at tol 1e-12 the interpolant is good to ~1e-11
    expect(worst).toBeLessThan(1e-10);
  });
  it('a { dt } grid gives t0 + k·dt up to t1', () => {
    const r = integrate(decay, 0, [1], 1, { sample: { dt: 0.1 }, rtol: 1e-10, atol: 1e-12 });
    expect(r.t.length).toBe(11);
    expect(r.t[10]).toBeCloseTo(1, 14);
    for (let k = 0; k <= 10; k++) expect(Math.abs(r.y[k][0] - Math.exp(-r.t[k]))).toBeLessThan(1e-9);
    const r2 = integrate(decay, 0, [1], 1, { sample: { dt: 0.3 } });
    expect(Array.from(r2.t).map((x) => +x.toFixed(12))).toEqual([0, 0.3, 0.6, 0.9]);
  });
  it('integrates a 200-dimensional system (independent decays with rates 1..200)', () => {
    const n = 200;
    const rhs: Rhs = (_t, y, d) => {
      for (let i = 0; i < n; i++) d[i] = -(i + 1) * 0.01 * y[i];
    };
    const y0 = new Float64Array(n).fill(1);
    const r = integrate(rhs, 0, y0, 2, { rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe('success');
    for (let i = 0; i < n; i++) expect(Math.abs(r.yEnd[i] - Math.exp(-(i + 1) * 0.02))).toBeLessThan(1e-9);
  });
  it('time-dependent rhs: y\' = cos t gives sin t', () => {
    const r = integrate((t, _y, d) => {
      d[0] = Math.cos(t);
    }, 0, [0], 10, { rtol: 1e-12, atol: 1e-12 });
    expect(Math.abs(r.yEnd[0] - Math.sin(10))).toBeLessThan(1e-10);
  });
  it('does not modify y0 and returns fresh arrays', () => {
    const y0 = [1, 0];
    const r = integrate(oscillator, 0, y0, 1);
    expect(y0).toEqual([1, 0]);
    expect(r.y[0]).not.toBe(r.yEnd);
  });
  it('t1 = t0 returns the initial state', () => {
    const r = integrate(oscillator, 2, [1, 0], 2);
    expect(r.status).toBe('success');
    expect(r.tEnd).toBe(2);
    expect(Array.from(r.yEnd)).toEqual([1, 0]);
    expect(r.stats.nEval).toBe(0);
  });
});

describe('integrate: statistics', () => {
  it('counts every rhs evaluation and every accepted step', () => {
    let calls = 0;
    const r = integrate((t, y, d) => {
      calls++;
      decay(t, y, d);
    }, 0, [1], 10, { rtol: 1e-8 });
    expect(r.stats.nEval).toBe(calls);
    expect(r.stats.nAccept).toBeGreaterThan(0);
    expect(r.stats.nReject).toBeGreaterThanOrEqual(0);
    expect(r.stats.nEvents).toBe(0);
    expect(r.stats.nRestarts).toBe(0);
  });
  it('tighter tolerances take more steps', () => {
    const loose = integrate(oscillator, 0, [1, 0], 10, { rtol: 1e-4, atol: 1e-4 });
    const tight = integrate(oscillator, 0, [1, 0], 10, { rtol: 1e-12, atol: 1e-12 });
    expect(tight.stats.nEval).toBeGreaterThan(loose.stats.nEval);
    expect(Math.abs(tight.yEnd[0] - Math.cos(10))).toBeLessThan(Math.abs(loose.yEnd[0] - Math.cos(10)));
  });
  it('maxStepSize bounds the step: at least (t1 − t0)/maxStepSize steps', () => {
    const r = integrate(decay, 0, [1], 10, { maxStepSize: 0.5 });
    expect(r.stats.nAccept).toBeGreaterThanOrEqual(20);
  });
});

describe('integrate: failure statuses', () => {
  it("maxSteps: stops with status 'maxSteps' at the last accepted step", () => {
    const r = integrate(oscillator, 0, [1, 0], 1000, { maxSteps: 5, rtol: 1e-10, atol: 1e-10 });
    expect(r.status).toBe('maxSteps');
    expect(r.message).toMatch(/maxSteps \(5\)/);
    expect(r.stats.nAccept + r.stats.nReject).toBe(5);
    expect(r.tEnd).toBeGreaterThan(0);
    expect(r.tEnd).toBeLessThan(1000);
    // the state reported is the solution at tEnd
    expect(Math.abs(r.yEnd[0] - Math.cos(r.tEnd))).toBeLessThan(1e-8);
    expect(r.t[r.t.length - 1]).toBe(r.tEnd);
  });
  it("nonFinite: blow-up y' = y² (y(0) = 1, singular at t = 1) is reported with the time", () => {
    const r = integrate((_t, y, d) => {
      d[0] = y[0] * y[0];
    }, 0, [1], 2);
    // the discrete solution overflows at the singularity (odex steps a hair past t = 1
    // before y² overflows: measured tEnd = 1 + 2.6e-7, y ~ 1e148)
    expect(r.status).toBe('nonFinite');
    expect(r.message).toMatch(/non-finite derivative dydt\[0\] = Infinity at t = 1\.0000/);
    expect(Math.abs(r.tEnd - 1)).toBeLessThan(1e-3);
    expect(r.yEnd[0]).toBeGreaterThan(1e10);
  });
  it("nonFinite: a NaN derivative stops with status 'nonFinite' naming t, not an exception", () => {
    const r = integrate((t, y, d) => {
      d[0] = t < 0.5 ? -y[0] : Number.NaN;
    }, 0, [1], 1);
    expect(r.status).toBe('nonFinite');
    // reported at the first evaluation with t >= 0.5 (a stage time of odex's step)
    const where = /non-finite derivative dydt\[0\] = NaN at t = ([0-9.e-]+); last finite state at t = ([0-9.e-]+)/.exec(r.message);
    expect(where).not.toBeNull();
    expect(Number(where![1])).toBeGreaterThanOrEqual(0.5);
    expect(Number(where![2])).toBe(r.tEnd);
    expect(r.tEnd).toBeLessThan(0.5);
    expect(Number.isFinite(r.yEnd[0])).toBe(true);
    expect(Math.abs(r.yEnd[0] - Math.exp(-r.tEnd))).toBeLessThan(1e-6);
  });
});

describe('integrate: dense output only when needed', () => {
  it('with and without dense output (an event that never fires) both meet the tolerance', () => {
    const T = 10;
    const plain = integrate(oscillator, 0, [1, 0], T, { rtol: 1e-12, atol: 1e-12 });
    const dense = integrate(oscillator, 0, [1, 0], T, {
      rtol: 1e-12,
      atol: 1e-12,
      events: [{ value: (_t, y) => y[0] - 2 }], // |cos t| <= 1: never 0
    });
    for (const r of [plain, dense]) {
      expect(Math.abs(r.yEnd[0] - Math.cos(T))).toBeLessThan(1e-10);
      expect(Math.abs(r.yEnd[1] + Math.sin(T))).toBeLessThan(1e-10);
    }
    // different step-number sequences (odex: 2,4,6,... without, 2,6,10,... with dense output)
    expect(plain.stats.nAccept).not.toBe(dense.stats.nAccept);
  });
});
