/**
 * What `simulateNetwork` and the thread pool's `simulateNetwork` share: reading the options
 * into a run plan (steps, step size, sampling, recorded components), recording samples, and
 * assembling the result — so both paths validate, sample and report identically.
 */
import { finiteVector, integerInRange, positiveNumber, show } from '@neurobridge/core';
import type { LowRankNetwork } from './network.js';
import type { SimulateNetworkOptions, SimulateNetworkResult, SimulateNetworkStatus } from './simulateNetwork.js';

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
  const duration = positiveNumber('duration', options.duration);
  const dtRequested = options.dt === undefined ? 0.01 : positiveNumber('dt', options.dt);
  const maxSteps = options.maxSteps === undefined ? 1e8 : integerInRange('maxSteps', options.maxSteps, 1);
  const steps = Math.ceil(duration / dtRequested - 1e-9);
  const h = duration / steps;
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
  return { x, steps, h, todo: Math.min(steps, maxSteps), every, components, maxSteps };
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
