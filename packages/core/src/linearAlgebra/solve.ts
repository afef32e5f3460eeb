import { LuDecomposition } from 'ml-matrix';
import { squareMatrix, toMatrix, type MatrixInput } from './matrixInput.js';
import { finiteVector, knownKeys, optionsObject, positiveNumber } from '../validate.js';
import { scaled, scaleExponent } from './scaleMatrix.js';

/**
 * Options of `solve`: the conditioning threshold below which it refuses A.
 * @category Linear algebra
 */
export interface SolveOptions {
  /**
   * Smallest accepted reciprocal condition number estimate rcond = 1/(‖A‖₁·‖A⁻¹‖₁).
   * Below it the solution has no reliable digit and solve throws.
   * In (0, 1] (rcond is at most 1, so a larger threshold would refuse every matrix).
   * @default Number.EPSILON (2.2e-16, the threshold of MATLAB's "close to singular")
   */
  rcondMin?: number;
}

/**
 * x with A·x = b, by LU decomposition with partial pivoting (ml-matrix's
 * LuDecomposition, P·A = L·U), then forward/back substitution.
 * Singularity is detected two ways: an exact zero pivot U_kk = 0, or an estimated
 * reciprocal 1-norm condition number rcond = 1/(‖A‖₁·est‖A⁻¹‖₁) < rcondMin, where
 * est‖A⁻¹‖₁ is Hager's estimator with Higham's refinements (LAPACK xLACON: up to 5 pairs of
 * solves with A and Aᵀ, plus the alternating-sign test vector) — a lower bound on
 * ‖A⁻¹‖₁ that is almost always within a factor 3.
 * A with max|a| outside [2^-450, 2^450] is scaled by an exact power of two first.
 * @throws RangeError naming the test that failed (zero pivot, or rcond and threshold), or
 *   when x overflows; TypeError/RangeError for a non-square or non-finite A, a b of the wrong
 *   length, or bad options.
 * @category Linear algebra
 */
export function solve(A: MatrixInput, b: ArrayLike<number>, options?: SolveOptions): Float64Array {
  const { n, a } = squareMatrix('A', A);
  const rhs = finiteVector('b', b, n);
  const opts = knownKeys('options', optionsObject('options', options), ['rcondMin']);
  const rcondMin = opts.rcondMin === undefined ? Number.EPSILON : positiveNumber('options.rcondMin', opts.rcondMin);
  if (rcondMin > 1) throw new RangeError(`options.rcondMin must be in (0, 1] (rcond never exceeds 1); got ${rcondMin}`);
  // max|a| outside [2^-450, 2^450]: solve (A·2^-k) x = b·2^-k (exact scalings, up to b·2^-k
  // in the subnormal range, where x itself is), so that ‖A‖₁ does not overflow (a
  // well-conditioned A near 1e308 would look singular) nor underflow
  const k = scaleExponent(a);
  const as = k === 0 ? a : scaled(a, k);
  const lu = luFactor(n, as);
  const x = new Float64Array(n);
  luSolve(lu, k === 0 ? rhs : scaled(rhs, k), x);
  const rcond = rcondEstimate(n, as, lu);
  if (!(rcond >= rcondMin)) {
    throw new RangeError(
      `A is singular to working precision: estimated reciprocal condition number rcond = 1/(‖A‖₁·‖A⁻¹‖₁) = ${rcond.toExponential(3)}` +
        ` < options.rcondMin = ${rcondMin} (LU with partial pivoting, Hager–Higham 1-norm estimator)`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(
        `the solution x[${i}] of A·x = b is beyond the double range (|x[${i}]| > 1.8e308), although A is not singular to working precision (rcond = ${rcond.toExponential(3)})`,
      );
    }
  }
  return x;
}

/** P·A = L·U as dense row-major buffers (L unit lower, U upper) and the pivot rows. */
interface LuFactors {
  n: number;
  l: Float64Array;
  u: Float64Array;
  /** row i of P·A is row piv[i] of A */
  piv: Int32Array;
}

function luFactor(n: number, a: Float64Array): LuFactors {
  const dec = new LuDecomposition(toMatrix(n, a));
  const L = dec.lowerTriangularMatrix;
  const U = dec.upperTriangularMatrix;
  const piv = Int32Array.from(dec.pivotPermutationVector);
  const l = new Float64Array(n * n);
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      l[i * n + j] = L.get(i, j);
      u[i * n + j] = U.get(i, j);
    }
  }
  for (let k = 0; k < n; k++) {
    if (u[k * n + k] === 0) {
      throw new RangeError(`A is singular: LU with partial pivoting found an exact zero pivot U[${k}][${k}] = 0 (column ${k})`);
    }
  }
  return { n, l, u, piv };
}

/** x = A⁻¹ c via L·U x = P c. */
function luSolve({ n, l, u, piv }: LuFactors, c: Float64Array, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = c[piv[i]];
    for (let j = 0; j < i; j++) s -= l[i * n + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= u[i * n + j] * x[j];
    x[i] = s / u[i * n + i];
  }
}

/** z = A⁻ᵀ c via Uᵀ w = c, Lᵀ v = w, z[piv[i]] = v[i]. */
function luSolveTransposed({ n, l, u, piv }: LuFactors, c: Float64Array, z: Float64Array): void {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = c[i];
    for (let j = 0; j < i; j++) s -= u[j * n + i] * w[j];
    w[i] = s / u[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = w[i];
    for (let j = i + 1; j < n; j++) s -= l[j * n + i] * w[j];
    w[i] = s;
  }
  for (let i = 0; i < n; i++) z[piv[i]] = w[i];
}

/** 1/(‖A‖₁ · est‖A⁻¹‖₁) (Hager 1984, Higham 1988). */
function rcondEstimate(n: number, a: Float64Array, lu: LuFactors): number {
  let normA = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]);
    normA = Math.max(normA, s);
  }
  if (normA === 0) return 0;
  const x = new Float64Array(n).fill(1 / n);
  const y = new Float64Array(n);
  const xi = new Float64Array(n);
  const z = new Float64Array(n);
  let est = 0;
  let lastJ = -1;
  for (let iter = 0; iter < 5; iter++) {
    luSolve(lu, x, y);
    let norm1 = 0;
    for (let i = 0; i < n; i++) norm1 += Math.abs(y[i]);
    if (iter > 0 && norm1 <= est) break;
    est = norm1;
    for (let i = 0; i < n; i++) xi[i] = y[i] >= 0 ? 1 : -1;
    luSolveTransposed(lu, xi, z);
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    let ztx = 0;
    for (let i = 0; i < n; i++) ztx += z[i] * x[i];
    if (Math.abs(z[j]) <= ztx || j === lastJ) break;
    x.fill(0);
    x[j] = 1;
    lastJ = j;
  }
  // Higham's alternating test vector b_i = (−1)^i (1 + i/(n − 1)): est ≥ 2‖A⁻¹b‖₁/(3n)
  for (let i = 0; i < n; i++) x[i] = (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0));
  luSolve(lu, x, y);
  let alt = 0;
  for (let i = 0; i < n; i++) alt += Math.abs(y[i]);
  est = Math.max(est, (2 * alt) / (3 * n));
  if (!Number.isFinite(est)) return 0;
  return 1 / (normA * est);
}
