/**
 * Locate a sign change of g on [a, b] and return a point on the far side of the crossing —
 * where g has already taken its new sign (the sign of g(b)) or is exactly zero — within
 * xtol + 4ε·|x| of the crossing.
 *
 * The root finder is core's `brent` (calculus/roots.ts). A best estimate of the root is not enough
 * for event handling: restarting the integration at a point where g still has its old sign
 * would detect the same event again. `brent` guarantees a sign change within
 * xtol + rtol·|x| of its answer, so when g still has the old sign there, a walk to the
 * right in doubling steps, from 2^-20 of that size, crosses over (bounded by b) and
 * overshoots the crossing by less than brent's own error.
 * Internal to the event machinery.
 */
import { BRENT_RTOL, brent } from '../calculus/roots.js';

/** First step past brent's answer, as a fraction of its guaranteed bracket: 2^-20. */
const NUDGE_START = 2 ** -20;
/** Upper bound on the doubling steps past brent's answer: 20 to reach the bracket, the rest guard rounding. */
const MAX_NUDGES = 64;

/**
 * @param g    continuous function with g(a)·g(b) < 0 (or g(b) = 0)
 * @param fa   g(a) as already computed by the caller (nonzero)
 * @param fb   g(b) as already computed by the caller
 * @param xtol absolute tolerance on the crossing location, > 0
 * @returns x in (a, b] with sign(g(x)) = sign(fb) or g(x) = 0; NaN if g returned a non-finite value
 */
export function locateCrossing(g: (x: number) => number, a: number, fa: number, b: number, fb: number, xtol: number): number {
  if (fb === 0) return b;
  let sawNonFinite = false;
  // The end values are the caller's (the exact step-end state), not re-evaluated on the
  // interpolant, whose rounding could flip the sign of a tiny g(b).
  const f = (x: number): number => {
    if (x === a) return fa;
    if (x === b) return fb;
    const v = g(x);
    if (!Number.isFinite(v)) sawNonFinite = true;
    return v;
  };
  let r: number;
  try {
    r = brent(f, a, b, { xtol });
  } catch (err) {
    if (sawNonFinite) return Number.NaN;
    throw err;
  }
  const newSide = (v: number): boolean => v === 0 || (v > 0) === (fb > 0);
  if (newSide(f(r))) return r;
  // brent's answer is on the old side, with a sign change within `bound` of it. Walk out in
  // doubling steps from far below that bound: the first point on the new side overshoots the
  // crossing by less than the crossing's distance from r (a full step of `bound` would
  // overshoot by up to xtol at every event, and a chain of restarts adds these up).
  const bound = xtol + BRENT_RTOL * Math.abs(r);
  let step = bound * NUDGE_START;
  for (let i = 0; i < MAX_NUDGES; i++, step *= 2) {
    const x = Math.min(b, r + step);
    if (x === r) continue; // below the resolution of r: no evaluation
    const v = f(x);
    if (v !== v) return Number.NaN;
    if (newSide(v) || x === b) return x;
  }
  return b;
}
