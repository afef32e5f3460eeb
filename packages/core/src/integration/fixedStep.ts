/**
 * Fixed-step explicit integrators on Float64Array: forward Euler (order 1) and the classical
 * Runge–Kutta method (order 4). The steppers preallocate their stage buffers, so a step
 * allocates nothing.
 */
import type { Rhs } from './integrateTypes.js';
import { finiteNumber, finiteVector, functionArg, integerInRange, knownKeys, MAX_ARRAY_LENGTH, optional, show } from '../validate.js';

/**
 * Advances `y` in place from t to t + h.
 * @category Integration
 */
export interface Stepper {
  /** Dimension the buffers were allocated for; `y.length` must equal it. */
  readonly dim: number;
  /**
   * One step of size h (time units; negative steps backwards): overwrites `y` (length `dim`)
   * with the state at t + h. O(1) argument checks only, no allocation; values are not checked
   * for finiteness.
   */
  step(rhs: Rhs, t: number, y: Float64Array, h: number): void;
}

/**
 * Options of `rk4` and `euler`: the number of steps (required), what to record, a work bound.
 * @category Integration
 */
export interface FixedStepOptions {
  /** Number of equal steps, integer >= 1; h = (t1 − t0)/steps (t1 < t0 integrates backwards). */
  steps: number;
  /**
   * 'all': every step (steps + 1 states); 'end': t0 and t1 only. With 'all' the recorded
   * states must fit in 1 GiB: (steps + 1)·(8·dim + 256) bytes (256: the measured cost of one
   * small Float64Array in V8), else RangeError. @default 'all'
   */
  record?: 'all' | 'end';
  /**
   * Bound on `steps`, integer >= 1: a larger `steps` is a RangeError before any work, so a
   * mistyped `steps: 1e12` fails at once instead of running for hours. Raise it to ask for
   * more work knowingly. @default 10_000_000 (FIXED_STEP_MAX_STEPS; about 0.3 s of RK4 on a
   * scalar equation)
   */
  maxSteps?: number;
}

/**
 * Default of `FixedStepOptions.maxSteps`.
 * @category Integration
 */
export const FIXED_STEP_MAX_STEPS = 10_000_000;

/**
 * 'nonFinite': the state stopped being finite; the result ends at the last finite state.
 * @category Integration
 */
export type FixedStepStatus = 'success' | 'nonFinite';

/**
 * Result of `rk4` and `euler`: the recorded states, where the run ended and why.
 * @category Integration
 */
export interface FixedStepResult {
  /** recorded times, t0 + k·h (up to tEnd) */
  t: Float64Array;
  /** y[i] = state at t[i] (copies) */
  y: Float64Array[];
  /** state at tEnd */
  yEnd: Float64Array;
  /** t1 on success; on 'nonFinite' the time of the last finite state */
  tEnd: number;
  /** 'success', or 'nonFinite' when the state stopped being finite */
  status: FixedStepStatus;
  /** what happened: 'reached t1 = …', or where the state became non-finite */
  message: string;
}

const FIXED_STEP_KEYS = ['steps', 'record', 'maxSteps'];
/** Bytes one recorded state costs besides its 8·dim bytes of data (V8, measured). */
const STATE_OVERHEAD_BYTES = 256;

function checkDim(dim: unknown): number {
  integerInRange('dim', dim, 1);
  if ((dim as number) > MAX_ARRAY_LENGTH) throw new RangeError(`dim must be <= ${MAX_ARRAY_LENGTH} (an allocation bound); got ${show(dim)}`);
  return dim as number;
}

/** The arguments of `step`: O(1) checks, so a step stays allocation-free and cheap. */
function checkStep(dim: number, rhs: unknown, t: unknown, y: unknown, h: unknown): void {
  if (typeof rhs !== 'function') throw new TypeError(`rhs must be a function; got ${show(rhs)}`);
  if (!(y instanceof Float64Array)) throw new TypeError(`y must be a Float64Array of length ${dim}; got ${show(y)}`);
  if (y.length !== dim) throw new RangeError(`y.length must equal the stepper dimension ${dim}; got ${y.length}`);
  finiteNumber('t', t);
  finiteNumber('h', h);
}

/**
 * Forward Euler: y_{k+1} = y_k + h · f(t_k, y_k). Local error O(h²), global error O(h).
 * @category Integration
 */
export function createEulerStepper(dim: number): Stepper {
  const n = checkDim(dim);
  const k1 = new Float64Array(n);
  return {
    dim: n,
    step(rhs: Rhs, t: number, y: Float64Array, h: number): void {
      checkStep(n, rhs, t, y, h);
      rhs(t, y, k1);
      for (let i = 0; i < n; i++) y[i] += h * k1[i];
    },
  };
}

/**
 * Classical Runge–Kutta (RK4, Butcher tableau c = (0, ½, ½, 1), b = (1/6, 1/3, 1/3, 1/6)):
 *   k1 = f(t, y), k2 = f(t + h/2, y + h/2·k1), k3 = f(t + h/2, y + h/2·k2), k4 = f(t + h, y + h·k3),
 *   y ← y + h/6 · (k1 + 2k2 + 2k3 + k4).   Global error O(h⁴).
 * @category Integration
 */
export function createRk4Stepper(dim: number): Stepper {
  const n = checkDim(dim);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  return {
    dim: n,
    step(rhs: Rhs, t: number, y: Float64Array, h: number): void {
      checkStep(n, rhs, t, y, h);
      const half = 0.5 * h;
      rhs(t, y, k1);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + half * k1[i];
      rhs(t + half, tmp, k2);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + half * k2[i];
      rhs(t + half, tmp, k3);
      for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
      rhs(t + h, tmp, k4);
      const sixth = h / 6;
      for (let i = 0; i < n; i++) y[i] += sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    },
  };
}

function runFixed(
  name: string,
  makeStepper: (dim: number) => Stepper,
  rhs: Rhs,
  t0: number,
  y0: ArrayLike<number>,
  t1: number,
  options: FixedStepOptions,
): FixedStepResult {
  functionArg('rhs', rhs);
  finiteNumber('t0', t0);
  finiteNumber('t1', t1);
  const y = finiteVector('y0', y0, { min: 1 });
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${name} options must be an object with an integer 'steps'; got ${show(options)}`);
  }
  knownKeys('options', options, FIXED_STEP_KEYS, name);
  const steps = integerInRange('options.steps', options.steps, 1);
  const record = optional('options.record', options.record, 'all', (_n, v) => v);
  if (record !== 'all' && record !== 'end') {
    throw new TypeError(`options.record must be 'all' or 'end'; got ${show(record)}`);
  }
  const maxSteps = optional('options.maxSteps', options.maxSteps, FIXED_STEP_MAX_STEPS, (n, v) => integerInRange(n, v, 1));
  if (steps > maxSteps) {
    throw new RangeError(`options.steps must be <= options.maxSteps = ${maxSteps} (the bound on the work asked for; raise maxSteps to run more); got ${steps}`);
  }
  const all = record === 'all';
  // memory of the recorded trajectory, in doubles: (steps + 1)·(dim + overhead/8)
  if (all && (steps + 1) * (y.length + STATE_OVERHEAD_BYTES / 8) > MAX_ARRAY_LENGTH) {
    throw new RangeError(
      `options.steps = ${steps} with record 'all' and ${y.length} state variables needs ${(steps + 1) * (8 * y.length + STATE_OVERHEAD_BYTES)} bytes; at most ${8 * MAX_ARRAY_LENGTH} (1 GiB) allowed: use record 'end' or fewer steps`,
    );
  }
  if (!Number.isFinite(t1 - t0)) throw new RangeError(`t1 − t0 must be finite (|t1 − t0| <= 1.8e308); got t0 = ${t0}, t1 = ${t1}`);
  const stepper = makeStepper(y.length);
  const h = (t1 - t0) / steps;
  const ts = new Float64Array(all ? steps + 1 : 2);
  const ys: Float64Array[] = [y.slice()];
  const last = y.slice(); // the last finite state
  ts[0] = t0;
  for (let k = 0; k < steps; k++) {
    // t_k = t0 + k·h, not an accumulated sum, so t_steps is t1 to rounding (set exactly below).
    stepper.step(rhs, t0 + k * h, y, h);
    // x·0 is 0 for finite x, NaN otherwise: one pass, no branch per entry (as odexAdapter.ts)
    let probe = 0;
    for (let i = 0; i < y.length; i++) probe += y[i] * 0;
    if (probe !== 0) return nonFinite(ts, ys, all, k, t0 + k * h, t0 + (k + 1) * h, y, last);
    last.set(y);
    if (all) {
      ts[k + 1] = t0 + (k + 1) * h;
      ys.push(y.slice());
    }
  }
  ts[ts.length - 1] = t1;
  if (!all) ys.push(y.slice());
  return { t: ts, y: ys, yEnd: y, tEnd: t1, status: 'success', message: `reached t1 = ${t1} in ${steps} steps` };
}

/**
 * The result when step k (from tLast to tBad) made the state y non-finite: the trajectory ends
 * at the last finite state `last`, at tLast (recorded states t_0 … t_k with 'all'; t0 and tLast
 * with 'end').
 */
function nonFinite(
  ts: Float64Array, ys: Float64Array[], all: boolean, k: number, tLast: number, tBad: number, y: Float64Array, last: Float64Array,
): FixedStepResult {
  let i = 0;
  while (Number.isFinite(y[i])) i++;
  const message = `state became non-finite (y[${i}] = ${y[i]}) in step ${k + 1}, from t = ${tLast} to t = ${tBad}; the result ends at the last finite state, t = ${tLast}`;
  y.set(last);
  let t = ts.slice(0, k + 1);
  if (!all) {
    t = k === 0 ? Float64Array.of(ts[0]) : Float64Array.of(ts[0], tLast);
    if (k > 0) ys.push(y.slice());
  }
  return { t, y: ys, yEnd: y, tEnd: tLast, status: 'nonFinite', message };
}

/**
 * Integrate y' = f(t, y) from t0 to t1 with `steps` classical RK4 steps.
 * @category Integration
 */
export function rk4(rhs: Rhs, t0: number, y0: ArrayLike<number>, t1: number, options: FixedStepOptions): FixedStepResult {
  return runFixed('rk4', createRk4Stepper, rhs, t0, y0, t1, options);
}

/**
 * Integrate y' = f(t, y) from t0 to t1 with `steps` forward Euler steps.
 * @category Integration
 */
export function euler(rhs: Rhs, t0: number, y0: ArrayLike<number>, t1: number, options: FixedStepOptions): FixedStepResult {
  return runFixed('euler', createEulerStepper, rhs, t0, y0, t1, options);
}
