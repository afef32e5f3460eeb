// The README example (Gatsby 2021 Q2, Eqs. (7), (9), (10)) with its printed values, each checked
// against a second method so the README cannot drift into a wrong statement.
import { describe, expect, it } from 'vitest';
import { brent, erf, expectNormal, expectNormalAdaptive, symmetricEigen, tanh } from '@neurobridge/core';

const gain = (r: number) => expectNormal((z) => tanh.df(r * z), 256); // Eq. (9), φ = tanh
const gainPanels = (r: number) => expectNormalAdaptive((z) => tanh.df(r * z), { breakpoints: [0], tol: 1e-14 }).value;

describe('README example', () => {
  it('Eq. (7): E[z tanh z] = E[tanh\'(z)] (Stein), both = 0.60570550960215882… (mpmath)', () => {
    const lhs = expectNormal((z) => z * Math.tanh(z), 256);
    expect(lhs).toBe(0.605705509602159);
    expect(gain(1)).toBe(0.6057055096021592);
    expect(Math.abs(lhs - 0.6057055096021588)).toBeLessThan(4e-16);
    expect(Math.abs(gainPanels(1) - 0.6057055096021588)).toBeLessThan(4e-16); // Gauss–Legendre panels
  });
  it('closed form E[erf\'(2z)] = (2/√π)/3', () => {
    const v = expectNormalAdaptive((z) => erf.df(2 * z)).value;
    expect(v).toBe(0.3761263890318375);
    expect(Math.abs(v - 2 / Math.sqrt(Math.PI) / 3)).toBeLessThan(1e-16);
  });
  it('Eq. (10) fixed point: λ_max·f(|m|) = 1 along the top eigenvector', () => {
    const { values, vectors } = symmetricEigen([[1.5, 0.3], [0.3, 0.8]]);
    // λ = (2.3 + √(0.49 + 0.36))/2 = (2.3 + √0.85)/2
    expect(Math.abs(values[0] - (2.3 + Math.sqrt(0.85)) / 2)).toBeLessThan(4e-16);
    const r = brent((s) => values[0] * gain(s) - 1, 0, 10);
    expect(r).toBe(0.9593818223114567); // a regression pin (the check is the next line): tanh is portableTanh
    // the root satisfies the fixed-point equation with the independent panel quadrature
    expect(Math.abs(values[0] * gainPanels(r) - 1)).toBeLessThan(1e-14);
    expect(Array.from(vectors[0], (v) => r * v)).toEqual([0.8997898347178067, 0.3328539233960652]);
  });
});
