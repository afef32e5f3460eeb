import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableExp, portableExpm1, portableLog, portableLog1p } from '@neurobridge/core';

type Name = 'log' | 'exp' | 'log1p' | 'expm1';
const fixture = JSON.parse(readFileSync(new URL('./fixtures/portable-math.json', import.meta.url), 'utf8')) as Record<Name, [string, string][]> & { tool: string };
const ours: Record<Name, (x: number) => number> = { log: portableLog, exp: portableExp, log1p: portableLog1p, expm1: portableExpm1 };
const reference: Record<Name, (x: number) => number> = { log: Math.log, exp: Math.exp, log1p: Math.log1p, expm1: Math.expm1 };
const names: Name[] = ['log', 'exp', 'log1p', 'expm1'];

/** Gap from |y| to the next double away from zero (the ulp used for "within 1 ulp"). */
function ulp(y: number): number {
  const a = Math.abs(y);
  const b = new Float64Array([a]);
  const w = new BigInt64Array(b.buffer);
  w[0] += 1n;
  return b[0] - a;
}

describe('portable elementary functions: correctly rounded (mpmath fixture)', () => {
  it('the fixture names its tool', () => expect(fixture.tool).toMatch(/^mpmath \d/));
  for (const name of names) {
    it(`${name}: every fixture point equals the nearest double to the exact value`, () => {
      const points = fixture[name];
      expect(points.length).toBeGreaterThan(2000);
      const wrong: string[] = [];
      for (const [xs, ys] of points) {
        const got = ours[name](Number(xs));
        if (!Object.is(got, Number(ys))) wrong.push(`${name}(${xs}) = ${got}, expected ${ys}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('portable elementary functions: special values, exactly as Math.*', () => {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -54, -(2 ** -54), 2 ** -60];
  for (const name of names) {
    it(`${name}: NaN, ±0, ±Infinity, subnormals, extremes`, () => {
      for (const x of specials) expect(Object.is(ours[name](x), reference[name](x)), `${name}(${x})`).toBe(true);
    });
  }
  it('log: negative → NaN, ±0 → −Infinity, 1 → +0; subnormals', () => {
    expect(portableLog(-1e-300)).toBeNaN();
    expect(portableLog(-0)).toBe(-Infinity);
    expect(Object.is(portableLog(1), 0)).toBe(true);
    expect(portableLog(5e-324)).toBe(-744.4400719213812); // mpmath, correctly rounded
  });
  it('exp: overflow and underflow thresholds, subnormal results', () => {
    expect(portableExp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(portableExp(709.7827128933841)).toBe(Infinity);
    expect(portableExp(-745.1332191019411)).toBe(5e-324);
    expect(portableExp(-745.1332191019412)).toBe(0);
    expect(portableExp(-740)).toBe(4.1995579896506e-322); // mpmath: subnormal, correctly rounded
    expect(portableExp(2 ** -53)).toBe(1.0000000000000002); // 1 + 2^-53 + 2^-107: just above a tie
  });
  it('expm1 and log1p: x itself for tiny x (sign of −0 kept), −1 and −Infinity at the ends', () => {
    for (const x of [-0, 0, 1e-300, -1e-300, 2 ** -55]) {
      expect(Object.is(portableExpm1(x), x)).toBe(true);
      expect(Object.is(portableLog1p(x), x)).toBe(true);
    }
    expect(portableExpm1(-40)).toBe(-1);
    expect(portableExpm1(-Infinity)).toBe(-1);
    expect(portableLog1p(-1)).toBe(-Infinity);
    expect(portableLog1p(-1.0000000000000002)).toBeNaN();
    expect(portableExpm1(2 ** -52)).toBe(2.2204460492503136e-16); // 2^-52 + 2^-105 + …: a tie broken by x³/6
  });
  it('ordinary values where engines differ: e − 1 is 1.71828182845904523…, nearest double …0453', () => {
    expect(portableExpm1(1)).toBe(1.7182818284590453); // Node 20 / V8 11.3 Math.expm1(1) gives 1.718281828459045
    expect(portableExp(1)).toBe(Math.E);
    expect(portableLog(Math.E)).toBe(1);
    expect(portableLog(2)).toBe(Math.LN2);
    expect(portableLog(10)).toBe(Math.LN10);
  });
});

describe('portable elementary functions: properties on seeded random input', () => {
  const ranges: Record<Name, fc.Arbitrary<number>> = {
    log: fc.double({ min: 5e-324, max: Number.MAX_VALUE, noNaN: true }),
    exp: fc.double({ min: -746, max: 710, noNaN: true }),
    log1p: fc.double({ min: -1, max: 1e300, noNaN: true }),
    expm1: fc.double({ min: -50, max: 710, noNaN: true }),
  };
  for (const name of names) {
    it(`${name}: within 1 ulp of Math.${name}`, () => {
      fc.assert(
        fc.property(ranges[name], (x) => {
          const a = ours[name](x);
          const b = reference[name](x);
          return Object.is(a, b) || Math.abs(a - b) <= ulp(b);
        }),
        { seed: 20261124, numRuns: 20_000 },
      );
    });
    it(`${name}: monotone (x ≤ y ⇒ f(x) ≤ f(y)), also for neighbouring doubles`, () => {
      fc.assert(
        fc.property(ranges[name], ranges[name], (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const next = hi + ulp(hi) * (hi < 0 ? -0.5 : 1); // a double next to hi, above it
          return ours[name](lo) <= ours[name](hi) && (!(next > hi) || ours[name](hi) <= ours[name](next));
        }),
        { seed: 20261125, numRuns: 20_000 },
      );
    });
  }
});

describe('portable elementary functions: only IEEE basic operations', () => {
  it('src/elementary/portable{Math,Exp,Log,Tiny}*.ts, pow2.ts and src/internal/doubleDouble.ts call no Math function but round/abs/floor/trunc/min/max/sqrt', () => {
    const src = new URL('../src/', import.meta.url);
    // portableTanh.ts is not among them: it builds its table with Math.LN2/ceil at load
    const files = [
      ...readdirSync(new URL('elementary/', src)).filter((f) => /^(portable(?!Tanh)|pow2)/.test(f)).map((f) => `elementary/${f}`),
      'internal/doubleDouble.ts',
    ];
    expect(files.length).toBeGreaterThanOrEqual(7);
    const allowed = new Set(['round', 'abs', 'floor', 'trunc', 'min', 'max', 'sqrt']);
    for (const f of files) {
      const code = readFileSync(new URL(f, src), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [, fn] of code.matchAll(/Math\.(\w+)/g)) expect(allowed.has(fn), `${f} uses Math.${fn}`).toBe(true);
      expect(code, `${f} uses ** (Math.pow)`).not.toMatch(/\*\*/);
    }
  });
});
