import { finiteNumber, integerInRange, portableExp, portableLog, type Rng } from '@neurobridge/core';
import { checkRng } from '../options.js';

/** Below this mean, Poisson counts are drawn by inversion of the CDF; above, by PTRS. */
const POISSON_INVERSION_MAX_MEAN = 10;
/**
 * Largest Poisson mean accepted (counts stay exact integers in a double far beyond it).
 * @category Generation
 */
export const MAX_POISSON_MEAN = 1e15;

const LOG_FACTORIAL_TABLE_SIZE = 256;
/** ½ log 2π, correctly rounded. */
const HALF_LOG_2PI = 0.9189385332046728;
const logFactorialTable = (() => {
  const t = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) t[k] = t[k - 1] + portableLog(k);
  return t;
})();

/**
 * log k! for an integer k ≥ 0: a table (running sums of log i) below 256, above it
 * Stirling's series log k! = (k + ½)log k − k + ½ log 2π + 1/(12k) − 1/(360k³) + 1/(1260k⁵),
 * whose truncation error at k = 256 is below 1/(1680 k⁷) ≈ 8e-21 (relative 6e-24).
 * @category Generation
 */
export function logFactorial(k: number): number {
  return logFactorialOf(integerInRange('k', k, 0));
}

/** logFactorial without the check of k (the samplers' and tests' inner loops). */
export function logFactorialOf(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return logFactorialTable[k];
  const inv = 1 / k, inv2 = inv * inv;
  return (k + 0.5) * portableLog(k) - k + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/**
 * One Poisson(μ) count. Exact in distribution (up to the 53-bit uniforms):
 * - μ < 10: inversion, walking the CDF with p_k = p_{k−1}·μ/k from p_0 = e^{−μ};
 * - μ ≥ 10: Hörmann's transformed rejection with squeeze (PTRS, Insurance: Math. Econ. 12,
 *   1993), the algorithm numpy uses, with the constants printed there.
 * Every logarithm and exponential here is core's portable one (correctly rounded from basic
 * operations), so the same rng gives the same counts in every JavaScript engine.
 * @throws TypeError for an rng that is not createRng's; RangeError for μ < 0, non-finite or
 *   above MAX_POISSON_MEAN.
 * @category Generation
 */
export function poissonCount(rng: Rng, mean: number): number {
  return poissonCountOf(checkRng(rng), mean);
}

/** poissonCount for a generator already checked (per-frame and per-spike loops). */
export function poissonCountOf(rng: Rng, mean: number): number {
  finiteNumber('mean', mean);
  if (!(mean >= 0) || mean > MAX_POISSON_MEAN) throw new RangeError(`mean must be in [0, ${MAX_POISSON_MEAN}]; got ${mean}`);
  if (mean === 0) return 0;
  return mean < POISSON_INVERSION_MAX_MEAN ? poissonInversion(rng, mean) : poissonPtrs(rng, mean);
}

function poissonInversion(rng: Rng, mean: number): number {
  const u = rng.uniform();
  let p = portableExp(-mean);
  let cdf = p;
  let k = 0;
  // the tail beyond k = 100 has probability < 1e-60 for μ < 10; the cap only guards rounding
  while (u > cdf && k < 100) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

function poissonPtrs(rng: Rng, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = portableLog(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (portableLog(v) + portableLog(invAlpha) - portableLog(a / (us * us) + b) <= -mean + k * logMean - logFactorialOf(k)) return k;
  }
}

/**
 * One Gamma(shape, 1) variate: Marsaglia & Tsang (ACM TOMS 26, 2000) for shape ≥ 1,
 * d = shape − 1/3, c = 1/√(9d), accept d·v with v = (1 + c·z)³, z ~ N(0,1), by the squeeze
 * u < 1 − 0.0331 z⁴ or log u < z²/2 + d(1 − v + log v); for shape < 1 the boost
 * Gamma(shape) = Gamma(shape + 1)·U^{1/shape}.
 * @throws TypeError for an rng that is not createRng's; RangeError for shape ≤ 0 or non-finite.
 * @category Generation
 */
export function gammaVariate(rng: Rng, shape: number): number {
  checkRng(rng);
  finiteNumber('shape', shape);
  if (!(shape > 0)) throw new RangeError(`shape must be > 0 and finite; got ${shape}`);
  if (shape < 1) return gammaVariate(rng, shape + 1) * portableExp(portableLog(rng.uniform()) / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * z * z * z * z) return d * v;
    if (portableLog(u) < 0.5 * z * z + d * (1 - v + portableLog(v))) return d * v;
  }
}

/**
 * One exponential variate of mean 1: −log U, U uniform in (0, 1).
 * @category Generation
 */
export function exponentialVariate(rng: Rng): number {
  return exponentialOf(checkRng(rng));
}

/** exponentialVariate for a generator already checked (the Poisson samplers' inner loops). */
export function exponentialOf(rng: Rng): number {
  return -portableLog(rng.uniform());
}
