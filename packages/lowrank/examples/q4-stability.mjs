// Q4: at α_k v_k the Jacobian has eigenvalues λ_l/λ_k − 1 (l ≠ k) and α_k λ_k f'(α_k) (along v_k);
// only the fixed point of the largest eigenvalue is stable; the mean field converges to ±α_1 v_1.
// Also: the slip in the printed linearisation Eq. (19).
import { activations, createRng } from '@neurobridge/core';
import { fixedPoints, gainDerivative, jacobian, meanFieldRhs, simulateMeanField } from '@neurobridge/lowrank';
import { fmt, report, symmetricWithEigenvalues } from './report.mjs';

let worstEig = 0, stableOk = true, trials = 0;
for (let seed = 1; seed <= 50; seed++) {
  const rng = createRng(`q4-${seed}`);
  const p = 2 + (seed % 4);
  const values = [1.3 + 2 * rng.uniform(), 1.05 + 0.2 * rng.uniform()];
  while (values.length < p) values.push(-1 + 2.5 * rng.uniform());
  const C = symmetricWithEigenvalues(values, () => rng.normal());
  const fp = fixedPoints(C, activations.tanh);
  const lmax = Math.max(...values);
  for (const q of fp.nontrivial) {
    q.jacobianEigenvalues.forEach((e, i) => { worstEig = Math.max(worstEig, Math.abs(e.re - q.predictedEigenvalues[i].re), Math.abs(e.im)); });
    if (q.stable !== (Math.abs(q.lambda - lmax) < 1e-12)) stableOk = false;
  }
  trials++;
}
report({
  claim: 'Q4: Jacobian spectrum at α_k v_k is {λ_l/λ_k − 1}_{l≠k} ∪ {α_k λ_k f\'(α_k)}; only k = argmax λ is stable',
  formula: 'J = f(α_k) C − I + α_k λ_k f\'(α_k) v_k v_kᵀ',
  numerics: `${trials} seeded random symmetric C (p = 2…5, ≥ 2 eigenvalues > 1), φ = tanh`,
  error: `max |numerical − predicted| eigenvalue = ${worstEig.toExponential(2)}; stability pattern as predicted: ${stableOk}`,
  pass: worstEig < 1e-10 && stableOk,
});

// Convergence from random starts
const rng = createRng('q4-starts');
const C = symmetricWithEigenvalues([2.5, 1.6, 1.2, -0.5], () => rng.normal());
const best = fixedPoints(C, activations.tanh).nontrivial.find((q) => q.k === 0);
const dists = [];
for (let s = 0; s < 20; s++) {
  const m0 = Array.from({ length: 4 }, () => rng.normal());
  const r = simulateMeanField(C, activations.tanh, m0, { duration: 80, sampleDt: 80 });
  const sign = r.mEnd.reduce((a, v, i) => a + v * best.m[i], 0) > 0 ? 1 : -1;
  dists.push(Math.max(...Array.from(r.mEnd, (v, i) => Math.abs(v - sign * best.m[i]))));
}
report({
  claim: 'Q4: the mean field from 20 random starts converges to ±α_1 v_1',
  formula: `eigenvalues (2.5, 1.6, 1.2, −0.5), α_1 = ${fmt(best.alpha, 12)}`,
  numerics: `max_i |m_i(80) ∓ α_1 v_1,i| over starts: ${dists.map((d) => d.toExponential(1)).join(' ')}`,
  error: `worst ${Math.max(...dists).toExponential(2)}`,
  pass: Math.max(...dists) < 1e-7,
});

// Eq. (19) slip
const rs = createRng('eq19');
const C19 = symmetricWithEigenvalues([3, 1.5, -0.5], () => rs.normal());
const q = fixedPoints(C19, activations.tanh).nontrivial.find((p) => p.k === 0);
const v = Array.from(q.m, (x) => x / q.alpha);
const h = 1e-6;
const Fp = meanFieldRhs(C19, activations.tanh, q.m.map((x, i) => x + h * v[i]));
const Fm = meanFieldRhs(C19, activations.tanh, q.m.map((x, i) => x - h * v[i]));
const fdAlong = Fp.reduce((s, x, i) => s + ((x - Fm[i]) / (2 * h)) * v[i], 0); // vᵀ J v by central differences
const df = gainDerivative(activations.tanh, q.alpha);
const correct = q.alpha * q.lambda * df;
const printed = 2 * q.alpha * df; // Eq. (19) read as 2 α f'(α) v (v·δm) (+ f C − I, which gives 0 along v)
const J = jacobian(C19, activations.tanh, q.m);
const Jv = J.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
report({
  claim: 'Eq. (19) slip: the rank-one term is α_k λ_k f\'(α_k) v_k (v_k·δm), not "2 α_k f\'(α_k) v_k · δm"',
  formula: 'd/dm [f(|m|) C m] = f C + f\'(|m|) (C m)(m/|m|)ᵀ; at α v_k: C m = α λ_k v_k',
  numerics: [`λ_k = ${fmt(q.lambda)}, α = ${fmt(q.alpha, 10)}, f'(α) = ${fmt(df, 10)}`,
    `eigenvalue along v_k: finite differences ${fmt(fdAlong, 10)}, α λ f' = ${fmt(correct, 10)}, printed 2 α f' = ${fmt(printed, 10)}`,
    `|J v − (α λ f') v| = ${Math.max(...Jv.map((x, i) => Math.abs(x - correct * v[i]))).toExponential(2)}`],
  error: `|FD − correct| = ${Math.abs(fdAlong - correct).toExponential(2)}, |FD − printed| = ${Math.abs(fdAlong - printed).toExponential(2)}`,
  pass: Math.abs(fdAlong - correct) < 1e-8 && Math.abs(fdAlong - printed) > 1e-2,
});
