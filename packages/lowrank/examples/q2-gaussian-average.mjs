// Q2: Eq. (8) from Eq. (5) — ⟨ξ_μ φ(Σ_ν m_ν η_ν)⟩ over the Gaussian loadings of Eq. (3)
// equals f(|m|)(C m)_μ, with f(a) = E[φ'(a z)] (Eq. 9). Monte Carlo with n = 10^6 samples.
import { activations, createRng } from '@neurobridge/core';
import { gain, networkDrift, sampleNetwork } from '@neurobridge/lowrank';
import { fmt, report } from './report.mjs';

const C = [[0.6, -0.3, 0.2], [0.25, 0.5, -0.1], [-0.2, 0.1, 0.7]];
const n = 1_000_000;
const net = sampleNetwork({ n, C, rng: createRng('q2-example') });
const m = [0.9, -0.4, 1.3];
for (const phi of [activations.tanh, activations.sigmoid, activations.relu, activations.erf]) {
  const { average, standardError } = networkDrift(net, phi, m);
  const fa = gain(phi, Math.hypot(...m));
  const z = [0, 1, 2].map((mu) => (average[mu] - fa * C[mu].reduce((s, c, nu) => s + c * m[nu], 0)) / standardError[mu]);
  report({
    claim: `Q2 (φ = ${phi.name}): ⟨ξ_μ φ(m·η)⟩ = f(|m|) (C m)_μ`,
    formula: `f(|m|) = E[φ'(|m| z)] = ${fmt(fa, 12)} at |m| = ${fmt(Math.hypot(...m))}`,
    numerics: [0, 1, 2].map((mu) => `μ = ${mu}: Monte Carlo ${fmt(average[mu], 8)} ± ${fmt(standardError[mu], 2)}, formula ${fmt(fa * C[mu].reduce((s, c, nu) => s + c * m[nu], 0), 8)}`),
    error: `z-scores ${z.map((v) => v.toFixed(2)).join(', ')} (|z| < 4.5 required)`,
    pass: z.every((v) => Math.abs(v) < 4.5),
  });
}
