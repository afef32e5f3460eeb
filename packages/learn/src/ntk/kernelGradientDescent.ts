import type { LinearizedModel } from './linearize.js';
import { readTargets } from './network.js';
import { knownKeys, positiveNumber, show } from '@neurobridge/core';
import { checkModel } from './linearize.js';
import { DIVERGENCE_FACTOR, firstNonFinite, stepCount } from '../internal/check.js';

/**
 * a(T) and ε(T), with the status of the run (plain data).
 * @category Tangent kernel
 */
export interface KernelGradientDescentResult {
  /** a(T) = η Σ_{t<T} ε_t, length p: the coefficients of Δw^l(T) (Eq. 32, `weightChange`). */
  a: Float64Array;
  /** ε(T) = (I − η C)^T ỹ, the residuals y_μ − f_lin(x_μ) after T updates, length p. */
  residual: Float64Array;
  /** updates performed (T unless the run stopped) */
  steps: number;
  /** 'maxSteps': all T updates; 'nonFinite' / 'diverged': stopped (|ε|² > 1e12 · max(1, |ε_0|²)), η too large */
  status: 'maxSteps' | 'nonFinite' | 'diverged';
  /** what happened, in words (for a stopped run: the step and the bound η < 2/λ_max(C)). */
  message: string;
}

/**
 * Options of `kernelGradientDescent`.
 * @category Tangent kernel
 */
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
 * @category Tangent kernel
 */
export function kernelGradientDescent(model: LinearizedModel, targets: ArrayLike<number>, options: KernelGradientDescentOptions): KernelGradientDescentResult {
  checkModel(model);
  const p = model.p;
  const y = readTargets(targets, p);
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object { learningRate, steps }; got ${show(options)}`);
  knownKeys('options', options, ['learningRate', 'steps']);
  const eta = positiveNumber('options.learningRate', options.learningRate);
  const T = stepCount('options.steps', options.steps);
  // O(p² T) multiply-adds: bounded so that a call ends within seconds (≈ 10¹⁰ at ≈ 1 ns each)
  if (p * p * T > 1e10) throw new RangeError(`options.steps × p² = ${T} × ${p}² exceeds 10¹⁰ multiply-adds; use fewer steps (or linearize + solveCoefficients for the limit T → ∞)`);
  let status: KernelGradientDescentResult['status'] = 'maxSteps';
  let message = `completed ${T} steps`;
  let r0 = 0;
  const C = model.kernel.total;
  let eps = Float64Array.from(y, (v, mu) => v - model.f0[mu]);
  let next = new Float64Array(p);
  const a = new Float64Array(p);
  for (const v of eps) r0 += v * v;
  let t = 0;
  for (; t < T; t++) {
    for (let i = 0; i < p; i++) {
      a[i] += eta * eps[i];
      let s = eps[i];
      for (let j = 0; j < p; j++) s -= eta * C[i * p + j] * eps[j];
      next[i] = s;
    }
    [eps, next] = [next, eps];
    // a second pass over p values (the step is p²): flags divergence, η above 2/λ_max(C)
    let r = 0;
    for (const v of eps) r += v * v;
    if (!Number.isFinite(r) || firstNonFinite(a) >= 0) {
      status = 'nonFinite'; message = `the residual became non-finite at step ${t + 1}: learningRate ${eta} too large (needs η < 2/λ_max(C))`;
      t++; break;
    }
    if (r > DIVERGENCE_FACTOR * Math.max(1, r0)) {
      status = 'diverged'; message = `the residual grew to |ε|² = ${r} at step ${t + 1}, more than ${DIVERGENCE_FACTOR} × max(1, |ε_0|² = ${r0}): learningRate ${eta} too large (needs η < 2/λ_max(C))`;
      t++; break;
    }
  }
  return { a, residual: eps, steps: t, status, message };
}
