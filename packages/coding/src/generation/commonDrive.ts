import { finiteNumber, show, type Rng } from '@neurobridge/core';
import { checkRng, requiredOptions } from '../options.js';
import { driveRate, scaleRate } from './driveRate.js';
import type { Kernel } from './kernels.js';
import { poissonSampler } from './poisson.js';
import { poissonCountOf } from './randomVariates.js';
import { resolveRate, type RateInput, type RateModel } from './rate.js';
import { trialShape, type SpikeRecording, type TrialOptions } from './trials.js';
import { resolveWindow, type Window } from './window.js';

/**
 * The common-drive model of Gatsby Q3.3.
 * @category Generation
 */
export interface CommonDriveModel {
  /** ρ⁽³⁾(t), the unobserved cell's rate (Hz); it must cover [driveStart, stop) */
  readonly driverRate: RateInput;
  /** the causal positive filter k (exponentialKernel, alphaKernel or customKernel) */
  readonly kernel: Kernel;
  /** α in [0, 1]: the share of the intensity that comes through the driver */
  readonly alpha: number;
  /** when the driver starts firing, ms (≤ start): spikes before the window drive it too. @default start */
  readonly driveStart?: number;
}

/**
 * Options of commonDriveTrials: the model plus the trial options.
 * @category Generation
 */
export interface CommonDriveOptions extends TrialOptions, CommonDriveModel {}

/**
 * A validated common-drive model over a window.
 * @category Generation
 */
export interface ResolvedCommonDrive {
  /** the observed cells' window [start, stop), ms */
  readonly window: Window;
  /** t₀, when the driver starts firing, ms (≤ window.start) */
  readonly driveStart: number;
  /** α in [0, 1], the share of the intensity that comes through the driver */
  readonly alpha: number;
  /** the filter k, checked causal and positive when it was built */
  readonly kernel: Kernel;
  /** ρ⁽³⁾ over [driveStart, stop] */
  readonly driver: RateModel;
  /** ρ = k ∗ ρ⁽³⁾ over [start, stop] */
  readonly rate: RateModel;
}

/**
 * Validate a common-drive model on a window.
 * @throws RangeError for α outside [0, 1], driveStart after start, or a kernel that is not
 *   a Kernel object (build it with exponentialKernel, alphaKernel or customKernel, which
 *   check causality and positivity).
 * @category Generation
 */
export function resolveCommonDrive(m: CommonDriveModel & { start?: number; stop: number; quadratureStep?: number }): ResolvedCommonDrive {
  const window = resolveWindow(m);
  const alpha = finiteNumber('alpha', m.alpha);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1]; got ${alpha}`);
  const kernel = m.kernel;
  if (kernel === null || typeof kernel !== 'object' || typeof kernel.cumulative !== 'function' || typeof kernel.sampleLag !== 'function') {
    throw new TypeError(`kernel must be a Kernel from exponentialKernel, alphaKernel or customKernel; got ${show(kernel)}`);
  }
  const driveStart = finiteNumber('driveStart', m.driveStart === undefined ? window.start : m.driveStart);
  if (driveStart > window.start) throw new RangeError(`driveStart must be <= start = ${window.start} (ms); got ${driveStart}`);
  const q = m.quadratureStep === undefined ? {} : { quadratureStep: m.quadratureStep };
  const driver = resolveRate('driverRate', m.driverRate, driveStart, window.stop, q);
  return { window, driveStart, alpha, kernel, driver, rate: driveRate(driver, kernel, driveStart, window.start, window.stop) };
}

/**
 * Common-drive trials, Gatsby Q3.3, simulated exactly (no time grid). Given the driver's
 * spikes s⁽³⁾ = Σ_j δ(t − τ_j), each observed cell is an inhomogeneous Poisson process with
 *   λ(t) = (1 − α)ρ(t) + α Σ_j k(t − τ_j),
 * which is the superposition of independent Poisson processes: one with rate (1 − α)ρ(t)
 * (drawn by thinning under the bound (1 − α)·max ρ⁽³⁾·∫k, or by time rescaling), and one per
 * driver spike with rate αk(t − τ_j): Poisson(α[K(stop − τ_j) − K(max(start − τ_j, 0))])
 * spikes at lags drawn from k by inverse CDF. The cells are independent given s⁽³⁾.
 * Streams: trial k's driver from rng.substream(`trial ${k}`).substream('driver'), cell c's
 * spikes from .substream(`cell ${c}`).
 * @throws as resolveCommonDrive and the trial options; RangeError when the expected number
 *   of spikes (driver and observed, thinning candidates included) exceeds maxSpikes.
 * @category Generation
 */
export function commonDriveTrials(options: CommonDriveOptions): SpikeRecording {
  const o = requiredOptions(options, ['start', 'stop', 'trials', 'cells', 'rng', 'method', 'maxSpikes', 'quadratureStep', 'driverRate', 'kernel', 'alpha', 'driveStart']);
  const model = resolveCommonDrive(o);
  const { trials, cells } = trialShape(o);
  const rng = checkRng(o.rng);
  checkExpectedSpikes(model, trials, cells, o.maxSpikes);
  const driverSampler = poissonSampler(model.driver, o.method, Number.MAX_SAFE_INTEGER, 1);
  const background = poissonSampler(scaleRate(model.rate, 1 - model.alpha), o.method, Number.MAX_SAFE_INTEGER, 1);
  const trains: Float64Array[][] = [];
  const driver: Float64Array[] = [];
  for (let k = 0; k < trials; k++) {
    const rk = rng.substream(`trial ${k}`);
    const s3 = driverSampler(rk.substream('driver'));
    driver.push(s3);
    trains.push(Array.from({ length: cells }, (_, c) => {
      const rc = rk.substream(`cell ${c}`);
      return mergeSorted(background(rc), drivenSpikes(model, s3, rc));
    }));
  }
  return { trains, driver, start: model.window.start, stop: model.window.stop };
}

/** Expected spikes of a call: driver Λ⁽³⁾ plus, per cell, (1 − α)Λ + α∫k·Λ⁽³⁾ (or the thinning candidates). */
function checkExpectedSpikes(m: ResolvedCommonDrive, trials: number, cells: number, maxSpikes: unknown): void {
  const cap = maxSpikes === undefined ? 1e8 : finiteNumber('maxSpikes', maxSpikes);
  const span = m.window.stop - m.window.start;
  const driverCount = Number.isFinite(m.driver.bound) ? m.driver.bound * (m.window.stop - m.driveStart) : m.driver.cumulative(m.driver.hi);
  const backgroundCount = Number.isFinite(m.rate.bound) ? (1 - m.alpha) * m.rate.bound * span : (1 - m.alpha) * m.rate.cumulative(m.rate.hi);
  const expected = trials * (driverCount + cells * (backgroundCount + m.alpha * m.kernel.total * driverCount));
  if (!(expected <= cap)) throw new RangeError(`maxSpikes must be >= the expected number of spikes and candidates (${expected.toPrecision(4)} for ${trials} trials × ${cells} cells); got ${cap}`);
}

/** The spikes one cell fires through the driver: for each τ_j, Poisson(α ΔK) lags from k. */
function drivenSpikes(m: ResolvedCommonDrive, s3: Float64Array, rng: Rng): Float64Array {
  const { start, stop } = m.window;
  const out: number[] = [];
  for (let j = 0; j < s3.length; j++) {
    const tau = s3[j];
    const lo = Math.max(start - tau, 0), hi = stop - tau;
    const n = poissonCountOf(rng, m.alpha * (m.kernel.cumulative(hi) - m.kernel.cumulative(lo)));
    for (let i = 0; i < n; i++) {
      const t = tau + m.kernel.sampleLag(rng, lo, hi);
      if (t >= start && t < stop) out.push(t); // rounding of τ + s may touch an edge
    }
  }
  return Float64Array.from(out).sort();
}

/**
 * The union of two sorted trains, sorted.
 * @category Generation
 */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
