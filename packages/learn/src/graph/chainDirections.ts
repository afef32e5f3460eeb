import { knownKeys, optionsObject } from '@neurobridge/core';

/**
 * Sign of a quantity: −1, 0 or +1.
 * @category Graph networks
 */
export type Sign = -1 | 0 | 1;

/**
 * One row of `linearChainDirections`: a combination of signs in the chain x3 = w2 w1 x1 and the
 * moves of w1 and w2 that lower l = ½(y − x3)² (seed 000 (a)).
 * @category Graph networks
 */
export interface ChainDirection {
  /** sign of the input x1. */
  x1: Sign;
  /** sign of the first weight w1. */
  w1: Sign;
  /** sign of the second weight w2. */
  w2: Sign;
  /** sign of the residual x3 − y. */
  residual: Sign;
  /** sign of ∂l/∂w1 = (x3 − y) w2 x1 (seed 000 (b)). */
  dLdw1: Sign;
  /** sign of ∂l/∂w2 = (x3 − y) w1 x1 (seed 000 (b)). */
  dLdw2: Sign;
  /** the move of w1 that lowers the loss (opposite to the sign of ∂l/∂w1). */
  w1Move: 'increase' | 'decrease' | 'none';
  /** the move of w2 that lowers the loss (opposite to the sign of ∂l/∂w2). */
  w2Move: 'increase' | 'decrease' | 'none';
}

const move = (s: Sign) => (s > 0 ? 'decrease' : s < 0 ? 'increase' : 'none');

/**
 * Seed 000 (a), the linear chain x3 = w2 w1 x1 with l = ½(y − x3)²: which way w1 and w2 must move,
 * for every combination of the signs of x1, w1, w2 and x3 − y (each ±1; 16 rows), from the signs of
 * ∂l/∂w2 = (x3 − y) w1 x1 and ∂l/∂w1 = (x3 − y) w2 x1.
 *
 * `where` filters the rows, e.g. the question's case { x1: 1, w1: -1, residual: -1 } (x1 > 0, w1 < 0,
 * x3 < y) leaves two rows: w2 must decrease in both, but w1 must increase when w2 > 0 and decrease when
 * w2 < 0. The document answers "w1 should decrease" without the condition on w2 and then argues for
 * "increasing w2", contradicting its own answer (slip).
 * @category Graph networks
 */
export function linearChainDirections(where: Partial<Pick<ChainDirection, 'x1' | 'w1' | 'w2' | 'residual'>> = {}): ChainDirection[] {
  knownKeys('where', optionsObject('where', where), ['x1', 'w1', 'w2', 'residual']);
  for (const [k, v] of Object.entries(where)) {
    if (v !== 1 && v !== -1) throw new RangeError(`where.${k} must be 1 or -1; got ${String(v)}`);
  }
  const rows: ChainDirection[] = [];
  const signs: Sign[] = [1, -1];
  for (const x1 of signs) for (const w1 of signs) for (const w2 of signs) for (const residual of signs) {
    if ((where.x1 ?? x1) !== x1 || (where.w1 ?? w1) !== w1 || (where.w2 ?? w2) !== w2 || (where.residual ?? residual) !== residual) continue;
    const dLdw1 = (residual * w2 * x1) as Sign;
    const dLdw2 = (residual * w1 * x1) as Sign;
    rows.push({ x1, w1, w2, residual, dLdw1, dLdw2, w1Move: move(dLdw1), w2Move: move(dLdw2) });
  }
  return rows;
}
