import { activations, show, type Activation } from '@neurobridge/core';
import type { Mlp } from '../layered/mlp.js';

/** Names of core's built-in activations (the keys of core's `activations`). */
export type BuiltInActivationName = keyof typeof activations;

const BUILT_IN = Object.keys(activations) as BuiltInActivationName[];

/**
 * The names of a network's activations, for a worker thread: functions cannot be sent to
 * another thread, so only core's built-in activations (the very objects of core's `activations`)
 * can cross, by name, and are mapped back by `activationsFromNames`. A custom activation, even
 * one named like a built-in, gets a TypeError naming it.
 */
export function activationNames(net: Mlp, name = 'net'): BuiltInActivationName[] {
  return net.activations.map((a, k) => {
    const key = BUILT_IN.find((n) => activations[n] === a);
    if (key === undefined) {
      const label = a !== null && typeof a === 'object' && typeof a.name === 'string' ? `a custom activation "${a.name}"` : show(a);
      throw new TypeError(
        `${name}.activations[${k}] must be one of core's built-in activations (${BUILT_IN.join(', ')}) to run on worker threads ` +
        `(functions cannot be sent to another thread); got ${label}`,
      );
    }
    return key;
  });
}

/** Core's built-in activations for `names` (the worker side of `activationNames`). */
export function activationsFromNames(names: readonly string[]): Activation[] {
  return names.map((n, k) => {
    if (!Object.hasOwn(activations, n)) throw new TypeError(`activations[${k}] must be one of ${BUILT_IN.join(', ')}; got ${show(n)}`);
    return activations[n as BuiltInActivationName];
  });
}

/**
 * A worker's side of a call: the network it computes with gets core's activations for `names`,
 * looked up only when they differ from the previous call's (`activationKey`, kept in `state`).
 */
export function useActivationNames(state: { net: Mlp; activationKey: string }, names: readonly string[]): void {
  const key = names.join(',');
  if (key === state.activationKey) return;
  state.net = { ...state.net, activations: activationsFromNames(names) };
  state.activationKey = key;
}
