import { LN2_HI, LN2_LO, LN2_LO2, LOG_INV, LOG_NEG_INV_HI, LOG_NEG_INV_LO, LOG_TABLE_J_MIN } from './portableMathTables.js';
import { ddAdd, ddDivInt, ddMul, twoProduct, twoSum } from '../internal/doubleDouble.js';
import { BITS, HI, POW2, POW2_OFFSET, WORDS } from './pow2.js';

/*
 * Core of portableLog and portableLog1p: ln(x_h + x_l) + eAdjust·ln2 for a double-double argument
 * with x_h a positive normal double (the callers scale subnormals — eAdjust = −54 after ×2^54 —
 * and handle special values).
 * Only +, −, ×, ÷, comparisons, Math.round and bit access.
 *
 * Reduction:  x_h = 2^e·m with m ∈ [√½, √2) (exponent bits, folded), m_l = x_l·2^-e (exact);
 * j = round(128(m − 1)) ∈ [−37, 53], inv_j ≈ 1/(1 + j/128) a tabulated double (inv_0 = 1), and
 *   r = (m + m_l)·inv_j − 1 = (P − 1) + P_e + m_l·inv_j,   P + P_e = m·inv_j (Dekker, exact),
 * where P − 1 is exact (Sterbenz); |r| ≤ 2^-7.5. Then
 *   ln x = e·ln2 + (−ln inv_j) + ln(1 + r),
 * with ln2 split so that e·LN2_HI is exact and −ln inv_j from a double-double table (2^-106).
 * Near x = 1 (e = 0, j = 0) the first two terms are exactly 0 and r is x − 1 exactly, so the
 * result keeps full relative accuracy however close x is to 1 (and log1p(x) sees r = x).
 *
 * Ziv's strategy as in portableExp: a fast evaluation with error ≤ 2^-66.8·|result| (tested with
 * δ = 2^-63·|S|), else an accurate double-double evaluation (≤ 2^-100).
 */

/** Fast path: |error| ≤ 2^-66.8·|result| (bound in logCore's comment; measured ≤ 2^-68.8 on 80,000 random
 *  arguments of log and log1p); the rounding test uses δ = 2^-63·|S|. */
const FAST_ERR = 1.0842021724855044e-19; // 2^-63
/** Accurate path: ≤ 2^-100·|result|; the test uses δ = 2^-98·|h|. */
const SLOW_ERR = 3.1554436208840472e-30; // 2^-98
const SQRT2 = 1.4142135623730951;
const J_OFFSET = -LOG_TABLE_J_MIN;
const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp)
/** Accurate path: ln(1 + r) = Σ_{n=1}^{SLOW_TERMS} (−1)^(n+1) r^n/n; truncation r^15/15 < 2^-116. */
const SLOW_TERMS = 14;
/** (−1)^(n+1)/n as double-doubles, n = 0..SLOW_TERMS (entry 0 unused). */
const INV_N = (() => {
  const t = new Float64Array(2 * (SLOW_TERMS + 1));
  const out = new Float64Array(2);
  for (let n = 1; n <= SLOW_TERMS; n++) {
    ddDivInt(n % 2 === 1 ? 1 : -1, 0, n, out);
    t[2 * n] = out[0];
    t[2 * n + 1] = out[1];
  }
  return t;
})();
/** Veltkamp split of each LOG_INV entry: inv = INV_SPLIT_HI + INV_SPLIT_LO, each ≤ 26 bits (exact). */
const INV_SPLIT_HI = LOG_INV.map((v) => {
  const c = SPLITTER * v;
  return c - (c - v);
});
const INV_SPLIT_LO = LOG_INV.map((v, i) => v - INV_SPLIT_HI[i]);
const DD = new Float64Array(2);
const DD2 = new Float64Array(2);

/**
 * Fast path: ln(1 + r) = r_h − s/2 + [r_l(1 − r_h) − s_e/2 + r_h³·(1/3 − r_h/4 + … + r_h⁶/9)],
 * r_h² = s + s_e exactly (Dekker), truncation r^10/10 < 2^-78; r_h − s/2 by Fast2Sum, then
 * added to e·LN2_HI − ln(inv_j) (TwoSum twice, exact). The rounded terms are all < 2^-22 in size,
 * so the absolute error is ≤ 2^-75 (≤ 2^-53·r³ when e = j = 0), and |result| ≥ 2^-8.2 unless
 * e = j = 0: relative error ≤ 2^-66.8.
 */
export function logCore(xh: number, xl: number, eAdjust: number): number {
  // Reduction: x_h = 2^E·M, M ∈ [√½, √2); E from the exponent bits (read only: writing the bits
  // back stalls store forwarding, measured 20 ns), M by an exact scaling; ML = x_l·2^-E (exact).
  BITS[0] = xh;
  let E = (WORDS[HI] >> 20) - 1023;
  let M = xh * POW2[POW2_OFFSET - E];
  if (M > SQRT2) {
    M *= 0.5;
    E += 1;
  }
  const ML = xl === 0 ? 0 : xl * POW2[-E + POW2_OFFSET];
  E += eAdjust;
  const idx = Math.round((M - 1) * 128) + J_OFFSET;
  const inv = LOG_INV[idx];
  // P + Pe = M·inv exactly (Dekker; inv's Veltkamp split is tabulated)
  const P = M * inv;
  let c = SPLITTER * M;
  const m1 = c - (c - M);
  const m2 = M - m1;
  const i1 = INV_SPLIT_HI[idx];
  const i2 = INV_SPLIT_LO[idx];
  const Pe = m1 * i1 - P + m1 * i2 + m2 * i1 + m2 * i2;
  // r = (P − 1) + z, TwoSum
  const p1 = P - 1;
  const z = Pe + ML * inv;
  const rh = p1 + z;
  let v = rh - p1;
  const rl = p1 - (rh - v) + (z - v);
  // rh² = s + se exactly
  const s = rh * rh;
  c = SPLITTER * rh;
  const r1 = c - (c - rh);
  const r2 = rh - r1;
  const se = r1 * r1 - s + 2 * r1 * r2 + r2 * r2;
  const t = rh - 0.5 * s;
  const te = rh - t - 0.5 * s;
  // r³·(1/3 − r/4 + r²/5 − r³/6 + r⁴/7 − r⁵/8 + r⁶/9), Estrin's scheme in r and s ≈ r²
  const tail = s * rh * (1 / 3 - 0.25 * rh + s * (0.2 - rh * (1 / 6)) + s * s * (1 / 7 - 0.125 * rh + s * (1 / 9)));
  // H + He = E·LN2_HI + LOG_NEG_INV_HI (TwoSum), S + Se = H + t (TwoSum)
  const eh = E * LN2_HI;
  const lh = LOG_NEG_INV_HI[idx];
  const H = eh + lh;
  v = H - eh;
  const He = eh - (H - v) + (lh - v);
  const S = H + t;
  v = S - H;
  const Se = H - (S - v) + (t - v);
  const lo = Se + He + te + (E * LN2_LO + LOG_NEG_INV_LO[idx]) + (rl - rl * rh - 0.5 * se + tail);
  const d = FAST_ERR * (S < 0 ? -S : S);
  const up = S + (lo + d);
  return up === S + (lo - d) ? up : logSlow(E, M, ML, idx);
}

/**
 * Accurate path on logCore's reduction (E, M, ML, table index): r in double-double (exact up to 2^-106·|r|),
 * ln(1 + r) by its series to r^14 in double-double Horner form, e·ln2 with ln2 to 2^-150
 * (e·LN2_LO by Dekker), all summed in double-double: |error| ≤ 2^-100·|result|.
 */
function logSlow(E: number, M: number, ML: number, idx: number): number {
  const inv = LOG_INV[idx];
  const P = twoProduct(M, inv, DD);
  const Pe = DD[0];
  const Q = twoProduct(ML, inv, DD);
  ddAdd(P - 1, Pe, Q, DD[0], DD);
  const rh = DD[0];
  const rl = DD[1];
  let ph = INV_N[2 * SLOW_TERMS];
  let pl = INV_N[2 * SLOW_TERMS + 1];
  for (let n = SLOW_TERMS - 1; n >= 1; n--) {
    ddMul(ph, pl, rh, rl, DD);
    ddAdd(DD[0], DD[1], INV_N[2 * n], INV_N[2 * n + 1], DD);
    ph = DD[0];
    pl = DD[1];
  }
  ddMul(ph, pl, rh, rl, DD2); // ln(1 + r)
  ddAdd(DD2[0], DD2[1], LOG_NEG_INV_HI[idx], LOG_NEG_INV_LO[idx], DD2);
  const el = twoProduct(E, LN2_LO, DD);
  ddAdd(E * LN2_HI, el, DD[0] + E * LN2_LO2, 0, DD); // e·ln2
  ddAdd(DD[0], DD[1], DD2[0], DD2[1], DD);
  const h = DD[0];
  const d = SLOW_ERR * (h < 0 ? -h : h);
  const up = h + (DD[1] + d);
  return up === h + (DD[1] - d) ? up : h + DD[1];
}
