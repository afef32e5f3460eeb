import { sharedFloat64Array, show } from '@neurobridge/core';
import { checkMlp, type Mlp } from './mlp.js';
import type { MlpGradients } from './mlpBackward.js';

/** The array lives on a SharedArrayBuffer (worker threads read it in place). */
export const isShared = (a: Float64Array): boolean => a.buffer instanceof SharedArrayBuffer;

/** Every weight and bias array of the network is on shared memory (a pool can use them without a copy). */
export function sharedNet(net: Pick<Mlp, 'weights' | 'biases' | 'bias'>): boolean {
  return net.weights.every(isShared) && (!net.bias || net.biases.every(isShared));
}

/** `a` itself when it is on shared memory, else a SharedArrayBuffer-backed copy of it. */
function toShared(a: Float64Array): Float64Array {
  if (isShared(a)) return a;
  const s = sharedFloat64Array(a.length);
  s.set(a);
  return s;
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
  for (let k = 0; k < net.weights.length; k++) {
    net.weights[k] = toShared(net.weights[k]);
    if (net.bias) net.biases[k] = toShared(net.biases[k]);
  }
  return net;
}

/** Every array of gradient buffers is on shared memory (a pool's workers can write them in place). */
export function sharedGradients(g: Pick<MlpGradients, 'gradW' | 'gradB' | 'delta'>): boolean {
  return g.gradW.every(isShared) && g.gradB.every(isShared) && g.delta.every(isShared);
}

/**
 * Moves gradient buffers (`createMlpGradients(net, batch)`, without `dInput`) into shared memory, as
 * `shareNetwork` does for a network: each array not on a SharedArrayBuffer is replaced by a shared
 * copy. Passed as `createMlpPool().gradient`'s `out`, they are written by the workers in place (no
 * copy out of the pool's buffers). Returns `g`.
 */
export function shareGradients(g: MlpGradients): MlpGradients {
  const arrays = (a: unknown): a is Float64Array[] => Array.isArray(a) && a.every((x) => x instanceof Float64Array);
  if (g === null || typeof g !== 'object' || !arrays(g.gradW) || !arrays(g.gradB) || !arrays(g.delta)) {
    throw new TypeError(`gradients must be buffers { gradW, gradB, delta } from createMlpGradients(net, batch); got ${show(g)}`);
  }
  if (g.dInput !== undefined) throw new TypeError('gradients must not have dInput: the pool does not compute ∂L/∂input');
  for (const list of [g.gradW, g.gradB, g.delta]) for (let k = 0; k < list.length; k++) list[k] = toShared(list[k]);
  return g;
}
