import { choleskyFactor, knownKeys, show, type MatrixInput } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { checkCounts } from './jointWeights.js';
import { checkStimulus, firstNonFiniteFrame, stimulusCovariance, type Stimulus } from './stimulus.js';

/** The non-zero weights of an ensemble (spiking is sparse: most bins have w_t = 0). */
export interface SparseWeights {
  /** frames t with w_t > 0, ascending */
  readonly index: Int32Array;
  /** w_t at those frames */
  readonly value: Float64Array;
  /** Σ_t w_t */
  readonly total: number;
  /** Kish's effective number of samples (Σw)²/Σw² */
  readonly effectiveCount: number;
}

/**
 * Validate weights w_t ≥ 0 (finite, one per frame, positive sum) and keep the non-zero ones.
 * @throws TypeError/RangeError naming the parameter for a wrong length, a negative or
 *   non-finite weight, or all-zero weights.
 */
export function sparseWeights(name: string, weights: ArrayLike<number>, frames: number): SparseWeights {
  const w = ArrayBuffer.isView(weights) ? weights : checkCounts(name, weights, frames); // typed arrays: checked below, not copied
  if (w.length !== frames) throw new RangeError(`${name} must have length ${frames}; got length ${w.length}`);
  let nonZero = 0;
  for (let t = 0; t < frames; t++) {
    const x = w[t];
    if (!(x >= 0 && x < Infinity)) throw new RangeError(`${name}[${t}] must be finite and >= 0; got ${show(x)}`);
    if (x > 0) nonZero++;
  }
  if (nonZero === 0) throw new RangeError(`${name} must have a positive sum (at least one w_t > 0); got all zeros`);
  const index = new Int32Array(nonZero);
  const value = new Float64Array(nonZero);
  let total = 0, squares = 0, max = 0, k = 0;
  for (let t = 0; t < frames; t++) {
    const x = w[t];
    if (x > 0) {
      index[k] = t;
      value[k++] = x;
      total += x;
      squares += x * x;
      if (x > max) max = x;
    }
  }
  if (!Number.isFinite(total)) throw new RangeError(`${name} must have a finite sum; got Σw = ${total} (largest weight ${max}): rescale the weights`);
  return { index, value, total, effectiveCount: effectiveCount(total, squares, value, max) };
}

/** Smallest normal double: below it a sum of squares has lost precision (or is 0). */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Kish's (Σw)²/Σw², as it is when the squares neither overflow nor underflow; otherwise on
 * w/max(w), so that weights near 1e300 or 1e-320 give the same count as weights near 1.
 */
export function effectiveCount(total: number, squares: number, w: ArrayLike<number>, max: number): number {
  if (Number.isFinite(total * total) && Number.isFinite(squares) && squares >= MIN_NORMAL) return (total * total) / squares;
  let s = 0, s2 = 0;
  for (let k = 0; k < w.length; k++) { const x = w[k] / max; s += x; s2 += x * x; }
  return (s * s) / s2;
}

/**
 * Options of spikeTriggeredAverage.
 * @category Spike-triggered analysis
 */
export interface SpikeTriggeredAverageOptions {
  /**
   * Also return the whitened average Σ⁻¹·STA, with Σ the stimulus covariance: 'frames'
   * estimates it from all frames (`stimulusCovariance`), or give Σ (D×D) when it is known by
   * design. For x ~ N(0, Σ) and E[w|x] = F(kᵀx), STA ∝ Σk and Σ⁻¹·STA ∝ k.
   * @default undefined (no whitening)
   */
  readonly whiten?: 'frames' | MatrixInput;
}

/**
 * The weighted STA of spikeTriggeredAverage, with the weights' totals.
 * @category Spike-triggered analysis
 */
export interface SpikeTriggeredAverageResult {
  /** STA = Σ_t w_t x_t / Σ_t w_t (D-vector) */
  readonly sta: Float64Array;
  /** Σ⁻¹·STA, when options.whiten is given */
  readonly whitened?: Float64Array;
  /** Σ_t w_t */
  readonly totalWeight: number;
  /** number of frames with w_t > 0 */
  readonly spikeFrames: number;
  /** (Σw)²/Σw² */
  readonly effectiveCount: number;
}

/**
 * Weighted spike-triggered average STA = Σ_t w_t x_t / Σ_t w_t (Gatsby 2021 Q3.4), over the
 * frames with w_t > 0 only. Optionally whitened by the stimulus covariance (Cholesky solve).
 * @throws RangeError for weights of the wrong length, negative, non-finite or all zero, a
 *   whitening matrix of the wrong size or not positive definite, or a non-finite frame.
 * @category Spike-triggered analysis
 */
export function spikeTriggeredAverage(
  stimulus: Stimulus,
  weights: ArrayLike<number>,
  options?: SpikeTriggeredAverageOptions,
): SpikeTriggeredAverageResult {
  const s = checkStimulus('stimulus', stimulus);
  const opts = knownKeys('options', optionsObject('options', options), ['whiten']);
  const sparse = sparseWeights('weights', weights, s.frames);
  const sta = weightedMean(s, sparse, 0);
  const result = { sta, totalWeight: sparse.total, spikeFrames: sparse.index.length, effectiveCount: sparse.effectiveCount };
  if (opts.whiten === undefined) return result;
  const cov = opts.whiten === 'frames' ? rowsOf(stimulusCovariance(s), s.dim) : opts.whiten;
  if (typeof cov === 'string') throw new RangeError(`options.whiten must be 'frames' or a ${s.dim}×${s.dim} covariance; got ${show(cov)}`);
  return { ...result, whitened: choleskySolve('options.whiten', cov, sta) };
}

/**
 * μ = Σ w_k x_{(t_k + shift) mod T} / Σ w_k over the sparse weights (shift = 0: no shift).
 * @throws RangeError naming the first non-finite frame when μ is not finite.
 */
export function weightedMean(stimulus: Stimulus, sparse: SparseWeights, shift: number): Float64Array {
  const { data, frames, dim } = stimulus;
  const { index, value, total } = sparse;
  const mu = new Float64Array(dim);
  for (let k = 0; k < index.length; k++) {
    let f = index[k] + shift;
    if (f >= frames) f -= frames;
    const o = f * dim, w = value[k];
    for (let i = 0; i < dim; i++) mu[i] += w * data[o + i];
  }
  for (let i = 0; i < dim; i++) {
    mu[i] /= total;
    if (!Number.isFinite(mu[i])) throw new RangeError(`stimulus.data must be finite; frame ${firstNonFiniteFrame(stimulus)} has a non-finite entry`);
  }
  return mu;
}

/**
 * Weighted covariance about μ: C = Σ w_k (x − μ)(x − μ)ᵀ / Σ w_k over the sparse weights
 * (frames shifted circularly by `shift`), row-major D×D. Accumulates the upper triangle
 * only (one rank-1 update per non-zero frame, centred vector in a buffer), then mirrors.
 */
export function weightedCovariance(stimulus: Stimulus, sparse: SparseWeights, shift: number, mu: Float64Array): Float64Array {
  const { data, frames, dim } = stimulus;
  const { index, value, total } = sparse;
  const c = new Float64Array(dim * dim);
  const y = new Float64Array(dim);
  for (let k = 0; k < index.length; k++) {
    let f = index[k] + shift;
    if (f >= frames) f -= frames;
    const o = f * dim, w = value[k];
    for (let i = 0; i < dim; i++) y[i] = data[o + i] - mu[i];
    for (let i = 0; i < dim; i++) {
      const a = w * y[i];
      const r = i * dim;
      for (let j = i; j < dim; j++) c[r + j] += a * y[j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = c[i * dim + j] / total;
      c[i * dim + j] = v;
      c[j * dim + i] = v;
    }
  }
  return c;
}

/** x = Σ⁻¹ b by Σ = L Lᵀ: forward then back substitution. */
export function choleskySolve(name: string, cov: MatrixInput, b: Float64Array): Float64Array {
  const { n, l } = choleskyFactor(cov, name);
  if (n !== b.length) throw new RangeError(`${name} must be ${b.length}×${b.length} to match the stimulus dim; got ${n}×${n}`);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** number[][] rows of a row-major n×n buffer. */
export function rowsOf(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}

/**
 * A dim×dim matrix (number[][] or an ml-matrix Matrix) copied row-major, checked finite and
 * symmetric to 1e-10 relative (as core's symmetricEigen requires).
 */
export function squareRows(name: string, m: MatrixInput, dim: number): Float64Array {
  const rows = Array.isArray(m) ? m : typeof (m as { to2DArray?: unknown }).to2DArray === 'function' ? (m as { to2DArray(): number[][] }).to2DArray() : null;
  if (rows === null) throw new TypeError(`${name} must be a number[][] or an ml-matrix Matrix; got ${show(m)}`);
  if (rows.length !== dim) throw new RangeError(`${name} must be ${dim}×${dim} to match the stimulus dim; got ${rows.length} rows`);
  const a = new Float64Array(dim * dim);
  let scale = 0;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== dim) throw new RangeError(`${name}[${i}] must be an array of length ${dim}; got ${show(row)}`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be a finite number; got ${show(v)}`);
      a[i * dim + j] = v;
      scale = Math.max(scale, Math.abs(v));
    });
  });
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      if (Math.abs(a[i * dim + j] - a[j * dim + i]) > 1e-10 * scale) {
        throw new RangeError(`${name} must be symmetric; got ${name}[${i}][${j}] = ${a[i * dim + j]}, ${name}[${j}][${i}] = ${a[j * dim + i]}`);
      }
    }
  }
  return a;
}
