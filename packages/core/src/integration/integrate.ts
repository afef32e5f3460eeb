/**
 * integrate(rhs, t0, y0, t1, options): adaptive solution of y' = f(t, y), y(t0) = y0, on
 * [t0, t1] with continuous events and scheduled changes.
 *
 * The integrator is odex (E. Hairer & G. Wanner's ODEX: Gragg–Bulirsch–Stoer extrapolation
 * of the explicit midpoint rule with order and step-size control; Hairer, Nørsett & Wanner,
 * Solving ODEs I, §II.9), with its dense output (§II.9, Hermite interpolation plus the
 * extrapolated derivatives at the midpoint) for the sample grid and event location.
 * A step is accepted when ‖err_i / (atol + rtol·max(|y_i|, |ŷ_i|))‖_RMS <= 1.
 *
 * t1 < t0 integrates backwards: the problem is run forward in s = −t (z(s) = y(−s),
 * dz/ds = −f(−s, z)) and mapped back, so events, scheduled changes (which must then lie in
 * [t1, t0], in the direction of integration) and the sample grid (sorted descending) all
 * work unchanged. An event's `direction` refers to the direction of integration, as in scipy.
 */
import type {
  EventContext,
  IntegrateEvent,
  IntegrateOptions,
  IntegrateResult,
  Rhs,
  ScheduledChange,
} from './integrateTypes.js';
import { finiteNumber, finiteVector, functionArg, integerInRange, knownKeys, optional, positiveNumber, show } from '../validate.js';
import { resolveSampleGrid } from './sampleGrid.js';
import { runIntegration } from './integrateDriver.js';
import type { DriverEvent } from './integrateDriver.js';
import type { ScheduledAffect } from './scheduleQueue.js';

/**
 * Defaults of `IntegrateOptions` (units: those of t and y).
 * @category Integration
 */
export const INTEGRATE_DEFAULTS = Object.freeze({
  /** relative tolerance */
  rtol: 1e-6,
  /** absolute tolerance (units of y) */
  atol: 1e-9,
  /** step attempts (accepted + rejected) over the whole run */
  maxSteps: 100_000,
  /** handled events (continuous and scheduled) */
  maxEvents: 100_000,
});

const KNOWN_OPTIONS = ['rtol', 'atol', 'maxSteps', 'maxEvents', 'events', 'schedule', 'sample', 'maxStepSize', 'eventTol'];
const EVENT_KEYS = ['value', 'direction', 'terminal', 'affect'];
const CHANGE_KEYS = ['t', 'affect'];

/**
 * A plain object literal (prototype Object.prototype or null). Its keys are checked with
 * `knownKeys`, so `{ value, directon: 1 }` is a TypeError rather than an event that fires on
 * both directions; an instance of a class (which may keep its own state in fields) is not.
 */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkEvents(events: unknown): IntegrateEvent[] {
  if (events === undefined) return [];
  if (!Array.isArray(events)) throw new TypeError(`options.events must be an array; got ${show(events)}`);
  events.forEach((ev: unknown, k) => {
    if (ev === null || typeof ev !== 'object') throw new TypeError(`options.events[${k}] must be an object; got ${show(ev)}`);
    const e = ev as Record<string, unknown>;
    if (isPlainObject(e)) knownKeys(`options.events[${k}]`, e, EVENT_KEYS);
    functionArg(`options.events[${k}].value`, e.value);
    if (e.direction !== undefined && e.direction !== 1 && e.direction !== -1 && e.direction !== 0) {
      throw new RangeError(`options.events[${k}].direction must be 1, -1 or 0; got ${show(e.direction)}`);
    }
    if (e.terminal !== undefined && typeof e.terminal !== 'boolean') {
      throw new TypeError(`options.events[${k}].terminal must be a boolean; got ${show(e.terminal)}`);
    }
    if (e.affect !== undefined) functionArg(`options.events[${k}].affect`, e.affect);
  });
  return events as IntegrateEvent[];
}

function checkSchedule(schedule: unknown, t0: number, t1: number): ScheduledChange[] {
  if (schedule === undefined) return [];
  if (!Array.isArray(schedule)) throw new TypeError(`options.schedule must be an array; got ${show(schedule)}`);
  const lo = Math.min(t0, t1);
  const hi = Math.max(t0, t1);
  schedule.forEach((c: unknown, k) => {
    if (c === null || typeof c !== 'object') throw new TypeError(`options.schedule[${k}] must be an object; got ${show(c)}`);
    const ch = c as Record<string, unknown>;
    if (isPlainObject(ch)) knownKeys(`options.schedule[${k}]`, ch, CHANGE_KEYS);
    if (typeof ch.t !== 'number') throw new TypeError(`options.schedule[${k}].t must be a number; got ${show(ch.t)}`);
    if (!(ch.t >= lo && ch.t <= hi)) {
      throw new RangeError(`options.schedule[${k}].t must lie in [${lo}, ${hi}] (between t0 and t1); got ${show(ch.t)}`);
    }
    functionArg(`options.schedule[${k}].affect`, ch.affect);
  });
  return schedule as ScheduledChange[];
}

/**
 * Solve y' = rhs(t, y), y(t0) = y0 from t0 to t1.
 *
 * Bad configuration throws (TypeError / RangeError naming the parameter); a numerical
 * failure is reported in `status`: 'maxSteps' (step budget used), 'maxEvents' (event budget
 * used), 'nonFinite' (the state, a derivative or an event value stopped being finite;
 * `message` says at which t), 'terminated' (a terminal event), otherwise 'success'.
 * @category Integration
 */
export function integrate(
  rhs: Rhs,
  t0: number,
  y0: ArrayLike<number>,
  t1: number,
  options: IntegrateOptions = {},
): IntegrateResult {
  functionArg('rhs', rhs);
  finiteNumber('t0', t0);
  finiteNumber('t1', t1);
  const y = finiteVector('y0', y0, { min: 1 });
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object; got ${show(options)}`);
  }
  knownKeys('options', options, KNOWN_OPTIONS, 'integrate');
  // `optional`, not `??`: an option given as null is a TypeError, not its default
  const rtol = optional('options.rtol', options.rtol, INTEGRATE_DEFAULTS.rtol, positiveNumber);
  const atol = optional('options.atol', options.atol, INTEGRATE_DEFAULTS.atol, positiveNumber);
  const maxSteps = optional('options.maxSteps', options.maxSteps, INTEGRATE_DEFAULTS.maxSteps, (n, v) => integerInRange(n, v, 1));
  const maxEvents = optional('options.maxEvents', options.maxEvents, INTEGRATE_DEFAULTS.maxEvents, (n, v) => integerInRange(n, v, 0));
  const maxStepSize = optional('options.maxStepSize', options.maxStepSize, Infinity, (n, v) => positiveNumber(n, v, true));
  // NaN: the driver's default, relative to the step that contains the event
  const eventTol = options.eventTol === undefined ? Number.NaN : positiveNumber('options.eventTol', options.eventTol);
  const events = checkEvents(options.events);
  const schedule = checkSchedule(options.schedule, t0, t1);
  const dir: 1 | -1 = t1 >= t0 ? 1 : -1;
  const grid = options.sample === undefined ? null : resolveSampleGrid(options.sample, t0, t1, dir);

  if (dir > 0) {
    return runIntegration({
      rhs,
      s0: t0,
      s1: t1,
      y0: y,
      rtol,
      atol,
      maxSteps,
      maxEvents,
      maxStepSize,
      eventTol,
      events: events.map((e) => ({
        value: e.value.bind(e),
        direction: e.direction ?? 0,
        terminal: e.terminal ?? false,
        affect: e.affect?.bind(e),
      })),
      schedule: schedule.map((c) => ({ t: c.t, affect: c.affect.bind(c) })),
      grid,
      timeSign: 1,
    });
  }
  return integrateBackward(rhs, t0, y, t1, { rtol, atol, maxSteps, maxEvents, maxStepSize, eventTol }, events, schedule, grid);
}

/** Map an affect on the t axis to one on the s = −t axis (its ctx maps back). */
function reverseAffect(affect: (t: number, y: Float64Array, ctx: EventContext) => void): ScheduledAffect {
  return (s, y, ctx) => affect(-s, y, reverseContext(ctx));
}

function reverseContext(ctx: EventContext): EventContext {
  return {
    schedule(at: number, affect: (t: number, y: Float64Array, ctx: EventContext) => void): void {
      functionArg('ctx.schedule: affect', affect);
      ctx.schedule(typeof at === 'number' ? -at : at, reverseAffect(affect));
    },
  };
}

function integrateBackward(
  rhs: Rhs,
  t0: number,
  y0: Float64Array,
  t1: number,
  tol: { rtol: number; atol: number; maxSteps: number; maxEvents: number; maxStepSize: number; eventTol: number },
  events: IntegrateEvent[],
  schedule: ScheduledChange[],
  grid: Float64Array | null,
): IntegrateResult {
  const n = y0.length;
  // dz/ds = −f(−s, z)
  const reversedRhs: Rhs = (s, z, dzds) => {
    rhs(-s, z, dzds);
    for (let i = 0; i < n; i++) dzds[i] = -dzds[i];
  };
  const driverEvents: DriverEvent[] = events.map((e) => {
    const value = e.value.bind(e);
    return {
      value: (s: number, z: Float64Array) => value(-s, z),
      direction: e.direction ?? 0,
      terminal: e.terminal ?? false,
      affect: e.affect === undefined ? undefined : reverseAffect(e.affect.bind(e)),
    };
  });
  const result = runIntegration({
    rhs: reversedRhs,
    s0: -t0,
    s1: -t1,
    y0,
    ...tol,
    events: driverEvents,
    schedule: schedule.map((c) => ({ t: -c.t, affect: reverseAffect(c.affect.bind(c)) })),
    grid: grid === null ? null : grid.map((t) => -t),
    timeSign: -1,
  });
  for (let i = 0; i < result.t.length; i++) result.t[i] = -result.t[i];
  for (const ev of result.events) ev.t = -ev.t;
  result.tEnd = -result.tEnd;
  return result;
}
