// Judges and plot helpers shared by the claim modules of @neurobridge/learn's documents (gatsbyQ4,
// chain, isnet, dis4, inf264). The generic judges live in ../judge.ts; these add the shapes those
// documents need: a maximum discrepancy over many random draws, a vector of exact values, an
// exponent that must fall in a band, and power-law fits drawn on log–log axes.
import { fitPowerLaw, type PowerLawFit } from '@neurobridge/learn';
import { compare, show, type ResultExtras } from '../judge.js';
import type { ClaimResult, Series } from '../types.js';

/**
 * Two methods that must agree: `error` is the largest discrepancy between them (over draws, components,
 * layers), reproduced when error ≤ tol. `expected` and `measured` name the two methods.
 */
export function agreement(expected: string, measured: string, error: number, errorKind: string, tol: number, reason: string, extras: ResultExtras = {}): ClaimResult {
  return {
    expected, measured, error, errorKind, tolerance: tol, toleranceReason: reason,
    verdict: error <= tol ? 'reproduced' : 'failed', ...extras, // NaN fails
  };
}

/** A vector as the report shows it: (v1, v2, …), each to 6 significant digits. */
export function showVector(v: ArrayLike<number>): string {
  return `(${Array.from(v, (x) => show(x)).join(', ')})`;
}

/** A vector claim: reproduced when max_k |measured_k − expected_k| ≤ tol (absolute). */
export function compareVector(expected: ArrayLike<number>, measured: ArrayLike<number>, tol: number, reason: string, extras: ResultExtras = {}): ClaimResult {
  if (expected.length !== measured.length) throw new RangeError(`expected and measured must have the same length; got ${expected.length} and ${measured.length}`);
  let err = 0;
  for (let k = 0; k < expected.length; k++) err = Math.max(err, Math.abs(measured[k] - expected[k]));
  if (Array.from(measured).some((v) => !Number.isFinite(v))) err = NaN;
  return agreement(showVector(expected), showVector(measured), err, 'max absolute difference', tol, reason, extras);
}

/**
 * A measured number that must lie in [lo, hi] (an exponent with a known one-sided correction, …):
 * the error is the distance outside the band (0 inside).
 */
export function inBand(lo: number, hi: number, measured: number, reason: string, extras: ResultExtras = {}): ClaimResult {
  const err = measured < lo ? lo - measured : measured > hi ? measured - hi : Number.isNaN(measured) ? NaN : 0;
  return {
    expected: hi === Infinity ? `≥ ${show(lo)}` : lo === -Infinity ? `≤ ${show(hi)}` : `in [${show(lo)}, ${show(hi)}]`, measured, error: err, errorKind: 'distance outside the band', tolerance: 0,
    toleranceReason: reason, verdict: err === 0 ? 'reproduced' : 'failed', ...extras,
  };
}

/** A fitted exponent against its prediction: |exponent − predicted| ≤ tol. */
export function compareExponent(predicted: number, measured: number, tol: number, reason: string, extras: ResultExtras = {}): ClaimResult {
  return compare(predicted, measured, { abs: tol, reason }, extras);
}

export const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
export const std = (xs: readonly number[]): number => Math.sqrt(xs.reduce((s, v) => s + (v - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));

/** Exponents fitted seed by seed over the same x: their mean and spread. */
export function seedExponents(x: readonly number[], perSeed: readonly (readonly number[])[]): { mean: number; std: number; perSeed: number[] } {
  const e = perSeed.map((y) => fitPowerLaw(x, y).exponent);
  return { mean: mean(e), std: std(e), perSeed: e };
}

/** The points and the fitted line of a power law, as two series of a log–log plot. */
export function powerLawSeries(name: string, x: readonly number[], y: readonly number[], fit: PowerLawFit = fitPowerLaw(x, y)): Series[] {
  return [
    { name, x, y, style: 'points' },
    { name: `${name}: fit slope ${fit.exponent.toFixed(3)}`, x, y: x.map((v) => fit.prefactor * v ** fit.exponent) },
  ];
}

/** The seed means of a quantity over x (one row per seed). */
export function seedMeans(perSeed: readonly (readonly number[])[]): number[] {
  return perSeed[0].map((_, i) => mean(perSeed.map((row) => row[i])));
}
