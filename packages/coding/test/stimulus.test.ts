import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import {
  checkStimulus, delayEmbed, exponentialCorrelation, gaussianStimulus, MAX_STIMULUS_VALUES, stimulusCovariance,
} from '../src/spikeTriggered/stimulus.js';

/** Σ_t (x_t − m)(x_t − m)ᵀ / T by the textbook double loop (the independent computation). */
function naiveCovariance(data: Float64Array, frames: number, dim: number): Float64Array {
  const m = new Float64Array(dim);
  for (let t = 0; t < frames; t++) for (let i = 0; i < dim; i++) m[i] += data[t * dim + i] / frames;
  const c = new Float64Array(dim * dim);
  for (let t = 0; t < frames; t++) {
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[i * dim + j] += (data[t * dim + i] - m[i]) * (data[t * dim + j] - m[j]) / frames;
  }
  return c;
}

/**
 * Largest standardised deviation of a sample covariance from Σ over the entries i ≤ j: for
 * Gaussian frames Var(Ĉ_ij) = (Σ_ii Σ_jj + Σ_ij²)/T.
 */
function maxZ(c: Float64Array, sigma: number[][], frames: number): number {
  const d = sigma.length;
  let worst = 0;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const se = Math.sqrt((sigma[i][i] * sigma[j][j] + sigma[i][j] ** 2) / frames);
      worst = Math.max(worst, Math.abs(c[i * d + j] - sigma[i][j]) / se);
    }
  }
  return worst;
}

describe('gaussianStimulus', () => {
  it('white frames: bit-identical for a seed, sample covariance within 4.5 SE of I (and a correlated Σ is rejected)', () => {
    const a = gaussianStimulus({ frames: 20000, dim: 8, rng: createRng('white') });
    const b = gaussianStimulus({ frames: 20000, dim: 8, rng: createRng('white') });
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
    expect([a.frames, a.dim, a.data.length]).toEqual([20000, 8, 160000]);
    const I = exponentialCorrelation(8, 0);
    // 36 entries, each ~N(0,1) after standardising: P(max > 4.5) < 36·6.8e-6 ≈ 2.5e-4
    expect(maxZ(stimulusCovariance(a), I, 20000)).toBeLessThan(4.5);
    const corr = gaussianStimulus({ frames: 20000, dim: 8, covariance: exponentialCorrelation(8, 0.2), rng: createRng('white') });
    expect(maxZ(stimulusCovariance(corr), I, 20000)).toBeGreaterThan(20); // power: ρ = 0.2 is 28 SE from 0
  });

  it('correlated frames N(0, Σ), Σ_ij = ρ^|i−j|: sample covariance within 4.5 SE of Σ', () => {
    const sigma = exponentialCorrelation(6, 0.7);
    const s = gaussianStimulus({ frames: 30000, dim: 6, covariance: sigma, rng: createRng('corr') });
    expect(maxZ(stimulusCovariance(s), sigma, 30000)).toBeLessThan(4.5);
    // the same test rejects the wrong ρ = 0.65 (off-diagonal shift ≥ 0.05 ≈ 6 SE)
    expect(maxZ(stimulusCovariance(s), exponentialCorrelation(6, 0.65), 30000)).toBeGreaterThan(6);
  });

  it('bad options are rejected with the parameter, its value and the range', () => {
    const rng = createRng(1);
    expect(() => gaussianStimulus({ frames: 10.5, dim: 2, rng })).toThrow('options.frames must be an integer >= 1; got 10.5');
    expect(() => gaussianStimulus({ frames: 10, dim: 0, rng })).toThrow(RangeError);
    expect(() => gaussianStimulus({ frames: 1e6, dim: 2000, rng })).toThrow(`frames·dim must be <= ${MAX_STIMULUS_VALUES}; got 1000000·2000`);
    expect(() => gaussianStimulus({ frames: 10, dim: 2, rng, covarience: [[1]] } as never)).toThrow(/options.covarience is not an option \(did you mean covariance\?/);
    expect(() => gaussianStimulus({ frames: 10, dim: 2, covariance: [[1]], rng })).toThrow('options.covariance must be 2×2 to match options.dim; got 1×1');
    expect(() => gaussianStimulus({ frames: 10, dim: 2, covariance: [[1, 2], [2, 1]], rng })).toThrow(/positive definite/);
    expect(() => gaussianStimulus({ frames: 10, dim: 2 } as never)).toThrow(TypeError);
    expect(() => gaussianStimulus({ frames: '10', dim: 2, rng } as never)).toThrow(TypeError);
  });
});

describe('exponentialCorrelation', () => {
  it('Σ_ij = ρ^|i−j|, and bad ρ', () => {
    expect(exponentialCorrelation(3, 0.5)).toEqual([[1, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 1]]);
    expect(() => exponentialCorrelation(3, 1)).toThrow('rho must be in [0, 1); got 1');
    expect(() => exponentialCorrelation(3, '0.5' as never)).toThrow(TypeError);
  });
});

describe('delayEmbed', () => {
  it('x_t = (s_t, s_{t−1}, …), zeros before the start', () => {
    const e = delayEmbed([1, 2, 3, 4], 3);
    expect([e.frames, e.dim]).toEqual([4, 3]);
    expect(Array.from(e.data)).toEqual([1, 0, 0, 2, 1, 0, 3, 2, 1, 4, 3, 2]);
    expect(() => delayEmbed([1, NaN], 2)).toThrow('signal[1] must be a finite number; got NaN');
    expect(() => delayEmbed([], 2)).toThrow('signal.length must be an integer >= 1; got 0');
  });
});

describe('stimulusCovariance (matmulTN: one pass for small offsets, centred otherwise)', () => {
  it('equals the double loop to 1e-13 for dims 1…9 and 40, frame counts off the 64-frame chunk', () => {
    const rng = createRng('cov');
    for (const [frames, dim] of [[1, 1], [5, 3], [63, 4], [65, 5], [130, 7], [200, 9], [1000, 40]]) {
      const s = gaussianStimulus({ frames, dim, rng });
      const fast = stimulusCovariance(s);
      const slow = naiveCovariance(s.data, frames, dim);
      // both sum the same O(T) terms in different orders: rounding ≲ T·eps·max|x|² ≈ 1e-13 relative
      for (let k = 0; k < fast.length; k++) expect(Math.abs(fast[k] - slow[k])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(slow[k])));
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) expect(fast[i * dim + j]).toBe(fast[j * dim + i]);
    }
  });

  it('centres first: an offset of 1e6 does not cancel the unit variance', () => {
    const s = gaussianStimulus({ frames: 500, dim: 3, rng: createRng('offset') });
    const shifted = { ...s, data: s.data.map((v) => v + 1e6) };
    const a = stimulusCovariance(s), b = stimulusCovariance(shifted);
    // subtracting the mean leaves the data rounded to 1e6·eps ≈ 1.2e-10 per entry
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-9);
  });

  it('one pass (offset within a standard deviation) and centred path (larger) both equal the double loop', () => {
    const s = gaussianStimulus({ frames: 3000, dim: 6, rng: createRng('paths') });
    for (const offset of [0, 0.5, 0.99, 1.01, 30]) {
      const shifted = { ...s, data: s.data.map((v, k) => v + (k % 6 === 2 ? offset : 0)) };
      const fast = stimulusCovariance(shifted), slow = naiveCovariance(shifted.data, 3000, 6);
      // the one-pass form loses at most (1 + m²/σ²) ≤ 2× the centred form's T·eps-level rounding
      for (let k = 0; k < fast.length; k++) expect(Math.abs(fast[k] - slow[k])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(slow[k])));
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(fast[i * 6 + j]).toBe(fast[j * 6 + i]);
    }
  });

  it('names the first non-finite frame and checks the Stimulus shape', () => {
    const s = gaussianStimulus({ frames: 10, dim: 2, rng: createRng(2) });
    s.data[13] = NaN;
    expect(() => stimulusCovariance(s)).toThrow('stimulus.data must be finite; frame 6 has a non-finite entry');
    expect(() => checkStimulus('stimulus', { data: new Float64Array(3), frames: 2, dim: 2 })).toThrow('stimulus.data must have length frames·dim = 4; got length 3');
    expect(() => checkStimulus('stimulus', { data: [1, 2], frames: 1, dim: 2 })).toThrow('stimulus.data must be a Float64Array; got an array of length 2');
    expect(() => checkStimulus('stimulus', null)).toThrow(TypeError);
  });
});
