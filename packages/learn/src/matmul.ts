/**
 * Cache-blocked dense matrix products on row-major Float64Array, the kernels of the layered
 * network (`mlpForward`, `mlpBackward`).
 *
 *   matmulNN: C (m×n) = A (m×k) · B (k×n)
 *   matmulTN: C (m×n) = Aᵀ · B with A stored k×m            (weight gradients Σ_b δ_b x_bᵀ)
 *   matmulNT: C (m×n) = A · Bᵀ with B stored n×k            (pre-activations X Wᵀ)
 *
 * With `accumulate` the product is added to C instead of overwriting it.
 *
 * Blocking: the (p, j) plane is cut into KB × JB panels of B (64 × 256 doubles = 128 kB, an L2
 * sized panel); inside a panel two rows of C are updated with four rows of B at a time, so each
 * load/store of C carries 8 multiply-adds (a 2×4 register block). The NT product is computed as
 * 2×2 blocks of dot products of contiguous rows. The panel size is a guess sized for a 256 kB L2
 * cache: on the shared development machine (load average > 10 on 2 cores) the 784-256-256-10
 * backward pass could not tell KB ∈ {32…256} × JB ∈ {128…1024} apart within the timing noise, so
 * they were not tuned further. They affect speed only, never results (the summation order over p
 * is fixed: groups of four in increasing p).
 */

/** Panel depth (rows of B per panel). */
const KB = 64;
/** Panel width (columns of B per panel). */
const JB = 256;

function checkDims(name: string, m: number, n: number, k: number): void {
  for (const [label, v] of [['m', m], ['n', n], ['k', k]] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${name}: ${label} must be a non-negative integer; got ${v}`);
    }
  }
}

function checkLength(name: string, label: string, arr: Float64Array, need: number): void {
  if (!(arr instanceof Float64Array)) {
    throw new TypeError(`${name}: ${label} must be a Float64Array; got ${Object.prototype.toString.call(arr)}`);
  }
  if (arr.length < need) {
    throw new RangeError(`${name}: ${label} must have length >= ${need}; got ${arr.length}`);
  }
}

/**
 * C += A(i,p) · B[p,j] over a KB×JB panel, with A addressed through strides:
 * A(i,p) = A[aOff + i·si + p·sp]. Shared by matmulNN (si = k, sp = 1) and matmulTN (si = 1, sp = m).
 */
function stridedKernel(
  A: Float64Array, si: number, sp: number,
  B: Float64Array, C: Float64Array,
  m: number, n: number, k: number,
): void {
  for (let jj = 0; jj < n; jj += JB) {
    const jEnd = Math.min(n, jj + JB);
    for (let pp = 0; pp < k; pp += KB) {
      const pEnd = Math.min(k, pp + KB);
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const c0 = i * n;
        const c1 = c0 + n;
        const a0 = i * si;
        const a1 = a0 + si;
        let p = pp;
        for (; p + 3 < pEnd; p += 4) {
          const x00 = A[a0 + p * sp], x01 = A[a0 + (p + 1) * sp], x02 = A[a0 + (p + 2) * sp], x03 = A[a0 + (p + 3) * sp];
          const x10 = A[a1 + p * sp], x11 = A[a1 + (p + 1) * sp], x12 = A[a1 + (p + 2) * sp], x13 = A[a1 + (p + 3) * sp];
          const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = jj; j < jEnd; j++) {
            const y0 = B[b0 + j], y1 = B[b1 + j], y2 = B[b2 + j], y3 = B[b3 + j];
            C[c0 + j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3;
            C[c1 + j] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3;
          }
        }
        for (; p < pEnd; p++) {
          const x0 = A[a0 + p * sp], x1 = A[a1 + p * sp];
          const b0 = p * n;
          for (let j = jj; j < jEnd; j++) {
            const y = B[b0 + j];
            C[c0 + j] += x0 * y;
            C[c1 + j] += x1 * y;
          }
        }
      }
      if (i < m) {
        // last row of an odd m: the same grouping of four products as the paired rows, so every
        // row of C is computed by the same sequence of roundings (symmetric inputs stay bitwise
        // symmetric, which the symmetry-breaking tests rely on).
        const c0 = i * n;
        const a0 = i * si;
        let p = pp;
        for (; p + 3 < pEnd; p += 4) {
          const x00 = A[a0 + p * sp], x01 = A[a0 + (p + 1) * sp], x02 = A[a0 + (p + 2) * sp], x03 = A[a0 + (p + 3) * sp];
          const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = jj; j < jEnd; j++) C[c0 + j] += x00 * B[b0 + j] + x01 * B[b1 + j] + x02 * B[b2 + j] + x03 * B[b3 + j];
        }
        for (; p < pEnd; p++) {
          const x0 = A[a0 + p * sp];
          const b0 = p * n;
          for (let j = jj; j < jEnd; j++) C[c0 + j] += x0 * B[b0 + j];
        }
      }
    }
  }
}

/** C (m×n) = A (m×k) · B (k×n), all row-major. Returns C (allocated when `out` is omitted). */
export function matmulNN(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  checkDims('matmulNN', m, n, k);
  checkLength('matmulNN', 'A', A, m * k);
  checkLength('matmulNN', 'B', B, k * n);
  const C = out ?? new Float64Array(m * n);
  checkLength('matmulNN', 'out', C, m * n);
  if (!accumulate) C.fill(0, 0, m * n);
  stridedKernel(A, k, 1, B, C, m, n, k);
  return C;
}

/** C (m×n) = Aᵀ · B, with A stored k×m and B stored k×n, row-major. */
export function matmulTN(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  checkDims('matmulTN', m, n, k);
  checkLength('matmulTN', 'A', A, m * k);
  checkLength('matmulTN', 'B', B, k * n);
  const C = out ?? new Float64Array(m * n);
  checkLength('matmulTN', 'out', C, m * n);
  if (!accumulate) C.fill(0, 0, m * n);
  stridedKernel(A, 1, m, B, C, m, n, k);
  return C;
}

/** C (m×n) = A · Bᵀ, with A stored m×k and B stored n×k, row-major (2×2 blocks of row dot products). */
export function matmulNT(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  checkDims('matmulNT', m, n, k);
  checkLength('matmulNT', 'A', A, m * k);
  checkLength('matmulNT', 'B', B, n * k);
  const C = out ?? new Float64Array(m * n);
  checkLength('matmulNT', 'out', C, m * n);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = i * k, a1 = a0 + k;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p], x1 = A[a1 + p], y0 = B[b0 + p], y1 = B[b1 + p];
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
      }
      if (accumulate) {
        C[i * n + j] += s00; C[i * n + j + 1] += s01; C[(i + 1) * n + j] += s10; C[(i + 1) * n + j + 1] += s11;
      } else {
        C[i * n + j] = s00; C[i * n + j + 1] = s01; C[(i + 1) * n + j] = s10; C[(i + 1) * n + j + 1] = s11;
      }
    }
    if (j < n) {
      const b0 = j * k;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) { const y = B[b0 + p]; s0 += A[a0 + p] * y; s1 += A[a1 + p] * y; }
      if (accumulate) { C[i * n + j] += s0; C[(i + 1) * n + j] += s1; } else { C[i * n + j] = s0; C[(i + 1) * n + j] = s1; }
    }
  }
  if (i < m) {
    const a0 = i * k;
    for (let j = 0; j < n; j++) {
      const b0 = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      if (accumulate) C[i * n + j] += s; else C[i * n + j] = s;
    }
  }
  return C;
}
