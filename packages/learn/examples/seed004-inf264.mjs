// Seed 004 (INF264 homework 4): the 2-1-1 ReLU network ŷ = w3·relu(w0 x[0] + w1 x[1] + w2) + w4,
// D = {((2, 1), 1.3), ((−3, 2), 1.9)}, θ = (1, 1, 0, 1, 0), L = (ŷ − y)², 𝓛 = mean over D.
// Every number is computed twice: by backprop in doubles and by the same pass in exact rational
// arithmetic (backwardExact); the exact values are finite decimals.
// Run after a build: node examples/seed004-inf264.mjs   (from packages/learn)
import { activations } from '@neurobridge/core';
import {
  graphNetwork, forward, datasetBackward, datasetBackwardExact, graphObjective, squared, Rational,
  lossAfterStep, learningRateThreshold, bisectExact, gradientCheck,
} from '@neurobridge/learn';
import { check, fact, note, heading, summary } from './lib/claims.mjs';

const net = graphNetwork({
  inputs: ['x0', 'x1'],
  nodes: [{ name: 'h', activation: activations.relu, bias: 'w2' }, { name: 'yhat', activation: activations.linear, bias: 'w4' }],
  links: [['x0', 'h', 'w0'], ['x1', 'h', 'w1'], ['h', 'yhat', 'w3']],
});
const names = ['w0', 'w1', 'w2', 'w3', 'w4'];
const theta0 = { w0: 1, w1: 1, w2: 0, w3: 1, w4: 0 };
const D = [{ input: [2, 1], target: 1.3 }, { input: [-3, 2], target: 1.9 }];
const exact = datasetBackwardExact(net, theta0, D, squared);
const float = datasetBackward(net, theta0, D, squared);
const ulps = (v) => 8 * Number.EPSILON * Math.max(1, Math.abs(v));

note('the document asks the questions but prints no numeric answers; the reference values below are the exact rational computation, checked against the hand derivation in test/seed004.test.ts.');

heading('Q1 forward pass');
for (const [n, s] of D.entries()) {
  const yhat = exact.perSample[n].x.yhat;
  check({ id: `Q1 ŷ(x${n + 1})`, claim: `prediction for x = (${s.input}) is ${yhat}`, formula: 'ŷ = w3·relu(w0 x[0] + w1 x[1] + w2) + w4',
    computed: forward(net, theta0, s.input).outputs[0], reference: yhat.toNumber(), tol: 0, how: `backprop's forward pass; z = ${exact.perSample[n].z.h}` });
}

heading('Q2 dataset loss');
check({ id: 'Q2', claim: `𝓛(D) = ((3 − 1.3)² + (0 − 1.9)²)/2 = (${exact.perSample[0].loss} + ${exact.perSample[1].loss})/2 = ${exact.loss}`,
  formula: '𝓛(D) = (1/N) Σ_n (ŷ(x_n) − y_n)²', computed: float.loss, reference: exact.loss.toNumber(), tol: ulps(3.25), how: 'backprop in doubles' });

heading('Q4 gradients (backprop: δ_ŷ = 2(ŷ − y), δ_h = δ_ŷ·w3·g\'(z))');
for (const n of [0, 1]) {
  const ex = exact.perSample[n].grad;
  console.log(`\n   ∇L(x${n + 1}, y${n + 1}) exact = (${names.map((k) => ex[k]).join(', ')})   δ_ŷ = ${exact.perSample[n].delta.yhat}, δ_h = ${exact.perSample[n].delta.h}`);
  for (const k of names) {
    check({ id: `Q4 ∂L(x${n + 1})/∂${k}`, claim: `per-sample gradient component = ${ex[k]}`, computed: float.perSample[n].grad[k], reference: ex[k].toNumber(), tol: ulps(ex[k].toNumber()) });
  }
}
note('for x2 the hidden unit is off (z = −1, g\'(z) = 0 with the document\'s left derivative): the second sample moves only the output bias w4.');
for (const k of names) {
  check({ id: `Q4 ∂𝓛/∂${k}`, claim: `mean gradient component = ${exact.grad[k]}`, formula: '∇𝓛 = ½(∇L(x1, y1) + ∇L(x2, y2))',
    computed: float.grad[k], reference: exact.grad[k].toNumber(), tol: ulps(exact.grad[k].toNumber()) });
}
const gc = gradientCheck(graphObjective(net, D, squared), Float64Array.from(names, (k) => theta0[k]));
check({ id: 'Q4 finite differences', claim: `backprop equals central finite differences (worst: ${gc.worst})`, computed: gc.maxRelativeError, reference: 0, tol: 1e-8 });

heading('Q5 one gradient step at η = 0.01');
const eta = Rational.from('0.01');
const theta1 = Object.fromEntries(names.map((k) => [k, Rational.from(theta0[k]).sub(eta.mul(exact.grad[k]))]));
console.log(`\n   θ ← θ − 0.01·∇𝓛 = (${names.map((k) => theta1[k]).join(', ')})   (exact)`);
for (const k of names) {
  check({ id: `Q5 ${k}`, claim: `updated ${k} = ${theta1[k]}`, computed: theta0[k] - 0.01 * float.grad[k], reference: theta1[k].toNumber(), tol: ulps(1) });
}

heading('Q6 the loss after the step');
const after = datasetBackwardExact(net, theta1, D, squared);
const afterFloat = datasetBackward(net, Object.fromEntries(names.map((k) => [k, theta0[k] - 0.01 * float.grad[k]])), D, squared);
check({ id: 'Q6', claim: `𝓛 after the step = (${after.perSample[0].loss} + ${after.perSample[1].loss})/2 = ${after.loss}`,
  formula: 'ŷ(x1) = 0.949·2.898 + 0.002 = 2.752202, ŷ(x2) = 0.002 (z = −0.949, unit off)', computed: afterFloat.loss, reference: after.loss.toNumber(), tol: 1e-14 });
fact('Q6 decrease', `the loss decreased: ${exact.loss} → ${after.loss} (by ${exact.loss.sub(after.loss)})`, [], after.loss.cmp(exact.loss) < 0);

heading('Q7 the effect of η: 𝓛(θ − η∇𝓛) over a sweep');
const obj = graphObjective(net, D, squared);
const th = Float64Array.from(names, (k) => theta0[k]);
const etas = [0.001, 0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.31, 0.32, 0.35, 0.4, 0.5];
const sweep = lossAfterStep(obj, th, etas);
console.log('\n      η        𝓛 after one step    change');
etas.forEach((e, k) => console.log(`   ${e.toFixed(3).padStart(6)}   ${sweep.loss[k].toFixed(12).padStart(18)}   ${sweep.loss[k] < sweep.loss0 ? 'lower' : 'HIGHER'}`));
const thr = learningRateThreshold(obj, th, { maxEta: 1 });
// exact: on the piece beyond both ReLU kinks (η > 3/10.2, where sample 1's unit is off and sample 2's on),
// 𝓛(η) is a quartic in η; bracket the root in exact arithmetic with the network evaluated in rationals
const phiExact = (e) => datasetBackwardExact(net, Object.fromEntries(names.map((k) => [k, Rational.from(theta0[k]).sub(e.mul(exact.grad[k]))])), D, squared).loss.sub(exact.loss);
const br = bisectExact(phiExact, Rational.from(thr.threshold).sub(Rational.from('1e-9')), Rational.from(thr.threshold).add(Rational.from('1e-9')), 30);
check({ id: 'Q7 threshold', claim: `one step lowers the loss iff η < η* = ${br.lo.toDecimal(25)} (the only root of 𝓛(θ − η∇𝓛) = 𝓛(θ) in (0, 1])`,
  formula: 'φ(η) = 𝓛(θ − η∇𝓛) − 𝓛(θ) = 0, Brent on doubles vs exact bisection to 1e-30',
  computed: thr.threshold, reference: br.lo.toNumber(), tol: 1e-15, how: `${thr.roots.length} sign change(s) in (0, 1]` });
// closed form on that piece: φ is a quartic in η there (no kink beyond 3/10.2: z1 = 3 − 10.2η stays < 0 and
// z2 = −1 + 5.1η stays > 0). Interpolate it exactly through 5 rational points, confirm at 3 more.
const pts = ['0.3', '0.31', '0.32', '0.33', '0.34'].map((e) => Rational.from(e));
const vals = pts.map((e) => phiExact(e).add(exact.loss));
const coef = [0, 1, 2, 3, 4].map(() => Rational.of(0));
pts.forEach((xi, i) => {
  // Lagrange basis ℓ_i(η) = Π_{j≠i} (η − x_j)/(x_i − x_j), expanded into monomial coefficients
  let poly = [Rational.of(1)];
  pts.forEach((xj, j) => {
    if (j === i) return;
    const den = xi.sub(xj);
    const next = Array.from({ length: poly.length + 1 }, () => Rational.of(0));
    poly.forEach((c, k) => { next[k + 1] = next[k + 1].add(c.div(den)); next[k] = next[k].sub(c.mul(xj).div(den)); });
    poly = next;
  });
  poly.forEach((c, k) => { coef[k] = coef[k].add(c.mul(vals[i])); });
});
const evalPoly = (e) => coef.reduceRight((acc, c) => acc.mul(e).add(c), Rational.of(0));
const extra = ['0.295', '0.5', '2'].map((e) => Rational.from(e));
fact('Q7 closed form', `for η > 3/10.2 (unit off for x1, on for x2): 𝓛(θ − η∇𝓛) = ${coef.map((c, k) => `${c}${k ? `·η${k > 1 ? ['', '', '²', '³', '⁴'][k] : ''}` : ''}`).join(' + ').replace(/\+ -/g, '− ')}`,
  ['from ŷ1 = 0.2η, ŷ2 = −(1 − 5.1η)² + 0.2η: interpolated exactly through η = 0.30…0.34, and equal to the network loss (exact arithmetic) at η = 0.295, 0.5, 2'],
  extra.every((e) => evalPoly(e).equals(phiExact(e).add(exact.loss))));
const quartic = (e) => evalPoly(e).sub(exact.loss);
const root = bisectExact(quartic, Rational.from('0.3'), Rational.from('0.34'), 40);
check({ id: 'Q7 threshold (quartic)', claim: `the root of that quartic = 3.25 in (0.30, 0.34): η* = ${root.lo.toDecimal(35)}`, computed: thr.threshold, reference: root.lo.toNumber(), tol: 1e-15, how: 'Brent on the network loss in doubles' });
fact('Q7 kinks', 'η* lies beyond both ReLU kinks: 1/5.1 (sample 2 switches on) and 3/10.2 (sample 1 switches off)',
  [`1/5.1 = ${(1 / 5.1).toFixed(6)}, 3/10.2 = ${(3 / 10.2).toFixed(6)}, η* = ${thr.threshold.toFixed(6)}`], thr.threshold > 3 / 10.2 && thr.threshold > 1 / 5.1);
let best = 0, bestLoss = Infinity;
const fine = lossAfterStep(obj, th, Array.from({ length: 3001 }, (_, k) => k * 1e-4));
fine.loss.forEach((v, k) => { if (v < bestLoss) { bestLoss = v; best = fine.eta[k]; } });
console.log(`\n   best η on a 1e-4 grid: ${best.toFixed(4)} (𝓛 = ${bestLoss.toFixed(6)}). Small η: a small, safe decrease (≈ η‖∇𝓛‖² = η·${(exact.grad.w0.mul(exact.grad.w0).add(exact.grad.w1.mul(exact.grad.w1)).add(exact.grad.w2.mul(exact.grad.w2)).add(exact.grad.w3.mul(exact.grad.w3)).add(exact.grad.w4.mul(exact.grad.w4))).toString()}); large η overshoots, and beyond η* the step makes the loss worse.`);
note('slip in the document: the last line of the δ_h derivation writes δ_v̂ for δ_ŷ.');
summary();
