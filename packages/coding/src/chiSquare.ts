import { finiteNumber, integerInRange } from '@neurobridge/core';
import { logFactorial } from './randomVariates.js';

/** Iteration bound of the series and the continued fraction (both converge in far fewer for dof ≤ 1e6). */
const MAX_TERMS = 100_000;

/** log Γ(dof/2) for an integer dof ≥ 1, exactly from factorials: Γ(n) = (n − 1)!, Γ(n + ½) = (2n)!√π/(4ⁿ n!). */
function logGammaHalf(dof: number): number {
  if (dof % 2 === 0) return logFactorial(dof / 2 - 1);
  const n = (dof - 1) / 2;
  return logFactorial(2 * n) + 0.5 * Math.log(Math.PI) - n * Math.log(4) - logFactorial(n);
}

/**
 * P(χ²_dof > x), the survival function of the chi-square distribution: the regularised upper
 * incomplete gamma Q(dof/2, x/2), by its power series (x/2 < dof/2 + 1, then 1 − P) or
 * Lentz's continued fraction (otherwise), to about 1e-14 relative (Numerical Recipes §6.2).
 * @throws RangeError for dof not an integer in [1, 1e6] or x not finite.
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

/** Two-sided normal p-value P(|Z| > |z|) = erfc(|z|/√2) = Q(½, z²/2), accurate in the far tail. */
export function normalTwoSidedP(z: number): number {
  finiteNumber('z', z);
  return chiSquareSurvival(z * z, 1);
}
