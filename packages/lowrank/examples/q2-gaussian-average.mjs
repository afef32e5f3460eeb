// Q2 tour: the Gaussian average ⟨ξ_μ φ(m·η)⟩ over loadings with the covariance of Eq. (3), by Monte
// Carlo over the neurons (networkDrift), next to f(|m|)(C m)_μ with f(a) = E[φ'(a z)] (gain, Eq. 9).
// The claim (a z-test with its power) is gatsby-q2.2 in the exam report. Run: node examples/q2-gaussian-average.mjs
import { activations, createRng } from '@neurobridge/core';
import { gain, networkDrift, sampleNetwork } from '@neurobridge/lowrank';

const C = [[0.6, -0.3, 0.2], [0.25, 0.5, -0.1], [-0.2, 0.1, 0.7]];   // ‖C‖₂ < 1: Eq. (3) exactly
const net = sampleNetwork({ n: 200_000, C, rng: createRng('q2-example') });
const m = [0.9, -0.4, 1.3];
for (const phi of [activations.tanh, activations.relu]) {
  const { average, standardError } = networkDrift(net, phi, m);
  const f = gain(phi, Math.hypot(...m));
  const formula = C.map((row) => f * row.reduce((s, c, nu) => s + c * m[nu], 0));
  console.log(`${phi.name}: Monte Carlo ${Array.from(average, (v, mu) => `${v.toFixed(4)} ± ${standardError[mu].toFixed(4)}`).join(', ')}; f(|m|)(C m) = ${formula.map((v) => v.toFixed(4)).join(', ')}`);
}
