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
import { afterStep, networkResult, planNetworkRun, recordSample, type NetworkSamples } from './networkRunPlan.js';

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
  const plan = planNetworkRun(net, x0, options);
  const stepper = createNetworkStepper(net, phi, plan.x);
  const state = stepper.x;
  const m = stepper.m;
  const samples: NetworkSamples = { t: [], m: [], x: [] };
  recordSample(samples, plan.components, 0, m, state);
  let done = 0;
  let finite = true;
  for (let k = 1; k <= plan.todo && finite; k++) {
    stepper.step(plan.h);
    done = k;
    finite = afterStep(plan, samples, k, m, state, true);
  }
  return networkResult(plan, samples, net.n, done, finite, state, m);
}
