// README example: find and classify the fixed points of a 3 × 3 C.
import { activations } from '@neurobridge/core';
import { fixedPoints } from '@neurobridge/lowrank';

const C = [[2.2, 0.4, 0.1], [0.4, 1.3, -0.2], [0.1, -0.2, 0.6]];
const { trivial, nontrivial } = fixedPoints(C, activations.tanh);
console.log(`m = 0: ${trivial.stability}`);
for (const q of nontrivial) {
  const eig = q.jacobianEigenvalues.map((e) => e.re.toFixed(4)).join(', ');
  console.log(`λ = ${q.lambda.toFixed(4)}  α = ${q.alpha.toFixed(6)}  ${q.stability}  Jacobian eigenvalues ${eig}`);
}
