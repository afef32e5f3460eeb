import { describe, expect, it } from 'vitest';
import {
  finiteNumber,
  finiteVector,
  functionArg,
  integerInRange,
  knownKeys,
  nonNegativeNumber,
  optionsObject,
  positiveNumber,
  show,
} from '@neurobridge/core';

// The shared boundary checks: exact house-template messages, TypeError vs RangeError.
describe('validate', () => {
  it('show renders values compactly', () => {
    expect(show(-0)).toBe('-0');
    expect(show('a')).toBe('"a"');
    expect(show(null)).toBe('null');
    expect(show(undefined)).toBe('undefined');
    expect(show([1, 2])).toBe('an array of length 2');
    expect(show(new Float64Array(3))).toBe('a Float64Array');
    expect(show(() => 0)).toBe('a function');
    expect(show({})).toBe('an object');
  });

  it('finiteNumber', () => {
    expect(finiteNumber('x', 2.5)).toBe(2.5);
    expect(() => finiteNumber('x', '1')).toThrow(new TypeError('x must be a number; got "1"'));
    expect(() => finiteNumber('x', NaN)).toThrow(new RangeError('x must be finite; got NaN'));
  });

  it('positiveNumber, with and without Infinity', () => {
    expect(positiveNumber('h', 1e-300)).toBe(1e-300);
    expect(() => positiveNumber('h', 0)).toThrow(new RangeError('h must be > 0 and finite; got 0'));
    expect(() => positiveNumber('h', Infinity)).toThrow(new RangeError('h must be > 0 and finite; got Infinity'));
    expect(positiveNumber('tauK', Infinity, true)).toBe(Infinity);
    expect(() => positiveNumber('tauK', -5, true)).toThrow(new RangeError('tauK must be > 0 (or Infinity); got -5'));
    expect(() => positiveNumber('tauK', NaN, true)).toThrow(RangeError);
    expect(() => positiveNumber('h', null)).toThrow(new TypeError('h must be a number; got null'));
  });

  it('nonNegativeNumber', () => {
    expect(nonNegativeNumber('s', 0)).toBe(0);
    expect(() => nonNegativeNumber('s', -0.5)).toThrow(new RangeError('s must be >= 0 and finite; got -0.5'));
    expect(() => nonNegativeNumber('s', Infinity)).toThrow(RangeError);
    expect(() => nonNegativeNumber('s', NaN)).toThrow(RangeError);
  });

  it('integerInRange', () => {
    expect(integerInRange('n', 3, 1, 5)).toBe(3);
    expect(() => integerInRange('n', 0, 1)).toThrow(new RangeError('n must be an integer >= 1; got 0'));
    expect(() => integerInRange('n', 6, 1, 5)).toThrow(new RangeError('n must be an integer in [1, 5]; got 6'));
    expect(() => integerInRange('n', 1.5, 1, Infinity)).toThrow(RangeError);
    // beyond 2^53 integers are not exact: rejected by the default bound
    expect(() => integerInRange('n', 2 ** 60, 1)).toThrow(RangeError);
    expect(() => integerInRange('n', '1', 1)).toThrow(new TypeError('n must be an integer; got "1"'));
  });

  it('functionArg and optionsObject', () => {
    const f = (): number => 1;
    expect(functionArg('f', f)).toBe(f);
    expect(() => functionArg('f', 3)).toThrow(new TypeError('f must be a function; got 3'));
    expect(optionsObject('options', undefined)).toEqual({});
    expect(() => optionsObject('options', 3 as unknown as object)).toThrow(new TypeError('options must be an object; got 3'));
  });

  it('finiteVector copies and checks length and entries', () => {
    const src = [1, 2];
    const v = finiteVector('x', src, 2);
    expect(Array.from(v)).toEqual([1, 2]);
    v[0] = 9;
    expect(src[0]).toBe(1);
    expect(() => finiteVector('x', [1], 2)).toThrow(new RangeError('x must have length 2; got length 1'));
    expect(() => finiteVector('y0', [], { min: 1 })).toThrow(new RangeError('y0 must have length >= 1; got length 0'));
    expect(() => finiteVector('x', [1, NaN])).toThrow(new RangeError('x[1] must be finite; got NaN'));
    expect(() => finiteVector('x', [1, 'a'])).toThrow(new TypeError('x[1] must be a number; got "a"'));
    expect(() => finiteVector('x', 5)).toThrow(new TypeError('x must be an array-like of finite numbers; got 5'));
  });

  it('knownKeys rejects an unknown key, with a hint when one known key is close', () => {
    const known = ['duration', 'maxSpikes', 'rng'];
    expect(knownKeys('options', { duration: 1, rng: 2 }, known)).toEqual({ duration: 1, rng: 2 });
    expect(() => knownKeys('options', { maxspikes: 3 }, known)).toThrow(
      new TypeError('options.maxspikes is not an option (did you mean maxSpikes? known: duration, maxSpikes, rng)'));
    expect(() => knownKeys('options', { durration: 3 }, known)).toThrow(/did you mean duration\?/);
    expect(() => knownKeys('params', { zzzzzz: 3 }, known)).toThrow(
      new TypeError('params.zzzzzz is not a key of params (known: duration, maxSpikes, rng)'));
  });
});
