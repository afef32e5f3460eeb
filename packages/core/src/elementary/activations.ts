import { erfFn } from './erfFn.js';
import { portableExpUnchecked } from './portableMath.js';
import { portableTanh } from './portableTanh.js';
import { knownKeys, show } from '../validate.js';

/**
 * A pointwise nonlinearity ρ with its first two derivatives, as used by the network
 * models (rate ρ(x), gain ρ'(x), curvature ρ''(x)). Objects are frozen.
 * @category Elementary functions
 */
export interface Activation {
  /** Identifier, e.g. 'tanh' (the key in `activations` for the built-in ones); used in messages. */
  readonly name: string;
  /** ρ(x) */
  f(x: number): number;
  /** ρ'(x) */
  df(x: number): number;
  /** ρ''(x) */
  d2f(x: number): number;
}

/**
 * What `defineActivation` needs: a non-empty name and three functions.
 * @category Elementary functions
 */
export interface ActivationSpec {
  /** Non-empty identifier, shown in error messages. */
  name: string;
  /** ρ(x) */
  f: (x: number) => number;
  /** ρ'(x), the derivative of `f` (not checked against it) */
  df: (x: number) => number;
  /** ρ''(x), the second derivative (not checked) */
  d2f: (x: number) => number;
}

/**
 * Validate a spec and return a frozen Activation.
 * @throws TypeError when `name` is not a non-empty string, f, df, d2f are not functions, or a
 *   plain-object spec has another key (a misspelt `d2F` would otherwise be dropped unseen).
 * @category Elementary functions
 */
export function defineActivation(spec: ActivationSpec): Activation {
  if (spec === null || typeof spec !== 'object') {
    throw new TypeError(`spec must be an object { name, f, df, d2f }; got ${show(spec)}`);
  }
  if (Object.getPrototypeOf(spec) === Object.prototype) knownKeys('spec', spec, ['name', 'f', 'df', 'd2f']);
  const { name, f, df, d2f } = spec;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`spec.name must be a non-empty string; got ${show(name)}`);
  }
  for (const [key, fn] of [['f', f], ['df', df], ['d2f', d2f]] as const) {
    if (typeof fn !== 'function') throw new TypeError(`spec.${key} of activation "${name}" must be a function; got ${show(fn)}`);
  }
  return Object.freeze({ name, f, df, d2f });
}

/**
 * ρ(x) = x, ρ' = 1, ρ'' = 0 (NaN in, NaN out).
 * @category Elementary functions
 */
export const linear: Activation = defineActivation({
  name: 'linear',
  f: (x) => x,
  df: (x) => (Number.isNaN(x) ? NaN : 1),
  d2f: (x) => (Number.isNaN(x) ? NaN : 0),
});

/**
 * ρ(x) = tanh x, ρ' = 1 − tanh²x, ρ'' = −2 tanh x (1 − tanh²x), with tanh from
 * {@link portableTanh} (the same bits in every engine; Math.tanh is not).
 * @category Elementary functions
 */
export const tanh: Activation = defineActivation({
  name: 'tanh',
  f: portableTanh,
  df: (x) => {
    const t = portableTanh(x);
    return 1 - t * t;
  },
  d2f: (x) => {
    const t = portableTanh(x);
    return -2 * t * (1 - t * t);
  },
});

/**
 * Logistic σ(x) = 1/(1 + e^{−x}), evaluated without overflow or cancellation:
 * for x ≥ 0 as 1/(1 + e^{−x}), for x < 0 as e^{x}/(1 + e^{x}).
 * Exported for the activation layer (activationArrays.ts), which calls it directly. @internal
 */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + portableExpUnchecked(-x));
  const e = portableExpUnchecked(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)·σ(−x), the `df` of {@link sigmoid} (also called directly by activationArrays.ts). @internal */
export function logisticDerivative(x: number): number {
  return logistic(x) * logistic(-x);
}

/**
 * σ(x) = 1/(1 + e^{−x}); σ' = σ(x)·σ(−x) (not σ(1 − σ), which loses all digits of
 * 1 − σ for x ≳ 37); σ'' = σ'·(σ(−x) − σ(x)) = −σ'·tanh(x/2). Exponentials and tanh are
 * the portable ones: the same bits in every engine.
 * @category Elementary functions
 */
export const sigmoid: Activation = defineActivation({
  name: 'sigmoid',
  f: logistic,
  df: logisticDerivative,
  d2f: (x) => -logistic(x) * logistic(-x) * portableTanh(x / 2),
});

/**
 * ρ(x) = max(0, x). Convention: ρ'(0) = 0 (the subgradient choice of most autodiff
 * libraries; the source exams use the strict step 1{x > 0}), and ρ'' = 0 everywhere
 * (the delta at 0 is dropped). NaN propagates.
 * @category Elementary functions
 */
export const relu: Activation = defineActivation({
  name: 'relu',
  f: (x) => (x > 0 ? x : x <= 0 ? 0 : NaN),
  df: (x) => (x > 0 ? 1 : x <= 0 ? 0 : NaN),
  d2f: (x) => (Number.isNaN(x) ? NaN : 0),
});

/**
 * ρ(z) = z², ρ' = 2z, ρ'' = 2 (the output nonlinearity of the Itakura–Saito network).
 * @category Elementary functions
 */
export const square: Activation = defineActivation({
  name: 'square',
  f: (x) => x * x,
  df: (x) => 2 * x,
  d2f: (x) => (Number.isNaN(x) ? NaN : 2),
});

/** 2/√π */
const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf'(x) = (2/√π) e^{−x²}, the `df` of {@link erf} (also called directly by activationArrays.ts). @internal */
export function erfDerivative(x: number): number {
  return TWO_OVER_SQRT_PI * portableExpUnchecked(-x * x);
}

/**
 * ρ(x) = erf(x) (the plain error function), ρ' = (2/√π) e^{−x²}, ρ'' = −2x·ρ'(x); portable exponentials.
 * @category Elementary functions
 */
export const erf: Activation = defineActivation({
  name: 'erf',
  f: erfFn,
  df: erfDerivative,
  d2f: (x) => {
    const d = TWO_OVER_SQRT_PI * portableExpUnchecked(-x * x);
    return d === 0 ? 0 : -2 * x * d; // d = 0 for |x| > 27.3: avoids ∞·0 = NaN at x = ±∞
  },
});

/**
 * The built-in activations by name.
 * @category Elementary functions
 */
export const activations: Readonly<Record<'linear' | 'tanh' | 'sigmoid' | 'relu' | 'square' | 'erf', Activation>> =
  Object.freeze({ linear, tanh, sigmoid, relu, square, erf });
