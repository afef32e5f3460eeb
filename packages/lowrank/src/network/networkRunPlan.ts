/**
 * What `simulateNetwork` and the thread pool's `simulateNetwork` share: reading the options
 * into a run plan (steps, step size, sampling, recorded components), recording samples, and
 * assembling the result — so both paths validate, sample and report identically.
 */
import { finiteVector, integerInRange, positiveNumber, show } from '@neurobridge/core';
import type { LowRankNetwork } from './network.js';
import type { SimulateNetworkOptions, SimulateNetworkResult, SimulateNetworkStatus } from './simulateNetworkTypes.js';
import { MAX_RECORDED_VALUES, MAX_SAMPLES, optionsWithKeys } from '../internal/validate.js';

/**
 * The largest RK4 step for Eq. (1): RK4 applied to the leak dx/dt = −x multiplies x by
 * R(−h) = 1 − h + h²/2 − h³/6 + h⁴/24, and |R(−h)| ≤ 1 iff h ≤ 2.785293563405282 (the root of
 * 1 + z/2 + z²/6 + z³/24 at z = −h; the real end of RK4's stability region). Every component of x
 * outside span(ξ) sees this leak (J has rank p), so a larger step amplifies it every step — dt = 3
 * gave plausible overlaps with x grown 2600-fold, dt = 1e6 states of 1e226 "successfully".
 * At or below it, for a bounded φ (|φ| ≤ B: tanh, sigmoid, erf) the iterates stay bounded
 * (x_new = R x + Σ_K d_K φ_K with |R| < 1); for unbounded φ (linear, relu, square, a user's φ)
 * stiffness from large negative eigenvalues of C can still need a smaller step, and only
 * non-finite overlaps are detected (status 'nonFinite').
 */
export const RK4_STABILITY_LIMIT = 2.785293563405282;

/** The default of `maxSteps`; a run that needs more throws unless maxSteps is given. */
export const DEFAULT_MAX_STEPS = 1e8;

/** Every key {@link SimulateNetworkOptions} accepts. */
export const SIMULATE_NETWORK_OPTION_KEYS: readonly (keyof SimulateNetworkOptions)[] = ['duration', 'dt', 'sampleDt', 'components', 'maxSteps'];

/** An RK4 step h within {@link RK4_STABILITY_LIMIT}, else a RangeError; `context` says how h came about. */
export function stableStep(name: string, h: number, context = ''): number {
  if (h > RK4_STABILITY_LIMIT) {
    throw new RangeError(
      `${name} must be <= ${RK4_STABILITY_LIMIT} (the RK4 stability limit for the leak −x of Eq. (1): a larger step amplifies every component of x outside span(ξ) each step); got ${context || `${name} = ${show(h)}`}`,
    );
  }
  return h;
}

export interface NetworkRunPlan {
  /** validated copy of x0 */
  x: Float64Array;
  /** steps the duration needs, the step size, and the steps to run (min(steps, maxSteps)) */
  steps: number;
  h: number;
  todo: number;
  /** record every `every` steps */
  every: number;
  components: Int32Array;
  maxSteps: number;
}

export function planNetworkRun(net: LowRankNetwork, x0: ArrayLike<number>, options: SimulateNetworkOptions): NetworkRunPlan {
  const { n } = net;
  const x = finiteVector('x0', x0, n);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object {duration, dt?, ...}; got ${show(options)}`);
  }
  optionsWithKeys('options', options, SIMULATE_NETWORK_OPTION_KEYS);
  const duration = positiveNumber('duration', options.duration);
  const dtRequested = options.dt === undefined ? 0.01 : positiveNumber('dt', options.dt);
  const maxSteps = options.maxSteps === undefined ? DEFAULT_MAX_STEPS : integerInRange('maxSteps', options.maxSteps, 1);
  const steps = Math.ceil(duration / dtRequested - 1e-9);
  if (options.maxSteps === undefined && steps > maxSteps) {
    throw new RangeError(
      `dt = ${show(dtRequested)} with duration = ${show(duration)} needs ${steps} RK4 steps, more than maxSteps = ${maxSteps} (the default); raise dt, or pass maxSteps to run that many steps and stop with status 'maxSteps'`,
    );
  }
  const h = duration / steps;
  stableStep('dt', h, `dt = ${show(dtRequested)} (step h = ${show(h)} with duration = ${show(duration)})`);
  const sampleDt = options.sampleDt === undefined ? Math.max(h, duration / 1000) : positiveNumber('sampleDt', options.sampleDt);
  const every = Math.max(1, Math.round(sampleDt / h));

  let components: Int32Array;
  if (options.components === 'all') {
    components = new Int32Array(n);
    for (let i = 0; i < n; i++) components[i] = i;
  } else if (options.components === undefined) {
    components = new Int32Array(Math.min(n, 3));
    for (let i = 0; i < components.length; i++) components[i] = i;
  } else {
    const list = options.components;
    if (!Array.isArray(list)) throw new TypeError(`components must be an array of indices or 'all'; got ${show(list)}`);
    components = new Int32Array(list.length);
    for (let c = 0; c < list.length; c++) components[c] = integerInRange(`components[${c}]`, list[c], 0, n - 1);
  }
  const todo = Math.min(steps, maxSteps);
  const samples = Math.floor(todo / every) + 2; // t = 0, every `every` steps, and the end
  const perSample = net.p + components.length + 1;
  if (samples > MAX_SAMPLES || samples * perSample > MAX_RECORDED_VALUES) {
    throw new RangeError(
      `sampleDt = ${show(sampleDt)} records ${samples} samples of ${perSample} values over ${todo} steps of ${show(h)}; ` +
        `at most ${MAX_SAMPLES} samples and ${MAX_RECORDED_VALUES} values (1 GiB) — raise sampleDt or record fewer components`,
    );
  }
  return { x, steps, h, todo, every, components, maxSteps };
}

/** Samples of a run: times, overlaps and the recorded components. */
export interface NetworkSamples {
  t: number[];
  m: Float64Array[];
  x: Float64Array[];
}

export function recordSample(samples: NetworkSamples, components: Int32Array, time: number, m: Float64Array, state: Float64Array): void {
  samples.t.push(time);
  samples.m.push(Float64Array.from(m));
  const row = new Float64Array(components.length);
  for (let c = 0; c < components.length; c++) row[c] = state[components[c]];
  samples.x.push(row);
}

/**
 * After step k, with overlaps m: whether the run goes on. A non-finite overlap ends it (and
 * that state is recorded); otherwise the state is recorded every `every` steps and at the end.
 */
export function afterStep(plan: NetworkRunPlan, samples: NetworkSamples, k: number, m: Float64Array, state: Float64Array, record: boolean): boolean {
  let finite = true;
  for (let mu = 0; mu < m.length; mu++) if (!Number.isFinite(m[mu])) finite = false;
  if (record && (!finite || k % plan.every === 0 || k === plan.todo)) recordSample(samples, plan.components, k * plan.h, m, state);
  return finite;
}

/** The result object of a run that ended after `done` steps (`finite`: whether m stayed finite). */
export function networkResult(
  plan: NetworkRunPlan, samples: NetworkSamples, n: number, done: number, finite: boolean, xEnd: Float64Array, mEnd: Float64Array,
): SimulateNetworkResult {
  const { steps, maxSteps, h } = plan;
  let status: SimulateNetworkStatus;
  let message: string;
  if (!finite) {
    status = 'nonFinite';
    message = `non-finite overlap m at t = ${done * h} (step ${done}); the state is not finite`;
  } else if (steps > maxSteps) {
    status = 'maxSteps';
    message = `stopped after maxSteps = ${maxSteps} steps at t = ${maxSteps * h}; duration needs ${steps}`;
  } else {
    status = 'success';
    message = `integrated ${steps} RK4 steps of dt = ${h}`;
  }
  return {
    t: Float64Array.from(samples.t),
    m: samples.m,
    components: plan.components,
    x: samples.x,
    xEnd: Float64Array.from(xEnd),
    mEnd: Float64Array.from(mEnd),
    tEnd: done * h,
    status,
    message,
    stats: { steps: done, dt: h, phiEvaluations: 4 * n * done },
  };
}
