import { functionArg, integerInRange, knownKeys, nonNegativeNumber, show } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import type { Nonlinearity } from './lnModel.js';

/**
 * Options of jointWeights.
 * @category Spike-triggered analysis
 */
export interface JointWeightsOptions {
  /**
   * L, the largest lag t′ − t (bins) of a pair (t ≤ t′) whose joint count is associated with
   * x_{t′}: how far back the stimulus frame "looks". Integer ≥ 0; 0 keeps only simultaneous
   * pairs (the JPSTH diagonal, w = n1·n2).
   */
  readonly maxLag: number;
}

/**
 * Weights of the exam's joint spike-triggered ensemble (Gatsby 2021 Q3, "weighted
 * spike-triggered ensemble"): x_{t′} is associated with every pair of spikes at t ≤ t′,
 * t′ − t ≤ L, one from each cell, so its weight is the sum of the JPSTH bins it serves:
 *   w_{t′} = n2_{t′}·Σ_{d=0}^{L} n1_{t′−d} + n1_{t′}·Σ_{d=0}^{L} n2_{t′−d} − n1_{t′}·n2_{t′}
 * (d = 0 counted once; n_s = 0 for s < 0). O(T) with running window sums; exact for integer
 * counts below 2^26 per bin (all products and sums are integers < 2^53).
 * @throws TypeError/RangeError for counts that are not arrays of finite numbers ≥ 0, of
 *   different lengths, or a maxLag that is not an integer ≥ 0.
 * @category Spike-triggered analysis
 */
export function jointWeights(counts1: ArrayLike<number>, counts2: ArrayLike<number>, options: JointWeightsOptions): Float64Array {
  const opts = knownKeys('options', optionsObject('options', options), ['maxLag']);
  const lag = integerInRange('options.maxLag', opts.maxLag, 0);
  const n1 = checkCounts('counts1', counts1, undefined, MAX_EXACT_COUNT);
  const n2 = checkCounts('counts2', counts2, n1.length, MAX_EXACT_COUNT);
  const T = n1.length;
  const w = new Float64Array(T);
  let s1 = 0; // Σ_{d=0}^{L} n1_{t−d}
  let s2 = 0;
  for (let t = 0; t < T; t++) {
    s1 += n1[t];
    s2 += n2[t];
    if (t > lag) {
      s1 -= n1[t - lag - 1];
      s2 -= n2[t - lag - 1];
    }
    w[t] = n2[t] * s1 + n1[t] * s2 - n1[t] * n2[t];
  }
  return w;
}

/**
 * Weights of the simpler ensemble of Gatsby 2021 Q3.6: w_t = n1_t + n2_t (spikes of both cells).
 * @category Spike-triggered analysis
 */
export function summedWeights(counts1: ArrayLike<number>, counts2: ArrayLike<number>): Float64Array {
  const n1 = checkCounts('counts1', counts1);
  const n2 = checkCounts('counts2', counts2, n1.length);
  const w = new Float64Array(n1.length);
  for (let t = 0; t < w.length; t++) w[t] = n1[t] + n2[t];
  return w;
}

/**
 * Options of expectedJointWeight: the two cells' LN nonlinearities on the shared projections,
 * their mean counts per bin and the lag L of the ensemble.
 * @category Spike-triggered analysis
 */
export interface ExpectedJointWeightOptions {
  /** f1: cell 1's expected count per bin as a function of the joint projections u. */
  readonly rate1: Nonlinearity;
  /** f2: cell 2's expected count per bin, same projections. */
  readonly rate2: Nonlinearity;
  /** r1 = E[f1(Kᵀx)], the mean count per bin of cell 1 (e.g. by `predictSpikeTriggered`). */
  readonly meanRate1: number;
  /** r2 = E[f2(Kᵀx)]. */
  readonly meanRate2: number;
  /** L, as in `jointWeights`. */
  readonly maxLag: number;
}

/**
 * E[w_{t′} | x_{t′}] for the joint weights when the frames are iid and the cells are
 * conditionally independent Poisson given the stimulus (t′ ≥ L):
 *   F(u) = f1(u)·f2(u) + L·(r1·f2(u) + r2·f1(u)),
 * since n1_{t′−d} (d ≥ 1) depends only on x_{t′−d}, independent of x_{t′}: E = r1. The
 * lagged pairs thus add the single-cell rates, weighted by the other cell's mean rate.
 * @category Spike-triggered analysis
 */
export function expectedJointWeight(options: ExpectedJointWeightOptions): Nonlinearity {
  const opts = knownKeys('options', optionsObject('options', options), ['rate1', 'rate2', 'meanRate1', 'meanRate2', 'maxLag']);
  const f1 = functionArg('options.rate1', opts.rate1 as Nonlinearity);
  const f2 = functionArg('options.rate2', opts.rate2 as Nonlinearity);
  const r1 = nonNegativeNumber('options.meanRate1', opts.meanRate1);
  const r2 = nonNegativeNumber('options.meanRate2', opts.meanRate2);
  const L = integerInRange('options.maxLag', opts.maxLag, 0);
  return (u) => {
    const a = checkRate('options.rate1', f1(u));
    const b = checkRate('options.rate2', f2(u));
    return a * b + L * (r1 * b + r2 * a);
  };
}

function checkRate(name: string, r: unknown): number {
  if (typeof r !== 'number' || !(r >= 0) || r === Infinity) throw new RangeError(`${name} must return a finite value >= 0; got ${show(r)}`);
  return r;
}

/** Counts up to 2^26 keep every product and window sum of jointWeights an exact integer < 2^53. */
const MAX_EXACT_COUNT = 2 ** 26;
/** Longest JavaScript array (2³² − 1): a longer `length` is not an array's. */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * Spike counts or weights: an array-like of finite numbers ≥ 0 (of length `length` when
 * given), copied to a Float64Array.
 */
export function checkCounts(name: string, value: unknown, length?: number, max = Infinity): Float64Array {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array-like of finite numbers >= 0; got ${show(value)}`);
  }
  const v = value as ArrayLike<unknown>;
  integerInRange(`${name}.length`, v.length, 0, MAX_ARRAY_LENGTH);
  if (length !== undefined && v.length !== length) throw new RangeError(`${name} must have length ${length}; got length ${v.length}`);
  const out = new Float64Array(v.length);
  for (let t = 0; t < v.length; t++) {
    const x = v[t];
    if (typeof x !== 'number') throw new TypeError(`${name}[${t}] must be a number; got ${show(x)}`);
    if (!(x >= 0) || x === Infinity) throw new RangeError(`${name}[${t}] must be finite and >= 0; got ${show(x)}`);
    if (x > max) throw new RangeError(`${name}[${t}] must be <= ${max} (2^26: the joint weights are exact products of counts); got ${x}`);
    out[t] = x;
  }
  return out;
}
