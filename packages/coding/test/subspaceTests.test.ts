import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { eigenvectorAngleBound, gaussianStimulus, lnPoisson, spikeTriggeredAverage, spikeTriggeredCovariance, staSubspaceTest } from '@neurobridge/coding';
import { uniformityP } from './helpers.js';

const D = 12;
const e = (i: number) => Float64Array.from({ length: D }, (_, j) => +(j === i));

describe('staSubspaceTest — |P⊥STA|²(Σw)²/Σw² ~ χ²(D − m)', () => {
  it('is calibrated: p uniform over 200 independent recordings of an LN cell along k (and rejects span{} = the wrong subspace)', () => {
    const rng = createRng('subspace calibration');
    const ps: number[] = [];
    let rejectedEmpty = 0;
    for (let r = 0; r < 200; r++) {
      const stimulus = gaussianStimulus({ frames: 4000, dim: D, rng: rng.substream(`x${r}`) });
      const w = lnPoisson({ stimulus, cells: [{ filters: [e(0)], nonlinearity: (u) => 0.2 * Math.exp(u[0]) }], rng: rng.substream(`n${r}`) }).counts[0];
      const sta = spikeTriggeredAverage(stimulus, w).sta;
      ps.push(staSubspaceTest(sta, [e(0)], w).p);
      if (staSubspaceTest(sta, [e(1)], w).p < 1e-6) rejectedEmpty++;
    }
    expect(uniformityP(ps, 10)).toBeGreaterThan(1e-3);
    expect(rejectedEmpty).toBe(200); // a wrong direction: the STA's component along k is far outside the noise
  });
});

describe('eigenvectorAngleBound', () => {
  it('bounds the STC eigenvector error in at least 99% of 100 recordings (nominal 99.9%)', () => {
    const rng = createRng('eigen bound');
    let inside = 0;
    for (let r = 0; r < 100; r++) {
      const stimulus = gaussianStimulus({ frames: 4000, dim: D, rng: rng.substream(`x${r}`) });
      const w = lnPoisson({ stimulus, cells: [{ filters: [e(2)], nonlinearity: (u) => 0.1 * (0.1 + u[0] * u[0]) }], rng: rng.substream(`n${r}`) }).counts[0];
      const stc = spikeTriggeredCovariance(stimulus, w, { shuffles: 0, prior: Array.from({ length: D }, (_, i) => Array.from(e(i))) });
      const v = stc.eigenvectors[0], angle = (Math.acos(Math.min(1, Math.abs(v[2]))) * 180) / Math.PI;
      if (angle <= eigenvectorAngleBound(stimulus, w, e(2), stc.eigenvalues[0])) inside++;
    }
    expect(inside).toBeGreaterThanOrEqual(99);
  });
  it('rejects weights of the wrong length', () => {
    const stimulus = gaussianStimulus({ frames: 10, dim: 3, rng: createRng(1) });
    expect(() => eigenvectorAngleBound(stimulus, [1, 2], [1, 0, 0], 1)).toThrow(/weights must have one weight per frame \(10\); got length 2/);
  });
});

describe('stcProjection — uᵀΔCu with its standard error', () => {
  it('is calibrated against the Gauss–Hermite prediction: |z| < 2.58 in about 99% of 100 recordings (and rejects half the value in most)', async () => {
    const { predictSpikeTriggered, stcProjection } = await import('@neurobridge/coding');
    const rng = createRng('stc projection');
    const F = (u: Float64Array) => 0.1 * (0.2 + u[0] * u[0]);
    const predicted = predictSpikeTriggered({ filters: [Array.from(e(3))], weight: F }).eigenvalues[0];
    let inside = 0, rejected = 0;
    for (let r = 0; r < 100; r++) {
      const stimulus = gaussianStimulus({ frames: 4000, dim: D, rng: rng.substream(`x${r}`) });
      const w = lnPoisson({ stimulus, cells: [{ filters: [e(3)], nonlinearity: F }], rng: rng.substream(`n${r}`) }).counts[0];
      const p = stcProjection(stimulus, w, e(3));
      if (Math.abs(p.value - predicted) < 2.58 * p.se) inside++;
      if (Math.abs(p.value - 0.5 * predicted) > 2.58 * p.se) rejected++;
    }
    // X ~ Binomial(100, 0.99) (asymptotic): P(X < 95) ≈ 3e-4
    expect(inside).toBeGreaterThanOrEqual(95);
    expect(rejected).toBeGreaterThan(50);
  });
});
