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
import { activation } from '../internal/validate.js';
import { afterStep, networkResult, planNetworkRun, recordSample, type NetworkSamples } from './networkRunPlan.js';
import type { SimulateNetworkOptions, SimulateNetworkResult } from './simulateNetworkTypes.js';

/**
 * Integrates Eq. (1) from x(0) = x0 (length n).
 * @category Network
 */
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
