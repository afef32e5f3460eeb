import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { alphaKernel, commonDriveTrials, exponentialKernel, resolveCommonDrive, type CommonDriveModel } from '@neurobridge/coding';
import { uniformityP } from './helpers.js';

/**
 * Time rescaling with the conditional intensity given the driver's spikes,
 *   Λ(t) = (1 − α)∫_start^t ρ + α Σ_j [K(t − τ_j) − K(max(start − τ_j, 0))],
 * the exact statement of the model: rescaled gaps must be Exp(1).
 */
function rescaled(model: CommonDriveModel, stop: number, trains: Float64Array[], drivers: Float64Array[], alphaUsed: number): Float64Array {
  const m = resolveCommonDrive({ ...model, stop });
  const u: number[] = [];
  trains.forEach((train, k) => {
    const s3 = drivers[k];
    const L = (t: number) => {
      let v = (1 - alphaUsed) * m.rate.cumulative(t);
      for (const tau of s3) if (tau < t) v += alphaUsed * (m.kernel.cumulative(t - tau) - m.kernel.cumulative(Math.max(-tau, 0)));
      return v;
    };
    let prev = 0;
    for (const t of train) { const l = L(t); u.push(Math.exp(-(l - prev))); prev = l; }
  });
  return Float64Array.from(u);
}

describe('commonDriveTrials — exact simulation of λ = (1 − α)ρ + α k ∗ s⁽³⁾', () => {
  const cases: [string, CommonDriveModel][] = [
    ['exponential kernel, driver from −50 ms', { driverRate: 40, kernel: exponentialKernel({ tau: 8 }), alpha: 0.7, driveStart: -50 }],
    ['alpha kernel, sinusoidal driver', { driverRate: { rate: (t: number) => 30 + 20 * Math.sin(t / 40), max: 50 }, kernel: alphaKernel({ tau: 6 }), alpha: 0.5 }],
  ];
  for (const [label, model] of cases) {
    it(`${label}: rescaled by the conditional intensity, gaps are Exp(1) (power: half the α is rejected)`, () => {
      const r = commonDriveTrials({ ...model, stop: 600, trials: 400, rng: createRng(label) });
      const drivers = r.driver as Float64Array[];
      for (const c of [0, 1]) {
        const trains = r.trains.map((t) => t[c]);
        expect(uniformityP(rescaled(model, 600, trains, drivers, model.alpha))).toBeGreaterThan(1e-4);
        expect(uniformityP(rescaled(model, 600, trains, drivers, model.alpha / 2))).toBeLessThan(1e-4);
      }
    }, 30_000); // O(spikes × driver spikes) rescaling, ~2 s alone, more on a loaded machine
  }
  it('the driver starts at driveStart and the observed spikes stay in the window; same seed, same bits', () => {
    const model = cases[0][1];
    const a = commonDriveTrials({ ...model, stop: 300, trials: 20, rng: createRng(5) });
    const b = commonDriveTrials({ ...model, stop: 300, trials: 20, rng: createRng(5) });
    expect(a.trains.map((t) => Array.from(t[1]))).toEqual(b.trains.map((t) => Array.from(t[1])));
    const drivers = a.driver as Float64Array[];
    expect(Math.min(...drivers.map((d) => d[0]))).toBeLessThan(0);
    for (const trial of a.trains) for (const train of trial) if (train.length) { expect(train[0]).toBeGreaterThanOrEqual(0); expect(train[train.length - 1]).toBeLessThan(300); }
  });
  it('rejects α outside [0, 1], a late driveStart, a non-kernel, naming them', () => {
    const base = { driverRate: 10, kernel: exponentialKernel({ tau: 5 }), stop: 100, trials: 2, rng: createRng(1) };
    expect(() => commonDriveTrials({ ...base, alpha: 1.5 })).toThrow(/alpha must be in \[0, 1\]; got 1.5/);
    expect(() => commonDriveTrials({ ...base, alpha: 0.5, driveStart: 10 })).toThrow(/driveStart must be <= start = 0 \(ms\); got 10/);
    expect(() => commonDriveTrials({ ...base, alpha: 0.5, kernel: ((s: number) => s) as never })).toThrow(/kernel must be a Kernel from exponentialKernel, alphaKernel or customKernel/);
    expect(() => commonDriveTrials({ ...base, alpha: 0.5, alhpa: 0.5 } as never)).toThrow(/options.alhpa is not an option \(did you mean alpha\?/);
    expect(() => commonDriveTrials({ ...base, alpha: 0.5, trials: 1e6, stop: 1e4 })).toThrow(/maxSpikes must be >= the expected number of spikes and candidates/);
  });
});
