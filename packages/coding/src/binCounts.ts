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

/** Counts per bin of one train, added into `acc` (length bins.count). */
export function addCounts(train: Float64Array, bins: Bins, acc: Float64Array, sq?: Float64Array): void {
  const occ = occupiedBins(train, bins, occupiedBuffer(Math.min(train.length, bins.count)));
  for (let i = 0; i < occ.n; i++) {
    acc[occ.bin[i]] += occ.count[i];
    if (sq) sq[occ.bin[i]] += occ.count[i] * occ.count[i];
  }
}

/** Per-bin sums over trials of the products n⁽¹⁾_m·n⁽²⁾_n, and of their squares. */
export interface PairSums {
  /** Σ_k n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n, row-major (m = cell-1 bin) */
  readonly sum: Float64Array;
  /** Σ_k (n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n)², or null when not asked for */
  readonly sumSq: Float64Array | null;
}

/**
 * Σ over trials of the joint counts, in time proportional to the number of spike pairs
 * (at most; to the pairs of occupied bins exactly), never to bins²: per trial, the occupied
 * bins of each train, then every pair of them. `second[k]` is paired with `first[k]`.
 */
export function pairSums(first: Float64Array[], second: Float64Array[], bins: Bins, squares: boolean): PairSums {
  const M = bins.count;
  const sum = new Float64Array(M * M);
  const sumSq = squares ? new Float64Array(M * M) : null;
  let cap = 0;
  for (let k = 0; k < first.length; k++) cap = Math.max(cap, first[k].length, second[k].length);
  const a = occupiedBuffer(Math.min(cap, M)), b = occupiedBuffer(Math.min(cap, M));
  for (let k = 0; k < first.length; k++) {
    occupiedBins(first[k], bins, a);
    occupiedBins(second[k], bins, b);
    for (let i = 0; i < a.n; i++) {
      const row = a.bin[i] * M, ci = a.count[i];
      for (let j = 0; j < b.n; j++) {
        const c = ci * b.count[j];
        sum[row + b.bin[j]] += c;
        if (sumSq) sumSq[row + b.bin[j]] += c * c;
      }
    }
  }
  return { sum, sumSq };
}
