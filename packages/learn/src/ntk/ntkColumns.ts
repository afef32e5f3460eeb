import { activations, applyActivation, applyActivationDerivative, matmulNNColumns, matmulNT } from '@neurobridge/core';
import type { Mlp } from '../layered/mlp.js';
import type { NtkBuffers } from './ntkRows.js';

/**
 * One thread's share of the forward and backward passes of `tangentFeatures` (Eqs. 14, 15, 18),
 * split by UNITS: thread w computes columns lo … hi − 1 (its units) of every layer for all p
 * examples, and the threads meet at a barrier after each layer (the next layer needs every unit
 * of this one). Each thread thus packs only its own rows (forward) or columns (backward) of a
 * weight matrix and runs its products on all p rows — half the work of a product on each of two
 * threads, where a split by examples would have each thread pack every weight matrix.
 *
 * Bits: every entry is formed by the same operations in the same order as in `mlpForward` and
 * `tangentFeatures` — learn's products sum each entry in one fixed order whatever the blocking
 * and however the columns are split (`matmulNNColumns`), then the bias is added, φ applied, or
 * φ' multiplied, entry by entry (φ and φ' by core's activation layer over the contiguous scratch
 * block, the bits of act.f / act.df) — so the split passes give the single-thread bits.
 * `scratch` holds at least p × (hi − lo) doubles.
 */

/** Forward pass of layer k, units lo … hi − 1: h^k = x^{k} W^kᵀ (+ b^k), x^{k+1} = φ(h^k) (Eqs. 14–15). */
export function forwardUnits(net: Mlp, buf: NtkBuffers, k: number, lo: number, hi: number, scratch: Float64Array): void {
  const nc = hi - lo;
  if (nc <= 0) return;
  const p = buf.p;
  const nIn = net.sizes[k];
  const nOut = net.sizes[k + 1];
  const C = scratch.subarray(0, p * nc);
  // the units' rows of W^k are contiguous: (p × nIn) · (nc × nIn)ᵀ
  matmulNT(buf.x[k], net.weights[k].subarray(lo * nIn, hi * nIn), p, nc, nIn, C);
  const h = buf.h[k];
  const xo = buf.x[k + 1];
  const b = net.bias ? net.biases[k] : null;
  // h = C (+ b) into the block and its strided place in h; φ over the contiguous block; then x
  for (let s = 0; s < p; s++) {
    for (let i = 0; i < nc; i++) {
      let v = C[s * nc + i];
      if (b) v += b[lo + i];
      C[s * nc + i] = v;
      h[s * nOut + lo + i] = v;
    }
  }
  applyActivation(net.activations[k], C, C);
  for (let s = 0; s < p; s++) {
    for (let i = 0; i < nc; i++) xo[s * nOut + lo + i] = C[s * nc + i];
  }
}

/** The readout's sensitivity ∂f/∂h^K = φ'_out(h^K) and the output f (scalar readout), by the thread owning its unit. */
export function readoutUnits(net: Mlp, buf: NtkBuffers, lo: number, hi: number): void {
  if (lo > 0 || hi <= 0) return;
  const K = net.sizes.length - 1;
  const p = buf.p;
  buf.output.set(buf.x[K].subarray(0, p));
  // p × 1 (scalar readout): ∂f/∂h^K = φ'_out(h^K)
  applyActivationDerivative(net.activations[K - 1], buf.h[K - 1].subarray(0, p), buf.g[K - 1].subarray(0, p));
}

/** Backward pass into layer k, units lo … hi − 1: ∂f/∂h^k = (∂f/∂h^{k+1} W^{k+1}) ⊙ φ'(h^k) (Eq. 18). */
export function backwardUnits(net: Mlp, buf: NtkBuffers, k: number, lo: number, hi: number, scratch: Float64Array): void {
  const nc = hi - lo;
  if (nc <= 0) return;
  const p = buf.p;
  const n = net.sizes[k + 1];
  const nNext = net.sizes[k + 2];
  const C = matmulNNColumns(buf.g[k + 1], net.weights[k + 1], p, nNext, n, lo, hi, scratch.subarray(0, p * nc));
  const gk = buf.g[k];
  if (net.activations[k] === activations.tanh) {
    // as in tangentFeatures: φ'(h) = 1 − x·x from the stored activity x = tanh h (the bits of tanh.df)
    const xk = buf.x[k + 1];
    for (let s = 0; s < p; s++) {
      for (let i = 0; i < nc; i++) {
        const q = s * n + lo + i;
        gk[q] = C[s * nc + i] * (1 - xk[q] * xk[q]);
      }
    }
  } else {
    // the product into its strided place in g and h's block into the scratch; φ'(h) over the
    // contiguous block (the bits of act.df); then g = product · φ'(h), the bits of C · df(h)
    const hk = buf.h[k];
    for (let s = 0; s < p; s++) {
      for (let i = 0; i < nc; i++) {
        const q = s * n + lo + i;
        gk[q] = C[s * nc + i];
        C[s * nc + i] = hk[q];
      }
    }
    applyActivationDerivative(net.activations[k], C, C);
    for (let s = 0; s < p; s++) {
      for (let i = 0; i < nc; i++) gk[s * n + lo + i] *= C[s * nc + i];
    }
  }
}

/**
 * Whether columns lo … hi − 1 of a row-major `rows` × `cols` matrix hold a non-finite entry: one
 * thread's share of the scans `empiricalNtk` makes of the drives h, activities x and sensitivities g
 * (each thread scans the units it wrote, while they are in its cache).
 */
export function columnsNonFinite(M: Float64Array, cols: number, lo: number, hi: number, rows: number): boolean {
  for (let s = 0; s < rows; s++) {
    for (let q = s * cols + lo, end = s * cols + hi; q < end; q++) {
      const v = M[q];
      if (v - v !== 0) return true; // NaN and ±∞ (v − v is NaN for both)
    }
  }
  return false;
}
