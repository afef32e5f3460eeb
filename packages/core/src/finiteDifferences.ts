import { finiteNumber, finiteVector, functionArg, optionsObject, positiveNumber, show } from './validate.js';

/** Options of the finite-difference gradients. */
export interface FiniteDifferenceOptions {
  /**
   * Absolute step used for every coordinate. Default: per coordinate,
   * central h_i = ε^{1/3}·max(1, |x_i|) ≈ 6.06e-6·max(1, |x_i|) (balances the O(h²)
   * truncation error against the O(ε/h) rounding error), forward
   * h_i = √ε·max(1, |x_i|) ≈ 1.49e-8·max(1, |x_i|) (balances O(h) against O(ε/h)).
   */
  h?: number;
}

export interface DerivativeOptions extends FiniteDifferenceOptions {
  /** @default 'central' */
  method?: 'central' | 'forward';
}

/** ε^{1/3}: optimal relative step of the central difference. */
export const CENTRAL_STEP = Math.cbrt(Number.EPSILON);
/** √ε: optimal relative step of the forward difference. */
export const FORWARD_STEP = Math.sqrt(Number.EPSILON);

/** Boundary checks shared by the gradients: f, a scratch copy of x, and the fixed step if given. */
function gradientInputs(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: FiniteDifferenceOptions | undefined,
): { xs: Float64Array; h: number | undefined } {
  functionArg('f', f);
  const xs = finiteVector('x', x);
  return { xs, h: stepOption(options) };
}

/**
 * Central-difference gradient: ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),
 * truncation error h²/6·∂³f/∂x_i³ (order 2). The actual step is the representable
 * difference (x_i + h) − (x_i − h), so the division is exact in the step.
 * f is called 2·n times with one scratch Float64Array that it must not keep.
 * @throws RangeError when f returns a non-finite value (naming the coordinate).
 */
export function gradientCentral(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: FiniteDifferenceOptions,
): Float64Array {
  const { xs, h } = gradientInputs(f, x, options);
  const g = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i];
    const hi = h ?? CENTRAL_STEP * Math.max(1, Math.abs(xi));
    const xp = xi + hi;
    const xm = xi - hi;
    xs[i] = xp;
    const fp = checked(f(xs), 'f', xs, i);
    xs[i] = xm;
    const fm = checked(f(xs), 'f', xs, i);
    xs[i] = xi;
    g[i] = (fp - fm) / (xp - xm);
  }
  return g;
}

/**
 * Forward-difference gradient: ∂f/∂x_i ≈ (f(x + h e_i) − f(x)) / h, truncation error
 * h/2·∂²f/∂x_i² (order 1); n + 1 calls of f.
 * @throws RangeError when f returns a non-finite value.
 */
export function gradientForward(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options?: FiniteDifferenceOptions,
): Float64Array {
  const { xs, h } = gradientInputs(f, x, options);
  const f0 = checked(f(xs), 'f', xs, -1);
  const g = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const xi = xs[i];
    const hi = h ?? FORWARD_STEP * Math.max(1, Math.abs(xi));
    const xp = xi + hi;
    xs[i] = xp;
    const fp = checked(f(xs), 'f', xs, i);
    xs[i] = xi;
    g[i] = (fp - f0) / (xp - xi);
  }
  return g;
}

/**
 * f'(x) by a central (default) or forward difference, with the steps documented in
 * `FiniteDifferenceOptions`.
 */
export function derivative(f: (x: number) => number, x: number, options?: DerivativeOptions): number {
  functionArg('f', f);
  finiteNumber('x', x);
  const opts = optionsObject('options', options);
  const method = opts.method ?? 'central';
  const h = stepOption(opts);
  const call = (t: number): number => {
    const v = f(t);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`f must return a finite number; got ${show(v)} at x = ${t}`);
    return v;
  };
  if (method === 'central') {
    const hc = h ?? CENTRAL_STEP * Math.max(1, Math.abs(x));
    const xp = x + hc;
    const xm = x - hc;
    return (call(xp) - call(xm)) / (xp - xm);
  }
  if (method === 'forward') {
    const hf = h ?? FORWARD_STEP * Math.max(1, Math.abs(x));
    const xp = x + hf;
    return (call(xp) - call(x)) / (xp - x);
  }
  throw new RangeError(`options.method must be 'central' or 'forward'; got ${show(method)}`);
}

function stepOption(options: FiniteDifferenceOptions | undefined): number | undefined {
  const opts = optionsObject('options', options);
  return opts.h === undefined ? undefined : positiveNumber('options.h', opts.h);
}

function checked(v: unknown, name: string, x: Float64Array, i: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const where = i < 0 ? 'at x' : `with x[${i}] = ${x[i]}`;
    throw new RangeError(`${name} must return a finite number; got ${show(v)} ${where}`);
  }
  return v;
}
