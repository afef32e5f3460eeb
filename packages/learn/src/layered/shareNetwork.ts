import { sharedFloat64Array } from '@neurobridge/core';
import { checkMlp, type Mlp } from './mlp.js';

/** The array lives on a SharedArrayBuffer (worker threads read it in place). */
export const isShared = (a: Float64Array): boolean => a.buffer instanceof SharedArrayBuffer;

/** Every weight and bias array of the network is on shared memory (a pool can use them without a copy). */
export function sharedNet(net: Pick<Mlp, 'weights' | 'biases' | 'bias'>): boolean {
  return net.weights.every(isShared) && (!net.bias || net.biases.every(isShared));
}

/**
 * Moves a network's weights and biases into shared memory, for the thread pools (`createMlpPool`,
 * `createNtkPool`): each `net.weights[l]` / `net.biases[l]` not already on a SharedArrayBuffer is
 * replaced by a SharedArrayBuffer-backed Float64Array with the same values (the old arrays are no
 * longer the network's). The pools then read (and `trainStep` updates) these arrays in place
 * instead of copying them in. Returns `net`.
 */
export function shareNetwork(net: Mlp): Mlp {
  checkMlp(net);
  const toShared = (a: Float64Array): Float64Array => {
    if (isShared(a)) return a;
    const s = sharedFloat64Array(a.length);
    s.set(a);
    return s;
  };
  for (let k = 0; k < net.weights.length; k++) {
    net.weights[k] = toShared(net.weights[k]);
    if (net.bias) net.biases[k] = toShared(net.biases[k]);
  }
  return net;
}
