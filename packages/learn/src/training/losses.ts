import { finiteVector, knownKeys, show } from '@neurobridge/core';

/**
 * Per-output losses L(x, t) of a prediction x against a target t, with their derivative ∂L/∂x.
 * A network's loss for one sample is Σ over its outputs; dataset losses average (or sum) that over
 * samples (see `datasetBackward`, `mse`).
 * @category Training
 */
export interface Loss {
  /** the loss's name, used in error messages and in traces (`squaredHalf(x6, t6)`). */
  readonly name: string;
  /** L(x, t). Throws RangeError outside the loss's domain. */
  value(x: number, t: number): number;
  /** ∂L/∂x. Throws RangeError outside the loss's domain. */
  derivative(x: number, t: number): number;
  /** set on the polynomial losses that `backwardExact` can evaluate in rational arithmetic. */
  readonly exactForm?: 'squared' | 'squaredHalf';
}

/**
 * A custom per-output loss for `defineLoss`: its value, its derivative and optionally its domain.
 * @category Training
 */
export interface LossSpec {
  /** a non-empty name for messages and traces. */
  name: string;
  /** L(x, t) of prediction x and target t; must be finite on the domain. */
  value(x: number, t: number): number;
  /** ∂L/∂x at (x, t); must be finite on the domain. */
  derivative(x: number, t: number): number;
  /** returns an error message when (x, t) is outside the domain, else undefined. */
  domain?(x: number, t: number): string | undefined;
}

/**
 * Wraps a custom loss, checking its domain (when given) and that value and derivative are finite.
 * @category Training
 */
export function defineLoss(spec: LossSpec): Loss {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`defineLoss: spec must be an object; got ${String(spec)}`);
  knownKeys('spec', spec, ['name', 'value', 'derivative', 'domain']);
  if (spec.domain !== undefined && typeof spec.domain !== 'function') throw new TypeError(`defineLoss: domain must be a function (x, t) => string | undefined; got ${show(spec.domain)}`);
  if (typeof spec.name !== 'string' || spec.name === '') throw new TypeError(`defineLoss: name must be a non-empty string; got ${String(spec.name)}`);
  for (const key of ['value', 'derivative'] as const) {
    if (typeof spec[key] !== 'function') throw new TypeError(`defineLoss: ${key} must be a function (x, t) => number; got ${typeof spec[key]}`);
  }
  const { name, domain } = spec;
  const check = (x: number, t: number): void => {
    if (typeof x !== 'number' || typeof t !== 'number') throw new TypeError(`${name}: prediction x and target t must be numbers; got x = ${show(x)}, t = ${show(t)}`);
    if (!Number.isFinite(x) || !Number.isFinite(t)) throw new RangeError(`${name}: prediction x and target t must be finite; got x = ${x}, t = ${t}`);
    const msg = domain?.(x, t);
    if (msg !== undefined) throw new RangeError(`${name}: ${msg}`);
  };
  const finite = (v: number, what: string, x: number, t: number): number => {
    if (!Number.isFinite(v)) throw new RangeError(`${name}: ${what} is not finite at x = ${x}, t = ${t}; got ${v}`);
    return v;
  };
  return Object.freeze({
    name,
    value(x: number, t: number) { check(x, t); return finite(spec.value(x, t), 'value', x, t); },
    derivative(x: number, t: number) { check(x, t); return finite(spec.derivative(x, t), 'derivative', x, t); },
  });
}

function tagged(loss: Loss, exactForm: 'squared' | 'squaredHalf'): Loss {
  return Object.freeze({ name: loss.name, value: loss.value, derivative: loss.derivative, exactForm });
}

/**
 * ½(y − x)², seed 000: ∂/∂x = x − y.
 * @category Training
 */
export const squaredHalf: Loss = tagged(defineLoss({
  name: 'squaredHalf',
  value: (x, t) => 0.5 * (t - x) * (t - x),
  derivative: (x, t) => x - t,
}), 'squaredHalf');

/**
 * (x − y)², seed 004's per-sample L: ∂/∂x = 2(x − y).
 * @category Training
 */
export const squared: Loss = tagged(defineLoss({
  name: 'squared',
  value: (x, t) => (x - t) * (x - t),
  derivative: (x, t) => 2 * (x - t),
}), 'squared');

/**
 * Itakura–Saito distance, seed 001 (a): L(x, t) = t/x − ln(t/x) − 1, ∂L/∂x = −t/x² + 1/x = (x − t)/x².
 * Defined for t/x > 0 (the log's argument); the document prints ln(t/n), a slip for ln(t/x).
 * @category Training
 */
export const itakuraSaito: Loss = defineLoss({
  name: 'itakuraSaito',
  value: (x, t) => t / x - Math.log(t / x) - 1,
  derivative: (x, t) => (x - t) / (x * x),
  domain: (x, t) => (x === 0 ? `prediction x must be non-zero (t/x); got x = ${x}` : t / x > 0 ? undefined : `log of a non-positive value: t/x must be > 0; got t = ${t}, x = ${x}`),
});

/**
 * Binary cross-entropy (logistic regression with a sigmoid output): −t ln x − (1 − t) ln(1 − x), x ∈ (0, 1).
 * @category Training
 */
export const binaryCrossEntropy: Loss = defineLoss({
  name: 'binaryCrossEntropy',
  value: (x, t) => -(t > 0 ? t * Math.log(x) : 0) - (t < 1 ? (1 - t) * Math.log(1 - x) : 0),
  derivative: (x, t) => (x - t) / (x * (1 - x)),
  domain: (x, t) => (x > 0 && x < 1 ? (t >= 0 && t <= 1 ? undefined : `target t must be in [0, 1]; got ${t}`) : `prediction x must be in (0, 1) (log of a non-positive value); got ${x}`),
});

/**
 * Mean squared error over a dataset (seed 004): value = (1/N) Σ_n (x_n − y_n)², gradient_n = 2(x_n − y_n)/N.
 * @category Training
 */
export function mse(predictions: ArrayLike<number>, targets: ArrayLike<number>): {
  /** (1/N) Σ_n (x_n − y_n)². */
  value: number;
  /** ∂value/∂x_n = 2(x_n − y_n)/N, length N. */
  gradient: Float64Array;
} {
  const x = finiteVector('predictions', predictions);
  const y = finiteVector('targets', targets);
  const N = x.length;
  if (y.length !== N) throw new RangeError(`mse: targets must have the length of predictions (${N}); got ${targets.length}`);
  if (N === 0) throw new RangeError('mse: predictions must be non-empty; got length 0');
  let s = 0;
  const gradient = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const r = x[n] - y[n];
    if (!Number.isFinite(r)) throw new RangeError(`mse: predictions[${n}] − targets[${n}] overflowed; got ${x[n]} − ${y[n]}`);
    s += r * r;
    gradient[n] = (2 * r) / N;
  }
  return { value: s / N, gradient };
}
