/**
 * tanh for the network hot loop, about 1.3–2× faster than Math.tanh in V8.
 *
 *   tanh x = sign(x) (1 − e)/(1 + e),   e = exp(−2|x|),
 *
 * with exp(−y) = 2^{−j/64} · exp(−r), j = round(64 y/ln 2), |r| ≤ ln2/128, from a table of
 * 2^{−j/64} and a degree-6 Taylor polynomial for exp(−r) (truncation r⁷/7! ≤ 3e−20).
 * |x| < 1/8 uses the Maclaurin series to x¹⁷ instead (there 1 − e would cancel; the next term
 * is < 1e−18 relative); |x| > 19.1 returns ±1
 * (1 − tanh(19.1) < 2^{−54}). Measured error against Math.tanh: ≤ 4 ulp of 1 (≈ 5e−16)
 * absolute, ≤ 3e−15 relative (test/fastTanh.test.ts, dense grid).
 */

const LN2_OVER_64 = Math.LN2 / 64;
const SIXTY_FOUR_OVER_LN2 = 64 / Math.LN2;
const TANH_SATURATION = 19.1;
const TABLE_SIZE = Math.ceil(2 * TANH_SATURATION * SIXTY_FOUR_OVER_LN2) + 2;

/** POW2[j] = 2^{−j/64}, built from 64 fractional powers times exact powers of two. */
const POW2 = (() => {
  const frac = new Float64Array(64);
  for (let k = 0; k < 64; k++) frac[k] = Math.pow(2, -k / 64);
  const t = new Float64Array(TABLE_SIZE);
  for (let j = 0; j < TABLE_SIZE; j++) t[j] = frac[j & 63] * Math.pow(2, -(j >> 6));
  return t;
})();

export function fastTanh(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < 0.125) {
    // tanh x = x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 − 1382x¹¹/155925 + 21844x¹³/6081075
    //          − 929569x¹⁵/638512875 + 6404582x¹⁷/10854718875 − …  (OEIS A002430 / A036279)
    const u = x * x;
    return (
      x *
      (1 +
        u *
          (-1 / 3 +
            u *
              (2 / 15 +
                u *
                  (-17 / 315 +
                    u *
                      (62 / 2835 +
                        u *
                          (-1382 / 155925 +
                            u * (21844 / 6081075 + u * (-929569 / 638512875 + u * (6404582 / 10854718875)))))))))
    );
  }
  if (ax > TANH_SATURATION) return x < 0 ? -1 : 1;
  const y = 2 * ax;
  const j = Math.floor(y * SIXTY_FOUR_OVER_LN2 + 0.5);
  const r = y - j * LN2_OVER_64; // |r| ≤ ln2/128 (+ rounding)
  // exp(−r), Horner, degree 6
  const er =
    1 - r * (1 - r * (0.5 - r * (1 / 6 - r * (1 / 24 - r * (1 / 120 - r * (1 / 720))))));
  const e = POW2[j] * er;
  const t = (1 - e) / (1 + e);
  return x < 0 ? -t : t;
}
