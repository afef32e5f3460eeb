import type { Mlp } from './mlp.js';
import { checkMlp, nonFiniteLayerError } from './mlp.js';
import type { MlpCache } from './mlpForward.js';
import { activations, integerInRange, knownKeys, matmulNN, matmulTN, optionsObject, scaleByActivationDerivative, show } from '@neurobridge/core';
import { checkElements, firstNonFinite } from '../internal/check.js';

/**
 * Gradients of a batch loss Σ_b L_b, summed over the batch.
 * gradW[l]: sizes[l+1] × sizes[l] (same layout as weights[l]); gradB[l]: sizes[l+1] (length 0 without
 * biases); delta[l] = ∂L/∂h[l], batch × sizes[l+1]; dInput (when requested) = ∂L/∂x[0], batch × sizes[0].
 * @category Layered networks
 */
export interface MlpGradients {
  /** ∂L/∂W[l] = δ[l]ᵀ x[l], summed over the batch: sizes[l+1] × sizes[l], layout of `weights[l]`. */
  gradW: Float64Array[];
  /** ∂L/∂b[l] = Σ_b δ[l]_b: length sizes[l+1] (0 without biases). */
  gradB: Float64Array[];
  /** δ[l] = ∂L/∂h[l] per sample, batch × sizes[l+1]. */
  delta: Float64Array[];
  /** ∂L/∂x[0] = δ[0] W[0] per sample, batch × sizes[0]; present only when requested. */
  dInput?: Float64Array;
}

/**
 * Options of `mlpBackward`.
 * @category Layered networks
 */
export interface MlpBackwardOptions {
  /** also compute ∂L/∂input (δ propagated through the first layer). @default false */
  inputGradient?: boolean;
}

/**
 * Allocates gradient buffers for `batch` samples (with `dInput` when `inputGradient`).
 * @category Layered networks
 */
export function createMlpGradients(net: Mlp, batch: number, inputGradient = false): MlpGradients {
  checkMlp(net);
  integerInRange('batch', batch, 1);
  net.sizes.forEach((n, l) => checkElements(`batch × sizes[${l}] = ${batch} × ${n}`, batch * n));
  const L = net.sizes.length - 1;
  const g: MlpGradients = { gradW: [], gradB: [], delta: [] };
  for (let l = 0; l < L; l++) {
    g.gradW.push(new Float64Array(net.sizes[l + 1] * net.sizes[l]));
    g.gradB.push(new Float64Array(net.bias ? net.sizes[l + 1] : 0));
    g.delta.push(new Float64Array(batch * net.sizes[l + 1]));
  }
  if (inputGradient) g.dInput = new Float64Array(batch * net.sizes[0]);
  return g;
}

/**
 * x[l+1] = tanh h[l] from the forward pass when layer l's activation is core's tanh, so that
 * tanh'(h) = 1 − x² needs no second tanh (the very bits of tanh.df(h): mlpForward stored
 * x[l+1] = tanh.f(h[l]), and a cache whose h is not finite never leaves mlpForward); else undefined.
 */
function tanhActivities(net: Mlp, cache: MlpCache, l: number): Float64Array | undefined {
  return net.activations[l] === activations.tanh ? cache.x[l + 1] : undefined;
}

/**
 * Backward pass (backpropagation) for a batch, from ∂L/∂x[L] (`dLdOut`, batch × sizes[L]):
 *   δ[L−1] = dLdOut ⊙ act'_{L−1}(h[L−1]),   δ[l−1] = (δ[l] W[l]) ⊙ act'_{l−1}(h[l−1]),
 *   ∂L/∂W[l] = δ[l]ᵀ x[l] (summed over the batch),   ∂L/∂b[l] = Σ_b δ[l]_b.
 * Reuses `out` when given (its shapes must match), else allocates.
 * @category Layered networks
 */
export function mlpBackward(
  net: Mlp, cache: MlpCache, dLdOut: Float64Array, out?: MlpGradients, options: MlpBackwardOptions = {},
): MlpGradients {
  checkMlp(net);
  const opts = knownKeys('options', optionsObject('options', options), ['inputGradient']);
  if (opts.inputGradient !== undefined && typeof opts.inputGradient !== 'boolean') throw new TypeError(`options.inputGradient must be a boolean; got ${show(opts.inputGradient)}`);
  if (cache === null || typeof cache !== 'object' || !Array.isArray(cache.h) || !Array.isArray(cache.x)) throw new TypeError(`cache must be the MlpCache of mlpForward(net, …); got ${show(cache)}`);
  const sizes = net.sizes;
  const L = sizes.length - 1;
  const batch = cache.batch;
  if (!(dLdOut instanceof Float64Array)) throw new TypeError(`dLdOut must be a Float64Array (batch × ${sizes[L]}); got ${Object.prototype.toString.call(dLdOut)}`);
  if (dLdOut.length !== batch * sizes[L]) {
    throw new RangeError(`dLdOut must have length batch × sizes[L] = ${batch} × ${sizes[L]} = ${batch * sizes[L]}; got ${dLdOut.length}`);
  }
  for (let q = 0; q < dLdOut.length; q++) {
    if (!Number.isFinite(dLdOut[q])) throw new RangeError(`dLdOut[${q}] must be finite; got ${dLdOut[q]}`);
  }
  if (cache.h.length !== L || cache.x.length !== L + 1) {
    throw new RangeError(`cache does not match the network: expected ${L} layers; got ${cache.h.length}`);
  }
  for (let l = 0; l <= L; l++) {
    if (cache.x[l]?.length !== batch * sizes[l]) throw new RangeError(`cache.x[${l}] must have length ${batch * sizes[l]}; got ${cache.x[l]?.length}`);
    if (l < L && cache.h[l]?.length !== batch * sizes[l + 1]) throw new RangeError(`cache.h[${l}] must have length ${batch * sizes[l + 1]}; got ${cache.h[l]?.length}`);
  }
  const wantInput = opts.inputGradient ?? (out?.dInput !== undefined);
  const g = out ?? createMlpGradients(net, batch, wantInput);
  if (g.delta.length !== L || g.gradW.length !== L || g.gradB.length !== L) throw new RangeError(`out must have ${L} layers of gradients; got ${g.delta.length}`);
  for (let l = 0; l < L; l++) {
    if (g.delta[l].length !== batch * sizes[l + 1]) throw new RangeError(`out.delta[${l}] must have length ${batch * sizes[l + 1]}; got ${g.delta[l].length}`);
    if (g.gradW[l].length !== sizes[l + 1] * sizes[l]) throw new RangeError(`out.gradW[${l}] must have length ${sizes[l + 1] * sizes[l]}; got ${g.gradW[l].length}`);
    if (g.gradB[l].length !== (net.bias ? sizes[l + 1] : 0)) throw new RangeError(`out.gradB[${l}] must have length ${net.bias ? sizes[l + 1] : 0}; got ${g.gradB[l].length}`);
  }
  if (wantInput && !g.dInput) g.dInput = new Float64Array(batch * sizes[0]);
  if (g.dInput && g.dInput.length !== batch * sizes[0]) throw new RangeError(`out.dInput must have length ${batch * sizes[0]}; got ${g.dInput.length}`);

  // δ of the output layer, dLdOut ⊙ act'(h) (core's activation layer: the bits of dLdOut[q] * act.df(h[q]);
  // for tanh from the stored activities x = tanh h as 1 − x², the bits of tanh.df(h))
  g.delta[L - 1].set(dLdOut);
  scaleByActivationDerivative(net.activations[L - 1], cache.h[L - 1], g.delta[L - 1], tanhActivities(net, cache, L - 1));
  for (let l = L - 1; l >= 0; l--) {
    const nIn = sizes[l], nOut = sizes[l + 1];
    const d = g.delta[l];
    // ∂L/∂W[l] = δ[l]ᵀ x[l]: (batch × nOut)ᵀ (batch × nIn) → nOut × nIn
    matmulTN(d, cache.x[l], nOut, nIn, batch, g.gradW[l]);
    if (net.bias) {
      const gb = g.gradB[l];
      gb.fill(0);
      for (let s = 0; s < batch; s++) {
        const o = s * nOut;
        for (let i = 0; i < nOut; i++) gb[i] += d[o + i];
      }
    }
    if (l > 0) {
      // δ[l−1] = (δ[l] W[l]) ⊙ act'(h[l−1]): (batch × nOut)(nOut × nIn)
      const dPrev = g.delta[l - 1], h = cache.h[l - 1];
      matmulNN(d, net.weights[l], batch, nIn, nOut, dPrev);
      scaleByActivationDerivative(net.activations[l - 1], h, dPrev, tanhActivities(net, cache, l - 1));
    } else if (g.dInput) {
      matmulNN(d, net.weights[0], batch, nIn, nOut, g.dInput);
    }
  }
  // one scan of each δ (batch × sizes[l+1], a 1/sizes[l] fraction of the products) after the pass
  for (let l = L - 1; l >= 0; l--) {
    if (firstNonFinite(g.delta[l]) < 0) continue;
    if (firstNonFinite(cache.h[l]) >= 0) {
      throw new RangeError(`cache.h[${l}] must hold the finite pre-activations of mlpForward(net, …); δ[${l}] came out non-finite`);
    }
    if (l === L - 1) throw new RangeError(`δ[${l}] = dLdOut ⊙ act'(h[${l}]) overflowed with finite dLdOut and cache: dLdOut is too large for double precision`);
    throw nonFiniteLayerError(net, l + 1, 'the backpropagated δ');
  }
  if (g.dInput && firstNonFinite(g.dInput) >= 0) throw nonFiniteLayerError(net, 0, 'the input gradient');
  return g;
}
