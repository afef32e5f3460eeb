import { resolveParams, type LifParams } from './params.js';
import { resolveSimulateOptions } from './simulateOptions.js';
import { simulateExact } from './simulateExact.js';
import { simulateOdex } from './simulateOdex.js';
import type { SimulateOptions, SimulateResult } from './simulateTypes.js';

/**
 * Spike times of the adapting LIF neuron, Gatsby 2021 Q1 Eqs. (2)–(3), from u = u0 (default
 * 0) and g = g0 (default 0) at t = 0, over [0, duration] ms.
 *
 * method 'exact' (default) is event-driven: delayed jumps applied at their exact scheduled
 * times, closed forms when g is constant (tauK = Infinity, or g = 0), Taylor panels
 * otherwise; spike times agree with the closed forms to ~1e-14 relative and with the
 * 'odex' reference (core's `integrate`) to its tolerance.
 *
 * Bad parameters or options throw (TypeError/RangeError naming the value). Hitting
 * maxSpikes or maxSteps is not an error: the result says truncated: true with a reason.
 * @category Simulation
 */
export function simulate(params: LifParams, options: SimulateOptions): SimulateResult {
  const p = resolveParams(params);
  const o = resolveSimulateOptions(p, options);
  return o.method === 'odex' ? simulateOdex(p, o) : simulateExact(p, o);
}
