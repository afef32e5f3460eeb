/**
 * Event detection inside one accepted integrator step, on the forward axis s of the driver
 * (integrateDriver.ts). Internal to `integrate`.
 *
 * Detection does not depend on the step size, in the manner of DifferentialEquations.jl's
 * ContinuousCallback (DiffEqBase `find_callback_time` / `determine_event_occurrence`):
 *   - each event function is sampled at INTERIOR_POINTS − 1 interior points of the dense
 *     output besides the step end, so a step that spans an even number of sign changes
 *     (out and back) still shows them, as long as the sub-intervals resolve them;
 *   - an event function that is exactly 0 where the integration (re)starts — a reset onto
 *     the event surface, or t0 on it — takes its reference sign from the flow: its sign on
 *     the dense output a little after that point (REPEAT_NUDGE of the sub-interval), not
 *     from the next step end, which may lie beyond the next crossing;
 *   - a crossing in the event's direction is located on the dense output by
 *     `locateCrossing` (Brent) to within the event tolerance, on the far side of the crossing.
 * A passive event (no affect, not terminal) may cross several times in one step: every
 * crossing is reported. An active event reports its first crossing only: the driver stops
 * the step there.
 */
import { locateCrossing } from './locateCrossing.js';
import type { EventContext } from './integrateTypes.js';
import { show } from '../validate.js';

export interface DriverEvent {
  value(t: number, y: Float64Array): number;
  direction: 1 | -1 | 0;
  terminal: boolean;
  affect: ((t: number, y: Float64Array, ctx: EventContext) => void) | undefined;
}

/** odex's dense output of component c at time x, valid on the step just accepted. */
export type Dense = (c: number, x: number) => number;

/** A located crossing: time, event index and the sign of the event function after it (0: on the zero). */
export interface Crossing {
  t: number;
  k: number;
  newSign: number;
}

/**
 * Sub-intervals per step scanned for sign changes: DifferentialEquations.jl's
 * ContinuousCallback default `interp_points = 10`.
 */
export const INTERIOR_POINTS = 10;

/**
 * Where an event function that is exactly 0 takes its reference sign, as a fraction of the
 * sub-interval that follows: DifferentialEquations.jl's `repeat_nudge = 1//100`, applied to a
 * sub-interval (1/INTERIOR_POINTS of the step) rather than the whole step. A second crossing
 * closer than that to the restart point is not seen, as in DifferentialEquations.jl.
 */
export const REPEAT_NUDGE = 1 / 100;

/**
 * Factor by which the nudge after a restart on the zero shrinks while the flow seems to have
 * left it on the side the event crosses into (see `signAfter`).
 */
export const NUDGE_SHRINK = 1 / 8;

/** Default event-time tolerance as a fraction of the length of the step that contains the event. */
export const EVENT_TOL_PER_STEP = 1e-12;

const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

/**
 * True when the event function moved from reference sign `ref` (the last nonzero sign) to
 * value g in the event's direction: +1 from negative to >= 0, −1 from positive to <= 0.
 */
function crosses(ref: number, g: number, direction: 1 | -1 | 0): boolean {
  return (ref < 0 && g >= 0 && direction !== -1) || (ref > 0 && g <= 0 && direction !== 1);
}

/**
 * Evaluate event k and refuse a value that is not a number (a bad event definition: a
 * TypeError naming the event). NaN is returned for the caller to report as status nonFinite.
 */
export function eventValue(ev: DriverEvent, k: number, s: number, y: Float64Array, fmt: (s: number) => string): number {
  const g: unknown = ev.value(s, y);
  if (typeof g !== 'number') {
    throw new TypeError(`options.events[${k}].value must return a number; got ${show(g)} at t = ${fmt(s)}`);
  }
  return g;
}

/** Per-event reference values across steps, and the crossings of the step being scanned. */
export class EventScanner {
  /** event values at the start of the step to scan */
  private readonly gPrev: Float64Array;
  /** last nonzero sign of each event value (0: none yet, take it from the flow) */
  private readonly gRef: Int8Array;
  /** 1 while event k's own affect has just put the state where the segment starts */
  private readonly resetBySelf: Uint8Array;
  private readonly yDense: Float64Array;
  /** crossings of the last scanned step, sorted by (time, index) */
  readonly found: Crossing[] = [];
  private dense: Dense = () => Number.NaN;
  private x = 0;
  private yEnd: Float64Array;

  constructor(
    private readonly events: readonly DriverEvent[],
    private readonly n: number,
    /** absolute tolerance on event times; NaN: EVENT_TOL_PER_STEP × the step */
    private readonly eventTol: number,
    private readonly fmt: (s: number) => string,
  ) {
    this.gPrev = new Float64Array(events.length);
    this.gRef = new Int8Array(events.length);
    this.resetBySelf = new Uint8Array(events.length);
    this.yDense = new Float64Array(n);
    this.yEnd = this.yDense;
  }

  /**
   * Reference values at a segment start (s, y). A value exactly 0 gets no reference sign:
   * it is taken from the flow in the first step. `fired`: the events whose affects were just
   * applied at s (empty at t0 and after a scheduled change). Returns the index of an event
   * whose value is NaN, or −1.
   */
  start(s: number, y: Float64Array, fired: readonly number[]): number {
    for (let k = 0; k < this.events.length; k++) {
      this.resetBySelf[k] = fired.includes(k) && this.events[k].affect !== undefined ? 1 : 0;
      this.yDense.set(y);
      const g = eventValue(this.events[k], k, s, this.yDense, this.fmt);
      if (g !== g) return k;
      this.gPrev[k] = g;
      this.gRef[k] = sign(g);
    }
    return -1;
  }

  /**
   * Scan the accepted step [xOld, x] (state yEnd at x) for crossings; they are left in
   * `found`, sorted by (time, index). Returns the index of an event whose value was NaN
   * (then `found` is incomplete), or −1.
   */
  scanStep(xOld: number, x: number, yEnd: Float64Array, dense: Dense): number {
    this.found.length = 0;
    this.dense = dense;
    this.x = x;
    this.yEnd = yEnd;
    for (let k = 0; k < this.events.length; k++) {
      if (!this.scanEvent(k, xOld, x)) return k;
    }
    if (this.found.length > 1) this.found.sort((p, q) => p.t - q.t || p.k - q.k);
    return -1;
  }

  /** Value of event k on the dense output at s (the exact step-end state at s = x). */
  private valueAt(k: number, s: number): number {
    const yd = this.yDense;
    if (s === this.x) yd.set(this.yEnd);
    else for (let c = 0; c < this.n; c++) yd[c] = this.dense(c, s);
    return eventValue(this.events[k], k, s, yd, this.fmt);
  }

  /**
   * The sign of event k just after a, where its value is exactly 0: its value at REPEAT_NUDGE
   * of the sub-interval [a, b]. When that value lies on the side the event's direction crosses
   * into (negative for direction −1, positive for +1, either for 0), the flow may have left the
   * zero the other way and come back within the nudge (the short flights of a bouncing ball
   * near its accumulation point): the nudge shrinks by NUDGE_SHRINK down to the event tolerance
   * until the other sign shows. If it never does and the event's own affect has just put the
   * state on its zero, the flow crosses again right at a (`immediate`: the ball at rest keeps
   * bouncing in place, so an accumulation of events ends in status 'maxEvents' instead of a
   * fall through the floor). Starting on the zero at t0 is not a crossing. Null on NaN.
   */
  private signAfter(k: number, a: number, b: number, tol: number): { s: number; v: number; immediate: boolean } | null {
    const direction = this.events[k].direction;
    let s = a + REPEAT_NUDGE * (b - a);
    let v = this.valueAt(k, s);
    if (v !== v) return null;
    const entered = (x: number): boolean => (direction === 0 ? x !== 0 : direction * x > 0);
    if (!entered(v)) return { s, v, immediate: false };
    for (let d = (s - a) * NUDGE_SHRINK; d > tol && a + d > a; d *= NUDGE_SHRINK) {
      const vd = this.valueAt(k, a + d);
      if (vd !== vd) return null;
      if (vd !== 0 && sign(vd) !== sign(v)) return { s: a + d, v: vd, immediate: false };
      if (vd !== 0) [s, v] = [a + d, vd];
    }
    return { s, v, immediate: direction !== 0 && this.resetBySelf[k] === 1 };
  }

  /**
   * Walk event k over the sub-intervals of [xOld, x], tracking its last nonzero sign; push
   * each crossing in its direction (the first only, for an active event). False on NaN.
   */
  private scanEvent(k: number, xOld: number, x: number): boolean {
    const ev = this.events[k];
    const h = x - xOld;
    const gEnd = this.valueAt(k, x);
    if (gEnd !== gEnd) return false;
    const tol = this.eventTol === this.eventTol ? this.eventTol : EVENT_TOL_PER_STEP * h;
    const active = ev.affect !== undefined || ev.terminal;
    let a = xOld;
    let ga = this.gPrev[k];
    let ref = this.gRef[k];
    for (let i = 1; i <= INTERIOR_POINTS; i++) {
      const b = i === INTERIOR_POINTS ? x : xOld + (h * i) / INTERIOR_POINTS;
      if (ref === 0) {
        // on the zero (a restart onto the surface, t0, or an exact-zero crossing): the
        // reference sign is the sign just after, on the flow
        const after = this.signAfter(k, a, b, tol);
        if (after === null) return false;
        if (after.immediate) {
          // the flow leaves the zero on the side the event crosses into: a crossing right here
          this.found.push({ t: after.s, k, newSign: sign(after.v) });
          if (active) return true;
        }
        if (after.v !== 0) [ref, a, ga] = [sign(after.v), after.s, after.v];
      }
      const gb = b === x ? gEnd : this.valueAt(k, b);
      if (gb !== gb) return false;
      if (crosses(ref, gb, ev.direction)) {
        // ga ≠ 0 here: a zero at a with this reference sign would have been a crossing at a
        const te = locateCrossing((s) => this.valueAt(k, s), a, ga, b, gb, tol);
        if (te !== te) return false;
        this.found.push({ t: te, k, newSign: sign(gb) });
        if (active) return true; // the driver stops the step at or before te
        ref = sign(gb);
      } else if (gb !== 0) {
        ref = sign(gb);
      }
      a = b;
      ga = gb;
    }
    this.gPrev[k] = gEnd;
    this.gRef[k] = ref;
    this.resetBySelf[k] = 0;
    return true;
  }
}
