import { finiteNumber, show } from '@neurobridge/core';

/**
 * A time window [start, stop) in ms.
 * @category Generation
 */
export interface WindowInput {
  /** window start, ms. @default 0 */
  readonly start?: number;
  /** window end, ms (> start) */
  readonly stop: number;
}

/**
 * A validated window.
 * @category Generation
 */
export interface Window {
  /** window start, ms (0 when not given) */
  readonly start: number;
  /** window end, ms; stop > start */
  readonly stop: number;
}

/**
 * Validate a window given as { start?, stop } (ms).
 * @throws TypeError for a non-numeric start or stop; RangeError when stop ≤ start.
 * @category Generation
 */
export function resolveWindow(o: WindowInput): Window {
  if (o === null || typeof o !== 'object') throw new TypeError(`options must be an object with stop (ms); got ${show(o)}`);
  const start = finiteNumber('start', o.start === undefined ? 0 : o.start);
  const stop = finiteNumber('stop', o.stop);
  if (!(stop > start)) throw new RangeError(`stop must be > start = ${start} (ms); got ${stop}`);
  return { start, stop };
}
