/*
 * Small arguments of portableExp, portableExpm1, portableLog1p (and portableLog near 1):
 * |x| < 2^-30, where the results have a structure that double-double cannot always resolve.
 * Example: e^(2^-53) = 1 + 2^-53 + 2^-107 + …, which lies 2^-107 above a midpoint between two
 * doubles (likewise e^x for every odd multiple x of 2^-53 or 2^-54 near 0, and
 * e^(2^-52) − 1 = 2^-52 + 2^-105 + …). Here the value is a + b + c with a, b exact doubles
 * and c small, and it is rounded exactly, including the tie-breaking by c (roundSum3).
 */

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp)

/**
 * Nearest double (ties to even) to a + b + c, given b + c with |c| < ulp(b) (c only decides
 * ties). r = fl(a + b) with exact error t (TwoSum). If a + b was not a tie, |t + c| stays below
 * half a gap and r is right; if it was (r + 2t is the neighbour at distance exactly 2|t|), c
 * pushes the value to the side of its sign: r + 2t when c has the sign of t.
 */
export function roundSum3(a: number, b: number, c: number): number {
  const r = a + b;
  const v = r - a;
  const t = a - (r - v) + (b - v);
  if (t === 0 || c === 0) return r;
  const other = r + 2 * t;
  if (other - r !== 2 * t) return r; // not a tie
  return (c > 0) === (t > 0) ? other : r;
}

/** x² = SQ_HI + SQ_LO exactly (Dekker); module scratch so the helpers allocate nothing. */
let SQ_HI = 0;
let SQ_LO = 0;
function square(x: number): void {
  SQ_HI = x * x;
  const c = SPLITTER * x;
  const h = c - (c - x);
  const l = x - h;
  SQ_LO = h * h - SQ_HI + 2 * h * l + l * l;
}

/** e^x for |x| < 2^-30: 1 + x (TwoSum: s + e) + x²/2 + x³/6 + x⁴/24 (dropped x^5/120 < 2^-157). */
export function expTiny(x: number): number {
  square(x);
  const s = 1 + x;
  let v = s - 1;
  const e = 1 - (s - v) + (x - v);
  const q = 0.5 * SQ_HI;
  const ql = 0.5 * SQ_LO + SQ_HI * x * (1 / 6 + x * (1 / 24));
  const wh = e + q;
  v = wh - e;
  const wl = e - (wh - v) + (q - v) + ql;
  return roundSum3(s, wh, wl);
}

/** e^x − 1 for 2^-54 ≤ |x| < 2^-30: x + x²/2 + x³/6 + x⁴/24. */
export function expm1Tiny(x: number): number {
  square(x);
  const q = 0.5 * SQ_HI;
  const ql = 0.5 * SQ_LO + SQ_HI * x * (1 / 6 + x * (1 / 24));
  const h = q + ql;
  return roundSum3(x, h, ql - (h - q));
}

/** ln(1 + x) for 2^-54 ≤ |x| < 2^-30: x − x²/2 + x³/3 − x⁴/4. */
export function log1pTiny(x: number): number {
  square(x);
  const q = -0.5 * SQ_HI;
  const ql = -0.5 * SQ_LO + SQ_HI * x * (1 / 3 - x * 0.25);
  const h = q + ql;
  return roundSum3(x, h, ql - (h - q));
}
