import type { Mlp } from './mlp.js';
import { checkMlp, mlpParameterCount } from './mlp.js';
import { finiteVector, show } from '@neurobridge/core';

/**
 * Flat parameter vector θ of a layered network, in the order W[0], b[0], W[1], b[1], … (each W
 * row-major). Used by gradient checks, optimisers and kernels that need θ as one vector.
 * @category Layered networks
 */
export function mlpGetParameters(net: Mlp, out?: Float64Array): Float64Array {
  checkMlp(net);
  return interleave(net, net.weights, net.biases, out);
}

/**
 * Writes θ (layout of `mlpGetParameters`) back into the network's arrays, in place.
 * @category Layered networks
 */
export function mlpSetParameters(net: Mlp, theta: ArrayLike<number>): void {
  checkMlp(net);
  const n = mlpParameterCount(net);
  // read without coercion and before any write: a bad entry leaves the network untouched
  theta = finiteVector('theta', theta, n);
  let o = 0;
  for (let l = 0; l < net.weights.length; l++) {
    const W = net.weights[l], b = net.biases[l];
    for (let q = 0; q < W.length; q++) W[q] = theta[o++];
    for (let q = 0; q < b.length; q++) b[q] = theta[o++];
  }
}

/**
 * Flattens gradients (layout of `mlpGetParameters`).
 * @category Layered networks
 */
export function mlpFlattenGradients(net: Mlp, grads: { gradW: Float64Array[]; gradB: Float64Array[] }, out?: Float64Array): Float64Array {
  checkMlp(net);
  if (grads === null || typeof grads !== 'object' || !Array.isArray(grads.gradW) || !Array.isArray(grads.gradB)) throw new TypeError(`grads must be { gradW, gradB } from mlpBackward; got ${show(grads)}`);
  return interleave(net, grads.gradW, grads.gradB, out);
}

/** [W[0], b[0], W[1], b[1], …] copied into one vector of the network's parameter count. */
function interleave(net: Mlp, W: readonly Float64Array[], b: readonly Float64Array[], out?: Float64Array): Float64Array {
  const n = mlpParameterCount(net);
  if (out !== undefined && !(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array of length ${n}; got ${show(out)}`);
  if (W.length !== b.length || W.length !== net.weights.length) throw new RangeError(`gradients must have ${net.weights.length} layers; got ${W.length}`);
  W.forEach((w, l) => {
    if (!(w instanceof Float64Array) || w.length !== net.weights[l].length) throw new RangeError(`layer ${l} must be a Float64Array of length ${net.weights[l].length}; got ${show(w)}`);
    const nb = net.bias ? net.sizes[l + 1] : 0;
    if (!(b[l] instanceof Float64Array) || b[l].length !== nb) throw new RangeError(`bias ${l} must be a Float64Array of length ${nb}; got ${show(b[l])}`);
  });
  const flat = out ?? new Float64Array(n);
  if (flat.length !== n) throw new RangeError(`out must have length ${n} (the parameter count); got ${flat.length}`);
  let o = 0;
  for (let l = 0; l < W.length; l++) {
    flat.set(W[l], o); o += W[l].length;
    flat.set(b[l], o); o += b[l].length;
  }
  return flat;
}
