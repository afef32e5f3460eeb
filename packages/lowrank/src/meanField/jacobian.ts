/**
 * Exact Jacobian of the mean-field dynamics Eq. (10), F(m) = f(|m|) C m − m:
 *
 *   ∂F/∂m = f(|m|) C − I + f'(|m|) (C m) mᵀ / |m|          (m ≠ 0),
 *   ∂F/∂m = f(0⁺) C − I                                      (m = 0; the rank-one term is
 *                                                             O(|m|) and vanishes there).
 *
 * At a fixed point m = α_k v_k (unit v_k, C v_k = λ_k v_k, f(α_k) λ_k = 1) this is
 *
 *   f(α_k) C − I + α_k λ_k f'(α_k) v_k v_kᵀ,
 *
 * with eigenvalue α_k λ_k f'(α_k) along v_k and λ_l/λ_k − 1 along the other eigenvectors
 * (for non-symmetric C: along the left eigenvectors w_l, since w_lᵀ v_k = 0 for l ≠ k).
 *
 * Slip in the exam solution, Eq. (19): it prints the rank-one term as
 * "2 α_k f'(α_k) v_k · δm" — a scalar added to vectors, with a factor 2 where λ_k belongs.
 * The correct term is α_k λ_k f'(α_k) v_k (v_k · δm) (from ∂|m|/∂m = m/|m| and
 * C m = α_k λ_k v_k). The exam's conclusion about the directions v_l ⟂ v_k (Eq. 20–22) is
 * unaffected, because the term vanishes on them; the eigenvalue along v_k is
 * α_k λ_k f'(α_k) = α_k f'(α_k)/f(α_k), not 2 α_k f'(α_k) + f(α_k) λ_k − 1 = 2 α_k f'(α_k).
 * test/jacobian.test.ts checks both against finite differences.
 */
import type { Activation } from '@neurobridge/core';
import { gain, gainDerivative, gainDerivativeTimesAmplitude, UNDERFLOW_AMPLITUDE } from './gain.js';
import { matVec, norm } from './meanFieldRhs.js';
import { activation, allFinite, squareMatrix } from '../internal/validate.js';
import { finiteVector, show } from '@neurobridge/core';

/**
 * Row-major Jacobian on validated data. Where (C m) mᵀ overflows or f'(|m|) underflows
 * (|m| > 1e154) the rank-one term is recomputed as (|m| f'(|m|))·(C u) uᵀ, u = m/|m|.
 */
export function jacobianKernel(C: Float64Array, p: number, phi: Activation, m: Float64Array): Float64Array {
  const a = norm(m);
  const fa = gain(phi, a);
  const J = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) J[i] = fa * C[i];
  for (let i = 0; i < p; i++) J[i * p + i] -= 1;
  if (a > 0) {
    const dfa = gainDerivative(phi, a);
    const Cm = matVec(C, p, m, new Float64Array(p));
    const base = J.slice();
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) J[i * p + j] += (dfa * Cm[i] * m[j]) / a;
    }
    if (a > UNDERFLOW_AMPLITUDE || !allFinite(J)) {
      const u = Float64Array.from(m, (v) => v / a);
      const Cu = matVec(C, p, u, new Float64Array(p));
      const aDfa = gainDerivativeTimesAmplitude(phi, a);
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) J[i * p + j] = base[i * p + j] + aDfa * Cu[i] * u[j];
      }
    }
  }
  return J;
}

/**
 * ∂(dm/dt)/∂m of Eq. (10) at m, as rows: J[i][j] = ∂F_i/∂m_j.
 * @category Mean field
 */
export function jacobian(C: ArrayLike<ArrayLike<number>>, phi: Activation, m: ArrayLike<number>): number[][] {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  const mv = finiteVector('m', m, p);
  const J = jacobianKernel(data, p, phi, mv);
  if (!allFinite(J)) throw new RangeError(`m: the Jacobian at |m| = ${show(norm(mv))} is not representable as doubles with this C (it overflows)`);
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(J.subarray(i * p, (i + 1) * p)));
  return rows;
}

