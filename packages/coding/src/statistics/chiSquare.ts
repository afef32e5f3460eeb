import { finiteNumber, integerInRange } from '@neurobridge/core';
import { logFactorialOf } from '../generation/randomVariates.js';

/** Iteration bound of the series and the continued fraction (both converge in far fewer for dof ≤ 1e6). */
const MAX_TERMS = 100_000;

/** log Γ(dof/2) for an integer dof ≥ 1, exactly from factorials: Γ(n) = (n − 1)!, Γ(n + ½) = (2n)!√π/(4ⁿ n!). */
function logGammaHalf(dof: number): number {
  if (dof % 2 === 0) return logFactorialOf(dof / 2 - 1);
  const n = (dof - 1) / 2;
  return logFactorialOf(2 * n) + 0.5 * Math.log(Math.PI) - n * Math.log(4) - logFactorialOf(n);
}

/**
 * P(χ²_dof > x), the survival function of the chi-square distribution: the regularised upper
 * incomplete gamma Q(dof/2, x/2), by its power series (x/2 < dof/2 + 1, then 1 − P) or
 * Lentz's continued fraction (otherwise), to about 1e-14 relative (Numerical Recipes §6.2).
 * @throws RangeError for dof not an integer in [1, 1e6] or x not finite.
 * @category Statistics
 */
export function chiSquareSurvival(x: number, dof: number): number {
  finiteNumber('x', x);
  integerInRange('dof', dof, 1, 1e6);
  if (x <= 0) return 1;
  const a = dof / 2, y = x / 2;
  const logPrefix = -y + a * Math.log(y) - logGammaHalf(dof);
  if (y < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < MAX_TERMS && Math.abs(term) > sum * 1e-17; n++) {
      term *= y / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = y + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/**
 * Two-sided normal p-value P(|Z| > |z|) = erfc(|z|/√2) = Q(½, z²/2), accurate in the far tail.
 * @category Statistics
 */
export function normalTwoSidedP(z: number): number {
  finiteNumber('z', z);
  // |z| > 1.3e154: z² overflows, and P(|Z| > |z|) underflows to 0 long before
  return Number.isFinite(z * z) ? chiSquareSurvival(z * z, 1) : 0;
}

/**
 * The x with P(χ²_dof > x) = p (0 < p < 1), by bisection on chiSquareSurvival to the last bit
 * (200 halvings of [0, dof + 20√(2·dof) + 100]).
 * @throws RangeError for p outside (0, 1) or a bad dof.
 * @category Statistics
 */
export function chiSquareQuantile(p: number, dof: number): number {
  finiteNumber('p', p);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1); got ${p}`);
  integerInRange('dof', dof, 1, 1e6);
  let lo = 0, hi = dof + 20 * Math.sqrt(2 * dof) + 100;
  while (chiSquareSurvival(hi, dof) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (chiSquareSurvival(mid, dof) > p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * P(|T| > |t|) for Student's t with ν (integer ≥ 1) degrees of freedom:
 * I_{ν/(ν+t²)}(ν/2, ½), the regularised incomplete beta by Lentz's continued fraction
 * (Numerical Recipes §6.4), with Γ at half-integers exact from factorials; ~1e-14 relative.
 * @throws RangeError for a non-finite t or a bad ν.
 * @category Statistics
 */
export function studentTwoSidedP(t: number, nu: number): number {
  finiteNumber('t', t);
  integerInRange('nu', nu, 1, 1e6);
  return regularizedBeta(nu / (nu + t * t), nu, 1);
}

/** I_x(a, b) with a = dofA/2, b = dofB/2 (integers dofA, dofB ≥ 1). */
function regularizedBeta(x: number, dofA: number, dofB: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const a = dofA / 2, b = dofB / 2;
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, dofB, dofA);
  const logFront = logGammaHalf(dofA + dofB) - logGammaHalf(dofA) - logGammaHalf(dofB) + a * Math.log(x) + b * Math.log1p(-x);
  const tiny = 1e-300;
  const clamp = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1, d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / clamp(1 + even * d); c = clamp(1 + even / c); h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / clamp(1 + odd * d); c = clamp(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(logFront) * h) / a;
}
