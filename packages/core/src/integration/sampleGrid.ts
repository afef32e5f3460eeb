/**
 * The output grid of `integrate`: validate a caller's list of times, or build the uniform
 * grid t0, t0 ± dt, t0 ± 2dt, ... (in the direction of integration) up to t1.
 * Internal: not re-exported.
 */
import { knownKeys, show } from '../validate.js';

/** Bound on the number of grid points, so a tiny dt cannot exhaust memory. */
export const MAX_SAMPLES = 10_000_000;

/**
 * @param dir +1 for t1 >= t0, −1 for t1 < t0
 * @returns grid times in the direction of integration
 */
export function resolveSampleGrid(
  sample: ArrayLike<number> | { dt: number },
  t0: number,
  t1: number,
  dir: 1 | -1,
): Float64Array {
  if (sample === null || typeof sample !== 'object') {
    throw new TypeError(`options.sample must be an array of times or { dt }; got ${show(sample)}`);
  }
  const lo = Math.min(t0, t1);
  const hi = Math.max(t0, t1);
  if (typeof (sample as ArrayLike<number>).length !== 'number') {
    knownKeys('options.sample', sample, ['dt']);
    const dt = (sample as { dt: unknown }).dt;
    if (typeof dt !== 'number') throw new TypeError(`options.sample.dt must be a number; got ${show(dt)}`);
    if (!(dt > 0) || dt === Infinity) throw new RangeError(`options.sample.dt must be > 0 and finite; got ${show(dt)}`);
    const span = hi - lo;
    // K·dt <= span up to rounding: a grid point within 1e-9·dt of t1 counts as t1.
    const count = Math.floor(span / dt + 1e-9) + 1;
    if (count > MAX_SAMPLES) {
      throw new RangeError(`options.sample.dt gives ${count} grid points; at most ${MAX_SAMPLES} allowed (dt >= ${span / (MAX_SAMPLES - 1)})`);
    }
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = t0 + dir * k * dt;
    // clamp a last point that rounding pushed past t1
    if (count > 1 && dir * (out[count - 1] - t1) > 0) out[count - 1] = t1;
    return out;
  }
  const list = sample as ArrayLike<unknown>;
  if (list.length > MAX_SAMPLES) {
    throw new RangeError(`options.sample must have at most ${MAX_SAMPLES} times; got ${list.length}`);
  }
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number') throw new TypeError(`options.sample[${i}] must be a number; got ${show(v)}`);
    if (!(v >= lo && v <= hi)) {
      throw new RangeError(`options.sample[${i}] must lie in [${lo}, ${hi}] (between t0 and t1); got ${show(v)}`);
    }
    if (i > 0 && dir * (v - out[i - 1]) < 0) {
      throw new RangeError(
        `options.sample must be sorted ${dir > 0 ? 'ascending' : 'descending (t1 < t0)'}; got sample[${i - 1}] = ${out[i - 1]}, sample[${i}] = ${v}`,
      );
    }
    out[i] = v;
  }
  return out;
}
