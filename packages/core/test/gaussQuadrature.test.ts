import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaussHermite, gaussLegendre } from '@neurobridge/core';

const EPS = Number.EPSILON;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/gauss-hermite.json', import.meta.url), 'utf8')) as {
  tool: string;
  rules: Record<string, { nodes: string[]; weights: string[] }>;
};

/** (2k − 1)!! = E[z^{2k}] exactly (BigInt), rounded once to the nearest double. */
function doubleFactorial(k: number): number {
  let b = 1n;
  for (let j = 2n * BigInt(k) - 1n; j > 1n; j -= 2n) b *= j;
  return Number(b);
}

/**
 * Worst relative error of Σ w x^{2k} against (2k−1)!! over 2k ≤ maxDegree. Each term is
 * (w·|x|^k)·|x|^k so that tail terms do not overflow (x^{300} would at |x| > 10.5).
 */
function worstMomentError(order: number, maxDegree: number): { worst: number; degree: number } {
  const { nodes, weights } = gaussHermite(order);
  let worst = 0;
  let degree = 0;
  for (let k = 0; 2 * k <= maxDegree; k++) {
    let s = 0;
    for (let i = 0; i < order; i++) {
      const xk = Math.pow(Math.abs(nodes[i]), k);
      s += weights[i] * xk * xk;
    }
    const ref = doubleFactorial(k);
    const err = Math.abs(s - ref) / ref;
    if (err > worst) [worst, degree] = [err, 2 * k];
  }
  return { worst, degree };
}

describe('gaussHermite (probabilists\')', () => {
  it('small rules in closed form: n = 1, 2, 3', () => {
    expect(gaussHermite(1)).toEqual({ nodes: new Float64Array([0]), weights: new Float64Array([1]) });
    const r2 = gaussHermite(2);
    expect(Array.from(r2.nodes)).toEqual([-1, 1]);
    expect(Array.from(r2.weights)).toEqual([0.5, 0.5]);
    const r3 = gaussHermite(3); // ±√3 with 1/6, 0 with 2/3
    expect(Math.abs(r3.nodes[2] - Math.sqrt(3))).toBeLessThanOrEqual(EPS * Math.sqrt(3));
    expect(r3.nodes[1]).toBe(0);
    expect(Math.abs(r3.weights[0] - 1 / 6)).toBeLessThanOrEqual(2 * EPS / 6);
    expect(Math.abs(r3.weights[1] - 2 / 3)).toBeLessThanOrEqual(2 * EPS);
  });
  it(`matches mpmath (${fixture.tool.split(',')[0]}) for n = ${Object.keys(fixture.rules).join(', ')}`, () => {
    for (const [n, ref] of Object.entries(fixture.rules)) {
      const { nodes, weights } = gaussHermite(Number(n));
      ref.nodes.forEach((s, i) => {
        // nodes polished in double-double: the nearest double, up to one final rounding (≤ 1 ulp)
        expect(Math.abs(nodes[i] - Number(s))).toBeLessThanOrEqual(EPS * Math.abs(Number(s)) + 1e-60); // mpmath's middle node is ~1e-62, ours exactly 0
      });
      ref.weights.forEach((s, i) => {
        expect(Math.abs(weights[i] - Number(s)) / Number(s)).toBeLessThanOrEqual(WEIGHT_RTOL);
      });
    }
  });
  it('moments E[z^{2k}] = (2k−1)!! to 1e-14 relative for every degree ≤ 2n − 1 (n ≤ 300)', () => {
    // Measured worst: 5.8e-15 (n = 128, degree 106). The floor is set by rounding the nodes:
    // the mpmath rule rounded to doubles shows the same errors (4.7e-15 at n = 41, degree 78).
    // (2k−1)!! overflows beyond degree 300, so degrees are capped there.
    for (const n of [1, 2, 3, 4, 5, 8, 10, 15, 20, 32, 64, 100, 128, 200, 300]) {
      expect(worstMomentError(n, Math.min(2 * n - 1, 300)).worst).toBeLessThan(1e-14);
    }
  });
  it('odd moments vanish (exact symmetry) and weights sum to 1', () => {
    for (const n of [7, 50, 201]) {
      const { nodes, weights } = gaussHermite(n);
      for (let i = 0; i < n; i++) {
        expect(nodes[n - 1 - i] === -nodes[i]).toBe(true); // 0 === −0 for the middle node
        expect(weights[n - 1 - i]).toBe(weights[i]);
      }
      const sum = weights.reduce((s, w) => s + w, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(n * EPS);
    }
  });
  it('order 1000: no overflow, finite nodes, non-negative weights (tails underflow), sum 1', () => {
    const { nodes, weights } = gaussHermite(1000);
    expect(nodes.every(Number.isFinite)).toBe(true);
    expect(weights.every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
    expect(Math.abs(weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1000 * EPS);
    for (let i = 1; i < 1000; i++) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
    // largest zero of He_n ≈ √(4n+2) − 1.856·(4n+2)^{−1/6}·√2 … lies below √(4n + 2)
    expect(nodes[999]).toBeLessThan(Math.sqrt(4002));
  });
  it('validates order', () => {
    expect(() => gaussHermite(0)).toThrow(/order must be an integer in \[1, 2000\]; got 0/);
    expect(() => gaussHermite(2.5)).toThrow(RangeError);
    expect(() => gaussHermite('3' as unknown as number)).toThrow(TypeError);
  });
  it('returns copies (the cache cannot be corrupted)', () => {
    const a = gaussHermite(6);
    a.weights.fill(0);
    expect(gaussHermite(6).weights[0]).toBeGreaterThan(0);
  });
});

describe('gaussLegendre', () => {
  it('integrates x^k on [−1, 1] exactly up to degree 2n − 1', () => {
    for (const n of [1, 2, 5, 10, 20, 33]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let k = 0; k <= 2 * n - 1; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** k;
        const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
        expect(Math.abs(s - exact)).toBeLessThan(4 * n * EPS);
      }
    }
  });
  it('validates order', () => {
    expect(() => gaussLegendre(-1)).toThrow(RangeError);
  });
});

/** Weights vs mpmath: measured worst 1.55 ε (n = 41); a few roundings of p_{n−1}² and 1/(n·p²). */
const WEIGHT_RTOL = 3 * EPS;
