import { MR, NR, panelFunction, workspace } from './matmulTile.js';
import { booleanArg, MAX_ARRAY_LENGTH, show } from '../validate.js';

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
 * Aliasing: `out` overlapping A or B would be read after it is written (A and B are re-packed
 * for every KC chunk), so it is refused, not silently wrong.
 *
 * Design (GotoBLAS/BLIS-style): for each KC-deep chunk of p, A (all m rows) is packed into 4-row
 * slivers and a KC × NC panel of B into 4-column slivers, each interleaved per p, in one module-level
 * workspace grown on demand (no allocation per call in steady state; it keeps its largest size,
 * mPad·KC + KC·NC + mPad·nPad doubles — about 11 MB after a 1024×1024 product). One `panel` call
 * (`matmulTile.ts`) then sums the chunk into every 4×4 tile of a copy of C, the 16 sums of a tile
 * held in registers and both slivers read sequentially: WebAssembly SIMD (f64x2 mul, then add) where
 * available, else the same tiles in plain JavaScript — identical bits either way.
 *
 * Measured 2026-11-23 on the shared 2-core AMD EPYC (Node 20.20), `node bench/matmul.bench.mjs`
 * (median CPU time of 15 alternated rounds; ratio against the previous kernel — 2×4 axpy register
 * blocks on 64 × 256 panels for NN/TN, 2×2 row-dot blocks for NT — copied into the bench and
 * measured in the same run), G multiply-adds/s:
 *   shape (m×n×k)        previous   JS tiles       WebAssembly SIMD tiles (default)
 *   NN 64×1024×1024      0.84       1.01 (1.2×)    4.54 (5.4×)   empiricalNtk backward, g W
 *   NT 64×1024×1024      0.65       0.99 (1.5×)    4.64 (7.1×)   empiricalNtk forward, X Wᵀ
 *   TN 1024×1024×64      0.88       0.97 (1.1×)    4.04 (4.6×)   linearize, Σ_μ c_μ g_μ x_μᵀ
 *   NT 64×64×1024        0.68       1.03 (1.5×)    4.28 (6.3×)   Gram matrices
 *   NT 128×256×784       0.69       1.07 (1.5×)    5.19 (7.5×)   mlpForward, layer 1
 *   TN 256×784×128       1.09       1.19 (1.1×)    4.81 (4.4×)   mlpBackward, ∂L/∂W¹
 *   NN 128×784×256       0.73       0.86 (1.2×)    4.02 (5.5×)
 * (absolute rates move by ±30 % with the load of the shared machine; the ratios less). The JavaScript
 * tile is capped near 1–1.5 G by V8's per-element bounds and map checks (measured on the tile
 * alone: 2×2 … 8×2 and 6×4 blocks, unrolled by 1, 2 or 4 in p, all within 0.8–1.3 G; 4×8 spills);
 * the WebAssembly tile has neither and does two multiply-adds per f64x2 mul/add pair. Whole
 * computations, before → after (same machine, one run after the other): `node bench/backprop.bench.mjs` 42.2 → 11.2 ms per 784-256-256-10 backward pass on
 * 128 examples (4.6× → 20.9× ml-matrix's mmul); `node bench/ntk.bench.mjs` empiricalNtk at
 * p = 64, n = 1024: 177.7 → 37.0 ms wall (n = 4096: 2093 → 536 ms). KC ∈ {128, 256, 512} ×
 * NC ∈ {128, 256, 1024} were within ±5 % of each other (noise) at these shapes; they never change
 * results.
 */

/** Panel depth: products are summed over p in chunks of KC (a 4 × KC sliver is 8 kB, L1 sized). */
const KC = 256;
/** Panel width: columns of B packed at a time (KC × NC doubles = 512 kB). */
const NC = 256;

function checkDims(name: string, m: number, n: number, k: number): void {
  for (const [label, v] of [['m', m], ['n', n], ['k', k]] as const) {
    if (typeof v !== 'number') throw new TypeError(`${name}: ${label} must be a non-negative integer; got ${show(v)}`);
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${name}: ${label} must be a non-negative integer; got ${v}`);
    }
  }
  // A, B and out hold m·k, k·n and m·n doubles: each must fit the allocation bound (the
  // workspace holds about as much again), so that a mistyped size is not an engine error
  for (const [label, size] of [['m·k', m * k], ['k·n', k * n], ['m·n', m * n]] as const) {
    if (size > MAX_ARRAY_LENGTH) throw new RangeError(`${name}: ${label} must be <= ${MAX_ARRAY_LENGTH} (an allocation bound); got m = ${m}, n = ${n}, k = ${k}`);
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
 * Packs lines first … first + count − 1 of a matrix, over p = pc … pc + kc − 1, into slivers of 4 lines
 * interleaved per p: W[base + 4kc·s + 4p + r] = X[(first + 4s + r)·ls + (pc + p)·ps], lines past
 * `count` set to 0. Rows of A are lines with (ls, ps) = (k, 1), or (1, m) for A stored k×m; columns
 * of B are lines with (1, n), or (k, 1) for B stored n×k. The two common strides get loops that read
 * X sequentially (measured 2× faster than one generic loop); a partial last sliver takes the generic one.
 * One of ls, ps must be 1 (true of all four uses).
 */
function pack(X: Float64Array, ls: number, ps: number, first: number, count: number, pc: number, kc: number, W: Float64Array, base: number): void {
  const full = count - (count % 4);
  if (ps === 1) {
    for (let s0 = 0; s0 < full; s0 += 4) {
      const x0 = (first + s0) * ls + pc, x1 = x0 + ls, x2 = x1 + ls, x3 = x2 + ls;
      for (let p = 0, o = base + s0 * kc; p < kc; p++, o += 4) {
        W[o] = X[x0 + p]; W[o + 1] = X[x1 + p]; W[o + 2] = X[x2 + p]; W[o + 3] = X[x3 + p];
      }
    }
  } else {
    for (let p = 0; p < kc; p++) {
      const x = (pc + p) * ps + first;
      for (let s0 = 0, o = base + 4 * p; s0 < full; s0 += 4, o += 4 * kc) {
        W[o] = X[x + s0]; W[o + 1] = X[x + s0 + 1]; W[o + 2] = X[x + s0 + 2]; W[o + 3] = X[x + s0 + 3];
      }
    }
  }
  if (full < count) {
    for (let p = 0, o = base + full * kc; p < kc; p++, o += 4) {
      for (let r = 0; r < 4; r++) W[o + r] = full + r < count ? X[(first + full + r) * ls + (pc + p) * ps] : 0;
    }
  }
}

/**
 * C (m×n, row-major) (+)= A·B for the three layouts. Workspace: packed A (all m rows, one KC-deep
 * chunk), packed B (KC × NC), and a copy of C with rows and columns padded to multiples of 4. For
 * each chunk of p, and each NC-wide panel of B, one `panel` call sums the chunk into every tile of
 * the C copy (continuing the sums after the first chunk, or from C itself with `accumulate`); the
 * copy goes back to C at the end. Every entry is one sequential sum in increasing p.
 */
function product(
  layout: Layout, A: Float64Array, B: Float64Array, m: number, n: number, k: number, C: Float64Array, accumulate: boolean,
  bStride = n, bFirst = 0,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) C.fill(0, 0, m * n);
    return;
  }
  const mPad = Math.ceil(m / MR) * MR;
  const ldc = Math.ceil(n / NR) * NR;
  const kcMax = Math.min(KC, k);
  const aBase = 0;
  const bBase = aBase + mPad * kcMax;
  const cBase = bBase + Math.min(NC, ldc) * kcMax;
  const W = workspace(cBase + mPad * ldc);
  const panel = panelFunction();
  if (accumulate) for (let i = 0; i < m; i++) W.set(C.subarray(i * n, i * n + n), cBase + i * ldc);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    const load = accumulate || pc > 0 ? 1 : 0;
    if (layout === 'TN') pack(A, 1, m, 0, m, pc, kc, W, aBase);
    else pack(A, k, 1, 0, m, pc, kc, W, aBase);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      if (layout === 'NT') pack(B, k, 1, jc, nc, pc, kc, W, bBase);
      else pack(B, 1, bStride, bFirst + jc, nc, pc, kc, W, bBase);
      panel(kc, aBase, bBase, cBase + jc, ldc, mPad / MR, Math.ceil(nc / NR), load);
    }
  }
  for (let i = 0; i < m; i++) C.set(W.subarray(cBase + i * ldc, cBase + i * ldc + n), i * n);
}

/**
 * The checked entry shared by the three products: dimensions, lengths (A holds m·k and B k·n
 * entries in every layout), no aliasing of `out`, then the product.
 */
function checkedProduct(
  name: string, layout: Layout, A: Float64Array, B: Float64Array,
  m: number, n: number, k: number, out: Float64Array | undefined, accumulate: boolean,
): Float64Array {
  checkDims(name, m, n, k);
  booleanArg(`${name}: accumulate`, accumulate);
  checkLength(name, 'A', A, m * k);
  checkLength(name, 'B', B, k * n);
  if (out !== undefined) checkLength(name, 'out', out, m * n);
  const C = out ?? new Float64Array(m * n);
  checkLength(name, 'out', C, m * n);
  checkNoAlias(name, C, m * n, A, m * k, B, k * n);
  product(layout, A, B, m, n, k, C, accumulate);
  return C;
}

/**
 * Columns j0 … j1 − 1 of A (m×k) · B (k×nB): C (m × (j1 − j0)) = A · B[:, j0:j1], all row-major —
 * one thread's share of a product split by output columns (`createNtkPool`). Every entry is the
 * same sum, in the same order, as in `matmulNN(A, B, m, nB, k)`, so the pieces are its bits.
 * @category Linear algebra
 */
export function matmulNNColumns(
  A: Float64Array, B: Float64Array, m: number, k: number, nB: number, j0: number, j1: number, out?: Float64Array,
): Float64Array {
  const name = 'matmulNNColumns';
  checkDims(name, m, nB, k);
  if (typeof j0 !== 'number' || typeof j1 !== 'number') {
    throw new TypeError(`${name}: columns must satisfy 0 <= j0 <= j1 <= nB = ${nB}; got j0 = ${show(j0)}, j1 = ${show(j1)}`);
  }
  if (!Number.isInteger(j0) || !Number.isInteger(j1) || j0 < 0 || j1 < j0 || j1 > nB) {
    throw new RangeError(`${name}: columns must satisfy 0 <= j0 <= j1 <= nB = ${nB}; got j0 = ${j0}, j1 = ${j1}`);
  }
  const n = j1 - j0;
  checkLength(name, 'A', A, m * k);
  checkLength(name, 'B', B, k * nB);
  if (out !== undefined) checkLength(name, 'out', out, m * n);
  const C = out ?? new Float64Array(m * n);
  checkLength(name, 'out', C, m * n);
  checkNoAlias(name, C, m * n, A, m * k, B, k * nB);
  product('NN', A, B, m, n, k, C, false, nB, j0);
  return C;
}

/**
 * C (m×n) = A (m×k) · B (k×n), all row-major. Returns C (allocated when `out` is omitted).
 * @category Linear algebra
 */
export function matmulNN(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  return checkedProduct('matmulNN', 'NN', A, B, m, n, k, out, accumulate);
}

/**
 * C (m×n) = Aᵀ · B, with A stored k×m and B stored k×n, row-major.
 * @category Linear algebra
 */
export function matmulTN(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  return checkedProduct('matmulTN', 'TN', A, B, m, n, k, out, accumulate);
}

/**
 * C (m×n) = A · Bᵀ, with A stored m×k and B stored n×k, row-major.
 * @category Linear algebra
 */
export function matmulNT(
  A: Float64Array, B: Float64Array, m: number, n: number, k: number,
  out?: Float64Array, accumulate = false,
): Float64Array {
  return checkedProduct('matmulNT', 'NT', A, B, m, n, k, out, accumulate);
}
