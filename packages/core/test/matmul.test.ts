import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matmulNN, matmulNNColumns, matmulNT, matmulTN } from '../src/linearAlgebra/matmul.js';
import { createRng } from '../src/randomness/rng.js';
import { tileKernelName, useTileKernel, type TileKernelName } from '../src/linearAlgebra/matmulTile.js';

/** Naive triple loop, C[i][j] = Σ_p a(i,p) b(p,j), the independent reference. */
function naive(m: number, n: number, k: number, a: (i: number, p: number) => number, b: (p: number, j: number) => number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
    C[i * n + j] = s;
  }
  return C;
}

/** Small integers make every product and partial sum exact in double precision, so the blocked
 * kernels (different summation order) must agree with the naive loop to the last bit. */
function intArray(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let q = 0; q < len; q++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[q] = (s >>> 24) % 17 - 8; }
  return out;
}

// m ≤ 9 covers full and partial 4-row tiles; n up to 300 crosses the 256-column panel (NC) and
// partial 4-column tiles; k up to 140 is a single KC = 256 chunk (deeper k below).
const dims = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 140 }), fc.integer());

describe('blocked matrix kernels equal the naive triple loop (exact on integer data)', () => {
  it('matmulNN', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(m * k, seed), B = intArray(k * n, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[i * k + p], (p, j) => B[p * n + j]);
      expect(matmulNN(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('matmulTN (A stored k×m)', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(k * m, seed), B = intArray(k * n, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[p * m + i], (p, j) => B[p * n + j]);
      expect(matmulTN(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('matmulNT (B stored n×k)', () => {
    fc.assert(fc.property(dims, ([m, n, k, seed]) => {
      const A = intArray(m * k, seed), B = intArray(n * k, seed + 1);
      const ref = naive(m, n, k, (i, p) => A[i * k + p], (p, j) => B[j * k + p]);
      expect(matmulNT(A, B, m, n, k)).toEqual(ref);
    }), { seed: 42, numRuns: 40 });
  });
  it('matmulNNColumns gives the bits of the same columns of matmulNN (real data: the order of every sum matters)', () => {
    const rng = createRng('nn-columns');
    // nB = 600 crosses the 256-wide panels; ranges start and end inside 4-column slivers
    for (const [m, k, nB] of [[5, 37, 600], [64, 300, 257], [1, 1, 9]]) {
      const A = Float64Array.from(rng.normals(m * k)), B = Float64Array.from(rng.normals(k * nB));
      const full = matmulNN(A, B, m, nB, k);
      for (const [j0, j1] of [[0, nB], [0, 1], [3, Math.min(nB, 11)], [Math.min(nB, 250), Math.min(nB, 517)], [nB - 2, nB], [4, 4]]) {
        const part = matmulNNColumns(A, B, m, k, nB, j0, j1);
        const n = j1 - j0;
        expect(part.length).toBe(m * n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(Object.is(part[i * n + j], full[i * nB + j0 + j])).toBe(true);
      }
    }
    const A = new Float64Array(6), B = new Float64Array(12);
    expect(() => matmulNNColumns(A, B, 2, 3, 4, 3, 2)).toThrow(/columns must satisfy 0 <= j0 <= j1 <= nB = 4; got j0 = 3, j1 = 2/);
    expect(() => matmulNNColumns(A, B, 2, 3, 4, 0, 5)).toThrow(RangeError);
    expect(() => matmulNNColumns(A, B, 2, 3, 4, 0, 2, new Float64Array(3))).toThrow(/out must have length >= 4; got 3/);
  });
  it('accumulate adds to the output instead of overwriting it', () => {
    const m = 3, n = 5, k = 7;
    const A = intArray(m * k, 1), B = intArray(k * n, 2), Bt = intArray(n * k, 3), At = intArray(k * m, 4);
    for (const [f, a, b] of [[matmulNN, A, B], [matmulNT, A, Bt], [matmulTN, At, B]] as const) {
      const once = f(a, b, m, n, k);
      const out = f(a, b, m, n, k);
      f(a, b, m, n, k, out, true);
      expect(out).toEqual(once.map((v) => 2 * v));
    }
  });
  it('rejects short buffers and bad dimensions, naming them', () => {
    const A = new Float64Array(6), B = new Float64Array(9);
    expect(() => matmulNN(A, B, 2, 3, 4)).toThrow(/matmulNN: A must have length >= 8; got 6/);
    expect(() => matmulNN(A, B, 2, 3, 3, new Float64Array(2))).toThrow(/out must have length >= 6; got 2/);
    expect(() => matmulTN(A, B, -1, 3, 3)).toThrow(/m must be a non-negative integer; got -1/);
    expect(() => matmulNT([1, 2] as unknown as Float64Array, B, 1, 1, 2)).toThrow(TypeError);
  });
  it('rejects an output that overlaps A or B (aliasing), but allows A and B to be the same array', () => {
    const buf = new Float64Array(40);
    const M = buf.subarray(0, 12);
    expect(() => matmulNN(M, buf.subarray(12, 24), 3, 3, 4, buf.subarray(8, 17))).toThrow(/matmulNN: out must not overlap A/);
    expect(() => matmulNT(M, buf.subarray(12, 24), 3, 3, 4, buf.subarray(20, 29))).toThrow(/matmulNT: out must not overlap B/);
    expect(() => matmulTN(M, M, 3, 3, 4, M)).toThrow(RangeError);
    // same buffer, disjoint ranges: allowed
    const G = matmulNT(M, M, 3, 3, 4, buf.subarray(24, 33));
    expect(G).toEqual(matmulNT(M.slice(), M.slice(), 3, 3, 4));
  });
});

/** Float64 products and sums with their rounding errors (Knuth's TwoSum, Dekker's TwoProduct). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}
function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1, Veltkamp splitting
  const hi = c - (c - a);
  return [hi, a - hi];
}
function twoProduct(a: number, b: number): [number, number] {
  const x = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [x, al * bl - (((x - ah * bh) - al * bh) - ah * bl)];
}
/** Σ x_p y_p in twice the working precision (Ogita, Rump & Oishi 2005, Dot2): an independent reference. */
function dot2(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let [s, c] = twoProduct(x[0], y[0]);
  for (let p = 1; p < x.length; p++) {
    const [h, r] = twoProduct(x[p], y[p]);
    const [s2, q] = twoSum(s, h);
    s = s2;
    c += q + r;
  }
  return s + c;
}

function randomArray(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let q = 0; q < len; q++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    // mixed signs and magnitudes over ~6 decades, so partial sums round
    out[q] = ((s >>> 8) / 2 ** 24 - 0.5) * 10 ** ((s & 0xff) % 7 - 3);
  }
  return out;
}

type Layout = 'NN' | 'TN' | 'NT';
const kernels = { NN: matmulNN, TN: matmulTN, NT: matmulNT };
/** A(i, p) and B(p, j) for each layout, A stored m×k (k×m for TN), B stored k×n (n×k for NT). */
function accessors(L: Layout, A: Float64Array, B: Float64Array, m: number, n: number, k: number) {
  return {
    a: L === 'TN' ? (i: number, p: number) => A[p * m + i] : (i: number, p: number) => A[i * k + p],
    b: L === 'NT' ? (p: number, j: number) => B[j * k + p] : (p: number, j: number) => B[p * n + j],
  };
}

describe.each(['wasm-simd', 'js'] as TileKernelName[])('tile kernel %s', (kind) => {
  const run = <T>(f: () => T): T => {
    const before = tileKernelName();
    useTileKernel(kind);
    try { return f(); } finally { useTileKernel(before); }
  };

  it('is available (Node 20 has WebAssembly SIMD)', () => {
    expect(run(() => tileKernelName())).toBe(kind);
  });

  // The documented summation order: C_ij = (((c + a_i0 b_0j) + a_i1 b_1j) + …), c = 0 or C_ij with
  // `accumulate` — the naive loop's exact bits, on real data where every addition rounds. k up to
  // 600 crosses two chunk boundaries (KC = 256, balanced: 600 = 3 × 200; the partial sum is stored in
  // the C copy and reloaded).
  const shapes = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 600 }), fc.integer(), fc.boolean());
  for (const L of ['NN', 'TN', 'NT'] as const) {
    it(`${L}: bit for bit the naive sequential sum, with and without accumulate`, () => {
      run(() => fc.assert(fc.property(shapes, ([m, n, k, seed, acc]) => {
        const A = randomArray(m * k, seed), B = randomArray(k * n, seed ^ 0x5bd1e995);
        const { a, b } = accessors(L, A, B, m, n, k);
        const C0 = randomArray(m * n, seed + 7);
        const ref = new Float64Array(m * n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let s = acc ? C0[i * n + j] : 0;
          for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
          ref[i * n + j] = s;
        }
        const C = Float64Array.from(C0);
        kernels[L](A, B, m, n, k, C, acc);
        expect(C).toEqual(ref);
      }), { seed: 42, numRuns: 25 }));
    });
  }

  // Shapes for the staged packing and the tiling: every remainder of m and n modulo the 4×4 tile,
  // n and (for TN, whose A is packed column-wise) m across the 8-sliver groups of the WebAssembly
  // column packer (32 lines) and its remainder, n across the balanced NC panels (257, 300, 520), k
  // across the balanced KC chunks (513 = 3 × 171, 784 = 4 × 196) and both together, skinny products
  // (m ≤ 3 against a wide operand) and tall ones; each with and without accumulate, on real data,
  // against the naive loop.
  const tileShapes: [number, number, number][] = [
    [1, 33, 5], [2, 35, 257], [3, 70, 513], [4, 520, 3], [5, 257, 17], [6, 300, 40], [7, 9, 784],
    [8, 32, 256], [33, 64, 30], [64, 36, 20], [67, 45, 260], [1, 1, 1], [2, 3, 1],
    [5, 300, 600], [9, 521, 300], // several panels × several chunks (NT: panels outside, chunks inside)
  ];
  it('every tile remainder, packer group, panel and chunk boundary: the naive loop\'s bits', () => {
    run(() => {
      for (const L of ['NN', 'TN', 'NT'] as const) for (const [m, n, k] of tileShapes) for (const acc of [false, true]) {
        const A = randomArray(m * k, m + 31 * n), B = randomArray(k * n, k + 17 * n);
        const { a, b } = accessors(L, A, B, m, n, k);
        const C0 = randomArray(m * n + 3, 5 * m + n);
        const ref = C0.slice();
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let s = acc ? C0[i * n + j] : 0;
          for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
          ref[i * n + j] = s;
        }
        const C = C0.slice(); // 3 entries longer than m·n: they must stay as they are
        kernels[L](A, B, m, n, k, C, acc);
        expect(C).toEqual(ref);
        if (!acc) expect(kernels[L](A, B, m, n, k)).toEqual(ref.subarray(0, m * n)); // out allocated, exactly m·n
      }
    });
  });

  it('matmulNNColumns: every column range has the naive loop\'s bits (starts and ends inside slivers and groups)', () => {
    run(() => {
      for (const [m, k, nB] of [[3, 19, 70], [6, 300, 45], [64, 12, 300]]) {
        const A = randomArray(m * k, m + k), B = randomArray(k * nB, nB);
        for (const [j0, j1] of [[0, nB], [1, nB - 1], [2, 39], [5, 6], [nB - 37, nB], [7, 7]]) {
          const n = j1 - j0;
          const out = new Float64Array(m * n + 1).fill(7);
          matmulNNColumns(A, B, m, k, nB, j0, j1, out);
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
            let s = 0;
            for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * nB + j0 + j];
            expect(out[i * n + j]).toBe(s);
          }
          expect(out[m * n]).toBe(7);
        }
      }
    });
  });

  it('error against a twice-precise dot product stays below γ_k Σ_p |a_ip b_pj| (Higham, Eq. 3.5)', () => {
    // recursive summation of k products: |ŝ − s| ≤ γ_k Σ|a_p b_p|, γ_k = k u / (1 − k u), u = 2⁻⁵³
    const m = 5, n = 7, k = 1000;
    const u = 2 ** -53;
    const gamma = (k * u) / (1 - k * u);
    for (const L of ['NN', 'TN', 'NT'] as const) {
      const A = randomArray(m * k, 11), B = randomArray(k * n, 12);
      const { a, b } = accessors(L, A, B, m, n, k);
      const C = run(() => kernels[L](A, B, m, n, k));
      let worst = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        const x = Array.from({ length: k }, (_, p) => a(i, p));
        const y = Array.from({ length: k }, (_, p) => b(p, j));
        const bound = gamma * x.reduce((s, v, p) => s + Math.abs(v * y[p]), 0);
        const err = Math.abs(C[i * n + j] - dot2(x, y));
        worst = Math.max(worst, err / bound);
      }
      expect(worst).toBeLessThanOrEqual(1);
      expect(worst).toBeGreaterThan(0); // the data do round: the check is not vacuous
    }
  });

  it('edge shapes: m, n or k = 0 or 1', () => {
    run(() => {
      for (const L of ['NN', 'TN', 'NT'] as const) for (const [m, n, k] of [[0, 3, 2], [3, 0, 2], [1, 1, 1], [1, 5, 1], [5, 1, 3], [1, 1, 700]]) {
        const A = randomArray(m * k, 3), B = randomArray(k * n, 4);
        const { a, b } = accessors(L, A, B, m, n, k);
        const C = new Float64Array(m * n + 2).fill(9);
        kernels[L](A, B, m, n, k, C);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
          expect(C[i * n + j]).toBe(s);
        }
        expect(C[m * n]).toBe(9); // nothing written past m·n
        expect(C[m * n + 1]).toBe(9);
      }
      // k = 0: the empty sum — zeros, or C unchanged with accumulate
      const C = new Float64Array([1, 2, 3, 4]);
      expect(Array.from(matmulNN(new Float64Array(0), new Float64Array(0), 2, 2, 0, C, true))).toEqual([1, 2, 3, 4]);
      expect(Array.from(matmulTN(new Float64Array(0), new Float64Array(0), 2, 2, 0, C))).toEqual([0, 0, 0, 0]);
    });
  });

  it('M Mᵀ is bitwise symmetric; a NaN or ∞ stays in its own row and column', () => {
    run(() => {
      const rows = 13, cols = 517;
      const M = randomArray(rows * cols, 5);
      const G = matmulNT(M, M, rows, rows, cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < i; j++) expect(G[i * rows + j]).toBe(G[j * rows + i]);
      M[2 * cols + 300] = NaN;
      M[5 * cols + 3] = Infinity;
      const H = matmulNT(M, M, rows, rows, cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < rows; j++) {
        const hit = i === 2 || j === 2 || i === 5 || j === 5;
        expect(Number.isFinite(H[i * rows + j])).toBe(!hit);
      }
    });
  });

  it('results survive a growth of the shared workspace between calls', () => {
    run(() => {
      const small = () => matmulNN(randomArray(6, 1), randomArray(9, 2), 2, 3, 3);
      const first = small();
      const m = 700, n = 300, k = 300; // packs 700·256 + 256·256 doubles: forces the workspace to grow
      const A = randomArray(m * k, 8), B = randomArray(k * n, 9);
      const C = matmulNN(A, B, m, n, k);
      for (const [i, j] of [[0, 0], [699, 299], [350, 257]]) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
        expect(C[i * n + j]).toBe(s);
      }
      expect(small()).toEqual(first);
    });
  });
});

