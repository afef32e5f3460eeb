import { integerInRange, knownKeys } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { pairSums } from './binCounts.js';
import { resolveBins, type BinsInput } from './bins.js';
import { checkBinMatrix, checkCells, checkJpsth, checkJpsthSize, type BinMatrix, type Jpsth } from './jpsth.js';
import { checkRecording, type RecordingInput } from '../generation/spikeTrains.js';

/**
 * The PSTH predictor P⁽¹⁾_m P⁽²⁾_n: the JPSTH expected if the cells were independent and
 * every trial alike (Aertsen et al. 1989). It is the average of n⁽¹ᵏ⁾ ⊗ n⁽²ˡ⁾ over all K²
 * trial pairs (k, l), same-trial pairs included.
 * @category Statistics
 */
export function psthPredictor(j: Jpsth): BinMatrix {
  checkJpsth('jpsth', j);
  const M = j.size, p1 = j.psth1.mean, p2 = j.psth2.mean;
  const values = new Float64Array(M * M);
  for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) values[m * M + n] = p1[m] * p2[n];
  return { bins: j.bins, size: M, values };
}

/**
 * The shuffle predictor: the average of n⁽¹ᵏ⁾ ⊗ n⁽²ˡ⁾ over the K(K − 1) pairs of different
 * trials, (K·P⁽¹⁾ ⊗ P⁽²⁾ − J)/(K − 1). Unlike the PSTH predictor it contains no same-trial
 * pair, so J minus it has expectation zero for cells independent given the stimulus, even
 * when their rates vary from trial to trial in a way shared by all trials' averages.
 * @throws RangeError with fewer than 2 trials.
 * @category Statistics
 */
export function shufflePredictor(j: Jpsth): BinMatrix {
  checkJpsth('jpsth', j);
  const K = j.trials;
  if (K < 2) throw new RangeError(`jpsth.trials must be >= 2 for a shuffle predictor; got ${K}`);
  const p = psthPredictor(j).values;
  const values = new Float64Array(p.length);
  for (let i = 0; i < values.length; i++) values[i] = (K * p[i] - j.values[i]) / (K - 1);
  return { bins: j.bins, size: j.size, values };
}

/**
 * Options of shiftPredictor.
 * @category Statistics
 */
export interface ShiftPredictorOptions {
  /** the two cells. @default [0, 1] */
  readonly cells?: readonly [number, number];
  /** trial shift s: cell 1 of trial k with cell 2 of trial (k + s) mod K. @default 1 */
  readonly shift?: number;
}

/**
 * The shift predictor (Perkel, Gerstein & Moore 1967): the JPSTH of cell 1 on trial k with
 * cell 2 on trial (k + s) mod K, averaged over k: same stimulus, different trials, so it
 * holds the stimulus-locked part of J and none of the within-trial coupling. Computed from
 * spike pairs like the JPSTH.
 * @throws RangeError for a shift that is not in [1, K − 1].
 * @category Statistics
 */
export function shiftPredictor(recording: RecordingInput, bins: BinsInput, options?: ShiftPredictorOptions): BinMatrix {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['cells', 'shift']);
  const cells = checkCells(o.cells);
  const b = resolveBins(bins);
  checkJpsthSize(b);
  const trains = checkRecording(recording, cells);
  const K = trains.length;
  const s = integerInRange('shift', o.shift === undefined ? 1 : o.shift, 1, Math.max(1, K - 1));
  if (K < 2) throw new RangeError(`recording must have at least 2 trials for a shift predictor; got ${K}`);
  const first = trains.map((t) => t[cells[0]]);
  const second = trains.map((_, k) => trains[(k + s) % K][cells[1]]);
  const { sum } = pairSums(first, second, b, false, (acc, _sq, from, to) => { for (let i = from; i < to; i++) acc[i] /= K; });
  return { bins: b, size: b.count, values: sum };
}

/**
 * The normalised JPSTH: a correlation coefficient per pair of bins.
 * @category Statistics
 */
export interface NormalizedJpsth extends BinMatrix {
  /** 1 where both bins' counts vary across trials (the coefficient is defined), else 0 */
  readonly defined: Uint8Array;
  /** number of bin pairs where it is undefined (set to 0 there) */
  readonly undefinedCount: number;
}

/**
 * The normalised JPSTH (Aertsen, Gerstein, Habib & Palm 1989):
 *   ρ_mn = (J_mn − P⁽¹⁾_m P⁽²⁾_n) / (σ⁽¹⁾_m σ⁽²⁾_n),
 * σ² the variance of the counts across trials (1/K): exactly the Pearson correlation across
 * trials of n⁽¹⁾_m and n⁽²⁾_n, in [−1, 1]. Where a bin's count never varies the coefficient
 * is undefined: it is set to 0 and flagged in `defined`.
 * @category Statistics
 */
export function normalizedJpsth(j: Jpsth): NormalizedJpsth {
  checkJpsth('jpsth', j);
  const M = j.size, p1 = j.psth1, p2 = j.psth2;
  const values = new Float64Array(M * M), defined = new Uint8Array(M * M);
  let undefinedCount = 0;
  for (let m = 0; m < M; m++) {
    const s1 = Math.sqrt(p1.variance[m]);
    for (let n = 0; n < M; n++) {
      const s = s1 * Math.sqrt(p2.variance[n]);
      const i = m * M + n;
      if (s > 0) {
        values[i] = Math.max(-1, Math.min(1, (j.values[i] - p1.mean[m] * p2.mean[n]) / s));
        defined[i] = 1;
      } else undefinedCount++;
    }
  }
  return { bins: j.bins, size: M, values, defined, undefinedCount };
}

/**
 * a − b entry by entry (e.g. the JPSTH minus a predictor: the excess correlation).
 * @category Statistics
 */
export function subtractMatrix(a: BinMatrix, b: BinMatrix): BinMatrix {
  checkBinMatrix('a', a);
  checkBinMatrix('b', b);
  if (a.size !== b.size) throw new RangeError(`b must have the size of a (${a.size} bins); got ${b.size}`);
  if (a.bins.start !== b.bins.start || a.bins.width !== b.bins.width) {
    throw new RangeError(`b.bins must equal a.bins (start ${a.bins.start}, width ${a.bins.width} ms); got start ${b.bins.start}, width ${b.bins.width}`);
  }
  const values = new Float64Array(a.values.length);
  for (let i = 0; i < values.length; i++) values[i] = a.values[i] - b.values[i];
  return { bins: a.bins, size: a.size, values };
}
