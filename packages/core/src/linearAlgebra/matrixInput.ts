import { Matrix } from 'ml-matrix';
import { MAX_ARRAY_LENGTH, show } from '../validate.js';

/**
 * A dense matrix given as rows (number[][]) or as an ml-matrix Matrix.
 * @category Linear algebra
 */
export type MatrixInput = number[][] | Matrix;

/** Dense row-major copy of a validated square matrix. */
export interface SquareData {
  n: number;
  /** a[i*n + j] = A[i][j] */
  a: Float64Array;
}

/**
 * Validate that A is a non-empty square matrix of finite numbers and copy it row-major.
 * @throws TypeError for a value that is not a matrix; RangeError for a non-square shape
 *   or a non-finite entry (naming the entry).
 */
export function squareMatrix(name: string, A: MatrixInput): SquareData {
  if (Matrix.isMatrix(A)) {
    const m = A as Matrix;
    if (m.rows !== m.columns || m.rows === 0) {
      throw new RangeError(`${name} must be a non-empty square matrix; got ${m.rows}×${m.columns}`);
    }
    const n = m.rows;
    checkOrder(name, n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[i * n + j] = checkEntry(name, i, j, m.get(i, j));
    }
    return { n, a };
  }
  if (!Array.isArray(A)) throw new TypeError(`${name} must be a number[][] or an ml-matrix Matrix; got ${show(A)}`);
  const n = A.length;
  if (n === 0) throw new RangeError(`${name} must be a non-empty square matrix; got 0 rows`);
  checkOrder(name, n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = A[i] as unknown;
    if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
      throw new TypeError(`${name}[${i}] must be an array of numbers; got ${show(row)}`);
    }
    const r = row as ArrayLike<number>;
    if (r.length !== n) throw new RangeError(`${name} must be square: ${name}[${i}] has length ${r.length}, expected ${n}`);
    for (let j = 0; j < n; j++) a[i * n + j] = checkEntry(name, i, j, r[j]);
  }
  return { n, a };
}

/** n² entries must fit in MAX_ARRAY_LENGTH (a list of n references to one shared row costs the caller little). */
function checkOrder(name: string, n: number): void {
  if (n * n > MAX_ARRAY_LENGTH) {
    throw new RangeError(`${name} must have at most ${MAX_ARRAY_LENGTH} entries (n <= ${Math.floor(Math.sqrt(MAX_ARRAY_LENGTH))}); got ${n}×${n}`);
  }
}

function checkEntry(name: string, i: number, j: number, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${name}[${i}][${j}] must be a number; got ${show(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be finite; got ${show(v)}`);
  return v;
}

/**
 * Relative symmetry tolerance: |a_ij − a_ji| ≤ SYMMETRY_RTOL · max|a|. Matrices built as
 * X·Xᵀ or (B + Bᵀ)/2 are symmetric to rounding (≪ 1e-10); anything larger is a mistake.
 */
export const SYMMETRY_RTOL = 1e-10;

/**
 * Check symmetry and return the exactly symmetric (A + Aᵀ)/2, in place.
 * @throws RangeError naming the worst pair when A is not symmetric within SYMMETRY_RTOL.
 */
export function symmetrize(name: string, d: SquareData): SquareData {
  const { n, a } = d;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = a[i * n + j];
      const y = a[j * n + i];
      if (Math.abs(x - y) > SYMMETRY_RTOL * scale) {
        throw new RangeError(
          `${name} must be symmetric (|a_ij − a_ji| <= ${SYMMETRY_RTOL}·max|a|); got ${name}[${i}][${j}] = ${x}, ${name}[${j}][${i}] = ${y}`,
        );
      }
      // (x + y)/2 overflows for x, y near ±1.8e308: then x/2 + y/2 (same value, both halves exact)
      let m = 0.5 * (x + y);
      if (!Number.isFinite(m)) m = 0.5 * x + 0.5 * y;
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
  }
  return d;
}

/** number[][] rows of a row-major buffer. */
export function toRows(n: number, a: Float64Array): number[][] {
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(a.subarray(i * n, (i + 1) * n));
  return rows;
}

/** ml-matrix Matrix from a row-major buffer. */
export function toMatrix(n: number, a: Float64Array): Matrix {
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a[i * n + j]);
  return m;
}
