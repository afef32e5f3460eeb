import { rk4StageRank2Tanh, packLoadings } from './dist/networkKernels.js';
import { sampleNetwork } from '@neurobridge/lowrank';
import { createRng } from '@neurobridge/core';
const n = 1e6;
const net = sampleNetwork({ n, C: [[2, 0], [0, 0.5]], rng: createRng(1), xiScale: 2.5 });
const W = packLoadings(n, 2, net.eta, net.xi);
const x = Float64Array.from({ length: n }, (_, i) => net.eta[2 * i]);
const acc = new Float64Array(n), s = new Float64Array(n), part = new Float64Array(2 * 1000);
const times = [[], [], [], []];
for (let r = 0; r < 20; r++) for (let st = 0; st < 4; st++) { const t0 = performance.now(); rk4StageRank2Tanh(st, 0, n, W, x, acc, s, 1.54, 0.0, 0.0, part); times[st].push(performance.now() - t0); }
console.log(times.map((t) => (Math.min(...t) * 1e6 / n).toFixed(2)).join(' '), 'ns/neuron best per stage');
