import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { expectedJointWeight, jointWeights, summedWeights } from '../src/spikeTriggered/jointWeights.js';
import { lnPoisson } from '../src/spikeTriggered/lnModel.js';
import { poissonCount } from '../src/generation/randomVariates.js';
import { gaussianStimulus } from '../src/spikeTriggered/stimulus.js';
import { unit } from './spikeTriggeredHelpers.js';

/**
 * Brute force over all spike pairs: every pair (t ≤ t′, t′ − t ≤ L) with one spike of each
 * cell adds n_a(t)·n_b(t′) to w_{t′}, for (a, b) = (1, 2) and (2, 1); t = t′ only once.
 */
function bruteForce(n1: ArrayLike<number>, n2: ArrayLike<number>, L: number): Float64Array {
  const T = n1.length;
  const w = new Float64Array(T);
  for (let tp = 0; tp < T; tp++) {
    for (let t = 0; t <= tp; t++) {
      if (tp - t > L) continue;
      w[tp] += n1[t] * n2[tp];
      if (t !== tp) w[tp] += n2[t] * n1[tp];
    }
  }
  return w;
}

describe('jointWeights', () => {
  it('equals the brute-force pair count exactly (random counts, lags 0…T+2)', () => {
    const rng = createRng('jw');
    for (const T of [1, 2, 7, 60]) {
      const n1 = Array.from({ length: T }, () => poissonCount(rng, 0.7));
      const n2 = Array.from({ length: T }, () => poissonCount(rng, 1.3));
      for (const L of [0, 1, 2, 5, T + 2]) expect(Array.from(jointWeights(n1, n2, { maxLag: L }))).toEqual(Array.from(bruteForce(n1, n2, L)));
    }
  });

  it('hand example and special cases: L = 0 is n1·n2; the sum over t′ is the number of pairs', () => {
    // n1 = [1,0,2], n2 = [0,1,1], L = 1: w0 = 0; w1 = n2_1(n1_0+n1_1) + n1_1(…) = 1; w2 = n2_2(n1_1+n1_2) + n1_2(n2_1+n2_2) − n1_2 n2_2 = 2 + 4 − 2
    expect(Array.from(jointWeights([1, 0, 2], [0, 1, 1], { maxLag: 1 }))).toEqual([0, 1, 4]);
    expect(Array.from(jointWeights([1, 3, 2], [2, 1, 1], { maxLag: 0 }))).toEqual([2, 3, 2]);
    // all pairs (L ≥ T − 1): Σ w = (Σ n1)(Σ n2)
    const w = jointWeights([1, 3, 2, 0], [2, 1, 1, 5], { maxLag: 10 });
    expect(w.reduce((a, b) => a + b, 0)).toBe(6 * 9);
    expect(Array.from(summedWeights([1, 3], [2, 0]))).toEqual([3, 3]);
  });

  it('bad input', () => {
    expect(() => jointWeights([1, 2], [1], { maxLag: 1 })).toThrow('counts2 must have length 2; got length 1');
    expect(() => jointWeights([1, -2], [1, 1], { maxLag: 1 })).toThrow('counts1[1] must be finite and >= 0; got -2');
    expect(() => jointWeights([1, 2], [1, Infinity], { maxLag: 1 })).toThrow('counts2[1] must be finite and >= 0; got Infinity');
    expect(() => jointWeights([1, 2], [1, 1], { maxLag: -1 })).toThrow('options.maxLag must be an integer >= 0; got -1');
    expect(() => jointWeights([1, 2], [1, 1], { maxLag: 1.5 })).toThrow(RangeError);
    expect(() => jointWeights([1, 2], [1, 1], { maxlag: 1 } as never)).toThrow('options.maxlag is not an option (did you mean maxLag?');
    expect(() => jointWeights('ab' as never, [1, 1], { maxLag: 1 })).toThrow(TypeError);
    expect(() => summedWeights([1, '2'] as never, [1, 1])).toThrow('counts1[1] must be a number; got "2"');
  });
});

describe('expectedJointWeight: E[w_t′ | x_t′] = f1 f2 + L(r1 f2 + r2 f1) for iid frames', () => {
  it('simulated weights match it (z within ±4); the product f1 f2 alone is rejected', () => {
    const D = 4, T = 60000, L = 4;
    const stimulus = gaussianStimulus({ frames: T, dim: D, rng: createRng('ejw-stim') });
    const f1 = (u: Float64Array) => 0.2 * Math.exp(0.7 * u[0]);
    const f2 = (u: Float64Array) => 0.3 / (1 + Math.exp(-2 * u[1]));
    const cells = [{ filters: [unit(D, 0), unit(D, 1)], nonlinearity: f1 }, { filters: [unit(D, 0), unit(D, 1)], nonlinearity: f2 }];
    const { counts, rates } = lnPoisson({ stimulus, cells, rng: createRng('ejw') });
    const w = jointWeights(counts[0], counts[1], { maxLag: L });
    // exact mean rates: r1 = 0.2 e^{0.49/2}; r2 = 0.15 (the sigmoid is odd about ½)
    const F = expectedJointWeight({ rate1: f1, rate2: f2, meanRate1: 0.2 * Math.exp(0.245), meanRate2: 0.15, maxLag: L });
    const u = new Float64Array(2);
    const resid = (G: (u: Float64Array) => number) => {
      // mean of w_t − G(x_t) over t ≥ L; neighbouring residuals are dependent (shared spikes within L
      // bins), so the SE comes from batch means over blocks of 200 ≫ L bins
      const block = 200, means: number[] = [];
      let s = 0, k = 0;
      for (let t = L; t < T; t++) {
        u[0] = stimulus.data[t * D]; u[1] = stimulus.data[t * D + 1];
        s += w[t] - G(u); k++;
        if (k === block) { means.push(s / block); s = 0; k = 0; }
      }
      const m = means.reduce((a, b) => a + b, 0) / means.length;
      const v = means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1);
      return m / Math.sqrt(v / means.length);
    };
    expect(Math.abs(resid(F))).toBeLessThan(4);
    expect(Math.abs(resid((x) => f1(x) * f2(x)))).toBeGreaterThan(20);
    // the rates given to lnPoisson are the f's themselves
    expect(rates[0][5]).toBe(f1(Float64Array.of(stimulus.data[20], stimulus.data[21])));
  });

  it('bad options', () => {
    const f = () => 1;
    expect(() => expectedJointWeight({ rate1: f, rate2: f, meanRate1: -1, meanRate2: 1, maxLag: 0 })).toThrow('options.meanRate1 must be >= 0 and finite; got -1');
    expect(() => expectedJointWeight({ rate1: f, rate2: 3 as never, meanRate1: 1, meanRate2: 1, maxLag: 0 })).toThrow('options.rate2 must be a function; got 3');
  });
});
