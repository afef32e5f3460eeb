// The root README's example for @neurobridge/lowrank. Run after `pnpm build`: node examples/tour.mjs
import { activations, createRng } from '@neurobridge/core';
import { fixedPoints, sampleNetwork, simulateNetwork, simulateMeanField, stateWithOverlaps } from '@neurobridge/lowrank';

const C = [[0.9, 0.3], [-0.3, 0.9]];                          // ‖C‖₂ ≤ 1, complex eigenvalues
const net = sampleNetwork({ n: 20000, C, rng: createRng('readme') });
const x0 = stateWithOverlaps(net, [0.5, 0]);
const full = simulateNetwork(net, activations.erf, x0, { duration: 20, dt: 0.1, sampleDt: 20 });
const mf = simulateMeanField(C, activations.erf, [0.5, 0], { duration: 20, sampleDt: 20 });
const show = (v) => Array.from(v, (x) => x.toFixed(4)).join(' ');
console.log('network', show(full.mEnd), 'mean field', show(mf.m.at(-1))); // m(20), n = 20 000 vs n → ∞
for (const q of fixedPoints([[2.2, 0.4], [0.4, 1.3]], activations.tanh).nontrivial) {
  console.log(q.lambda.toFixed(6), q.alpha.toFixed(6), q.stable ? 'stable' : 'unstable'); // eigenvalue, amplitude
}
