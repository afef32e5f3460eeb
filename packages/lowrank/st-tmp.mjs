import { createNetworkStepper, sampleNetwork } from '@neurobridge/lowrank';
import { activations, createRng } from '@neurobridge/core';
const n = 1e6;
const net = sampleNetwork({ n, C: [[2, 0], [0, 0.5]], rng: createRng(1), xiScale: 2.5 });
const x0 = Float64Array.from({ length: n }, (_, i) => net.eta[2 * i]);
const st = createNetworkStepper(net, activations.tanh, x0);
let best = Infinity; const all = [];
for (let r = 0; r < 30; r++) { const t0 = performance.now(); st.step(0.05); const t = performance.now() - t0; all.push(t); best = Math.min(best, t); }
all.sort((a, b) => a - b);
console.log('best', (best * 1e6 / (4 * n)).toFixed(2), 'median', (all[15] * 1e6 / (4 * n)).toFixed(2), 'ns/neuron-stage', st.m);
