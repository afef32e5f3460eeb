import { choleskyFactor } from '../linearAlgebra/cholesky.js';
import { squareMatrix, symmetrize, type MatrixInput } from '../linearAlgebra/matrixInput.js';
import { finiteVector, integerInRange, knownKeys, MAX_ARRAY_LENGTH, oneOf, optional, optionsObject, positiveNumber, show } from '../validate.js';
import type { Rng } from './rng.js';
import { symmetricEigenOf } from '../linearAlgebra/symmetricEigen.js';

/**
 * Options of `multivariateNormal`: the factorisation of Σ and its tolerance.
 * @category Randomness
 */
export interface MultivariateNormalOptions {
  /**
   * 'cholesky': x = μ + L z with Σ = L Lᵀ (Σ must be positive definite).
   * 'eigen': x = μ + Σ_k √λ_k v_k z_k with Σ = Σ_k λ_k v_k v_kᵀ; accepts positive
   * semidefinite (singular) Σ, eigenvalues in [−tol·λ_max, 0) are set to 0.
   * @default 'cholesky'
   */
  method?: 'cholesky' | 'eigen';
  /** relative tolerance for negative eigenvalues with method 'eigen'. @default 1e-10 */
  tol?: number;
}

/**
 * `count` draws x ~ N(μ, Σ). Each draw consumes d = mean.length standard normals
 * z = rng.normals(d) in order, then x = μ + B z with B = L (Cholesky) or
 * B = V·diag(√max(λ, 0)) (eigen). Deterministic for a given rng state.
 * @throws RangeError when Σ is not d×d, not symmetric, not positive definite
 *   (cholesky: names the failing pivot), or has an eigenvalue < −tol·max|λ| (eigen).
 * @category Randomness
 */
export function multivariateNormal(
  rng: Rng,
  mean: ArrayLike<number>,
  cov: MatrixInput,
  count: number,
  options?: MultivariateNormalOptions,
): Float64Array[] {
  if (rng === null || typeof rng !== 'object' || typeof rng.normals !== 'function') {
    throw new TypeError(`rng must be an Rng from createRng; got ${show(rng)}`);
  }
  const mu = finiteVector('mean', mean);
  const d = mu.length;
  if (d === 0) throw new RangeError('mean must have length >= 1; got length 0');
  integerInRange('count', count, 0, Number.MAX_SAFE_INTEGER);
  // each draw is a Float64Array of d doubles plus ~256 bytes of object (fixedStep.ts measures it)
  if (count * (d + 32) > MAX_ARRAY_LENGTH) {
    throw new RangeError(`count·(d + 32) must be <= ${MAX_ARRAY_LENGTH} (the draws must fit in 1 GiB; d = mean.length = ${d}); got count = ${count}`);
  }
  const opts = knownKeys('options', optionsObject('options', options), ['method', 'tol']);
  const method = optional('options.method', opts.method, 'cholesky', (n, v) => oneOf(n, v, ['cholesky', 'eigen']));
  const tol = opts.tol === undefined ? 1e-10 : positiveNumber('options.tol', opts.tol);
  const sq = squareMatrix('cov', cov);
  if (sq.n !== d) throw new RangeError(`cov must be ${d}×${d} to match mean; got ${sq.n}×${sq.n}`);
  const B = new Float64Array(d * d); // row-major factor, x = μ + B z
  if (method === 'cholesky') {
    B.set(choleskyFactor(cov, 'cov').l);
  } else {
    const { values, vectors } = symmetricEigenOf('cov', symmetrize('cov', sq));
    const scale = Math.max(Math.abs(values[0]), Math.abs(values[d - 1]));
    if (values[d - 1] < -tol * scale) {
      throw new RangeError(
        `cov must be positive semidefinite: smallest eigenvalue ${values[d - 1]} < −tol·max|λ| = ${-tol * scale} (tol = ${tol})`,
      );
    }
    for (let k = 0; k < d; k++) {
      const s = Math.sqrt(Math.max(values[k], 0));
      for (let i = 0; i < d; i++) B[i * d + k] = vectors[k][i] * s;
    }
  }
  const z = new Float64Array(d);
  const out: Float64Array[] = new Array(count);
  for (let s = 0; s < count; s++) {
    rng.normals(d, z);
    const x = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let acc = mu[i];
      for (let k = 0; k < d; k++) acc += B[i * d + k] * z[k];
      x[i] = acc;
    }
    out[s] = x;
  }
  return out;
}
