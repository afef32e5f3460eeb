/**
 * Dense p × p helpers for the mean-field analysis (p is the rank, a handful).
 * Row-major Float64Array matrices.
 */

/** Solves A x = b by Gaussian elimination with partial pivoting; null if A is singular. */
export function solveSmall(A: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const M = new Float64Array(p * (p + 1));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) M[i * (p + 1) + j] = A[i * p + j];
    M[i * (p + 1) + p] = b[i];
  }
  const w = p + 1;
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(M[r * w + col]) > Math.abs(M[piv * w + col])) piv = r;
    if (M[piv * w + col] === 0) return null;
    if (piv !== col) {
      for (let k = 0; k < w; k++) {
        const t = M[col * w + k];
        M[col * w + k] = M[piv * w + k];
        M[piv * w + k] = t;
      }
    }
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const factor = M[r * w + col] / M[col * w + col];
      if (factor === 0) continue;
      for (let k = col; k < w; k++) M[r * w + k] -= factor * M[col * w + k];
    }
  }
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) x[i] = M[i * w + p] / M[i * w + i];
  return x;
}

/** Unit vector with its largest-|component| entry positive (deterministic sign). */
export function normalizeSigned(v: Float64Array): Float64Array {
  let s = 0;
  let big = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i] * v[i];
    if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
  }
  const scale = (v[big] < 0 ? -1 : 1) / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] *= scale;
  return v;
}

/**
 * Real eigenvector of A for the real eigenvalue λ by inverse iteration with the shift
 * σ = λ + δ, δ = 1e-10·max(1, |λ|) (so A − σI is invertible but its inverse is dominated by
 * the wanted direction); 4 iterations. Returns the unit vector and the Rayleigh-type
 * refinement λ' = vᵀ A v.
 */
export function realEigenvector(A: Float64Array, p: number, lambda: number): { vector: Float64Array; value: number } {
  const delta = 1e-10 * Math.max(1, Math.abs(lambda));
  const shifted = Float64Array.from(A);
  for (let i = 0; i < p; i++) shifted[i * p + i] -= lambda + delta;
  let v: Float64Array = Float64Array.from({ length: p }, (_, i) => 1 + 0.5 * Math.sin(i + 1));
  for (let it = 0; it < 4; it++) {
    const y = solveSmall(shifted, v, p);
    if (y === null) break; // σ hit an eigenvalue exactly: v is already converged enough
    v = normalizeSigned(y);
  }
  v = normalizeSigned(v);
  let value = 0;
  for (let i = 0; i < p; i++) {
    let Av = 0;
    for (let j = 0; j < p; j++) Av += A[i * p + j] * v[j];
    value += v[i] * Av;
  }
  return { vector: v, value };
}

/** True when |A − Aᵀ| ≤ tol·max|A| entrywise. */
export function isSymmetric(A: Float64Array, p: number, tol = 1e-14): boolean {
  let scale = 0;
  for (let i = 0; i < p * p; i++) scale = Math.max(scale, Math.abs(A[i]));
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) if (Math.abs(A[i * p + j] - A[j * p + i]) > tol * scale) return false;
  }
  return true;
}
