/**
 * The gain of the low-rank mean field, Gatsby 2021 Q2 Eq. (9):
 *
 *   f(a) = ∫ dz e^{−z²/2}/√(2π) φ'(a z) = E_z[φ'(a z)],      z ~ N(0, 1), a = |m| ≥ 0,
 *
 * and its derivative f'(a) = E_z[z φ''(a z)] (differentiate under the integral).
 *
 * Accuracy:
 * - closed forms (exact up to rounding) for core's `linear` (f = 1), `relu` (f = 1/2 for
 *   every a — φ' is the Heaviside step and P(a z > 0) = 1/2; at a = 0 the value 1/2 is the
 *   limit a → 0⁺, since relu'(0) = 0 is only a convention), `square` (φ' = 2x is odd, f = 0)
 *   and `erf` (φ' = 2/√π e^{−x²}: f(a) = 2/√π · (1 + 2a²)^{−1/2});
 * - any other φ: adaptive Gauss–Kronrod with panel edges at z = ±b/a (b = 1/4 … 64, where φ'
 *   has its features) and QUADPACK error estimate, atol 1e−14, rtol 1e−13, giving |error| ≤ 1e−12 for smooth φ
 *   (tested against closed forms and an independent trapezoid rule for tanh/sigmoid);
 * - non-smooth φ defined by the user (kinks at x = 0 only): z = 0 is always a panel edge, so
 *   a jump of φ' at 0 costs no accuracy; a jump elsewhere is resolved by bisection to about
 *   1e−10 (the panel count is capped at 4000). For f' use `method: 'stein'` (below), which
 *   needs φ' only, since φ'' of a kinked φ misses its delta functions.
 */
import type { Activation } from '@neurobridge/core';
import { activations, nonNegativeNumber, show } from '@neurobridge/core';
import { gaussianExpectationKernel } from './gaussianExpectation.js';
import { activation as checkActivation, optionsWithKeys, orDefault } from '../internal/validate.js';

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π

/** Panel edges in z for an integrand with features at |a z| ~ 1/4 … 64. */
export function gainBreakpoints(a: number): number[] {
  const points = [0, -1, 1, -2, 2, -4, 4];
  if (a > 0) {
    for (const b of [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]) points.push(b / a, -b / a);
  }
  return points;
}

/**
 * Closed form of f(a) for core's activations that have one; undefined otherwise.
 * @category Mean field
 */
export function gainClosedForm(phi: Activation, a: number): number | undefined {
  checkActivation('phi', phi);
  nonNegativeNumber('a', a);
  return closedGain(phi, a);
}

/** {@link gainClosedForm} on validated input. */
function closedGain(phi: Activation, a: number): number | undefined {
  if (phi === activations.linear) return 1;
  if (phi === activations.relu) return 0.5;
  if (phi === activations.square) return 0;
  if (phi === activations.erf) return TWO_OVER_SQRT_PI / Math.sqrt(1 + 2 * a * a);
  return undefined;
}

/**
 * Closed form of f'(a) for core's activations that have one; undefined otherwise.
 * @category Mean field
 */
export function gainDerivativeClosedForm(phi: Activation, a: number): number | undefined {
  checkActivation('phi', phi);
  nonNegativeNumber('a', a);
  return closedGainDerivative(phi, a);
}

/** {@link gainDerivativeClosedForm} on validated input. */
function closedGainDerivative(phi: Activation, a: number): number | undefined {
  if (phi === activations.linear || phi === activations.relu || phi === activations.square) return 0;
  if (phi === activations.erf) {
    const s = 1 + 2 * a * a;
    return (-TWO_OVER_SQRT_PI * 2 * a) / (s * Math.sqrt(s));
  }
  return undefined;
}

/**
 * f(a) = E_z[φ'(a z)], Eq. (9). a ≥ 0 (a is |m|).
 * @category Mean field
 */
export function gain(phi: Activation, a: number): number {
  checkActivation('phi', phi);
  nonNegativeNumber('a', a);
  const closed = closedGain(phi, a);
  if (closed !== undefined) return closed;
  const value = a === 0 ? phi.df(0) : gaussianExpectationKernel((z) => phi.df(a * z), { breakpoints: gainBreakpoints(a) }).value;
  return finiteValue(value, 'phi.df', 'f(a) = E[φ\'(a z)]', a);
}

/** A user φ whose φ' (or φ'') is NaN, infinite or not a number somewhere must not give a NaN gain. */
function finiteValue(value: number, fn: string, what: string, a: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn} must return finite numbers on the range a·z (|z| ≤ 10) that ${what} averages; got ${what.split(' =')[0]} = ${show(value)} at a = ${show(a)}`);
  }
  return value;
}

/**
 * Options of {@link gainDerivative}: how f'(a) = d/da E_z[φ'(a z)] is computed for a φ without a
 * closed form.
 * @category Mean field
 */
export interface GainDerivativeOptions {
  /**
   * 'secondDerivative': f'(a) = E[z φ''(a z)] (needs a correct φ'').
   * 'stein': f'(a) = E[(z² − 1) φ'(a z)]/a — Stein's identity E[z h'(z)] = E[(z² − 1) h(z)]
   * applied to h(z) = φ'(a z); needs φ' only, so it is right for kinked φ, but loses about
   * 1e−16/a absolutely to cancellation for small a.
   * @default 'secondDerivative'
   */
  method?: 'secondDerivative' | 'stein';
}

/**
 * f'(a) = d/da E_z[φ'(a z)] = E_z[z φ''(a z)]. f'(0) = 0 for smooth φ.
 * @category Mean field
 */
export function gainDerivative(phi: Activation, a: number, options: GainDerivativeOptions = {}): number {
  checkActivation('phi', phi);
  nonNegativeNumber('a', a);
  const o = optionsWithKeys('options', options, GAIN_DERIVATIVE_OPTION_KEYS);
  const method: unknown = orDefault(o.method, 'secondDerivative');
  if (typeof method !== 'string') throw new TypeError(`options.method must be 'secondDerivative' or 'stein'; got ${show(method)}`);
  if (method !== 'secondDerivative' && method !== 'stein') {
    throw new RangeError(`options.method must be 'secondDerivative' or 'stein'; got ${JSON.stringify(method)}`);
  }
  const closed = closedGainDerivative(phi, a);
  if (closed !== undefined) return closed;
  if (a === 0) return 0;
  const breakpoints = gainBreakpoints(a);
  if (method === 'stein') {
    return finiteValue(gaussianExpectationKernel((z) => (z * z - 1) * phi.df(a * z), { breakpoints }).value / a, 'phi.df', "f'(a) = E[(z² − 1) φ'(a z)]/a", a);
  }
  return finiteValue(gaussianExpectationKernel((z) => z * phi.d2f(a * z), { breakpoints }).value, 'phi.d2f', "f'(a) = E[z φ''(a z)]", a);
}

/**
 * Above this amplitude f'(a) (≈ −c/a² for a φ' of finite integral c) underflows below the
 * smallest double, so a·f'(a) — which stays ≈ −f(a) — is taken from Stein's identity instead.
 * It is also where |m|² overflows: below it nothing changes.
 */
export const UNDERFLOW_AMPLITUDE = 1e154;

/**
 * a·f'(a), the radial exponent's factor (jacobian.ts, fixedPoints, limitCycles): a times
 * {@link gainDerivative} up to {@link UNDERFLOW_AMPLITUDE}; beyond, Stein's identity
 * a f'(a) = E[(z² − 1) φ'(a z)] with no division by a (the constant gains give 0 exactly).
 */
export function gainDerivativeTimesAmplitude(phi: Activation, a: number): number {
  if (a <= UNDERFLOW_AMPLITUDE) return a * gainDerivative(phi, a);
  if (phi === activations.linear || phi === activations.relu || phi === activations.square) return 0;
  const value = gaussianExpectationKernel((z) => (z * z - 1) * phi.df(a * z), { breakpoints: gainBreakpoints(a) }).value;
  return finiteValue(value, 'phi.df', "a f'(a) = E[(z² − 1) φ'(a z)]", a);
}

/** Every key {@link GainDerivativeOptions} accepts. */
export const GAIN_DERIVATIVE_OPTION_KEYS: readonly (keyof GainDerivativeOptions)[] = ['method'];
