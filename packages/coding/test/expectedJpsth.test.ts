import { describe, expect, it } from 'vitest';
import { createRng, gaussLegendre } from '@neurobridge/core';
import {
  commonDriveTrials, doublyStochasticTrials, expectedJpsthCommonDrive, expectedJpsthDoublyStochastic, expectedJpsthIndependent,
  exponentialKernel, alphaKernel, jpsthGoodnessOfFit, poissonTrials, type BinMatrix, type JpsthFit,
} from '@neurobridge/coding';

// Acceptance: each of the three statistics (Bonferroni over bins, Hotelling on 4 × 4 blocks,
// total pairs) has p > 1e-3 for the true formula (fixed seeds: a correct formula fails one
// of them with probability < 3e-3), and a deliberately wrong formula gives p < 1e-6 in at
// least one of them on the same recording.
const accepted = (f: JpsthFit) => f.bonferroniP > 1e-3 && f.blocks.p > 1e-3 && f.total.p > 1e-3;
const rejected = (f: JpsthFit) => Math.min(f.bonferroniP, f.blocks.p, f.total.p) < 1e-6;

const rate = (t: number) => 25 + 15 * Math.sin(t / 50); // Hz, varies within the 40 ms bins
const bins = { start: 0, stop: 320, width: 40 };

describe('Gatsby Q3.1 — independent Poisson cells: E[J_mn] = R_m R_n', () => {
  const rec = poissonTrials({ rate, max: 40 }, { stop: 320, trials: 3000, rng: createRng('q3.1') });
  it('matches the simulation bin by bin; a gain factor (1 + γ²) that is not there is rejected', () => {
    expect(accepted(jpsthGoodnessOfFit(rec, expectedJpsthIndependent(rate, bins)))).toBe(true);
    expect(rejected(jpsthGoodnessOfFit(rec, expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.2 })))).toBe(true);
  });
  it('the binned form ρ_mρ_nΔ² is the midpoint rule: its error in Σ_mn J_mn = (∫ρ)² falls as Δ² (ratio 4 per halving)', () => {
    const total = (m: BinMatrix) => m.values.reduce((acc, v) => acc + v, 0);
    const err = (width: number) => {
      const b = { start: 0, stop: 320, width };
      return Math.abs(total(expectedJpsthIndependent(rate, b, { form: 'binned' })) / total(expectedJpsthIndependent(rate, b)) - 1);
    };
    // bins of 20 … 2.5 ms against a period of 2π·50 ms: deep in the asymptotic regime
    for (const w of [20, 10, 5]) expect(Math.abs(err(w) / err(w / 2) - 4)).toBeLessThan(0.02);
  });
});

describe('Gatsby Q3.2 — shared trial gain: E[J_mn] = (1 + γ²) R_m R_n', () => {
  it('matches the simulation; dropping the gain factor (the Q3.1 answer) is rejected', () => {
    const rec = doublyStochasticTrials({ rate, max: 40 }, { stop: 320, trials: 3000, rng: createRng('q3.2'), gainVariance: 0.3 });
    expect(accepted(jpsthGoodnessOfFit(rec, expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.3 })))).toBe(true);
    expect(rejected(jpsthGoodnessOfFit(rec, expectedJpsthIndependent(rate, bins)))).toBe(true);
  });
});

describe('Gatsby Q3.3 — common drive: E[J_mn] = R_m R_n + α² ∫ρ⁽³⁾ K_m K_n dτ', () => {
  const model = { driverRate: 40, kernel: exponentialKernel({ tau: 15 }), alpha: 0.6, driveStart: -20 };
  const cdBins = { start: 0, stop: 200, width: 25 };
  it('matches the simulation; α instead of α² is rejected, and so is the binned form for a kernel as fast as the bins', () => {
    const rec = commonDriveTrials({ ...model, stop: 200, trials: 3000, rng: createRng('q3.3') });
    expect(accepted(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(model, cdBins)))).toBe(true);
    // α·C instead of α²·C: the same closed form with α' = √α
    expect(rejected(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive({ ...model, alpha: Math.sqrt(model.alpha) }, cdBins)))).toBe(true);
    expect(rejected(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(model, cdBins, { form: 'binned' })))).toBe(true);
  });
  it('alpha kernel and a time-varying driver: matches the simulation', () => {
    const m2 = { driverRate: { rate: (t: number) => 30 + 20 * Math.cos(t / 30), max: 50 }, kernel: alphaKernel({ tau: 5 }), alpha: 0.8 };
    // 6000 trials: the kernel (τ = 5 ms) is short against the 25 ms bins, so the α² term is a small part of J
    const rec = commonDriveTrials({ ...m2, stop: 200, trials: 6000, rng: createRng('q3.3 alpha') });
    expect(accepted(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(m2, cdBins)))).toBe(true);
    expect(rejected(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive({ ...m2, alpha: Math.sqrt(m2.alpha) }, cdBins)))).toBe(true);
  });
  it('the single integral equals the double integral of the closed-form covariance (exponential kernel, constant driver)', () => {
    // Cov[λ(t), λ(t′)] = α²ρ₃/(2τ)·(e^{−|t−t′|/τ} − e^{−(t+t′−2t₀)/τ}) for a driver from t₀
    const { alpha, driveStart: t0 } = model, tau = 15, r3 = 0.04;
    const cov = (t: number, s: number) => ((alpha * alpha * r3) / (2 * tau)) * (Math.exp(-Math.abs(t - s) / tau) - Math.exp(-(t + s - 2 * t0) / tau));
    const rule = gaussLegendre(40);
    const integrate1 = (a: number, b: number, g: (x: number) => number) => {
      let s = 0;
      for (let i = 0; i < 40; i++) s += rule.weights[i] * g(0.5 * (a + b) + 0.5 * (b - a) * rule.nodes[i]);
      return 0.5 * (b - a) * s;
    };
    // inner integral split at t′ = t, where |t − t′| has its kink
    const double = (a: number, b: number, c: number, d: number) => integrate1(a, b, (t) => {
      const cut = Math.min(Math.max(t, c), d);
      return integrate1(c, cut, (s) => cov(t, s)) + integrate1(cut, d, (s) => cov(t, s));
    });
    const withCov = expectedJpsthCommonDrive(model, cdBins).values;
    const noCov = expectedJpsthCommonDrive({ ...model, alpha: 0 }, cdBins).values;
    // R_m R_n is the same with α = 0 (ρ does not depend on α), so the difference is α²C
    for (const [m, n] of [[0, 0], [0, 1], [3, 3], [2, 5], [7, 0], [7, 7]]) {
      const ref = double(25 * m, 25 * m + 25, 25 * n, 25 * n + 25);
      const got = withCov[m * 8 + n] - noCov[m * 8 + n];
      expect(Math.abs(got - ref)).toBeLessThan(1e-12 * Math.max(1e-3, Math.abs(ref)));
    }
  });
  it('bounds its work and rejects bad options', () => {
    expect(() => expectedJpsthCommonDrive(model, { stop: 2000, width: 1 }, { maxWork: 1e6 })).toThrow(/maxWork must be >= the common-drive quadrature's .* multiply-adds \(2000 bins, kernel support 552\.6\d* ms\); got 1000000/);
    expect(() => expectedJpsthCommonDrive(model, cdBins, { form: 'midpoint' as never })).toThrow(/form must be 'exact' or 'binned'; got "midpoint"/);
    expect(() => expectedJpsthDoublyStochastic(rate, bins, {} as never)).toThrow(/gainVariance must be a number; got undefined/);
  });
});

describe('jpsthGoodnessOfFit calibration', () => {
  it('under the true model, p < 0.05 in about 5% of 40 replicate recordings (binomial bound)', () => {
    let small = 0;
    const E: BinMatrix = expectedJpsthIndependent(20, { stop: 200, width: 50 });
    for (let r = 0; r < 40; r++) {
      const rec = poissonTrials(20, { stop: 200, trials: 400, rng: createRng(`calib ${r}`) });
      if (jpsthGoodnessOfFit(rec, E, { blocks: 2, minExpectedPairs: 10 }).blocks.p < 0.05) small++;
    }
    // X ~ Binomial(40, 0.05): P(X ≥ 8) = 1.6e-3
    expect(small).toBeLessThan(8);
  });
});
