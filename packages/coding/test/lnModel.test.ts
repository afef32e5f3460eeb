import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { lnPoisson } from '../src/spikeTriggered/lnModel.js';
import { gaussianStimulus } from '../src/spikeTriggered/stimulus.js';
import { unit } from './spikeTriggeredHelpers.js';

const D = 6;
const stimulus = gaussianStimulus({ frames: 40000, dim: D, rng: createRng('ln-stim') });
const expCell = { filters: [unit(D, 0)], nonlinearity: (u: Float64Array) => 0.3 * Math.exp(0.8 * u[0]) };
const planeCell = { filters: [unit(D, 1), unit(D, 2)], nonlinearity: (u: Float64Array) => 0.1 * (u[0] * u[0] + (1 + u[1]) ** 2) };

describe('lnPoisson', () => {
  it('rates are f(Kᵀx_t) exactly; counts are Poisson(rate): z of Σ(n − λ) within ±4, Σ(n − λ)² ≈ Σλ', () => {
    const { counts, rates } = lnPoisson({ stimulus, cells: [expCell, planeCell], rng: createRng('ln') });
    for (const t of [0, 17, 39999]) {
      const x = stimulus.data.subarray(t * D, (t + 1) * D);
      expect(rates[0][t]).toBe(0.3 * Math.exp(0.8 * x[0]));
      expect(rates[1][t]).toBe(0.1 * (x[1] * x[1] + (1 + x[2]) ** 2));
    }
    for (let c = 0; c < 2; c++) {
      let resid = 0, lambda = 0, sq = 0, lambda4 = 0;
      for (let t = 0; t < stimulus.frames; t++) {
        const r = rates[c][t], n = counts[c][t];
        expect(Number.isInteger(n) && n >= 0).toBe(true);
        resid += n - r; lambda += r; sq += (n - r) ** 2;
        lambda4 += r + 3 * r * r; // Var((n − λ)²) = λ + 2λ² for Poisson (4th central moment λ + 3λ², minus λ²)
      }
      // Σ(n − λ) has variance Σλ given the rates
      expect(Math.abs(resid) / Math.sqrt(lambda)).toBeLessThan(4);
      // Σ(n − λ)² − Σλ has variance Σ(λ + 2λ²) ≤ Σ(λ + 3λ²)
      expect(Math.abs(sq - lambda) / Math.sqrt(lambda4)).toBeLessThan(4);
      // power: claiming the rates were 5% higher is rejected by the first statistic (Σλ ≥ 1.2e4 → 4 SE ≤ 3.7%)
      expect(Math.abs(resid - 0.05 * lambda) / Math.sqrt(1.05 * lambda)).toBeGreaterThan(4);
    }
  });

  it('bit-identical for a seed; each cell has its own substream (adding a cell changes nothing)', () => {
    const one = lnPoisson({ stimulus, cells: [expCell], rng: createRng(5) });
    const two = lnPoisson({ stimulus, cells: [expCell, planeCell], rng: createRng(5) });
    expect(Buffer.from(two.counts[0].buffer).equals(Buffer.from(one.counts[0].buffer))).toBe(true);
    const other = lnPoisson({ stimulus, cells: [expCell], rng: createRng(6) });
    expect(Buffer.from(other.counts[0].buffer).equals(Buffer.from(one.counts[0].buffer))).toBe(false);
  });

  it('bad cells: filter size, nonlinearity value, unknown keys', () => {
    const small = gaussianStimulus({ frames: 10, dim: 3, rng: createRng(1) });
    const rng = createRng(2);
    const f = () => 1;
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0]], nonlinearity: f }], rng })).toThrow('options.cells[0].filters[0] must have length 3; got length 2');
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [], nonlinearity: f }], rng })).toThrow('options.cells[0].filters must hold between 1 and 3 filters; got 0');
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: 2 as never }], rng })).toThrow('options.cells[0].nonlinearity must be a function; got 2');
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: (u) => u[0] }], rng })).toThrow(/options.cells\[0\].nonlinearity must return an expected count in \[0, 1000000000000000\]; got -?[0-9.e-]+ at frame \d+/);
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: () => NaN }], rng })).toThrow(/got NaN at frame 0/);
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: f, gain: 2 } as never], rng })).toThrow('options.cells[0].gain is not a key of options.cells[0]');
    expect(() => lnPoisson({ stimulus: small, cells: [], rng })).toThrow('options.cells must have length in [1, 64]; got length 0');
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: f }], rng, seed: 1 } as never)).toThrow(TypeError);
    expect(() => lnPoisson({ stimulus: small, cells: [{ filters: [[1, 0, 0]], nonlinearity: f }] } as never)).toThrow('options.rng must be a generator from createRng(seed); got undefined');
  });
});
