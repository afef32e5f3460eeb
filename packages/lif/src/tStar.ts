import { portableLog1p } from '@neurobridge/core';
import { resolveParams, type LifParams } from './params.js';
import { gStar } from './gStar.js';

/**
 * t*, Gatsby 2021 Q1 Eq. (7): the approximate steady interspike interval for td = 0 and
 * tauK ≫ tau,
 *   t* = tauK · log((g* + Δg)/ g*)   (computed as tauK · log1p(Δg/ g*)).
 * It assumes u follows its fixed-g equilibrium (Eq. (12)) so a spike happens exactly when g
 * decays to g*. The exact interval is {@link steadyStateIsi}: the spike comes later, when g
 * is below g*, so t* is short by an amount that tends to a constant of order tau (0.606 ms
 * for tau = 10, V0 = 30, Δg = 0.05) and its relative error falls like (tauK/tau)^-1
 * (exam claim gatsby-q1.5: exponent −1.17 over tauK/tau = 10..10^4, −1.000 over the last decade). Slip in the source: its solution 5 ends "Solving for t* yields Eq. (4)";
 * it is Eq. (7) (Eq. (4) is t_s(g)).
 * Returns Infinity when V0 ≤ θ (g* ≤ 0: no firing) or tauK = Infinity with Δg > 0, and
 * t_s(0) is not returned for Δg = 0 (the formula gives 0 there; see steadyStateIsi).
 * @category Closed forms
 */
export function tStar(params: LifParams): number {
  const p = resolveParams(params);
  const gs = gStar(p);
  if (!(gs > 0)) return Infinity;
  if (p.tauK === Infinity) return p.dg > 0 ? Infinity : 0;
  return p.tauK * portableLog1p(p.dg / gs);
}
