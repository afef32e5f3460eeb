import type { Mlp } from './mlp.js';
import { mlpParameterCount } from './mlp.js';

/**
 * Flat parameter vector θ of a layered network, in the order W[0], b[0], W[1], b[1], … (each W
 * row-major). Used by gradient checks, optimisers and kernels that need θ as one vector.
 */
export function mlpGetParameters(net: Mlp, out?: Float64Array): Float64Array {
  return interleave(net, net.weights, net.biases, out);
}

/** Writes θ (layout of `mlpGetParameters`) back into the network's arrays, in place. */
export function mlpSetParameters(net: Mlp, theta: ArrayLike<number>): void {
  const n = mlpParameterCount(net);
  if (theta.length !== n) throw new RangeError(`theta must have length ${n} (the parameter count); got ${theta.length}`);
  let o = 0;
  for (let l = 0; l < net.weights.length; l++) {
    const W = net.weights[l], b = net.biases[l];
    for (let q = 0; q < W.length; q++) W[q] = theta[o++];
    for (let q = 0; q < b.length; q++) b[q] = theta[o++];
  }
}

/** Flattens gradients (layout of `mlpGetParameters`). */
export function mlpFlattenGradients(net: Mlp, grads: { gradW: Float64Array[]; gradB: Float64Array[] }, out?: Float64Array): Float64Array {
  return interleave(net, grads.gradW, grads.gradB, out);
}

/** [W[0], b[0], W[1], b[1], …] copied into one vector of the network's parameter count. */
function interleave(net: Mlp, W: readonly Float64Array[], b: readonly Float64Array[], out?: Float64Array): Float64Array {
  const n = mlpParameterCount(net);
  const flat = out ?? new Float64Array(n);
  if (flat.length !== n) throw new RangeError(`out must have length ${n} (the parameter count); got ${flat.length}`);
  let o = 0;
  for (let l = 0; l < W.length; l++) {
    flat.set(W[l], o); o += W[l].length;
    flat.set(b[l], o); o += b[l].length;
  }
  return flat;
}
