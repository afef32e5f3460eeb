// The tangent kernel in a few lines (README.md, "Neural tangent kernel"). Run after a build: node packages/learn/examples/ntk-quickstart.mjs
import { activations, createRng } from '@neurobridge/core';
import { mlp, empiricalNtk, analyticNtk, linearize, solveCoefficients, weightChange, linearizedOutput } from '@neurobridge/learn';

const { erf, linear } = activations;
const xs = [[1, 0.5, -0.3, 0.2], [-0.4, 1.1, 0.9, 0], [0.3, -1, 0.2, 0.7]];
const ys = [0.5, -0.2, 1];
const net = mlp({ sizes: [4, 2048, 2048, 1], activations: [erf, erf, linear], bias: false, init: 'lecun', rng: createRng(1) });
const C = empiricalNtk(net, xs).total;                         // Eq. (36), γ^l = 1/3
const C8 = analyticNtk({ depth: 2, activation: 'erf' }, xs).total; // n → ∞
const model = linearize(net, xs);
const { a } = solveCoefficients(model, ys);                    // ỹ = C a, Eq. (37)
const dw = weightChange(model, a);                              // Δw^l = (γ^l/N_l) Σ a_μ x̃^l_μ, Eq. (32)
console.log('C (n = 2048) =', Array.from(C, (v) => v.toFixed(4)).join(' '));
console.log('C (n = ∞)    =', Array.from(C8, (v) => v.toFixed(4)).join(' '));
console.log('a =', Array.from(a, (v) => v.toFixed(4)).join(' '), '  f_lin(w + Δw) =', Array.from(linearizedOutput(model, dw), (v) => v.toFixed(6)).join(' '));
