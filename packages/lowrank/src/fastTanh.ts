/**
 * tanh for the network hot loop: branch-free, about 1.5–2× faster than Math.tanh in V8 on
 * inputs of random sign (Math.tanh and sign branches mispredict there).
 *
 *   tanh x = sign(x) · ω/(2 − ω),   ω = 1 − e^{−y},  y = 2 min(|x|, 19.1),
 *
 * (since (1 − e)/(1 + e) with e = e^{−y} and 1 + e = 2 − ω). ω is formed without cancellation:
 * y = j·ln2/64 + r with j = round(64 y/ln 2), |r| ≤ ln2/128, and
 *
 *   ω = (1 − 2^{−j/64}) − 2^{−j/64}·(e^{−r} − 1),
 *
 * with tables of 2^{−j/64} and 1 − 2^{−j/64} (= −expm1(−j ln2/64), correctly rounded to an
 * ulp) and e^{−r} − 1 by its Taylor polynomial to r⁶ (truncation r⁷/7! ≤ 3e−20). The two
 * terms of ω never cancel by more than a factor 2, so ω has a relative error of a few ulp for
 * every y — including tiny x, where j = 0 and ω = −(e^{−y} − 1). For |x| ≥ 19.1 the result
 * rounds to ±1 (1 − tanh 19.1 < 2^{−54}). NaN gives NaN, tanh(−0) = −0.
 * Measured against Math.tanh on a dense grid: ≤ 3.4e−16 absolute, ≤ 1e−15 relative
 * (test/fastTanh.test.ts).
 */

const LN2_OVER_64 = Math.LN2 / 64;
const SIXTY_FOUR_OVER_LN2 = 64 / Math.LN2;
const TANH_SATURATION = 19.1;
const TABLE_SIZE = Math.ceil(2 * TANH_SATURATION * SIXTY_FOUR_OVER_LN2) + 2;

/** POW2[j] = 2^{−j/64}: 64 fractional powers times exact powers of two. */
const POW2 = new Float64Array(TABLE_SIZE);
/** ONE_MINUS_POW2[j] = 1 − 2^{−j/64}, from expm1 (no cancellation). */
const ONE_MINUS_POW2 = new Float64Array(TABLE_SIZE);
{
  const frac = new Float64Array(64);
  for (let k = 0; k < 64; k++) frac[k] = Math.pow(2, -k / 64);
  for (let j = 0; j < TABLE_SIZE; j++) {
    POW2[j] = frac[j & 63] * Math.pow(2, -(j >> 6));
    ONE_MINUS_POW2[j] = -Math.expm1(-j * LN2_OVER_64);
  }
}

export function fastTanh(x: number): number {
  const y = 2 * Math.min(Math.abs(x), TANH_SATURATION);
  const j = (y * SIXTY_FOUR_OVER_LN2 + 0.5) | 0;
  const r = y - j * LN2_OVER_64;
  // e^{−r} − 1, Horner, degree 6
  const em1 = r * (-1 + r * (0.5 + r * (-1 / 6 + r * (1 / 24 + r * (-1 / 120 + r * (1 / 720))))));
  const omega = ONE_MINUS_POW2[j] - POW2[j] * em1;
  return Math.sign(x) * (omega / (2 - omega));
}
