// Q3: fixed points α_k v_k of Eq. (10) exist iff f(α) λ_k = 1 (Eq. 17) has a solution α > 0,
// decided by the range of f on (0, ∞); every returned fixed point has residual ≤ 1e-12.
import { activations, defineActivation, erfFn } from '@neurobridge/core';
import { existence, fixedPoints, spectralNorm } from '@neurobridge/lowrank';
import { fmt, report } from './report.mjs';

const C = [[2.2, 0.4, 0.1], [0.4, 1.3, -0.2], [0.1, -0.2, 0.6]];
for (const phi of [activations.tanh, activations.sigmoid, activations.erf]) {
  const ex = existence(C, phi);
  const fp = fixedPoints(C, phi);
  const worst = Math.max(0, ...fp.nontrivial.map((q) => q.residual));
  const agree = ex.every((e) => e.exists === (fp.nontrivial.filter((q) => q.k === e.k).length > 0));
  report({
    claim: `Q3 (φ = ${phi.name}): a fixed point on v_k exists iff λ_k > 1/φ'(0)`,
    formula: 'f(α) λ_k = 1 (Eq. 17); f decreasing from φ\'(0) to 0',
    numerics: [...ex.map((e) => `λ_${e.k} = ${fmt(e.lambda.re)}: ${e.reason}`), ...fp.nontrivial.map((q) => `fixed point k = ${q.k}: α = ${fmt(q.alpha, 12)}, residual ${q.residual.toExponential(2)}`)],
    error: `max residual ${worst.toExponential(2)} (≤ 1e-12 required); existence ↔ fixedPoints agree: ${agree}`,
    pass: worst <= 1e-12 && agree,
  });
}

// A non-monotonic gain: φ'(x) = 1/2 − e^{−x²/2} + 1.5 e^{−x²/18} (f rises from 1 to ≈1.25, then decays to 1/2)
const bump = defineActivation({
  name: 'bump',
  f: (x) => 0.5 * x - Math.sqrt(Math.PI / 2) * erfFn(x / Math.SQRT2) + 4.5 * Math.sqrt(Math.PI / 2) * erfFn(x / (3 * Math.SQRT2)),
  df: (x) => 0.5 - Math.exp(-x * x / 2) + 1.5 * Math.exp(-x * x / 18),
  d2f: (x) => x * Math.exp(-x * x / 2) - (1.5 * x / 9) * Math.exp(-x * x / 18),
});
const exact = (a) => 0.5 - 1 / Math.sqrt(1 + a * a) + 4.5 / Math.sqrt(9 + a * a);
const Cb = [[2.5, 0, 0, 0], [0, 1.5, 0, 0], [0, 0, 0.9, 0], [0, 0, 0, 0.7]];
const exb = existence(Cb, bump, { maxAmplitude: 1e4 });
const fpb = fixedPoints(Cb, bump, { maxAmplitude: 1e4 });
const gainErr = Math.max(...fpb.nontrivial.map((q) => Math.abs(exact(q.alpha) * q.lambda - 1)));
report({
  claim: 'Q3 with a non-monotonic f: several amplitudes per eigenvalue are possible',
  formula: 'f(a) = 1/2 − (1 + a²)^(−1/2) + 4.5 (9 + a²)^(−1/2) (closed form of E[φ\'(a z)])',
  numerics: [...exb.map((e) => `λ = ${e.lambda.re}: ${e.amplitudes.length} solution(s) ${e.amplitudes.map((a) => fmt(a, 10)).join(', ')}`),
    ...fpb.nontrivial.map((q) => `k = ${q.k}, α = ${fmt(q.alpha, 10)}: ${q.stability}`)],
  error: `max |f_exact(α) λ − 1| = ${gainErr.toExponential(2)}; counts (0, 1, 2, 0) expected`,
  pass: gainErr < 1e-12 && exb.map((e) => e.amplitudes.length).join() === '0,1,2,0',
});

// The tension in the exam: Eq. (3) forces ‖C‖₂ ≤ 1, hence |λ_k| ≤ 1 and no tanh fixed point.
const C3 = [[0.7, 0.5], [-0.4, 0.6]];
report({
  claim: 'Eq. (3) admits only ‖C‖₂ ≤ 1, so for φ = tanh (f < 1) Eq. (17) never holds in the exam\'s own network',
  formula: '[[I, Cᵀ], [C, I]] ⪰ 0 ⇔ ‖C‖₂ ≤ 1 ⇒ |λ_k| ≤ 1 ⇒ f(α) λ_k < 1 for α > 0',
  numerics: [`‖C‖₂ = ${fmt(spectralNorm(C3))}, eigenvalues ${existence(C3, activations.tanh).map((e) => `${fmt(e.lambda.re)}${e.lambda.im ? `${e.lambda.im > 0 ? '+' : '−'}${fmt(Math.abs(e.lambda.im))}i` : ''}`).join(', ')}`,
    `tanh fixed points: ${fixedPoints(C3, activations.tanh).nontrivial.length}; erf (φ'(0) = 2/√π > 1) with C = [[0.95]]: ${fixedPoints([[0.95]], activations.erf).nontrivial.length}`],
  error: 'n/a (a structural statement)',
  pass: fixedPoints(C3, activations.tanh).nontrivial.length === 0,
});
