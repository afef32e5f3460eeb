import type { Activation } from './activations.js';
import { show } from '../validate.js';

/**
 * The elementwise activation layer: φ, φ' and δ ⊙ φ' over whole arrays, the inner loops of the
 * layered networks (learn's `mlpForward`/`mlpBackward`, the tangent-kernel passes and their
 * thread pools). Each result is, bit for bit, what the activation's own scalar function gives
 * (`act.f`, `act.df`) — the arrays only change how fast it is computed.
 */

function checkActivation(act: unknown): asserts act is Activation {
  const a = act as Partial<Activation> | null;
  if (a === null || typeof a !== 'object' || typeof a.f !== 'function' || typeof a.df !== 'function') {
    throw new TypeError(`act must be an Activation { name, f, df, d2f }; got ${show(act)}`);
  }
}

function checkArrays(x: unknown, out: unknown, xName: string, outName: string): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${xName} must be a Float64Array; got ${show(x)}`);
  if (!(out instanceof Float64Array)) throw new TypeError(`${outName} must be a Float64Array; got ${show(out)}`);
  if (out.length !== x.length) throw new RangeError(`${outName} must have the length of ${xName} (${x.length}); got ${out.length}`);
}

/**
 * out[q] = φ(x[q]) for every q (the bits of `act.f`). `out` may be `x` itself (in place).
 * @param act the activation φ
 * @param x the pre-activations h
 * @param out where to write φ(h); allocated when omitted
 * @returns out
 * @category Elementary functions
 */
export function applyActivation(act: Activation, x: Float64Array, out?: Float64Array): Float64Array {
  checkActivation(act);
  const o = out ?? new Float64Array(x instanceof Float64Array ? x.length : 0);
  checkArrays(x, o, 'x', 'out');
  const f = act.f;
  for (let q = 0; q < x.length; q++) o[q] = f(x[q]);
  return o;
}

/**
 * out[q] = φ'(x[q]) for every q (the bits of `act.df`). `out` may be `x` itself (in place).
 * @param act the activation φ
 * @param x the pre-activations h
 * @param out where to write φ'(h); allocated when omitted
 * @returns out
 * @category Elementary functions
 */
export function applyActivationDerivative(act: Activation, x: Float64Array, out?: Float64Array): Float64Array {
  checkActivation(act);
  const o = out ?? new Float64Array(x instanceof Float64Array ? x.length : 0);
  checkArrays(x, o, 'x', 'out');
  const df = act.df;
  for (let q = 0; q < x.length; q++) o[q] = df(x[q]);
  return o;
}

/**
 * d[q] ← d[q] · φ'(h[q]) for every q (the bits of `d[q] * act.df(h[q])`): the backpropagation step
 * δ ⊙ φ'(h). With `y` = φ(h) (the stored activities of the forward pass) tanh takes its derivative
 * as 1 − y², the very bits of `tanh.df(h)`, without evaluating tanh again; other activations ignore `y`.
 * @param act the activation φ
 * @param h the pre-activations
 * @param d the sensitivities δ, scaled in place
 * @param y φ(h), optional
 * @returns d
 * @category Elementary functions
 */
export function scaleByActivationDerivative(act: Activation, h: Float64Array, d: Float64Array, y?: Float64Array): Float64Array {
  checkActivation(act);
  checkArrays(h, d, 'h', 'd');
  if (y !== undefined) checkArrays(h, y, 'h', 'y');
  const df = act.df;
  for (let q = 0; q < h.length; q++) d[q] *= df(h[q]);
  return d;
}
