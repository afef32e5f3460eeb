import { createRng } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { linearDecay, linearOverlaps, linearStageWeight, nextLinearOverlap } from '../src/network/networkKernels.js';

// The rank-2 tanh kernel runs RK4 in its linear form (networkKernels.ts): x_new = R x + Σ d_K φ_K and
// stage overlaps from m(x) and Φ_K. Checked here against the classical stages written out.
describe('RK4 in its linear form (rank-2 tanh kernel)', () => {
  it('R(h) is RK4\'s factor for x\' = −x, 1 − h + h²/2 − h³/6 + h⁴/24 (to 4 ulp)', () => {
    for (const h of [1e-4, 0.01, 0.05, 0.3, 1, 2.5]) {
      const want = 1 - h + h * h / 2 - h ** 3 / 6 + h ** 4 / 24;
      // two roundings of O(1) terms in each expression
      expect(Math.abs(linearDecay(h) - want)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(want)));
    }
  });

  it('x_new and the stage overlaps equal the classical RK4 stages for arbitrary stage values (to 1e-15 relative)', () => {
    const rng = createRng('linear-rk4');
    for (const h of [0.01, 0.05, 0.4, 1.3]) {
      // one neuron's x and four stage values φ_K; ξ = (ξ0, ξ1), n = 1 so Φ_K = ξ φ_K
      const x = rng.normal(), phi = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
      const xi = [rng.normal(), rng.normal()];
      // classical
      const k1 = phi[0] - x, s2 = x + (h / 2) * k1;
      const k2 = phi[1] - s2, s3 = x + (h / 2) * k2;
      const k3 = phi[2] - s3, s4 = x + h * k3;
      const k4 = phi[3] - s4;
      const xNew = x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      // linear form
      const lin = linearDecay(h) * x + phi.reduce((sum, f, K) => sum + linearStageWeight(K, h) * f, 0);
      const scale = Math.abs(x) + phi.reduce((s, f) => s + Math.abs(f), 0);
      // both sides round about a dozen products and sums of terms bounded by scale·max(1, h): a few
      // ulp of scale (1.1e-16 each), well below this bound and far below any coefficient slip (≥ 1e-7 relative)
      expect(Math.abs(lin - xNew)).toBeLessThan(1e-15 * scale * 4);
      // overlaps: a ← m(x); after each stage the next stage's overlap must be ξ s_{K+1}
      const a = Float64Array.from(xi, (c) => c * x);
      const state = linearOverlaps();
      const stages = [s2, s3, s4];
      for (let K = 0; K < 3; K++) {
        nextLinearOverlap(K, h, Float64Array.from(xi, (c) => c * phi[K]), state, a);
        for (let mu = 0; mu < 2; mu++) expect(Math.abs(a[mu] - xi[mu] * stages[K])).toBeLessThan(1e-15 * 4 * scale * Math.abs(xi[mu]) + 1e-300);
      }
      // after stage 3 the sums are m(x_new) itself
      const mNew = Float64Array.from(xi, (c) => c * xNew);
      nextLinearOverlap(3, h, mNew, state, a);
      expect(Array.from(a)).toEqual(Array.from(mNew));
    }
  });
});
