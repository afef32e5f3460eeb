import { EXP2_HI, EXP2_LO, INV_LN2_64, LN2_64_1, LN2_64_2, LN2_64_3, LN2_64_4 } from './portableMathTables.js';
import { ddAdd, ddDivInt, ddMul, twoProduct, twoSum } from '../internal/doubleDouble.js';
import { POW2, POW2_OFFSET } from './pow2.js';

/*
 * Cores of portableExp and portableExpm1 (finite arguments in range; the special cases are
 * handled in ../portableMath.ts). Only +, −, ×, ÷, comparisons, Math.round and table look-ups.
 *
 * Reduction:  x = k·ln2/64 + r,  k = round(64x/ln2),  k = 64m + j (0 ≤ j < 64),  so
 *   e^x = 2^m · 2^(j/64) · e^r,   |r| ≤ ln2/128 + 2^-50 < 2^-7.5.
 * ln2/64 = L1 + L2 + L3 + L4 (32, 32, 53, 53 bits): for |k| < 2^17 the products k·L1, k·L2 are
 * exact and x − k·L1 is exact (Sterbenz), so r = (x − kL1 − kL2) − kL3 − kL4 is known to 2^-106
 * (fast path) or 2^-150 (accurate path). 2^(j/64) = T_hi + T_lo comes from a table (2^-106).
 *
 * Ziv's strategy: a fast evaluation with a proven error bound δ, then the rounding test
 * fl(h + (l + δ)) = fl(h + (l − δ)); when it fails (measured: 3 calls in 1,000 for exp and expm1,
 * 1.4 in 1,000 for log and log1p, on random arguments) an accurate double-double evaluation
 * (|error| ≤ 2^-100 relative) is rounded instead. Arguments |x| < 2^-30 never get here (portableTiny.ts).
 */

/** Fast paths: |error| ≤ 2^-64.5·|h| by the bounds below (measured on 40,000 random arguments: ≤ 2^-67.2 for
 *  exp, ≤ 2^-68.3 for expm1); the rounding test uses δ = 2^-62·|h|. */
const FAST_ERR = 2.168404344971009e-19; // 2^-62
/** Accurate path: |error| ≤ 2^-100·|h| by the double-double bounds; the test uses δ = 2^-98·|h|. */
const SLOW_ERR = 3.1554436208840472e-30; // 2^-98
/** Taylor coefficients 1/n! for the fast polynomial (nearest doubles; rounding ≤ 2^-53 relative each). */
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
/** Accurate path: e^r − 1 = Σ_{n=1}^{SLOW_TERMS} r^n/n!; truncation r^12/12! < 2^-118 for |r| < 2^-7.5. */
const SLOW_TERMS = 11;
/** 1/n! as double-doubles (exact recurrence c_n = c_{n−1}/n, each step ≤ 2^-105 relative). */
const INV_FACT = (() => {
  const t = new Float64Array(2 * (SLOW_TERMS + 1));
  const out = new Float64Array(2);
  t[0] = 1;
  for (let n = 1; n <= SLOW_TERMS; n++) {
    ddDivInt(t[2 * n - 2], t[2 * n - 1], n, out);
    t[2 * n] = out[0];
    t[2 * n + 1] = out[1];
  }
  return t;
})();
const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp)
const DD = new Float64Array(2);
const DD2 = new Float64Array(2);
/** 2^-1022, the smallest normal double. */
const MIN_NORMAL = 2.2250738585072014e-308; // 2^-1022

/**
 * Correctly rounded 2^m·v where the exact value v lies in [h + l − d, h + l + d], h ∈ [0.9, 2.1);
 * NaN when that interval straddles a rounding boundary. Normal results round h + l once and
 * scale exactly. Subnormal results (m ≤ −1022) must round on the absolute grid 2^-1074: with
 * w = v·2^(m+1022) < 1, the sum 1 + w rounds on the grid 2^-52 = 2^-1074/2^-1022, so
 * (fl(1 + w) − 1)·2^-1022 is the correctly rounded result (both steps exact).
 */
export function roundScaled(h: number, l: number, d: number, m: number): number {
  if (m > -1022) {
    const up = h + (l + d);
    if (up !== h + (l - d)) return NaN;
    return m > 1023 ? up * 2 * POW2[m - 1 + POW2_OFFSET] : up * POW2[m + POW2_OFFSET];
  }
  const s = POW2[m + 1022 + POW2_OFFSET];
  const w = h * s;
  const wl = l * s;
  const ds = d * s + 4.930380657631324e-32 /* 2^-104 */; // + the rounding of e + wl below
  if (w + wl >= 1) {
    const up = w + (wl + ds);
    return up === w + (wl - ds) ? up * MIN_NORMAL : NaN;
  }
  const t = 1 + w;
  const e = w - (t - 1); // exact (Fast2Sum, |w| < 1)
  const up = t + (e + (wl + ds));
  if (up !== t + (e + (wl - ds))) return NaN;
  return (up - 1) * MIN_NORMAL;
}

/**
 * e^x for |x| ≥ 2^-54 and −745.2 < x < 709.8.
 * Fast path: e^r − 1 = r_h + p_l with p_l = r_l(1 + r_h) + r_h²·(1/2 + r_h/6 + … + r_h^6/8!)
 * in doubles (truncation r^9/9! < 2^-85; rounding ≤ 3u·r²/2 < 2^-67); then
 *   T·(1 + p) = T_h + T_h·r_h + (T_h·p_l + T_l(1 + r_h))
 * with T_h·r_h exact (Dekker) and T_h + that product by Fast2Sum; the low sum carries
 * |errors| ≤ 2^-66 relative. The fast test uses δ = 2^-62·h.
 */
export function expCore(x: number): number {
  const k = Math.round(x * INV_LN2_64);
  const j = k & 63;
  const m = (k - j) / 64;
  const a = x - k * LN2_64_1;
  const b = k * LN2_64_2;
  const rh = a - b;
  const v = rh - a;
  const rl = a - (rh - v) - (b + v) - k * LN2_64_3;
  const q = rh * rh * (0.5 + rh * (C3 + rh * (C4 + rh * (C5 + rh * (C6 + rh * (C7 + rh * C8))))));
  const pl = rl + rl * rh + q;
  const th = EXP2_HI[j];
  const tl = EXP2_LO[j];
  // P + Pe = th·rh exactly (Dekker's product with Veltkamp splitting)
  const P = th * rh;
  let c = SPLITTER * th;
  const t1 = c - (c - th);
  const t2 = th - t1;
  c = SPLITTER * rh;
  const r1 = c - (c - rh);
  const r2 = rh - r1;
  const Pe = t1 * r1 - P + t1 * r2 + t2 * r1 + t2 * r2;
  const S = th + P;
  const lo = P - (S - th) + Pe + th * pl + tl * (1 + rh);
  const y = roundScaled(S, lo, FAST_ERR * S, m);
  return y === y ? y : expSlow(x, false);
}

/**
 * e^x − 1 for 2^-54 ≤ |x|, −38 ≤ x ≤ 709. Same reduction; with E = 2^m·T_h − 1 (TwoSum, exact)
 *   e^x − 1 = E + 2^m·T_h·u + 2^m·(T_h·u_l + T_l(1 + p)) + (error of E),
 * where u + u_l = r + r²/2 exactly up to the cubic tail (r² by Dekker), so the only rounded
 * products are of size ≤ r³·2^m: absolute error ≤ 2^-72·2^m, relative ≤ 2^-64.5 even at
 * |x| ≈ ln2/128 where e^x − 1 ≈ 2^-7.5 (the worst cancellation between E and the rest).
 */
export function expm1Core(x: number): number {
  const k = Math.round(x * INV_LN2_64);
  const j = k & 63;
  const m = (k - j) / 64;
  const a = x - k * LN2_64_1;
  const b = k * LN2_64_2;
  const rh = a - b;
  let v = rh - a;
  const rl = a - (rh - v) - (b + v) - k * LN2_64_3;
  // rh² = s2 + e2 exactly
  const s2 = rh * rh;
  let c = SPLITTER * rh;
  const r1 = c - (c - rh);
  const r2 = rh - r1;
  const e2 = r1 * r1 - s2 + 2 * r1 * r2 + r2 * r2;
  const u = rh + 0.5 * s2;
  const ul = rh - u + 0.5 * s2 + 0.5 * e2 + rl * (1 + rh) + s2 * rh * (C3 + rh * (C4 + rh * (C5 + rh * (C6 + rh * (C7 + rh * C8)))));
  const scale = POW2[m + POW2_OFFSET];
  const th = EXP2_HI[j];
  const tl = EXP2_LO[j];
  // E + Ee = 2^m·th − 1 exactly
  const ts = th * scale;
  const E = ts - 1;
  v = E - ts;
  const Ee = ts - (E - v) - (1 + v);
  // P + Pe = th·u exactly
  const P = th * u;
  c = SPLITTER * th;
  const t1 = c - (c - th);
  const t2 = th - t1;
  c = SPLITTER * u;
  const u1 = c - (c - u);
  const u2 = u - u1;
  const Pe = t1 * u1 - P + t1 * u2 + t2 * u1 + t2 * u2;
  const Ps = P * scale;
  const S = E + Ps;
  v = S - E;
  const lo = E - (S - v) + (Ps - v) + Ee + scale * (Pe + th * ul + tl * (1 + u));
  const d = FAST_ERR * (S < 0 ? -S : S);
  const up = S + (lo + d);
  return up === S + (lo - d) ? up : expSlow(x, true);
}

/**
 * Accurate path: r to 2^-150, e^r − 1 by its Taylor series to r^11 in double-double Horner form
 * (truncation < 2^-118, 2 roundings of ≤ 4u² per step damped by |r| < 2^-7.5), then e^x or
 * e^x − 1 in double-double (|error| ≤ 2^-100 relative), rounded once.
 */
export function expSlow(x: number, minusOne: boolean): number {
  const k = Math.round(x * INV_LN2_64);
  const j = k & 63;
  const m = (k - j) / 64;
  const a = x - k * LN2_64_1;
  const b = k * LN2_64_2;
  const s = twoSum(a, -b, DD);
  const se = DD[0];
  const ch = twoProduct(k, LN2_64_3, DD);
  ddAdd(s, se, -ch, -(DD[0] + k * LN2_64_4), DD);
  const rh = DD[0];
  const rl = DD[1];
  // p = r·(1 + r·(1/2! + r·(… + r/11!)))
  let ph = INV_FACT[2 * SLOW_TERMS];
  let pl = INV_FACT[2 * SLOW_TERMS + 1];
  for (let n = SLOW_TERMS - 1; n >= 1; n--) {
    ddMul(ph, pl, rh, rl, DD);
    ddAdd(DD[0], DD[1], INV_FACT[2 * n], INV_FACT[2 * n + 1], DD);
    ph = DD[0];
    pl = DD[1];
  }
  ddMul(ph, pl, rh, rl, DD);
  ddMul(EXP2_HI[j], EXP2_LO[j], DD[0], DD[1], DD); // T·p
  const scale = POW2[m + POW2_OFFSET];
  if (!minusOne) {
    ddAdd(EXP2_HI[j], EXP2_LO[j], DD[0], DD[1], DD); // T + T·p
    const y = roundScaled(DD[0], DD[1], SLOW_ERR * DD[0], m);
    return y === y ? y : roundScaled(DD[0], DD[1], 0, m);
  }
  const tph = DD[0] * scale;
  const tpl = DD[1] * scale;
  ddAdd(EXP2_HI[j] * scale, EXP2_LO[j] * scale, -1, 0, DD2); // 2^m·T − 1
  ddAdd(DD2[0], DD2[1], tph, tpl, DD);
  const h = DD[0];
  const d = SLOW_ERR * (h < 0 ? -h : h);
  const up = h + (DD[1] + d);
  return up === h + (DD[1] - d) ? up : h + DD[1];
}
