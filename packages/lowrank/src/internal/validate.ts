/**
 * Boundary validation specific to @neurobridge/lowrank: an Activation object and a p × p
 * matrix given as rows. The generic checks (finiteNumber, positiveNumber, finiteVector, ...)
 * come from @neurobridge/core's validate module; messages follow the same house template
 * `RangeError: <name> must be <allowed>; got <value>`.
 */
import { knownKeys, show, type Activation } from '@neurobridge/core';

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
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`${name} must have at least 1 row; got ${show(p)} rows`);
  if (p > MAX_RANK) throw new RangeError(`${name} must have at most ${MAX_RANK} rows (rank p ≪ n); got ${p} rows`);
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

/**
 * An options/params object: undefined → `{}`, anything but an object a TypeError, and every key
 * checked against `known` (core's `knownKeys`: a misspelt key is a TypeError with "did you mean").
 */
export function optionsWithKeys<T extends object>(name: string, value: T | undefined, known: readonly string[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return knownKeys(name, value, known);
}

/** The value, or the default when it is absent or undefined (null is a wrong kind, not "absent"). */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/**
 * Largest p accepted for C: the package models low-rank networks (p ≪ n), and a p × p matrix of
 * more rows is refused before anything is allocated.
 */
export const MAX_RANK = 1000;

/**
 * Largest p for the spectral analyses (fixedPoints, existence, limitCycles): they decompose a
 * p × p Jacobian per fixed point (O(p³) each, up to p of them); p = 60 takes about 1.2 s, p = 100
 * about 5 s (measured 2026-12-08, Node 20).
 */
export const MAX_ANALYSIS_RANK = 100;

/** C of at most `maxRank` rows, else a RangeError in terms of C. */
export function checkRank(name: string, p: number, maxRank: number): void {
  if (p > maxRank) throw new RangeError(`${name} must be at most ${maxRank} × ${maxRank} for this analysis (rank p ≪ n); got p = ${p}`);
}

/**
 * Largest n·p of one n × p Float64Array (η, ξ): 2^27 values, 1 GiB. sampleNetwork holds three
 * such arrays at once and the stepper packs η, ξ again, so this keeps a run within a few GiB;
 * beyond it typed arrays either fail to allocate ("Invalid typed array length") or the process is
 * killed for lack of memory.
 */
export const MAX_LOADINGS = 2 ** 27;

/** Largest number of samples a simulation records (each is a Float64Array per recorded quantity). */
export const MAX_SAMPLES = 1e6;

/** Largest number of recorded values (samples × quantities per sample): 2^27, 1 GiB. */
export const MAX_RECORDED_VALUES = 2 ** 27;

/** Whether every entry is finite (the mean field's and the network's overflow checks). */
export function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** Every entry of a Float64Array finite, else a RangeError naming the first bad entry. */
export function finiteEntries(name: string, a: Float64Array): void {
  let probe = 0;
  for (let i = 0; i < a.length; i++) probe += a[i] * 0; // x·0 is NaN for a non-finite x
  if (probe === 0) return;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`${name}[${i}] must be finite; got ${show(a[i])}`);
  }
}

/**
 * Power-of-two scale σ that brings the largest |entry| of `data` near 1 when it lies outside
 * [1/limit, limit] and 1 otherwise, so ordinary inputs are computed exactly as before. Dividing
 * by a power of two is exact. limit = 1e150 where products of two entries (C m, C v) must stay
 * representable; 1e75 where a product of four must (C Cᵀ, whose eigen-solve squares its entries).
 */
export function rangeScale(data: ArrayLike<number>, limit = 1e150): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) max = Math.max(max, Math.abs(data[i]));
  if (max === 0 || (max <= limit && max >= 1 / limit)) return 1;
  return 2 ** Math.floor(Math.log2(max)); // floor: 2^1024 would overflow
}

/** A short vector printed in full for messages: `[1e+300, -2]` (show() gives only its length). */
export function showVector(v: ArrayLike<number>): string {
  return `[${Array.from(v, (x) => show(x)).join(', ')}]`;
}
