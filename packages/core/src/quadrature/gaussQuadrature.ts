import { hermiteRule, MAX_HERMITE_ORDER } from './hermiteRule.js';
import { legendreRule, MAX_LEGENDRE_ORDER } from './legendreRule.js';
import { integerInRange } from '../validate.js';

/**
 * Nodes (ascending) and weights of a Gaussian quadrature rule.
 * @category Quadrature
 */
export interface GaussRule {
  /** nodes x_i, ascending (length n) */
  nodes: Float64Array;
  /** weights w_i of the nodes (length n) */
  weights: Float64Array;
}

/**
 * Probabilists' Gauss–Hermite rule of the given order n (1 ≤ n ≤ 2000):
 *   Σ_i w_i g(x_i) ≈ E[g(z)], z ~ N(0, 1), exact for polynomials of degree ≤ 2n − 1;
 * the x_i are the zeros of He_n, the weights sum to 1.
 * Method: Sturm-sequence isolation + safeguarded Newton on the orthonormal Hermite
 * recurrence (rescaled by powers of two, so no overflow at any order), a final Newton step in
 * double-double arithmetic, weights w_i = 1/(n·p_{n−1}(x_i)²) from those double-double values
 * with a first-order correction for the rounding of x_i. Weights below the double range
 * underflow to 0 (tails of rules with n ≳ 700).
 * Accuracy: see README (measured moments E[z^{2k}] = (2k−1)!!). Returns fresh copies.
 * @category Quadrature
 */
export function gaussHermite(order: number): GaussRule {
  integerInRange('order', order, 1, MAX_HERMITE_ORDER);
  const r = hermiteRule(order);
  return { nodes: r.nodes.slice(), weights: r.weights.slice() };
}

/**
 * Gauss–Legendre rule on [−1, 1] of order n (1 ≤ n ≤ 2000): Σ w_i g(x_i) ≈ ∫_{−1}^{1} g,
 * exact for degree ≤ 2n − 1; weights sum to 2. Map to [a, b] by x → (a + b)/2 + (b − a)x/2,
 * w → (b − a)w/2. Returns fresh copies.
 * @category Quadrature
 */
export function gaussLegendre(order: number): GaussRule {
  integerInRange('order', order, 1, MAX_LEGENDRE_ORDER);
  const r = legendreRule(order);
  return { nodes: r.nodes.slice(), weights: r.weights.slice() };
}
