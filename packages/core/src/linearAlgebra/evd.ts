/**
 * Eigendecomposition of a dense real matrix with bounded iteration: the algorithms of
 * ml-matrix 6.15.1's EigenvalueDecomposition (JAMA, after EISPACK), ported statement for
 * statement so every result is bit-identical to it, plus what it lacks:
 * - an iteration cap. ml-matrix's QL and QR loops have none: a 3×3 matrix with entries near
 *   1e300 (squares overflow, the deflation test compares NaN) looped for ever. Caps:
 *   QL (tql2) 30·n sweeps in all (LAPACK dsteqr's NMAXIT = 30·N); QR (hqr2) 30·max(10, n)
 *   sweeps per deflation (LAPACK dlahqr's ITMAX). Ordinary matrices need 1–3 sweeps per
 *   eigenvalue, so the caps only stop a run that cannot converge.
 * - a non-finite guard: a NaN or ±Infinity produced inside (overflow) ends the run at once.
 * Either failure returns `ok: false` with a reason; the callers turn it into a RangeError.
 *
 * Storage: rows of Float64Array (ml-matrix's `Matrix.data` layout), V[i][j] for V.get(i, j).
 * Algorithms: tred2 (Householder tridiagonalisation) + tql2 (implicit QL) for symmetric A;
 * orthes (Householder Hessenberg reduction) + hqr2 (shifted Francis QR, then back-substitution
 * for the eigenvectors; its phases are in hqr2.ts) otherwise. ml-matrix is MIT licensed;
 * JAMA is in the public domain.
 */

import { hqr2 } from './hqr2.js';

/** Outcome of a decomposition: d, e (real and imaginary parts), V (eigenvectors as columns). */
export interface Evd {
  ok: boolean;
  /** why it stopped, when !ok */
  reason: string;
  d: Float64Array;
  e: Float64Array;
  /** V[i][j]: component i of eigenvector j */
  V: Float64Array[];
}

/** QL sweeps allowed in all, per unit of n (LAPACK dsteqr MAXIT). */
export const QL_SWEEPS_PER_N = 30;
/** QR sweeps allowed per deflation: 30·max(10, n) (LAPACK dlahqr ITMAX). */
export const qrSweepCap = (n: number): number => 30 * Math.max(10, n);

function rows(n: number): Float64Array[] {
  return Array.from({ length: n }, () => new Float64Array(n));
}

/**
 * Eigendecomposition of the row-major n×n matrix a. `symmetric`: take the tred2/tql2 path
 * (ml-matrix's `assumeSymmetric: true`); otherwise the path is chosen as ml-matrix does, by an
 * exact symmetry test. `caps` overrides the iteration caps (tests only).
 */
export function decompose(
  n: number,
  a: Float64Array,
  symmetric: boolean,
  caps: { ql?: number; qr?: number } = {},
): Evd {
  const V = rows(n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  let isSymmetric = symmetric;
  if (!isSymmetric) {
    isSymmetric = true;
    for (let i = 0; i < n && isSymmetric; i++) for (let j = 0; j <= i; j++) if (a[i * n + j] !== a[j * n + i]) { isSymmetric = false; break; }
  }
  if (isSymmetric) {
    // V stored transposed during tred2/tql2 (ml-matrix 6.15.1 does the same): V[j][i] = V(i, j)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) V[j][i] = a[i * n + j];
    tred2(n, e, d, V);
    const reason = tql2(n, e, d, V, caps.ql ?? QL_SWEEPS_PER_N * n);
    transposeInPlace(V);
    return { ok: reason === '', reason, d, e, V };
  }
  const H = rows(n);
  const ort = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) H[i][j] = a[i * n + j];
  orthes(n, H, ort, V);
  const reason = hqr2(n, e, d, V, H, caps.qr ?? qrSweepCap(n));
  return { ok: reason === '', reason, d, e, V };
}

function transposeInPlace(V: Float64Array[]): void {
  const n = V.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const tmp = V[i][j];
      V[i][j] = V[j][i];
      V[j][i] = tmp;
    }
  }
}

/** ml-matrix's `hypotenuse`: √(a² + b²) without overflow. */
function hypotenuse(a: number, b: number): number {
  let r = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array[]): void {
  let f: number, g: number, h: number, i: number, j: number, k: number, hh: number, scale: number;
  for (j = 0; j < n; j++) d[j] = V[j][n - 1];
  for (i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (k = 0; k < i; k++) scale = scale + Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (j = 0; j < i; j++) {
        d[j] = V[j][i - 1];
        V[j][i] = 0;
        V[i][j] = 0;
      }
    } else {
      for (k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      f = d[i - 1];
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (j = 0; j < i; j++) e[j] = 0;
      for (j = 0; j < i; j++) {
        f = d[j];
        V[i][j] = f;
        g = e[j] + V[j][j] * f;
        for (k = j + 1; k <= i - 1; k++) {
          g += V[j][k] * d[k];
          e[k] += V[j][k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      hh = f / (h + h);
      for (j = 0; j < i; j++) e[j] -= hh * d[j];
      for (j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (k = j; k <= i - 1; k++) V[j][k] = V[j][k] - (f * e[k] + g * d[k]);
        d[j] = V[j][i - 1];
        V[j][i] = 0;
      }
    }
    d[i] = h;
  }
  for (i = 0; i < n - 1; i++) {
    V[i][n - 1] = V[i][i];
    V[i][i] = 1;
    h = d[i + 1];
    if (h !== 0) {
      for (k = 0; k <= i; k++) d[k] = V[i + 1][k] / h;
      for (j = 0; j <= i; j++) {
        g = 0;
        for (k = 0; k <= i; k++) g += V[i + 1][k] * V[j][k];
        for (k = 0; k <= i; k++) V[j][k] = V[j][k] - g * d[k];
      }
    }
    for (k = 0; k <= i; k++) V[i + 1][k] = 0;
  }
  for (j = 0; j < n; j++) {
    d[j] = V[j][n - 1];
    V[j][n - 1] = 0;
  }
  V[n - 1][n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e). Returns '' on success, else why it stopped. */
function tql2(n: number, e: Float64Array, d: Float64Array, V: Float64Array[], maxSweeps: number): string {
  let g: number, h: number, i: number, j: number, k: number, l: number, m: number, p: number, r: number;
  let dl1: number, c: number, c2: number, c3: number, el1: number, s: number, s2: number;
  let sweeps = 0;
  for (i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    if (!Number.isFinite(tst1)) return `a non-finite value arose in the QL iteration (eigenvalue ${l})`;
    m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    // e[n − 1] = 0 stops the search at n − 1 unless e holds a NaN
    if (m === n) return `a non-finite value arose in the QL iteration (eigenvalue ${l})`;
    if (m > l) {
      do {
        if (++sweeps > maxSweeps) return `the QL iteration did not converge within ${maxSweeps} sweeps (eigenvalue ${l})`;
        g = d[l];
        p = (d[l + 1] - g) / (2 * e[l]);
        r = hypotenuse(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        dl1 = d[l + 1];
        h = g - d[l];
        for (i = l + 2; i < n; i++) d[i] -= h;
        f = f + h;
        p = d[m];
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1];
        s = 0;
        s2 = 0;
        for (i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypotenuse(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const Vi = V[i];
          const Vi1 = V[i + 1];
          for (k = 0; k < n; k++) {
            h = Vi1[k];
            Vi1[k] = s * Vi[k] + c * h;
            Vi[k] = c * Vi[k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!Number.isFinite(e[l]) || !Number.isFinite(d[l])) return `a non-finite value arose in the QL iteration (eigenvalue ${l})`;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  for (i = 0; i < n - 1; i++) {
    k = i;
    p = d[i];
    for (j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (j = 0; j < n; j++) {
        p = V[i][j];
        V[i][j] = V[k][j];
        V[k][j] = p;
      }
    }
  }
  return '';
}

function orthes(n: number, H: Float64Array[], ort: Float64Array, V: Float64Array[]): void {
  const low = 0;
  const high = n - 1;
  let f: number, g: number, h: number, i: number, j: number, m: number;
  let scale: number;
  for (m = low + 1; m <= high - 1; m++) {
    scale = 0;
    for (i = m; i <= high; i++) scale = scale + Math.abs(H[i][m - 1]);
    if (scale !== 0) {
      h = 0;
      for (i = high; i >= m; i--) {
        ort[i] = H[i][m - 1] / scale;
        h += ort[i] * ort[i];
      }
      g = Math.sqrt(h);
      if (ort[m] > 0) g = -g;
      h = h - ort[m] * g;
      ort[m] = ort[m] - g;
      for (j = m; j < n; j++) {
        f = 0;
        for (i = high; i >= m; i--) f += ort[i] * H[i][j];
        f = f / h;
        for (i = m; i <= high; i++) H[i][j] = H[i][j] - f * ort[i];
      }
      for (i = 0; i <= high; i++) {
        f = 0;
        for (j = high; j >= m; j--) f += ort[j] * H[i][j];
        f = f / h;
        for (j = m; j <= high; j++) H[i][j] = H[i][j] - f * ort[j];
      }
      ort[m] = scale * ort[m];
      H[m][m - 1] = scale * g;
    }
  }
  for (i = 0; i < n; i++) for (j = 0; j < n; j++) V[i][j] = i === j ? 1 : 0;
  for (m = high - 1; m >= low + 1; m--) {
    if (H[m][m - 1] !== 0) {
      for (i = m + 1; i <= high; i++) ort[i] = H[i][m - 1];
      for (j = m; j <= high; j++) {
        g = 0;
        for (i = m; i <= high; i++) g += ort[i] * V[i][j];
        g = g / ort[m] / H[m][m - 1];
        for (i = m; i <= high; i++) V[i][j] = V[i][j] + g * ort[i];
      }
    }
  }
}
