import {
  choleskyFactor, integerInRange, knownKeys, matmulTN, show, type MatrixInput, type Rng,
} from '@neurobridge/core';
import { checkRng, optionsObject } from '../options.js';

/**
 * A stimulus ensemble: `frames` vectors x_t ∈ R^dim, row-major (x_t[i] = data[t·dim + i]).
 * @category Spike-triggered analysis
 */
export interface Stimulus {
  /** the frames, row-major: T·D values, frame t at data[t·D … t·D + D − 1] */
  readonly data: Float64Array;
  /** number of time bins T */
  readonly frames: number;
  /** dimension D of each frame */
  readonly dim: number;
}

/**
 * Largest frames × dim accepted (1e9 doubles = 8 GB): larger requests are rejected up front
 * instead of failing inside the allocator or running for hours.
 * @category Spike-triggered analysis
 */
export const MAX_STIMULUS_VALUES = 1e9;

/**
 * Options of gaussianStimulus: the size of the ensemble, its covariance and the stream.
 * @category Spike-triggered analysis
 */
export interface GaussianStimulusOptions {
  /** number of frames T (time bins), integer ≥ 1. */
  readonly frames: number;
  /** dimension D of each frame, integer ≥ 1. */
  readonly dim: number;
  /**
   * covariance Σ (D×D, symmetric positive definite) of each frame; frames are iid N(0, Σ).
   * @default the identity (white noise)
   */
  readonly covariance?: MatrixInput;
  /** the random stream (`createRng` of @neurobridge/core). */
  readonly rng: Rng;
}

/**
 * iid Gaussian frames x_t ~ N(0, Σ), t = 0…T−1: white (Σ = I) uses rng.normals(T·D) in
 * order; correlated uses x_t = L z_t with Σ = L Lᵀ (Cholesky) and z_t = the next D normals.
 * Bit-identical for the same rng state.
 * @throws TypeError for unknown option keys or a missing rng; RangeError for a bad
 *   frames/dim, frames·dim > MAX_STIMULUS_VALUES, or a Σ that is not D×D positive definite.
 * @category Spike-triggered analysis
 */
export function gaussianStimulus(options: GaussianStimulusOptions): Stimulus {
  const opts = knownKeys('options', optionsObject('options', options), ['frames', 'dim', 'covariance', 'rng']);
  const frames = integerInRange('options.frames', opts.frames, 1);
  const dim = integerInRange('options.dim', opts.dim, 1);
  checkSize(frames, dim);
  const rng = checkRng(opts.rng, 'options.rng');
  const data = new Float64Array(frames * dim);
  if (opts.covariance === undefined) return { data: rng.normals(frames * dim, data), frames, dim };
  const { n, l } = choleskyFactor(opts.covariance, 'options.covariance');
  if (n !== dim) throw new RangeError(`options.covariance must be ${dim}×${dim} to match options.dim; got ${n}×${n}`);
  const z = new Float64Array(dim);
  for (let t = 0; t < frames; t++) {
    rng.normals(dim, z);
    const o = t * dim;
    for (let i = 0; i < dim; i++) {
      let acc = 0;
      for (let k = 0; k <= i; k++) acc += l[i * dim + k] * z[k];
      data[o + i] = acc;
    }
  }
  return { data, frames, dim };
}

/**
 * Exponential spatial correlation Σ_ij = ρ^|i−j| (an AR(1) profile), 0 ≤ ρ < 1: positive
 * definite with det Σ = (1 − ρ²)^{D−1}.
 * @category Spike-triggered analysis
 */
export function exponentialCorrelation(dim: number, rho: number): number[][] {
  integerInRange('dim', dim, 1, 1e4);
  if (typeof rho !== 'number') throw new TypeError(`rho must be a number; got ${show(rho)}`);
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`rho must be in [0, 1); got ${show(rho)}`);
  return Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => rho ** Math.abs(i - j)));
}

/**
 * Delay embedding of a scalar signal s: x_t = (s_t, s_{t−1}, …, s_{t−D+1}), with s_τ = 0 for
 * τ < 0, so that the frame at t "looks back" D − 1 bins (the exam's x_{t′} that also covers
 * the earlier time t). Consecutive frames overlap: they are not independent.
 * @category Spike-triggered analysis
 */
export function delayEmbed(signal: ArrayLike<number>, dim: number): Stimulus {
  if (signal === null || typeof signal !== 'object' || typeof signal.length !== 'number') {
    throw new TypeError(`signal must be an array-like of finite numbers; got ${show(signal)}`);
  }
  const frames = integerInRange('signal.length', signal.length, 1);
  integerInRange('dim', dim, 1);
  if (frames * dim > MAX_STIMULUS_VALUES) throw new RangeError(`signal.length·dim must be <= ${MAX_STIMULUS_VALUES}; got ${frames}·${dim} = ${frames * dim}`);
  const s = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const v = signal[t];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`signal[${t}] must be a finite number; got ${show(v)}`);
    s[t] = v;
  }
  const data = new Float64Array(frames * dim);
  for (let t = 0; t < frames; t++) {
    const o = t * dim;
    for (let i = 0; i < dim && i <= t; i++) data[o + i] = s[t - i];
  }
  return { data, frames, dim };
}

/**
 * Validate a Stimulus given by the caller: integer frames, dim ≥ 1, data a Float64Array of
 * length frames·dim. The entries are not scanned here (O(T·D)); the functions that use
 * them check their results and then name the first non-finite frame.
 */
export function checkStimulus(name: string, value: unknown): Stimulus {
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be a Stimulus { data, frames, dim }; got ${show(value)}`);
  const s = value as Partial<Stimulus>;
  const frames = integerInRange(`${name}.frames`, s.frames, 1);
  const dim = integerInRange(`${name}.dim`, s.dim, 1);
  checkSize(frames, dim, name);
  if (!(s.data instanceof Float64Array)) throw new TypeError(`${name}.data must be a Float64Array; got ${show(s.data)}`);
  if (s.data.length !== frames * dim) {
    throw new RangeError(`${name}.data must have length frames·dim = ${frames * dim}; got length ${s.data.length}`);
  }
  return { data: s.data, frames, dim };
}

/** Index of the first frame with a non-finite entry, or −1. */
export function firstNonFiniteFrame(stimulus: Stimulus): number {
  const { data, dim } = stimulus;
  for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) return Math.floor(k / dim);
  return -1;
}

function checkSize(frames: number, dim: number, name = 'options'): void {
  if (frames * dim > MAX_STIMULUS_VALUES) {
    throw new RangeError(`${name}: frames·dim must be <= ${MAX_STIMULUS_VALUES}; got ${frames}·${dim} = ${frames * dim}`);
  }
}

/** Frames per chunk of the centred path of `stimulusCovariance` (one k-chunk of core's matmul). */
const COVARIANCE_CHUNK = 256;
/**
 * The one-pass form XᵀX/T − m mᵀ is used when every offset is within this many standard
 * deviations (m_i² ≤ OFFSET_LIMIT²·C_ii): its rounding error is then at most (1 + 1)× that of
 * the centred form. Larger offsets take the centred two-pass path, whose error does not grow
 * with the offset.
 */
const OFFSET_LIMIT = 1;

/**
 * Raw (prior) covariance of the frames, C = (1/T) Σ_t (x_t − m)(x_t − m)ᵀ with the frame mean
 * m = (1/T) Σ_t x_t (maximum-likelihood normalisation 1/T, not 1/(T−1)), as a row-major D×D
 * Float64Array, bitwise symmetric. The products run on core's `matmulTN` (WebAssembly SIMD 4×4
 * tiles where available; every entry one sequential sum over the frames): for a stimulus whose
 * mean is within a standard deviation of 0 (white noise, say) as XᵀX/T − m mᵀ straight on the
 * frames, otherwise on frames centred 256 at a time, so a large common offset does not cancel.
 * @throws TypeError/RangeError for a malformed stimulus or a non-finite entry (naming its frame).
 * @category Spike-triggered analysis
 */
export function stimulusCovariance(stimulus: Stimulus): Float64Array {
  const { data, frames, dim } = checkStimulus('stimulus', stimulus);
  const mean = frameMean(stimulus);
  const c = matmulTN(data, data, dim, dim, frames);
  let small = true;
  for (let i = 0; i < dim; i++) {
    const ii = i * dim + i, variance = c[ii] / frames - mean[i] * mean[i];
    if (!(mean[i] * mean[i] <= OFFSET_LIMIT * OFFSET_LIMIT * variance)) small = false;
  }
  if (small) {
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[i * dim + j] = c[i * dim + j] / frames - mean[i] * mean[j];
    return checkFiniteCovariance('stimulus', c, 'its covariance');
  }
  return checkFiniteCovariance('stimulus', centredCovariance(stimulus, mean, c.fill(0)), 'its covariance');
}

/**
 * RangeError naming the stimulus when a covariance of its frames overflows (entries near
 * 1e154 or beyond square to Infinity): the numbers would otherwise be Infinity or NaN.
 */
export function checkFiniteCovariance(name: string, c: Float64Array, what: string): Float64Array {
  for (let k = 0; k < c.length; k++) {
    if (!Number.isFinite(c[k])) throw new RangeError(`${name}.data is too large: ${what} overflows (entry ${k} is ${c[k]}); rescale the stimulus (entries must stay well below 1e154)`);
  }
  return c;
}

/** (1/T) Σ (x_t − m)(x_t − m)ᵀ from frames centred 256 at a time, into acc (zeroed, D×D). */
function centredCovariance(stimulus: Stimulus, mean: Float64Array, acc: Float64Array): Float64Array {
  const { frames, dim } = stimulus;
  const chunk = new Float64Array(COVARIANCE_CHUNK * dim);
  for (let t0 = 0; t0 < frames; t0 += COVARIANCE_CHUNK) {
    const count = Math.min(COVARIANCE_CHUNK, frames - t0);
    const rows = chunk.subarray(0, count * dim);
    centreFrames(stimulus, mean, t0, count, rows);
    matmulTN(rows, rows, dim, dim, count, acc, true);
  }
  for (let i = 0; i < acc.length; i++) acc[i] /= frames;
  return acc;
}

/** m = (1/T) Σ_t x_t; RangeError naming the first non-finite frame. */
function frameMean(stimulus: Stimulus): Float64Array {
  const { data, frames, dim } = stimulus;
  const m = new Float64Array(dim);
  for (let t = 0; t < frames; t++) {
    const o = t * dim;
    for (let i = 0; i < dim; i++) m[i] += data[o + i];
  }
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(m[i])) {
      const bad = firstNonFiniteFrame(stimulus);
      throw new RangeError(`stimulus.data must be finite; frame ${bad} has a non-finite entry`);
    }
    m[i] /= frames;
  }
  return m;
}

/** rows[k·D + i] = x_{t0+k}[i] − m[i], k < count. */
function centreFrames(stimulus: Stimulus, mean: Float64Array, t0: number, count: number, rows: Float64Array): void {
  const { data, dim } = stimulus;
  for (let k = 0; k < count; k++) {
    const o = (t0 + k) * dim, r = k * dim;
    for (let i = 0; i < dim; i++) rows[r + i] = data[o + i] - mean[i];
  }
}
