import type { Mlp } from '../mlp.js';
import { matmulNT } from '../matmul.js';
import { tangentFeatures, type TangentFeatures } from './tangentFeatures.js';

/**
 * The tangent features and Gram matrices of a network at p inputs, laid out so that the examples
 * μ = 0 … p−1 can be split into contiguous row ranges (one per worker thread of `createNtkPool`).
 * Arrays are row-major with one example per row, as in `TangentFeatures`: x[0] holds the inputs,
 * h[k], x[k+1], g[k] are p × sizes[k+1]; gramG[k] = g[k] g[k]ᵀ and gramX[k] = x[k] x[k]ᵀ are p × p (k < K).
 */
export interface NtkBuffers {
  p: number;
  h: Float64Array[];
  x: Float64Array[];
  g: Float64Array[];
  output: Float64Array;
  gramG: Float64Array[];
  gramX: Float64Array[];
}

/** Examples lo … hi − 1 of thread `index` of `threads`: contiguous ranges of ⌊p/T⌋ or ⌈p/T⌉ rows (empty when p < T). */
export function rowRange(p: number, threads: number, index: number): { lo: number; hi: number } {
  return { lo: Math.floor((index * p) / threads), hi: Math.floor(((index + 1) * p) / threads) };
}

/** Rows lo … hi − 1 of a row-major matrix with `cols` columns (a view, no copy). */
function rows(M: Float64Array, cols: number, lo: number, hi: number): Float64Array {
  return M.subarray(lo * cols, hi * cols);
}

/** Views of rows lo … hi − 1 of the feature buffers, shaped as the `out` argument of `tangentFeatures`. */
export function featureRows(sizes: readonly number[], buf: NtkBuffers, lo: number, hi: number): TangentFeatures {
  return {
    p: hi - lo,
    h: buf.h.map((a, k) => rows(a, sizes[k + 1], lo, hi)),
    x: buf.x.map((a, k) => rows(a, sizes[k], lo, hi)),
    g: buf.g.map((a, k) => rows(a, sizes[k + 1], lo, hi)),
    output: buf.output.subarray(lo, hi),
  };
}

/**
 * Phase 1 of a row split: the forward and backward passes (`tangentFeatures`, Eqs. 14, 15, 18) of
 * examples lo … hi − 1, written into their rows of `buf` (x[0] rows must hold the inputs). Rows of
 * different examples never mix in these passes, and learn's products sum each entry in one fixed
 * order whatever the number of rows, so the rows are the same bits as a pass over all p examples.
 * `rowsOut` (from `featureRows(net.sizes, buf, lo, hi)`) avoids building the views on every call.
 */
export function computeFeatureRows(net: Mlp, buf: NtkBuffers, lo: number, hi: number, rowsOut = featureRows(net.sizes, buf, lo, hi)): void {
  if (hi <= lo) return;
  tangentFeatures(net, rowsOut.x[0], hi - lo, rowsOut);
}

/**
 * Phase 2: rows lo … hi − 1 of every Gram matrix, gramG[k]_{μ·} = g[k]_μ g[k]ᵀ and gramX[k]_{μ·} =
 * x[k]_μ x[k]ᵀ (rows slice times the whole matrix, `matmulNT`): the same bits as those rows of
 * `rowGram` over all p examples, since each entry is one sum in increasing column order.
 * Needs every row of the features (phase 1 finished on every thread).
 */
export function computeGramRows(sizes: readonly number[], buf: NtkBuffers, lo: number, hi: number): void {
  if (hi <= lo) return;
  const K = sizes.length - 1;
  const p = buf.p;
  const m = hi - lo;
  for (let k = 0; k < K; k++) {
    const ng = sizes[k + 1];
    matmulNT(rows(buf.g[k], ng, lo, hi), buf.g[k], m, p, ng, rows(buf.gramG[k], p, lo, hi));
    const nx = sizes[k];
    matmulNT(rows(buf.x[k], nx, lo, hi), buf.x[k], m, p, nx, rows(buf.gramX[k], p, lo, hi));
  }
}
