import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erfFn } from '@neurobridge/core';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/erf.json', import.meta.url), 'utf8')) as {
  tool: string;
  points: [string, string][];
};
const EPS = Number.EPSILON;

describe('erfFn', () => {
  it('matches published 16-digit values exactly', () => {
    expect(erfFn(0.5)).toBe(0.5204998778130465);
    expect(erfFn(1)).toBe(0.8427007929497149);
    expect(erfFn(2)).toBe(0.9953222650189527);
    expect(erfFn(3)).toBe(0.9999779095030014);
    expect(erfFn(4)).toBe(0.9999999845827421);
    expect(erfFn(0.1)).toBe(0.1124629160182849);
  });
  it(`is within 1.5 ε relative of mpmath on ${fixture.points.length} points (fixture: mpmath)`, () => {
    // measured max: 1.04 ε (at x ≈ 1.44); 1.5 ε leaves margin for one extra rounding of Math.exp
    let worst = 0;
    for (const [xs, ys] of fixture.points) {
      const x = Number(xs);
      const y = Number(ys);
      const err = y === 0 ? Math.abs(erfFn(x)) : Math.abs(erfFn(x) - y) / Math.abs(y);
      worst = Math.max(worst, err);
    }
    expect(fixture.tool).toMatch(/^mpmath/);
    expect(worst).toBeLessThanOrEqual(1.5 * EPS);
  });
  it('is exactly odd, saturates, and passes NaN', () => {
    for (const x of [1e-300, 0.3, 1.49, 1.5, 2.2, 5.5, 7]) expect(erfFn(-x)).toBe(-erfFn(x));
    expect(erfFn(6)).toBe(1);
    expect(erfFn(Infinity)).toBe(1);
    expect(erfFn(-Infinity)).toBe(-1);
    expect(Object.is(erfFn(-0), -0)).toBe(true);
    expect(erfFn(NaN)).toBeNaN();
  });
  it('erfc range: 1 − erf(x) tracks the asymptotic erfc(x) ≈ e^{−x²}/(x√π)(1 − 1/(2x²) + 3/(4x⁴))', () => {
    // at x = 5 the asymptotic series truncation error is 15/(8x⁶) ≈ 1.2e-4 relative in erfc;
    // erfc(5) = 1.54e-12, so 1 − erf(5) carries an absolute rounding error ≤ ε/2 = 1.1e-16 → 7e-5 relative
    const x = 5;
    const asym = (Math.exp(-x * x) / (x * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4));
    expect(Math.abs((1 - erfFn(x)) / asym - 1)).toBeLessThan(2e-4);
  });
});
