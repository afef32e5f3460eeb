// Seed 004 (INF264) in a few calls: the README example plus the learning-rate threshold of Q7.
// The claims of the document, checked (exact decimals, finite differences, the quartic), are in the
// exam report: pnpm reproduce --only inf264
// Run after a build: node examples/seed004-inf264.mjs   (from packages/learn)
import { activations } from '@neurobridge/core';
import { graphNetwork, graphObjective, datasetBackward, datasetBackwardExact, learningRateThreshold, squared } from '@neurobridge/learn';

const net = graphNetwork({
  inputs: ['x0', 'x1'],
  nodes: [{ name: 'h', activation: activations.relu, bias: 'w2' }, { name: 'yhat', activation: activations.linear, bias: 'w4' }],
  links: [['x0', 'h', 'w0'], ['x1', 'h', 'w1'], ['h', 'yhat', 'w3']],
});
const D = [{ input: [2, 1], target: 1.3 }, { input: [-3, 2], target: 1.9 }];
const theta = { w0: 1, w1: 1, w2: 0, w3: 1, w4: 0 };
const r = datasetBackward(net, theta, D, squared);                    // Q2, Q4 in doubles
console.log(r.loss, r.grad);
const ex = datasetBackwardExact(net, theta, D, squared);              // the same in exact rationals
console.log(ex.loss.toString(), Object.values(ex.grad).map(String).join(', '));
const step = Object.fromEntries(Object.entries(theta).map(([k, v]) => [k, v - 0.01 * r.grad[k]]));
console.log(datasetBackward(net, step, D, squared).loss);             // Q6: lower than 3.25
console.log(learningRateThreshold(graphObjective(net, D, squared), Object.values(theta), { maxEta: 1 }).threshold); // Q7: η*
