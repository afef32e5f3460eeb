import { show, portableLog1p } from '@neurobridge/core';
import { resolveParams, type LifParams } from './params.js';

/**
 * Margin by which the fixed-g equilibrium exceeds threshold, times (1 + g):
 * A(g) = V0 − gΔ − θ(1 + g). The neuron can fire at fixed g iff A(g) > 0 (exam Eq. (10)).
 */
export function thresholdMargin(V0: number, Delta: number, theta: number, g: number): number {
  return V0 - g * Delta - theta * (1 + g);
}

/**
 * Time for u to go from u0 to theta at fixed conductance g (closed form of Eq. (8)/(9)):
 *   u(t) = u∞ + (u0 − u∞) e^{−t(1+g)/tau},  u∞ = (V0 − gΔ)/(1 + g),
 *   t = tau/(1+g) · log((u∞ − u0)/(u∞ − θ)) = tau/(1+g) · log1p((θ − u0)(1+g)/A(g)).
 * Infinity when A(g) ≤ 0 (the equilibrium is at or below threshold: at A = 0 exactly u
 * only approaches theta asymptotically). Requires u0 < theta. Internal, unchecked.
 */
export function timeToThreshold(tau: number, V0: number, Delta: number, theta: number, g: number, u0: number): number {
  const A = thresholdMargin(V0, Delta, theta, g);
  if (!(A > 0)) return Infinity;
  const onePlusG = 1 + g;
  return (tau / onePlusG) * portableLog1p(((theta - u0) * onePlusG) / A);
}

/**
 * t_s(g), Gatsby 2021 Q1 Eq. (4): the time to reach threshold from u = 0 at fixed g,
 *   t_s(g) = tau/(1+g) · log((V0 − gΔ)/(V0 − gΔ − θ(1+g))),
 * evaluated as tau/(1+g) · log1p(θ(1+g)/(V0 − gΔ − θ(1+g))) to keep full relative accuracy
 * near g*. Returns Infinity when the neuron cannot fire (g ≥ g*, Eq. (5)). Checked
 * numerically against Eq. (9) and against direct integration: Eq. (4) is correct as printed.
 *
 * @param g the fixed conductance, ≥ 0 and finite.
 * @category Closed forms
 */
export function spikeTime(params: LifParams, g: number): number {
  const p = resolveParams(params);
  if (typeof g !== 'number') throw new TypeError(`g must be a number; got ${show(g)}`);
  if (!Number.isFinite(g) || !(g >= 0)) throw new RangeError(`g must be finite and >= 0; got ${g}`);
  return timeToThreshold(p.tau, p.V0, p.Delta, p.theta, g, 0);
}
