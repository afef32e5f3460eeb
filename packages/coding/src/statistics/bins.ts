import { finiteNumber, knownKeys, positiveNumber, show } from '@neurobridge/core';
import { optionsObject } from '../options.js';

/**
 * Bins of width Δ that tile an analysis window [start, stop) (ms).
 * @category Statistics
 */
export interface BinsInput {
  /** window start, ms. @default 0 */
  readonly start?: number;
  /** window end, ms (> start) */
  readonly stop: number;
  /** bin width Δ, ms; (stop − start)/width must be a whole number */
  readonly width: number;
}

/**
 * Validated bins: edges e_m = start + m·width (m = 0 … count), e_count = stop exactly.
 * @category Statistics
 */
export interface Bins {
  /** window start e_0, ms */
  readonly start: number;
  /** window end e_count, ms */
  readonly stop: number;
  /** bin width Δ, ms */
  readonly width: number;
  /** number of bins M = (stop − start)/width, an integer in [1, MAX_BINS] */
  readonly count: number;
}

/**
 * Largest number of bins accepted (a JPSTH of this size has 10^12 entries already).
 * @category Statistics
 */
export const MAX_BINS = 1_000_000;
/** Relative slack for (stop − start)/width being a whole number (rounding of decimal widths). */
const TILE_RTOL = 1e-9;

/**
 * Validate bins once, at the boundary (resolved Bins, with their count, are accepted too).
 * @throws TypeError for a missing or non-numeric field or an unknown key; RangeError when
 *   stop ≤ start, width ≤ 0, or the bins do not tile the window ((stop − start)/width is not
 *   a whole number within 1e-9 relative), or there would be more than MAX_BINS bins.
 * @category Statistics
 */
export function resolveBins(input: BinsInput, name = 'bins'): Bins {
  if (input === null || typeof input !== 'object') throw new TypeError(`${name} must be { start?, stop, width } (ms); got ${show(input)}`);
  knownKeys(name, optionsObject(name, input), ['start', 'stop', 'width', 'count']);
  const start = finiteNumber(`${name}.start`, input.start === undefined ? 0 : input.start);
  const stop = finiteNumber(`${name}.stop`, input.stop);
  if (!(stop > start)) throw new RangeError(`${name}.stop must be > ${name}.start = ${start} (ms); got ${stop}`);
  const width = positiveNumber(`${name}.width`, input.width);
  const ratio = (stop - start) / width;
  const count = Math.round(ratio);
  if (count < 1 || Math.abs(ratio - count) > TILE_RTOL * ratio) {
    throw new RangeError(`${name}.width must divide the window [${start}, ${stop}) ms into whole bins; got width ${width} ((stop − start)/width = ${ratio})`);
  }
  const given = (input as Partial<Bins>).count;
  if (given !== undefined && given !== count) throw new RangeError(`${name}.count must be (stop − start)/width = ${count} when given; got ${show(given)}`);
  if (count > MAX_BINS) throw new RangeError(`${name} must have at most ${MAX_BINS} bins; got ${count} ((stop − start)/width)`);
  return { start, stop, width, count };
}

/**
 * Left edge of bin m (ms); binEdge(b, b.count) = stop.
 * @category Statistics
 */
export function binEdge(b: Bins, m: number): number {
  return m === b.count ? b.stop : b.start + m * b.width;
}

/**
 * Centre of bin m (ms).
 * @category Statistics
 */
export function binCenter(b: Bins, m: number): number {
  return 0.5 * (binEdge(b, m) + binEdge(b, m + 1));
}

/**
 * Index m of the bin [e_m, e_{m+1}) holding time t, consistent with the floating-point edges
 * of binEdge; −1 outside [start, stop).
 * @category Statistics
 */
export function binIndex(b: Bins, t: number): number {
  if (!(t >= b.start && t < b.stop)) return -1;
  let m = Math.floor((t - b.start) / b.width);
  if (m >= b.count) m = b.count - 1;
  if (t < binEdge(b, m)) m--;
  else if (t >= binEdge(b, m + 1)) m++;
  return m;
}
