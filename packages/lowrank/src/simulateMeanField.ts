/**
 * Integrates the mean-field overlap dynamics, Gatsby 2021 Q2 Eq. (10),
 * dm/dt = f(|m|) C m − m, with core's adaptive `integrate` (dense output on a sample grid).
 */
import type { Activation, IntegrateStatus } from '@neurobridge/core';
import { finiteVector, integerInRange, integrate, positiveNumber, show } from '@neurobridge/core';
import { meanFieldRhsKernel } from './meanFieldRhs.js';
import { activation, MAX_RECORDED_VALUES, MAX_SAMPLES, optionsWithKeys, squareMatrix } from './validate.js';

/**
 * Default bound on step attempts. Each step of core's extrapolation integrator costs about 70
 * evaluations of Eq. (10), and each one a quadrature of f for φ without a closed form (tanh:
 * 23–52 µs), so a step costs up to ≈ 4 ms: 5000 steps bound a default call to ≈ 20 s (a rotation
 * run for t = 1e6 with the former default of 100 000 took 6 minutes). The longest run of the
 * tests and exam claims takes 1442 steps (erf, t = 2000). Pass maxSteps for more.
 */
export const MEAN_FIELD_MAX_STEPS = 5000;

/** Every key {@link SimulateMeanFieldOptions} accepts. */
export const SIMULATE_MEAN_FIELD_OPTION_KEYS: readonly (keyof SimulateMeanFieldOptions)[] = ['duration', 'sampleDt', 'rtol', 'atol', 'maxSteps'];

export interface SimulateMeanFieldOptions {
  /** length of the interval (time constants), > 0 */
  duration: number;
  /** spacing of the output samples. @default duration/1000 */
  sampleDt?: number;
  /** relative tolerance of the integrator. @default 1e-10 */
  rtol?: number;
  /** absolute tolerance of the integrator. @default 1e-12 */
  atol?: number;
  /** bound on integrator step attempts; hitting it gives status 'maxSteps'. @default 5000 (MEAN_FIELD_MAX_STEPS) */
  maxSteps?: number;
}

export interface SimulateMeanFieldResult {
  /** sample times */
  t: Float64Array;
  /** m[s] = overlaps at t[s] */
  m: Float64Array[];
  mEnd: Float64Array;
  tEnd: number;
  status: IntegrateStatus;
  message: string;
  stats: { nEval: number; nAccept: number; nReject: number };
}

export function simulateMeanField(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  m0: ArrayLike<number>,
  options: SimulateMeanFieldOptions,
): SimulateMeanFieldResult {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  const y0 = finiteVector('m0', m0, p);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object {duration, ...}; got ${show(options)}`);
  }
  optionsWithKeys('options', options, SIMULATE_MEAN_FIELD_OPTION_KEYS);
  const duration = positiveNumber('duration', options.duration);
  const sampleDt = options.sampleDt === undefined ? duration / 1000 : positiveNumber('sampleDt', options.sampleDt);
  const rtol = options.rtol === undefined ? 1e-10 : positiveNumber('rtol', options.rtol);
  const atol = options.atol === undefined ? 1e-12 : positiveNumber('atol', options.atol);
  const maxSteps = options.maxSteps === undefined ? MEAN_FIELD_MAX_STEPS : integerInRange('maxSteps', options.maxSteps, 1);
  const samples = Math.floor(duration / sampleDt) + 2; // the grid and the end point, at most
  if (samples > MAX_SAMPLES || samples * p > MAX_RECORDED_VALUES) {
    throw new RangeError(`sampleDt = ${show(sampleDt)} with duration = ${show(duration)} asks for ${samples} samples; at most ${MAX_SAMPLES} (raise sampleDt)`);
  }
  const rhs = (_t: number, m: Float64Array, dm: Float64Array): void => {
    meanFieldRhsKernel(data, p, phi, m, dm);
  };
  const r = integrate(rhs, 0, y0, duration, { rtol, atol, maxSteps, sample: { dt: sampleDt } });
  return {
    t: r.t,
    m: r.y,
    mEnd: r.yEnd,
    tEnd: r.tEnd,
    status: r.status,
    message: r.message,
    stats: { nEval: r.stats.nEval, nAccept: r.stats.nAccept, nReject: r.stats.nReject },
  };
}
