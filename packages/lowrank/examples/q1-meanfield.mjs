// Q1 tour: the overlaps m(t) = ξᵀx(t)/n of the full network Eq. (1) next to the mean field Eq. (10).
// The claim (error ∝ n^(−1/2), checked over sizes and seeds) is gatsby-q2.1 in the exam report:
// `pnpm reproduce --only gatsby-q2.1`. Run after `pnpm build`: node examples/q1-meanfield.mjs
import { activations, createRng } from '@neurobridge/core';
import { sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';

const C = [[1.46, 0.72], [0.72, 1.04]];      // eigenvalues 2 and 0.5 (eigenvectors (0.8, 0.6), (−0.6, 0.8)): ‖C‖₂ = 2, so ξ has sd 2 (xiScale)
const m0 = [0.6, 0.2];
const mf = simulateMeanField(C, activations.tanh, m0, { duration: 20, sampleDt: 5 });
for (const n of [1000, 10_000, 100_000]) {
  const net = sampleNetwork({ n, C, rng: createRng(`q1-${n}`), xiScale: 2 });
  const r = simulateNetwork(net, activations.tanh, stateWithOverlaps(net, m0), { duration: 20, dt: 0.1, sampleDt: 5 });
  const err = Math.max(...r.m.map((m, s) => Math.hypot(m[0] - mf.m[s][0], m[1] - mf.m[s][1])));
  console.log(`n = ${String(n).padStart(6)}: m(20) = (${Array.from(r.mEnd, (v) => v.toFixed(4)).join(', ')}), max |m − m_MF| = ${err.toExponential(2)}`);
}
console.log(`mean field: m(20) = (${Array.from(mf.mEnd, (v) => v.toFixed(4)).join(', ')})`);
