import { finiteNumber, finiteVector, functionArg, knownKeys, oneOf, optional, optionsObject, positiveNumber, show } from '../validate.js';

/**
 * Options of the finite-difference gradients.
 * @category Roots and derivatives
 */
export interface FiniteDifferenceOptions {
  /**
   * Absolute step used for every coordinate. Default: per coordinate,
   * central h_i = ε^{1/3}·max(1, |x_i|) ≈ 6.06e-6·max(1, |x_i|) (balances the O(h²)
   * truncation error against the O(ε/h) rounding error), forward
   * h_i = √ε·max(1, |x_i|) ≈ 1.49e-8·max(1, |x_i|) (balances O(h) against O(ε/h)).
   */
  h?: number;
}

/**
 * Options of `derivative`: the step and the difference formula.
 * @category Roots and derivatives
 */
export interface DerivativeOptions extends FiniteDifferenceOptions {
  /**
   * 'central': (f(x + h) − f(x − h))/(2h), error O(h²); 'forward': (f(x + h) − f(x))/h,
   * error O(h). The divisor is the rounded width (x + h) − (x − h), resp. (x + h) − x, not 2h
   * or h, so the representation error of the step cancels.
   * @default 'central'
   */
  method?: 'central' | 'forward';
}

/**
 * ε^{1/3}: optimal relative step of the central difference.
 * @category Roots and derivatives
 */
export const CENTRAL_STEP = Math.cbrt(Number.EPSILON);
/**
 * √ε: optimal relative step of the forward difference.
 * @category Roots and derivatives
 */
export const FORWARD_STEP = Math.sqrt(Number.EPSILON);

/** Boundary checks shared by the gradients: f, a scratch copy of x, and the fixed step if given. */
function gradientInputs(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: FiniteDifferenceOptions | undefined,
): { xs: Float64Array; h: number | undefined } {
  functionArg('f', f);
  const xs = finiteVector('x', x);
  return { xs, h: stepOption(knownKeys('options', optionsObject('options', options), ['h'])) };
}

/**
 * Central-difference gradient: ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h),
 * truncation error h²/6·∂³f/∂x_i³ (order 2). The actual step is the representable
 * difference (x_i + h) − (x_i − h), so the division is exact in the step.
 * f is called 2·n times with one scratch Float64Array that it must not keep.
 * @throws RangeError when f returns a non-finite value (naming the coordinate).
 * @category Roots and derivatives
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
    checkStep(xp, xm, hi, h, `x[${i}]`, xi);
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
 * @category Roots and derivatives
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
    checkStep(xp, xi, hi, h, `x[${i}]`, xi);
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
 * @category Roots and derivatives
 */
export function derivative(f: (x: number) => number, x: number, options?: DerivativeOptions): number {
  functionArg('f', f);
  finiteNumber('x', x);
  const opts = knownKeys('options', optionsObject('options', options), ['h', 'method']);
  const method = optional('options.method', opts.method, 'central', (n, v) => oneOf(n, v, ['central', 'forward']));
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
    checkStep(xp, xm, hc, h, 'x', x);
    return (call(xp) - call(xm)) / (xp - xm);
  }
  const hf = h ?? FORWARD_STEP * Math.max(1, Math.abs(x));
  const xp = x + hf;
  checkStep(xp, x, hf, h, 'x', x);
  return (call(xp) - call(x)) / (xp - x);
}

function stepOption(opts: Partial<FiniteDifferenceOptions>): number | undefined {
  return opts.h === undefined ? undefined : positiveNumber('options.h', opts.h);
}

/**
 * The difference quotient divides by xp − xm: it must be a positive finite double. A step h
 * below half an ulp of x leaves x + h = x (0/0 = NaN), and x near ±1.8e308 puts x + h at
 * ±Infinity; both are RangeErrors naming the step (options.h, or the default) and x.
 */
function checkStep(xp: number, xm: number, step: number, given: number | undefined, xName: string, x: number): void {
  const width = xp - xm;
  if (width > 0 && Number.isFinite(width)) return;
  const which = given === undefined ? `the default step ${step}` : `options.h = ${given}`;
  if (!(width > 0)) {
    throw new RangeError(`${which} is below the resolution of ${xName} = ${x} (${xName} ± h rounds to ${xName}): options.h must be >= ${Math.abs(x) * Number.EPSILON}`);
  }
  throw new RangeError(`${which} takes ${xName} = ${x} beyond the double range (${xName} + h = ${xp}): |${xName}| + h must be <= 1.8e308`);
}

function checked(v: unknown, name: string, x: Float64Array, i: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const where = i < 0 ? 'at x' : `with x[${i}] = ${x[i]}`;
    throw new RangeError(`${name} must return a finite number; got ${show(v)} ${where}`);
  }
  return v;
}
