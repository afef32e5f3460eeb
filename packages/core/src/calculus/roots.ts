import { finiteNumber, functionArg, integerInRange, knownKeys, optionsObject, positiveNumber, show } from '../validate.js';

/**
 * Options of `brent`.
 * @category Roots and derivatives
 */
export interface BrentOptions {
  /**
   * Absolute tolerance. The root is returned when the bracket around it is narrower than
   * xtol + rtol·|x|. Default 4ε·max(|a|, |b|) (never below 1e-300): about one ulp at the
   * scale of the bracket, so roots near 0 of a bracket of size ~1 are found to ~1e-15
   * absolute. (scipy's brentq uses a fixed 2e-12, which is coarse for roots near 0.)
   */
  xtol?: number;
  /** Relative tolerance. @default 4ε = 8.88e-16 (as scipy's brentq; smaller is not attainable) */
  rtol?: number;
  /** Maximum number of iterations (one f evaluation each). @default 200 */
  maxIter?: number;
}

/**
 * Options of `findRoots`: the grid size plus the options passed to `brent`.
 * @category Roots and derivatives
 */
export interface FindRootsOptions extends BrentOptions {
  /** Number of grid intervals on [a, b] scanned for sign changes. @default 100 */
  samples?: number;
}

/**
 * 4ε, the default relative tolerance.
 * @category Roots and derivatives
 */
export const BRENT_RTOL = 4 * Number.EPSILON;

/**
 * A root of f in the bracket [a, b] by Brent's method (R. P. Brent, Algorithms for
 * Minimization without Derivatives, 1973, ch. 4; the bookkeeping of scipy's brentq):
 * inverse quadratic interpolation or secant steps, falling back to bisection whenever the
 * interpolated step is not at least halving, so the bracket always shrinks and
 * convergence is guaranteed. Returns x with a sign change of f within xtol + rtol·|x|;
 * when that bracket is within 64 ulps it is bisected down to adjacent doubles and the one
 * with the smaller |f| is returned. An exact zero f(a) = 0 or f(b) = 0 is returned at once.
 * @throws RangeError when f(a) and f(b) have the same sign (message gives both), when f
 *   returns a non-finite value (naming x), or when maxIter iterations do not converge
 *   (message gives the last bracket) — a RangeError, not a status, because with the
 *   bisection safeguard this only happens when maxIter is set far too small.
 * @category Roots and derivatives
 */
export function brent(f: (x: number) => number, a: number, b: number, options?: BrentOptions): number {
  functionArg('f', f);
  finiteNumber('a', a);
  finiteNumber('b', b);
  const opts = knownKeys('options', optionsObject('options', options), ['xtol', 'rtol', 'maxIter']);
  const xtol = opts.xtol === undefined ? Math.max(4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b)), 1e-300) : positiveNumber('options.xtol', opts.xtol);
  const rtol = opts.rtol === undefined ? BRENT_RTOL : finiteNumber('options.rtol', opts.rtol);
  if (rtol < BRENT_RTOL) throw new RangeError(`options.rtol must be >= 4ε = ${BRENT_RTOL}; got ${rtol}`);
  const maxIter = opts.maxIter === undefined ? 200 : integerInRange('options.maxIter', opts.maxIter, 1, Number.MAX_SAFE_INTEGER);
  const call = (x: number): number => {
    const y = f(x);
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new RangeError(`f must return a finite number; got ${show(y)} at x = ${x}`);
    return y;
  };

  let xpre = a;
  let xcur = b;
  let fpre = call(xpre);
  if (fpre === 0) return xpre;
  let fcur = call(xcur);
  if (fcur === 0) return xcur;
  if (fpre > 0 === fcur > 0) {
    throw new RangeError(`f(a) and f(b) must have opposite signs; got f(${a}) = ${fpre}, f(${b}) = ${fcur}`);
  }
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fpre !== 0 && fcur !== 0 && fpre < 0 !== fcur < 0) {
      // the bracket is [xpre, xcur]: xblk is the contrapoint
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      // keep the best estimate in xcur
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0) return xcur;
    if (Math.abs(sbis) < delta) return polishToAdjacent(call, xcur, fcur, xblk, fblk);
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // secant
      } else {
        const dpre = (fpre - fcur) / (xpre - xcur);
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre)); // inverse quadratic
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur; // accept the interpolation step
        scur = stry;
      } else {
        spre = sbis; // bisect
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = call(xcur);
  }
  throw new RangeError(
    `brent did not converge in options.maxIter = ${maxIter} iterations; last bracket [${Math.min(xcur, xblk)}, ${Math.max(xcur, xblk)}]`,
  );
}

/**
 * Final polish when the bracket [x, xb] (f(x), f(xb) of opposite signs) is within 64 ulps:
 * bisect to adjacent doubles (≤ 6 calls) and return the end with the smaller |f| (an exact
 * zero at once). So with the default tolerances the result is one of the two doubles
 * around the sign change, e.g. cos x = x → 0.7390851332151607, where f is exactly 0.
 * A wider bracket (a looser xtol/rtol chosen by the caller) is returned as is.
 */
function polishToAdjacent(f: (x: number) => number, x: number, fx: number, xb: number, fb: number): number {
  let lo = Math.min(x, xb);
  let hi = Math.max(x, xb);
  let fLo = lo === x ? fx : fb;
  let fHi = lo === x ? fb : fx;
  if (hi - lo > 64 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi))) return x;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm < 0 === fLo < 0) {
      lo = mid;
      fLo = fm;
    } else {
      hi = mid;
      fHi = fm;
    }
  }
  return Math.abs(fLo) <= Math.abs(fHi) ? lo : hi;
}

/**
 * All roots of f on [a, b] that show as a sign change on the grid
 * x_i = a + i·(b − a)/samples, i = 0..samples: each interval with f(x_i)·f(x_{i+1}) < 0
 * is refined by `brent`; a grid point where f is exactly 0 is a root itself and counted
 * once (its neighbouring intervals are not searched again). Roots of even multiplicity
 * (no sign change) and pairs of roots closer than one grid interval can be missed: raise
 * `samples`. Returned in increasing order.
 * @throws RangeError for a ≥ b, a bad `samples`, or a non-finite f on the grid.
 * @category Roots and derivatives
 */
export function findRoots(f: (x: number) => number, a: number, b: number, options?: FindRootsOptions): number[] {
  functionArg('f', f);
  finiteNumber('a', a);
  finiteNumber('b', b);
  if (!(a < b)) throw new RangeError(`a must be < b; got a = ${a}, b = ${b}`);
  const opts = knownKeys('options', optionsObject('options', options), ['samples', 'xtol', 'rtol', 'maxIter']);
  const samples = opts.samples === undefined ? 100 : integerInRange('options.samples', opts.samples, 1, 1e8);
  const brentOptions: BrentOptions = { xtol: opts.xtol, rtol: opts.rtol, maxIter: opts.maxIter };
  const gridPoint = (i: number): number => (i === samples ? b : a + (i * (b - a)) / samples);
  const value = (x: number): number => {
    const y = f(x);
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new RangeError(`f must return a finite number; got ${show(y)} at x = ${x}`);
    return y;
  };
  const roots: number[] = [];
  let x0 = gridPoint(0);
  let f0 = value(x0);
  if (f0 === 0) roots.push(x0);
  for (let i = 1; i <= samples; i++) {
    const x1 = gridPoint(i);
    const f1 = value(x1);
    if (f1 === 0) roots.push(x1);
    else if (f0 !== 0 && f0 < 0 !== f1 < 0) roots.push(brent(f, x0, x1, brentOptions));
    x0 = x1;
    f0 = f1;
  }
  return roots;
}
