// Q3 tour: fixed points α_k v_k exist iff f(α) λ_k = 1 (Eq. 17) has a solution; existence says why.
// The claims (closed form for erf, counts, the ‖C‖₂ ≤ 1 tension of Eq. (3)) are gatsby-q2.3* in the
// exam report. Run after `pnpm build`: node examples/q3-existence.mjs
import { activations } from '@neurobridge/core';
import { existence, fixedPoints } from '@neurobridge/lowrank';

const C = [[2.2, 0.4, 0.1], [0.4, 1.3, -0.2], [0.1, -0.2, 0.6]];
for (const phi of [activations.tanh, activations.erf]) {
  for (const e of existence(C, phi)) console.log(`${phi.name}, λ = ${e.lambda.re.toFixed(4)}: ${e.reason}`);
  console.log(`  residuals: ${fixedPoints(C, phi).nontrivial.map((q) => q.residual.toExponential(1)).join(', ')}`);
}
