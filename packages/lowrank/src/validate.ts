/**
 * Boundary validation specific to @neurobridge/lowrank: an Activation object and a p × p
 * matrix given as rows. The generic checks (finiteNumber, positiveNumber, finiteVector, ...)
 * come from @neurobridge/core's validate module; messages follow the same house template
 * `RangeError: <name> must be <allowed>; got <value>`.
 */
import { show, type Activation } from '@neurobridge/core';

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

/** Row-major p × p Float64Array → number[][]. */
export function toRows(data: Float64Array, p: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(data.subarray(i * p, (i + 1) * p)));
  return rows;
}
