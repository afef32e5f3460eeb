// Seed 000: the chain x3 = w2 w1 x1 and x3 = w2 σ(w1 x1) with l = ½(y − x3)²; the dead ReLU.
// Run after a build: node examples/seed000-chain.mjs   (from packages/learn)
import { activations, createRng, gradientCentral } from '@neurobridge/core';
import { graphNetwork, backward, graphObjective, gradientDescent, squaredHalf, linearChainDirections, backwardTrace } from '@neurobridge/learn';
import { check, fact, note, heading, summary } from './lib/claims.mjs';

const chain = (sigma) => graphNetwork({
  inputs: ['1'],
  nodes: [{ name: '2', activation: sigma, bias: false }, { name: '3', activation: activations.linear, bias: false }],
  links: [['1', '2', 'w1'], ['2', '3', 'w2']],
});
const rng = createRng('seed000-example');

heading('(a) which way must w1 and w2 move? (x1 > 0, w1 < 0, x3 < y)');
const rows = linearChainDirections({ x1: 1, w1: -1, residual: -1 });
for (const r of rows) console.log(`   w2 ${r.w2 > 0 ? '> 0' : '< 0'}:  ∂l/∂w2 = (x3 − y)·w1·x1 ${r.dLdw2 > 0 ? '> 0' : '< 0'} → w2 must ${r.w2Move};  ∂l/∂w1 = (x3 − y)·w2·x1 ${r.dLdw1 > 0 ? '> 0' : '< 0'} → w1 must ${r.w1Move}`);
fact('(a)', 'w2 must decrease; w1 must increase when w2 > 0 and decrease when w2 < 0 (16-row table from linearChainDirections())',
  [`linearChainDirections() has ${linearChainDirections().length} rows (all signs of x1, w1, w2, x3 − y)`],
  rows.length === 2 && rows.every((r) => r.w2Move === 'decrease') && rows.find((r) => r.w2 > 0).w1Move === 'increase' && rows.find((r) => r.w2 < 0).w1Move === 'decrease');
note('slip: the document answers "w2 should decrease and w1 should decrease" — w1\'s direction depends on the sign of w2, which the question leaves open — and then argues for "increasing w2", contradicting its own answer; it also writes "when w1 > 0, a negative w1".');

heading('(b) linear chain: backprop against the closed forms and finite differences');
const lin = chain(activations.linear);
let worst = 0;
for (let k = 0; k < 100; k++) {
  const [x1, w1, w2, y] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const r = backward(lin, { w1, w2 }, [x1], y, squaredHalf);
  const x3 = w2 * w1 * x1;
  const fd = gradientCentral((p) => 0.5 * (y - p[1] * p[0] * x1) ** 2, [w1, w2]);
  for (const [a, b] of [[r.grad.w1, (x3 - y) * w2 * x1], [r.grad.w2, (x3 - y) * w1 * x1], [r.grad.w1, fd[0]], [r.grad.w2, fd[1]]]) {
    worst = Math.max(worst, Math.abs(a - b) / Math.max(1e-4, Math.abs(b)));
  }
}
check({ id: '(b)', claim: '∂l/∂w2 = (x3 − y)x2, ∂l/∂w1 = (x3 − y)w2x1: backprop = closed form = central differences (100 random draws)',
  computed: worst, reference: 0, tol: 1e-8, how: 'max relative difference' });
console.log('\n   trace for x1 = 1.5, w1 = −0.8, w2 = 0.7, y = 2:');
for (const line of backwardTrace(lin, { w1: -0.8, w2: 0.7 }, [1.5], 2, squaredHalf).lines) console.log(`     ${line}`);

heading('(c) the update lowers the loss for small α');
const start = { w1: 0.4, w2: -0.6 };
const r0 = backward(lin, start, [1.5], 2, squaredHalf);
for (const alpha of [1e-3, 1e-2, 1e-1]) {
  const r1 = backward(lin, { w1: start.w1 - alpha * r0.grad.w1, w2: start.w2 - alpha * r0.grad.w2 }, [1.5], 2, squaredHalf);
  fact(`(c) α = ${alpha}`, `l: ${r0.loss.toFixed(6)} → ${r1.loss.toFixed(6)}`, [`first-order prediction l − α‖∇l‖² = ${(r0.loss - alpha * (r0.grad.w1 ** 2 + r0.grad.w2 ** 2)).toFixed(6)}`], r1.loss < r0.loss);
}

heading('(d) x3 = w2 σ(w1 x1): ∂l/∂w1 = (x3 − y) w2 σ\'(w1x1) x1');
for (const sigma of [activations.tanh, activations.sigmoid]) {
  const net = chain(sigma);
  let w = 0;
  for (let k = 0; k < 100; k++) {
    const [x1, w1, w2, y] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
    const x3 = w2 * sigma.f(w1 * x1);
    w = Math.max(w, Math.abs(r.grad.w1 - (x3 - y) * w2 * sigma.df(w1 * x1) * x1) / Math.max(1e-4, Math.abs(r.grad.w1)),
      Math.abs(r.grad.w2 - (x3 - y) * sigma.f(w1 * x1)) / Math.max(1e-4, Math.abs(r.grad.w2)));
  }
  check({ id: `(d) ${sigma.name}`, claim: 'backprop = the document\'s closed forms (100 random draws)', computed: w, reference: 0, tol: 1e-14, how: 'max relative difference' });
}
note('slips in (d)/ReLU: the document\'s "∂l/∂x2 = (x3 − y) w2 σ\'(w1x1) w1" is ∂l/∂x1 (∂l/∂x2 = (x3 − y) w2), and its ReLU "∂l/∂w1 = (x3 − y) w2 f(w1x1) w1" should end in x1, not w1.');

heading('ReLU: x1 and w1 of opposite signs');
const sample = [{ input: [1.5], target: 2 }];
const dead = { w1: -0.8, w2: 0.7 };
const rr = backward(chain(activations.relu), dead, [1.5], 2, squaredHalf);
fact('ReLU gradients', 'both gradients vanish (not only ∂l/∂w1, as the document says): ∂l/∂w2 = (x3 − y)·max(0, w1x1) = 0 too',
  [`∂l/∂w1 = ${rr.grad.w1}, ∂l/∂w2 = ${rr.grad.w2}`], rr.grad.w1 === 0 && rr.grad.w2 === 0);
const runRelu = gradientDescent({ objective: graphObjective(chain(activations.relu), sample, squaredHalf), params: dead, learningRate: 0.2, steps: 1000, record: 'loss' });
fact('ReLU training', 'gradient descent never moves: after 1000 steps the weights are bit-identical and l stays ½y² = 2',
  [`w1 = ${runRelu.params.w1}, w2 = ${runRelu.params.w2}, l = ${runRelu.loss}`], runRelu.params.w1 === dead.w1 && runRelu.params.w2 === dead.w2 && runRelu.loss === 2);
for (const sigma of [activations.tanh, activations.sigmoid]) {
  const run = gradientDescent({ objective: graphObjective(chain(sigma), sample, squaredHalf), params: dead, learningRate: 0.2, steps: 5000, tolerance: 1e-10, record: 'loss' });
  fact(`${sigma.name} recovers`, `from the same start, l: ${run.history.loss[0].toFixed(4)} → ${run.loss.toExponential(2)} in ${run.steps} steps`,
    [`w1 = ${run.params.w1.toFixed(4)}, w2 = ${run.params.w2.toFixed(4)} (${run.status})`], run.loss < 1e-8);
}
summary();
