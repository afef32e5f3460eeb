/**
 * The amplitudes of the fixed points on an eigenvector, Gatsby 2021 Q2 Eq. (17):
 * all α > 0 with f(α) λ = 1, f the gain of Eq. (9).
 *
 * Search range [α_min, α_max], α_min = 1e−6 (a root below it is the branch merging into
 * m = 0 at λ f(0) = 1, i.e. |λ f(0) − 1| ≲ |f''(0)|·1e−12):
 * - bounded φ with |φ − c| ≤ B (tanh, erf: B = 1; sigmoid: B = 1/2, c = 1/2): Stein's identity
 *   (Eq. 7) gives f(a) = E[z φ(a z)]/a, so |f(a)| ≤ B E|z|/a = B √(2/π)/a and every root obeys
 *   α ≤ |λ| B √(2/π). α_max is that bound ×1.01: no root is missed at the top.
 * - f constant (linear 1, relu 1/2, square 0): no search; λ f = 1 exactly is a continuum.
 * - any other φ: α_max = `maxAmplitude` (default 1000·max(1, |λ|)); roots beyond it are not
 *   searched, and the result says so.
 * The range is scanned with core's findRoots on a grid uniform in log α (240 cells; for
 * tanh with λ = 3 a factor ≈ 1.07 per cell); two roots inside one cell, or a double root where f λ − 1 touches 0
 * without changing sign, are not resolved. Each root is polished by Newton steps on
 * f(α) λ − 1 (using f'), so |f(α) λ − 1| is at rounding level.
 */
import type { Activation } from '@neurobridge/core';
import { activations, findRoots, positiveNumber } from '@neurobridge/core';
import { optionsWithKeys } from '../internal/validate.js';
import { gain, gainDerivative } from './gain.js';

const ALPHA_MIN = 1e-6;
const GRID_SAMPLES = 240;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** sup |φ − c| for core's bounded activations; undefined otherwise. */
function activationBound(phi: Activation): number | undefined {
  if (phi === activations.tanh || phi === activations.erf) return 1;
  if (phi === activations.sigmoid) return 0.5;
  return undefined;
}

/** f for core's activations with a constant gain; undefined otherwise. */
export function constantGain(phi: Activation): number | undefined {
  if (phi === activations.linear) return 1;
  if (phi === activations.relu) return 0.5;
  if (phi === activations.square) return 0;
  return undefined;
}

/** Activations whose f decreases strictly from f(0) = φ'(0) to 0 (φ'' odd, ≤ 0 on x > 0, φ bounded). */
export function decreasingGain(phi: Activation): boolean {
  return phi === activations.tanh || phi === activations.sigmoid || phi === activations.erf;
}

export interface AmplitudeSearch {
  amplitudes: number[];
  /** every α > 0 solves f(α) λ = 1 (constant f with λ f = 1) */
  continuum: boolean;
  range: [number, number];
  /** how the upper end was chosen */
  rangeReason: string;
  /** f at the ends of the range and its extremes over the grid */
  gainAtMin: number;
  gainAtMax: number;
  gainInf: number;
  gainSup: number;
}

/**
 * Options of {@link fixedPoints}, {@link existence} and {@link limitCycles}: where the search for
 * the amplitudes of Eq. (17) ends for activations without a known bound.
 * @category Mean field
 */
export interface AmplitudeOptions {
  /** upper end of the search for activations without a known bound. @default 1000·max(1, |λ|) */
  maxAmplitude?: number;
}

/** Every key {@link AmplitudeOptions} accepts. */
export const AMPLITUDE_OPTION_KEYS: readonly (keyof AmplitudeOptions)[] = ['maxAmplitude'];

/** The options of fixedPoints, existence and limitCycles, checked (unknown keys, maxAmplitude > 0 and finite). */
export function amplitudeOptions(options: AmplitudeOptions | undefined): AmplitudeOptions {
  const o = optionsWithKeys('options', options, AMPLITUDE_OPTION_KEYS);
  return o.maxAmplitude === undefined ? {} : { maxAmplitude: positiveNumber('options.maxAmplitude', o.maxAmplitude) };
}

export function searchAmplitudes(phi: Activation, lambda: number, options: AmplitudeOptions = {}): AmplitudeSearch {
  const constant = constantGain(phi);
  if (constant !== undefined) {
    const continuum = Math.abs(constant * lambda - 1) <= 1e-14;
    return {
      amplitudes: [],
      continuum,
      range: [0, Infinity],
      rangeReason: `f ≡ ${constant} is constant: no search needed`,
      gainAtMin: constant,
      gainAtMax: constant,
      gainInf: constant,
      gainSup: constant,
    };
  }
  const B = activationBound(phi);
  let hi: number;
  let rangeReason: string;
  if (B !== undefined) {
    hi = Math.max(1.01 * Math.abs(lambda) * B * SQRT_2_OVER_PI, 10 * ALPHA_MIN);
    rangeReason = `|φ − c| ≤ ${B}, so |f(a)| ≤ ${B}·√(2/π)/a and every root has α ≤ |λ|·${B}·√(2/π)`;
  } else {
    hi = options.maxAmplitude ?? 1000 * Math.max(1, Math.abs(lambda));
    rangeReason =
      options.maxAmplitude === undefined
        ? `no bound known for φ = ${phi.name}: default cap 1000·max(1, |λ|) (pass maxAmplitude to widen)`
        : `maxAmplitude = ${hi} given`;
  }
  const lo = Math.min(ALPHA_MIN, hi / 10);
  // f on the grid, remembered: findRoots evaluates the same grid points (plus Brent's iterates)
  const seen = new Map<number, number>();
  const gainAt = (u: number): number => {
    let f = seen.get(u);
    if (f === undefined) {
      f = gain(phi, Math.exp(u));
      seen.set(u, f);
    }
    return f;
  };
  const g = (u: number): number => lambda * gainAt(u) - 1;
  const uLo = Math.log(lo);
  const uHi = Math.log(hi);
  const roots = lambda === 0 ? [] : findRoots(g, uLo, uHi, { samples: GRID_SAMPLES });
  let gainInf = Infinity;
  let gainSup = -Infinity;
  for (let k = 0; k <= GRID_SAMPLES; k++) {
    const f = gainAt(k === GRID_SAMPLES ? uHi : uLo + (k * (uHi - uLo)) / GRID_SAMPLES);
    gainInf = Math.min(gainInf, f);
    gainSup = Math.max(gainSup, f);
  }
  const amplitudes = roots.map((u) => polish(phi, lambda, Math.exp(u)));
  return {
    amplitudes,
    continuum: false,
    range: [lo, hi],
    rangeReason,
    gainAtMin: gain(phi, lo),
    gainAtMax: gain(phi, hi),
    gainInf,
    gainSup,
  };
}

/** Newton steps on h(α) = λ f(α) − 1, kept only while |h| decreases. */
function polish(phi: Activation, lambda: number, alpha: number): number {
  let a = alpha;
  let h = lambda * gain(phi, a) - 1;
  for (let it = 0; it < 4 && h !== 0; it++) {
    const dh = lambda * gainDerivative(phi, a);
    if (dh === 0) break;
    const next = a - h / dh;
    if (!(next > 0)) break;
    const hn = lambda * gain(phi, next) - 1;
    if (Math.abs(hn) >= Math.abs(h)) break;
    a = next;
    h = hn;
  }
  return a;
}
