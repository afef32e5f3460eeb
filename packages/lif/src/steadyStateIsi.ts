import { brent } from '@neurobridge/core';
import { resolveParams, type LifParams } from './params.js';
import { firstPassageTime } from './firstPassage.js';
import { timeToThreshold } from './spikeTime.js';

/** The steady state of the spike-to-spike return map (td = 0). */
export interface SteadyState {
  /** Exact steady interspike interval, ms (Infinity when the neuron stops firing). */
  readonly isi: number;
  /** Conductance just after a spike (g_before + dg) in the steady state. */
  readonly gAfter: number;
  /** Conductance at the moment of a spike (before its jump): gAfter − dg. */
  readonly gAtSpike: number;
}

/**
 * The exact steady-state interspike interval for td = 0, tauK finite.
 *
 * With td = 0 the state right after each spike is (u = 0, g = G), so spikes follow the
 * one-dimensional return map G ↦ F(G) = G e^{−T(G)/tauK} + Δg, where T(G) is the first
 * passage time of u from 0 to theta with g(s) = G e^{−s/tauK} (firstPassageTime). The
 * steady state is the fixed point F(G) = G, found by Brent's method (core `brent`) on
 * q(G) = F(G) − G, bracketed by q(Δg) = Δg e^{−T/tauK} > 0 and q(G) < 0 for large G
 * (F stays bounded by about g* + Δg). The interval is T(G).
 *
 * Compare tStar (Eq. (7)), which assumes a spike exactly when g decays to g*: the exact
 * spike happens later, at g below g*, because u lags its equilibrium (Eq. (12)).
 *
 * Special cases: V0 ≤ theta → Infinity (silent); Δg = 0 → t_s(0); tauK = Infinity with
 * Δg > 0 → Infinity (finite spike count, Eq. (6)).
 * @throws RangeError when td ≠ 0 (with a delay the jump lands inside the next interval and
 *   the tonic solution depends on its phase; simulate instead).
 */
export function steadyState(params: LifParams): SteadyState {
  const p = resolveParams(params);
  if (p.td !== 0) throw new RangeError(`steadyStateIsi requires td = 0 (ms); got td = ${p.td}`);
  const { tau, V0, Delta, theta, dg, tauK } = p;
  if (!(V0 > theta)) return { isi: Infinity, gAfter: dg, gAtSpike: 0 };
  if (dg === 0) return { isi: timeToThreshold(tau, V0, Delta, theta, 0, 0), gAfter: 0, gAtSpike: 0 };
  if (tauK === Infinity) return { isi: Infinity, gAfter: Infinity, gAtSpike: Infinity };
  const T = (G: number): number => firstPassageTime(tau, V0, Delta, theta, tauK, 0, G);
  const q = (G: number): number => G * Math.exp(-T(G) / tauK) + dg - G;
  const lo = dg;
  let hi = 2 * dg + (V0 - theta) / (Delta + theta);
  for (let i = 0; i < 200 && q(hi) >= 0; i++) hi *= 2;
  const G = brent(q, lo, hi);
  const isi = T(G);
  return { isi, gAfter: G, gAtSpike: G - dg };
}

/** The exact steady interspike interval (ms), {@link steadyState}`.isi`. */
export function steadyStateIsi(params: LifParams): number {
  return steadyState(params).isi;
}
