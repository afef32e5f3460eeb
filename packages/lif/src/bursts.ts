import { finiteNumber, integerInRange, knownKeys, show } from '@neurobridge/core';

/**
 * One burst: a maximal run of spikes whose consecutive intervals are all ≤ maxGap.
 * @category Analysis
 */
export interface Burst {
  /** first spike time, ms */
  readonly start: number;
  /** last spike time, ms */
  readonly end: number;
  /** number of spikes */
  readonly count: number;
}

/**
 * mean, standard deviation (population), min, max and number of values, as returned by
 * {@link stats}. Every field but n is NaN for an empty list.
 * @category Analysis
 */
export interface Stats {
  /** arithmetic mean Σv/n */
  readonly mean: number;
  /** population standard deviation √(Σ(v − mean)²/n) */
  readonly std: number;
  /** smallest value */
  readonly min: number;
  /** largest value */
  readonly max: number;
  /** number of values */
  readonly n: number;
}

/**
 * What {@link findBursts} returns: every burst, and statistics over the complete ones (after
 * the skipped leading bursts and without a last burst that may have been cut off). Times in ms.
 * @category Analysis
 */
export interface BurstAnalysis {
  /** every burst, in time order (single spikes are bursts of count 1) */
  readonly bursts: Burst[];
  /** over the complete bursts (see FindBurstsOptions.duration) */
  readonly spikesPerBurst: Stats;
  /** end − start of each complete burst, ms */
  readonly burstDuration: Stats;
  /** start of the next burst − end of this one, ms (between consecutive bursts) */
  readonly silentDuration: Stats;
  /** start of the next burst − start of this one, ms */
  readonly period: Stats;
}

/**
 * Options of {@link findBursts}. Times in ms.
 * @category Analysis
 */
export interface FindBurstsOptions {
  /** largest interspike interval inside a burst, ms (> 0). */
  readonly maxGap: number;
  /**
   * Length of the recording, ms. When given, a last burst that ends within maxGap of it may
   * have been cut off and is left out of the statistics (still listed in bursts).
   * @default undefined (all bursts count)
   */
  readonly duration?: number;
  /** Number of leading bursts left out of the statistics (an initial transient). @default 0 */
  readonly skip?: number;
}

/**
 * Summary statistics of a list of finite numbers (NaN fields and n = 0 for an empty list).
 * When a sum overflows (values near ±1.8e308) it is redone on values scaled by 1/max|v|.
 * @throws TypeError for a non-number, RangeError for NaN or ±Infinity (naming values[i]).
 * @category Analysis
 */
export function stats(values: ArrayLike<number>): Stats {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new TypeError(`values must be an array-like of finite numbers; got ${show(values)}`);
  }
  const n = values.length;
  for (let i = 0; i < n; i++) finiteNumber(`values[${i}]`, values[i]);
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, n: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  let mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  if (Number.isFinite(ss)) return { mean, std: Math.sqrt(ss / n), min, max, n };
  // Overflow: the same formulas on v/scale (exact scaling by a power of two), then scaled back.
  const scale = 2 ** Math.min(1023, Math.ceil(Math.log2(Math.max(Math.abs(min), Math.abs(max)))));
  let sumS = 0;
  for (let i = 0; i < n; i++) sumS += values[i] / scale;
  const meanS = sumS / n;
  ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] / scale - meanS) ** 2;
  mean = meanS * scale;
  return { mean, std: Math.sqrt(ss / n) * scale, min, max, n };
}

/**
 * Split a spike train into bursts (maximal runs with every interspike interval ≤ maxGap)
 * and summarise them: spikes per burst, burst duration, silent duration between bursts and
 * period (start to start). Used for the bursting regime of Gatsby 2021 Q1.4.
 * @throws RangeError for a non-increasing spike train or a bad maxGap/duration/skip;
 *   TypeError for a value of the wrong kind (a string, null) or an unknown options key.
 * @category Analysis
 */
export function findBursts(spikes: ArrayLike<number>, options: FindBurstsOptions): BurstAnalysis {
  if (spikes === null || typeof spikes !== 'object' || typeof spikes.length !== 'number') throw new TypeError(`spikes must be an array of spike times (ms); got ${show(spikes)}`);
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object with maxGap; got ${show(options)}`);
  knownKeys('options', options, ['maxGap', 'duration', 'skip']);
  const { maxGap, duration, skip = 0 } = options;
  if (typeof maxGap !== 'number') throw new TypeError(`options.maxGap must be a number; got ${show(maxGap)}`);
  if (!Number.isFinite(maxGap) || !(maxGap > 0)) throw new RangeError(`maxGap must be finite and > 0 (ms); got ${maxGap}`);
  if (duration !== undefined && typeof duration !== 'number') throw new TypeError(`options.duration must be a number; got ${show(duration)}`);
  if (duration !== undefined && !Number.isFinite(duration)) throw new RangeError(`duration must be a finite number (ms); got ${duration}`);
  integerInRange('skip', skip, 0);
  const bursts: Burst[] = [];
  let start = 0;
  for (let i = 0; i < spikes.length; i++) {
    const t = spikes[i];
    if (typeof t !== 'number') throw new TypeError(`spikes[${i}] must be a number; got ${show(t)}`);
    if (!Number.isFinite(t)) throw new RangeError(`spikes[${i}] must be a finite time; got ${t}`);
    if (i > 0 && !(t > spikes[i - 1])) throw new RangeError(`spikes must be strictly increasing; spikes[${i}] = ${t} <= spikes[${i - 1}] = ${spikes[i - 1]}`);
    if (i > 0 && t - spikes[i - 1] > maxGap) {
      bursts.push({ start: spikes[start], end: spikes[i - 1], count: i - start });
      start = i;
    }
  }
  if (spikes.length > 0) bursts.push({ start: spikes[start], end: spikes[spikes.length - 1], count: spikes.length - start });

  let last = bursts.length;
  if (duration !== undefined && last > 0 && bursts[last - 1].end + maxGap >= duration) last--;
  const complete = bursts.slice(Math.min(skip, last), last);
  const next = bursts.slice(Math.min(skip, last) + 1, last + 1 > bursts.length ? bursts.length : last + 1);
  const gaps: number[] = [];
  const periods: number[] = [];
  for (let k = 0; k < complete.length && k < next.length; k++) {
    gaps.push(next[k].start - complete[k].end);
    periods.push(next[k].start - complete[k].start);
  }
  return {
    bursts,
    spikesPerBurst: stats(complete.map((b) => b.count)),
    burstDuration: stats(complete.map((b) => b.end - b.start)),
    silentDuration: stats(gaps),
    period: stats(periods),
  };
}
