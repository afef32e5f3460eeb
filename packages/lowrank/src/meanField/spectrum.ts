/**
 * Eigen-structure of the p × p overlap matrix C needed by the fixed-point analysis:
 * eigenvalues (sorted by real part, descending; core's `symmetricEigen` when C is symmetric,
 * core's `eigen` otherwise) and a unit real eigenvector for every real eigenvalue.
 *
 * Real eigenvectors: symmetricEigen's orthonormal vectors for symmetric C; otherwise inverse
 * iteration (smallLinearAlgebra.realEigenvector), which is independent of how `eigen` lays
 * out its vectors and accurate to rounding.
 */
import { eigen, symmetricEigen } from '@neurobridge/core';
import { isSymmetric, realEigenvector } from '../internal/smallLinearAlgebra.js';
import { rangeScale, toRows } from '../internal/validate.js';

export interface SpectrumEntry {
  /** eigenvalue, real and imaginary parts */
  re: number;
  im: number;
  /** true when |im| ≤ 1e-12·max(1, |λ|) */
  real: boolean;
  /** unit real eigenvector (largest-|component| entry positive), or null for complex λ */
  vector: Float64Array | null;
}

/** Tolerance on |Im λ| below which an eigenvalue counts as real. */
export const REAL_EIGENVALUE_TOL = 1e-12;

/**
 * Entries beyond [1e−150, 1e150] in magnitude are first divided by a power of two σ
 * (validate.rangeScale: exact), the spectrum of C/σ computed and its eigenvalues multiplied by σ
 * (eigenvectors are unchanged); `scale` is σ (1 for ordinary C, computed exactly as before).
 */
export function spectrum(Cin: Float64Array, p: number): { entries: SpectrumEntry[]; symmetric: boolean; scale: number } {
  const scale = rangeScale(Cin);
  const C = scale === 1 ? Cin : Cin.map((v) => v / scale);
  const { entries, symmetric } = unscaledSpectrum(C, p);
  if (scale !== 1) for (const e of entries) { e.re *= scale; e.im *= scale; }
  return { entries, symmetric, scale };
}

function unscaledSpectrum(C: Float64Array, p: number): { entries: SpectrumEntry[]; symmetric: boolean } {
  const symmetric = isSymmetric(C, p);
  const rows = toRows(C, p);
  if (symmetric) {
    const { values, vectors } = symmetricEigen(rows);
    const entries = Array.from(values, (v, k) => ({ re: v, im: 0, real: true, vector: Float64Array.from(vectors[k]) }));
    return { entries, symmetric };
  }
  const { re, im } = eigen(rows);
  const entries: SpectrumEntry[] = [];
  for (let k = 0; k < p; k++) {
    const real = Math.abs(im[k]) <= REAL_EIGENVALUE_TOL * Math.max(1, Math.hypot(re[k], im[k]));
    if (real) {
      const { vector, value } = realEigenvector(C, p, re[k]);
      entries.push({ re: value, im: 0, real, vector });
    } else {
      entries.push({ re: re[k], im: im[k], real, vector: null });
    }
  }
  return { entries, symmetric };
}
