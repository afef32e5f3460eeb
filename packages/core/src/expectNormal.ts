import { hermiteRule, MAX_HERMITE_ORDER } from './internal/hermiteRule.js';
import { functionArg, integerInRange, show } from './validate.js';

/**
 * E[f(z)], z ~ N(0, 1), by the probabilists' Gauss–Hermite rule of the given order:
 *   E[f(z)] ≈ Σ_i w_i f(x_i).
 * Exact for polynomials of degree ≤ 2·order − 1; geometric convergence for f analytic in
 * a strip; slow (algebraic) convergence for f with kinks or jumps — use
 * `expectNormalAdaptive` with `breakpoints` for those. Nodes with weight 0 (underflowed
 * tails) are skipped.
 * @param order number of nodes, 1..2000. @default 64
 * @throws RangeError when f returns a non-finite value at a node (naming z).
 */
export function expectNormal(f: (z: number) => number, order = 64): number {
  functionArg('f', f);
  integerInRange('order', order, 1, MAX_HERMITE_ORDER);
  const { nodes, weights } = hermiteRule(order);
  let sum = 0;
  for (let i = 0; i < order; i++) {
    const w = weights[i];
    if (w === 0) continue;
    sum += w * finiteValue(f, nodes[i]);
  }
  return sum;
}

/** f(z), required finite. */
export function finiteValue(f: (z: number) => number, z: number): number {
  const v = f(z);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`f must return a finite number; got ${show(v)} at z = ${z}`);
  return v;
}
