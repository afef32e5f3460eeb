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
 * for the eigenvectors) otherwise. ml-matrix is MIT licensed; JAMA is in the public domain.
 */

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

/** Shifted QR on the Hessenberg H, then eigenvectors. Returns '' on success, else why it stopped. */
function hqr2(nn: number, e: Float64Array, d: Float64Array, V: Float64Array[], H: Float64Array[], maxSweeps: number): string {
  let n = nn - 1;
  const low = 0;
  const high = nn - 1;
  const eps = Number.EPSILON;
  let exshift = 0;
  let norm = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let iter = 0;
  let i: number, j: number, k: number, l: number, m: number, t: number, w: number, x: number, y: number;
  let ra: number, sa: number, vr: number, vi: number;
  let notlast: boolean;
  let cdivres: [number, number];

  for (i = 0; i < nn; i++) {
    for (j = Math.max(i - 1, 0); j < nn; j++) norm = norm + Math.abs(H[i][j]);
  }
  if (!Number.isFinite(norm)) return 'the 1-norm of the Hessenberg form overflows';

  while (n >= low) {
    l = n;
    while (l > low) {
      s = Math.abs(H[l - 1][l - 1]) + Math.abs(H[l][l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l][l - 1]) < eps * s) break;
      l--;
    }
    if (l === n) {
      H[n][n] = H[n][n] + exshift;
      d[n] = H[n][n];
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      w = H[n][n - 1] * H[n - 1][n];
      p = (H[n - 1][n - 1] - H[n][n]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      H[n][n] = H[n][n] + exshift;
      H[n - 1][n - 1] = H[n - 1][n - 1] + exshift;
      x = H[n][n];
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = d[n - 1];
        if (z !== 0) d[n] = x - w / z;
        e[n - 1] = 0;
        e[n] = 0;
        x = H[n][n - 1];
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        p = p / r;
        q = q / r;
        for (j = n - 1; j < nn; j++) {
          z = H[n - 1][j];
          H[n - 1][j] = q * z + p * H[n][j];
          H[n][j] = q * H[n][j] - p * z;
        }
        for (i = 0; i <= n; i++) {
          z = H[i][n - 1];
          H[i][n - 1] = q * z + p * H[i][n];
          H[i][n] = q * H[i][n] - p * z;
        }
        for (i = low; i <= high; i++) {
          z = V[i][n - 1];
          V[i][n - 1] = q * z + p * V[i][n];
          V[i][n] = q * V[i][n] - p * z;
        }
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      if (!Number.isFinite(d[n]) || !Number.isFinite(d[n - 1]) || !Number.isFinite(e[n])) {
        return `a non-finite value arose in the QR iteration (eigenvalues ${n - 1} and ${n})`;
      }
      n = n - 2;
      iter = 0;
    } else {
      if (iter >= maxSweeps) return `the QR iteration did not converge within ${maxSweeps} sweeps (eigenvalue ${n})`;
      x = H[n][n];
      y = 0;
      w = 0;
      if (l < n) {
        y = H[n - 1][n - 1];
        w = H[n][n - 1] * H[n - 1][n];
      }
      if (!Number.isFinite(x) || !Number.isFinite(w)) return `a non-finite value arose in the QR iteration (eigenvalue ${n})`;
      if (iter === 10) {
        exshift += x;
        for (i = low; i <= n; i++) H[i][i] = H[i][i] - x;
        s = Math.abs(H[n][n - 1]) + Math.abs(H[n - 1][n - 2]);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (i = low; i <= n; i++) H[i][i] = H[i][i] - s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter = iter + 1;
      m = n - 2;
      while (m >= l) {
        z = H[m][m];
        r = x - z;
        s = y - z;
        p = (r * s - w) / H[m + 1][m] + H[m][m + 1];
        q = H[m + 1][m + 1] - z - r - s;
        r = H[m + 2][m + 1];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p = p / s;
        q = q / s;
        r = r / s;
        if (m === l) break;
        if (
          Math.abs(H[m][m - 1]) * (Math.abs(q) + Math.abs(r)) <
          eps * (Math.abs(p) * (Math.abs(H[m - 1][m - 1]) + Math.abs(z) + Math.abs(H[m + 1][m + 1])))
        ) {
          break;
        }
        m--;
      }
      for (i = m + 2; i <= n; i++) {
        H[i][i - 2] = 0;
        if (i > m + 2) H[i][i - 3] = 0;
      }
      for (k = m; k <= n - 1; k++) {
        notlast = k !== n - 1;
        if (k !== m) {
          p = H[k][k - 1];
          q = H[k + 1][k - 1];
          r = notlast ? H[k + 2][k - 1] : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x !== 0) {
            p = p / x;
            q = q / x;
            r = r / x;
          }
        }
        if (x === 0) break;
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) H[k][k - 1] = -s * x;
          else if (l !== m) H[k][k - 1] = -H[k][k - 1];
          p = p + s;
          x = p / s;
          y = q / s;
          z = r / s;
          q = q / p;
          r = r / p;
          for (j = k; j < nn; j++) {
            p = H[k][j] + q * H[k + 1][j];
            if (notlast) {
              p = p + r * H[k + 2][j];
              H[k + 2][j] = H[k + 2][j] - p * z;
            }
            H[k][j] = H[k][j] - p * x;
            H[k + 1][j] = H[k + 1][j] - p * y;
          }
          for (i = 0; i <= Math.min(n, k + 3); i++) {
            p = x * H[i][k] + y * H[i][k + 1];
            if (notlast) {
              p = p + z * H[i][k + 2];
              H[i][k + 2] = H[i][k + 2] - p * r;
            }
            H[i][k] = H[i][k] - p;
            H[i][k + 1] = H[i][k + 1] - p * q;
          }
          for (i = low; i <= high; i++) {
            p = x * V[i][k] + y * V[i][k + 1];
            if (notlast) {
              p = p + z * V[i][k + 2];
              V[i][k + 2] = V[i][k + 2] - p * r;
            }
            V[i][k] = V[i][k] - p;
            V[i][k + 1] = V[i][k + 1] - p * q;
          }
        }
      }
    }
  }

  if (norm === 0) return '';

  for (n = nn - 1; n >= 0; n--) {
    p = d[n];
    q = e[n];
    if (q === 0) {
      l = n;
      H[n][n] = 1;
      for (i = n - 1; i >= 0; i--) {
        w = H[i][i] - p;
        r = 0;
        for (j = l; j <= n; j++) r = r + H[i][j] * H[j][n];
        if (e[i] < 0) {
          z = w;
          s = r;
        } else {
          l = i;
          if (e[i] === 0) {
            H[i][n] = w !== 0 ? -r / w : -r / (eps * norm);
          } else {
            x = H[i][i + 1];
            y = H[i + 1][i];
            q = (d[i] - p) * (d[i] - p) + e[i] * e[i];
            t = (x * s - z * r) / q;
            H[i][n] = t;
            H[i + 1][n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z;
          }
          t = Math.abs(H[i][n]);
          if (eps * t * t > 1) {
            for (j = i; j <= n; j++) H[j][n] = H[j][n] / t;
          }
        }
      }
    } else if (q < 0) {
      l = n - 1;
      if (Math.abs(H[n][n - 1]) > Math.abs(H[n - 1][n])) {
        H[n - 1][n - 1] = q / H[n][n - 1];
        H[n - 1][n] = -(H[n][n] - p) / H[n][n - 1];
      } else {
        cdivres = cdiv(0, -H[n - 1][n], H[n - 1][n - 1] - p, q);
        H[n - 1][n - 1] = cdivres[0];
        H[n - 1][n] = cdivres[1];
      }
      H[n][n - 1] = 0;
      H[n][n] = 1;
      for (i = n - 2; i >= 0; i--) {
        ra = 0;
        sa = 0;
        for (j = l; j <= n; j++) {
          ra = ra + H[i][j] * H[j][n - 1];
          sa = sa + H[i][j] * H[j][n];
        }
        w = H[i][i] - p;
        if (e[i] < 0) {
          z = w;
          r = ra;
          s = sa;
        } else {
          l = i;
          if (e[i] === 0) {
            cdivres = cdiv(-ra, -sa, w, q);
            H[i][n - 1] = cdivres[0];
            H[i][n] = cdivres[1];
          } else {
            x = H[i][i + 1];
            y = H[i + 1][i];
            vr = (d[i] - p) * (d[i] - p) + e[i] * e[i] - q * q;
            vi = (d[i] - p) * 2 * q;
            if (vr === 0 && vi === 0) {
              vr = eps * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
            }
            cdivres = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
            H[i][n - 1] = cdivres[0];
            H[i][n] = cdivres[1];
            if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
              H[i + 1][n - 1] = (-ra - w * H[i][n - 1] + q * H[i][n]) / x;
              H[i + 1][n] = (-sa - w * H[i][n] - q * H[i][n - 1]) / x;
            } else {
              cdivres = cdiv(-r - y * H[i][n - 1], -s - y * H[i][n], z, q);
              H[i + 1][n - 1] = cdivres[0];
              H[i + 1][n] = cdivres[1];
            }
          }
          t = Math.max(Math.abs(H[i][n - 1]), Math.abs(H[i][n]));
          if (eps * t * t > 1) {
            for (j = i; j <= n; j++) {
              H[j][n - 1] = H[j][n - 1] / t;
              H[j][n] = H[j][n] / t;
            }
          }
        }
      }
    }
  }
  for (j = nn - 1; j >= low; j--) {
    for (i = low; i <= high; i++) {
      z = 0;
      for (k = low; k <= Math.min(j, high); k++) z = z + V[i][k] * H[k][j];
      V[i][j] = z;
    }
  }
  return '';
}

function cdiv(xr: number, xi: number, yr: number, yi: number): [number, number] {
  let r: number, d: number;
  if (Math.abs(yr) > Math.abs(yi)) {
    r = yi / yr;
    d = yr + r * yi;
    return [(xr + r * xi) / d, (xi - r * xr) / d];
  }
  r = yr / yi;
  d = yi + r * yr;
  return [(r * xr + xi) / d, (r * xi - xr) / d];
}
