import { activations } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { gain, simulateMeanField } from '../src/index.js';

describe('simulateMeanField, Eq. (10)', () => {
  it('rank 1: dm/dt = (f(|m|) λ − 1) m; for φ = linear the solution is m0 e^{(λ−1)t}', () => {
    const r = simulateMeanField([[1.3]], activations.linear, [0.2], { duration: 5, sampleDt: 1 });
    expect(r.status).toBe('success');
    r.t.forEach((t, s) => {
      // rtol 1e-10 of the integrator: relative error ≲ 1e-9 over 5 time constants
      expect(Math.abs(r.m[s][0] / (0.2 * Math.exp(0.3 * t)) - 1)).toBeLessThan(1e-9);
    });
  });

  it('rank 1, tanh: m(t) satisfies its own ODE (central difference of the samples)', () => {
    const r = simulateMeanField([[2]], activations.tanh, [0.1], { duration: 6, sampleDt: 1e-3 });
    for (const s of [500, 2000, 5000]) {
      const dm = (r.m[s + 1][0] - r.m[s - 1][0]) / (r.t[s + 1] - r.t[s - 1]);
      const m = r.m[s][0];
      // FD truncation h² m'''/6 ~ 1e-7 with h = 1e-3
      expect(Math.abs(dm - (gain(activations.tanh, Math.abs(m)) * 2 * m - m))).toBeLessThan(1e-6);
    }
  });

  it('reports maxSteps and rejects bad input', () => {
    const capped = simulateMeanField([[2, 1], [-1, 2]], activations.tanh, [0.1, 0], { duration: 1000, maxSteps: 5 });
    expect(capped.status).toBe('maxSteps');
    expect(() => simulateMeanField([[1]], activations.tanh, [0.1], { duration: 0 })).toThrow(/duration must be > 0/);
    expect(() => simulateMeanField([[1]], activations.tanh, [0.1, 2], { duration: 1 })).toThrow(/m0 must have length 1/);
    expect(() => simulateMeanField([[1, 0]], activations.tanh, [0.1], { duration: 1 })).toThrow(/square/);
    expect(() => simulateMeanField([[1]], activations.tanh, [Infinity], { duration: 1 })).toThrow(/m0\[0\] must be finite/);
    expect(() => simulateMeanField([[1]], activations.tanh, [0], { duration: 1, rtol: -1 })).toThrow(/rtol must be > 0/);
  });
});
