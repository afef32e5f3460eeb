import { brent, gaussLegendre } from '@neurobridge/core';
import type { Kernel } from './kernels.js';
import type { RateModel } from './rate.js';

/** Gauss–Legendre order on each panel of a lag integral. */
export const LAG_ORDER = 12;

/**
 * Panels of [a, b] for a quadrature over driver times τ: split at the given breakpoints
 * (where ρ⁽³⁾ jumps, or where a kernel lag crosses 0) and at most `maxWidth` wide.
 * Returns the panel edges, ascending.
 */
export function lagPanels(a: number, b: number, breaks: ArrayLike<number>, maxWidth: number): number[] {
  const cuts = [a];
  for (let i = 0; i < breaks.length; i++) if (breaks[i] > a && breaks[i] < b) cuts.push(breaks[i]);
  cuts.push(b);
  cuts.sort((x, y) => x - y);
  const edges = [a];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const n = Math.max(1, Math.ceil((cuts[i + 1] - cuts[i]) / maxWidth - 1e-9));
    for (let j = 1; j <= n; j++) edges.push(j === n ? cuts[i + 1] : cuts[i] + ((cuts[i + 1] - cuts[i]) * j) / n);
  }
  return edges;
}

/** The number of panels lagPanels(a, b, breaks, maxWidth) makes, counted without building them. */
export function lagPanelCount(a: number, b: number, breaks: ArrayLike<number>, maxWidth: number): number {
  const cuts = [a];
  for (let i = 0; i < breaks.length; i++) if (breaks[i] > a && breaks[i] < b) cuts.push(breaks[i]);
  cuts.push(b);
  cuts.sort((x, y) => x - y);
  let n = 0;
  for (let i = 0; i + 1 < cuts.length; i++) n += Math.max(1, Math.ceil((cuts[i + 1] - cuts[i]) / maxWidth - 1e-9));
  return n;
}

/** Σ over Gauss–Legendre nodes of [edges] of w·g(τ). */
export function integratePanels(edges: number[], g: (tau: number) => number): number {
  const rule = gaussLegendre(LAG_ORDER);
  let s = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i], b = edges[i + 1], half = 0.5 * (b - a), mid = 0.5 * (a + b);
    let p = 0;
    for (let q = 0; q < LAG_ORDER; q++) p += rule.weights[q] * g(mid + half * rule.nodes[q]);
    s += half * p;
  }
  return s;
}

/**
 * The observed cells' mean rate under common drive, Gatsby Q3.3:
 *   ρ(t) = ∫_{t₀}^{t} k(t − τ) ρ⁽³⁾(τ) dτ,
 * the identity the exam assumes, made true by construction (t₀ = driveStart: the driver
 * fires from there on). As a RateModel over [lo, hi] (spikes/ms):
 * - ρ(t) in closed form ρ⁽³⁾·K(t − t₀) for a constant driver, else by Gauss–Legendre over
 *   τ ∈ [max(t₀, t − support), t] in panels of at most the kernel's scale;
 * - Λ(t) = ∫_lo^t ρ = ∫ ρ⁽³⁾(τ)[K(t − τ) − K(max(lo − τ, 0))] dτ by the same quadrature;
 * - the bound max ρ⁽³⁾ · ∫k (NaN when the driver's rate has no bound).
 * @category Generation
 */
export function driveRate(rho3: RateModel, kernel: Kernel, driveStart: number, lo: number, hi: number): RateModel {
  const r3 = rho3.constant;
  const at = r3 !== undefined
    ? (t: number) => r3 * kernel.cumulative(t - driveStart)
    : (t: number) => integratePanels(lagPanels(Math.max(driveStart, t - kernel.support), t, rho3.breakpoints, kernel.scale), (tau) => kernel.value(t - tau) * rho3.at(tau));
  const cumulative = (t: number) => {
    if (t <= lo) return 0;
    const edges = lagPanels(Math.max(driveStart, lo - kernel.support), t, [...rho3.breakpoints, lo], kernel.scale);
    return integratePanels(edges, (tau) => rho3.at(tau) * (kernel.cumulative(t - tau) - kernel.cumulative(Math.max(lo - tau, 0))));
  };
  return {
    lo, hi, at, cumulative,
    bound: rho3.bound * kernel.total,
    breakpoints: new Float64Array(0),
    inverseCumulative(target) {
      if (target >= cumulative(hi)) return hi;
      return brent((t) => cumulative(t) - target, lo, hi);
    },
  };
}

/** The rate c·ρ(t) (c ≥ 0) of a resolved model. */
export function scaleRate(model: RateModel, c: number): RateModel {
  return {
    lo: model.lo, hi: model.hi, bound: c * model.bound, breakpoints: model.breakpoints,
    ...(model.constant === undefined ? {} : { constant: c * model.constant }),
    at: (t) => c * model.at(t),
    cumulative: (t) => c * model.cumulative(t),
    inverseCumulative: (target) => (c > 0 ? model.inverseCumulative(target / c) : model.hi),
  };
}
