import type { Mlp } from '../layered/mlp.js';
import { matmulNT } from '@neurobridge/core';

/**
 * The tangent features and Gram matrices of a network at p inputs, shared by the worker threads
 * of `createNtkPool` (units split for the passes, ntkColumns.ts; examples split for the Grams).
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

/** Items lo … hi − 1 of n for thread `index` of `threads`: contiguous ranges of ⌊n/T⌋ or ⌈n/T⌉ (empty when n < T). */
export function shareRange(n: number, threads: number, index: number): { lo: number; hi: number } {
  return { lo: Math.floor((index * n) / threads), hi: Math.floor(((index + 1) * n) / threads) };
}

/** Rows lo … hi − 1 of a row-major matrix with `cols` columns (a view, no copy). */
function rows(M: Float64Array, cols: number, lo: number, hi: number): Float64Array {
  return M.subarray(lo * cols, hi * cols);
}

/**
 * Rows lo … hi − 1 of every Gram matrix, gramG[k]_{μ·} = g[k]_μ g[k]ᵀ and gramX[k]_{μ·} =
 * x[k]_μ x[k]ᵀ (rows slice times the whole matrix, `matmulNT`): the same bits as those rows of
 * `rowGram` over all p examples, since each entry is one sum in increasing column order.
 * Needs every entry of the features (the passes finished on every thread).
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
