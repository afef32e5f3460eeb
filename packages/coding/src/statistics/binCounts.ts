import { binIndex, type Bins } from './bins.js';

/** The occupied bins of one train: bin indices (ascending) and their spike counts. */
export interface OccupiedBins {
  /** number of occupied bins */
  n: number;
  readonly bin: Int32Array;
  readonly count: Float64Array;
}

/** A reusable OccupiedBins with room for `capacity` bins. */
export function occupiedBuffer(capacity: number): OccupiedBins {
  return { n: 0, bin: new Int32Array(capacity), count: new Float64Array(capacity) };
}

/**
 * The non-empty bins of a sorted train, in one pass over its spikes (spikes outside the
 * window are skipped). Writes into `out` (its capacity must be ≥ min(spikes, bins)).
 */
export function occupiedBins(train: Float64Array, bins: Bins, out: OccupiedBins): OccupiedBins {
  let n = 0;
  let last = -1;
  for (let i = 0; i < train.length; i++) {
    const m = binIndex(bins, train[i]);
    if (m < 0) continue;
    if (m === last) out.count[n - 1]++;
    else {
      out.bin[n] = m;
      out.count[n] = 1;
      n++;
      last = m;
    }
  }
  out.n = n;
  return out;
}

/**
 * Counts per bin of one sorted train, added into `acc` (length bins.count), and their squares
 * into `sq` when given: runs of spikes in the same bin are counted as they pass, with no buffer.
 */
export function addCounts(train: Float64Array, bins: Bins, acc: Float64Array, sq?: Float64Array): void {
  let last = -1, run = 0;
  for (let i = 0; i < train.length; i++) {
    const m = binIndex(bins, train[i]);
    if (m < 0) continue;
    if (m === last) { run++; continue; }
    if (last >= 0) { acc[last] += run; if (sq) sq[last] += run * run; }
    last = m;
    run = 1;
  }
  if (last >= 0) { acc[last] += run; if (sq) sq[last] += run * run; }
}

/** Per-bin sums over trials of the products n⁽¹⁾_m·n⁽²⁾_n, and of their squares. */
export interface PairSums {
  /** Σ_k n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n, row-major (m = cell-1 bin) */
  readonly sum: Float64Array;
  /** Σ_k (n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n)², or null when not asked for */
  readonly sumSq: Float64Array | null;
}

/** Occupied bins of many trains in one CSR table: train k owns entries offset[k] … offset[k+1] − 1. */
interface OccupiedTable {
  readonly offset: Int32Array;
  readonly bin: Int32Array;
  readonly count: Float64Array;
}

/** The occupied bins of every train, in one pass per train. */
function occupiedTable(trains: Float64Array[], bins: Bins): OccupiedTable {
  const offset = new Int32Array(trains.length + 1);
  let total = 0;
  for (let k = 0; k < trains.length; k++) total += Math.min(trains[k].length, bins.count);
  const bin = new Int32Array(total), count = new Float64Array(total);
  let cap = 0;
  for (const t of trains) cap = Math.max(cap, t.length);
  const buf = occupiedBuffer(Math.min(cap, bins.count));
  for (let k = 0; k < trains.length; k++) {
    occupiedBins(trains[k], bins, buf);
    bin.set(buf.bin.subarray(0, buf.n), offset[k]);
    count.set(buf.count.subarray(0, buf.n), offset[k]);
    offset[k + 1] = offset[k] + buf.n;
  }
  return { offset, bin, count };
}

/** The same entries grouped by bin (CSR over bins): for bin m, the trials that hit it and their counts. */
function byBin(t: OccupiedTable, M: number): { start: Int32Array; trial: Int32Array; count: Float64Array } {
  const start = new Int32Array(M + 1);
  for (let i = 0; i < t.bin.length; i++) start[t.bin[i] + 1]++;
  for (let m = 0; m < M; m++) start[m + 1] += start[m];
  const fill = start.slice(0, M), trial = new Int32Array(t.bin.length), count = new Float64Array(t.bin.length);
  for (let k = 0; k + 1 < t.offset.length; k++) {
    for (let i = t.offset[k]; i < t.offset[k + 1]; i++) {
      const at = fill[t.bin[i]]++;
      trial[at] = k;
      count[at] = t.count[i];
    }
  }
  return { start, trial, count };
}

/**
 * Σ over trials of the joint counts, in time proportional to the number of pairs of occupied
 * bins (at most the number of spike pairs), never to bins²: the occupied bins of each train,
 * then, row by row of the output (cell 1's bin m), every trial that has a spike of cell 1 in
 * bin m paired with cell 2's occupied bins of the same trial. Row by row keeps the writes in
 * one row (M doubles) at a time, in cache: each row is zeroed, summed and handed to `finish`
 * (e.g. to divide by K) while it is there, so the M² output is written once, not three times.
 * `second[k]` is paired with `first[k]`. `out` and `outSq` (length M²) are used instead of
 * new buffers when given.
 */
export function pairSums(
  first: Float64Array[], second: Float64Array[], bins: Bins, squares: boolean,
  finish: (sum: Float64Array, sumSq: Float64Array | null, from: number, to: number) => void,
  out?: Float64Array, outSq?: Float64Array,
): PairSums {
  const M = bins.count;
  const sum = out ?? new Float64Array(M * M);
  const sumSq = squares ? (outSq ?? new Float64Array(M * M)) : null;
  const rows = byBin(occupiedTable(first, bins), M);
  const cols = occupiedTable(second, bins);
  for (let m = 0; m < M; m++) {
    const row = m * M;
    if (out) sum.fill(0, row, row + M);
    if (sumSq && outSq) sumSq.fill(0, row, row + M);
    for (let e = rows.start[m]; e < rows.start[m + 1]; e++) {
      const k = rows.trial[e], c1 = rows.count[e];
      const end = cols.offset[k + 1];
      if (sumSq) {
        for (let j = cols.offset[k]; j < end; j++) {
          const c = c1 * cols.count[j];
          sum[row + cols.bin[j]] += c;
          sumSq[row + cols.bin[j]] += c * c;
        }
      } else {
        for (let j = cols.offset[k]; j < end; j++) sum[row + cols.bin[j]] += c1 * cols.count[j];
      }
    }
    finish(sum, sumSq, row, row + M);
  }
  return { sum, sumSq };
}
