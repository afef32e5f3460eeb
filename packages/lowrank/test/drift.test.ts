// Q2: Eq. (8) from Eq. (5) — a Monte-Carlo estimate of ⟨ξ_μ φ(Σ_ν m_ν η_ν)⟩ over the Gaussian
// loadings of Eq. (3) equals f(|m|) (C m)_μ within sampling error.
import { activations, createRng } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { gain, networkDrift, sampleNetwork } from '../src/index.js';

describe('Eq. (8): ⟨ξ_μ φ(Σ m_ν η_ν)⟩ = f(|m|) (C m)_μ', () => {
  const C = [[0.6, -0.3, 0.2], [0.25, 0.5, -0.1], [-0.2, 0.1, 0.7]];
  const n = 400_000;
  const net = sampleNetwork({ n, C, rng: createRng('q2') });
  const ms = [[0.4, -0.2, 0.9], [1.5, 0.5, -1.0], [0.05, 0.1, 0.02]];
  // tanh (odd), sigmoid (not odd: its even part drops out since E[z g_even(|m| z)] = 0), relu (kinked)
  for (const phi of [activations.tanh, activations.sigmoid, activations.relu]) {
    it(`Monte Carlo over n = ${n} neurons agrees within 4.5 standard errors (${phi.name})`, () => {
      for (const m of ms) {
        const { average, standardError } = networkDrift(net, phi, m);
        const fa = gain(phi, Math.hypot(...m));
        for (let mu = 0; mu < 3; mu++) {
          const Cm = C[mu].reduce((s, c, nu) => s + c * m[nu], 0);
          // 4.5 SE: a two-sided Gaussian miss probability of 7e-6 per comparison (27 of them)
          expect(Math.abs(average[mu] - fa * Cm)).toBeLessThan(4.5 * standardError[mu]);
        }
      }
    });
  }

  it('Eq. (6): Σ m_ν η_ν has variance |m|² and covariance (C m)_μ with ξ_μ', () => {
    const m = [0.4, -0.2, 0.9];
    const m2 = m.reduce((s, v) => s + v * v, 0);
    let sVar = 0;
    const sCov = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (let nu = 0; nu < 3; nu++) u += m[nu] * net.eta[3 * i + nu];
      sVar += u * u;
      for (let mu = 0; mu < 3; mu++) sCov[mu] += net.xi[3 * i + mu] * u;
    }
    // SE of a second moment of Gaussians with variances σ², τ² and covariance c: √((σ²τ² + c²)/n)
    expect(Math.abs(sVar / n - m2)).toBeLessThan(5 * m2 * Math.sqrt(2 / n));
    for (let mu = 0; mu < 3; mu++) {
      const Cm = C[mu].reduce((s, c, nu) => s + c * m[nu], 0);
      expect(Math.abs(sCov[mu] / n - Cm)).toBeLessThan(5 * Math.sqrt((m2 + Cm * Cm) / n));
    }
  });
});
