import {
  choleskyFactor, integerInRange, knownKeys, optionsObject, show,
  type MatrixInput, type Rng,
} from '@neurobridge/core';
import { checkRng } from './options.js';

/** A stimulus ensemble: `frames` vectors x_t ∈ R^dim, row-major (x_t[i] = data[t·dim + i]). */
export interface Stimulus {
  readonly data: Float64Array;
  /** number of time bins T */
  readonly frames: number;
  /** dimension D of each frame */
  readonly dim: number;
}

/**
 * Largest frames × dim accepted (1e9 doubles = 8 GB): larger requests are rejected up front
 * instead of failing inside the allocator or running for hours.
 */
export const MAX_STIMULUS_VALUES = 1e9;

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
 */
export function delayEmbed(signal: ArrayLike<number>, dim: number): Stimulus {
  if (signal === null || typeof signal !== 'object' || typeof signal.length !== 'number') {
    throw new TypeError(`signal must be an array-like of finite numbers; got ${show(signal)}`);
  }
  const frames = integerInRange('signal.length', signal.length, 1);
  integerInRange('dim', dim, 1);
  checkSize(frames, dim);
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

/** Frames per chunk in `stimulusCovariance`: 64 frames × D ≤ 64 columns stay in L1/L2. */
const COVARIANCE_CHUNK = 64;

/**
 * Raw (prior) covariance of the frames, C = (1/T) Σ_t (x_t − m)(x_t − m)ᵀ with the frame mean
 * m = (1/T) Σ_t x_t (maximum-likelihood normalisation 1/T, not 1/(T−1)), as a row-major D×D
 * Float64Array. Two passes (mean, then centred products), so a large common offset does
 * not cancel. The product pass is register-blocked: chunks of 64 frames are centred and
 * transposed into a column buffer, then each 4×4 block of the upper triangle accumulates
 * over the chunk in 16 local sums (8 loads per 16 multiply-adds); the triangle is mirrored.
 * @throws RangeError naming the first frame with a non-finite entry.
 */
export function stimulusCovariance(stimulus: Stimulus): Float64Array {
  const { frames, dim } = checkStimulus('stimulus', stimulus);
  const mean = frameMean(stimulus);
  const padded = (dim + 3) & ~3; // rows padded to a multiple of 4 with zeros
  const acc = new Float64Array(padded * padded);
  const chunk = new Float64Array(padded * COVARIANCE_CHUNK);
  for (let t0 = 0; t0 < frames; t0 += COVARIANCE_CHUNK) {
    const count = Math.min(COVARIANCE_CHUNK, frames - t0);
    if (count < COVARIANCE_CHUNK) chunk.fill(0);
    transposeCentred(stimulus, mean, t0, count, chunk);
    accumulateBlocks(chunk, count, padded, acc);
  }
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = acc[i * padded + j] / frames;
      out[i * dim + j] = c;
      out[j * dim + i] = c;
    }
  }
  return out;
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

/** chunk[i·CHUNK + k] = x_{t0+k}[i] − m[i], k < count (rows ≥ dim stay 0). */
function transposeCentred(stimulus: Stimulus, mean: Float64Array, t0: number, count: number, chunk: Float64Array): void {
  const { data, dim } = stimulus;
  for (let k = 0; k < count; k++) {
    const o = (t0 + k) * dim;
    for (let i = 0; i < dim; i++) chunk[i * COVARIANCE_CHUNK + k] = data[o + i] - mean[i];
  }
}

/** acc[i·P + j] += Σ_k chunk[i,k]·chunk[j,k] over the 4×4 blocks with block-row ≤ block-column. */
function accumulateBlocks(chunk: Float64Array, count: number, padded: number, acc: Float64Array): void {
  const B = COVARIANCE_CHUNK;
  for (let i = 0; i < padded; i += 4) {
    const a0 = i * B, a1 = a0 + B, a2 = a1 + B, a3 = a2 + B;
    for (let j = i; j < padded; j += 4) {
      const b0 = j * B, b1 = b0 + B, b2 = b1 + B, b3 = b2 + B;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < count; k++) {
        const x0 = chunk[a0 + k], x1 = chunk[a1 + k], x2 = chunk[a2 + k], x3 = chunk[a3 + k];
        const y0 = chunk[b0 + k], y1 = chunk[b1 + k], y2 = chunk[b2 + k], y3 = chunk[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let r = i * padded + j;
      acc[r] += c00; acc[r + 1] += c01; acc[r + 2] += c02; acc[r + 3] += c03; r += padded;
      acc[r] += c10; acc[r + 1] += c11; acc[r + 2] += c12; acc[r + 3] += c13; r += padded;
      acc[r] += c20; acc[r + 1] += c21; acc[r + 2] += c22; acc[r + 3] += c23; r += padded;
      acc[r] += c30; acc[r + 1] += c31; acc[r + 2] += c32; acc[r + 3] += c33;
    }
  }
}
