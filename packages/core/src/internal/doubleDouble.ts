/**
 * Error-free transformations (Knuth's TwoSum, Dekker's TwoProduct with Veltkamp
 * splitting — no FMA in JavaScript). Each returns the rounded result and writes the
 * exact rounding error into `err[0]`, so callers can carry a double-double without
 * allocating.
 */

/** Veltkamp splitter 2^27 + 1. */
const SPLITTER = 134217729;

/** s = fl(a + b), err[0] = (a + b) − s exactly (Knuth). */
export function twoSum(a: number, b: number, err: Float64Array): number {
  const s = a + b;
  const bb = s - a;
  err[0] = a - (s - bb) + (b - bb);
  return s;
}

/** p = fl(a·b), err[0] = a·b − p exactly, for |a·b| < 2^996 (Dekker). */
export function twoProduct(a: number, b: number, err: Float64Array): number {
  const p = a * b;
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  err[0] = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}
