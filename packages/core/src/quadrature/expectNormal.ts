import { hermiteRule, MAX_HERMITE_ORDER } from './hermiteRule.js';
import { functionArg, integerInRange, show } from '../validate.js';

/**
 * E[f(z)], z ~ N(0, 1), by the probabilists' Gauss–Hermite rule of the given order:
 *   E[f(z)] ≈ Σ_i w_i f(x_i).
 * Exact for polynomials of degree ≤ 2·order − 1; geometric convergence for f analytic in
 * a strip; slow (algebraic) convergence for f with kinks or jumps — use
 * `expectNormalAdaptive` with `breakpoints` for those. Nodes with weight 0 (underflowed
 * tails) are skipped.
 *
 * Divergence check (order ≥ 2; two more calls of f, a few more where f overflows): E[f]
 * exists only if f(z)·φ(z) dies out in the tails. f is also evaluated at z = 3·x_min and
 * 3·x_max (three times the outermost nodes); if |f|·φ there is at least its largest value at any
 * node, the Gaussian weight does not tame f — f grows like e^{z²/2} or faster (E[e^{z²}] = ∞),
 * or f lives beyond the nodes — and the sum, a finite number, would be meaningless: RangeError.
 * Polynomials the rule integrates exactly pass: |z|^d·φ(z) peaks at √d, inside the nodes, and
 * at three times the outermost node x it is below its value at x by 3^d·e^{−4x²} (0.49 for
 * d = 3 at order 2, smaller at every higher order; at twice the node, z³ at order 2 failed).
 * Not detected: singularities between nodes (E[1/|z|] = ∞) and growth slower than e^{z²/2}
 * that the nodes do not reach; `expectNormalAdaptive` reports `converged: false` for the first.
 * @param order number of nodes, 1..2000. @default 64
 * @throws RangeError when f returns a non-finite value at a node (naming z), or when E[f(z)]
 *   diverges (the check above).
 * @category Quadrature
 */
export function expectNormal(f: (z: number) => number, order = 64): number {
  functionArg('f', f);
  integerInRange('order', order, 1, MAX_HERMITE_ORDER);
  const s = hermiteSum(f, order);
  checkTails(f, order, s);
  return s.value;
}

/** The Gauss–Hermite sum and what the divergence check needs from its nodes. */
export interface HermiteSum {
  value: number;
  /** outermost nodes with weight > 0 */
  xLo: number;
  xHi: number;
  /** max over those nodes of log(|f(x)|·e^{−x²/2}) (−Infinity when f is 0 at every node) */
  logPeak: number;
}

/** Σ w_i f(x_i) over the nodes of weight > 0, in increasing node order. */
export function hermiteSum(f: (z: number) => number, order: number): HermiteSum {
  const { nodes, weights } = hermiteRule(order);
  let sum = 0;
  let xLo = NaN;
  let xHi = NaN;
  let logPeak = -Infinity;
  for (let i = 0; i < order; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const x = nodes[i];
    const v = finiteValue(f, x);
    sum += w * v;
    if (xLo !== xLo) xLo = x;
    xHi = x;
    const logIntegrand = Math.log(Math.abs(v)) - 0.5 * x * x;
    if (logIntegrand > logPeak) logPeak = logIntegrand;
  }
  return { value: sum, xLo, xHi, logPeak };
}

/** Probe distance, in units of the outermost node: 3·x (see `expectNormal`). */
const PROBE_FACTOR = 3;
/** Halvings of the probe's distance beyond the outermost node while f is not finite there. */
const PROBE_RETRIES = 10;

/**
 * The divergence check of `expectNormal` (see there), in log space so that neither f nor φ
 * over- or underflows: throws when log(|f(z)|·e^{−z²/2}) at the probe z = 3·xLo or 3·xHi is
 * >= logPeak. Where f is not finite at the probe (e^{z²/4} overflows at 3·32 although
 * E[e^{z²/4}] = √2), the probe moves halfway back to the node, up to PROBE_RETRIES times; f
 * still not finite right beyond the nodes is flagged too. Nothing for order 1 (one node at 0).
 */
export function checkTails(f: (z: number) => number, order: number, s: HermiteSum): void {
  if (order < 2) return;
  for (const edge of [s.xLo, s.xHi]) {
    let z = PROBE_FACTOR * edge;
    let v = f(z);
    for (let k = 0; k < PROBE_RETRIES && !Number.isFinite(v) && typeof v === 'number'; k++) {
      z = edge + (z - edge) / 2;
      v = f(z);
    }
    if (typeof v !== 'number') throw new TypeError(`f must return a number; got ${show(v)} at z = ${z}`);
    const grows = !Number.isFinite(v) || (v !== 0 && Math.log(Math.abs(v)) - 0.5 * z * z >= s.logPeak);
    if (grows) {
      const what = Number.isFinite(v) ? `|f(z)|·φ(z) at z = ${z} is not below its largest value at the nodes` : `f(z) = ${v} at z = ${z}`;
      throw new RangeError(
        `f: E[f(z)] diverges or lies beyond the order-${order} rule: ${what} (beyond the outermost node ${edge});` +
          ` f(z)·φ(z) must die out in the tails (f growing like e^{z²/2} or faster, e.g. e^{z²}, has no expectation)`,
      );
    }
  }
}

/** f(z), required finite. */
export function finiteValue(f: (z: number) => number, z: number): number {
  const v = f(z);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`f must return a finite number; got ${show(v)} at z = ${z}`);
  return v;
}
