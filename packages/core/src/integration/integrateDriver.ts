/**
 * The event loop behind `integrate`, on a forward time axis s (s1 >= s0). `integrate`
 * validates the problem and maps a backward run t1 < t0 onto s = −t before calling this.
 *
 * Loop (one pass per segment of smooth flow), each phase a method of `Driver`:
 *   1. `applyDueChanges`: the scheduled changes due at the current time (priority queue,
 *      FIFO on ties);
 *   2. `OutputRecorder.emitAtCurrent`: the grid samples at the current time
 *      (right-continuous: after all changes);
 *   3. `startSegment` + `solveSegment`: odex from the current time to
 *      min(s1, next scheduled time) with dense output; after each accepted step [s_old, s]
 *      the step observer `onStep`
 *        - checks the state is finite,
 *        - scans every event function over the step (`EventScanner`, integrateEvents.ts:
 *          interior points of the dense output, reference sign from the flow after a
 *          restart onto the event surface, crossings located by Brent on the far side),
 *        - `handleCrossings`: in time order, an event without affect and not terminal is
 *          recorded and the scan goes on; the first event with an affect or terminal stops
 *          odex at its time;
 *        - emits the grid samples inside the step;
 *   4. `finishSegment` / `fireEvents`: at a stop, record the event (state before the
 *      affect), apply the affect, and restart from the event time with the new state (the
 *      same Solver object; the previous step size seeds the first step).
 * Re-detection after a restart is avoided twice over: the restart point lies on the new side
 * of the crossing (or on the zero itself), and an event function that is exactly 0 at a
 * segment start takes its reference sign from the flow just after it.
 */
import { Outcome } from 'odex';
import type { OutputFunction } from 'odex';
import { createOdexAdapter, NonFiniteDerivative, ODEX_MIN_INITIAL_STEP } from './odexAdapter.js';
import type { OdexAdapter } from './odexAdapter.js';
import { ScheduleQueue } from './scheduleQueue.js';
import type { ScheduledAffect } from './scheduleQueue.js';
import type { EventContext, IntegrateResult, IntegrateStatus, Rhs } from './integrateTypes.js';
import { functionArg, show } from '../validate.js';
import { EventScanner, eventValue } from './integrateEvents.js';
import type { Crossing, Dense, DriverEvent } from './integrateEvents.js';
import { firstNonFinite, OutputRecorder } from './integrateOutput.js';

const NONE_FIRED: readonly number[] = [];

export type { DriverEvent } from './integrateEvents.js';
export { EVENT_TOL_PER_STEP } from './integrateEvents.js';

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

/** Why the step observer stopped odex. */
const enum Stop {
  None,
  Event,
  NonFiniteState,
  NonFiniteEvent,
  MaxEvents,
}

export function runIntegration(p: DriverProblem): IntegrateResult {
  return new Driver(p).run();
}

class Driver {
  private readonly n: number;
  private readonly adapter: OdexAdapter;
  private readonly out: OutputRecorder;
  private readonly scanner: EventScanner;
  private readonly queue = new ScheduleQueue();
  private readonly ctx: EventContext;
  private readonly fmt: (s: number) => string;

  // Working state and preallocated buffers.
  private readonly y: Float64Array;
  private t: number;
  private readonly yArr: number[]; // odex wants number[] for y0
  private yStep: Float64Array; // state at the end of the step being observed
  private yAcc: Float64Array; // state at the last accepted time tAcc
  private tAcc: number;
  private readonly yStop: Float64Array; // state at a located event time
  private readonly yEval: Float64Array; // scratch copy handed to event functions

  // Counters and status.
  private attempts = 0;
  private nAccept = 0;
  private solves = 0;
  private status: IntegrateStatus = 'success';
  private message = '';

  // Step observer state.
  private stop = Stop.None;
  private stopT = 0;
  private stopIndex = -1; // event whose value was NaN, or the component that went non-finite
  private readonly fire: number[] = [];
  private lastH = 0;
  private segTarget: number; // end of the current segment: samples there wait for the changes due then

  constructor(private readonly p: DriverProblem) {
    const n = p.y0.length;
    this.n = n;
    this.fmt = (s) => String(p.timeSign * s);
    // Dense output only when something reads the solution between step ends: an event, or a
    // sample time that is not the start or the end of the run.
    const needDense = p.events.length > 0 || (p.grid !== null && p.grid.some((s) => s !== p.s0 && s !== p.s1));
    this.adapter = createOdexAdapter(p.rhs, n, p.rtol, p.atol, needDense);
    this.adapter.solver.maxStepSize = p.maxStepSize === Infinity ? 0 : p.maxStepSize;
    this.out = new OutputRecorder(p.grid, p.s0, p.y0);
    this.scanner = new EventScanner(p.events, n, p.eventTol, this.fmt);
    this.y = p.y0.slice();
    this.t = this.tAcc = this.segTarget = p.s0;
    this.yArr = new Array<number>(n).fill(0);
    this.yStep = new Float64Array(n);
    this.yAcc = new Float64Array(n);
    this.yStop = new Float64Array(n);
    this.yEval = new Float64Array(n);
    for (const c of p.schedule) this.queue.push(c.t, c.affect);
    this.ctx = { schedule: (at, affect) => this.scheduleFromAffect(at, affect) };
  }

  /** The loop of the module comment; each phase returns false when the run ends. */
  run(): IntegrateResult {
    for (;;) {
      if (!this.applyDueChanges()) break;
      this.out.emitAtCurrent(this.t, this.y);
      if (!this.canContinue()) break;
      if (!this.startSegment()) break;
      const endY = this.solveSegment();
      if (endY === null || !this.finishSegment(endY)) break;
    }
    return this.result();
  }

  /** `ctx.schedule`: queue a change at `at` >= the current time (dropped beyond s1). */
  private scheduleFromAffect(at: number, affect: ScheduledAffect): void {
    functionArg('ctx.schedule: affect', affect);
    if (typeof at !== 'number' || !(at >= this.t)) {
      throw new RangeError(
        `ctx.schedule: at must be a time at or after the current time ${this.fmt(this.t)} (in the direction of integration); got ${typeof at === 'number' ? this.fmt(at) : show(at)}`,
      );
    }
    if (at > this.p.s1) return; // beyond the end of the run: never reached
    this.queue.push(at, affect);
  }

  private end(status: IntegrateStatus, message: string): false {
    this.status = status;
    this.message = message;
    return false;
  }

  /** Phase 1: the scheduled changes due now, in (time, insertion) order. */
  private applyDueChanges(): boolean {
    const { queue, t, y } = this;
    while (queue.peekTime() <= t) {
      if (this.out.nEvents >= this.p.maxEvents) {
        return this.end('maxEvents', `maxEvents (${this.p.maxEvents}) reached: the scheduled change at t = ${this.fmt(t)} was not applied`);
      }
      const item = queue.pop()!;
      this.out.recordEvent(t, y, -1);
      item.affect(t, y, this.ctx);
      if (this.nonFiniteAfter('a scheduled change')) return false;
      this.out.afterAffect(t, y);
    }
    return true;
  }

  /** Between phases 2 and 3: stop at s1 or when the step budget is used. */
  private canContinue(): boolean {
    const { s1, maxSteps } = this.p;
    if (this.t >= s1) return this.end('success', `reached t1 = ${this.fmt(s1)}`);
    if (this.attempts >= maxSteps) {
      return this.end('maxSteps', `maxSteps (${maxSteps}) step attempts used at t = ${this.fmt(this.t)} before reaching t1 = ${this.fmt(s1)}`);
    }
    return true;
  }

  /** Phase 3a: event reference values at the segment start, odex's initial state and step. */
  private startSegment(): boolean {
    const { t, y } = this;
    this.segTarget = Math.min(this.p.s1, this.queue.peekTime());
    const nanEvent = this.scanner.start(t, y, this.stop === Stop.Event ? this.fire : NONE_FIRED);
    if (nanEvent >= 0) return this.end('nonFinite', `event ${nanEvent} value is NaN at t = ${this.fmt(t)}`);
    for (let i = 0; i < this.n; i++) this.yArr[i] = y[i];
    this.yAcc.set(y);
    this.tAcc = t;
    this.stop = Stop.None;
    const solver = this.adapter.solver;
    solver.maxSteps = this.p.maxSteps - this.attempts + 1; // odex stops once its step counter reaches this
    solver.initialStepSize = this.lastH > 0 ? this.lastH : ODEX_MIN_INITIAL_STEP;
    return true;
  }

  /** Phase 3b: run odex over the segment. Returns odex's end state, or null when the run ends. */
  private solveSegment(): number[] | null {
    const acceptedBefore = this.nAccept;
    const solOut: OutputFunction = (nr, xOld, x, yv, dense) =>
      nr === 1 || this.onStep(xOld, x, yv, dense as Dense); // nr 1: the initial call, before any step
    try {
      this.solves++;
      const res = this.adapter.solver.solve(this.adapter.derivative, this.t, this.yArr, this.segTarget, solOut);
      this.attempts += res.outcome === Outcome.MaxStepsExceeded ? res.nStep - 1 : res.nStep;
      if (res.outcome === Outcome.MaxStepsExceeded && this.stop === Stop.None) {
        this.restoreAccepted();
        this.end('maxSteps', `maxSteps (${this.p.maxSteps}) step attempts used at t = ${this.fmt(this.t)} before reaching t1 = ${this.fmt(this.p.s1)}`);
        return null;
      }
      return res.y;
    } catch (err) {
      if (!(err instanceof NonFiniteDerivative)) throw err;
      // odex's counters are lost with the exception: count the accepted steps of this
      // segment and the failed attempt (its rejections cannot be observed).
      this.attempts += this.nAccept - acceptedBefore + 1;
      this.restoreAccepted();
      this.end('nonFinite', `rhs returned a non-finite derivative dydt[${err.component}] = ${err.value} at t = ${this.fmt(err.t)}; last finite state at t = ${this.fmt(this.t)}`);
      return null;
    }
  }

  private restoreAccepted(): void {
    this.t = this.tAcc;
    this.y.set(this.yAcc);
  }

  /**
   * The step observer. `dense` is a function whenever dense output is on; without it there
   * are no events and no sample strictly inside a step, so it is never called.
   */
  private onStep(xOld: number, x: number, yv: number[], dense: Dense): boolean {
    this.nAccept++;
    // Seed for the first step after a restart. The last step of a segment is cut to land on
    // the segment end, so it only counts when it is longer than the seed already held.
    if (x < this.segTarget || x - xOld > this.lastH) this.lastH = x - xOld;
    const yStep = this.yStep;
    let probe = 0; // x·0 is NaN for a non-finite x
    for (let i = 0; i < this.n; i++) {
      yStep[i] = yv[i];
      probe += yv[i] * 0;
    }
    if (probe !== 0) return this.stopAt(Stop.NonFiniteState, x, firstNonFinite(yStep));
    if (this.p.events.length > 0) {
      const nanEvent = this.scanner.scanStep(xOld, x, yStep, dense);
      if (nanEvent >= 0) return this.stopAt(Stop.NonFiniteEvent, x, nanEvent);
      if (!this.handleCrossings(dense, x)) return false;
    }
    if (x < this.segTarget) this.out.emitInStep(dense, x, yStep, x, true);
    else this.out.emitInStep(dense, x, yStep, this.segTarget, false);
    this.yStep = this.yAcc;
    this.yAcc = yStep;
    this.tAcc = x;
    return true;
  }

  private stopAt(stop: Stop, s: number, index: number): false {
    this.stop = stop;
    this.stopT = s;
    this.stopIndex = index;
    return false;
  }

  /** State at s inside the step ending at x, into yStop. */
  private stateAt(dense: Dense, s: number, x: number): void {
    if (s === x) this.yStop.set(this.yStep);
    else for (let c = 0; c < this.n; c++) this.yStop[c] = dense(c, s);
  }

  /**
   * The crossings of the step in time order: passive ones are recorded; the first active
   * one (or the event budget) stops odex. False when odex must stop.
   */
  private handleCrossings(dense: Dense, x: number): boolean {
    const found = this.scanner.found;
    for (let j = 0; j < found.length; j++) {
      const { t: te, k } = found[j];
      const ev = this.p.events[k];
      const passive = ev.affect === undefined && !ev.terminal;
      if (this.out.nEvents >= this.p.maxEvents || !passive) this.out.emitInStep(dense, x, this.yStep, te, false);
      this.stateAt(dense, te, x);
      if (this.out.nEvents >= this.p.maxEvents) return this.stopAt(Stop.MaxEvents, te, k);
      if (passive) {
        // the flow is unchanged, so the step stands
        this.out.recordEvent(te, this.yStop, k);
        continue;
      }
      this.collectSimultaneous(found, j, te);
      return this.stopAt(Stop.Event, te, k);
    }
    return true;
  }

  /**
   * The events to fire at an active crossing found[j] at te: it, and the later crossings of
   * the step whose function is already on its new side at te (a simultaneous crossing,
   * located a hair later). The others are found again after the restart.
   */
  private collectSimultaneous(found: readonly Crossing[], j: number, te: number): void {
    const fire = this.fire;
    fire.length = 0;
    fire.push(found[j].k);
    for (let j2 = j + 1; j2 < found.length; j2++) {
      const { k, newSign } = found[j2];
      if (fire.includes(k)) continue;
      this.yEval.set(this.yStop);
      const g = eventValue(this.p.events[k], k, te, this.yEval, this.fmt);
      if (g === 0 || newSign === 0 || Math.sign(g) === newSign) fire.push(k);
    }
  }

  /** Phase 4: act on why odex stopped (or take the segment end). False when the run ends. */
  private finishSegment(endY: number[]): boolean {
    const { fmt } = this;
    switch (this.stop) {
      case Stop.NonFiniteState:
        this.restoreAccepted();
        return this.end('nonFinite', `state became non-finite (y[${this.stopIndex}]) at t = ${fmt(this.stopT)}; last finite state at t = ${fmt(this.t)}`);
      case Stop.NonFiniteEvent:
        this.restoreAccepted();
        return this.end('nonFinite', `event ${this.stopIndex} value is NaN between t = ${fmt(this.tAcc)} and t = ${fmt(this.stopT)}`);
      case Stop.MaxEvents:
        this.t = this.stopT;
        this.y.set(this.yStop);
        return this.end('maxEvents', `maxEvents (${this.p.maxEvents}) reached: the event at t = ${fmt(this.t)} was not handled`);
      case Stop.Event:
        this.t = this.stopT;
        this.y.set(this.yStop);
        return this.fireEvents();
      default:
        // reached the end of the segment
        this.t = this.segTarget;
        for (let i = 0; i < this.n; i++) this.y[i] = endY[i];
        return true;
    }
  }

  /** Phase 4, at an event stop: record, affect and (terminal) end, for each event to fire. */
  private fireEvents(): boolean {
    const { t, y, out, fmt } = this;
    for (const k of this.fire) {
      if (out.nEvents >= this.p.maxEvents) {
        return this.end('maxEvents', `maxEvents (${this.p.maxEvents}) reached: event ${k} at t = ${fmt(t)} was not handled`);
      }
      const ev = this.p.events[k];
      out.recordEvent(t, y, k);
      if (ev.affect !== undefined) {
        ev.affect(t, y, this.ctx);
        if (this.nonFiniteAfter(`the affect of event ${k}`)) return false;
        out.afterAffect(t, y);
      } else {
        out.recordedIsCurrent();
      }
      if (ev.terminal) {
        out.emitAtCurrent(t, y);
        return this.end('terminated', `terminal event ${k} at t = ${fmt(t)}`);
      }
    }
    return true;
  }

  /**
   * After an affect: false if the state is finite; otherwise set the status, restore the
   * state before the affect (the last finite one) and return true.
   */
  private nonFiniteAfter(what: string): boolean {
    const i = firstNonFinite(this.y);
    if (i < 0) return false;
    this.end('nonFinite', `state became non-finite after ${what} at t = ${this.fmt(this.t)} (y[${i}] = ${this.y[i]}); yEnd is the state before it`);
    this.y.set(this.out.records[this.out.records.length - 1].y);
    this.out.holdsCurrent = true; // the default output's last entry is that state
    return true;
  }

  private result(): IntegrateResult {
    const { out, t, y } = this;
    out.finish(t, y);
    return {
      t: Float64Array.from(out.t),
      y: out.y,
      tEnd: t,
      yEnd: y,
      events: out.records,
      status: this.status,
      message: this.message,
      stats: {
        nEval: this.adapter.nEval,
        nAccept: this.nAccept,
        nReject: this.attempts - this.nAccept,
        nEvents: out.nEvents,
        nRestarts: Math.max(0, this.solves - 1),
      },
    };
  }
}
