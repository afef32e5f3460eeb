import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';

describe('createRng: determinism', () => {
  it('pins exact values for seed 42 (xor4096, polar normals)', () => {
    const r = createRng(42);
    expect([r.uniform(), r.uniform(), r.uniform()]).toEqual([0.4849097537593535, 0.7981732843103746, 0.4409875932564623]);
    expect([r.normal(), r.normal(), r.normal()]).toEqual([0.7926435514291937, -1.6040132532151627, 0.23874847548594696]);
    expect([r.int(10), r.int(1000), r.int(2 ** 40)]).toEqual([0, 764, 1039069158138]);
    const s = createRng('neurobridge').substream('weights');
    expect([s.uniform(), s.normal()]).toEqual([0.8251977585398818, 1.103389153334038]);
  });
  it('same seed gives bit-identical streams; number and string keys agree', () => {
    const a = createRng(7);
    const b = createRng('7');
    for (let i = 0; i < 1000; i++) expect(a.normal()).toBe(b.normal());
    expect(createRng('x').uniform()).not.toBe(createRng('y').uniform());
  });
  it('normals(n, out) fills out in the order of normal(), sharing the cached value', () => {
    const a = createRng('n');
    const b = createRng('n');
    a.normal(); // leaves a cached second value
    b.normal();
    const out = new Float64Array(7);
    expect(a.normals(5, out)).toBe(out);
    const expected = Array.from({ length: 5 }, () => b.normal());
    expect(Array.from(out.subarray(0, 5))).toEqual(expected);
    expect(out[5]).toBe(0);
    expect(a.normals(3)).toEqual(b.normals(3));
  });
});

describe('createRng: distributions', () => {
  const N = 200_000;
  it('uniform: in (0, 1), mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const r = createRng('u');
    let s1 = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      if (!(u > 0 && u < 1)) outside++;
      s1 += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = s1 / N;
    const variance = s2 / N - mean * mean;
    // SE(mean) = √(1/12/N); SE(var) = √((μ4 − σ⁴)/N) with μ4 = 1/80, σ⁴ = 1/144
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });
  it('normal: mean 0, variance 1, P(z < 1) = Φ(1) within 5 standard errors', () => {
    const r = createRng('z');
    let s1 = 0;
    let s2 = 0;
    let below = 0;
    for (let i = 0; i < N; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
      if (z < 1) below++;
    }
    const phi1 = 0.8413447460685429; // Φ(1), scipy.stats.norm.cdf(1)
    expect(Math.abs(s1 / N)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // Var(z²) = 2
    expect(Math.abs(below / N - phi1)).toBeLessThan(5 * Math.sqrt((phi1 * (1 - phi1)) / N));
  });
  it('int(n): range and chi-square uniformity (7 bins, critical value at p = 1e-6 is 38.26)', () => {
    const r = createRng('i');
    const counts = new Array(7).fill(0);
    const M = 70_000;
    for (let i = 0; i < M; i++) counts[r.int(7)]++; // an out-of-range k would make a NaN count
    expect(counts.every((c) => Number.isInteger(c))).toBe(true);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(M);
    const chi2 = counts.reduce((s, c) => s + (c - M / 7) ** 2 / (M / 7), 0);
    expect(chi2).toBeLessThan(38.26);
    expect(r.int(1)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const big = r.int(2 ** 53);
      expect(Number.isSafeInteger(big) && big >= 0).toBe(true);
    }
  });
});

describe('createRng: substreams', () => {
  it('depend on (seed, name) only, not on the parent state', () => {
    const a = createRng(1);
    const before = a.substream('w').normals(4);
    a.normals(1000);
    const after = a.substream('w').normals(4);
    expect(after).toEqual(before);
  });
  it('distinct names and paths give distinct streams', () => {
    const r = createRng(1);
    const first = (s: { uniform(): number }) => s.uniform();
    const values = [
      first(r.substream('a')),
      first(r.substream('b')),
      first(r.substream('a').substream('b')),
      first(r.substream('a/b')),
      first(r.substream('')),
      first(createRng(1)),
      first(createRng(2).substream('a')),
    ];
    expect(new Set(values).size).toBe(values.length);
  });
  it('a substream is uncorrelated with its parent (|corr| < 5/√N)', () => {
    const N = 50_000;
    const p = createRng('corr');
    const c = p.substream('child');
    let sxy = 0;
    for (let i = 0; i < N; i++) sxy += p.normal() * c.normal();
    expect(Math.abs(sxy / N)).toBeLessThan(5 / Math.sqrt(N));
  });
});

describe('createRng: bad input', () => {
  it('rejects bad seeds', () => {
    expect(() => createRng(undefined as unknown as number)).toThrow(TypeError);
    expect(() => createRng({} as unknown as number)).toThrow(/seed must be a string or a finite number; got an object/);
    expect(() => createRng(true as unknown as number)).toThrow(TypeError);
    expect(() => createRng(NaN)).toThrow(RangeError);
    expect(() => createRng(Infinity)).toThrow(/seed must be finite; got Infinity/);
  });
  it('rejects bad sizes', () => {
    const r = createRng(0);
    expect(() => r.int(0)).toThrow(/n must be an integer in \[1, 9007199254740992\]; got 0/);
    expect(() => r.int(2.5)).toThrow(RangeError);
    expect(() => r.int(2 ** 53 + 2)).toThrow(RangeError);
    expect(() => r.normals(-1)).toThrow(RangeError);
    expect(() => r.normals(3, new Float64Array(2))).toThrow(/out must have length >= n = 3; got length 2/);
    expect(() => r.normals(3, [0, 0, 0] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => r.substream(3 as unknown as string)).toThrow(TypeError);
  });
});

describe('no Math.random in library code', () => {
  it('src/ never calls Math.random', () => {
    const dir = new URL('../src/', import.meta.url);
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(new URL(f, dir), 'utf8')).not.toMatch(/Math\.random/);
  });
});
