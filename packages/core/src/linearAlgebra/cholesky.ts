import { squareMatrix, symmetrize, toRows, type MatrixInput } from './matrixInput.js';
import { show } from '../validate.js';

/**
 * Lower-triangular L (row-major, n×n) and size, the allocation-light form of `cholesky`.
 * @category Linear algebra
 */
export interface CholeskyFactor {
  /** order of A and L */
  n: number;
  /** l[i*n + j] = L[i][j], zero above the diagonal */
  l: Float64Array;
}

/**
 * Cholesky factor A = L·Lᵀ of a symmetric positive-definite matrix (Cholesky–Crout,
 * column by column): L_jj = √(A_jj − Σ_{k<j} L_jk²), L_ij = (A_ij − Σ_{k<j} L_ik L_jk)/L_jj.
 *
 * Written here rather than taken from ml-matrix's CholeskyDecomposition because that one
 * does not say where it failed; the tests check it against ml-matrix.
 * @throws RangeError when A is not symmetric (see SYMMETRY_RTOL), or not positive
 *   definite: the message names the first pivot A_jj − Σ L_jk² that is ≤ 0 (0-based j).
 * @category Linear algebra
 */
export function choleskyFactor(A: MatrixInput, name = 'A'): CholeskyFactor {
  if (typeof name !== 'string') throw new TypeError(`name must be a string (the parameter name used in messages); got ${show(name)}`);
  const { n, a } = symmetrize(name, squareMatrix(name, A));
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new RangeError(
            `${name} must be positive definite; Cholesky pivot ${j} (0-based) is ${s} <= 0` +
              ` (${name}[${j}][${j}] = ${a[j * n + j]})`,
          );
        }
        l[j * n + j] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return { n, l };
}

/**
 * Lower-triangular L with A = L·Lᵀ, as rows. See `choleskyFactor` for method and errors.
 * @category Linear algebra
 */
export function cholesky(A: MatrixInput): number[][] {
  const { n, l } = choleskyFactor(A);
  return toRows(n, l);
}
