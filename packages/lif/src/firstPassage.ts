import { finiteNumber, knownKeys, optionsObject, portableExp, portableExpm1, portableLog1p } from '@neurobridge/core';
import { resolveParams, type LifParams } from './params.js';
import { timeToThreshold } from './spikeTime.js';
import { buildPanel, currentPanelY, panelEndValue, panelRoot } from './taylorPanel.js';

/**
 * Conductances below this are flushed to 0 between events: then g (u + Δ) is below 1e-18 of
 * the voltage scale (|u + Δ| ≲ 10^2 mV in any sensible setting), under the rounding of u, and the
 * closed form for g = 0 takes over (this keeps a small tauK from costing panels forever).
 */
export const G_FLUSH = 1e-20;

/**
 * Bound on panels in one public first-passage computation (passageTime) and in one whole
 * fixed-point search (steadyState): about 2 s at the measured ~5·10^6 panels/s.
 */
export const FIRST_PASSAGE_MAX_PANELS = 10_000_000;

/** Panels left to a computation; firstPassageTime spends from it (shared across calls). */
export interface PanelBudget {
  left: number;
}

/**
 * PANEL_RATE_LENGTH of taylorPanel.ts: a panel spans at most 3·tau/(1 + g) ms, so a passage
 * during which g decays from g0 to g1 needs at least ∫(1 + g)/(3 tau) ds ≥ tauK (g0 − g1)/(3 tau)
 * panels (∫ g ds = tauK (g0 − g1) for g = g0 e^{−s/tauK}).
 */
export function panelsForDecay(tau: number, tauK: number, g0: number, g1: number): number {
  return (tauK * Math.max(0, g0 - g1)) / (3 * tau);
}

/**
 * Time for u to reach theta from u(0) = u0 < theta with g(s) = g0 e^{−s/tauK} and no
 * further jumps (Eq. (3) between spikes). Closed form (Eq. (4) from u0) when g0 = 0 or
 * tauK = Infinity; Taylor panels otherwise (taylorPanel.ts). Infinity when threshold is
 * never reached (constant g ≥ g*, or V0 ≤ theta). NaN only if the panel budget (default
 * FIRST_PASSAGE_MAX_PANELS) is exhausted; the caller turns that into an error naming the
 * user's parameters. Internal, unchecked.
 */
export function firstPassageTime(
  tau: number, V0: number, Delta: number, theta: number, tauK: number, u0: number, g0: number,
  budget: PanelBudget = { left: FIRST_PASSAGE_MAX_PANELS },
): number {
  if (g0 === 0 || tauK === Infinity) return timeToThreshold(tau, V0, Delta, theta, g0, u0);
  if (!(V0 > theta)) return Infinity;
  const invTauK = 1 / tauK;
  let t = 0;
  let u = u0;
  let g = g0;
  while (budget.left > 0) {
    budget.left--;
    const h = buildPanel(tau, V0, Delta, tauK, u, g, Infinity);
    const Y = currentPanelY();
    const uEnd = panelEndValue();
    if (uEnd >= theta) {
      const sGuess = timeToThreshold(tau, V0, Delta, theta, g * portableExp(-0.5 * h * invTauK), u);
      const x = panelRoot(theta, -portableExpm1(-sGuess * invTauK) / Y);
      return t + -tauK * portableLog1p(-x * Y);
    }
    t += h;
    u = uEnd;
    g *= 1 - Y;
    if (g < G_FLUSH) return t + timeToThreshold(tau, V0, Delta, theta, 0, u);
  }
  return NaN;
}

/**
 * Time (ms) for u to reach theta from u(0) = u0 with g(0) = g0 decaying as g0 e^{−s/tauK}
 * and no further jumps: the next spike time from a given state (Eq. (4) generalised).
 * For g0 = 0 or tauK = Infinity it is the closed form; Infinity when threshold is never
 * reached. Checked public wrapper of firstPassageTime.
 * @param state u0 < theta (mV, default 0) and g0 ≥ 0 (default 0)
 * @category Closed forms
 */
export function passageTime(params: LifParams, state: { readonly u0?: number; readonly g0?: number } = {}): number {
  const p = resolveParams(params);
  const s = knownKeys('state', optionsObject('state', state), ['u0', 'g0']);
  // Only an absent or undefined value takes the default; null or a string is a TypeError.
  const u0 = s.u0 === undefined ? 0 : finiteNumber('u0', s.u0);
  const g0 = s.g0 === undefined ? 0 : finiteNumber('g0', s.g0);
  if (!(u0 < p.theta)) throw new RangeError(`u0 must be finite and < theta = ${p.theta} (mV); got ${u0}`);
  if (!(g0 >= 0)) throw new RangeError(`g0 must be finite and >= 0; got ${g0}`);
  const { tau, V0, Delta, theta, tauK } = p;
  // g must decay below g* before u can cross (Eq. (10)): that alone costs panelsForDecay panels.
  const gs = (V0 - theta) / (Delta + theta);
  const tooMuch = (needed: string): RangeError =>
    new RangeError(
      `passageTime: g0 = ${g0} with tau = ${tau} ms, tauK = ${tauK} ms needs ${needed} integration panels of at most 3·tau/(1 + g) ms ` +
        `(g decays from g0 through g* = ${gs}); allowed: tauK·(g0 − g*)/(3·tau) <= ${FIRST_PASSAGE_MAX_PANELS}`,
    );
  // The panel recurrence multiplies voltages by rho = tauK/tau and g (taylorPanel.ts): it must not overflow.
  if (tauK !== Infinity && g0 > 0 && !((tauK / tau) * (Math.abs(V0) + Math.abs(u0) + (Math.abs(Delta) + theta) * (1 + g0)) < 1e305)) {
    throw new RangeError(
      `passageTime: V0 = ${V0} mV, Delta = ${Delta} mV, u0 = ${u0} mV, g0 = ${g0} with tau = ${tau} ms, tauK = ${tauK} ms overflow the Taylor panels; ` +
        `allowed: (tauK/tau)·(|V0| + |u0| + (|Delta| + theta)(1 + g0)) < 1e305`,
    );
  }
  if (tauK !== Infinity && g0 > 0 && V0 > theta) {
    const lower = panelsForDecay(tau, tauK, g0, gs);
    if (lower > FIRST_PASSAGE_MAX_PANELS) throw tooMuch(`at least ${lower.toPrecision(3)}`);
  }
  const t = firstPassageTime(tau, V0, Delta, theta, tauK, u0, g0);
  if (Number.isNaN(t)) throw tooMuch(`more than ${FIRST_PASSAGE_MAX_PANELS}`);
  return t;
}
