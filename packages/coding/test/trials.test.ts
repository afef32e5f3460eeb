import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { chiSquareSurvival, doublyStochasticTrials, poissonTrials } from '@neurobridge/coding';
import { uniformityP } from './helpers.js';

describe('poissonTrials and doublyStochasticTrials', () => {
  it('give K × C sorted trains; trial k is the same whatever K (substream per trial)', () => {
    const a = poissonTrials(20, { stop: 500, trials: 5, cells: 3, rng: createRng(1) });
    const b = poissonTrials(20, { stop: 500, trials: 9, cells: 3, rng: createRng(1) });
    expect(a.trains.length).toBe(5);
    expect(a.trains[0].length).toBe(3);
    for (let k = 0; k < 5; k++) for (let c = 0; c < 3; c++) expect(Array.from(b.trains[k][c])).toEqual(Array.from(a.trains[k][c]));
    expect(a.gains).toBeUndefined();
  });
  it('the gain is Gamma(1/γ², scale γ²): 2g/γ² is χ²(2/γ²) (power: rejected for a γ² 15% off)', () => {
    const gamma2 = 0.5;
    const r = doublyStochasticTrials(1, { stop: 1, trials: 20_000, rng: createRng('gains'), gainVariance: gamma2 });
    const gains = r.gains as Float64Array;
    expect(uniformityP(gains.map((g) => chiSquareSurvival((2 * g) / gamma2, 2 / gamma2)))).toBeGreaterThan(1e-4);
    const wrong = gamma2 * 1.15; // shape 1/γ² is not an integer dof then: compare through the moments instead
    const mean = gains.reduce((s, g) => s + g, 0) / gains.length;
    const variance = gains.reduce((s, g) => s + (g - mean) ** 2, 0) / (gains.length - 1);
    // SE of the sample variance of a Gamma(2, 0.5): √((μ₄ − σ⁴)/N) with μ₄ = 3σ⁴(1 + 2/shape)... = 0.0079 here
    const se = Math.sqrt((3 * gamma2 ** 2 * (1 + 2 * gamma2) - gamma2 ** 2) / gains.length);
    expect(Math.abs(variance - gamma2)).toBeLessThan(4 * se);
    expect(Math.abs(variance - wrong)).toBeGreaterThan(4 * se);
    expect(Math.abs(mean - 1)).toBeLessThan(4 * Math.sqrt(gamma2 / gains.length));
  });
  it('scales each trial by its gain: spike counts given g are Poisson(gΛ) (mean of count/(gΛ) is 1)', () => {
    const r = doublyStochasticTrials(40, { stop: 1000, trials: 3000, rng: createRng('scaled'), gainVariance: 0.3 });
    let s = 0, n = 0;
    for (let k = 0; k < 3000; k++) for (const train of r.trains[k]) { s += train.length - (r.gains as Float64Array)[k] * 40; n++; }
    // Σ (N − gΛ) has variance Σ gΛ ≈ 6000·40: |mean| < 4·√(40/6000)
    expect(Math.abs(s / n)).toBeLessThan(4 * Math.sqrt(40 / n));
  });
  it('accepts a custom gain sampler and rejects a bad gain or bad options, naming them', () => {
    const r = doublyStochasticTrials(10, { stop: 100, trials: 3, rng: createRng(2), sampleGain: () => 2 });
    expect(Array.from(r.gains as Float64Array)).toEqual([2, 2, 2]);
    expect(() => doublyStochasticTrials(10, { stop: 100, trials: 3, rng: createRng(2), sampleGain: () => -1 })).toThrow(/sampleGain must return a finite gain >= 0; got -1 on trial 0/);
    expect(() => doublyStochasticTrials(10, { stop: 100, trials: 3, rng: createRng(2), gainVariance: -0.1 })).toThrow(/gainVariance must be >= 0 and finite; got -0.1/);
    expect(() => poissonTrials(10, { stop: 100, trials: 0, rng: createRng(2) })).toThrow(/trials must be an integer >= 1; got 0/);
    expect(() => poissonTrials(10, { stop: 100, trials: 2, trails: 3, rng: createRng(2) } as never)).toThrow(/options.trails is not an option \(did you mean trials\?/);
    expect(() => poissonTrials(1000, { stop: 1e5, trials: 10_000, rng: createRng(2) })).toThrow(/maxSpikes must be >= the expected number/);
  });
});
