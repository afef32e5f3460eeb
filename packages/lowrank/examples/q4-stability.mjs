// Q4 tour: at α_k v_k the Jacobian has eigenvalues λ_l/λ_k − 1 (l ≠ k) and α_k λ_k f'(α_k); only the
// fixed point of the largest eigenvalue is stable, and the mean field converges to it. The claims
// (finite differences, random C, the Eq. (19) slip) are gatsby-q2.4* in the exam report.
// Run after `pnpm build`: node examples/q4-stability.mjs
import { activations } from '@neurobridge/core';
import { fixedPoints, simulateMeanField } from '@neurobridge/lowrank';

const C = [[2.5, 0, 0], [0, 1.6, 0.3], [0, 0.3, 1.2]];
const fp = fixedPoints(C, activations.tanh);
for (const q of fp.nontrivial) {
  const show = (list) => list.map((e) => e.re.toFixed(6)).join(', ');
  console.log(`λ = ${q.lambda.toFixed(4)}, α = ${q.alpha.toFixed(6)}, ${q.stability}: Jacobian ${show(q.jacobianEigenvalues)}; predicted ${show(q.predictedEigenvalues)}`);
}
const r = simulateMeanField(C, activations.tanh, [0.1, 0.5, -0.3], { duration: 80, sampleDt: 80 });
console.log(`mean field from (0.1, 0.5, −0.3): m(80) = (${Array.from(r.mEnd, (v) => v.toFixed(6)).join(', ')})`);
