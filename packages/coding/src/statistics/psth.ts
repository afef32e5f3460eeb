import { knownKeys } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { addCounts } from './binCounts.js';
import { resolveBins, type Bins, type BinsInput } from './bins.js';
import { checkCell, checkRecording, type RecordingInput } from '../generation/spikeTrains.js';

/**
 * Peri-stimulus-time histogram of one cell over K trials.
 * @category Statistics
 */
export interface Psth {
  /** the bins the counts were taken in (width Δ, ms) */
  readonly bins: Bins;
  /** number of trials K averaged over */
  readonly trials: number;
  /** mean count per trial in each bin, P_m = (1/K) Σ_k n⁽ᵏ⁾_m */
  readonly mean: Float64Array;
  /** rate in Hz: P_m / Δ · 1000 */
  readonly rate: Float64Array;
  /** variance of the counts across trials, (1/K) Σ_k (n⁽ᵏ⁾_m − P_m)² */
  readonly variance: Float64Array;
  /** standard error of P_m: sample SD/√K (0 for one trial) */
  readonly se: Float64Array;
}

/**
 * Options of psth.
 * @category Statistics
 */
export interface PsthOptions {
  /** the cell (index into each trial). @default 0 */
  readonly cell?: number;
}

/**
 * PSTH of one cell: per bin the trial mean of the spike count, its rate in Hz, the
 * variance across trials and the standard error of the mean (the same counts as
 * numpy's `np.histogram(spikes, edges)` summed over trials).
 * @throws TypeError/RangeError for bad bins, an unsorted or non-finite train, a missing cell.
 * @category Statistics
 */
export function psth(recording: RecordingInput, bins: BinsInput, options?: PsthOptions): Psth {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['cell']);
  const cell = checkCell('cell', o.cell === undefined ? 0 : o.cell);
  const trains = checkRecording(recording, [cell]);
  return psthOf(trains.map((trial) => trial[cell]), resolveBins(bins));
}

/**
 * PSTH of already-validated trains (one per trial).
 * @category Statistics
 */
export function psthOf(trains: Float64Array[], bins: Bins): Psth {
  const M = bins.count, K = trains.length;
  const sum = new Float64Array(M), sq = new Float64Array(M);
  for (const train of trains) addCounts(train, bins, sum, sq);
  const mean = new Float64Array(M), rate = new Float64Array(M), variance = new Float64Array(M), se = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    mean[m] = sum[m] / K;
    rate[m] = (mean[m] / bins.width) * 1000;
    variance[m] = Math.max(0, sq[m] / K - mean[m] * mean[m]);
    se[m] = K > 1 ? Math.sqrt(variance[m] / (K - 1)) : 0;
  }
  return { bins, trials: K, mean, rate, variance, se };
}
