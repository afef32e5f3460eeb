import { describe, expect, it } from 'vitest';
import { fastTanh } from '../src/index.js';

describe('fastTanh', () => {
  it('matches Math.tanh: ≤ 5e-16 absolute, ≤ 3e-15 relative, on a dense grid of [−25, 25]', () => {
    let worstAbs = 0;
    let worstRel = 0;
    for (let k = -500000; k <= 500000; k++) {
      const x = k * 5e-5 + 1e-7 * Math.sin(k); // irregular spacing hits all table entries and offsets
      const ref = Math.tanh(x);
      const err = Math.abs(fastTanh(x) - ref);
      worstAbs = Math.max(worstAbs, err);
      if (ref !== 0) worstRel = Math.max(worstRel, err / Math.abs(ref));
    }
    expect(worstAbs).toBeLessThan(5e-16);
    expect(worstRel).toBeLessThan(3e-15);
    expect(fastTanh(0)).toBe(0);
    expect(fastTanh(1e3)).toBe(1);
    expect(fastTanh(-1e3)).toBe(-1);
    expect(Number.isNaN(fastTanh(NaN))).toBe(true);
  });
});
