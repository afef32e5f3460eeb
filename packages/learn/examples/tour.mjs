// The root README's example for @neurobridge/learn. Run after `pnpm build`: node examples/tour.mjs
import { activations, createRng } from '@neurobridge/core';
import { mlp, empiricalNtk, analyticNtk } from '@neurobridge/learn';

const { erf, linear } = activations;
const xs = [[1, 0.5, -0.3, 0.2], [-0.4, 1.1, 0.9, 0], [0.3, -1, 0.2, 0.7]];
const row = (K) => Array.from(K.slice(0, 3), (x) => x.toFixed(4)).join(' ');
for (const n of [128, 2048]) {                                 // two hidden erf layers of width n
  const net = mlp({ sizes: [4, n, n, 1], activations: [erf, erf, linear], bias: false, rng: createRng(1) });
  console.log(n, row(empiricalNtk(net, xs).total));           // C_1ν, Eqs. (16), (36)
}
console.log('∞', row(analyticNtk({ depth: 2, activation: 'erf' }, xs).total)); // the n → ∞ limit
