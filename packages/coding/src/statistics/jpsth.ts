import { knownKeys, show } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { pairSums } from './binCounts.js';
import { resolveBins, type Bins, type BinsInput } from './bins.js';
import { psthOf, type Psth } from './psth.js';
import { checkCell, checkRecording, type RecordingInput } from '../generation/spikeTrains.js';

/**
 * A square matrix over pairs of bins, row-major: values[m·size + n], m = cell-1 bin.
 * @category Statistics
 */
export interface BinMatrix {
  /** the bins of both axes (cell 1's bin m, cell 2's bin n) */
  readonly bins: Bins;
  /** M, the number of bins per axis (= bins.count) */
  readonly size: number;
  /** the M² entries, row-major: values[m·M + n] (pairs per trial for a JPSTH) */
  readonly values: Float64Array;
}

/**
 * The raw JPSTH with its standard errors and the two PSTHs.
 * @category Statistics
 */
export interface Jpsth extends BinMatrix {
  /** number of trials K */
  readonly trials: number;
  /** the two cells [c1, c2] (indices into each trial): c1 is the row (m), c2 the column (n) */
  readonly cells: readonly [number, number];
  /** standard error of each J_mn across trials (sample SD/√K), or null when not asked for */
  readonly se: Float64Array | null;
  /** PSTH of cell c1 over the same trials and bins: P⁽¹⁾_m, σ⁽¹⁾²_m */
  readonly psth1: Psth;
  /** PSTH of cell c2: P⁽²⁾_n, σ⁽²⁾²_n */
  readonly psth2: Psth;
}

/**
 * Options of jpsth.
 * @category Statistics
 */
export interface JpsthOptions {
  /** the two cells [c1, c2]. @default [0, 1] */
  readonly cells?: readonly [number, number];
  /** compute the standard errors (a second accumulation of the squares). @default true */
  readonly standardErrors?: boolean;
  /**
   * a Float64Array of length bins² to write J into, and `seOut` for the standard errors:
   * reusing buffers across calls saves allocating (and the operating system zeroing) bins²
   * doubles, which costs more than the pairs themselves for a 2000-bin JPSTH.
   */
  readonly out?: Float64Array;
  /** a Float64Array of length bins² for the standard errors (see `out`); must not be `out` */
  readonly seOut?: Float64Array;
}

function checkOut(name: string, buf: unknown, length: number): Float64Array | undefined {
  if (buf === undefined) return undefined;
  if (!(buf instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array; got ${show(buf)}`);
  if (buf.length !== length) throw new RangeError(`${name} must have length bins² = ${length}; got length ${buf.length}`);
  return buf;
}

/**
 * The pair of cells asked for, checked.
 * @category Statistics
 */
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
 * @category Statistics
 */
export function jpsth(recording: RecordingInput, bins: BinsInput, options?: JpsthOptions): Jpsth {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['cells', 'standardErrors', 'out', 'seOut']);
  const cells = checkCells(o.cells);
  const se = o.standardErrors === undefined ? true : o.standardErrors;
  if (typeof se !== 'boolean') throw new TypeError(`standardErrors must be a boolean; got ${show(se)}`);
  const b = resolveBins(bins);
  checkJpsthSize(b);
  const trains = checkRecording(recording, cells);
  const first = trains.map((t) => t[cells[0]]), second = trains.map((t) => t[cells[1]]);
  const out = checkOut('out', o.out, b.count * b.count), seOut = checkOut('seOut', o.seOut, b.count * b.count);
  if (out && out === seOut) throw new RangeError('out and seOut must be different buffers');
  const K = trains.length, M = b.count;
  // per row, while it is in cache: J = Σ/K, and the standard errors written over the squares
  const finish = (sum: Float64Array, sq: Float64Array | null, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const mean = (sum[i] /= K);
      if (sq) sq[i] = K < 2 || sq[i] === 0 ? 0 : Math.sqrt(Math.max(0, sq[i] / K - mean * mean) / (K - 1));
    }
  };
  const { sum: values, sumSq } = pairSums(first, second, b, se, finish, out, seOut);
  return { bins: b, size: M, values, trials: K, cells, se: sumSq, psth1: psthOf(first, b), psth2: psthOf(second, b) };
}

/**
 * A BinMatrix given by the caller: { bins, size, values } with values a Float64Array of
 * size² entries and bins of `size` bins. O(1): the entries are not scanned.
 * @throws TypeError naming `name` otherwise.
 * @category Statistics
 */
export function checkBinMatrix(name: string, value: unknown): BinMatrix {
  const j = value as Partial<BinMatrix> | null;
  const ok = j !== null && typeof j === 'object' && typeof j.size === 'number' && Number.isInteger(j.size) && j.size >= 1 &&
    j.values instanceof Float64Array && j.values.length === j.size * j.size &&
    j.bins !== null && typeof j.bins === 'object' && j.bins.count === j.size && typeof j.bins.width === 'number';
  if (!ok) throw new TypeError(`${name} must be a JPSTH or another BinMatrix { bins, size, values } (values: a Float64Array of size² entries, bins.count = size); got ${show(value)}`);
  return j as BinMatrix;
}

/**
 * A Jpsth given by the caller (the result of jpsth()): a BinMatrix with its trial count and
 * the two PSTHs (mean and variance per bin). O(size).
 * @throws TypeError naming `name` otherwise.
 * @category Statistics
 */
export function checkJpsth(name: string, value: unknown): Jpsth {
  const j = value as Partial<Jpsth> | null;
  const M = j !== null && typeof j === 'object' ? j.size : undefined;
  const psthOk = (p: unknown) => {
    const q = p as Partial<Psth> | null;
    return q !== null && typeof q === 'object' && q.mean instanceof Float64Array && q.mean.length === M && q.variance instanceof Float64Array && q.variance.length === M;
  };
  const ok = j !== null && typeof j === 'object' && typeof M === 'number' && Number.isInteger(M) && M >= 1 &&
    j.values instanceof Float64Array && j.values.length === M * M && typeof j.trials === 'number' && Number.isInteger(j.trials) && j.trials >= 1 &&
    j.bins !== null && typeof j.bins === 'object' && psthOk(j.psth1) && psthOk(j.psth2);
  if (!ok) throw new TypeError(`${name} must be a JPSTH from jpsth() { bins, size, values, trials, psth1, psth2 }; got ${show(value)}`);
  return j as Jpsth;
}

/**
 * Largest JPSTH accepted: bins² doubles (8 bytes each), 2^27 entries = 1 GiB.
 * @category Statistics
 */
export const MAX_JPSTH_ENTRIES = 2 ** 27;

/**
 * A JPSTH of this many bins must fit in memory.
 * @category Statistics
 */
export function checkJpsthSize(b: Bins): void {
  if (b.count * b.count > MAX_JPSTH_ENTRIES) throw new RangeError(`bins must give at most ${MAX_JPSTH_ENTRIES} JPSTH entries (bins² with ${b.count} bins = ${b.count * b.count}); use wider bins or a shorter window`);
}
