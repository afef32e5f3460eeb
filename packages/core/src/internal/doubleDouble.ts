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

/*
 * Double-double arithmetic for the rarely taken accurate paths of portableMath (clarity over
 * speed). A double-double is an unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2; each operation
 * writes its result to out[0] (hi) and out[1] (lo). Error bounds are relative to the exact
 * result of the operation on the represented values, u = 2^-53.
 */

/** (ah + al) + (bh + bl), both parts added by TwoSum, then renormalised: |error| ≤ 2u²·|a + b| (no loss on cancellation). */
export function ddAdd(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  let s = ah + bh;
  let v = s - ah;
  const e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  let lo = e + t;
  let hi = s + lo;
  lo -= hi - s;
  lo += f;
  s = hi + lo;
  out[1] = lo - (s - hi);
  out[0] = s;
}

/** (ah + al)·(bh + bl) = TwoProduct(ah, bh) + ah·bl + al·bh (al·bl ≤ u² dropped): |error| ≤ 4u²·|a·b|. */
export function ddMul(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  const p = twoProduct(ah, bh, out);
  const lo = out[0] + (ah * bl + al * bh);
  const hi = p + lo;
  out[1] = lo - (hi - p);
  out[0] = hi;
}

/** (ah + al)/d for a small integer d (exact in a double): one long-division step, |error| ≤ 2u²·|a/d|. */
export function ddDivInt(ah: number, al: number, d: number, out: Float64Array): void {
  const q = ah / d;
  const p = twoProduct(q, d, out);
  const r = (ah - p - out[0] + al) / d;
  const hi = q + r;
  out[1] = r - (hi - q);
  out[0] = hi;
}
