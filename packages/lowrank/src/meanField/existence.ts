/**
 * Existence of the fixed points α v_k of Eq. (10), Gatsby 2021 Q2 part 3: for each eigenvalue
 * λ_k of C, does f(α) λ_k = 1 (Eq. 17) have a solution α > 0, and why.
 *
 * The answer is read off the range of f on (0, ∞):
 * - tanh, sigmoid, erf: f decreases strictly from f(0) = φ'(0) to 0 (φ'' is odd and ≤ 0 for
 *   x > 0, so f'(a) = E[z φ''(a z)] < 0; φ is bounded, so f(a) ≤ B√(2/π)/a → 0). Exactly one
 *   solution iff λ_k > 1/φ'(0): λ_k > 1 for tanh, > 4 for sigmoid, > √π/2 for erf.
 * - linear, relu, square: f is constant (1, 1/2, 0): no isolated solution; a continuum when
 *   λ_k f = 1 exactly.
 * - any other φ: the roots found on the search range of amplitudes.ts; the reason quotes the
 *   range of f seen there (f need not be monotonic: there can be several solutions).
 * - complex λ_k: no real eigenvector, no fixed point on it (see limitCycles).
 *
 * Note (a tension in the exam): Eq. (3) forces ‖C‖₂ ≤ 1, hence |λ_k| ≤ 1, so with φ = tanh no
 * λ_k satisfies λ_k > 1 — a network built exactly as in Eq. (3) has no nontrivial fixed point
 * for tanh. The mean field itself is defined for any C (see sampleNetwork's xiScale).
 */
import type { Activation } from '@neurobridge/core';
import { amplitudeOptions, constantGain, decreasingGain, searchAmplitudes, type AmplitudeOptions } from './amplitudes.js';
import { gain } from './gain.js';
import type { ComplexNumber } from './fixedPoints.js';
import { spectrum } from './spectrum.js';
import { activation, checkRank, MAX_ANALYSIS_RANK, squareMatrix } from '../internal/validate.js';

/**
 * The answer of {@link existence} for one eigenvalue λ_k of C: the amplitudes α > 0 with
 * f(α) λ_k = 1 (Eq. 17), if any, and why.
 * @category Mean field
 */
export interface ExistenceEntry {
  /** index in the spectrum (real part descending) */
  k: number;
  /** λ_k; im ≠ 0 for a complex eigenvalue, which has no fixed point */
  lambda: ComplexNumber;
  /** whether at least one isolated α > 0 with f(α) λ_k = 1 exists */
  exists: boolean;
  /** the amplitudes α (empty when none) */
  amplitudes: number[];
  /** λ_k f = 1 for every α (constant f): a continuum of fixed points */
  continuum: boolean;
  /** f(0⁺), and the extremes of f over the searched range */
  gainRange: {
    /** f(0⁺), the gain of Eq. (9) at m = 0 */
    atZero: number;
    /** smallest f on the searched grid (NaN for a complex λ_k) */
    inf: number;
    /** largest f on the searched grid (NaN for a complex λ_k) */
    sup: number;
    /** [α_min, α_max] of the search (amplitudes.ts); [0, ∞] for a constant f, [0, 0] for a complex λ_k */
    searched: [number, number];
  };
  /** one sentence: why */
  reason: string;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(6));

/**
 * For each eigenvalue λ_k of C (real part descending), whether f(α) λ_k = 1 (Eq. 17) has a
 * solution α > 0, the solutions, and one sentence saying why (Q2 part 3). C is p × p (rows),
 * p ≤ 100; `options.maxAmplitude` bounds the search for activations without a known bound.
 * @category Mean field
 */
export function existence(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  options: AmplitudeOptions = {},
): ExistenceEntry[] {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  checkRank('C', p, MAX_ANALYSIS_RANK);
  const checkedOptions = amplitudeOptions(options);
  const { entries } = spectrum(data, p);
  const f0 = gain(phi, 0);
  return entries.map((e, k) => {
    const lambda = { re: e.re, im: e.im };
    if (!e.real) {
      return {
        k, lambda, exists: false, amplitudes: [], continuum: false,
        gainRange: { atZero: f0, inf: NaN, sup: NaN, searched: [0, 0] as [number, number] },
        reason: `λ = ${fmt(e.re)} ± ${fmt(Math.abs(e.im))}i is complex: no real eigenvector, so no fixed point on it (see limitCycles)`,
      };
    }
    const s = searchAmplitudes(phi, e.re, checkedOptions);
    const gainRange = { atZero: f0, inf: s.gainInf, sup: s.gainSup, searched: s.range };
    const base = { k, lambda, amplitudes: s.amplitudes, continuum: s.continuum, gainRange };
    const c = constantGain(phi);
    let reason: string;
    if (c !== undefined) {
      reason = s.continuum
        ? `f ≡ ${c} (${phi.name}) and λ f = 1 exactly: every α > 0 is a fixed point (a continuum, none isolated)`
        : `f ≡ ${c} (${phi.name}) is constant, so f(α) λ = 1 needs λ = ${c === 0 ? '∞' : fmt(1 / c)} exactly; λ = ${fmt(e.re)}: none`;
    } else if (decreasingGain(phi)) {
      const threshold = 1 / f0;
      reason =
        `f decreases strictly from f(0) = ${fmt(f0)} to 0 on (0, ∞) (${phi.name}), so f(α) λ = 1 has one solution iff λ > ${fmt(threshold)}; ` +
        `λ = ${fmt(e.re)}: ${e.re > threshold ? `yes, α = ${fmt(s.amplitudes[0] ?? NaN)}` : 'none'}`;
    } else {
      const target = e.re === 0 ? Infinity : 1 / e.re;
      reason =
        `f ranges over [${fmt(s.gainInf)}, ${fmt(s.gainSup)}] on α ∈ [${s.range[0]}, ${fmt(s.range[1])}] (${s.rangeReason}); ` +
        `f(α) = 1/λ = ${fmt(target)}: ${s.amplitudes.length} solution(s)` +
        (s.amplitudes.length > 0 ? ` at α = ${s.amplitudes.map(fmt).join(', ')}` : '');
    }
    return { ...base, exists: s.amplitudes.length > 0, reason };
  });
}
