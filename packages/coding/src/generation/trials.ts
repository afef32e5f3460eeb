import { functionArg, integerInRange, nonNegativeNumber, show, type Rng } from '@neurobridge/core';
import { checkRng, requiredOptions } from '../options.js';
import { scaleRate } from './driveRate.js';
import { DEFAULT_MAX_SPIKES, expectedDraws, poissonSampler, type PoissonMethod } from './poisson.js';
import { gammaVariate } from './randomVariates.js';
import { resolveRate, type RateInput } from './rate.js';
import { resolveWindow, type WindowInput } from './window.js';

/**
 * Simulated trials: trains[k][c] is cell c on trial k (sorted spike times, ms).
 * @category Generation
 */
export interface SpikeRecording {
  /** trains[k][c]: the sorted spike times (ms) of cell c on trial k, all in [start, stop) */
  readonly trains: Float64Array[][];
  /** start of the window the spikes were drawn on, ms */
  readonly start: number;
  /** end of that window, ms (no spike at or after it) */
  readonly stop: number;
  /** doubly stochastic trials: the gain g⁽ᵏ⁾ of each trial */
  readonly gains?: Float64Array;
  /** common drive: the unobserved cell's spikes on each trial (from driveStart on) */
  readonly driver?: Float64Array[];
}

/**
 * Options shared by the trial generators.
 * @category Generation
 */
export interface TrialOptions extends WindowInput {
  /** number of trials K. */
  readonly trials: number;
  /** number of observed cells, all with the same mean rate. @default 2 */
  readonly cells?: number;
  /** the generator; trial k draws from rng.substream(`trial ${k}`), so trial k does not depend on K */
  readonly rng: Rng;
  /** how each train is drawn (see poissonProcess). @default 'thinning' where a bound is known */
  readonly method?: PoissonMethod;
  /** bound on all spikes (thinning: candidates) of the call, checked up front. @default 1e8 */
  readonly maxSpikes?: number;
  /** panel width (ms) of Λ for a rate function. @default (stop − start)/512 */
  readonly quadratureStep?: number;
}

const TRIAL_KEYS = ['start', 'stop', 'trials', 'cells', 'rng', 'method', 'maxSpikes', 'quadratureStep'];

/**
 * Largest number of trials × cells one call may generate.
 * @category Generation
 */
export const MAX_TRAINS = 10_000_000;

/**
 * The trials and cells asked for, checked together.
 * @category Generation
 */
export function trialShape(o: { trials: unknown; cells?: unknown }): {
  /** number of trials K, an integer ≥ 1 */
  trials: number;
  /** number of cells per trial, an integer ≥ 1 (2 when not given) */
  cells: number;
} {
  const trials = integerInRange('trials', o.trials, 1);
  const cells = integerInRange('cells', o.cells === undefined ? 2 : o.cells, 1);
  if (trials * cells > MAX_TRAINS) throw new RangeError(`trials × cells must be at most ${MAX_TRAINS}; got ${trials} × ${cells}`);
  return { trials, cells };
}

/**
 * Independent inhomogeneous Poisson cells with the same rate ρ(t) on every trial (Gatsby
 * Q3.1's model): K trials × C cells.
 * @category Generation
 */
export function poissonTrials(rate: RateInput, options: TrialOptions): SpikeRecording {
  return doublyStochasticTrials(rate, { ...requiredOptions(options, TRIAL_KEYS), gainVariance: 0 });
}

/**
 * Options of doublyStochasticTrials.
 * @category Generation
 */
export interface DoublyStochasticOptions extends TrialOptions {
  /** γ², the variance of the gain (mean 1). @default 0 */
  readonly gainVariance?: number;
  /**
   * draws one gain g ≥ 0 from its rng; default: Gamma with shape 1/γ² and scale γ² (mean 1,
   * variance γ²), or g = 1 when γ² = 0. A custom sampler should have mean 1 and variance γ²
   * for the closed form of Q3.2 to apply.
   */
  readonly sampleGain?: (rng: Rng) => number;
}

/**
 * Doubly stochastic trials, Gatsby Q3.2: on trial k every cell fires as an inhomogeneous
 * Poisson process with intensity λ⁽ᵏ⁾(t) = g⁽ᵏ⁾ρ(t); the gain is shared by the cells of a
 * trial and drawn independently across trials (from rng.substream(`trial ${k}`).substream('gain')).
 * @throws TypeError/RangeError for bad options; RangeError when the expected number of
 *   spikes exceeds maxSpikes, or a custom gain is negative or not finite.
 * @category Generation
 */
export function doublyStochasticTrials(rate: RateInput, options: DoublyStochasticOptions): SpikeRecording {
  const o = requiredOptions(options, [...TRIAL_KEYS, 'gainVariance', 'sampleGain']);
  const w = resolveWindow(o);
  const { trials, cells } = trialShape(o);
  const rng = checkRng(o.rng);
  const gamma2 = nonNegativeNumber('gainVariance', o.gainVariance === undefined ? 0 : o.gainVariance);
  const sampleGain = o.sampleGain === undefined ? gammaGain(gamma2) : functionArg('sampleGain', o.sampleGain);
  const model = resolveRate('rate', rate, w.start, w.stop, o.quadratureStep === undefined ? {} : { quadratureStep: o.quadratureStep });
  // the up-front bound uses E[g] = 1; each trial's sampler is built for its own gain, and the
  // gains actually drawn are charged to maxSpikes as they come (a heavy-tailed sampleGain
  // cannot run away with the call)
  poissonSampler(model, o.method, o.maxSpikes, trials * cells);
  const cap = o.maxSpikes === undefined ? DEFAULT_MAX_SPIKES : (o.maxSpikes as number);
  const { perTrain } = expectedDraws(model, o.method);
  const gains = new Float64Array(trials);
  const trains: Float64Array[][] = [];
  let charged = 0;
  for (let k = 0; k < trials; k++) {
    const rk = rng.substream(`trial ${k}`);
    gains[k] = checkGain(sampleGain(rk.substream('gain')), k);
    charged += gains[k] * perTrain * cells;
    if (!(charged <= cap)) {
      const source = o.sampleGain === undefined ? `Gamma with gainVariance = ${gamma2}` : 'sampleGain';
      throw new RangeError(`maxSpikes must be >= the expected number of spikes with the gains drawn by ${source} (${charged.toPrecision(4)} by trial ${k}, whose gain is ${gains[k]}); got ${cap}`);
    }
    const draw = poissonSampler(scaleRate(model, gains[k]), o.method, Number.MAX_SAFE_INTEGER, 1);
    trains.push(Array.from({ length: cells }, (_, c) => draw(rk.substream(`cell ${c}`))));
  }
  return { trains, start: w.start, stop: w.stop, ...(gamma2 > 0 || o.sampleGain ? { gains } : {}) };
}

/**
 * Gamma(1/γ², scale γ²): mean 1, variance γ²; the constant 1 when γ² = 0.
 * @category Generation
 */
export function gammaGain(gainVariance: number): (rng: Rng) => number {
  nonNegativeNumber('gainVariance', gainVariance);
  if (gainVariance === 0) return () => 1;
  return (rng) => gainVariance * gammaVariate(rng, 1 / gainVariance);
}

function checkGain(g: unknown, k: number): number {
  if (typeof g !== 'number' || !(g >= 0) || g === Infinity) throw new RangeError(`sampleGain must return a finite gain >= 0; got ${show(g)} on trial ${k}`);
  return g;
}
