import { MAX_ARRAY_LENGTH, show } from '../validate.js';

/**
 * Float64Array kernels for hot loops: no allocation (except matvec without `out`), only
 * O(1) shape and kind checks; values are not checked for finiteness (NaN propagates).
 */

/** O(1): an array or typed array (not a string, whose length would pass). */
function arrayArg(fn: string, name: string, value: unknown): void {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new TypeError(`${fn}: ${name} must be an array or typed array of numbers; got ${show(value)}`);
  }
}

/**
 * Σ_i a_i b_i. @throws RangeError when the lengths differ.
 * @category Linear algebra
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  arrayArg('dot', 'a', a);
  arrayArg('dot', 'b', b);
  const n = a.length;
  if (b.length !== n) throw new RangeError(`dot: b must have the length of a (${n}); got length ${b.length}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/**
 * y ← y + α·x, in place; returns y. @throws RangeError when the lengths differ.
 * @category Linear algebra
 */
export function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): Float64Array {
  if (typeof alpha !== 'number') throw new TypeError(`axpy: alpha must be a number; got ${show(alpha)}`);
  arrayArg('axpy', 'x', x);
  arrayArg('axpy', 'y', y);
  const n = y.length;
  if (x.length !== n) throw new RangeError(`axpy: x must have the length of y (${n}); got length ${x.length}`);
  for (let i = 0; i < n; i++) y[i] += alpha * x[i];
  return y;
}

/**
 * out = A·x for a row-major rows×cols matrix A (A[i][j] = A[i*cols + j]):
 * out_i = Σ_j A_ij x_j. Writes into `out` (length rows) when given, else allocates.
 * `out` must not share memory with x.
 * @throws RangeError on inconsistent sizes or when out === x.
 * @category Linear algebra
 */
export function matvec(A: Float64Array, rows: number, cols: number, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  arrayArg('matvec', 'A', A);
  arrayArg('matvec', 'x', x);
  if (typeof rows !== 'number' || typeof cols !== 'number') {
    throw new TypeError(`matvec: rows and cols must be integers >= 0; got rows = ${show(rows)}, cols = ${show(cols)}`);
  }
  if (out !== undefined) arrayArg('matvec', 'out', out);
  if (rows > MAX_ARRAY_LENGTH && out === undefined) throw new RangeError(`matvec: rows must be <= ${MAX_ARRAY_LENGTH} (an allocation bound); got ${rows}`);
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`matvec: rows and cols must be integers >= 0; got rows = ${show(rows)}, cols = ${show(cols)}`);
  }
  if (A.length !== rows * cols) throw new RangeError(`matvec: A must have length rows·cols = ${rows * cols}; got length ${A.length}`);
  if (x.length !== cols) throw new RangeError(`matvec: x must have length cols = ${cols}; got length ${x.length}`);
  const y = out ?? new Float64Array(rows);
  if (y.length !== rows) throw new RangeError(`matvec: out must have length rows = ${rows}; got length ${y.length}`);
  if ((y as unknown) === (x as unknown)) throw new RangeError('matvec: out must not be x (the product would overwrite its input)');
  // two rows per pass share each load of x_j; each row is still summed left to right,
  // so the result is bit-identical to the plain loop (and to ml-matrix's mmul)
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const b0 = i * cols;
    const b1 = b0 + cols;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < cols; j++) {
      const xj = x[j];
      s0 += A[b0 + j] * xj;
      s1 += A[b1 + j] * xj;
    }
    y[i] = s0;
    y[i + 1] = s1;
  }
  if (i < rows) {
    let s = 0;
    const base = i * cols;
    for (let j = 0; j < cols; j++) s += A[base + j] * x[j];
    y[i] = s;
  }
  return y;
}
