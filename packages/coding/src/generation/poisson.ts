import { integerInRange, show, type Rng } from '@neurobridge/core';
import { checkRng, requiredOptions } from '../options.js';
import { exponentialOf } from './randomVariates.js';
import { MAX_TRAIN_LENGTH } from './spikeTrains.js';
import { resolveRate, type RateInput, type RateModel } from './rate.js';
import { resolveWindow, type WindowInput } from './window.js';

/**
 * How an inhomogeneous Poisson process is drawn.
 * @category Generation
 */
export type PoissonMethod = 'thinning' | 'rescaling';

/**
 * Default bound on the spikes (or thinning candidates) one call may draw.
 * @category Generation
 */
export const DEFAULT_MAX_SPIKES = 100_000_000;

/**
 * Options of poissonProcess.
 * @category Generation
 */
export interface PoissonProcessOptions extends WindowInput {
  /** the generator (core's createRng); the same seed gives the same spikes */
  readonly rng: Rng;
  /**
   * 'thinning' (Lewis & Shedler 1979: candidates at the bound B, each kept with probability
   * ρ(t)/B; needs a bound: constant and sampled rates have one, a function needs { rate, max })
   * or 'rescaling' (time rescaling: t_i = Λ⁻¹(e_1 + … + e_i), e unit exponentials; exact
   * for sampled rates, Gauss–Legendre Λ for functions). @default 'thinning' when a bound is
   * known, else 'rescaling'
   */
  readonly method?: PoissonMethod;
  /** bound on the spikes (thinning: candidates) drawn, checked up front against the expected number. @default 1e8 */
  readonly maxSpikes?: number;
  /** panel width (ms) of Λ for a rate function. @default (stop − start)/512 */
  readonly quadratureStep?: number;
}

const OPTION_KEYS = ['start', 'stop', 'rng', 'method', 'maxSpikes', 'quadratureStep'];

/**
 * One inhomogeneous Poisson spike train on [start, stop) (ms) with rate ρ(t) (Hz): the
 * counts in disjoint intervals are independent Poisson with means ∫ρ dt/1000.
 * @throws TypeError/RangeError for bad options or rates; RangeError when the expected number
 *   of spikes (thinning: of candidates) exceeds maxSpikes, or when a rate function exceeds
 *   its stated bound.
 * @category Generation
 */
export function poissonProcess(rate: RateInput, options: PoissonProcessOptions): Float64Array {
  const o = requiredOptions(options, OPTION_KEYS);
  const w = resolveWindow(o);
  const model = resolveRate('rate', rate, w.start, w.stop, o.quadratureStep === undefined ? {} : { quadratureStep: o.quadratureStep });
  const draw = poissonSampler(model, o.method, o.maxSpikes, 1);
  return draw(checkRng(o.rng));
}

/**
 * A sampler of Poisson trains for a resolved rate, validated once for `trains` draws:
 * returns rng ↦ sorted spike times in [lo, hi).
 * @category Generation
 */
export function poissonSampler(model: RateModel, method: unknown, maxSpikes: unknown, trains: number): (rng: Rng) => Float64Array {
  const { chosen, perTrain } = expectedDraws(model, method);
  const cap = maxSpikes === undefined ? DEFAULT_MAX_SPIKES : integerInRange('maxSpikes', maxSpikes, 1);
  const what = chosen === 'thinning' ? 'thinning candidates' : 'spikes';
  if (!(perTrain * trains <= cap)) {
    throw new RangeError(`maxSpikes must be >= the expected number of ${what} (${(perTrain * trains).toPrecision(4)} over ${trains} train(s)); got ${cap}: the rate over [${model.lo}, ${model.hi}) ms asks for them; lower the rate, shorten the window or raise maxSpikes`);
  }
  if (!(perTrain <= MAX_TRAIN_LENGTH)) {
    throw new RangeError(`rate × (stop − start) must leave at most ${MAX_TRAIN_LENGTH} expected ${what} in one train (the longest array a train can be); got ${perTrain.toPrecision(4)} over [${model.lo}, ${model.hi}) ms`);
  }
  // a single train may exceed its mean by far only with negligible probability: 10 σ + 100
  const trainCap = Math.ceil(perTrain + 10 * Math.sqrt(perTrain) + 100);
  return chosen === 'thinning' ? (rng) => thinning(model, rng, trainCap) : (rng) => rescaling(model, rng, trainCap);
}

/**
 * The method used for a resolved rate (`method`, or thinning where a bound is known) and the
 * expected number of draws of one train: Λ(hi) spikes (rescaling) or bound·(hi − lo)
 * candidates (thinning).
 * @category Generation
 */
export function expectedDraws(model: RateModel, method: unknown): {
  /** the method that will draw the trains */
  chosen: PoissonMethod;
  /** expected draws of one train: spikes (rescaling) or thinning candidates */
  perTrain: number;
} {
  const chosen = method === undefined ? (Number.isFinite(model.bound) ? 'thinning' : 'rescaling') : method;
  if (chosen !== 'thinning' && chosen !== 'rescaling') throw new RangeError(`method must be 'thinning' or 'rescaling'; got ${show(method)}`);
  if (chosen === 'thinning' && !Number.isFinite(model.bound)) {
    throw new TypeError("method 'thinning' needs a bound on the rate: give the rate as { rate, max } (Hz), or use method 'rescaling'");
  }
  return { chosen, perTrain: chosen === 'thinning' ? model.bound * (model.hi - model.lo) : model.cumulative(model.hi) };
}

/** Lewis–Shedler thinning: candidates of a rate-B process, kept with probability ρ(t)/B. */
function thinning(model: RateModel, rng: Rng, cap: number): Float64Array {
  const B = model.bound;
  const out: number[] = [];
  if (!(B > 0)) return new Float64Array(0);
  let t = model.lo;
  for (let n = 0; n < cap; n++) {
    t += exponentialOf(rng) / B;
    if (t >= model.hi) return Float64Array.from(out);
    const r = model.at(t);
    if (r > B) throw new RangeError(`the rate's bound must hold on the window: rate(${t}) = ${r * 1e3} Hz > max = ${B * 1e3} Hz`);
    if (rng.uniform() * B < r) out.push(t);
  }
  throw new RangeError(`a train drew more than ${cap} thinning candidates (10 standard deviations above the mean): the rate's bound or the window is inconsistent`);
}

/** Time rescaling: t_i = Λ⁻¹(e_1 + … + e_i) with unit-mean exponential e. */
function rescaling(model: RateModel, rng: Rng, cap: number): Float64Array {
  const total = model.cumulative(model.hi);
  const out: number[] = [];
  let s = 0;
  for (let n = 0; n < cap; n++) {
    s += exponentialOf(rng);
    if (s >= total) return Float64Array.from(out);
    const t = model.inverseCumulative(s);
    if (t < model.hi) out.push(t); // Λ⁻¹ may round onto hi itself, which is outside [lo, hi)
  }
  throw new RangeError(`a train drew more than ${cap} spikes (10 standard deviations above the mean ${total})`);
}
