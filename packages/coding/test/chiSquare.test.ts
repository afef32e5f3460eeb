import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, chiSquareSurvival, normalTwoSidedP, studentTwoSidedP } from '@neurobridge/coding';

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
  it('chiSquareQuantile inverts the survival function to the last bits, and matches printed critical values', () => {
    for (const dof of [1, 3, 16, 29, 200]) for (const p of [0.5, 0.05, 1e-3, 1e-9]) expect(Math.abs(chiSquareSurvival(chiSquareQuantile(p, dof), dof) / p - 1)).toBeLessThan(1e-9);
    expect(Math.abs(chiSquareQuantile(0.05, 16) - 26.29622760486423)).toBeLessThan(1e-11);
    expect(() => chiSquareQuantile(1, 3)).toThrow(/p must be in \(0, 1\); got 1/);
  });
  it('studentTwoSidedP matches the closed forms for ν = 1, 2 and printed critical values', () => {
    for (const t of [0.1, 1, 2.5, 10, 300]) {
      // ν = 1 (Cauchy): 1 − (2/π)atan|t|; ν = 2: 1 − |t|/√(2 + t²)
      expect(Math.abs(studentTwoSidedP(t, 1) / (1 - (2 / Math.PI) * Math.atan(t)) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(studentTwoSidedP(t, 2) / (1 - t / Math.sqrt(2 + t * t)) - 1)).toBeLessThan(1e-9);
    }
    // t_{0.975} with 19 and 10 dof, by mpmath 1.3 (findroot on betainc at 30 digits)
    expect(Math.abs(studentTwoSidedP(2.0930240544083098, 19) - 0.05)).toBeLessThan(1e-14);
    expect(Math.abs(studentTwoSidedP(-2.2281388519862747, 10) - 0.05)).toBeLessThan(1e-14);
    // large ν tends to the normal
    expect(Math.abs(studentTwoSidedP(1.959963984540054, 1e6) - 0.05)).toBeLessThan(1e-6);
    expect(studentTwoSidedP(0, 5)).toBe(1);
  });
});
