import { applyActivation, matmulNNColumns, matmulNT, matmulTN, scaleByActivationDerivative } from '@neurobridge/core';
import type { Mlp } from './mlp.js';
import type { Loss } from '../training/losses.js';
import { firstNonFinite } from '../internal/check.js';

/**
 * One thread's share of the layered network's passes (`createMlpPool`), split by UNITS as the
 * tangent-kernel pool splits them (ntk/ntkColumns.ts; the output layer, computed whole by every
 * thread, is the exception: `UnitBlocks`): thread w owns units lo … hi − 1 of every
 * layer l + 1 (`shareRange(sizes[l+1], threads, w)`) and computes, for all `batch` samples,
 *   forward   h^l[:, lo:hi] = x^l W^l[lo:hi, :]ᵀ + b^l[lo:hi],  x^{l+1}[:, lo:hi] = φ_l(h^l[:, lo:hi])   (its rows of W^l)
 *   output    δ^{L−1}[:, lo:hi] = ∂L/∂y[:, lo:hi] ⊙ φ'_{L−1}(h^{L−1}[:, lo:hi])
 *   backward  δ^{l−1}[:, lo:hi] = (δ^l W^l)[:, lo:hi] ⊙ φ'_{l−1}(h^{l−1}[:, lo:hi])                 (its columns of W^l)
 *   gradients ∂L/∂W^l[lo:hi, :] = δ^l[:, lo:hi]ᵀ x^l,  ∂L/∂b^l[lo:hi] = Σ_s δ^l[s, lo:hi]
 * The thread keeps its columns of h, x = φ(h) and δ in contiguous blocks (batch × (hi − lo),
 * `UnitBlocks`) and scatters them into the shared full arrays (`MlpBuffers`) that the other threads read.
 *
 * Bits: core's products form every entry as ONE sequential sum in increasing p, whatever the
 * blocking and whichever rows or columns are computed (header of core's matmul.ts), so
 *  - the NT product of a block of rows of W^l gives those columns of `mlpForward`'s h^l;
 *  - `matmulNNColumns` gives those columns of `mlpBackward`'s δ^l W^l;
 *  - the TN product of the block δ^l[:, lo:hi] (the same entries, contiguous) gives those rows of
 *    δ^lᵀ x^l: the same products in the same order (increasing sample);
 * and the bias, φ (`applyActivation`, the bits of act.f), δ ⊙ φ' (`scaleByActivationDerivative`,
 * the bits of d · act.df(h)) and the bias gradient (a sum over samples in increasing order, from 0)
 * are the same operations, entry by entry, as in mlpForward / mlpBackward.
 */

/**
 * The full arrays of one call, shared by every thread (row-major, one sample per row), in the
 * layout of `MlpCache` and `MlpGradients`: x[l] is batch × sizes[l] (x[0] the input, x[L] the
 * output y), h[l] and delta[l] are batch × sizes[l+1], gradW[l] is sizes[l+1] × sizes[l],
 * gradB[l] sizes[l+1] (0 without biases). targets, dOut (∂L/∂y given by the calling thread) and
 * lossValues (L(y, t) entry by entry) are batch × sizes[L].
 */
export interface MlpBuffers {
  batch: number;
  x: Float64Array[];
  h: Float64Array[];
  delta: Float64Array[];
  gradW: Float64Array[];
  gradB: Float64Array[];
  targets: Float64Array;
  dOut: Float64Array;
  lossValues: Float64Array;
}

/**
 * One thread's contiguous blocks: for layer l the units lo[l] … hi[l] − 1 it computes of h^l, x^{l+1}
 * and δ^l, batch × (hi − lo) each, and the units ownLo[l] … ownHi[l] − 1 whose weights it updates
 * (its share). The two ranges are the same except for the output layer, which every thread computes
 * whole (it is narrow: a few units), so that δ^{L−1} is complete on every thread without a barrier.
 */
export interface UnitBlocks {
  lo: number[];
  hi: number[];
  ownLo: number[];
  ownHi: number[];
  /** scratch for the thread's own columns of the output layer's δ block (batch × its share). */
  dOwn: Float64Array;
  h: Float64Array[];
  x: Float64Array[];
  d: Float64Array[];
}

/** full[:, lo:lo+nc] = block (batch × nc into batch × n). */
function scatter(block: Float64Array, nc: number, full: Float64Array, n: number, lo: number, batch: number): void {
  for (let s = 0; s < batch; s++) {
    const o = s * n + lo, b = s * nc;
    for (let i = 0; i < nc; i++) full[o + i] = block[b + i];
  }
}

/** block = full[:, lo:lo+nc]. */
function gather(full: Float64Array, n: number, lo: number, block: Float64Array, nc: number, batch: number): void {
  for (let s = 0; s < batch; s++) {
    const o = s * n + lo, b = s * nc;
    for (let i = 0; i < nc; i++) block[b + i] = full[o + i];
  }
}

/**
 * Forward pass of layer l on the thread's units: h^l = x^l W^lᵀ (+ b^l), x^{l+1} = φ_l(h^l).
 * Needs all of x^l (every thread done with layer l − 1). Returns true when the block of h^l has
 * a non-finite entry (mlpForward's scan of h^l, on this thread's columns).
 */
export function forwardUnits(net: Mlp, buf: MlpBuffers, blk: UnitBlocks, l: number): boolean {
  const lo = blk.lo[l], nc = blk.hi[l] - lo;
  if (nc <= 0) return false;
  const { batch } = buf;
  const nIn = net.sizes[l], nOut = net.sizes[l + 1];
  const h = blk.h[l];
  // the units' rows of W^l are contiguous: (batch × nIn) · (nc × nIn)ᵀ
  matmulNT(buf.x[l], net.weights[l].subarray(lo * nIn, (lo + nc) * nIn), batch, nc, nIn, h);
  if (net.bias) {
    const b = net.biases[l];
    for (let s = 0; s < batch; s++) {
      const o = s * nc;
      for (let i = 0; i < nc; i++) h[o + i] += b[lo + i];
    }
  }
  scatter(h, nc, buf.h[l], nOut, lo, batch);
  applyActivation(net.activations[l], h, blk.x[l]);
  scatter(blk.x[l], nc, buf.x[l + 1], nOut, lo, batch);
  return firstNonFinite(h) >= 0;
}

/** True when the thread's block of the output y = x^L has a non-finite entry (mlpForward's last scan). */
export function outputNonFinite(blk: UnitBlocks, L: number): boolean {
  return firstNonFinite(blk.x[L - 1]) >= 0;
}

/**
 * A built-in loss on the thread's output units, entry by entry: lossValues[q] = L(y_q, t_q) and
 * the block δ^{L−1} ← ∂L/∂y (scaled by φ' in `outputDeltaUnits`). The loss functions throw outside
 * their domain; the first flat index q = s·sizes[L] + i (row-major) where one threw is returned
 * (−1 when none did), for the calling thread to throw that very error in the reference's order.
 */
export function lossUnits(loss: Loss, net: Mlp, buf: MlpBuffers, blk: UnitBlocks): number {
  const L = net.sizes.length - 1;
  const lo = blk.lo[L - 1], nc = blk.hi[L - 1] - lo;
  const nOut = net.sizes[L];
  const y = blk.x[L - 1], d = blk.d[L - 1];
  const { targets, lossValues, batch } = buf;
  let bad = -1;
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < nc; i++) {
      const q = s * nOut + lo + i, b = s * nc + i;
      try {
        lossValues[q] = loss.value(y[b], targets[q]);
        d[b] = loss.derivative(y[b], targets[q]);
      } catch {
        if (bad < 0) bad = q;
        d[b] = NaN;
      }
    }
  }
  return bad;
}

/** The thread's block of δ^{L−1} ← ∂L/∂y given in buf.dOut by the calling thread (a custom loss). */
export function gatherOutputGradient(net: Mlp, buf: MlpBuffers, blk: UnitBlocks): void {
  const L = net.sizes.length - 1;
  const lo = blk.lo[L - 1];
  gather(buf.dOut, net.sizes[L], lo, blk.d[L - 1], blk.hi[L - 1] - lo, buf.batch);
}

/**
 * δ^{L−1} = ∂L/∂y ⊙ φ'_{L−1}(h^{L−1}) on the thread's output units (the block holds ∂L/∂y), into
 * the shared delta[L−1]. Returns true when the block has a non-finite entry.
 */
export function outputDeltaUnits(net: Mlp, buf: MlpBuffers, blk: UnitBlocks): boolean {
  const L = net.sizes.length - 1;
  const lo = blk.lo[L - 1], nc = blk.hi[L - 1] - lo;
  if (nc <= 0) return false;
  const d = blk.d[L - 1];
  scaleByActivationDerivative(net.activations[L - 1], blk.h[L - 1], d, blk.x[L - 1]);
  scatter(d, nc, buf.delta[L - 1], net.sizes[L], lo, buf.batch);
  return firstNonFinite(d) >= 0;
}

/**
 * δ^{l−1} = (δ^l W^l) ⊙ φ'_{l−1}(h^{l−1}) on the thread's units of layer l (columns of W^l), l ≥ 1,
 * into the shared delta[l−1]. Needs all of δ^l. Returns true when the block has a non-finite entry.
 */
export function backwardUnits(net: Mlp, buf: MlpBuffers, blk: UnitBlocks, l: number): boolean {
  const lo = blk.lo[l - 1], hi = blk.hi[l - 1], nc = hi - lo;
  if (nc <= 0) return false;
  const nIn = net.sizes[l], nOut = net.sizes[l + 1];
  const d = blk.d[l - 1];
  matmulNNColumns(buf.delta[l], net.weights[l], buf.batch, nOut, nIn, lo, hi, d);
  scaleByActivationDerivative(net.activations[l - 1], blk.h[l - 1], d, blk.x[l - 1]);
  scatter(d, nc, buf.delta[l - 1], nIn, lo, buf.batch);
  return firstNonFinite(d) >= 0;
}

/**
 * Rows lo … hi − 1 of ∂L/∂W^l = δ^lᵀ x^l (the thread's block of δ^l, contiguous: the same products
 * in the same order as mlpBackward's TN product) and entries lo … hi − 1 of ∂L/∂b^l = Σ_s δ^l_s.
 */
export function gradientUnits(net: Mlp, buf: MlpBuffers, blk: UnitBlocks, l: number): void {
  const lo = blk.ownLo[l], hi = blk.ownHi[l], nc = hi - lo;
  if (nc <= 0) return;
  const nIn = net.sizes[l];
  const { batch } = buf;
  // the thread's own units only — the sums below accumulate in the shared arrays, so no two threads
  // may write the same entry; for the output layer (computed whole) its own columns of the block
  let d = blk.d[l];
  if (lo !== blk.lo[l] || hi !== blk.hi[l]) {
    d = blk.dOwn.subarray(0, batch * nc);
    gather(blk.d[l], blk.hi[l] - blk.lo[l], lo - blk.lo[l], d, nc, batch);
  }
  matmulTN(d, buf.x[l], nc, nIn, batch, buf.gradW[l].subarray(lo * nIn, hi * nIn));
  if (net.bias) {
    const gb = buf.gradB[l];
    gb.fill(0, lo, hi);
    for (let s = 0; s < batch; s++) {
      const o = s * nc;
      for (let i = 0; i < nc; i++) gb[lo + i] += d[o + i];
    }
  }
}

/**
 * The descent step on the thread's units of layer l: w ← w − η ∂L/∂w for its rows of W^l and
 * entries of b^l (`w - eta * g`, entry by entry). Must run after every thread's last read of W^l.
 */
export function updateUnits(net: Mlp, buf: MlpBuffers, blk: UnitBlocks, l: number, eta: number): void {
  const lo = blk.ownLo[l], hi = blk.ownHi[l];
  if (hi <= lo) return;
  const nIn = net.sizes[l];
  const W = net.weights[l], gW = buf.gradW[l];
  for (let q = lo * nIn; q < hi * nIn; q++) W[q] -= eta * gW[q];
  if (net.bias) {
    const b = net.biases[l], gb = buf.gradB[l];
    for (let i = lo; i < hi; i++) b[i] -= eta * gb[i];
  }
}
