/**
 * The event loop behind `integrate`, on a forward time axis s (s1 >= s0). `integrate`
 * validates the problem and maps a backward run t1 < t0 onto s = −t before calling this.
 *
 * Loop (one pass per segment of smooth flow):
 *   1. apply the scheduled changes due at the current time (priority queue, FIFO on ties);
 *   2. emit the grid samples at the current time (right-continuous: after all changes);
 *   3. run odex from the current time to min(s1, next scheduled time) with dense output;
 *      after each accepted step [s_old, s] the step observer
 *        - checks the state is finite,
 *        - evaluates every event function at s and compares with its last nonzero sign:
 *          a crossing in the event's direction is located on the dense output by
 *          `locateCrossing` (Brent) to within `eventTol`, on the far side of the crossing;
 *        - handles the crossings of the step in time order: an event without affect and
 *          not terminal is recorded and the scan goes on; the first event with an affect or
 *          terminal stops odex at its time;
 *        - emits the grid samples inside the step;
 *   4. at a stop: record the event (state before the affect), apply the affect, and restart
 *      from the event time with the new state (the same Solver object; the previous step
 *      size seeds the first step).
 * Re-detection after a restart is avoided twice over: the restart point lies on the new side
 * of the crossing (or on the zero itself), and an event function that is exactly 0 at a
 * segment start has no reference sign until it leaves 0.
 */
import { Outcome } from 'odex';
import type { OutputFunction } from 'odex';
import { createOdexAdapter, NonFiniteDerivative, ODEX_MIN_INITIAL_STEP } from './odexAdapter.js';
import { locateCrossing } from './locateCrossing.js';
import { ScheduleQueue } from './scheduleQueue.js';
import type { ScheduledAffect } from './scheduleQueue.js';
import type { EventContext, EventRecord, IntegrateResult, IntegrateStatus, Rhs } from './integrateTypes.js';
import { functionArg } from './validate.js';

export interface DriverEvent {
  value(t: number, y: Float64Array): number;
  direction: 1 | -1 | 0;
  terminal: boolean;
  affect: ((t: number, y: Float64Array, ctx: EventContext) => void) | undefined;
}

export interface DriverProblem {
  rhs: Rhs;
  s0: number;
  s1: number;
  y0: Float64Array;
  rtol: number;
  atol: number;
  maxSteps: number;
  maxEvents: number;
  /** Infinity: no bound beyond the segment length */
  maxStepSize: number;
  /** absolute tolerance on event times; NaN: relative to the step, EVENT_TOL_PER_STEP·h */
  eventTol: number;
  events: DriverEvent[];
  schedule: { t: number; affect: ScheduledAffect }[];
  /**
   * ascending sample times; null: the default output — s0, every handled event (the state
   * before it and, for an event with an affect, after it) and sEnd
   */
  grid: Float64Array | null;
  /** +1, or −1 when s = −t: only used to print times in messages */
  timeSign: 1 | -1;
}

/** Default event-time tolerance as a fraction of the length of the step that contains the event. */
export const EVENT_TOL_PER_STEP = 1e-12;

const STOP_NONE = 0;
const STOP_EVENT = 1;
const STOP_NONFINITE_STATE = 2;
const STOP_NONFINITE_EVENT = 3;
const STOP_MAX_EVENTS = 4;

function allFinite(y: Float64Array): number {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) return i;
  return -1;
}

export function runIntegration(p: DriverProblem): IntegrateResult {
  const n = p.y0.length;
  const { events, maxEvents, maxSteps, eventTol, s1 } = p;
  const nev = events.length;
  const fmt = (s: number): string => String(p.timeSign * s);

  // Dense output only when something reads the solution between step ends: an event, or a
  // sample time that is not the start or the end of the run.
  const needDense = nev > 0 || (p.grid !== null && p.grid.some((s) => s !== p.s0 && s !== s1));
  const adapter = createOdexAdapter(p.rhs, n, p.rtol, p.atol, needDense);
  const solver = adapter.solver;
  solver.maxStepSize = p.maxStepSize === Infinity ? 0 : p.maxStepSize;

  // Working state and preallocated buffers.
  const y = p.y0.slice();
  let t = p.s0;
  const yArr: number[] = new Array<number>(n).fill(0); // odex wants number[] for y0
  let yStep = new Float64Array(n); // state at the end of the step being observed
  let yAcc = new Float64Array(n); // state at the last accepted time tAcc
  let tAcc = t;
  const yDense = new Float64Array(n); // scratch: dense output at one time
  const yStop = new Float64Array(n); // state at a located event time
  const gPrev = new Float64Array(nev); // event values at the left end of the step
  const gRef = new Int8Array(nev); // last nonzero sign of each event value in this segment (0: none yet)
  const cand = new Float64Array(nev); // located crossing time in this step
  const order = new Int32Array(nev);

  // Outputs.
  const defaultOutput = p.grid === null;
  const grid = p.grid ?? new Float64Array(0);
  let gi = 0;
  const outT: number[] = defaultOutput ? [p.s0] : [];
  const outY: Float64Array[] = defaultOutput ? [p.y0.slice()] : [];
  const records: EventRecord[] = [];
  let nEvents = 0;
  /** the last default-output entry is the state after an event at the current time */
  let outputHoldsCurrent = false;

  /** Record a handled event (state before its affect); the default output keeps it too. */
  const recordEvent = (s: number, state: Float64Array, index: number): void => {
    const copy = state.slice();
    records.push({ t: s, y: copy, index });
    nEvents++;
    if (defaultOutput) {
      outT.push(s);
      outY.push(copy.slice());
      outputHoldsCurrent = false;
    }
  };
  /** After an affect: the default output keeps the new state, unless it is not finite. */
  const afterAffect = (s: number, state: Float64Array): void => {
    if (!defaultOutput || allFinite(state) >= 0) return;
    outT.push(s);
    outY.push(state.slice());
    outputHoldsCurrent = true;
  };
  let attempts = 0;
  let nAccept = 0;
  let solves = 0;
  let status: IntegrateStatus = 'success';
  let message = '';

  const queue = new ScheduleQueue();
  for (const c of p.schedule) queue.push(c.t, c.affect);
  const ctx: EventContext = {
    schedule(at: number, affect: ScheduledAffect): void {
      functionArg('ctx.schedule: affect', affect);
      if (typeof at !== 'number' || !(at >= t)) {
        throw new RangeError(
          `ctx.schedule: at must be a time at or after the current time ${fmt(t)} (in the direction of integration); got ${typeof at === 'number' ? fmt(at) : String(at)}`,
        );
      }
      if (at > s1) return; // beyond the end of the run: never reached
      queue.push(at, affect);
    },
  };

  // Step observer state.
  let stop = STOP_NONE;
  let stopT = 0;
  let stopIndex = -1; // event whose value was NaN, or the component that went non-finite
  const fire: number[] = [];
  let lastH = 0;
  let segTarget = t; // end of the current segment: samples there wait for the changes due then

  function denseState(dense: (c: number, x: number) => number, s: number, out: Float64Array): void {
    for (let c = 0; c < n; c++) out[c] = dense(c, s);
  }

  function emitInStep(dense: (c: number, x: number) => number, x: number, limit: number, inclusive: boolean): void {
    while (gi < grid.length && (grid[gi] < limit || (inclusive && grid[gi] === limit))) {
      const s = grid[gi++];
      const ys = new Float64Array(n);
      if (s === x) ys.set(yStep);
      else denseState(dense, s, ys);
      outT.push(s);
      outY.push(ys);
    }
  }

  function stateAt(dense: (c: number, x: number) => number, s: number, x: number): void {
    if (s === x) yStop.set(yStep);
    else denseState(dense, s, yStop);
  }

  // `dense` is a function whenever needDense; without it there are no events and no sample
  // strictly inside a step, so it is never called.
  const solOut: OutputFunction = (nr, xOld, x, yv, denseOrFalse) => {
    const dense = denseOrFalse as (c: number, x: number) => number;
    if (nr === 1) return true; // the initial call, before any step
    nAccept++;
    // Seed for the first step after a restart. The last step of a segment is cut to land on
    // the segment end, so it only counts when it is longer than the seed already held.
    if (x < segTarget || x - xOld > lastH) lastH = x - xOld;
    let probe = 0;
    for (let i = 0; i < n; i++) {
      const v = yv[i];
      yStep[i] = v;
      probe += v * 0;
    }
    if (probe !== 0) {
      stop = STOP_NONFINITE_STATE;
      stopT = x;
      stopIndex = allFinite(yStep);
      return false;
    }
    let nCand = 0;
    for (let k = 0; k < nev; k++) {
      const ev = events[k];
      const g = ev.value(x, yStep);
      if (g !== g) {
        stop = STOP_NONFINITE_EVENT;
        stopT = x;
        stopIndex = k;
        return false;
      }
      const ref = gRef[k];
      if ((ref < 0 && g >= 0 && ev.direction !== -1) || (ref > 0 && g <= 0 && ev.direction !== 1)) {
        let te = x;
        if (g !== 0) {
          const value = ev.value;
          te = locateCrossing(
            (s) => {
              denseState(dense, s, yDense);
              return value(s, yDense);
            },
            xOld,
            gPrev[k],
            x,
            g,
            eventTol === eventTol ? eventTol : EVENT_TOL_PER_STEP * (x - xOld),
          );
          if (te !== te) {
            stop = STOP_NONFINITE_EVENT;
            stopT = x;
            stopIndex = k;
            return false;
          }
        }
        cand[k] = te;
        // insertion sort by (time, index): a handful of events at most cross in one step
        let j = nCand++;
        while (j > 0 && cand[order[j - 1]] > te) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = k;
      }
      gPrev[k] = g;
      if (g !== 0) gRef[k] = g > 0 ? 1 : -1;
    }
    for (let j = 0; j < nCand; j++) {
      const k = order[j];
      const te = cand[k];
      const ev = events[k];
      if (nEvents >= maxEvents) {
        emitInStep(dense, x, te, false);
        stateAt(dense, te, x);
        stop = STOP_MAX_EVENTS;
        stopT = te;
        return false;
      }
      if (ev.affect === undefined && !ev.terminal) {
        // Passive event: record it; the flow is unchanged, so the step stands.
        stateAt(dense, te, x);
        recordEvent(te, yStop, k);
        continue;
      }
      // Active event: stop odex at te. Later crossings of this step whose function is
      // already on its new side at te (a simultaneous crossing, located a hair later) fire
      // at te too; the others are found again after the restart.
      emitInStep(dense, x, te, false);
      stateAt(dense, te, x);
      fire.length = 0;
      fire.push(k);
      for (let j2 = j + 1; j2 < nCand; j2++) {
        const k2 = order[j2];
        yDense.set(yStop);
        const g2 = events[k2].value(te, yDense);
        const newSide = gPrev[k2]; // value at x, on the new side (or 0)
        if (g2 === 0 || (g2 > 0 && newSide >= 0) || (g2 < 0 && newSide <= 0)) fire.push(k2);
      }
      stop = STOP_EVENT;
      stopT = te;
      return false;
    }
    if (x < segTarget) emitInStep(dense, x, x, true);
    else emitInStep(dense, x, segTarget, false);
    const swap = yAcc;
    yAcc = yStep;
    yStep = swap;
    tAcc = x;
    return true;
  };

  const emitAtCurrent = (): void => {
    while (gi < grid.length && grid[gi] <= t) {
      outT.push(grid[gi++]);
      outY.push(y.slice());
    }
  };

  /** After an affect: false if the state is finite; otherwise set the status, restore the
   * state before the affect (the last finite one) and return true. */
  const nonFiniteAfter = (what: string): boolean => {
    const i = allFinite(y);
    if (i < 0) return false;
    status = 'nonFinite';
    message = `state became non-finite after ${what} at t = ${fmt(t)} (y[${i}] = ${y[i]}); yEnd is the state before it`;
    y.set(records[records.length - 1].y);
    outputHoldsCurrent = true; // the default output's last entry is that state
    return true;
  };

  main: for (;;) {
    // 1. scheduled changes due now
    while (queue.peekTime() <= t) {
      if (nEvents >= maxEvents) {
        status = 'maxEvents';
        message = `maxEvents (${maxEvents}) reached: the scheduled change at t = ${fmt(t)} was not applied`;
        break main;
      }
      const item = queue.pop()!;
      recordEvent(t, y, -1);
      item.affect(t, y, ctx);
      if (nonFiniteAfter('a scheduled change')) break main;
      afterAffect(t, y);
    }
    // 2. samples at the current time
    emitAtCurrent();
    if (t >= s1) {
      message = `reached t1 = ${fmt(s1)}`;
      break;
    }
    if (attempts >= maxSteps) {
      status = 'maxSteps';
      message = `maxSteps (${maxSteps}) step attempts used at t = ${fmt(t)} before reaching t1 = ${fmt(s1)}`;
      break;
    }
    // 3. one segment of smooth flow
    const target = Math.min(s1, queue.peekTime());
    segTarget = target;
    for (let k = 0; k < nev; k++) {
      yDense.set(y);
      const g = events[k].value(t, yDense);
      if (g !== g) {
        status = 'nonFinite';
        message = `event ${k} value is NaN at t = ${fmt(t)}`;
        break main;
      }
      gPrev[k] = g;
      gRef[k] = g > 0 ? 1 : g < 0 ? -1 : 0;
    }
    for (let i = 0; i < n; i++) yArr[i] = y[i];
    yAcc.set(y);
    tAcc = t;
    stop = STOP_NONE;
    solver.maxSteps = maxSteps - attempts + 1; // odex stops once its step counter reaches this
    solver.initialStepSize = lastH > 0 ? lastH : ODEX_MIN_INITIAL_STEP;
    const acceptedBefore = nAccept;
    let outcome: Outcome;
    let endY: number[];
    try {
      solves++;
      const res = solver.solve(adapter.derivative, t, yArr, target, solOut);
      outcome = res.outcome;
      endY = res.y;
      attempts += outcome === Outcome.MaxStepsExceeded ? res.nStep - 1 : res.nStep;
    } catch (err) {
      if (!(err instanceof NonFiniteDerivative)) throw err;
      // odex's counters are lost with the exception: count the accepted steps of this
      // segment and the failed attempt (its rejections cannot be observed).
      attempts += nAccept - acceptedBefore + 1;
      t = tAcc;
      y.set(yAcc);
      status = 'nonFinite';
      message = `rhs returned a non-finite derivative dydt[${err.component}] = ${err.value} at t = ${fmt(err.t)}; last finite state at t = ${fmt(t)}`;
      break;
    }
    switch (stop) {
      case STOP_NONFINITE_STATE:
        t = tAcc;
        y.set(yAcc);
        status = 'nonFinite';
        message = `state became non-finite (y[${stopIndex}]) at t = ${fmt(stopT)}; last finite state at t = ${fmt(t)}`;
        break main;
      case STOP_NONFINITE_EVENT:
        t = tAcc;
        y.set(yAcc);
        status = 'nonFinite';
        message = `event ${stopIndex} value is NaN between t = ${fmt(tAcc)} and t = ${fmt(stopT)}`;
        break main;
      case STOP_MAX_EVENTS:
        t = stopT;
        y.set(yStop);
        status = 'maxEvents';
        message = `maxEvents (${maxEvents}) reached: the event at t = ${fmt(t)} was not handled`;
        break main;
      case STOP_EVENT: {
        t = stopT;
        y.set(yStop);
        for (const k of fire) {
          if (nEvents >= maxEvents) {
            status = 'maxEvents';
            message = `maxEvents (${maxEvents}) reached: event ${k} at t = ${fmt(t)} was not handled`;
            break main;
          }
          const ev = events[k];
          recordEvent(t, y, k);
          if (ev.affect !== undefined) {
            ev.affect(t, y, ctx);
            if (nonFiniteAfter(`the affect of event ${k}`)) break main;
            afterAffect(t, y);
          } else if (defaultOutput) {
            outputHoldsCurrent = true; // the entry just recorded is the current state
          }
          if (ev.terminal) {
            status = 'terminated';
            message = `terminal event ${k} at t = ${fmt(t)}`;
            emitAtCurrent();
            break main;
          }
        }
        continue main;
      }
    }
    if (outcome === Outcome.MaxStepsExceeded) {
      t = tAcc;
      y.set(yAcc);
      status = 'maxSteps';
      message = `maxSteps (${maxSteps}) step attempts used at t = ${fmt(t)} before reaching t1 = ${fmt(s1)}`;
      break;
    }
    // reached the end of the segment
    t = target;
    for (let i = 0; i < n; i++) y[i] = endY[i];
  }

  if (defaultOutput && !(outputHoldsCurrent && outT[outT.length - 1] === t)) {
    outT.push(t);
    outY.push(y.slice());
  }
  return {
    t: Float64Array.from(outT),
    y: outY,
    tEnd: t,
    yEnd: y,
    events: records,
    status,
    message,
    stats: {
      nEval: adapter.nEval,
      nAccept,
      nReject: attempts - nAccept,
      nEvents,
      nRestarts: Math.max(0, solves - 1),
    },
  };
}
