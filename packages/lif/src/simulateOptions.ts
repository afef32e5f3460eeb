import { integerInRange, knownKeys, show } from '@neurobridge/core';
import type { ResolvedLifParams } from './params.js';
import { timeToThreshold } from './spikeTime.js';
import type { SimulateOptions } from './simulateTypes.js';

/** Default bound on spikes per run. */
export const DEFAULT_MAX_SPIKES = 1_000_000;
/** Default bound on integration panels / solver steps per run. */
export const DEFAULT_MAX_STEPS = 10_000_000;
/**
 * Largest number of spike times one run may hold when the duration allows more than maxSpikes
 * of them: 10^8 (800 MB as a Float64Array, ~20 s at the measured 5·10^6 spikes/s).
 */
export const MAX_SPIKES_LIMIT = 100_000_000;
/** Largest record grid accepted (samples). */
export const MAX_RECORD_SAMPLES = 10_000_000;

export interface ResolvedSimulateOptions {
  readonly duration: number;
  readonly maxSpikes: number;
  readonly g0: number;
  readonly u0: number;
  readonly recordTimes: Float64Array | null;
  readonly method: 'exact' | 'odex';
  readonly maxSteps: number;
  readonly rtol: number;
  readonly atol: number;
}

/** Every key {@link SimulateOptions} accepts. */
export const SIMULATE_OPTION_KEYS: readonly (keyof SimulateOptions)[] = ['duration', 'maxSpikes', 'g0', 'u0', 'record', 'method', 'maxSteps', 'rtol', 'atol'];

/** A number, else a TypeError naming it (a string or null is never coerced). */
function num(name: string, x: unknown): number {
  if (typeof x !== 'number') throw new TypeError(`${name} must be a number; got ${show(x)}`);
  return x;
}

/** The value, or the default when it is absent or undefined (not when it is null: null is a wrong kind). */
function orDefault<T>(x: T | undefined, fallback: T): T {
  return x === undefined ? fallback : x;
}

/**
 * Validate the options of simulate once, at the boundary. Unknown keys (`maxspikes: 3`) and
 * values of the wrong kind (a string, or null) are TypeErrors naming the option.
 */
export function resolveSimulateOptions(p: ResolvedLifParams, o: SimulateOptions): ResolvedSimulateOptions {
  if (o === null || typeof o !== 'object') throw new TypeError(`options must be an object with a duration; got ${o === null ? 'null' : typeof o}`);
  knownKeys('options', o, SIMULATE_OPTION_KEYS);
  const duration = num('duration', o.duration);
  if (!Number.isFinite(duration) || !(duration > 0)) throw new RangeError(`duration must be finite and > 0 (ms); got ${duration}`);
  const maxSpikes = integerInRange('maxSpikes', orDefault(o.maxSpikes, DEFAULT_MAX_SPIKES), 0);
  const maxSteps = integerInRange('maxSteps', orDefault(o.maxSteps, DEFAULT_MAX_STEPS), 1);
  // Every interspike interval is at least t_s(0) (g ≥ 0 only slows the rise from the reset, and
  // u > −Delta), so a run holds at most duration/t_s(0) + 1 spikes: refuse what memory cannot hold.
  const ts0 = timeToThreshold(p.tau, p.V0, p.Delta, p.theta, 0, 0);
  const spikeBound = Math.floor(duration / ts0) + 1;
  if (maxSpikes > MAX_SPIKES_LIMIT && spikeBound > MAX_SPIKES_LIMIT) {
    throw new RangeError(
      `maxSpikes = ${maxSpikes} with duration = ${duration} ms allows up to ${spikeBound} spikes (duration/t_s(0) + 1); allowed: at most ${MAX_SPIKES_LIMIT} spike times per run`,
    );
  }
  const g0 = num('g0', orDefault(o.g0, 0));
  if (!Number.isFinite(g0) || !(g0 >= 0)) throw new RangeError(`g0 must be finite and >= 0; got ${g0}`);
  const u0 = num('u0', orDefault(o.u0, 0));
  if (!Number.isFinite(u0) || !(u0 < p.theta)) throw new RangeError(`u0 must be finite and < theta = ${p.theta} (mV); got ${u0}`);
  const method: unknown = orDefault(o.method, 'exact');
  if (typeof method !== 'string') throw new TypeError(`method must be 'exact' or 'odex'; got ${show(method)}`);
  if (method !== 'exact' && method !== 'odex') throw new RangeError(`method must be 'exact' or 'odex'; got ${String(method)}`);
  const rtol = num('rtol', orDefault(o.rtol, 1e-13));
  if (!(rtol > 0) || !Number.isFinite(rtol)) throw new RangeError(`rtol must be finite and > 0; got ${rtol}`);
  const atol = num('atol', orDefault(o.atol, 1e-13));
  if (!(atol > 0) || !Number.isFinite(atol)) throw new RangeError(`atol must be finite and > 0; got ${atol}`);
  return { duration, maxSpikes, g0, u0, recordTimes: recordGrid(o.record, duration), method, maxSteps, rtol, atol };
}

function recordGrid(record: SimulateOptions['record'], duration: number): Float64Array | null {
  if (record === undefined) return null;
  if (record === null || typeof record !== 'object') throw new TypeError(`record must be { dt } or an array of times; got ${record === null ? 'null' : typeof record}`);
  if ('dt' in record && typeof (record as { dt: unknown }).dt !== 'undefined' && !('length' in record)) {
    knownKeys('options.record', record, ['dt']);
    const dt = num('record.dt', (record as { dt: number }).dt);
    if (!Number.isFinite(dt) || !(dt > 0)) throw new RangeError(`record.dt must be finite and > 0 (ms); got ${dt}`);
    // 1e-12 relative slack so that e.g. duration = 100, dt = 0.1 includes t = 100.
    const n = Math.floor(duration / dt * (1 + 1e-12)) + 1;
    if (n > MAX_RECORD_SAMPLES) throw new RangeError(`record grid must have <= ${MAX_RECORD_SAMPLES} samples; got ${n} (duration/dt)`);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = Math.min(i * dt, duration);
    return t;
  }
  const times = record as ArrayLike<number>;
  if (typeof times.length !== 'number') throw new TypeError('record must be { dt } or an array of times');
  if (times.length > MAX_RECORD_SAMPLES) throw new RangeError(`record must have <= ${MAX_RECORD_SAMPLES} times; got ${times.length}`);
  const t = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const ti = times[i];
    if (typeof ti !== 'number') throw new TypeError(`record[${i}] must be a number (ms); got ${show(ti)}`);
    if (!(ti >= 0 && ti <= duration)) throw new RangeError(`record[${i}] must be a time in [0, duration = ${duration}]; got ${ti}`);
    if (i > 0 && !(ti >= t[i - 1])) throw new RangeError(`record times must be ascending; record[${i}] = ${ti} < record[${i - 1}] = ${t[i - 1]}`);
    t[i] = ti;
  }
  return t;
}
