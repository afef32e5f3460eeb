import { MR, NR, packersFunction, panelFunction, workspace, type Packers } from './matmulTile.js';
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
 * workspace grown on demand (no reallocation in steady state; it keeps its largest size). One `panel`
 * call (`matmulTile.ts`) then sums the chunk into every 4×4 tile of the panel's columns of a copy of C,
 * the 16 sums of a tile held in registers and both slivers read sequentially: WebAssembly SIMD (f64x2
 * mul, then add) where available, else the same tiles in plain JavaScript — identical bits either way.
 * With the WebAssembly kernel the operands are not packed by JavaScript loops (≈ 1.3 ns a double, the
 * fixed ≈ 1.5 ms per call of a 1024 × 1024 operand that held skinny products at 60–70 % of the
 * ceiling): A, and B one chunk (NN/TN: rows pc … pc + kc) or one panel (NT: rows jc … jc + nc) at a
 * time, are copied into the workspace with one memcpy each (`Float64Array.prototype.set`; a view of the
 * operand per copy unless the copy is the whole array — with the one view of the C copy going back to
 * C, fewer views per call than the m row views of 2026-11-23) and packed there by WebAssembly
 * (`matmulAssembler.ts`, ≈ 0.25 ns a double).
 * Chunks and panels are balanced (k = 784: 4 × 196, not 3 × 256 + 16). Workspace: mPad·KC + KC·NC +
 * mPad·nPad doubles, plus m·k + about KC·n for the staged copies (NT: mPad·k for A packed once,
 * m·k, NC·k) — about 21 MB after a 1024×1024×1024 NN or TN product, 27 MB after NT (11 MB before
 * staging); beyond STAGE_MAX staged doubles the operands are packed in JavaScript instead.
 *
 * Measured 2026-12-08 on the shared 2-core AMD EPYC (48 kB L1d, 1 MB L2 per core; Node 20.20),
 * `ROUNDS=21 node bench/matmul.bench.mjs`, two runs (load average 1.8–2.4, then 1.0): GFLOP/s (a
 * multiply-add = 2 flops), medians of 21 rounds alternating the kernel of 2026-11-23 (copied into the
 * bench: JavaScript packing, same 4×4 tile), this one, and the WebAssembly ceiling of
 * bench/peers/harness/wasmCeiling.mjs (f64x2 mul + add on 12 register accumulators, nothing else;
 * 25.7 and 26.6 GFLOP/s on one thread) timed in the same round; the fraction of the ceiling is taken
 * per round, then the median (quartiles). Second run, with the first run's fraction after it:
 *   shape (m×n×k)        2026-11-23   now (ratio, quartiles)        of ceiling          JS tile
 *   NT 128×256×784       23.0         24.7 (1.07×, 1.05–1.09)       93 % (91–95); 90 %  4.6   mlpForward, layer 1
 *   TN 256×784×128       24.0         25.8 (1.07×, 1.06–1.08)       96 % (95–98); 96 %  5.0   mlpBackward, ∂L/∂W¹
 *   NN 128×256×256       23.3         25.6 (1.10×, 1.09–1.11)       97 % (94–98); 93 %  5.1   mlpBackward, δ¹ = δ² W²
 *   NT 64×1024×1024      21.3         24.0 (1.13×, 1.10–1.16)       90 % (88–93); 88 %  4.8   empiricalNtk forward
 *   NN 64×1024×1024      20.2         23.5 (1.15×, 1.14–1.17)       89 % (86–90); 89 %  4.8   empiricalNtk backward
 *   NT 64×64×1024        19.8         23.4 (1.19×, 1.17–1.20)       88 % (86–90); 86 %  4.7   Gram matrices
 *   NNColumns, columns 0…511 of 64×1024×1024
 *                        17.6         20.2 (1.15×, 1.13–1.17)       78 % (75–84); 82 %  4.7   a 2-thread pool's half
 *   TN 256×256×128       24.1         25.9 (1.08×, 1.07–1.08)       97 % (95–99); 93 %  5.1   mlpBackward, ∂L/∂W²
 *   TN 1024×1024×64      22.8         24.2 (1.06×, 1.06–1.07)       89 % (88–91); 89 %  4.7   linearize
 *   NT 16×1024×1024      14.6         19.4 (1.34×, 1.31–1.36)       73 % (69–76); 68 %  4.2   skinny
 *   NT 512×1024×1024     24.9         25.5 (1.03×, 0.99–1.04)       94 % (92–98); 95 %  5.0
 * (JS tile: first run; the 'js' kernel's code is unchanged.)
 * Under heavier load (load average 3–5, other engineers' jobs) every figure drops by up to a third and
 * the quartiles widen; the ratios hold. The remaining gap is (1) the tile itself — on a packed panel
 * alone it reaches 80–95 % of the ceiling (it issues 6 loads and 3 loop operations per 16 f64x2
 * operations; see matmulTile.ts for the larger tiles tried) — and (2) for skinny products the
 * staging and packing of the large operand, still ≈ 0.5–1 ms per call of 1024 × 1024 doubles once
 * the operand has left the caches (NT 16×1024×1024: 68–73 %), and for matmulNNColumns the staged rows'
 * other columns (the memcpy of 8 MB for half the work: ≈ 0.4 of 3.1 ms; 78–82 % here, 88 % when B
 * stays in the L3 cache between calls).
 * Tried and dropped (measured in the same process, alternated): KC = 512 with NC = 128 or 256, KC = 384,
 * NC = 128 or 512 (all within ±3 %, noise); staging the whole of B once instead of chunk by chunk
 * (k·n more workspace, and the copy leaves the caches before it is packed: packing 1024 × 1024
 * doubles took 0.6–0.7 ms in the call against 0.23 ms on a copy still in cache; NT 16×1024×1024
 * 1.27× the old kernel instead of 1.34–1.40×, the other shapes within noise); packing B's
 * columns p-outer (scattered writes: 8× slower than 8 slivers side by side); copying only the
 * matmulNNColumns columns row by row (0.37–0.61 ms against 0.26–0.45 ms for the rows' single memcpy,
 * with B in cache or not: 1024 views and copies); and, for skinny NT,
 * swapping the roles of A and B so that B's rows are read where they were staged, without packing
 * (tile 22 vs 25.6 GFLOP/s with the four row streams' address arithmetic, plus 0.5 ms to transpose
 * Cᵀ back: slower overall).
 *
 * Measured 2026-11-23 (the kernel this one refines, against the one before it: 2×4 axpy register
 * blocks for NN/TN, 2×2 row-dot blocks for NT; median CPU time of 15 alternated rounds), G
 * multiply-adds/s:
 *   shape (m×n×k)        previous   JS tiles       WebAssembly SIMD tiles (default)
 *   NN 64×1024×1024      0.84       1.01 (1.2×)    4.54 (5.4×)   empiricalNtk backward, g W
 *   NT 64×1024×1024      0.65       0.99 (1.5×)    4.64 (7.1×)   empiricalNtk forward, X Wᵀ
 *   TN 1024×1024×64      0.88       0.97 (1.1×)    4.04 (4.6×)   linearize, Σ_μ c_μ g_μ x_μᵀ
 *   NT 64×64×1024        0.68       1.03 (1.5×)    4.28 (6.3×)   Gram matrices
 *   NT 128×256×784       0.69       1.07 (1.5×)    5.19 (7.5×)   mlpForward, layer 1
 *   TN 256×784×128       1.09       1.19 (1.1×)    4.81 (4.4×)   mlpBackward, ∂L/∂W¹
 *   NN 128×784×256       0.73       0.86 (1.2×)    4.02 (5.5×)
 * (absolute rates move by ±30 % with the load of the shared machine; the ratios less; G multiply-adds/s
 * are half the GFLOP/s above). The JavaScript tile is capped near 1–1.5 G by V8's per-element bounds
 * and map checks (measured on the tile alone: 2×2 … 8×2 and 6×4 blocks, unrolled by 1, 2 or 4 in p,
 * all within 0.8–1.3 G; 4×8 spills); the WebAssembly tile has neither and does two multiply-adds per
 * f64x2 mul/add pair. Whole computations, before → after
 * (same machine, one run after the other): `node bench/backprop.bench.mjs` 42.2 → 11.2 ms per
 * 784-256-256-10 backward pass on 128 examples (4.6× → 20.9× ml-matrix's mmul); `node
 * bench/ntk.bench.mjs` empiricalNtk at p = 64, n = 1024: 177.7 → 37.0 ms wall (n = 4096: 2093 → 536 ms).
 * The blocking constants never change results.
 */

/** Panel depth: products are summed over p in chunks of at most KC (a 4 × KC sliver is 8 kB, L1 sized). */
const KC = 256;
/** Panel width: at most NC columns of B packed at a time (KC × NC doubles = 512 kB, half the L2). */
const NC = 256;

/** Largest staged copy of A and B, in doubles (128 MB); beyond it the operands are packed in JavaScript. */
const STAGE_MAX = 2 ** 24;

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
function pack(
  X: Float64Array, ls: number, ps: number, first: number, count: number, pc: number, kc: number, W: Float64Array, base: number,
  packers: Packers | undefined, origin: number,
): void {
  const full = count - (count % 4);
  if (packers && full > 0) {
    // the full slivers in WebAssembly, from the staged copy of X (X[q] is W[origin + q])
    const x = origin + first * ls + pc * ps;
    const slivers = full / 4;
    if (ps === 1) packers.rows(x, ls, slivers, kc, base);
    else {
      const groups = slivers >> 3, rest = slivers & 7;
      if (groups > 0) packers.cols8(x, ps, groups, kc, base);
      if (rest > 0) packers.cols1(x + 32 * groups, ps, rest, kc, base + 32 * groups * kc);
    }
  } else if (ps === 1) {
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

/** Packs chunk pc … pc + kc − 1 of A's m rows (A stored m×k, or k×m for TN) at W[base]. */
function packA(
  layout: Layout, A: Float64Array, m: number, k: number, pc: number, kc: number, W: Float64Array, base: number,
  packers: Packers | undefined, origin: number,
): void {
  if (layout === 'TN') pack(A, 1, m, 0, m, pc, kc, W, base, packers, origin);
  else pack(A, k, 1, 0, m, pc, kc, W, base, packers, origin);
}

/**
 * Copies X[from … to − 1] into W at `at` with one memcpy (a view of X only when X is longer than
 * the range), for the WebAssembly packers. Returns where X[0] would be.
 */
function stage(X: Float64Array, from: number, to: number, W: Float64Array, at: number): number {
  W.set(from === 0 && to === X.length ? X : X.subarray(from, to), at);
  return at - from;
}

/**
 * C (m×n, row-major) (+)= A·B for the three layouts. Workspace: packed A (all m rows, one KC-deep
 * chunk), packed B (KC × NC), a copy of C with rows and columns padded to multiples of 4, and — for the
 * WebAssembly packers — staged copies of A (whole) and of the block of B being packed. For each chunk
 * of p and each NC-wide panel of B, one `panel` call sums the chunk into every tile of the panel's
 * columns of the C copy (continuing the sums after the first chunk, or from C itself with
 * `accumulate`); the copy goes back to C at the end. Every entry is one sequential sum in increasing p.
 *
 * Loop order: chunks of p outside, panels inside (B is staged one chunk at a time: its rows pc … pc + kc
 * are contiguous in NN/TN), except for NT with staging, where B's rows jc … jc + nc are the contiguous
 * block: panels outside, chunks inside, every chunk of A packed once (for the first panel) and kept.
 * Either order gives every entry the same sequential sum.
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
  // chunks of p and panels of columns of (nearly) equal size: k = 784 makes 4 chunks of 196, not
  // 3 × 256 + 16 (a thin last chunk or panel pays the tile loads and stores, and the A stream, for little work)
  const kcMax = Math.ceil(k / Math.ceil(k / KC));
  const ncMax = Math.min(ldc, NR * Math.ceil(ldc / NR / Math.ceil(ldc / NC)));
  // the staged block of B: rows jc … jc + nc of B stored n×k (NT), else rows pc … pc + kc of B (k×n, row stride bStride)
  const bBlock = layout === 'NT' ? ncMax * k : (kcMax - 1) * bStride + n;
  // staged copies for the WebAssembly packers, unless they would be huge: a refused memory growth
  // would switch every later product to the 'js' kernel
  const staging = packersFunction() !== undefined && m * k + bBlock <= STAGE_MAX;
  const aBase = 0;
  // NT with staging packs every chunk of A once, for all panels: room for all of them
  const bBase = aBase + mPad * (staging && layout === 'NT' ? k : kcMax);
  const cBase = bBase + ncMax * kcMax;
  const aStage = cBase + mPad * ldc;
  const bStage = aStage + m * k;
  const W = workspace(staging ? bStage + bBlock : aStage);
  const panel = panelFunction();
  const packers = staging ? packersFunction() : undefined; // undefined after a refused growth
  const aOrigin = packers ? stage(A, 0, m * k, W, aStage) : 0;
  if (accumulate && ldc === n) W.set(m * n === C.length ? C : C.subarray(0, m * n), cBase);
  else if (accumulate) for (let i = 0; i < m; i++) W.set(C.subarray(i * n, i * n + n), cBase + i * ldc);
  if (packers && layout === 'NT') {
    for (let jc = 0; jc < n; jc += ncMax) {
      const nc = Math.min(ncMax, n - jc);
      const bOrigin = stage(B, jc * k, (jc + nc) * k, W, bStage);
      for (let pc = 0; pc < k; pc += kcMax) {
        const kc = Math.min(kcMax, k - pc);
        if (jc === 0) packA(layout, A, m, k, pc, kc, W, aBase + mPad * pc, packers, aOrigin);
        pack(B, k, 1, jc, nc, pc, kc, W, bBase, packers, bOrigin);
        panel(kc, aBase + mPad * pc, bBase, cBase + jc, ldc, mPad / MR, Math.ceil(nc / NR), accumulate || pc > 0 ? 1 : 0);
      }
    }
  } else {
    for (let pc = 0; pc < k; pc += kcMax) {
      const kc = Math.min(kcMax, k - pc);
      // rows pc … pc + kc − 1 of B, one memcpy (for matmulNNColumns including the other columns of those
      // rows: copying its own columns row by row measured no faster)
      const bOrigin = packers && layout !== 'NT' ? stage(B, pc * bStride + bFirst, (pc + kc - 1) * bStride + bFirst + n, W, bStage) : 0;
      packA(layout, A, m, k, pc, kc, W, aBase, packers, aOrigin);
      for (let jc = 0; jc < n; jc += ncMax) {
        const nc = Math.min(ncMax, n - jc);
        if (layout === 'NT') pack(B, k, 1, jc, nc, pc, kc, W, bBase, packers, bOrigin);
        else pack(B, 1, bStride, bFirst + jc, nc, pc, kc, W, bBase, packers, bOrigin);
        panel(kc, aBase, bBase, cBase + jc, ldc, mPad / MR, Math.ceil(nc / NR), accumulate || pc > 0 ? 1 : 0);
      }
    }
  }
  if (ldc === n) C.set(W.subarray(cBase, cBase + m * n));
  else for (let i = 0; i < m; i++) C.set(W.subarray(cBase + i * ldc, cBase + i * ldc + n), i * n);
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
