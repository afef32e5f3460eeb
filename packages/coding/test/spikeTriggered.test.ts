import { describe, expect, it } from 'vitest';
import { cholesky, createRng, solve } from '@neurobridge/core';
import { expectedJointWeight, jointWeights } from '../src/spikeTriggered/jointWeights.js';
import { lnPoisson } from '../src/spikeTriggered/lnModel.js';
import { spikeTriggeredAverage } from '../src/spikeTriggered/spikeTriggered.js';
import { predictSpikeTriggered } from '../src/spikeTriggered/spikeTriggeredTheory.js';
import { exponentialCorrelation, gaussianStimulus } from '../src/spikeTriggered/stimulus.js';
import { angleDeg, combo, dot, forwardSolve, perpendicularChiSquare, transposeTimes, unit } from './spikeTriggeredHelpers.js';

describe('spikeTriggeredAverage: the formula', () => {
  it('STA = Σ w x / Σ w over all frames (zeros included) to rounding; whitened = Σ⁻¹ STA', () => {
    const s = gaussianStimulus({ frames: 50, dim: 3, rng: createRng('sta-exact') });
    const w = Array.from({ length: 50 }, (_, t) => (t % 7 === 0 ? t % 3 : 0));
    const dense = [0, 0, 0];
    let total = 0;
    w.forEach((wt, t) => { total += wt; for (let i = 0; i < 3; i++) dense[i] += wt * s.data[t * 3 + i]; });
    const sigma = [[2, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1.5]];
    const r = spikeTriggeredAverage(s, w, { whiten: sigma });
    for (let i = 0; i < 3; i++) expect(Math.abs(r.sta[i] - dense[i] / total)).toBeLessThan(1e-15);
    const whitened = solve(sigma, r.sta); // core's LU solve: an independent route
    for (let i = 0; i < 3; i++) expect(Math.abs((r.whitened as Float64Array)[i] - whitened[i])).toBeLessThan(1e-14);
    expect(r.totalWeight).toBe(total);
    expect(r.spikeFrames).toBe(w.filter((v) => v > 0).length);
  });

  it('bad input names the parameter', () => {
    const s = gaussianStimulus({ frames: 4, dim: 2, rng: createRng(1) });
    expect(() => spikeTriggeredAverage(s, [1, 2, 3])).toThrow('weights must have length 4; got length 3');
    expect(() => spikeTriggeredAverage(s, [1, -2, 3, 0])).toThrow('weights[1] must be finite and >= 0; got -2');
    expect(() => spikeTriggeredAverage(s, [1, NaN, 3, 0])).toThrow('weights[1] must be finite and >= 0; got NaN');
    expect(() => spikeTriggeredAverage(s, [0, 0, 0, 0])).toThrow('weights must have a positive sum (at least one w_t > 0); got all zeros');
    expect(() => spikeTriggeredAverage(s, [1, 1, 1, 1], { whiten: [[1]] })).toThrow('options.whiten must be 2×2 to match the stimulus dim; got 1×1');
    expect(() => spikeTriggeredAverage(s, [1, 1, 1, 1], { whiten: 'frame' as never })).toThrow("options.whiten must be 'frames' or a 2×2 covariance; got \"frame\"");
    expect(() => spikeTriggeredAverage(s, [1, 1, 1, 1], { whitten: 'frames' } as never)).toThrow('options.whitten is not an option (did you mean whiten?');
    const bad = { ...s, data: Float64Array.from(s.data) };
    bad.data[5] = Infinity;
    expect(() => spikeTriggeredAverage(bad, [0, 0, 1, 1])).toThrow('stimulus.data must be finite; frame 2 has a non-finite entry');
  });
});

describe('Q3.4: the joint weighted STA is unbiased for a 1-D joint LN model (white stimulus)', () => {
  const D = 20, T = 60000, L = 3;
  const k = combo([0.6, 0.8], [unit(D, 2), unit(D, 7)]);
  const f1 = (u: Float64Array) => 0.1 * Math.exp(u[0]);
  const f2 = (u: Float64Array) => 0.2 / (1 + Math.exp(-2 * u[0]));
  const stimulus = gaussianStimulus({ frames: T, dim: D, rng: createRng('q4-stim') });
  const { counts } = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: f1 }, { filters: [k], nonlinearity: f2 }], rng: createRng('q4-cells') });
  const w = jointWeights(counts[0], counts[1], { maxLag: L });
  const r = spikeTriggeredAverage(stimulus, w);

  it('the component orthogonal to k is pure noise (χ²_{D−1}, p > 1e-3); a direction 10° off k is rejected (p < 1e-6)', () => {
    const ok = perpendicularChiSquare(r.sta, [k], w);
    expect(ok.p).toBeGreaterThan(1e-3);
    const off = combo([Math.cos(10 * Math.PI / 180), Math.sin(10 * Math.PI / 180)], [k, unit(D, 11)]);
    expect(perpendicularChiSquare(r.sta, [off], w).p).toBeLessThan(1e-6);
  });

  it('its length along k matches the quadrature prediction for F = f1 f2 + L(r1 f2 + r2 f1) (batch-means z within ±4)', () => {
    const F = expectedJointWeight({ rate1: f1, rate2: f2, meanRate1: 0.1 * Math.exp(0.5), meanRate2: 0.1, maxLag: L });
    const predicted = predictSpikeTriggered({ filters: [k], weight: F }).projected.mean[0];
    const wrong = predictSpikeTriggered({ filters: [k], weight: (u) => f1(u) * f2(u) }).projected.mean[0];
    // ratio estimator Σ w u / Σ w: its error is Σ w_t (u_t − a)/Σ w; neighbouring terms share
    // spikes, so the SE is estimated from batch means over blocks of 300 ≫ L bins
    const z = (a: number) => {
      const block = 300, sums: number[] = [];
      let s = 0;
      for (let t = 0; t < T; t++) {
        s += w[t] * (dot(k, stimulus.data.subarray(t * D, (t + 1) * D)) - a);
        if ((t + 1) % block === 0) { sums.push(s); s = 0; }
      }
      const m = sums.reduce((x, y) => x + y, 0) / sums.length;
      const v = sums.reduce((x, y) => x + (y - m) ** 2, 0) / (sums.length - 1);
      return m / Math.sqrt(v / sums.length);
    };
    expect(Math.abs(z(predicted))).toBeLessThan(4);
    expect(Math.abs(dot(r.sta, k) - predicted)).toBeLessThan(0.05);
    expect(Math.abs(z(wrong))).toBeGreaterThan(8); // the product alone (no lagged pairs) predicts 1.53 instead of 1.13
  });

  it('bit-identical for the same seeds', () => {
    const again = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: f1 }, { filters: [k], nonlinearity: f2 }], rng: createRng('q4-cells') });
    const r2 = spikeTriggeredAverage(stimulus, jointWeights(again.counts[0], again.counts[1], { maxLag: L }));
    expect(Buffer.from(r2.sta.buffer).equals(Buffer.from(r.sta.buffer))).toBe(true);
  });
});

describe('Q3.4: correlated stimulus: raw STA ∝ Σk (biased), whitened Σ⁻¹ STA ∝ k', () => {
  it('exact χ² test in whitened coordinates ξ = L⁻¹x passes for Σk and rejects k', () => {
    const D = 12, T = 40000;
    const sigma = exponentialCorrelation(D, 0.6);
    const Lc = cholesky(sigma);
    const k = combo([0.8, -0.6], [unit(D, 3), unit(D, 4)]);
    const stimulus = gaussianStimulus({ frames: T, dim: D, covariance: sigma, rng: createRng('corr-stim') });
    const { counts } = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: (u) => 0.2 * Math.exp(0.8 * u[0]) }], rng: createRng('corr-cell') });
    const r = spikeTriggeredAverage(stimulus, counts[0], { whiten: sigma });
    // k·x = (Lᵀk)·ξ with ξ ~ N(0, I): L⁻¹·STA ∝ Lᵀk  ⇔  STA ∝ Σk  ⇔  Σ⁻¹·STA ∝ k
    const xiSta = forwardSolve(Lc, r.sta);
    expect(perpendicularChiSquare(xiSta, [transposeTimes(Lc, k)], counts[0]).p).toBeGreaterThan(1e-3);
    // the wrong claim "raw STA ∝ k" means L⁻¹·STA ∝ L⁻¹k: rejected
    expect(perpendicularChiSquare(xiSta, [forwardSolve(Lc, k)], counts[0]).p).toBeLessThan(1e-12);
    // the angles (measured: raw 43.2°, whitened 4.5°; Σk is 41.4° from k) only illustrate; the χ² tests decide
    expect(angleDeg(r.sta, k)).toBeGreaterThan(30);
    expect(angleDeg(r.whitened as Float64Array, k)).toBeLessThan(angleDeg(r.sta, k) / 4);
    // whitening by the covariance estimated from the frames adds less error than the spike noise
    const est = spikeTriggeredAverage(stimulus, counts[0], { whiten: 'frames' }).whitened as Float64Array;
    expect(angleDeg(est, r.whitened as Float64Array)).toBeLessThan(angleDeg(r.whitened as Float64Array, k));
  });
});

describe('Q3.4: a 2-D LN cell: the STA lies in span{k1, k2} along a1 k1 + a2 k2 (a biased estimate of k1)', () => {
  it('direction predicted by quadrature (k1 + 0.8 k2, 38.7° from k1): in-plane z within ±4; k1 rejected', () => {
    const D = 16, T = 50000;
    const k1 = unit(D, 0), k2 = combo([Math.SQRT1_2, Math.SQRT1_2], [unit(D, 5), unit(D, 9)]);
    const F = (u: Float64Array) => 0.15 * Math.exp(u[0]) * (1 + 0.5 * u[1]) ** 2;
    const stimulus = gaussianStimulus({ frames: T, dim: D, rng: createRng('2d-stim') });
    const { counts } = lnPoisson({ stimulus, cells: [{ filters: [k1, k2], nonlinearity: F }], rng: createRng('2d-cell') });
    const w = counts[0];
    const r = spikeTriggeredAverage(stimulus, w);
    const predicted = predictSpikeTriggered({ filters: [k1, k2], weight: F }).sta;
    expect(perpendicularChiSquare(r.sta, [k1, k2], w).p).toBeGreaterThan(1e-3); // in the plane
    // in-plane: component along e ⊥ d (e in the plane); (w_t, x_t) are iid pairs for one cell, so
    // SE² = Σ w²(e·x)²/(Σw)² (plug-in)
    const inPlaneZ = (d: Float64Array) => {
      const a = dot(d, k1), b = dot(d, k2); // d in the orthonormal plane basis; e = (−b, a)/|·|
      const en = combo([-b / Math.hypot(a, b), a / Math.hypot(a, b)], [k1, k2]);
      let num = 0, den = 0, sq = 0;
      for (let t = 0; t < T; t++) {
        if (w[t] === 0) continue;
        const p = dot(en, stimulus.data.subarray(t * D, (t + 1) * D));
        num += w[t] * p; den += w[t]; sq += (w[t] * p) ** 2;
      }
      return num / Math.sqrt(sq);
    };
    expect(Math.abs(inPlaneZ(predicted))).toBeLessThan(4);
    expect(Math.abs(inPlaneZ(k1))).toBeGreaterThan(20);
    expect(Math.abs(angleDeg(r.sta, k1) - Math.atan(0.8) * 180 / Math.PI)).toBeLessThan(3);
  });
});
