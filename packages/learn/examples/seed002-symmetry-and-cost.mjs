// Seed 002 (CS189 DIS4) in a few calls: constant initialisation keeps hidden units identical; the
// matrix gradients of ℓ = ½‖W2 Φ(W1 x + b) − y‖² from the layered network.
// The claims of the document, checked, are in the exam report: pnpm reproduce --only dis4
// Run after a build: node examples/seed002-symmetry-and-cost.mjs   (from packages/learn)
import { activations, createRng } from '@neurobridge/core';
import { graphNetwork, graphObjective, gradientDescent, backward, squaredHalf, mlp, mlpForward, mlpBackward } from '@neurobridge/learn';

const { sigmoid, tanh, linear } = activations;
const rng = createRng('seed002-tour');
// §1: a 3 → 5 → 2 logistic network, every weight 0.3, trained 1000 steps: the five hidden units stay equal
const X = ['x1', 'x2', 'x3'], H = ['h1', 'h2', 'h3', 'h4', 'h5'], O = ['o1', 'o2'];
const net = graphNetwork({ inputs: X, nodes: [...H, ...O].map((name) => ({ name, activation: sigmoid, bias: false })), links: [...X.flatMap((x) => H.map((h) => [x, h])), ...H.flatMap((h) => O.map((o) => [h, o]))] });
const data = Array.from({ length: 6 }, () => ({ input: Array.from(rng.normals(3)), target: [rng.uniform(), rng.uniform()] }));
const run = gradientDescent({ objective: graphObjective(net, data, squaredHalf), params: Object.fromEntries(net.parameters.map((n) => [n, 0.3])), learningRate: 0.5, steps: 1000, record: 'loss' });
console.log('hidden activities after training:', H.map((h) => backward(net, run.params, data[0].input, data[0].target, squaredHalf).x[h].toFixed(6)).join(' '));
// §2 (e): ∂ℓ/∂W in W's shape (entry (i, j) = ∂ℓ/∂W_ij), ∂ℓ/∂b and ∂ℓ/∂x from one backward pass
const m = mlp({ sizes: [4, 4, 4], activations: [tanh, linear], rng });
const x = rng.normals(4), y = rng.normals(4);
const c = mlpForward(m, x, 1);
const g = mlpBackward(m, c, c.x[2].map((v, i) => v - y[i]), undefined, { inputGradient: true });
console.log('∂ℓ/∂W2 =', Array.from(g.gradW[1], (v) => v.toFixed(4)).join(' '), '\n∂ℓ/∂x =', Array.from(g.dInput, (v) => v.toFixed(4)).join(' '));
