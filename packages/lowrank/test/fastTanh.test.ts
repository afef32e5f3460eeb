import { describe, expect, it } from 'vitest';
import { fastTanh } from '../src/index.js';

describe('fastTanh', () => {
  it('matches Math.tanh: ≤ 4e-16 absolute, ≤ 1e-15 relative, on a dense grid of [−25, 25] and tiny x', () => {
    let worstAbs = 0;
    let worstRel = 0;
    for (let k = -500000; k <= 500000; k++) {
      const x = k * 5e-5 + 1e-7 * Math.sin(k); // irregular spacing hits all table entries and offsets
      const ref = Math.tanh(x);
      const err = Math.abs(fastTanh(x) - ref);
      worstAbs = Math.max(worstAbs, err);
      if (ref !== 0) worstRel = Math.max(worstRel, err / Math.abs(ref));
    }
    for (const x of [1e-300, -1e-200, 1e-12, -1e-8, 1e-4, 0.0054, 0.0055, 0.0108, -0.3, 5, 19.09, 19.11]) {
      const ref = Math.tanh(x);
      worstAbs = Math.max(worstAbs, Math.abs(fastTanh(x) - ref));
      worstRel = Math.max(worstRel, Math.abs(fastTanh(x) - ref) / Math.abs(ref));
    }
    // a few ulp: the tables and the polynomial each round once (see fastTanh.ts)
    expect(worstAbs).toBeLessThan(4e-16);
    expect(worstRel).toBeLessThan(1e-15);
    expect(Object.is(fastTanh(-0), -0)).toBe(true);
    expect(fastTanh(Infinity)).toBe(1);
    expect(fastTanh(0)).toBe(0);
    expect(fastTanh(1e3)).toBe(1);
    expect(fastTanh(-1e3)).toBe(-1);
    expect(Number.isNaN(fastTanh(NaN))).toBe(true);
  });
});
