import type { Activation } from './activations.js';
import { activations, erfDerivative, logistic, logisticDerivative } from './activations.js';
import { tanhArray, tanhDfArray, tanhScaleArray } from './activationKernel.js';
import { erfFn } from './erfFn.js';
import { show } from '../validate.js';

/**
 * The elementwise activation layer: φ, φ' and δ ⊙ φ' over whole arrays, the inner loops of the
 * layered networks (learn's `mlpForward`/`mlpBackward`, the tangent-kernel passes and their
 * thread pools). Each result is, bit for bit, what the activation's own scalar function gives
 * (`act.f`, `act.df`) — the arrays only change how fast it is computed:
 * - the built-in activations (`activations.*`, recognised by identity) run specialised loops with
 *   the formula inlined or its function called directly, never through `act.f`/`act.df`;
 * - tanh, tanh' and δ·tanh' run in WebAssembly SIMD, two elements per f64x2, each lane doing
 *   portableTanh's operations on its tables (activationKernel.ts), or in plain JavaScript where
 *   WebAssembly SIMD is unavailable: the same bits either way;
 * - any other activation (`defineActivation`) keeps the scalar loop over its own `f`/`df`.
 * Accuracy is therefore that of the activations themselves. Measured by test/activationArrays.test.ts
 * on ±2^(k/16) from 5e-324 to 1.7e308 (68 000 values), ±0, ±Infinity, NaN and 40 000 seeded values
 * (ε = 2⁻⁵²; relative errors over normal results):
 * - tanh: max relative error 4.9e-16 (2.2 ε) against Math.tanh;
 * - tanh' = 1 − tanh²: max absolute error 6.7e-16 (3 ε) against 1 − Math.tanh² (absolute: both
 *   cancel as |x| grows);
 * - σ: 4.4e-16 (2.0 ε) against 1/(1 + Math.exp(−x)) (e^x for x < −700); σ' = σ(x)σ(−x): 6.0e-16 (2.7 ε);
 * - erf: 2.3e-16 (1.04 ε) against the mpmath values of test/fixtures/erf.json;
 *   erf' = (2/√π)e^{−x²}: 3.9e-16 (1.8 ε) against the same formula with Math.exp.
 * Sigmoid and erf stay scalar loops: their exponentials are the correctly rounded portableExp,
 * whose rounding test and slow path have no short vector form.
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

// One loop per function, so that each is optimised (and keeps its type feedback) on its own.
// Every loop does the scalar function's operations in the same order, so it gives its bits (the
// tests compare with Object.is on every element).

/** relu.f: Math.max(v, 0) is `v > 0 ? v : v <= 0 ? 0 : NaN` bit for bit (max(−0, +0) = +0 and NaN
 * propagate, ECMA-262 Math.max), without the branch that mispredicts on mixed signs (relu f in
 * bench/activations.bench.mjs: 7.3 → 4.4 ns per element). */
function reluLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = Math.max(x[q], 0);
}
function logisticLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = logistic(x[q]);
}
function squareLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) {
    const v = x[q];
    o[q] = v * v;
  }
}
function erfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = erfFn(x[q]);
}
function scalarLoop(f: (v: number) => number, x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = f(x[q]);
}

function linearDfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = Number.isNaN(x[q]) ? NaN : 1;
}
function reluDfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) {
    const v = x[q];
    o[q] = v > 0 ? 1 : v <= 0 ? 0 : NaN;
  }
}
function logisticDfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = logisticDerivative(x[q]);
}
function squareDfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = 2 * x[q];
}
function erfDfLoop(x: Float64Array, o: Float64Array): void {
  for (let q = 0; q < x.length; q++) o[q] = erfDerivative(x[q]);
}

/** d[q] *= 1 − y[q]², tanh.df(h) = 1 − t·t from y = tanh h. */
function tanhScaleFromYLoop(y: Float64Array, d: Float64Array): void {
  for (let q = 0; q < d.length; q++) {
    const t = y[q];
    d[q] *= 1 - t * t;
  }
}
function linearScaleLoop(h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) d[q] *= Number.isNaN(h[q]) ? NaN : 1;
}
function reluScaleLoop(h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) {
    const v = h[q];
    d[q] *= v > 0 ? 1 : v <= 0 ? 0 : NaN;
  }
}
function logisticScaleLoop(h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) d[q] *= logisticDerivative(h[q]);
}
function squareScaleLoop(h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) d[q] *= 2 * h[q];
}
function erfScaleLoop(h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) d[q] *= erfDerivative(h[q]);
}
function scalarScaleLoop(df: (v: number) => number, h: Float64Array, d: Float64Array): void {
  for (let q = 0; q < h.length; q++) d[q] *= df(h[q]);
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
  if (act === activations.tanh) tanhArray(x, o);
  else if (act === activations.linear) {
    if (o !== x) o.set(x);
  } else if (act === activations.relu) reluLoop(x, o);
  else if (act === activations.sigmoid) logisticLoop(x, o);
  else if (act === activations.square) squareLoop(x, o);
  else if (act === activations.erf) erfLoop(x, o);
  else scalarLoop(act.f, x, o);
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
  if (act === activations.tanh) tanhDfArray(x, o);
  else if (act === activations.linear) linearDfLoop(x, o);
  else if (act === activations.relu) reluDfLoop(x, o);
  else if (act === activations.sigmoid) logisticDfLoop(x, o);
  else if (act === activations.square) squareDfLoop(x, o);
  else if (act === activations.erf) erfDfLoop(x, o);
  else scalarLoop(act.df, x, o);
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
  if (act === activations.tanh) {
    if (y === undefined) tanhScaleArray(h, d);
    else tanhScaleFromYLoop(y, d);
  } else if (act === activations.linear) linearScaleLoop(h, d);
  else if (act === activations.relu) reluScaleLoop(h, d);
  else if (act === activations.sigmoid) logisticScaleLoop(h, d);
  else if (act === activations.square) squareScaleLoop(h, d);
  else if (act === activations.erf) erfScaleLoop(h, d);
  else scalarScaleLoop(act.df, h, d);
  return d;
}
