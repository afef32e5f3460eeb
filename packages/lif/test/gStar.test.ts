import { describe, expect, it } from 'vitest';
import { gStar, simulate, spikeTime } from '@neurobridge/lif';
import { exam, scaledError } from './helpers.js';

describe('gStar — Eq. (5)', () => {
  it('is where the fixed-g equilibrium (V0 − gΔ)/(1+g) of Eq. (8) equals theta', () => {
    for (const V0 of [16, 20, 30, 45, 100]) {
      const p = { ...exam, V0 };
      const g = gStar(p);
      const uInf = (V0 - g * p.Delta) / (1 + g);
      expect(scaledError(uInf, p.theta, 1e-15)).toBeLessThan(1);
    }
  });

  it('exam value V0 = 30: g* = 15/30 = 0.5; negative below threshold', () => {
    expect(gStar(exam)).toBe(0.5);
    expect(gStar({ ...exam, V0: 10 })).toBeLessThan(0);
  });
});

describe('Q2: the neuron stops firing iff g ≥ g*', () => {
  const duration = 1e6; // ms: 10^5 tau, far longer than any finite t_s(g) tested
  for (const V0 of [20, 30, 33.75, 50]) {
    it(`V0 = ${V0}: no spike at g = g* and above, spikes just below`, () => {
      const p = { ...exam, V0, dg: 0 };
      const gs = gStar(p);
      for (const g0 of [gs, gs * (1 + 1e-9), gs * 1.5, gs + 1]) {
        const r = simulate(p, { duration, g0 });
        expect(r.spikes.length).toBe(0);
        expect(r.truncated).toBe(false);
        // u relaxed to its equilibrium, at or below theta.
        expect(r.uEnd).toBeLessThanOrEqual(p.theta);
      }
      for (const g0 of [gs * (1 - 1e-9), gs * (1 - 1e-3), gs * 0.5]) {
        const r = simulate(p, { duration: 10 * spikeTime(p, g0), g0 });
        expect(r.spikes.length).toBe(10);
      }
    });
  }

  it('the Taylor-panel path (finite tauK ≫ duration) agrees: silent just above g*', () => {
    const p = { ...exam, dg: 0, tauK: 1e12 };
    const gs = gStar(p);
    // g decays by 1e-9 relative over the run; starting 1e-6 above g* it stays above.
    expect(simulate(p, { duration: 1000, g0: gs * (1 + 1e-6) }).spikes.length).toBe(0);
    expect(simulate(p, { duration: 1000, g0: gs * (1 - 1e-6) }).spikes.length).toBeGreaterThan(0);
  });
});
