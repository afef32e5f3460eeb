/**
 * tanh x from tables built with the correctly rounded portableExp/portableExpm1, so the same
 * bits come out in every JavaScript engine (Math.tanh differs between engines in the last bit),
 * and faster than Math.tanh (the table method of lowrank's network kernel):
 *
 *   tanh x = sign(x) · ω/(2 − ω),   ω = 1 − e^{−y},  y = 2 min(|x|, 19.1),
 *
 * since (1 − e)/(1 + e) with e = e^{−y} and 1 + e = 2 − ω. ω is formed without cancellation:
 * y = j·h + r with h = ln2/256 (as a double), j = round(y/h), |r| ≤ h/2 ≈ 1.35e−3, and
 *
 *   ω = (1 − e^{−jh}) − e^{−jh}·(e^{−r} − 1),
 *
 * with tables E[j] = e^{−jh} and W[j] = 1 − e^{−jh} = −expm1(−jh), both correctly rounded (the
 * argument jh is the same double in both), and e^{−r} − 1 by its Taylor polynomial to r⁵
 * (relative truncation r⁵/6! ≤ 7e−18). The two terms of ω never cancel by more than a factor
 * 2, so ω, and tanh, have a relative error of a few ulp for every x, tiny x included (j = 0).
 * For |x| ≥ 19.1 the result rounds to ±1 (1 − tanh 19.1 < 2^{−54}). `|| x` returns x itself
 * when the magnitude is 0 or NaN: tanh(−0) = −0, NaN → NaN, ±Infinity → ±1.
 * The tables and constants are exported as {@link PORTABLE_TANH_TABLES} (portableTanhTables.ts);
 * lowrank's network kernels use this function and those tables. Accuracy against Math.tanh:
 * test/portableTanh.test.ts.
 */
import { PORTABLE_TANH_TABLES } from './portableTanhTables.js';

// module-level constants, as the hot loop wants them (PORTABLE_TANH_TABLES documents each)
const { E, W, h: H, invH: INV_H, saturation: SATURATION } = PORTABLE_TANH_TABLES;

/**
 * tanh x, the same bits in every engine (tables of correctly rounded exponentials), within a
 * few ulp of the exact value. An inner-loop primitive: numbers in, no checks (NaN → NaN).
 * @param x any number
 * @returns tanh x
 * @category Elementary functions
 */
export function portableTanh(x: number): number {
  const y = 2 * Math.min(Math.abs(x), SATURATION);
  const j = (y * INV_H + 0.5) | 0;
  const r = y - j * H;
  // e^{−r} − 1, Horner, degree 5
  const em1 = r * (-1 + r * (0.5 + r * (-1 / 6 + r * (1 / 24 + r * (-1 / 120)))));
  const omega = W[j] - E[j] * em1;
  const t = omega / (2 - omega);
  return (x < 0 ? -t : t) || x;
}
