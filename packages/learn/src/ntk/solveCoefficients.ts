import type { LinearizedModel } from './linearize.js';
import { readTargets } from './network.js';
import { checkModel } from './linearize.js';
import { knownKeys, nonNegativeNumber, optionsObject } from '@neurobridge/core';

/**
 * Options of `solveCoefficients`.
 * @category Tangent kernel
 */
export interface SolveCoefficientsOptions {
  /** λ >= 0: solve (C + λ I) a = ỹ instead of C a = ỹ (kernel ridge regression). @default 0 */
  ridge?: number;
  /**
   * relative pivot threshold: C counts as singular when a Cholesky pivot falls below
   * rcond · max_μ C_μμ. @default 1e-12 (≈ 4500 ε: about 4 significant digits left in a)
   */
  rcond?: number;
}

/**
 * The coefficients a_μ of Eq. (37) with the target residuals ỹ_μ (Eq. 9a).
 * @category Tangent kernel
 */
export interface Coefficients {
  /** a_μ solving (C + λ I) a = ỹ (Eq. 37; λ = `ridge`), length p. */
  a: Float64Array;
  /** ỹ_μ = y_μ − f(w, x_μ) */
  residual: Float64Array;
  /** λ, the ridge added to the diagonal of C (0: the exact interpolating fit). */
  ridge: number;
  /** smallest Cholesky pivot relative to the largest diagonal entry: a cheap conditioning gauge */
  minPivotRatio: number;
}

/**
 * Solve ỹ_μ = Σ_ν C_μν a_ν (Eq. 37; Eq. 12 of the question with the corrected kernel Eq. 36) for
 * the exact fit the overparameterised network reaches. C is symmetric positive semi-definite;
 * duplicate inputs, or p above the number of weights, make it singular: that throws a RangeError
 * naming the pivot and suggesting `{ ridge }`.
 * @category Tangent kernel
 */
export function solveCoefficients(model: LinearizedModel, targets: ArrayLike<number>, options: SolveCoefficientsOptions = {}): Coefficients {
  checkModel(model);
  const p = model.p;
  const y = readTargets(targets, p);
  const opts = knownKeys('options', optionsObject('options', options), ['ridge', 'rcond']);
  const ridge = opts.ridge === undefined ? 0 : nonNegativeNumber('options.ridge', opts.ridge);
  const rcond = opts.rcond === undefined ? 1e-12 : nonNegativeNumber('options.rcond', opts.rcond);
  if (!(rcond < 1)) throw new RangeError(`options.rcond must be in [0, 1); got ${rcond}`);
  const residual = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) residual[mu] = y[mu] - model.f0[mu];
  const A = Float64Array.from(model.kernel.total);
  for (let mu = 0; mu < p; mu++) A[mu * p + mu] += ridge;
  const { a, minPivotRatio } = choleskySolve(A, p, residual, rcond);
  return { a, residual, ridge, minPivotRatio };
}

/**
 * Solve A a = b for symmetric positive-definite A (p × p row-major, overwritten by its Cholesky
 * factor). Throws a RangeError when a pivot falls below rcond · max diag (singular or nearly so).
 *
 * Not core's `choleskyFactor`/`solve`, on purpose: core's Cholesky takes number[][] rows,
 * checks symmetry and replaces A by (A + Aᵀ)/2, and fails only at a pivot ≤ 0; this one reads
 * the lower triangle of the kernel as `matmulNT` produced it (so the result does not depend on
 * whether that kernel is bitwise symmetric), stops at the first pivot below rcond·max C_μμ with
 * a message that suggests `{ ridge }`, and reports the smallest pivot ratio. Core's `solve` is
 * LU with partial pivoting, another algorithm. The Crout loop itself is the same as core's.
 */
export function choleskySolve(A: Float64Array, p: number, b: Float64Array, rcond: number): { a: Float64Array; minPivotRatio: number } {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, A[i * p + i]);
  if (!(maxDiag > 0)) {
    throw new RangeError(`kernel matrix C is singular (largest diagonal entry ${maxDiag}); pass { ridge: λ > 0 } to solve (C + λI) a = ỹ`);
  }
  let minPivotRatio = Infinity;
  for (let j = 0; j < p; j++) {
    let s = A[j * p + j];
    for (let k = 0; k < j; k++) s -= A[j * p + k] * A[j * p + k];
    const ratio = s / maxDiag;
    minPivotRatio = Math.min(minPivotRatio, ratio);
    if (!(ratio > rcond)) {
      throw new RangeError(
        `kernel matrix C is singular or ill-conditioned: Cholesky pivot ${s.toExponential(3)} at row ${j} is <= rcond·max C_μμ = ${(rcond * maxDiag).toExponential(3)} ` +
          `(duplicate inputs, or more examples than weights?); pass { ridge: λ > 0 } to solve (C + λI) a = ỹ`,
      );
    }
    const d = Math.sqrt(s);
    A[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let t = A[i * p + j];
      for (let k = 0; k < j; k++) t -= A[i * p + k] * A[j * p + k];
      A[i * p + j] = t / d;
    }
  }
  const a = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = a[i];
    for (let k = 0; k < i; k++) s -= A[i * p + k] * a[k];
    a[i] = s / A[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = a[i];
    for (let k = i + 1; k < p; k++) s -= A[k * p + i] * a[k];
    a[i] = s / A[i * p + i];
  }
  return { a, minPivotRatio };
}
