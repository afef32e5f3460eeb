import type { Mlp } from './mlp.js';
import { matmulNT } from '@neurobridge/core';

/**
 * Activations of a forward pass, kept for the backward pass.
 * h[l]: pre-activations of layer l+1, batch × sizes[l+1] (row-major, one sample per row);
 * x[0]: a copy of the input, batch × sizes[0]; x[l+1] = act_l(h[l]).
 */
export interface MlpCache {
  h: Float64Array[];
  x: Float64Array[];
  batch: number;
}

/** Allocates a cache for `batch` samples. */
export function createMlpCache(net: Mlp, batch: number): MlpCache {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer; got ${batch}`);
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
  if (cache.batch !== batch) throw new RangeError(`cache.batch must equal batch (${batch}); got ${cache.batch}`);
  const L = net.sizes.length - 1;
  if (cache.h.length !== L || cache.x.length !== L + 1) {
    throw new RangeError(`cache must have ${L} pre-activation and ${L + 1} activity arrays; got ${cache.h.length} and ${cache.x.length}`);
  }
  for (let l = 0; l <= L; l++) {
    if (cache.x[l].length !== batch * net.sizes[l]) throw new RangeError(`cache.x[${l}] must have length ${batch * net.sizes[l]}; got ${cache.x[l].length}`);
    if (l < L && cache.h[l].length !== batch * net.sizes[l + 1]) throw new RangeError(`cache.h[${l}] must have length ${batch * net.sizes[l + 1]}; got ${cache.h[l].length}`);
  }
}

/**
 * Forward pass of a batch: h[l] = x[l] W[l]ᵀ + 1 b[l]ᵀ, x[l+1] = act_l(h[l]) (rows are samples).
 * `input` is batch × sizes[0], row-major. Reuses `cache` when given (no allocation), else allocates one.
 */
export function mlpForward(net: Mlp, input: Float64Array, batch: number, cache?: MlpCache): MlpCache {
  const sizes = net.sizes;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer; got ${batch}`);
  if (!(input instanceof Float64Array)) throw new TypeError(`input must be a Float64Array (batch × ${sizes[0]}); got ${Object.prototype.toString.call(input)}`);
  if (input.length !== batch * sizes[0]) {
    throw new RangeError(`input must have length batch × sizes[0] = ${batch} × ${sizes[0]} = ${batch * sizes[0]}; got ${input.length}`);
  }
  for (let q = 0; q < input.length; q++) {
    if (!Number.isFinite(input[q])) throw new RangeError(`input[${q}] (sample ${Math.floor(q / sizes[0])}, feature ${q % sizes[0]}) must be finite; got ${input[q]}`);
  }
  const c = cache ?? createMlpCache(net, batch);
  if (cache) checkCache(net, c, batch);
  c.x[0].set(input);
  const L = sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l], nOut = sizes[l + 1];
    const W = net.weights[l];
    if (W.length !== nOut * nIn) throw new RangeError(`weights[${l}] must have length ${nOut} × ${nIn} = ${nOut * nIn}; got ${W.length}`);
    const h = c.h[l], xo = c.x[l + 1];
    matmulNT(c.x[l], W, batch, nOut, nIn, h);
    if (net.bias) {
      const b = net.biases[l];
      if (b.length !== nOut) throw new RangeError(`biases[${l}] must have length ${nOut}; got ${b.length}`);
      for (let s = 0; s < batch; s++) {
        const o = s * nOut;
        for (let i = 0; i < nOut; i++) h[o + i] += b[i];
      }
    }
    const act = net.activations[l];
    const f = act.f;
    for (let q = 0; q < h.length; q++) xo[q] = f(h[q]);
  }
  return c;
}
