import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalTwoSidedP } from '@neurobridge/coding';

describe('chiSquareSurvival — Q(dof/2, x/2)', () => {
  it('matches the closed forms for even dof: e^{−x/2} Σ_{j<dof/2} (x/2)^j/j!', () => {
    for (const dof of [2, 4, 10, 40]) {
      for (const x of [0.01, 0.5, 3, 12, 40, 90, 300]) {
        let s = 0, term = 1;
        for (let j = 0; j < dof / 2; j++) { if (j > 0) term *= x / 2 / j; s += term; }
        const exact = Math.exp(-x / 2) * s;
        // both branches (series below x/2 = dof/2 + 1, continued fraction above) to 1e-13 relative
        expect(Math.abs(chiSquareSurvival(x, dof) - exact)).toBeLessThanOrEqual(1e-13 * exact + 1e-300);
      }
    }
  });
  it('matches printed critical values for odd and even dof (scipy.stats.chi2.isf, 16 digits)', () => {
    // (dof, x with P(χ² > x) = 0.05)
    const table: [number, number][] = [[1, 3.841458820694124], [3, 7.814727903251178], [16, 26.29622760486423], [25, 37.65248413348277]];
    for (const [dof, x] of table) expect(Math.abs(chiSquareSurvival(x, dof) - 0.05)).toBeLessThan(1e-13);
  });
  it('normalTwoSidedP is erfc(|z|/√2), accurate in the far tail', () => {
    expect(Math.abs(normalTwoSidedP(1.959963984540054) - 0.05)).toBeLessThan(1e-14);
    // erfc(10/√2) and erfc(6/√2) from Python 3.11's math.erfc (glibc, correctly rounded to ~1 ulp),
    // far below what 1 − erf could show
    expect(Math.abs(normalTwoSidedP(10) / 1.5239706048321186e-23 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalTwoSidedP(6) / 1.9731752900754024e-09 - 1)).toBeLessThan(1e-12);
    expect(normalTwoSidedP(0)).toBe(1);
  });
  it('rejects bad arguments naming them', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(/dof must be an integer in \[1, 1000000\]; got 0/);
    expect(() => chiSquareSurvival(NaN, 2)).toThrow(/x must be finite/);
  });
});
