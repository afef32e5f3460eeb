import { EigenvalueDecomposition } from 'ml-matrix';
import { squareMatrix, symmetrize, toMatrix, type MatrixInput } from './internal/matrixInput.js';
import { normalizeWithSign } from './internal/normalizeWithSign.js';

/** Eigenpairs of a symmetric matrix: A·v_k = λ_k v_k, λ_0 ≥ λ_1 ≥ … ≥ λ_{n−1}. */
export interface SymmetricEigenResult {
  /** eigenvalues, descending */
  values: Float64Array;
  /** vectors[k]: unit eigenvector for values[k]; its largest-|component| entry is > 0 */
  vectors: Float64Array[];
}

/**
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ via ml-matrix (Householder
 * tridiagonalisation + implicit QL, `assumeSymmetric: true`), then:
 * - sorted by eigenvalue, descending (ties keep ml-matrix's order);
 * - each vector renormalised to unit 2-norm;
 * - sign convention: the component of largest |value| is positive (the first such
 *   index on exact ties), so the result is deterministic.
 * For repeated eigenvalues the eigenvectors span the eigenspace but are not unique.
 * @throws TypeError/RangeError for a non-square, non-finite or non-symmetric A
 *   (|a_ij − a_ji| > 1e-10·max|a|); A is symmetrised as (A + Aᵀ)/2 before use.
 */
export function symmetricEigen(A: MatrixInput): SymmetricEigenResult {
  const { n, a } = symmetrize('A', squareMatrix('A', A));
  const evd = new EigenvalueDecomposition(toMatrix(n, a), { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => lambda[q] - lambda[p] || p - q);
  const values = new Float64Array(n);
  const vectors: Float64Array[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const col = order[k];
    values[k] = lambda[col];
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = V.get(i, col);
    vectors[k] = normalizeWithSign(v);
  }
  return { values, vectors };
}
