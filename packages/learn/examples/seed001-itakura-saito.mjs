// Seed 001: 2 inputs, hidden 3, 4, 5 (σ) with hidden-to-hidden links 3 → 4, 3 → 5, output 6 with
// ρ(z) = z², Itakura–Saito loss L(x, t) = t/x − ln(t/x) − 1.
// Run after a build: node examples/seed001-itakura-saito.mjs   (from packages/learn)
import { activations, createRng } from '@neurobridge/core';
import { graphNetwork, backward, itakuraSaito, gradientCheck, backwardTrace } from '@neurobridge/learn';
import { check, note, heading, summary } from './lib/claims.mjs';

const sigma = activations.sigmoid;
const net = graphNetwork({
  inputs: ['1', '2'],
  nodes: [{ name: '3', activation: sigma }, { name: '4', activation: sigma }, { name: '5', activation: sigma }, { name: '6', activation: activations.square }],
  links: [['1', '3'], ['2', '3'], ['1', '4'], ['2', '4'], ['3', '4'], ['1', '5'], ['2', '5'], ['3', '5'], ['3', '6'], ['4', '6'], ['5', '6']],
});
console.log(`parameters: ${net.parameters.join(', ')}`);
const rng = createRng('seed001-example');
const draws = Array.from({ length: 50 }, () => ({
  p: Object.fromEntries(net.parameters.map((n) => [n, rng.normal()])), input: [rng.normal(), rng.normal()], t: 0.1 + 2 * rng.uniform(),
})).filter(({ p, input, t }) => Math.abs(backward(net, p, input, t, itakuraSaito).z['6']) > 0.05);
const worst = { a: 0, b: 0, c: 0, d: 0, fd: 0, printed: Infinity };
for (const { p, input, t } of draws) {
  const r = backward(net, p, input, t, itakuraSaito);
  const z6 = r.z['6'], ds = (j) => sigma.df(r.z[j]);
  const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
  const dLdz6 = (2 * (z6 * z6 - t)) / z6 ** 3;
  worst.a = Math.max(worst.a, rel(r.delta['6'], dLdz6));
  worst.b = Math.max(worst.b, rel(r.grad.w46, 2 * r.x['4'] * (z6 * z6 - t) / z6 ** 3));
  worst.c = Math.max(worst.c, rel(r.grad.b6, dLdz6));
  worst.d = Math.max(worst.d, rel(r.delta['3'], dLdz6 * ds('3') * (p.w36 + p.w34 * p.w46 * ds('4') + p.w35 * p.w56 * ds('5'))));
  worst.fd = Math.max(worst.fd, gradientCheck((q) => { const b = backward(net, q, input, t, itakuraSaito); return { loss: b.loss, grad: b.grad }; }, p).maxRelativeError);
  worst.printed = Math.min(worst.printed, rel(2 * (z6 * z6 - t) / z6 ** 2, dLdz6));
}
heading(`closed forms against backprop (${draws.length} random weight draws, σ = logistic, |z6| > 0.05)`);
check({ id: '(a)', claim: '∂L/∂z6 = 2(z6² − t)/z6³', computed: worst.a, reference: 0, tol: 1e-12, how: 'max relative difference to δ6' });
check({ id: '(b)', claim: 'w46 ← w46 − 2k x4 (z6² − t)/z6³, i.e. ∂L/∂w46 = 2x4(z6² − t)/z6³', computed: worst.b, reference: 0, tol: 1e-12, how: 'max relative difference' });
check({ id: '(c)', claim: 'b6 ← b6 − 2k (z6² − t)/z6³, i.e. ∂L/∂b6 = ∂L/∂z6', computed: worst.c, reference: 0, tol: 1e-12, how: 'max relative difference' });
check({ id: '(d)', claim: '∂L/∂z3 = 2(z6² − t)/z6³ · σ\'(z3)(w36 + w34 w46 σ\'(z4) + w35 w56 σ\'(z5))', computed: worst.d, reference: 0, tol: 1e-12, how: 'max relative difference to δ3' });
check({ id: 'finite differences', claim: 'every ∂L/∂θ (15 parameters) equals central finite differences', computed: worst.fd, reference: 0, tol: 1e-6, how: 'max relative error (gradientCheck)' });
note('slip in (a): the loss is printed as t/x − ln(t/n) − 1; n must be x.');
note(`slip in (d): ∂L/∂z6 is quoted as 2(z6² − t)/z6² (one power of z6 short); it differs from the true value by the factor z6 — smallest relative discrepancy over the draws: ${worst.printed.toFixed(3)}.`);
note('remark on (a): ln(t/z6²) = ln t − 2 ln|z6| (not 2 ln z6 for z6 < 0); the derivative 2/z6 − 2t/z6³ holds for either sign.');
const ex = draws[0];
console.log('\n   forward/backward trace of one draw:');
for (const line of backwardTrace(net, ex.p, ex.input, ex.t, itakuraSaito, { digits: 4 }).lines) console.log(`     ${line}`);
summary();
