import { brent, portableExp, portableLog1p } from '@neurobridge/core';
import { resolveParams, type LifParams } from './params.js';
import { firstPassageTime, FIRST_PASSAGE_MAX_PANELS, type PanelBudget } from './firstPassage.js';
import { timeToThreshold } from './spikeTime.js';

/**
 * The steady state of the spike-to-spike return map (td = 0), as found by {@link steadyState}.
 * @category Closed forms
 */
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
 * Work: the search shares one budget of FIRST_PASSAGE_MAX_PANELS Taylor panels (about 2 s).
 * One interval at the fixed point costs about (t* + tauK·Δg)/(3·tau) panels (a panel spans
 * at most 3·tau/(1 + g) ms and ∫ g ds over the interval is tauK·Δg there), so very large
 * tauK/tau or Δg, or a tiny tau, are refused up front.
 *
 * @throws RangeError when td ≠ 0 (with a delay the jump lands inside the next interval and
 *   the tonic solution depends on its phase; simulate instead); when the search would exceed
 *   the panel budget (naming tau, V0, dg and tauK); when Δg is below the rounding of g* so
 *   that the fixed point cannot be bracketed (naming dg and V0).
 * @category Closed forms
 */
export function steadyState(params: LifParams): SteadyState {
  const p = resolveParams(params);
  if (p.td !== 0) throw new RangeError(`steadyStateIsi requires td = 0 (ms); got td = ${p.td}`);
  const { tau, V0, Delta, theta, dg, tauK } = p;
  if (!(V0 > theta)) return { isi: Infinity, gAfter: dg, gAtSpike: 0 };
  if (dg === 0) return { isi: timeToThreshold(tau, V0, Delta, theta, 0, 0), gAfter: 0, gAtSpike: 0 };
  if (tauK === Infinity) return { isi: Infinity, gAfter: Infinity, gAtSpike: Infinity };
  const gs = (V0 - theta) / (Delta + theta);
  const perInterval = steadyStatePanels(p);
  const tooMuch = (needed: string): RangeError =>
    new RangeError(
      `steadyStateIsi: tau = ${tau} ms, V0 = ${V0} mV, dg = ${dg}, tauK = ${tauK} ms need ${needed} integration panels ` +
        `(one interval t* = ${tauK * portableLog1p(dg / gs)} ms spans ~(t* + tauK·dg)/(3·tau) = ${perInterval.toPrecision(3)} panels); ` +
        `allowed: at most ${FIRST_PASSAGE_MAX_PANELS} panels in all (tStar approximates the interval for tauK ≫ tau)`,
    );
  if (perInterval > FIRST_PASSAGE_MAX_PANELS) throw tooMuch(`~${perInterval.toPrecision(3)} per interval, more than the`);
  // The panel recurrence multiplies voltages by rho = tauK/tau and g (taylorPanel.ts): it must not overflow.
  const scale = (tauK / tau) * (Math.abs(V0) + Math.abs(Delta) * (gs + 2 * dg) + theta * (1 + gs + 2 * dg));
  if (!(scale < 1e305)) {
    throw new RangeError(
      `steadyStateIsi: V0 = ${V0} mV, Delta = ${Delta} mV, theta = ${theta} mV with dg = ${dg}, tau = ${tau} ms, tauK = ${tauK} ms overflow the Taylor panels; ` +
        `allowed: (tauK/tau)·(|V0| + |Delta|·(g* + 2dg) + theta·(1 + g* + 2dg)) < 1e305`,
    );
  }
  const budget: PanelBudget = { left: FIRST_PASSAGE_MAX_PANELS };
  const T = (G: number): number => {
    const t = firstPassageTime(tau, V0, Delta, theta, tauK, 0, G, budget);
    if (Number.isNaN(t)) throw tooMuch(`more than ${FIRST_PASSAGE_MAX_PANELS}`);
    return t;
  };
  const q = (G: number): number => G * portableExp(-T(G) / tauK) + dg - G;
  const lo = dg;
  // At a spike u crosses theta upwards, so A(g) ≥ 0 (Eq. (10)): the conductance then is ≤ g*,
  // hence q(G) ≤ g* + Δg − G and q(g* + 2Δg) ≤ −Δg < 0. A q(hi) ≥ 0 is rounding: Δg is lost in g*.
  const hi = 2 * dg + gs;
  // T(hi) waits for g to decay below g*: ~perInterval panels unless Δg is lost in the rounding
  // of g* (then g starts at g* and u creeps up to theta, panels of 3·tau/(1 + g*) each). Give it
  // a share of the budget so that case fails in a fraction of a second, not after all of it.
  const hiBudget = Math.min(budget.left, Math.max(100_000, 20 * perInterval));
  const rest = budget.left - hiBudget;
  budget.left = hiBudget;
  let qHi: number;
  try {
    qHi = q(hi);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    qHi = NaN;
  }
  budget.left += rest;
  if (!(qHi < 0)) {
    throw new RangeError(
      `steadyStateIsi: the fixed point cannot be bracketed in double precision for tau = ${tau} ms, V0 = ${V0} mV, Delta = ${Delta} mV, ` +
        `theta = ${theta} mV, dg = ${dg}, tauK = ${tauK} ms (g* = ${gs}: dg is lost in the rounding of g* + 2·dg, or 1/tauK overflows); ` +
        `allowed: dg well above 1e-16·g* and tauK >= 1e-300 ms`,
    );
  }
  const G = brent(q, lo, hi);
  const isi = T(G);
  return { isi, gAfter: G, gAtSpike: G - dg };
}

/**
 * Estimated Taylor panels for one interval at the fixed point: (t* + tauK·Δg)/(3·tau), with
 * t* of Eq. (7) standing in for the interval. Used to refuse hopeless searches up front.
 */
export function steadyStatePanels(p: { tau: number; V0: number; Delta: number; theta: number; dg: number; tauK: number }): number {
  const gs = (p.V0 - p.theta) / (p.Delta + p.theta);
  return (p.tauK * (portableLog1p(p.dg / gs) + p.dg)) / (3 * p.tau);
}

/**
 * The exact steady interspike interval (ms), {@link steadyState}`.isi`.
 * @category Closed forms
 */
export function steadyStateIsi(params: LifParams): number {
  return steadyState(params).isi;
}
