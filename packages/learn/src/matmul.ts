import { MR, NR, TILE, tileFunction, workspace } from './matmulTile.js';

/**
 * Dense matrix products on row-major Float64Array, the kernels of the layered network
 * (`mlpForward`, `mlpBackward`) and of the tangent-kernel code (ntk/).
 *
 *   matmulNN: C (m×n) = A (m×k) · B (k×n)
 *   matmulTN: C (m×n) = Aᵀ · B with A stored k×m            (weight gradients Σ_b δ_b x_bᵀ)
 *   matmulNT: C (m×n) = A · Bᵀ with B stored n×k            (pre-activations X Wᵀ)
 *
 * With `accumulate` the product is added to C instead of overwriting it. `out` must not overlap A
 * or B (RangeError); A and B may be the same array (e.g. the Gram matrix M Mᵀ).
 *
 * Summation order (deterministic, and the same for every shape, layout and kernel):
 *   C_ij = (((c + a_i0 b_0j) + a_i1 b_1j) + …) + a_i,k−1 b_k−1,j,   c = 0, or C_ij with `accumulate`,
 * i.e. exactly the bits of the naive loop `s = c; for (p = 0; p < k; p++) s += A(i,p)·B(p,j)`. Hence
 * M Mᵀ is bitwise symmetric, and results do not depend on the blocking constants below.
 *
 * Design (GotoBLAS/BLIS-style): for each KC-deep chunk of p, A (all m rows) is packed into 4-row
 * slivers and a KC × NC panel of B into 4-column slivers, each interleaved per p, in one module-level
 * workspace grown on demand (no allocation per call in steady state). A 4×4 tile kernel
 * (`matmulTile.ts`: WebAssembly SIMD, f64x2 mul + add, or the same in plain JavaScript) then sums
 * over the chunk with the 16 entries of C in registers, reading both slivers sequentially.
 *
 * Measured (\`node bench/matmul.bench.mjs\`, shared 2-core AMD EPYC, Node 20, medians of CPU time,
 * ratios against the previous kernel — 2×4 axpy blocks for NN/TN, 2×2 dot blocks for NT — in the
 * same run): see MEASURED below.
 */

/** Panel depth: products are summed over p in chunks of KC (a 4 × KC sliver is 8 kB, L1 sized). */
const KC = 256;
/** Panel width: columns of B packed at a time (KC × NC doubles = 512 kB). */
const NC = 256;

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

/** The first `len` doubles of x and y share memory. */
function overlaps(x: Float64Array, xLen: number, y: Float64Array, yLen: number): boolean {
  if (x.buffer !== y.buffer || xLen === 0 || yLen === 0) return false;
  return x.byteOffset < y.byteOffset + 8 * yLen && y.byteOffset < x.byteOffset + 8 * xLen;
}

function checkNoAlias(name: string, C: Float64Array, cLen: number, A: Float64Array, aLen: number, B: Float64Array, bLen: number): void {
  for (const [label, X, len] of [['A', A, aLen], ['B', B, bLen]] as const) {
    if (overlaps(C, cLen, X, len)) throw new RangeError(`${name}: out must not overlap ${label} (aliasing is not supported); got a view of the same memory`);
  }
}

type Layout = 'NN' | 'TN' | 'NT';

/**
 * Packs A(i, pc + p) for i < m, p < kc into MR-row slivers: W[base + i0·kc + MR·p + r] = A(i0 + r, pc + p),
 * rows past m set to 0. A(i, p) = A[i·k + p], or A[p·m + i] for 'TN'.
 */
function packA(layout: Layout, A: Float64Array, m: number, k: number, pc: number, kc: number, W: Float64Array, base: number): void {
  for (let i0 = 0; i0 < m; i0 += MR) {
    const rows = Math.min(MR, m - i0);
    const o = base + i0 * kc;
    if (layout === 'TN') {
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * m + i0;
        const dst = o + MR * p;
        for (let r = 0; r < MR; r++) W[dst + r] = r < rows ? A[src + r] : 0;
      }
    } else {
      for (let r = 0; r < MR; r++) {
        if (r < rows) {
          const src = (i0 + r) * k + pc;
          for (let p = 0; p < kc; p++) W[o + MR * p + r] = A[src + p];
        } else {
          for (let p = 0; p < kc; p++) W[o + MR * p + r] = 0;
        }
      }
    }
  }
}

/**
 * Packs B(pc + p, jc + j) for j < nc, p < kc into NR-column slivers: W[base + j0·kc + NR·p + q] =
 * B(pc + p, jc + j0 + q), columns past nc set to 0. B(p, j) = B[p·n + j], or B[j·k + p] for 'NT'.
 */
function packB(layout: Layout, B: Float64Array, n: number, k: number, pc: number, kc: number, jc: number, nc: number, W: Float64Array, base: number): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = Math.min(NR, nc - j0);
    const o = base + j0 * kc;
    if (layout === 'NT') {
      for (let q = 0; q < NR; q++) {
        if (q < cols) {
          const src = (jc + j0 + q) * k + pc;
          for (let p = 0; p < kc; p++) W[o + NR * p + q] = B[src + p];
        } else {
          for (let p = 0; p < kc; p++) W[o + NR * p + q] = 0;
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * n + jc + j0;
        const dst = o + NR * p;
        for (let q = 0; q < NR; q++) W[dst + q] = q < cols ? B[src + q] : 0;
      }
    }
  }
}

/**
 * C (m×n, row-major) (+)= A·B for the three layouts: pack a KC-deep panel of A (all m rows) and a
 * KC × NC panel of B into the workspace, then run the 4×4 tile over it, one tile of C at a time
 * (copied in when the sum continues, copied out after). Every C entry is one sequential sum in
 * increasing p — the panels only cut it into pieces that are stored in C between pieces.
 */
function product(layout: Layout, A: Float64Array, B: Float64Array, m: number, n: number, k: number, C: Float64Array, accumulate: boolean): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) C.fill(0, 0, m * n);
    return;
  }
  const kcMax = Math.min(KC, k);
  const aBase = TILE;
  const bBase = aBase + Math.ceil(m / MR) * MR * kcMax;
  const W = workspace(bBase + Math.min(NC, Math.ceil(n / NR) * NR) * kcMax);
  const tile = tileFunction();
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    const load = accumulate || pc > 0 ? 1 : 0;
    packA(layout, A, m, k, pc, kc, W, aBase);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      packB(layout, B, n, k, pc, kc, jc, nc, W, bBase);
      for (let j0 = 0; j0 < nc; j0 += NR) {
        const cols = Math.min(NR, nc - j0);
        const b = bBase + j0 * kc;
        for (let i0 = 0; i0 < m; i0 += MR) {
          const rows = Math.min(MR, m - i0);
          const c = i0 * n + jc + j0;
          if (load) for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) W[NR * r + q] = C[c + r * n + q];
          tile(kc, aBase + i0 * kc, b, load);
          for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) C[c + r * n + q] = W[NR * r + q];
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
  checkNoAlias('matmulNN', C, m * n, A, m * k, B, k * n);
  product('NN', A, B, m, n, k, C, accumulate);
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
  checkNoAlias('matmulTN', C, m * n, A, m * k, B, k * n);
  product('TN', A, B, m, n, k, C, accumulate);
  return C;
}

/** C (m×n) = A · Bᵀ, with A stored m×k and B stored n×k, row-major. */
export function matmulNT(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  checkDims('matmulNT', m, n, k);
  checkLength('matmulNT', 'A', A, m * k);
  checkLength('matmulNT', 'B', B, n * k);
  const C = out ?? new Float64Array(m * n);
  checkLength('matmulNT', 'out', C, m * n);
  checkNoAlias('matmulNT', C, m * n, A, m * k, B, n * k);
  product('NT', A, B, m, n, k, C, accumulate);
  return C;
}
