// Seed 000 in a few calls: the chain x3 = w2 σ(w1 x1) with l = ½(y − x3)² as a graph network.
// The claims of the document, checked, are in the exam report: pnpm reproduce --only chain
// Run after a build: node examples/seed000-chain.mjs   (from packages/learn)
import { activations } from '@neurobridge/core';
import { graphNetwork, backward, backwardTrace, squaredHalf, linearChainDirections } from '@neurobridge/learn';

const chain = (sigma) => graphNetwork({
  inputs: ['1'],
  nodes: [{ name: '2', activation: sigma, bias: false }, { name: '3', activation: activations.linear, bias: false }],
  links: [['1', '2', 'w1'], ['2', '3', 'w2']],
});
// (a): which way each weight must move when x1 > 0, w1 < 0, x3 < y
for (const r of linearChainDirections({ x1: 1, w1: -1, residual: -1 })) console.log(`w2 ${r.w2 > 0 ? '> 0' : '< 0'}: w2 must ${r.w2Move}, w1 must ${r.w1Move}`);
// (b): the backward pass, line by line
for (const line of backwardTrace(chain(activations.linear), { w1: -0.8, w2: 0.7 }, [1.5], 2, squaredHalf).lines) console.log(line);
// (d), ReLU: x1 and w1 of opposite signs — both gradients vanish; tanh keeps learning
for (const sigma of [activations.relu, activations.tanh]) {
  const r = backward(chain(sigma), { w1: -0.8, w2: 0.7 }, [1.5], 2, squaredHalf);
  console.log(`${sigma.name}: ∂l/∂w1 = ${r.grad.w1}, ∂l/∂w2 = ${r.grad.w2}, ∂l/∂x2 = ${r.dx['2']}`);
}
