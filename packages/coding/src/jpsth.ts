import { knownKeys, optionsObject, show } from '@neurobridge/core';
import { pairSums } from './binCounts.js';
import { resolveBins, type Bins, type BinsInput } from './bins.js';
import { psthOf, type Psth } from './psth.js';
import { checkCell, checkRecording, type RecordingInput } from './spikeTrains.js';

/** A square matrix over pairs of bins, row-major: values[m·size + n], m = cell-1 bin. */
export interface BinMatrix {
  readonly bins: Bins;
  readonly size: number;
  readonly values: Float64Array;
}

/** The raw JPSTH with its standard errors and the two PSTHs. */
export interface Jpsth extends BinMatrix {
  readonly trials: number;
  readonly cells: readonly [number, number];
  /** standard error of each J_mn across trials (sample SD/√K), or null when not asked for */
  readonly se: Float64Array | null;
  readonly psth1: Psth;
  readonly psth2: Psth;
}

/** Options of jpsth. */
export interface JpsthOptions {
  /** the two cells [c1, c2]. @default [0, 1] */
  readonly cells?: readonly [number, number];
  /** compute the standard errors (a second accumulation of the squares). @default true */
  readonly standardErrors?: boolean;
}

/** The pair of cells asked for, checked. */
export function checkCells(cells: unknown): [number, number] {
  if (cells === undefined) return [0, 1];
  if (!Array.isArray(cells) || cells.length !== 2) throw new TypeError(`cells must be a pair [c1, c2]; got ${show(cells)}`);
  return [checkCell('cells[0]', cells[0]), checkCell('cells[1]', cells[1])];
}

/**
 * The raw JPSTH exactly as Gatsby Q3 defines it: J_mn is the trial average of the number of
 * pairs (i, j) with spike i of cell 1 in bin m = [(m−1)Δ, mΔ) and spike j of cell 2 in bin
 * n, i.e. J_mn = (1/K) Σ_k n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n. Computed from the spike lists in time
 * proportional to the number of pairs (of occupied bins), not bins²; only the output is
 * bins² doubles.
 * @throws TypeError/RangeError for bad bins, cells, or spike trains (unsorted, non-finite).
 */
export function jpsth(recording: RecordingInput, bins: BinsInput, options?: JpsthOptions): Jpsth {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['cells', 'standardErrors']);
  const cells = checkCells(o.cells);
  const se = o.standardErrors ?? true;
  if (typeof se !== 'boolean') throw new TypeError(`standardErrors must be a boolean; got ${show(se)}`);
  const b = resolveBins(bins);
  checkJpsthSize(b);
  const trains = checkRecording(recording, cells);
  const first = trains.map((t) => t[cells[0]]), second = trains.map((t) => t[cells[1]]);
  const { sum, sumSq } = pairSums(first, second, b, se);
  const K = trains.length, M = b.count;
  const values = new Float64Array(M * M);
  for (let i = 0; i < values.length; i++) values[i] = sum[i] / K;
  return { bins: b, size: M, values, trials: K, cells, se: sumSq ? standardErrors(values, sumSq, K) : null, psth1: psthOf(first, b), psth2: psthOf(second, b) };
}

/** Largest JPSTH accepted: bins² doubles (8 bytes each), 2^27 entries = 1 GiB. */
export const MAX_JPSTH_ENTRIES = 2 ** 27;

/** A JPSTH of this many bins must fit in memory. */
export function checkJpsthSize(b: Bins): void {
  if (b.count * b.count > MAX_JPSTH_ENTRIES) throw new RangeError(`bins must give at most ${MAX_JPSTH_ENTRIES} JPSTH entries (bins² with ${b.count} bins = ${b.count * b.count}); use wider bins or a shorter window`);
}

/** SE of a trial mean from the sums of squares: √(((Σx²)/K − x̄²)/(K − 1)). */
function standardErrors(mean: Float64Array, sumSq: Float64Array, K: number): Float64Array {
  const se = new Float64Array(mean.length);
  if (K < 2) return se;
  for (let i = 0; i < se.length; i++) se[i] = Math.sqrt(Math.max(0, sumSq[i] / K - mean[i] * mean[i]) / (K - 1));
  return se;
}
