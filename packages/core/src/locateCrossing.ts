/**
 * Locate a sign change of g on [a, b] and return the bracket end on the far side of the
 * crossing — the first point (to within `xtol`) where g has already taken its new sign or is
 * exactly zero.
 *
 * Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4:
 * inverse quadratic interpolation / secant with bisection safeguard) keeps a bracket [b, c]
 * with g(b)·g(c) <= 0 and stops when |c − b| <= 4·eps·|b| + xtol. A point estimate of the
 * root is not enough for event handling: restarting the integration at a point where g still
 * has its old sign would detect the same event again, so this returns the bracket end whose
 * sign is the sign of g(b) at entry (or an exact zero).
 *
 * Internal to the event machinery. It differs from core's public `brent` (roots.ts) in what
 * it returns (a side of the bracket, not a best estimate) and in taking g(a), g(b) already
 * computed by the caller.
 */

/** Machine epsilon for doubles. */
const EPS = 2.220446049250313e-16;
/** Brent converges in far fewer iterations; this only guards against a misbehaving g. */
const MAX_ITER = 200;

/**
 * @param g   function with g(a)·g(b) < 0 (or g(b) = 0)
 * @param fa  g(a), nonzero
 * @param fb  g(b)
 * @param xtol absolute tolerance on the crossing location, > 0
 * @returns a point x in (a, b] with sign(g(x)) = sign(fb) or g(x) = 0, within xtol + 4·eps·|x| of the crossing
 */
export function locateCrossing(g: (x: number) => number, a: number, fa: number, b: number, fb: number, xtol: number): number {
  if (fb === 0) return b;
  const newSign = fb > 0 ? 1 : -1;
  // Brent's state: b is the best estimate, c the contrapoint (g(b), g(c) of opposite signs),
  // a the previous iterate.
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (fb === 0) return b;
    if (Math.abs(m) <= tol1) break;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // interpolation: secant when a = c, inverse quadratic otherwise
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = g(b);
    if (fb !== fb) return Number.NaN; // g produced NaN inside the bracket: caller reports it
  }
  // The bracket is [b, c] (either order); return the end that has the new sign. (If the
  // iteration cap was hit right after an update of b, the contrapoint is the previous iterate.)
  if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) c = a;
  const bNew = newSign > 0 ? fb > 0 : fb < 0;
  return bNew ? b : c;
}
