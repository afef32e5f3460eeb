import { describe, expect, it } from 'vitest';
import { squared, squaredHalf, itakuraSaito, binaryCrossEntropy, defineLoss, mse } from '../src/training/losses.js';

/** central difference with h = 1e-6 on O(1) values: error ≲ 1e-9 */
const fd = (f: (x: number) => number, x: number) => (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;

describe('losses', () => {
  it('each derivative equals a central difference of its value', () => {
    const cases: [typeof squared, number, number][] = [
      [squared, 0.3, 1.2], [squaredHalf, -0.7, 0.4], [itakuraSaito, 0.8, 1.9], [binaryCrossEntropy, 0.3, 1], [binaryCrossEntropy, 0.6, 0.25],
    ];
    for (const [loss, x, t] of cases) {
      expect(Math.abs(loss.derivative(x, t) - fd((v) => loss.value(v, t), x))).toBeLessThan(1e-8);
    }
  });
  it('closed values: ½(y − x)², (x − y)², t/x − ln(t/x) − 1', () => {
    expect(squaredHalf.value(1, 3)).toBe(2);
    expect(squared.value(3, 1.5)).toBe(2.25);
    expect(Math.abs(itakuraSaito.value(2, 1) - (0.5 - Math.log(0.5) - 1))).toBeLessThan(1e-16);
    expect(binaryCrossEntropy.value(0.5, 1)).toBe(Math.LN2);
  });
  it('mse: mean over the dataset, gradient 2(x − y)/N (seed 004: 3.25)', () => {
    const r = mse([3, 0], [1.3, 1.9]);
    expect(Math.abs(r.value - 3.25)).toBeLessThan(4e-16 * 3.25);
    expect(Math.abs(r.gradient[0] - 1.7)).toBeLessThan(1e-15);
    expect(Math.abs(r.gradient[1] + 1.9)).toBeLessThan(1e-15);
    expect(() => mse([1, 2], [1])).toThrow(/mse: targets must have the length of predictions \(2\); got 1/);
    expect(() => mse([], [])).toThrow(/non-empty/);
  });
  it('defineLoss validates the spec and surfaces non-finite results', () => {
    const l = defineLoss({ name: 'inv', value: (x) => 1 / x, derivative: (x) => -1 / (x * x) });
    expect(l.value(2, 0)).toBe(0.5);
    expect(() => l.value(0, 0)).toThrow(/inv: value is not finite at x = 0, t = 0; got Infinity/);
    expect(() => l.value(NaN, 0)).toThrow(/prediction x and target t must be finite/);
    expect(() => defineLoss({ name: '', value: () => 0, derivative: () => 0 })).toThrow(/name must be a non-empty string/);
    expect(() => defineLoss({ name: 'x', value: () => 0 } as never)).toThrow(/derivative must be a function/);
    expect(() => binaryCrossEntropy.value(1, 1)).toThrow(/prediction x must be in \(0, 1\)/);
  });
});
