/**
 * Boundary validation for @neurobridge/lowrank. Messages follow the house template
 * `RangeError: <name> must be <allowed>; got <value>`: TypeError for the wrong kind of
 * value, RangeError for the wrong size or range.
 */
import type { Activation } from '@neurobridge/core';

/** Short printable form of a value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : String(value);
}

export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite; got ${show(value)}`);
  return value;
}

export function positiveNumber(name: string, value: unknown): number {
  finiteNumber(name, value);
  if ((value as number) <= 0) throw new RangeError(`${name} must be > 0 and finite; got ${show(value)}`);
  return value as number;
}

export function nonNegativeNumber(name: string, value: unknown): number {
  finiteNumber(name, value);
  if ((value as number) < 0) throw new RangeError(`${name} must be >= 0 and finite; got ${show(value)}`);
  return value as number;
}

export function integerInRange(name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${range}; got ${show(value)}`);
  }
  return value;
}

/** An Activation {name, f, df, d2f} as defined by @neurobridge/core. */
export function activation(name: string, value: unknown): Activation {
  const a = value as Activation | null;
  if (
    a === null ||
    typeof a !== 'object' ||
    typeof a.f !== 'function' ||
    typeof a.df !== 'function' ||
    typeof a.d2f !== 'function'
  ) {
    throw new TypeError(`${name} must be an Activation {name, f, df, d2f} (see @neurobridge/core); got ${show(value)}`);
  }
  return a;
}

/**
 * A real square matrix with finite entries, given as rows (number[][] or any
 * ArrayLike of ArrayLike). Returns a row-major Float64Array copy and its size p.
 */
export function squareMatrix(name: string, value: unknown): { data: Float64Array; p: number } {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be a square matrix given as an array of rows; got ${show(value)}`);
  }
  const rows = value as ArrayLike<unknown>;
  const p = rows.length;
  if (p < 1) throw new RangeError(`${name} must have at least 1 row; got 0 rows`);
  const data = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const row = rows[i] as ArrayLike<unknown> | null;
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new TypeError(`${name}[${i}] must be an array of numbers; got ${show(row)}`);
    }
    if (row.length !== p) {
      throw new RangeError(`${name} must be square (p × p): row ${i} has length ${row.length}, expected p = ${p}`);
    }
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== 'number') throw new TypeError(`${name}[${i}][${j}] must be a number; got ${show(v)}`);
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be finite; got ${show(v)}`);
      data[i * p + j] = v;
    }
  }
  return { data, p };
}

/** A finite vector of the given length, copied to a Float64Array. */
export function finiteVector(name: string, value: unknown, length: number): Float64Array {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of ${length} numbers; got ${show(value)}`);
  }
  const v = value as ArrayLike<unknown>;
  if (v.length !== length) throw new RangeError(`${name} must have length ${length}; got length ${v.length}`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number; got ${show(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite; got ${show(x)}`);
    out[i] = x;
  }
  return out;
}

/** Row-major p × p Float64Array → number[][]. */
export function toRows(data: Float64Array, p: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(data.subarray(i * p, (i + 1) * p)));
  return rows;
}
