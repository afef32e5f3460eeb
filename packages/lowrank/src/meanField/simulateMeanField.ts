/**
 * Integrates the mean-field overlap dynamics, Gatsby 2021 Q2 Eq. (10),
 * dm/dt = f(|m|) C m − m, with core's adaptive `integrate` (dense output on a sample grid).
 */
import type { Activation, IntegrateStatus } from '@neurobridge/core';
import { finiteVector, integerInRange, integrate, positiveNumber, show } from '@neurobridge/core';
import { meanFieldRhsKernel } from './meanFieldRhs.js';
import { activation, MAX_RECORDED_VALUES, MAX_SAMPLES, optionsWithKeys, squareMatrix } from '../internal/validate.js';

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

/**
 * Options of {@link simulateMeanField}: the interval, the sample grid, and the tolerances and step
 * budget of core's adaptive integrator. Times are in units of the time constant of Eq. (1).
 * @category Mean field
 */
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

/**
 * The overlaps m(t) of Eq. (10) on the sample grid, the end state, and how the integration ended: a
 * numerical failure (step budget spent, m no longer finite) is a `status`, not an exception.
 * @category Mean field
 */
export interface SimulateMeanFieldResult {
  /** sample times */
  t: Float64Array;
  /** m[s] = overlaps at t[s] */
  m: Float64Array[];
  /** overlaps at `tEnd`, the last state the integrator reached */
  mEnd: Float64Array;
  /** time reached: `duration` on success, earlier when the integrator stopped */
  tEnd: number;
  /** core's IntegrateStatus: 'success', or why the run stopped early ('maxSteps', 'nonFinite') */
  status: IntegrateStatus;
  /** one sentence on how the run ended, with the time where it stopped */
  message: string;
  /** work done by core's integrator */
  stats: {
    /** evaluations of the right-hand side Eq. (10), each one gain f(|m|) (a quadrature for φ without a closed form) */
    nEval: number;
    /** accepted steps */
    nAccept: number;
    /** rejected steps (error estimate too large; retried with a smaller step) */
    nReject: number;
  };
}

/**
 * Integrates the mean-field overlap dynamics Eq. (10), dm/dt = f(|m|) C m − m, from m(0) = m0
 * (length p) over [0, duration] with core's adaptive `integrate`, sampled every `sampleDt` by its
 * dense output. C is the p × p overlap matrix ⟨ξ_μ η_ν⟩ (rows), φ the activation whose gain f
 * (Eq. 9) enters. Bad input throws; a failed integration returns with its status.
 * @category Mean field
 */
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
