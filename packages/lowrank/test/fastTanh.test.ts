import { activations, createRng, portableTanh } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { fastTanh } from '../src/index.js';
import { fastTanh as kernelTanh } from '../src/network/fastTanh.js';

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

  it("is core's portableTanh bit for bit (the network's tanh is core's tanh activation): dense grid, random values, special values", () => {
    const xs: number[] = [0, -0, 5e-324, -5e-324, 1e-300, 1e-12, 0.0013538030870311431, 19.09, 19.1, 19.11, 1e3, Infinity, -Infinity, NaN];
    for (let k = -500000; k <= 500000; k++) xs.push(k * 5e-5 + 1e-7 * Math.sin(k));
    const rng = createRng('fastTanh = portableTanh');
    for (let i = 0; i < 100000; i++) {
      const sign = rng.uniform() < 0.5 ? -1 : 1;
      xs.push(sign * 25 * rng.uniform(), sign * Math.exp(-40 + 43 * rng.uniform()));
    }
    for (const x of xs) {
      const want = portableTanh(x);
      if (!Object.is(fastTanh(x), want) || !Object.is(kernelTanh(x), want) || !Object.is(activations.tanh.f(x), want)) {
        throw new Error(`x = ${x}: fastTanh ${fastTanh(x)}, kernel ${kernelTanh(x)}, activations.tanh ${activations.tanh.f(x)} vs portableTanh ${want}`);
      }
    }
  });
});
