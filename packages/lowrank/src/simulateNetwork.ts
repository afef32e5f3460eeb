/**
 * Simulates the full network, Gatsby 2021 Q2 Eq. (1): dx_i/dt = φ(Σ_j J_ij x_j) − x_i with
 * J = (1/n) η ξᵀ (Eq. 2), by fixed-step RK4 at O(n·p) per step (see networkKernels.ts), and
 * records the overlaps m(t) = ξᵀ x(t)/n (Eq. 4) and a few (or all) components of x(t).
 *
 * Time is in units of the unit time constant of Eq. (1).
 */
import type { Activation } from '@neurobridge/core';
import { checkNetwork, type LowRankNetwork } from './network.js';
import { createNetworkStepper } from './networkStepper.js';
import { activation } from './validate.js';
import { finiteVector, integerInRange, positiveNumber, show } from '@neurobridge/core';

export interface SimulateNetworkOptions {
  /** length of the simulated interval (time constants), > 0 */
  duration: number;
  /** RK4 step; rounded down so that an integer number of steps spans `duration`. @default 0.01 */
  dt?: number;
  /** spacing of the recorded samples (rounded to a multiple of the step). @default max(dt, duration/1000) */
  sampleDt?: number;
  /** neuron indices whose x_i(t) is recorded, or 'all'. @default the first min(n, 3) */
  components?: readonly number[] | 'all';
  /** bound on the number of RK4 steps; hitting it ends the run with status 'maxSteps'. @default 1e8 */
  maxSteps?: number;
}

export type SimulateNetworkStatus = 'success' | 'maxSteps' | 'nonFinite';

export interface SimulateNetworkResult {
  /** sample times, t[0] = 0 */
  t: Float64Array;
  /** m[s] = overlaps (length p) at t[s] */
  m: Float64Array[];
  /** recorded neuron indices */
  components: Int32Array;
  /** x[s] = the recorded components at t[s] (x[s][c] = x_{components[c]}(t[s])) */
  x: Float64Array[];
  /** full state at the end of the run */
  xEnd: Float64Array;
  /** overlaps at the end of the run */
  mEnd: Float64Array;
  tEnd: number;
  status: SimulateNetworkStatus;
  message: string;
  stats: { steps: number; dt: number; phiEvaluations: number };
}

/** Integrates Eq. (1) from x(0) = x0 (length n). */
export function simulateNetwork(
  net: LowRankNetwork,
  phi: Activation,
  x0: ArrayLike<number>,
  options: SimulateNetworkOptions,
): SimulateNetworkResult {
  checkNetwork('net', net);
  activation('phi', phi);
  const { n, p } = net;
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

  const stepper = createNetworkStepper(net, phi, x);
  const state = stepper.x;
  const m = stepper.m;

  const t: number[] = [];
  const ms: Float64Array[] = [];
  const xs: Float64Array[] = [];
  const record = (time: number): void => {
    t.push(time);
    ms.push(Float64Array.from(m));
    const row = new Float64Array(components.length);
    for (let c = 0; c < components.length; c++) row[c] = state[components[c]];
    xs.push(row);
  };
  record(0);

  const todo = Math.min(steps, maxSteps);
  let status: SimulateNetworkStatus = steps > maxSteps ? 'maxSteps' : 'success';
  let message =
    status === 'maxSteps'
      ? `stopped after maxSteps = ${maxSteps} steps at t = ${maxSteps * h}; duration needs ${steps}`
      : `integrated ${steps} RK4 steps of dt = ${h}`;
  let done = 0;
  for (let k = 1; k <= todo; k++) {
    stepper.step(h);
    done = k;
    let finite = true;
    for (let mu = 0; mu < p; mu++) if (!Number.isFinite(m[mu])) finite = false;
    if (!finite) {
      status = 'nonFinite';
      message = `non-finite overlap m at t = ${k * h} (step ${k}); the state is not finite`;
      record(k * h);
      break;
    }
    if (k % every === 0 || k === todo) record(k * h);
  }
  return {
    t: Float64Array.from(t),
    m: ms,
    components,
    x: xs,
    xEnd: state,
    mEnd: Float64Array.from(m),
    tEnd: done * h,
    status,
    message,
    stats: { steps: done, dt: h, phiEvaluations: 4 * n * done },
  };
}
