import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational, bisectExact } from '../src/exact/rational.js';
import { backwardExact } from '../src/graph/graphExact.js';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { activations } from '@neurobridge/core';
import { squared, itakuraSaito } from '../src/training/losses.js';

describe('Rational', () => {
  it('reads decimals exactly and prints finite decimals exactly', () => {
    expect(Rational.from('1.3').toString()).toBe('1.3');
    expect(Rational.from(0.1).add(0.2).toString()).toBe('0.3'); // not 0.30000000000000004
    expect(Rational.from('2.5e-3').toString()).toBe('0.0025');
    expect(Rational.of(1, 3).toString()).toBe('1/3');
    expect(Rational.of(1, 3).toDecimal(5)).toBe('0.33333…');
    expect(Rational.of(-7, 8).toDecimal()).toBe('-0.875');
    expect(() => Rational.from('1.2.3')).toThrow(TypeError);
    expect(() => Rational.of(1, 0)).toThrow(/division by zero/);
  });
  it('field axioms and toNumber on random decimals (toNumber correctly rounded for these)', () => {
    fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, b, c) => {
      const A = Rational.of(a, 1000), B = Rational.of(b, 100), C = Rational.of(c, 7);
      expect(A.add(B).mul(C).equals(A.mul(C).add(B.mul(C)))).toBe(true);
      expect(A.sub(B).add(B).equals(A)).toBe(true);
      expect(C.div(C).equals(Rational.of(1))).toBe(true);
      expect(A.toNumber()).toBe(a / 1000);
      expect(C.toNumber()).toBe(c / 7);
    }), { seed: 42, numRuns: 200 });
  });
  it('bisectExact brackets √2 to 30 digits', () => {
    const r = bisectExact((x) => x.mul(x).sub(2), Rational.of(1), Rational.of(2), 30);
    expect(r.lo.mul(r.lo).cmp(2)).toBe(-1);
    expect(r.hi.mul(r.hi).cmp(2)).toBe(1);
    expect(r.lo.toDecimal(29)).toBe('1.41421356237309504880168872420…');
    expect(() => bisectExact((x) => x.mul(x), Rational.of(1), Rational.of(2))).toThrow(/opposite signs/);
  });
});

describe('backwardExact', () => {
  it('refuses activations and losses without an exact form', () => {
    const net = graphNetwork({ inputs: ['a'], nodes: [{ name: 'o', activation: activations.tanh }], links: [['a', 'o']] });
    expect(() => backwardExact(net, { wao: 1, bo: 0 }, [1], 1, squared)).toThrow(/activation 'tanh' has no exact rational form/);
    const lin = graphNetwork({ inputs: ['a'], nodes: [{ name: 'o', activation: activations.linear }], links: [['a', 'o']] });
    expect(() => backwardExact(lin, { wao: 1, bo: 0 }, [1], 1, itakuraSaito)).toThrow(/loss 'itakuraSaito' has no exact rational form/);
    expect(() => backwardExact(lin, { wao: 1 }, [1], 1, squared)).toThrow(/params.bo is missing/);
  });
});
