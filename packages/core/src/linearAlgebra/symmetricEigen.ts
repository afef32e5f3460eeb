import { squareMatrix, symmetrize, type MatrixInput } from './matrixInput.js';
import { normalizeWithSign } from './normalizeWithSign.js';
import { decompose } from './evd.js';
import { scaled, scaleExponent, unscale } from './scaleMatrix.js';

/**
 * Eigenpairs of a symmetric matrix: A·v_k = λ_k v_k, λ_0 ≥ λ_1 ≥ … ≥ λ_{n−1}.
 * @category Linear algebra
 */
export interface SymmetricEigenResult {
  /** eigenvalues, descending */
  values: Float64Array;
  /** vectors[k]: unit eigenvector for values[k]; its largest-|component| entry is > 0 */
  vectors: Float64Array[];
}

/**
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ by Householder tridiagonalisation +
 * implicit QL (ml-matrix's algorithm with `assumeSymmetric: true`, ported with an iteration
 * cap: evd.ts), then:
 * - sorted by eigenvalue, descending (ties keep the QL order);
 * - each vector renormalised to unit 2-norm;
 * - sign convention: the component of largest |value| is positive (the first such
 *   index on exact ties), so the result is deterministic.
 * For repeated eigenvalues the eigenvectors span the eigenspace but are not unique.
 * A matrix with max|a| outside [2^-450, 2^450] is first scaled by an exact power of two
 * (scaleMatrix.ts), so entries near 1e300 or 1e-300 give their eigenvalues, not NaN.
 * @throws TypeError/RangeError for a non-square, non-finite or non-symmetric A
 *   (|a_ij − a_ji| > 1e-10·max|a|); A is symmetrised as (A + Aᵀ)/2 before use. RangeError
 *   when the QL iteration does not converge within 30·n sweeps, or when an eigenvalue lies
 *   beyond the double range (|λ| > 1.8e308, possible for entries near it).
 * @category Linear algebra
 */
export function symmetricEigen(A: MatrixInput): SymmetricEigenResult {
  return symmetricEigenOf('A', symmetrize('A', squareMatrix('A', A)));
}

/**
 * `symmetricEigen` of data already validated and symmetrised: no checks on `a`, so it must be
 * finite and exactly symmetric (as `symmetricEigen` and `multivariateNormal` make it). `name` is
 * the caller's parameter, used in error messages.
 * @throws RangeError when the QL iteration does not converge or an eigenvalue overflows.
 * @category Linear algebra
 */
export function symmetricEigenOf(
  name: string,
  data: {
    /** order of A, ≥ 1 */
    readonly n: number;
    /** A row-major: a[i*n + j] = A_ij (length n²) */
    readonly a: Float64Array;
  },
): SymmetricEigenResult {
  const { n, a } = data;
  const k = scaleExponent(a);
  const evd = decompose(n, k === 0 ? a : scaled(a, k), true);
  if (!evd.ok) throw new RangeError(`${name} (${n}×${n}): symmetric eigendecomposition failed: ${evd.reason}`);
  const lambda = evd.d;
  const V = evd.V;
  const order = Array.from({ length: n }, (_, j) => j).sort((p, q) => lambda[q] - lambda[p] || p - q);
  const values = new Float64Array(n);
  const vectors: Float64Array[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const col = order[j];
    values[j] = k === 0 ? lambda[col] : unscale(lambda[col], k);
    if (!Number.isFinite(values[j])) {
      throw new RangeError(`${name} has an eigenvalue beyond the double range: |λ| = ${Math.abs(lambda[col])}·2^${k} > 1.8e308`);
    }
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = V[i][col];
    vectors[j] = normalizeWithSign(v);
  }
  return { values, vectors };
}
