/**
 * hqr2: shifted Francis QR on an upper Hessenberg matrix, then back-substitution for the
 * eigenvectors (ml-matrix 6.15.1 / JAMA / EISPACK hqr2), ported statement for statement so
 * every result is bit-identical to it, with the iteration cap and non-finite guards of evd.ts.
 * The one long loop of the original is split into its phases: norm, deflation search, one
 * root or a pair at convergence, the shift of a sweep, the double QR step, back-substitution
 * (real and complex eigenvectors) and back-transformation. State that crosses phases lives in
 * {@link HqrState}; scalars that cross only within a phase are passed explicitly.
 */

/** Working state of hqr2, shared by its phases. */
interface HqrState {
  /** order of the matrix */
  readonly nn: number;
  /** the Hessenberg matrix, reduced in place to quasi-triangular form, then holding the vectors */
  readonly H: Float64Array[];
  /** accumulated transformations, then the eigenvectors (as columns) */
  readonly V: Float64Array[];
  /** real parts of the eigenvalues */
  readonly d: Float64Array;
  /** imaginary parts of the eigenvalues */
  readonly e: Float64Array;
  /** 1-norm of the Hessenberg part of H, the scale of the negligibility tests */
  readonly norm: number;
  /** index of the eigenvalue being sought: the active block is rows and columns l..n */
  n: number;
  /** sweeps since the last deflation */
  iter: number;
  /** sum of the exceptional shifts applied so far */
  exshift: number;
}

/** Shift data of one sweep: x, y the trailing diagonal entries, w the product of the off-diagonal pair. */
interface Shift {
  x: number;
  y: number;
  w: number;
}

/** Householder reflector of one bulge-chasing step in JAMA's scaled form: (x, y, z) = v/s, (q, r) = (v₂, v₃)/v₁. */
interface Reflector {
  x: number;
  y: number;
  z: number;
  q: number;
  r: number;
}

/**
 * Scalars of the complex back-substitution at row i: eigenvalue p + i·q (q < 0), shifted
 * diagonal w = H[i][i] − p, sums ra + i·sa; z, r, s are held from row i + 1 when rows i, i + 1
 * form a 2×2 block.
 */
interface ComplexRow {
  p: number;
  q: number;
  w: number;
  ra: number;
  sa: number;
  z: number;
  r: number;
  s: number;
}

const eps = Number.EPSILON;

/** Shifted QR on the Hessenberg H, then eigenvectors. Returns '' on success, else why it stopped. */
export function hqr2(nn: number, e: Float64Array, d: Float64Array, V: Float64Array[], H: Float64Array[], maxSweeps: number): string {
  const norm = hessenbergNorm(nn, H);
  if (!Number.isFinite(norm)) return 'the 1-norm of the Hessenberg form overflows';
  const st: HqrState = { nn, H, V, d, e, norm, n: nn - 1, iter: 0, exshift: 0 };
  const reason = findEigenvalues(st, maxSweeps);
  if (reason !== '') return reason;
  if (norm === 0) return '';
  for (let n = nn - 1; n >= 0; n--) {
    if (e[n] === 0) realEigenvector(st, n);
    else if (e[n] < 0) complexEigenvector(st, n);
  }
  backTransform(st);
  return '';
}

/** Σ|H[i][j]| over the Hessenberg part (j ≥ i − 1). */
function hessenbergNorm(nn: number, H: Float64Array[]): number {
  let norm = 0;
  for (let i = 0; i < nn; i++) {
    for (let j = Math.max(i - 1, 0); j < nn; j++) norm = norm + Math.abs(H[i][j]);
  }
  return norm;
}

/** The QR iteration: deflate one root or a pair at a time, sweeping until the trailing block splits. */
function findEigenvalues(st: HqrState, maxSweeps: number): string {
  while (st.n >= 0) {
    const l = smallSubdiagonal(st);
    let reason = '';
    if (l === st.n) storeOneRoot(st);
    else if (l === st.n - 1) reason = storeRootPair(st);
    else reason = qrSweep(st, l, maxSweeps);
    if (reason !== '') return reason;
  }
  return '';
}

/** Largest l ≤ n whose subdiagonal H[l][l−1] is negligible (0 when none is): the active block starts there. */
function smallSubdiagonal(st: HqrState): number {
  const H = st.H;
  let l = st.n;
  while (l > 0) {
    let s = Math.abs(H[l - 1][l - 1]) + Math.abs(H[l][l]);
    if (s === 0) s = st.norm;
    if (Math.abs(H[l][l - 1]) < eps * s) break;
    l--;
  }
  return l;
}

/** Convergence on a 1×1 block: one real root d[n] = H[n][n] (+ the exceptional shifts). */
function storeOneRoot(st: HqrState): void {
  const { H, d, e } = st;
  const n = st.n;
  H[n][n] = H[n][n] + st.exshift;
  d[n] = H[n][n];
  e[n] = 0;
  st.n = n - 1;
  st.iter = 0;
}

/** Convergence on a 2×2 block: two real roots (block split by a rotation) or a complex pair p ± i·z. */
function storeRootPair(st: HqrState): string {
  const { H, d, e } = st;
  const n = st.n;
  const w = H[n][n - 1] * H[n - 1][n];
  const p = (H[n - 1][n - 1] - H[n][n]) / 2;
  const q = p * p + w;
  let z = Math.sqrt(Math.abs(q));
  H[n][n] = H[n][n] + st.exshift;
  H[n - 1][n - 1] = H[n - 1][n - 1] + st.exshift;
  const x = H[n][n];
  if (q >= 0) {
    z = p >= 0 ? p + z : p - z;
    d[n - 1] = x + z;
    d[n] = d[n - 1];
    if (z !== 0) d[n] = x - w / z;
    e[n - 1] = 0;
    e[n] = 0;
    splitRealPair(st, z);
  } else {
    d[n - 1] = x + p;
    d[n] = x + p;
    e[n - 1] = z;
    e[n] = -z;
  }
  if (!Number.isFinite(d[n]) || !Number.isFinite(d[n - 1]) || !Number.isFinite(e[n])) {
    return `a non-finite value arose in the QR iteration (eigenvalues ${n - 1} and ${n})`;
  }
  st.n = n - 2;
  st.iter = 0;
  return '';
}

/** Two real roots: rotate rows and columns n−1, n of H (and V) so that H[n][n−1] becomes zero; z from the root formula. */
function splitRealPair(st: HqrState, z0: number): void {
  const { H, V, nn } = st;
  const n = st.n;
  const x = H[n][n - 1];
  const s = Math.abs(x) + Math.abs(z0);
  let p = x / s;
  let q = z0 / s;
  const r = Math.sqrt(p * p + q * q);
  p = p / r;
  q = q / r;
  let z: number;
  for (let j = n - 1; j < nn; j++) {
    z = H[n - 1][j];
    H[n - 1][j] = q * z + p * H[n][j];
    H[n][j] = q * H[n][j] - p * z;
  }
  for (let i = 0; i <= n; i++) {
    z = H[i][n - 1];
    H[i][n - 1] = q * z + p * H[i][n];
    H[i][n] = q * H[i][n] - p * z;
  }
  for (let i = 0; i < nn; i++) {
    z = V[i][n - 1];
    V[i][n - 1] = q * z + p * V[i][n];
    V[i][n] = q * V[i][n] - p * z;
  }
}

/** One Francis double-shift sweep on the active block l..n, after the sweep cap and non-finite checks. */
function qrSweep(st: HqrState, l: number, maxSweeps: number): string {
  const { H } = st;
  const n = st.n;
  if (st.iter >= maxSweeps) return `the QR iteration did not converge within ${maxSweeps} sweeps (eigenvalue ${n})`;
  const shift: Shift = { x: H[n][n], y: 0, w: 0 };
  if (l < n) {
    shift.y = H[n - 1][n - 1];
    shift.w = H[n][n - 1] * H[n - 1][n];
  }
  if (!Number.isFinite(shift.x) || !Number.isFinite(shift.w)) return `a non-finite value arose in the QR iteration (eigenvalue ${n})`;
  exceptionalShift(st, shift);
  st.iter = st.iter + 1;
  const start = bulgeStart(st, l, shift);
  chaseBulge(st, l, start, shift.x);
  return '';
}

/** Ad hoc shifts of EISPACK after 10 and 30 sweeps without deflation, folded into exshift. */
function exceptionalShift(st: HqrState, shift: Shift): void {
  const { H } = st;
  const n = st.n;
  let s: number;
  if (st.iter === 10) {
    st.exshift += shift.x;
    for (let i = 0; i <= n; i++) H[i][i] = H[i][i] - shift.x;
    s = Math.abs(H[n][n - 1]) + Math.abs(H[n - 1][n - 2]);
    shift.x = shift.y = 0.75 * s;
    shift.w = -0.4375 * s * s;
  }
  if (st.iter === 30) {
    s = (shift.y - shift.x) / 2;
    s = s * s + shift.w;
    if (s > 0) {
      s = Math.sqrt(s);
      if (shift.y < shift.x) s = -s;
      s = shift.x - shift.w / ((shift.y - shift.x) / 2 + s);
      for (let i = 0; i <= n; i++) H[i][i] = H[i][i] - s;
      st.exshift += s;
      shift.x = shift.y = shift.w = 0.964;
    }
  }
}

/** Where the bulge starts: the largest m ≥ l with two small consecutive subdiagonals, and the first column (p, q, r)/s of the shifted product. */
function bulgeStart(st: HqrState, l: number, shift: Shift): { m: number; p: number; q: number; r: number } {
  const { H } = st;
  const { x, y, w } = shift;
  let m = st.n - 2;
  let p = 0;
  let q = 0;
  let r = 0;
  while (m >= l) {
    const z = H[m][m];
    r = x - z;
    let s = y - z;
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
  return { m, p, q, r };
}

/**
 * The double QR step: chase the bulge from row m down to n with 3×3 Householder reflectors.
 * x0 is the shift's x, which JAMA's shared variable carries into the first step's zero test.
 */
function chaseBulge(st: HqrState, l: number, start: { m: number; p: number; q: number; r: number }, x0: number): void {
  const { H } = st;
  const n = st.n;
  const m = start.m;
  let { p, q, r } = start;
  let x = x0;
  for (let i = m + 2; i <= n; i++) {
    H[i][i - 2] = 0;
    if (i > m + 2) H[i][i - 3] = 0;
  }
  const rf: Reflector = { x: 0, y: 0, z: 0, q: 0, r: 0 };
  for (let k = m; k <= n - 1; k++) {
    const notlast = k !== n - 1;
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
    let s = Math.sqrt(p * p + q * q + r * r);
    if (p < 0) s = -s;
    if (s !== 0) {
      if (k !== m) H[k][k - 1] = -s * x;
      else if (l !== m) H[k][k - 1] = -H[k][k - 1];
      p = p + s;
      x = rf.x = p / s;
      rf.y = q / s;
      rf.z = r / s;
      q = rf.q = q / p;
      r = rf.r = r / p;
      applyReflector(st, k, notlast, rf);
    }
  }
}

/** Apply the reflector of step k to rows k..k+2 of H, columns k..k+2 of H and of V (two rows/columns when last). */
function applyReflector(st: HqrState, k: number, notlast: boolean, rf: Reflector): void {
  const { H, V, nn } = st;
  const n = st.n;
  const { x, y, z, q, r } = rf;
  let p: number;
  for (let j = k; j < nn; j++) {
    p = H[k][j] + q * H[k + 1][j];
    if (notlast) {
      p = p + r * H[k + 2][j];
      H[k + 2][j] = H[k + 2][j] - p * z;
    }
    H[k][j] = H[k][j] - p * x;
    H[k + 1][j] = H[k + 1][j] - p * y;
  }
  for (let i = 0; i <= Math.min(n, k + 3); i++) {
    p = x * H[i][k] + y * H[i][k + 1];
    if (notlast) {
      p = p + z * H[i][k + 2];
      H[i][k + 2] = H[i][k + 2] - p * r;
    }
    H[i][k] = H[i][k] - p;
    H[i][k + 1] = H[i][k + 1] - p * q;
  }
  for (let i = 0; i < nn; i++) {
    p = x * V[i][k] + y * V[i][k + 1];
    if (notlast) {
      p = p + z * V[i][k + 2];
      V[i][k + 2] = V[i][k + 2] - p * r;
    }
    V[i][k] = V[i][k] - p;
    V[i][k + 1] = V[i][k + 1] - p * q;
  }
}

/** Back-substitution in the quasi-triangular H for the eigenvector of the real root d[n], stored in column n of H. */
function realEigenvector(st: HqrState, n: number): void {
  const { H, d, e, norm } = st;
  const p = d[n];
  let l = n;
  // z, s: shifted diagonal and sum of row i + 1, held when rows i, i + 1 form a 2×2 block
  let z = 0;
  let s = 0;
  H[n][n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const w = H[i][i] - p;
    let r = 0;
    for (let j = l; j <= n; j++) r = r + H[i][j] * H[j][n];
    if (e[i] < 0) {
      z = w;
      s = r;
    } else {
      l = i;
      if (e[i] === 0) {
        H[i][n] = w !== 0 ? -r / w : -r / (eps * norm);
      } else {
        const x = H[i][i + 1];
        const y = H[i + 1][i];
        const q = (d[i] - p) * (d[i] - p) + e[i] * e[i];
        const t = (x * s - z * r) / q;
        H[i][n] = t;
        H[i + 1][n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z;
      }
      const t = Math.abs(H[i][n]);
      if (eps * t * t > 1) {
        for (let j = i; j <= n; j++) H[j][n] = H[j][n] / t;
      }
    }
  }
}

/** Back-substitution for the eigenvector of the complex root d[n] + i·e[n] (e[n] < 0), in columns n−1 (real), n (imaginary) of H. */
function complexEigenvector(st: HqrState, n: number): void {
  const { H, d, e } = st;
  const row: ComplexRow = { p: d[n], q: e[n], w: 0, ra: 0, sa: 0, z: 0, r: 0, s: 0 };
  const { p, q } = row;
  let l = n - 1;
  if (Math.abs(H[n][n - 1]) > Math.abs(H[n - 1][n])) {
    H[n - 1][n - 1] = q / H[n][n - 1];
    H[n - 1][n] = -(H[n][n] - p) / H[n][n - 1];
  } else {
    const c = cdiv(0, -H[n - 1][n], H[n - 1][n - 1] - p, q);
    H[n - 1][n - 1] = c[0];
    H[n - 1][n] = c[1];
  }
  H[n][n - 1] = 0;
  H[n][n] = 1;
  for (let i = n - 2; i >= 0; i--) {
    row.ra = 0;
    row.sa = 0;
    for (let j = l; j <= n; j++) {
      row.ra = row.ra + H[i][j] * H[j][n - 1];
      row.sa = row.sa + H[i][j] * H[j][n];
    }
    row.w = H[i][i] - p;
    if (e[i] < 0) {
      row.z = row.w;
      row.r = row.ra;
      row.s = row.sa;
    } else {
      l = i;
      solveComplexRow(st, n, i, row);
    }
  }
}

/** Row i (and i + 1 for a 2×2 block) of the complex back-substitution, then rescaling against overflow. */
function solveComplexRow(st: HqrState, n: number, i: number, row: ComplexRow): void {
  const { H, d, e, norm } = st;
  const { p, q, w, ra, sa, z, r, s } = row;
  let c: [number, number];
  if (e[i] === 0) {
    c = cdiv(-ra, -sa, w, q);
    H[i][n - 1] = c[0];
    H[i][n] = c[1];
  } else {
    const x = H[i][i + 1];
    const y = H[i + 1][i];
    let vr = (d[i] - p) * (d[i] - p) + e[i] * e[i] - q * q;
    const vi = (d[i] - p) * 2 * q;
    if (vr === 0 && vi === 0) {
      vr = eps * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
    }
    c = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
    H[i][n - 1] = c[0];
    H[i][n] = c[1];
    if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
      H[i + 1][n - 1] = (-ra - w * H[i][n - 1] + q * H[i][n]) / x;
      H[i + 1][n] = (-sa - w * H[i][n] - q * H[i][n - 1]) / x;
    } else {
      c = cdiv(-r - y * H[i][n - 1], -s - y * H[i][n], z, q);
      H[i + 1][n - 1] = c[0];
      H[i + 1][n] = c[1];
    }
  }
  const t = Math.max(Math.abs(H[i][n - 1]), Math.abs(H[i][n]));
  if (eps * t * t > 1) {
    for (let j = i; j <= n; j++) {
      H[j][n - 1] = H[j][n - 1] / t;
      H[j][n] = H[j][n] / t;
    }
  }
}

/** Eigenvectors of the original matrix: V ← V·H, column j using rows 0..j of H (H upper triangular here). */
function backTransform(st: HqrState): void {
  const { H, V, nn } = st;
  const high = nn - 1;
  for (let j = nn - 1; j >= 0; j--) {
    for (let i = 0; i <= high; i++) {
      let z = 0;
      for (let k = 0; k <= Math.min(j, high); k++) z = z + V[i][k] * H[k][j];
      V[i][j] = z;
    }
  }
}

/** Complex division (xr + i·xi)/(yr + i·yi) by Smith's method (ml-matrix's `cdiv`). */
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
