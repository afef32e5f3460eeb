import type { LinearizedModel } from './linearize.js';
import { readTargets } from './network.js';
import { integerInRange } from '@neurobridge/core';

/** Options of `kernelGradientDescent`. */
export interface KernelGradientDescentOptions {
  /** η, as in `trainFullBatch`. Required, > 0. */
  learningRate: number;
  /** number of updates T. Required, integer >= 0. */
  steps: number;
}

/**
 * Gradient descent on the linearised loss, run in function space: with ε_0 = ỹ,
 *   ε_{t+1} = (I − η C) ε_t,   a(T) = η Σ_{t<T} ε_t   (Eqs. 29–31 in this normalisation),
 * so that Δw^l(T) = (γ^l/N_l) Σ_μ a_μ(T) x̃^l_μ (`weightChange`) is exactly the weight change that
 * `trainFullBatch(..., { model: 'linearized' })` reaches after T steps, at O(p² T) instead of O(p n² T).
 */
export function kernelGradientDescent(model: LinearizedModel, targets: ArrayLike<number>, options: KernelGradientDescentOptions): { a: Float64Array; residual: Float64Array } {
  const p = model.p;
  const y = readTargets(targets, p);
  const eta = options?.learningRate;
  const T = options?.steps;
  if (!(Number.isFinite(eta) && eta > 0)) throw new RangeError(`learningRate must be finite and > 0; got ${eta}`);
  integerInRange('steps', T, 0);
  const C = model.kernel.total;
  let eps = Float64Array.from(y, (v, mu) => v - model.f0[mu]);
  let next = new Float64Array(p);
  const a = new Float64Array(p);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < p; i++) {
      a[i] += eta * eps[i];
      let s = eps[i];
      for (let j = 0; j < p; j++) s -= eta * C[i * p + j] * eps[j];
      next[i] = s;
    }
    [eps, next] = [next, eps];
  }
  return { a, residual: eps };
}
