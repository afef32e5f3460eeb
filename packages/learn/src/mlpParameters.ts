import type { Mlp } from './mlp.js';
import { mlpParameterCount } from './mlp.js';

/**
 * Flat parameter vector θ of a layered network, in the order W[0], b[0], W[1], b[1], … (each W
 * row-major). Used by gradient checks, optimisers and kernels that need θ as one vector.
 */
export function mlpGetParameters(net: Mlp, out?: Float64Array): Float64Array {
  const n = mlpParameterCount(net);
  const theta = out ?? new Float64Array(n);
  if (theta.length !== n) throw new RangeError(`out must have length ${n} (the parameter count); got ${theta.length}`);
  let o = 0;
  for (let l = 0; l < net.weights.length; l++) {
    theta.set(net.weights[l], o); o += net.weights[l].length;
    theta.set(net.biases[l], o); o += net.biases[l].length;
  }
  return theta;
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
  const n = mlpParameterCount(net);
  const g = out ?? new Float64Array(n);
  if (g.length !== n) throw new RangeError(`out must have length ${n} (the parameter count); got ${g.length}`);
  let o = 0;
  for (let l = 0; l < grads.gradW.length; l++) {
    g.set(grads.gradW[l], o); o += grads.gradW[l].length;
    g.set(grads.gradB[l], o); o += grads.gradB[l].length;
  }
  return g;
}
