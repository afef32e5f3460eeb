/**
 * Right-hand side of the mean-field overlap dynamics, Gatsby 2021 Q2 Eq. (10):
 *
 *   dm/dt = f(|m|) C m − m,      f(a) = E_z[φ'(a z)]  (Eq. 9).
 */
import type { Activation } from '@neurobridge/core';
import { gain } from './gain.js';
import { activation, allFinite, squareMatrix, showVector } from '../internal/validate.js';
import { finiteVector, show } from '@neurobridge/core';

/**
 * Sums of squares below this are recomputed scaled: squares of entries under ≈ 1e−154 lose
 * digits in the subnormal range (and 1e−200² is 0), so |m| would come out 0 for m ≠ 0.
 */
const MIN_SAFE_SQUARE_SUM = 1e-290;

/**
 * Euclidean norm. The plain sum of squares as long as it is representable (the same bits as
 * before); where it overflows (|m| ≳ 1e154) or underflows, max|v_i| · |v / max|v_i||.
 */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s === Infinity || s < MIN_SAFE_SQUARE_SUM) return scaledNorm(v);
  return Math.sqrt(s);
}

function scaledNorm(v: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  if (max === 0 || max === Infinity) return max;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] / max) * (v[i] / max);
  return max * Math.sqrt(s);
}

/** out = C m for row-major p × p C (no validation; internal kernel). */
export function matVec(C: Float64Array, p: number, m: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += C[i * p + j] * m[j];
    out[i] = s;
  }
  return out;
}

/**
 * Eq. (10) on validated data: out = f(|m|) C m − m. Where C m overflows although the result
 * does not (|m| near 1e300 with f(|m|) ≈ 1/|m|), it is recomputed as |m|·(f C u − u), u = m/|m|.
 * A non-finite m (an integration that blew up) gives NaN, for the integrator to report.
 */
export function meanFieldRhsKernel(
  C: Float64Array,
  p: number,
  phi: Activation,
  m: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const a = norm(m);
  if (!(a < Infinity)) return out.fill(NaN);
  const fa = gain(phi, a);
  matVec(C, p, m, out);
  for (let i = 0; i < p; i++) out[i] = fa * out[i] - m[i];
  if (!allFinite(out)) {
    const u = Float64Array.from(m, (v) => v / a);
    matVec(C, p, u, out);
    for (let i = 0; i < p; i++) out[i] = a * (fa * out[i] - u[i]);
  }
  return out;
}

/**
 * dm/dt of Eq. (10) at m: f(|m|) C m − m. `out` (length p) is reused when given.
 * @category Mean field
 */
export function meanFieldRhs(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  m: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  const mv = finiteVector('m', m, p);
  if (out !== undefined && !(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array of length p = ${p}; got ${show(out)}`);
  const target = out ?? new Float64Array(p);
  if (target.length !== p) throw new RangeError(`out must have length p = ${p}; got length ${target.length}`);
  meanFieldRhsKernel(data, p, phi, mv, target);
  if (!allFinite(target)) {
    throw new RangeError(`m: f(|m|) C m − m is not representable as a double at |m| = ${show(norm(mv))} with this C (it overflows); got ${showVector(target)}`);
  }
  return target;
}
