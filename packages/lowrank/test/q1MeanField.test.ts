// Q1: the overlaps of the full network follow the mean field Eq. (10); the error falls like n^(−1/2).
import { activations, createRng } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '../src/index.js';
import { symmetricWithEigenvalues } from './helpers.js';

/** Least-squares slope of log y against log x. */
function logLogSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

describe('Q1: max_t |m_network(t) − m_meanfield(t)| ~ n^(−1/2)', () => {
  it('exponent of the seed-pooled RMS error over n = 250…4000 (6 seeds) lies in −0.5 ± 0.25', () => {
    const rngC = createRng('q1-C');
    // eigenvalues 2 and 0.5 (a nontrivial attractor); ‖C‖₂ = 2, so ξ has sd 2 (xiScale)
    const { C } = symmetricWithEigenvalues([2, 0.5], () => rngC.normal());
    const m0 = [0.8, -0.6];
    const duration = 20;
    const mf = simulateMeanField(C, activations.tanh, m0, { duration, sampleDt: 0.1 });
    const sizes = [250, 500, 1000, 2000, 4000];
    const seeds = [1, 2, 3, 4, 5, 6];
    const sumSq = sizes.map(() => 0);
    for (const seed of seeds) {
      sizes.forEach((n, j) => {
        const net = sampleNetwork({ n, C, rng: createRng(`q1-${seed}-${n}`), xiScale: 2 });
        const res = simulateNetwork(net, activations.tanh, stateWithOverlaps(net, m0), { duration, dt: 0.1, sampleDt: 0.1 });
        let worst = 0;
        for (let s = 0; s < res.t.length; s++) {
          worst = Math.max(worst, Math.hypot(res.m[s][0] - mf.m[s][0], res.m[s][1] - mf.m[s][1]));
        }
        sumSq[j] += worst * worst;
      });
    }
    const rms = sumSq.map((v) => Math.sqrt(v / seeds.length));
    const slope = logLogSlope(sizes, rms);
    // Band: the error is dominated by the finite-size shift of the attractor, a 2-d Gaussian whose
    // norm has log-sd ≈ 0.55; the RMS over 6 seeds has log-sd ≈ 0.22, so the slope over five sizes
    // a factor 2 apart (Σ(log n − mean)² = 4.8) has sd ≈ 0.10: ±0.25 is 2.5 sd.
    // (RK4 with dt = 0.1 adds ~1e−5, far below the 1/√4000 ≈ 0.016 finite-size error.)
    expect(Math.abs(slope + 0.5)).toBeLessThan(0.25);
  }, 60_000);
});
