/**
 * Problem and result types of the ODE integration layer (contract section A).
 *
 * A problem is data — a right-hand side, continuous events, scheduled changes — and
 * `integrate` runs it; the result is a plain object `{ t, y, tEnd, yEnd, events, status,
 * message, stats }` in the manner of scipy's `solve_ivp`.
 */

/**
 * Right-hand side of y' = f(t, y). Writes f(t, y) into `dydt` (length n) and must not
 * modify `y`. Both arrays are owned by the caller and reused between calls: copy them if
 * you need to keep them.
 * @category Integration
 */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * Handed to every `affect`; lets an event queue a change for later (e.g. a delayed jump).
 * @category Integration
 */
export interface EventContext {
  /**
   * Queue a scheduled change at absolute time `at` (>= the current time, in the direction of
   * integration). A change scheduled beyond t1 is never reached and is dropped. Changes at
   * the same time run in the order they were queued. The affect also receives the context,
   * so a delayed change can schedule a further one.
   */
  schedule(at: number, affect: (t: number, y: Float64Array, ctx: EventContext) => void): void;
}

/**
 * A continuous event: a zero crossing of `value(t, y)` along the solution, as in scipy's
 * `solve_ivp(events=...)` or a ContinuousCallback of DifferentialEquations.jl.
 * @category Integration
 */
export interface IntegrateEvent {
  /** The event happens where this crosses 0. Must not modify `y` (a scratch copy). */
  value(t: number, y: Float64Array): number;
  /**
   * +1: only crossings from negative to non-negative (in the direction of integration);
   * −1: only from positive to non-positive; 0: both. A value exactly 0 at t0 or where the
   * integration restarts is not an event. @default 0
   */
  direction?: 1 | -1 | 0;
  /** Stop the integration at the event (after its `affect`, if any). @default false */
  terminal?: boolean;
  /** Mutate y in place (e.g. a reset), then continue from the event time with the new state. */
  affect?(t: number, y: Float64Array, ctx: EventContext): void;
}

/**
 * A change at a known time: integration stops exactly at `t`, applies `affect`, restarts.
 * @category Integration
 */
export interface ScheduledChange {
  /** Time of the change (time units), in [t0, t1] (in [t1, t0] for a backward run). */
  t: number;
  /**
   * Mutate y in place at time t (e.g. an input pulse); integration restarts from the new
   * state. `ctx` can queue further changes.
   */
  affect(t: number, y: Float64Array, ctx: EventContext): void;
}

/**
 * Options of `integrate`: tolerances, work budgets, events, scheduled changes and the output
 * grid. Validated once on entry; an unknown key is a TypeError ("did you mean …").
 * @category Integration
 */
export interface IntegrateOptions {
  /** Relative tolerance, > 0. @default 1e-6 */
  rtol?: number;
  /** Absolute tolerance, > 0 (same units as y). @default 1e-9 */
  atol?: number;
  /** Bound on step attempts (accepted + rejected) over the whole run, integer >= 1. @default 100000 */
  maxSteps?: number;
  /** Bound on handled events (continuous and scheduled), integer >= 0. @default 100000 */
  maxEvents?: number;
  /** Continuous events. */
  events?: IntegrateEvent[];
  /** Changes at known times, each in [t0, t1]. */
  schedule?: ScheduledChange[];
  /**
   * Output grid, read from the dense output: a sorted list of times in [t0, t1], or `{ dt }`
   * for t0, t0 + dt, t0 + 2dt, ... (up to t1). On this grid the state at a time with an event
   * or a scheduled change is the state after it (right-continuous); the state before is in
   * `events[i].y`.
   * @default t0, every handled event (twice when it has an affect: the state before, then
   *   after — a reset draws as a vertical jump), and tEnd
   */
  sample?: ArrayLike<number> | {
    /** Grid spacing (time units), > 0; at most 10^7 samples. */
    dt: number;
  };
  /** Largest step size, > 0 (time units). @default Infinity (whole segment) */
  maxStepSize?: number;
  /**
   * Absolute tolerance on located event times (time units), > 0. The located time is also
   * within 4 ulp of t (floating-point resolution), whichever is larger.
   * @default 1e-12 × the length of the integrator step that contains the event
   */
  eventTol?: number;
}

/**
 * One handled event or scheduled change, in `IntegrateResult.events` (in time order).
 * @category Integration
 */
export interface EventRecord {
  /** event time */
  t: number;
  /** state at the event, before its affect (a copy) */
  y: Float64Array;
  /** index in `options.events`, or −1 for a scheduled change */
  index: number;
}

/**
 * Why `integrate` stopped: 'success' (reached t1), 'terminated' (a terminal event),
 * 'maxSteps' (step budget used), 'maxEvents' (event budget used), 'nonFinite' (the state, a
 * derivative or an event value stopped being finite).
 * @category Integration
 */
export type IntegrateStatus = 'success' | 'terminated' | 'maxSteps' | 'maxEvents' | 'nonFinite';

/**
 * Work counters of one `integrate` run.
 * @category Integration
 */
export interface IntegrateStats {
  /** right-hand side evaluations */
  nEval: number;
  /** accepted steps */
  nAccept: number;
  /** rejected step attempts (error test, stability check, dense-output error test) */
  nReject: number;
  /** handled events (continuous and scheduled) */
  nEvents: number;
  /** times the integrator was restarted (after an affect or at a scheduled time) */
  nRestarts: number;
}

/**
 * Result of `integrate`: the sampled solution, where it stopped and why, the events in time
 * order, and work counters. Every array is a fresh copy owned by the caller.
 * @category Integration
 */
export interface IntegrateResult {
  /** sample times */
  t: Float64Array;
  /** y[i] = state at t[i] */
  y: Float64Array[];
  /** where the integration stopped (t1 on success) */
  tEnd: number;
  /** state at tEnd */
  yEnd: Float64Array;
  /** handled events and scheduled changes, in time order (non-terminal events without an affect included) */
  events: EventRecord[];
  /** why the integration stopped */
  status: IntegrateStatus;
  /** human-readable account of `status` (for 'nonFinite', the time and the quantity that failed) */
  message: string;
  /** work counters */
  stats: IntegrateStats;
}
