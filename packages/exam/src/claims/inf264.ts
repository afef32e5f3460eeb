// Seed 004 (INF264 homework 4): one forward and backward pass and one gradient step of the 2-1-1
// ReLU network ŷ = w3·relu(w0 x[0] + w1 x[1] + w2) + w4 on D = {((2, 1), 1.3), ((−3, 2), 1.9)},
// θ = (1, 1, 0, 1, 0), L = (ŷ − y)², 𝓛 = mean over D. The homework asks the questions and prints no
// numeric answer: `expected` is the same pass in exact rational arithmetic (backwardExact, whose values
// are finite decimals), `measured` backprop in doubles; Q3 and Q4 are checked by finite differences too.
import { activations, gradientCentral } from '@neurobridge/core';
import {
  bisectExact, datasetBackward, datasetBackwardExact, forward, gradientCheck, graphNetwork, graphObjective, learningRateThreshold,
  lossAfterStep, Rational, squared,
} from '@neurobridge/learn';
import { compare, fact } from '../judge.js';
import type { Claim, Slip } from '../types.js';
import { agreement, compareVector } from './learnShared.js';

const net = graphNetwork({
  inputs: ['x0', 'x1'],
  nodes: [{ name: 'h', activation: activations.relu, bias: 'w2' }, { name: 'yhat', activation: activations.linear, bias: 'w4' }],
  links: [['x0', 'h', 'w0'], ['x1', 'h', 'w1'], ['h', 'yhat', 'w3']],
});
const NAMES = ['w0', 'w1', 'w2', 'w3', 'w4'] as const;
const THETA0: Record<string, number> = { w0: 1, w1: 1, w2: 0, w3: 1, w4: 0 };
const D = [{ input: [2, 1], target: 1.3 }, { input: [-3, 2], target: 1.9 }];
const ETA = '0.01';

/** The exact pass at θ0 (computed once: every claim reads it). */
const exact = () => datasetBackwardExact(net, THETA0, D, squared);
const float = () => datasetBackward(net, THETA0, D, squared);
const theta = () => Float64Array.from(NAMES, (k) => THETA0[k]);
/** θ1 = θ0 − 0.01 ∇𝓛, exact */
const theta1Exact = () => {
  const g = exact().grad;
  return Object.fromEntries(NAMES.map((k) => [k, Rational.from(THETA0[k]).sub(Rational.from(ETA).mul(g[k]))]));
};
const exactVec = (r: Record<string, Rational>) => NAMES.map((k) => r[k].toNumber());

/** A double computed from exact decimals: a few rounding steps, each ≤ ½ ulp of values ≤ 10. */
const ROUNDING = 'a handful of double roundings on values ≤ 11: ≤ 8 ulp(11) ≈ 1.6e-14 (the exact values are finite decimals, not all representable)';
const TOL = 8 * 11 * Number.EPSILON;

const q1: Claim = {
  id: 'inf264-q1', source: 'inf264', question: 'Q1',
  statement: 'Forward pass at θ = (1, 1, 0, 1, 0): ŷ(x1) = 1·relu(2 + 1 + 0) + 0 = 3 and ŷ(x2) = relu(−3 + 2) = 0 (the hidden unit is off for x2).',
  method: 'forward() in doubles against backwardExact in rational arithmetic.',
  run() {
    const ex = exact();
    const yhat = ex.perSample.map((s) => s.x.yhat.toNumber());
    const measured = D.map((s) => forward(net, THETA0, s.input).outputs[0]);
    return compareVector(yhat, measured, 0, 'exact: integers, every operation is exact in doubles', { details: `z = (${ex.perSample.map((s) => s.z.h.toString()).join(', ')})` });
  },
};

const q2: Claim = {
  id: 'inf264-q2', source: 'inf264', question: 'Q2',
  statement: '𝓛(D) = ((3 − 1.3)² + (0 − 1.9)²)/2 = (2.89 + 3.61)/2 = 3.25.',
  method: 'datasetBackward (mean squared error) in doubles against the exact rational value.',
  run() {
    const ex = exact();
    return compare(ex.loss.toNumber(), float().loss, { abs: TOL, reason: ROUNDING }, { details: `per sample (exact): ${ex.perSample.map((s) => s.loss.toString()).join(', ')}` });
  },
};

const q3: Claim = {
  id: 'inf264-q3', source: 'inf264', question: 'Q3',
  statement: 'The backpropagation equalities (1)–(5): ∂L/∂w0 = δ_h x[0], ∂L/∂w1 = δ_h x[1], ∂L/∂w2 = δ_h, ∂L/∂w3 = δ_ŷ h, ∂L/∂w4 = δ_ŷ, with δ_ŷ = 2(ŷ − y), δ_h = δ_ŷ w3 g′(z).',
  method: 'The five formulas evaluated by hand at 200 random (θ, x, y) (normal draws, |z| > 0.01 so that no finite difference straddles the ReLU kink) against central finite differences of L (core\'s gradientCentral).',
  run(ctx) {
    const rng = ctx.rng();
    let worst = 0, draws = 0;
    while (draws < 200) {
      const [w0, w1, w2, w3, w4, a, b, y] = Array.from({ length: 8 }, () => rng.normal());
      const z = w0 * a + w1 * b + w2;
      if (Math.abs(z) < 0.01) continue;
      draws++;
      const h = Math.max(0, z), yhat = w3 * h + w4;
      const dy = 2 * (yhat - y), dh = dy * w3 * (z > 0 ? 1 : 0);
      const formulas = [dh * a, dh * b, dh, dy * h, dy];
      const L = (t: Float64Array) => (t[3] * Math.max(0, t[0] * a + t[1] * b + t[2]) + t[4] - y) ** 2;
      const fd = gradientCentral(L, [w0, w1, w2, w3, w4]);
      const scale = Math.max(1, L(Float64Array.of(w0, w1, w2, w3, w4)));
      formulas.forEach((g, k) => { worst = Math.max(worst, Math.abs(g - fd[k]) / Math.max(Math.abs(g), 1e-4 * scale)); });
    }
    return agreement('equalities (1)–(5)', 'central finite differences, 200 draws', worst, 'max relative difference', 1e-6,
      'central differences with h ≈ ε^{1/3}·max(1, |w|): truncation h²·|L‴|/6 and rounding ε^{2/3}·|L| ≈ 1e-10·max(1, L), relative to max(|g|, 1e-4·max(1, L)); the loss is a quadratic in each weight away from the kink, so the truncation term vanishes except through the ReLU');
  },
};

/** Q4 per sample, n = 0, 1. */
function perSampleClaim(n: 0 | 1): Claim {
  const hidden = n === 0 ? 'on (z = 3): δ_ŷ = 2(3 − 1.3) = 3.4, δ_h = 3.4' : 'off (z = −1, g′(−1) = 0 with the left derivative): only the output bias moves, δ_ŷ = 2(0 − 1.9) = −3.8';
  return {
    id: `inf264-q4-x${n + 1}`, source: 'inf264', question: 'Q4',
    statement: `∇L(x${n + 1}, y${n + 1}) = ${n === 0 ? '(6.8, 3.4, 3.4, 10.2, 3.4)' : '(0, 0, 0, 0, −3.8)'}: the hidden unit is ${hidden}.`,
    method: 'datasetBackward\'s per-sample gradient in doubles against backwardExact in rationals.',
    run() {
      const ex = exact().perSample[n];
      return compareVector(exactVec(ex.grad), NAMES.map((k) => float().perSample[n].grad[k]), TOL, ROUNDING, { details: `δ_ŷ = ${ex.delta.yhat}, δ_h = ${ex.delta.h} (exact)` });
    },
  };
}

const q4: Claim = {
  id: 'inf264-q4', source: 'inf264', question: 'Q4',
  statement: '∇𝓛(D) = ½(∇L(x1, y1) + ∇L(x2, y2)) = (3.4, 1.7, 1.7, 5.1, −0.2).',
  method: 'datasetBackward\'s mean gradient in doubles against datasetBackwardExact.',
  run() {
    return compareVector(exactVec(exact().grad), NAMES.map((k) => float().grad[k]), TOL, ROUNDING);
  },
};

const q4fd: Claim = {
  id: 'inf264-q4-fd', source: 'inf264', question: 'Q4',
  statement: 'The backprop gradient ∇𝓛(D) at θ = (1, 1, 0, 1, 0) equals central finite differences of 𝓛.',
  method: 'gradientCheck(graphObjective(net, D, squared), θ): relative error |g − n| / max(|g|, |n|, 1e-4·max(1, 𝓛)) per parameter.',
  run() {
    const gc = gradientCheck(graphObjective(net, D, squared), theta());
    return agreement('backprop', 'central finite differences', gc.maxRelativeError, `max relative error (worst: ${gc.worst})`, 1e-8,
      '𝓛 is piecewise quadratic and neither z = 3 nor z = −1 is within h ≈ 6e-6 of the kink: only rounding, ε^{2/3}·𝓛/|g| ≈ 1e-10');
  },
};

const q5: Claim = {
  id: 'inf264-q5', source: 'inf264', question: 'Q5',
  statement: 'θ ← θ − 0.01·∇𝓛 = (0.966, 0.983, −0.017, 0.949, 0.002).',
  method: 'The update in doubles from the double gradient against the same update in exact rationals.',
  run() {
    const g = float().grad;
    return compareVector(exactVec(theta1Exact()), NAMES.map((k) => THETA0[k] - 0.01 * g[k]), 2 * Number.EPSILON,
      'one product and one difference of values ≤ 1 (plus the representation of 0.01): ≤ 2 ulp(1)');
  },
};

const q6: Claim = {
  id: 'inf264-q6', source: 'inf264', question: 'Q6',
  statement: 'After the step, ŷ(x1) = 0.949·2.898 + 0.002 = 2.752202 and ŷ(x2) = 0.002 (z = −0.949, unit off): 𝓛 = ((2.752202 − 1.3)² + (0.002 − 1.9)²)/2 = 2.855647324402.',
  method: 'datasetBackward at the double update against datasetBackwardExact at the exact update.',
  run() {
    const after = datasetBackwardExact(net, theta1Exact(), D, squared);
    const g = float().grad;
    const measured = datasetBackward(net, Object.fromEntries(NAMES.map((k) => [k, THETA0[k] - 0.01 * g[k]])), D, squared).loss;
    return compare(after.loss.toNumber(), measured, { abs: 1e-14, reason: 'the double update differs from the exact one by ≤ 2 ulp per weight (inf264-q5), moving 𝓛 by ≤ |∇𝓛|·2e-16 ≈ 1e-15, plus the rounding of the pass' },
      { details: `exact: (${after.perSample.map((s) => s.loss.toString()).join(' + ')})/2 = ${after.loss}` });
  },
};

const q6lower: Claim = {
  id: 'inf264-q6-lower', source: 'inf264', question: 'Q6',
  statement: 'The loss decreased: 3.25 → 2.855647324402 (by 0.394352675598).',
  method: 'Both losses in exact rational arithmetic, compared exactly.',
  run() {
    const before = exact().loss, after = datasetBackwardExact(net, theta1Exact(), D, squared).loss;
    return fact(`< ${before}`, after.toString(), after.cmp(before) < 0, 'exact rational comparison: no rounding', { details: `decrease ${before.sub(after)}; first order η‖∇𝓛‖² = ${Rational.from(ETA).mul(NAMES.reduce((s, k) => s.add(exact().grad[k].mul(exact().grad[k])), Rational.of(0)))}` });
  },
};

/** φ(η) − 𝓛(θ0) in exact arithmetic: the network evaluated in rationals at θ0 − η∇𝓛. */
const phiExact = (e: Rational) => {
  const ex = exact();
  return datasetBackwardExact(net, Object.fromEntries(NAMES.map((k) => [k, Rational.from(THETA0[k]).sub(e.mul(ex.grad[k]))])), D, squared).loss.sub(ex.loss);
};

/** The quartic 𝓛(θ0 − η∇𝓛) on η > 3/10.2, interpolated exactly through η = 0.30 … 0.34 (monomial coefficients). */
function quarticCoefficients(): Rational[] {
  const loss0 = exact().loss;
  const pts = ['0.3', '0.31', '0.32', '0.33', '0.34'].map((e) => Rational.from(e));
  const vals = pts.map((e) => phiExact(e).add(loss0));
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
  return coef;
}
const evalPoly = (coef: Rational[], e: Rational) => coef.reduceRight((acc, c) => acc.mul(e).add(c), Rational.of(0));

const q7: Claim = {
  id: 'inf264-q7', source: 'inf264', question: 'Q7',
  statement: 'The effect of η: one step lowers 𝓛 for 0 < η < η* = 0.3190906829172067600165… and raises it beyond (overshoot); η* lies beyond both ReLU kinks 1/5.1 and 3/10.2.',
  method: 'learningRateThreshold (sign-change scan of φ(η) = 𝓛(θ − η∇𝓛) − 𝓛(θ) on (0, 1], Brent\'s method on doubles) against exact bisection of φ in rationals to 1e-30.',
  run() {
    const obj = graphObjective(net, D, squared);
    const thr = learningRateThreshold(obj, theta(), { maxEta: 1 });
    const br = bisectExact(phiExact, Rational.from(thr.threshold).sub(Rational.from('1e-9')), Rational.from(thr.threshold).add(Rational.from('1e-9')), 30);
    const etas = Array.from({ length: 81 }, (_, k) => k * 0.005);
    const sweep = lossAfterStep(obj, theta(), etas);
    const kinksOk = thr.threshold > 3 / 10.2 && thr.threshold > 1 / 5.1 && thr.roots.length === 1;
    const r = compare(br.lo.toNumber(), thr.threshold, { abs: 1e-15, reason: 'Brent\'s method on the double loss converges to the root within a few ulp of 0.32 (ulp ≈ 5.6e-17); the exact bisection brackets it to 1e-30' }, {
      details: `exact η* = ${br.lo.toDecimal(25)}; ${thr.roots.length} sign change in (0, 1]; kinks 1/5.1 = ${(1 / 5.1).toFixed(6)}, 3/10.2 = ${(3 / 10.2).toFixed(6)}; best η on the plotted grid ${etas[sweep.loss.indexOf(Math.min(...sweep.loss))]}`,
      plot: {
        title: 'INF264 Q7: the loss after one gradient step against the learning rate',
        x: { label: 'learning rate η' }, y: { label: '𝓛(θ − η∇𝓛)' },
        series: [
          { name: '𝓛 after one step', x: etas, y: Array.from(sweep.loss) },
          { name: '𝓛(θ) = 3.25 (before the step)', x: [0, etas[etas.length - 1]], y: [sweep.loss0, sweep.loss0] },
          { name: `η* = ${thr.threshold.toFixed(6)}`, x: [thr.threshold], y: [sweep.loss0], style: 'points' },
        ],
      },
    });
    return kinksOk ? r : { ...r, verdict: 'failed', details: `${r.details}; η* must lie beyond both kinks, with one sign change` };
  },
};

const q7quartic: Claim = {
  id: 'inf264-q7-quartic', source: 'inf264', question: 'Q7',
  statement: 'Beyond both kinks (η > 3/10.2: the unit is off for x1, on for x2) the loss after one step is the quartic 5.05 − 30.42η + 129.529η² − 270.504η³ + 338.26005η⁴, whose root 𝓛 = 3.25 in (0.30, 0.34) is η*.',
  method: 'The quartic interpolated exactly through the network loss (rationals) at η = 0.30 … 0.34, confirmed equal to it at η = 0.295, 0.5, 2; its root bisected exactly, against learningRateThreshold in doubles.',
  run() {
    const coef = quarticCoefficients();
    const loss0 = exact().loss;
    const printed = ['5.05', '-30.42', '129.529', '-270.504', '338.26005'].map((c) => Rational.from(c));
    const matches = coef.every((c, k) => c.equals(printed[k])) && ['0.295', '0.5', '2'].every((e) => evalPoly(coef, Rational.from(e)).equals(phiExact(Rational.from(e)).add(loss0)));
    const root = bisectExact((e) => evalPoly(coef, e).sub(loss0), Rational.from('0.3'), Rational.from('0.34'), 40);
    const thr = learningRateThreshold(graphObjective(net, D, squared), theta(), { maxEta: 1 });
    const r = compare(root.lo.toNumber(), thr.threshold, { abs: 1e-15, reason: 'Brent on the double loss: a few ulp of 0.32' }, {
      details: `coefficients (exact): ${coef.map((c) => c.toString()).join(', ')}; root ${root.lo.toDecimal(35)}`,
    });
    return matches ? r : { ...r, verdict: 'failed', details: `${r.details}; the quartic does not match the network loss` };
  },
};

const q7small: Claim = {
  id: 'inf264-q7-small', source: 'inf264', question: 'Q7',
  statement: 'For small η the step lowers the loss by η‖∇𝓛‖² = 43.39η to first order: a small, safe decrease.',
  method: '(𝓛(θ) − 𝓛(θ − η∇𝓛)) / (η‖∇𝓛‖²) at η = 1e-5, in exact rational arithmetic; the curve of the ratio over η = 1e-5 … 0.3 is plotted.',
  run() {
    const ex = exact();
    const g2 = NAMES.reduce((s, k) => s.add(ex.grad[k].mul(ex.grad[k])), Rational.of(0));
    const ratio = (e: string) => phiExact(Rational.from(e)).neg().div(Rational.from(e).mul(g2)).toNumber();
    const etas = ['0.00001', '0.0001', '0.001', '0.01', '0.03', '0.1', '0.2', '0.3'];
    return compare(1, ratio('0.00001'), { abs: 1e-3, reason: 'the second-order term: on η < 1/5.1 𝓛 is a polynomial with |φ″(0)|/(2‖∇𝓛‖²) < 20, so the ratio is 1 − O(20η) = 1 ± 2e-4 at η = 1e-5; exact arithmetic, no rounding' }, {
      details: `‖∇𝓛‖² = ${g2}`,
      plot: {
        title: 'INF264 Q7: decrease after one step relative to its first-order value η‖∇𝓛‖²',
        x: { label: 'learning rate η', log: true }, y: { label: '(𝓛(θ) − 𝓛(θ − η∇𝓛)) / (η‖∇𝓛‖²)' },
        series: [{ name: 'ratio (exact)', x: etas.map(Number), y: etas.map(ratio) }],
      },
    });
  },
};

export const claims: Claim[] = [q1, q2, q3, perSampleClaim(0), perSampleClaim(1), q4, q4fd, q5, q6, q6lower, q7, q7quartic, q7small];

export const slips: Slip[] = [
  {
    source: 'inf264', location: 'derivation of δ_h, last line',
    printed: 'δ_h(x, y) = δ_v̂(x, y) · w3 · g′(z(x))', correct: 'δ_ŷ(x, y) · w3 · g′(z(x)) (a typo no number can show)', claim: null,
  },
];
