import { integerInRange, knownKeys } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { checkBinMatrix, type BinMatrix } from './jpsth.js';

/**
 * A cross-correlogram read off the diagonals of a JPSTH.
 * @category Statistics
 */
export interface CrossCorrelogram {
  /** lag d in bins (cell 2's bin minus cell 1's), from −(M − 1) to M − 1 */
  readonly lags: Int32Array;
  /** lag in ms, d·Δ */
  readonly times: Float64Array;
  /** Σ_m J_{m, m+d}: pairs per trial at lag d (of the matrix given: raw, predictor or excess) */
  readonly values: Float64Array;
  /** number of bin pairs on each diagonal, M − |d| (divide by it for a per-bin average) */
  readonly pairs: Float64Array;
}

/**
 * Options of crossCorrelogram.
 * @category Statistics
 */
export interface CrossCorrelogramOptions {
  /** largest |lag| kept, in bins. @default M − 1 */
  readonly maxLag?: number;
}

/**
 * The cross-correlogram as the sums along the JPSTH's diagonals: C(d) = Σ_m J_{m, m+d}.
 * Applied to J minus a predictor it gives the corrected correlogram.
 * @category Statistics
 */
export function crossCorrelogram(j: BinMatrix, options?: CrossCorrelogramOptions): CrossCorrelogram {
  checkBinMatrix('matrix', j);
  const o = optionsObject('options', options);
  knownKeys('options', o, ['maxLag']);
  const M = j.size;
  const L = integerInRange('maxLag', o.maxLag === undefined ? M - 1 : o.maxLag, 0, M - 1);
  const lags = new Int32Array(2 * L + 1), times = new Float64Array(2 * L + 1);
  const values = new Float64Array(2 * L + 1), pairs = new Float64Array(2 * L + 1);
  for (let d = -L; d <= L; d++) {
    lags[d + L] = d;
    times[d + L] = d * j.bins.width;
    pairs[d + L] = M - Math.abs(d);
  }
  diagonalSums(j.values, M, L, values);
  return { lags, times, values, pairs };
}

/**
 * out[d + L] += Σ_m J[m, m + d] for |d| ≤ L. Rows are read in order (the diagonals would stride
 * through J a cache line per element), eight at a time: J[m+i, n+i] lies on the same diagonal
 * for i = 0…7, so one store serves eight sequential loads; the columns that not all eight rows
 * share are added row by row. (Eight rows: 2.1 ms for a 2000 × 2000 J against 2.9 ms with four
 * and 5.5 ms with one, on the 2-core EPYC.)
 */
function diagonalSums(J: Float64Array, M: number, L: number, out: Float64Array): void {
  const R = 8, s = M + 1;
  let m = 0;
  for (; m + R - 1 < M; m += R) {
    const lo = Math.max(0, m - L), hi = Math.min(M - R, m + L), shift = L - m;
    for (let n = lo; n <= hi; n++) {
      const b = m * M + n;
      out[n + shift] += J[b] + J[b + s] + J[b + 2 * s] + J[b + 3 * s] + J[b + 4 * s] + J[b + 5 * s] + J[b + 6 * s] + J[b + 7 * s];
    }
    for (let i = 0; i < R; i++) addRowRemainder(J, M, L, m + i, lo > hi ? -1 : lo + i, hi + i, out);
  }
  for (; m < M; m++) addRowRemainder(J, M, L, m, -1, -1, out);
}

/** Row `row`'s columns within lag L, except from … to (already added; none when from < 0). */
function addRowRemainder(J: Float64Array, M: number, L: number, row: number, from: number, to: number, out: Float64Array): void {
  const first = Math.max(0, row - L), last = Math.min(M - 1, row + L), shift = L - row, base = row * M;
  const a = from < 0 ? last : Math.min(last, from - 1), b = from < 0 ? last + 1 : Math.max(first, to + 1);
  for (let c = first; c <= a; c++) out[c + shift] += J[base + c];
  for (let c = b; c <= last; c++) out[c + shift] += J[base + c];
}

/**
 * Options of coincidenceHistogram.
 * @category Statistics
 */
export interface CoincidenceOptions {
  /** half-width w of the band of paraprincipal diagonals, in bins: |n − m| ≤ w. @default 0 */
  readonly halfWidth?: number;
}

/**
 * The coincidence histogram (Aertsen et al. 1989): for each bin m, the sum of the JPSTH in
 * the band |n − m| ≤ w around the main diagonal, the time course of near-coincident pairs.
 * @category Statistics
 */
export function coincidenceHistogram(j: BinMatrix, options?: CoincidenceOptions): Float64Array {
  checkBinMatrix('matrix', j);
  const o = optionsObject('options', options);
  knownKeys('options', o, ['halfWidth']);
  const M = j.size;
  const w = integerInRange('halfWidth', o.halfWidth === undefined ? 0 : o.halfWidth, 0, M - 1);
  const out = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let s = 0;
    for (let n = Math.max(0, m - w); n <= Math.min(M - 1, m + w); n++) s += j.values[m * M + n];
    out[m] = s;
  }
  return out;
}
