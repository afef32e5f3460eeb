import { resolveParams, type LifParams } from './params.js';

/**
 * g*, Gatsby 2021 Q1 Eq. (5): the neuron stops firing when g ≥ g* = (V0 − θ)/(Δ + θ).
 * From Eq. (10), firing needs V0 − gΔ > θ(1 + g). At g = g* exactly the fixed-g
 * equilibrium equals theta and u approaches it only asymptotically: no spike.
 * Negative when V0 < theta (the neuron cannot fire even at g = 0).
 * @category Closed forms
 */
export function gStar(params: LifParams): number {
  const p = resolveParams(params);
  return (p.V0 - p.theta) / (p.Delta + p.theta);
}
