import {
  integerInRange, knownKeys, show, symmetricEigen, type MatrixInput, type Rng,
} from '@neurobridge/core';
import { rowsOf, sparseWeights, squareRows, weightedCovariance, weightedMean, type SparseWeights } from './spikeTriggered.js';
import { checkFiniteCovariance, checkStimulus, stimulusCovariance, type Stimulus } from './stimulus.js';
import { checkRng, optionsObject } from '../options.js';

/**
 * Largest number of shuffles (each costs one weighted covariance and one D×D eigen-decomposition).
 * @category Spike-triggered analysis
 */
export const MAX_SHUFFLES = 10_000;

/**
 * Options of spikeTriggeredCovariance: the prior covariance and the shuffle test.
 * @category Spike-triggered analysis
 */
export interface SpikeTriggeredCovarianceOptions {
  /**
   * The prior (raw stimulus) covariance subtracted from the spike-triggered one: 'frames'
   * estimates it from all frames (`stimulusCovariance`, 1/T), or give it (D×D) when it is
   * known by design (e.g. the identity for white noise). @default 'frames'
   */
  readonly prior?: 'frames' | MatrixInput;
  /** number of circular-shift shuffles for the significance test, 0…MAX_SHUFFLES. @default 0 (no test) */
  readonly shuffles?: number;
  /**
   * q: an eigenvalue is significant when it is above the (1 − q) quantile of the null
   * largest eigenvalue or below the q quantile of the null smallest one. 0 < q < 0.5. @default 0.025
   */
  readonly quantile?: number;
  /**
   * L (bins): shifts are drawn uniformly in [L + 1, T − L − 1], at least L + 1 bins from 0
   * circularly, so no shuffled weight sits on (or within L bins of) its own frame. Use the
   * joint weights' maxLag. Integer ≥ 0. @default 0
   */
  readonly maxLag?: number;
  /** random stream for the shifts; required when shuffles > 0. */
  readonly rng?: Rng;
}

/**
 * One significant eigen-direction.
 * @category Spike-triggered analysis
 */
export interface SignificantDirection {
  /** position in the descending eigenvalue list */
  readonly index: number;
  /** its eigenvalue of ΔC: the change of stimulus variance along it (stimulus units²) */
  readonly value: number;
  /** the unit eigenvector (D-vector) */
  readonly vector: Float64Array;
  /** +1: variance increased along it (above the null largest); −1: decreased */
  readonly sign: 1 | -1;
}

/**
 * The shuffle null: sorted eigenvalue extremes and their quantiles.
 * @category Spike-triggered analysis
 */
export interface ShuffleNull {
  /** number of circular shifts drawn */
  readonly shuffles: number;
  /** largest eigenvalue of each shuffle, ascending */
  readonly largest: Float64Array;
  /** smallest eigenvalue of each shuffle, ascending */
  readonly smallest: Float64Array;
  /** (1 − q) quantile of `largest` */
  readonly upper: number;
  /** q quantile of `smallest` */
  readonly lower: number;
  /** |STA|² of each shuffle, ascending */
  readonly staNormSquared: Float64Array;
  /** (1 − q) quantile of `staNormSquared`: the STA is significant above it */
  readonly staUpper: number;
}

/**
 * The weighted STC of spikeTriggeredCovariance: ΔC and its eigen-decomposition, and, with
 * shuffles, the null distribution and the significant directions.
 * @category Spike-triggered analysis
 */
export interface SpikeTriggeredCovarianceResult {
  /** weighted STA (the mean the covariance is taken about) */
  readonly sta: Float64Array;
  /** ΔC = Σ w (x − STA)(x − STA)ᵀ/Σ w − C_prior, row-major D×D */
  readonly covariance: Float64Array;
  /** C_prior, row-major D×D */
  readonly prior: Float64Array;
  /** eigenvalues of ΔC, descending */
  readonly eigenvalues: Float64Array;
  /** unit eigenvectors (core's symmetricEigen sign convention) */
  readonly eigenvectors: Float64Array[];
  /** Σ_t w_t */
  readonly totalWeight: number;
  /** Kish's effective number of samples (Σw)²/Σw² */
  readonly effectiveCount: number;
  /** present when shuffles > 0 */
  readonly null?: ShuffleNull;
  /** significant directions (empty without a test), largest |deviation| first within each sign */
  readonly significant: SignificantDirection[];
  /** their vectors: the estimated relevant subspace (from the covariance alone) */
  readonly subspace: Float64Array[];
  /** |STA|² above the shuffle null's (1 − q) quantile (false without a test) */
  readonly staSignificant: boolean;
}

/**
 * Weighted spike-triggered covariance (Gatsby 2021 Q3.5):
 *   ΔC = Σ_t w_t (x_t − STA)(x_t − STA)ᵀ / Σ_t w_t − C_prior,
 * normalised by Σw (not Σw − 1: the bias is O(1/N_eff) and the shuffle null shares it), and
 * its eigen-decomposition. Significance by circular shifts of the weights against the
 * stimulus: shifting keeps the weights' own temporal structure (neighbouring joint weights
 * share spikes, so they are dependent) and breaks only their relation to the frames. The
 * test is not nested: every eigenvalue is compared with the null extremes, which controls
 * the family-wise error at ≈ 2q.
 * @throws TypeError/RangeError for bad weights, options, a prior of the wrong size, too
 *   few frames for the shifts (T < 2L + 2), or a missing rng when shuffles > 0.
 * @category Spike-triggered analysis
 */
export function spikeTriggeredCovariance(
  stimulus: Stimulus,
  weights: ArrayLike<number>,
  options?: SpikeTriggeredCovarianceOptions,
): SpikeTriggeredCovarianceResult {
  const s = checkStimulus('stimulus', stimulus);
  const opts = checkOptions(options, s.frames);
  const sparse = sparseWeights('weights', weights, s.frames);
  const prior = priorCovariance(s, opts.prior);
  const sta = weightedMean(s, sparse, 0);
  const covariance = checkFiniteCovariance('stimulus', subtract(weightedCovariance(s, sparse, 0, sta), prior), 'the spike-triggered covariance');
  const { values, vectors } = symmetricEigen(rowsOf(covariance, s.dim));
  const base = { sta, covariance, prior, eigenvalues: values, eigenvectors: vectors, totalWeight: sparse.total, effectiveCount: sparse.effectiveCount };
  if (opts.shuffles === 0) return { ...base, significant: [], subspace: [], staSignificant: false };
  const nullDist = shuffleNull(s, sparse, prior, opts);
  const significant = significantDirections(values, vectors, nullDist);
  const staSignificant = dotSelf(sta) > nullDist.staUpper;
  return { ...base, null: nullDist, significant, subspace: significant.map((d) => d.vector), staSignificant };
}

interface CheckedOptions {
  prior: 'frames' | MatrixInput;
  shuffles: number;
  quantile: number;
  maxLag: number;
  rng?: Rng;
}

function checkOptions(options: SpikeTriggeredCovarianceOptions | undefined, frames: number): CheckedOptions {
  const opts = knownKeys('options', optionsObject('options', options), ['prior', 'shuffles', 'quantile', 'maxLag', 'rng']);
  const shuffles = opts.shuffles === undefined ? 0 : integerInRange('options.shuffles', opts.shuffles, 0, MAX_SHUFFLES);
  const quantile = opts.quantile === undefined ? 0.025 : opts.quantile;
  if (typeof quantile !== 'number') throw new TypeError(`options.quantile must be a number; got ${show(quantile)}`);
  if (!(quantile > 0 && quantile < 0.5)) throw new RangeError(`options.quantile must be in (0, 0.5); got ${show(quantile)}`);
  const maxLag = opts.maxLag === undefined ? 0 : integerInRange('options.maxLag', opts.maxLag, 0);
  if (shuffles > 0 && frames < 2 * maxLag + 2) {
    throw new RangeError(`stimulus.frames must be >= 2·maxLag + 2 = ${2 * maxLag + 2} for shifted shuffles; got ${frames}`);
  }
  const rng = shuffles > 0 ? checkRng(opts.rng, 'options.rng') : undefined;
  return { prior: opts.prior === undefined ? 'frames' : opts.prior, shuffles, quantile, maxLag, rng };
}

function priorCovariance(s: Stimulus, prior: 'frames' | MatrixInput): Float64Array {
  if (prior === 'frames') return stimulusCovariance(s);
  if (typeof prior === 'string') throw new RangeError(`options.prior must be 'frames' or a ${s.dim}×${s.dim} matrix; got ${show(prior)}`);
  if (prior === null || typeof prior !== 'object') throw new TypeError(`options.prior must be 'frames' or a ${s.dim}×${s.dim} matrix; got ${show(prior)}`);
  return squareRows('options.prior', prior, s.dim);
}

function subtract(a: Float64Array, b: Float64Array): Float64Array {
  for (let k = 0; k < a.length; k++) a[k] -= b[k];
  return a;
}

/** Null extremes of the eigenvalues over `shuffles` circular shifts in [L + 1, T − L − 1]. */
function shuffleNull(s: Stimulus, sparse: SparseWeights, prior: Float64Array, opts: CheckedOptions): ShuffleNull {
  const { shuffles, maxLag, quantile } = opts;
  const rng = opts.rng as Rng;
  const span = s.frames - 2 * maxLag - 1;
  const largest = new Float64Array(shuffles);
  const smallest = new Float64Array(shuffles);
  const staNormSquared = new Float64Array(shuffles);
  for (let r = 0; r < shuffles; r++) {
    const shift = maxLag + 1 + rng.int(span);
    const mu = weightedMean(s, sparse, shift);
    staNormSquared[r] = dotSelf(mu);
    const c = checkFiniteCovariance('stimulus', subtract(weightedCovariance(s, sparse, shift, mu), prior), 'a shuffled spike-triggered covariance');
    const { values } = symmetricEigen(rowsOf(c, s.dim));
    largest[r] = values[0];
    smallest[r] = values[values.length - 1];
  }
  largest.sort();
  smallest.sort();
  staNormSquared.sort();
  return {
    shuffles, largest, smallest, upper: quantileOf(largest, 1 - quantile), lower: quantileOf(smallest, quantile),
    staNormSquared, staUpper: quantileOf(staNormSquared, 1 - quantile),
  };
}

/** Linear-interpolation quantile of sorted values (numpy's default, "type 7"). */
export function quantileOf(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function significantDirections(values: Float64Array, vectors: Float64Array[], n: ShuffleNull): SignificantDirection[] {
  const out: SignificantDirection[] = [];
  for (let k = 0; k < values.length && values[k] > n.upper; k++) out.push({ index: k, value: values[k], vector: vectors[k], sign: 1 });
  for (let k = values.length - 1; k >= 0 && values[k] < n.lower; k--) {
    if (out.some((d) => d.index === k)) break;
    out.push({ index: k, value: values[k], vector: vectors[k], sign: -1 });
  }
  return out;
}

function dotSelf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}
