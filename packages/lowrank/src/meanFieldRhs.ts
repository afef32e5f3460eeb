/**
 * Right-hand side of the mean-field overlap dynamics, Gatsby 2021 Q2 Eq. (10):
 *
 *   dm/dt = f(|m|) C m − m,      f(a) = E_z[φ'(a z)]  (Eq. 9).
 */
import type { Activation } from '@neurobridge/core';
import { gain } from './gain.js';
import { activation, squareMatrix } from './validate.js';
import { finiteVector } from '@neurobridge/core';

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
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

/** Eq. (10) on validated data: out = f(|m|) C m − m. */
export function meanFieldRhsKernel(
  C: Float64Array,
  p: number,
  phi: Activation,
  m: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const fa = gain(phi, norm(m));
  matVec(C, p, m, out);
  for (let i = 0; i < p; i++) out[i] = fa * out[i] - m[i];
  return out;
}

/** dm/dt of Eq. (10) at m: f(|m|) C m − m. `out` (length p) is reused when given. */
export function meanFieldRhs(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  m: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  const mv = finiteVector('m', m, p);
  const target = out ?? new Float64Array(p);
  if (target.length !== p) throw new RangeError(`out must have length p = ${p}; got length ${target.length}`);
  return meanFieldRhsKernel(data, p, phi, mv, target);
}
