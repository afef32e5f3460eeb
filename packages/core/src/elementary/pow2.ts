/**
 * Exact powers of two and bit access for the portable elementary functions.
 *
 * POW2[e + POW2_OFFSET] = 2^e for every e in [−1074, 1023] (subnormal powers included), built by
 * repeated doubling and halving of 1, which is exact, so the table is the same in every engine.
 */
export const POW2_OFFSET = 1074;
export const POW2 = (() => {
  const t = new Float64Array(POW2_OFFSET + 1024);
  let p = 1;
  for (let e = 0; e <= 1023; e++, p *= 2) t[e + POW2_OFFSET] = p;
  p = 1;
  for (let e = 0; e >= -1074; e--, p *= 0.5) t[e + POW2_OFFSET] = p;
  return t;
})();

/** One double seen as two 32-bit words: WORDS[HI] holds the sign, exponent and top 20 mantissa bits. */
export const BITS = new Float64Array(1);
export const WORDS = new Int32Array(BITS.buffer);
/** Index of the high word in WORDS: 1 on little-endian platforms (all current engines), else 0. */
export const HI = (() => {
  BITS[0] = 1; // 0x3ff00000_00000000
  return WORDS[1] === 0x3ff00000 ? 1 : 0;
})();
