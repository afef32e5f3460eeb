/**
 * Boundary checks of @neurobridge/learn that core's validate.ts does not have (issue 16): entries
 * of a user's array or record read without coercion, and the up-front bounds on memory and steps.
 * Internal (not re-exported): the messages name the caller's parameter, its value and what is allowed.
 */
import { show } from '@neurobridge/core';

/**
 * Largest number of doubles one array of a call may hold: 2^27 = 134 217 728 doubles = 1 GiB.
 * A request beyond it (a huge width, batch or p) is a RangeError before any allocation, in
 * terms of the user's parameters, instead of V8's "Invalid typed array length" or minutes of
 * paging. The largest arrays of the benchmarks and the exam are ≈ 1.7·10⁷ doubles (n = 4096).
 */
export const MAX_ELEMENTS = 2 ** 27;

/**
 * Most parameter values `gradientDescent` keeps with record 'all' ((steps + 1) × parameters, each a
 * property of a record object, tens of bytes): 10⁷, a few hundred MB at most.
 */
export const MAX_RECORDED = 1e7;

/** Largest step count of the iterative solvers (gradientDescent, trainFullBatch, kernelGradientDescent): 10⁷. */
export const MAX_STEPS = 1e7;

/** A finite number read without coercion: TypeError for a non-number ('1', null), RangeError for NaN/±Infinity. */
export function entry(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number; got ${show(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite; got ${show(v)}`);
  return v;
}

/** `count` doubles of one array, at most MAX_ELEMENTS; `what` says how the count follows from the user's parameters. */
export function checkElements(what: string, count: number): void {
  if (!(count <= MAX_ELEMENTS)) {
    throw new RangeError(`${what} = ${count} doubles in one array; at most ${MAX_ELEMENTS} (2^27 doubles = 1 GiB) are allowed`);
  }
}

/** A step count: an integer in [0, MAX_STEPS]. */
export function stepCount(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be an integer; got ${show(v)}`);
  if (!Number.isInteger(v) || v < 0 || v > MAX_STEPS) throw new RangeError(`${name} must be an integer in [0, ${MAX_STEPS}]; got ${show(v)}`);
  return v;
}

/** Own key (not inherited: a parameter named 'constructor' must not find Object.prototype's). */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * Loss growth that counts as divergence of gradient descent: |L_k| > DIVERGENCE_FACTOR · max(1, |L_0|).
 * A descent step with a suitable rate never raises a smooth loss; twelve orders of magnitude above
 * the start (or above 1, for losses that start near 0) is runaway growth, well before overflow (1e308).
 */
export const DIVERGENCE_FACTOR = 1e12;

/** A compiled graph network (from `graphNetwork`), else TypeError: never a property read of undefined. */
export function checkGraphNetwork(net: unknown, name = 'net'): void {
  const n = net as { parameters?: unknown; units?: unknown; inputs?: unknown; outputs?: unknown } | null;
  if (n === null || typeof n !== 'object' || !Array.isArray(n.parameters) || !Array.isArray(n.units) || !Array.isArray(n.inputs) || !Array.isArray(n.outputs)) {
    throw new TypeError(`${name} must be a graph network from graphNetwork(spec); got ${show(net)}`);
  }
}

/** A Loss ({ name, value, derivative }: squared, squaredHalf, … or defineLoss(spec)), else TypeError. */
export function checkLoss(loss: unknown, name = 'loss'): void {
  const l = loss as { value?: unknown; derivative?: unknown } | null;
  if (l === null || typeof l !== 'object' || typeof l.value !== 'function' || typeof l.derivative !== 'function') {
    throw new TypeError(`${name} must be a Loss (squared, squaredHalf, itakuraSaito, binaryCrossEntropy or defineLoss(spec)); got ${show(loss)}`);
  }
}

/** First index of a non-finite entry, or −1 (a separate pass after the work, never inside a hot loop). */
export function firstNonFinite(v: ArrayLike<number>): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}
