import type { Mlp } from './mlp.js';
import { checkMlp, nonFiniteLayerError } from './mlp.js';
import { applyActivation, integerInRange, matmulNT } from '@neurobridge/core';
import { checkElements, firstNonFinite } from '../internal/check.js';

/**
 * Activations of a forward pass, kept for the backward pass.
 * h[l]: pre-activations of layer l+1, batch × sizes[l+1] (row-major, one sample per row);
 * x[0]: a copy of the input, batch × sizes[0]; x[l+1] = act_l(h[l]).
 * @category Layered networks
 */
export interface MlpCache {
  /** h[l] = x[l] W[l]ᵀ + 1 b[l]ᵀ, batch × sizes[l+1], l = 0 … L−1. */
  h: Float64Array[];
  /** x[0] = the input, x[l+1] = act_l(h[l]), batch × sizes[l], l = 0 … L (x[L] is the output). */
  x: Float64Array[];
  /** number of samples (rows) the arrays hold. */
  batch: number;
}

/** batch × every layer width must fit in MAX_ELEMENTS doubles per array (checked before allocating). */
function checkBatch(net: Mlp, batch: unknown): number {
  integerInRange('batch', batch, 1);
  const b = batch as number;
  net.sizes.forEach((n, l) => checkElements(`batch × sizes[${l}] = ${b} × ${n}`, b * n));
  return b;
}

/**
 * Allocates a cache for `batch` samples.
 * @category Layered networks
 */
export function createMlpCache(net: Mlp, batch: number): MlpCache {
  checkMlp(net);
  checkBatch(net, batch);
  const L = net.sizes.length - 1;
  const h: Float64Array[] = [];
  const x: Float64Array[] = [new Float64Array(batch * net.sizes[0])];
  for (let l = 0; l < L; l++) {
    h.push(new Float64Array(batch * net.sizes[l + 1]));
    x.push(new Float64Array(batch * net.sizes[l + 1]));
  }
  return { h, x, batch };
}

function checkCache(net: Mlp, cache: MlpCache, batch: number): void {
  if (cache === null || typeof cache !== 'object' || !Array.isArray(cache.h) || !Array.isArray(cache.x)) throw new TypeError('cache must be an MlpCache from createMlpCache(net, batch)');
  if (cache.batch !== batch) throw new RangeError(`cache.batch must equal batch (${batch}); got ${cache.batch}`);
  const L = net.sizes.length - 1;
  if (cache.h.length !== L || cache.x.length !== L + 1) {
    throw new RangeError(`cache must have ${L} pre-activation and ${L + 1} activity arrays; got ${cache.h.length} and ${cache.x.length}`);
  }
  for (let l = 0; l <= L; l++) {
    if (cache.x[l]?.length !== batch * net.sizes[l]) throw new RangeError(`cache.x[${l}] must have length ${batch * net.sizes[l]}; got ${cache.x[l]?.length}`);
    if (l < L && cache.h[l]?.length !== batch * net.sizes[l + 1]) throw new RangeError(`cache.h[${l}] must have length ${batch * net.sizes[l + 1]}; got ${cache.h[l]?.length}`);
  }
}

/**
 * Forward pass of a batch: h[l] = x[l] W[l]ᵀ + 1 b[l]ᵀ, x[l+1] = act_l(h[l]) (rows are samples).
 * `input` is batch × sizes[0], row-major. Reuses `cache` when given (no allocation), else allocates one.
 *
 * Non-finite values are never returned: the input is checked, and after each layer's product its
 * pre-activations h[l] (batch × sizes[l+1], a 1/sizes[l] fraction of the product's work) and the
 * final activities are scanned. A non-finite weight or bias always reaches h (NaN·x and ∞·0 are NaN),
 * so the RangeError names it (`net.weights[l][q]`); with finite weights it reports the overflow.
 * @category Layered networks
 */
export function mlpForward(net: Mlp, input: Float64Array, batch: number, cache?: MlpCache): MlpCache {
  checkMlp(net);
  const sizes = net.sizes;
  checkBatch(net, batch);
  if (!(input instanceof Float64Array)) throw new TypeError(`input must be a Float64Array (batch × ${sizes[0]}); got ${Object.prototype.toString.call(input)}`);
  if (input.length !== batch * sizes[0]) {
    throw new RangeError(`input must have length batch × sizes[0] = ${batch} × ${sizes[0]} = ${batch * sizes[0]}; got ${input.length}`);
  }
  for (let q = 0; q < input.length; q++) {
    if (!Number.isFinite(input[q])) throw new RangeError(`input[${q}] (sample ${Math.floor(q / sizes[0])}, feature ${q % sizes[0]}) must be finite; got ${input[q]}`);
  }
  const c = cache ?? createMlpCache(net, batch);
  if (cache) checkCache(net, c, batch);
  const bad = forwardPass(net, input, batch, c);
  if (bad >= 0) throw nonFiniteLayerError(net, bad, 'the pre-activation h');
  return c;
}

/**
 * The pass of `mlpForward` without the argument checks (shapes already validated): returns −1, or
 * the first layer whose pre-activations (or, for the last layer, activities) are not all finite.
 * Internal callers that turn a non-finite pass into a status (trainFullBatch) use it directly.
 * @category Layered networks
 */
export function forwardPass(net: Mlp, input: Float64Array, batch: number, c: MlpCache): number {
  const sizes = net.sizes;
  c.x[0].set(input);
  const L = sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l], nOut = sizes[l + 1];
    const W = net.weights[l];
    const h = c.h[l], xo = c.x[l + 1];
    matmulNT(c.x[l], W, batch, nOut, nIn, h);
    if (net.bias) {
      const b = net.biases[l];
      for (let s = 0; s < batch; s++) {
        const o = s * nOut;
        for (let i = 0; i < nOut; i++) h[o + i] += b[i];
      }
    }
    if (firstNonFinite(h) >= 0) return l;
    // x[l+1] = act_l(h[l]) over the whole array (core's activation layer: the bits of act.f)
    applyActivation(net.activations[l], h, xo);
  }
  return firstNonFinite(c.x[L]) >= 0 ? L - 1 : -1;
}
