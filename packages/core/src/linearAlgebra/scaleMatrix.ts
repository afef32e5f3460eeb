/**
 * Exact rescaling of a matrix by a power of two before an eigendecomposition, so that the
 * squares the QL/QR steps form (p² + w, Σ x², (d − p)² + e²) neither overflow nor underflow.
 *
 * Range: inside [2^-450, 2^450] for max|a| (≈ 3.5e-136 … 2.9e135) squares of entries and of
 * their sums over n ≤ 11,585 rows (the MAX_ARRAY_LENGTH bound on n²) stay within
 * [2^-900, 2^927], well inside the normal doubles [2^-1022, 2^1024): the matrix is used as
 * given, so results there are bit-identical to the unscaled algorithm. Outside, A is multiplied
 * by 2^-k (k = the binary exponent of max|a|, so max|a·2^-k| ∈ [1, 2)), which is exact except
 * for entries below 2^-1022 after scaling (smaller than max|a|·2^-1022, far below the rounding
 * error of any eigenvalue), and the eigenvalues are multiplied back by 2^k. Eigenvectors do not
 * change under scaling.
 */
const SAFE_MAX = 2 ** 450;
const SAFE_MIN = 2 ** -450;

/** The k to scale by 2^-k, or 0 when max|a| is inside the safe range (or a is zero). */
export function scaleExponent(a: Float64Array): number {
  let big = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > big) big = v;
  }
  if (big === 0 || (big >= SAFE_MIN && big <= SAFE_MAX)) return 0;
  let k = Math.floor(Math.log2(big));
  // Math.log2 is approximate: pin k so that 2^k <= big < 2^(k+1)
  if (2 ** k > big) k--;
  else if (2 ** (k + 1) <= big) k++;
  return k;
}

/** a·2^-k as a new array (two factors, so that neither 2^-k nor 2^k leaves the double range). */
export function scaled(a: Float64Array, k: number): Float64Array {
  const h1 = Math.trunc(k / 2);
  const f1 = 2 ** -h1;
  const f2 = 2 ** -(k - h1);
  return a.map((v) => v * f1 * f2);
}

/** x·2^k, in two factors (x·2^k may be finite while 2^k alone is not). */
export function unscale(x: number, k: number): number {
  const h1 = Math.trunc(k / 2);
  return x * 2 ** h1 * 2 ** (k - h1);
}
