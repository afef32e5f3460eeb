import { describe, expect, it } from 'vitest';
import { gStar, simulate, spikeTime } from '@neurobridge/lif';
import { bisect, exam, scaledError } from './helpers.js';

/** Eq. (9): u(t) at fixed g from u(0) = 0, written out independently of the library. */
function eq9(p: { tau: number; V0: number; Delta: number }, g: number, t: number): number {
  return ((p.V0 - g * p.Delta) / (1 + g)) * (1 - Math.exp((-t * (1 + g)) / p.tau));
}

describe('spikeTime — Eq. (4)', () => {
  it('solves Eq. (9) = theta (independent bisection), for a sweep of g below g*', () => {
    const gs = gStar(exam);
    for (const frac of [0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999]) {
      const g = frac * gs;
      const ts = spikeTime(exam, g);
      const root = bisect((t) => eq9(exam, g, t) - exam.theta, 0, 1e4);
      // bisection to the last bit of t; the log1p form keeps ~1e-15 relative even near g*.
      // near g* the root is ill-conditioned (u' ~ 0 at theta), hence the looser 1e-9 there.
      expect(scaledError(ts, root, frac > 0.99 ? 1e-9 : 1e-13)).toBeLessThan(1);
    }
  });

  it('exam value: V0 = 30, g = 0 gives tau·log 2', () => {
    // Eq. (4) at g = 0: tau log(V0/(V0 − theta)) = 10 log 2.
    expect(scaledError(spikeTime(exam, 0), 10 * Math.LN2, 1e-15)).toBeLessThan(1);
  });

  it('is Infinity at and above g*, finite just below', () => {
    const p = { ...exam, V0: 33.75 }; // g* = 18.75/30 = 0.625, exact in binary
    expect(gStar(p)).toBe(0.625);
    expect(spikeTime(p, 0.625)).toBe(Infinity);
    expect(spikeTime(p, 0.7)).toBe(Infinity);
    expect(Number.isFinite(spikeTime(p, 0.625 * (1 - 1e-12)))).toBe(true);
  });

  it('rejects a bad g', () => {
    expect(() => spikeTime(exam, -1)).toThrow(/g must be finite and >= 0; got -1/);
    expect(() => spikeTime(exam, NaN)).toThrow(RangeError);
    // issue 16: the value, not only its kind
    expect(() => spikeTime(exam, '1' as never)).toThrow(/^g must be a number; got "1"$/);
    expect(() => spikeTime(exam, null as never)).toThrow(/^g must be a number; got null$/);
  });
});

describe('Q1 by simulation', () => {
  it('first simulated spike from u = 0, g = 0 is t_s(0)', () => {
    for (const tauK of [Infinity, 50]) {
      for (const td of [0, 3]) {
        const p = { ...exam, tauK, td };
        const r = simulate(p, { duration: 100 });
        expect(scaledError(r.spikes[0], spikeTime(p, 0), 1e-14)).toBeLessThan(1);
      }
    }
  });

  it('with g held fixed (dg = 0, g0 given), every ISI is t_s(g): closed form and Taylor panels', () => {
    const gs = gStar(exam);
    for (const frac of [0.05, 0.2, 0.4, 0.6, 0.8, 0.95]) {
      const g0 = frac * gs;
      const ts = spikeTime(exam, g0);
      // tauK = Infinity takes the closed-form path; tauK = 1e300 keeps g fixed to 1e-297
      // but goes through the Taylor-panel integrator and its Newton crossing: an independent check.
      for (const tauK of [Infinity, 1e300]) {
        const r = simulate({ ...exam, dg: 0, tauK }, { duration: 20 * ts, g0 });
        expect(r.spikes.length).toBeGreaterThanOrEqual(19);
        for (let k = 0; k < r.spikes.length; k++) {
          // spike k at (k+1)·t_s; accumulated rounding in t grows ~k·1e-16.
          expect(scaledError(r.spikes[k], (k + 1) * ts, 1e-13)).toBeLessThan(1);
        }
      }
    }
  });
});
