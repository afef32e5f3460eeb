import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { chiSquareSurvival, gammaVariate, logFactorial, poissonCount } from '@neurobridge/coding';
import { discreteFitP, poissonPmf, uniformityP } from './helpers.js';

// Every distributional test below is a χ² test at level 1e-4 (a correct sampler fails it once
// in 10⁴ seeds; the seeds are fixed, so the suite is deterministic), and each shows its power
// by rejecting a slightly wrong distribution on the same samples.
const LEVEL = 1e-4;

describe('logFactorial', () => {
  it('equals Σ log i to 1e-14 relative, across the table/Stirling switch at 256', () => {
    let s = 0;
    for (let k = 2; k <= 2000; k++) {
      s += Math.log(k);
      expect(Math.abs(logFactorial(k) - s)).toBeLessThanOrEqual(1e-14 * s);
    }
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
  });
});

describe('poissonCount', () => {
  const N = 40_000;
  for (const mu of [0.3, 4, 9.99, 10, 37.5, 1000]) {
    it(`μ = ${mu}: the counts follow the Poisson pmf (inversion below 10, PTRS from 10)`, () => {
      const rng = createRng(`poisson ${mu}`);
      const x = Float64Array.from({ length: N }, () => poissonCount(rng, mu));
      const maxK = Math.ceil(mu + 12 * Math.sqrt(mu) + 10);
      expect(discreteFitP(x, poissonPmf(mu), maxK)).toBeGreaterThan(LEVEL);
      // power: a pmf whose mean is off by 3%, or by 8 standard errors of the sample mean when
      // that is more (small μ), is rejected on the same samples
      const off = Math.max(0.03, (8 * Math.sqrt(mu / N)) / mu);
      expect(discreteFitP(x, poissonPmf(mu * (1 + off)), maxK)).toBeLessThan(LEVEL);
    });
  }
  it('is 0 at μ = 0 and rejects a negative or non-finite mean', () => {
    expect(poissonCount(createRng(1), 0)).toBe(0);
    expect(() => poissonCount(createRng(1), -1)).toThrow(/mean must be in \[0, 1000000000000000\]; got -1/);
    expect(() => poissonCount(createRng(1), NaN)).toThrow(RangeError);
  });
  it('is bit-identical for the same seed', () => {
    const a = createRng('same'), b = createRng('same');
    for (let i = 0; i < 100; i++) expect(poissonCount(a, 50)).toBe(poissonCount(b, 50));
  });
});

describe('gammaVariate', () => {
  // X ~ Gamma(a, 1) ⇔ 2X ~ χ²(2a): the probability integral transform through the χ²
  // survival function must be uniform (half-integer shapes keep 2a an integer dof).
  for (const shape of [0.5, 1, 2.5, 8]) {
    it(`shape ${shape}: 2X is χ²(${2 * shape}) (probability integral transform uniform)`, () => {
      const rng = createRng(`gamma ${shape}`);
      const u = Float64Array.from({ length: 40_000 }, () => chiSquareSurvival(2 * gammaVariate(rng, shape), 2 * shape));
      expect(uniformityP(u)).toBeGreaterThan(LEVEL);
      const rng2 = createRng(`gamma ${shape}`);
      // power: the same samples scaled by 1.04 are not Gamma(a, 1)
      const wrong = Float64Array.from({ length: 40_000 }, () => chiSquareSurvival(2 * 1.04 * gammaVariate(rng2, shape), 2 * shape));
      expect(uniformityP(wrong)).toBeLessThan(LEVEL);
    });
  }
  it('rejects a shape that is not > 0', () => {
    expect(() => gammaVariate(createRng(1), 0)).toThrow(/shape must be > 0 and finite; got 0/);
  });
});
