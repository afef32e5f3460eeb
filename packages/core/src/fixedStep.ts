/**
 * Fixed-step explicit integrators on Float64Array: forward Euler (order 1) and the classical
 * Runge–Kutta method (order 4). The steppers preallocate their stage buffers, so a step
 * allocates nothing.
 */
import type { Rhs } from './integrateTypes.js';
import { finiteNumber, finiteVector, functionArg, integerInRange, show } from './validate.js';

/** Advances `y` in place from t to t + h. */
export interface Stepper {
  /** Dimension the buffers were allocated for; `y.length` must equal it. */
  readonly dim: number;
  step(rhs: Rhs, t: number, y: Float64Array, h: number): void;
}

export interface FixedStepOptions {
  /** Number of equal steps, integer >= 1; h = (t1 − t0)/steps (t1 < t0 integrates backwards). */
  steps: number;
  /** 'all': every step (steps + 1 states); 'end': t0 and t1 only. @default 'all' */
  record?: 'all' | 'end';
}

export interface FixedStepResult {
  /** recorded times, t0 + k·h */
  t: Float64Array;
  /** y[i] = state at t[i] (copies) */
  y: Float64Array[];
  /** state at t1 */
  yEnd: Float64Array;
}

function checkDim(dim: unknown): number {
  return integerInRange('dim', dim, 1);
}

function checkLength(dim: number, y: Float64Array): void {
  if (y.length !== dim) throw new RangeError(`y.length must equal the stepper dimension ${dim}; got ${y.length}`);
}

/**
 * Forward Euler: y_{k+1} = y_k + h · f(t_k, y_k). Local error O(h²), global error O(h).
 */
export function createEulerStepper(dim: number): Stepper {
  const n = checkDim(dim);
  const k1 = new Float64Array(n);
  return {
    dim: n,
    step(rhs: Rhs, t: number, y: Float64Array, h: number): void {
      checkLength(n, y);
      rhs(t, y, k1);
      for (let i = 0; i < n; i++) y[i] += h * k1[i];
    },
  };
}

/**
 * Classical Runge–Kutta (RK4, Butcher tableau c = (0, ½, ½, 1), b = (1/6, 1/3, 1/3, 1/6)):
 *   k1 = f(t, y), k2 = f(t + h/2, y + h/2·k1), k3 = f(t + h/2, y + h/2·k2), k4 = f(t + h, y + h·k3),
 *   y ← y + h/6 · (k1 + 2k2 + 2k3 + k4).   Global error O(h⁴).
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
      checkLength(n, y);
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
  const steps = integerInRange('options.steps', options.steps, 1);
  const record = options.record ?? 'all';
  if (record !== 'all' && record !== 'end') {
    throw new TypeError(`options.record must be 'all' or 'end'; got ${show(record)}`);
  }
  const stepper = makeStepper(y.length);
  const h = (t1 - t0) / steps;
  const all = record === 'all';
  const ts = new Float64Array(all ? steps + 1 : 2);
  const ys: Float64Array[] = [y.slice()];
  ts[0] = t0;
  for (let k = 0; k < steps; k++) {
    // t_k = t0 + k·h, not an accumulated sum, so t_steps is t1 to rounding (set exactly below).
    stepper.step(rhs, t0 + k * h, y, h);
    if (all) {
      ts[k + 1] = t0 + (k + 1) * h;
      ys.push(y.slice());
    }
  }
  ts[ts.length - 1] = t1;
  if (!all) ys.push(y.slice());
  return { t: ts, y: ys, yEnd: y };
}

/** Integrate y' = f(t, y) from t0 to t1 with `steps` classical RK4 steps. */
export function rk4(rhs: Rhs, t0: number, y0: ArrayLike<number>, t1: number, options: FixedStepOptions): FixedStepResult {
  return runFixed('rk4', createRk4Stepper, rhs, t0, y0, t1, options);
}

/** Integrate y' = f(t, y) from t0 to t1 with `steps` forward Euler steps. */
export function euler(rhs: Rhs, t0: number, y0: ArrayLike<number>, t1: number, options: FixedStepOptions): FixedStepResult {
  return runFixed('euler', createEulerStepper, rhs, t0, y0, t1, options);
}
