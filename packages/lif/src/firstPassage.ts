import { resolveParams, type LifParams } from './params.js';
import { timeToThreshold } from './spikeTime.js';
import { buildPanel, currentPanelY, panelEndValue, panelRoot } from './taylorPanel.js';

/**
 * Conductances below this are flushed to 0 between events: then g (u + Δ) is below 1e-18 of
 * the voltage scale (|u + Δ| ≲ 10^2 mV in any sensible setting), under the rounding of u, and the
 * closed form for g = 0 takes over (this keeps a small tauK from costing panels forever).
 */
export const G_FLUSH = 1e-20;

/** Bound on panels in one first-passage computation. */
export const FIRST_PASSAGE_MAX_PANELS = 10_000_000;

/**
 * Time for u to reach theta from u(0) = u0 < theta with g(s) = g0 e^{−s/tauK} and no
 * further jumps (Eq. (3) between spikes). Closed form (Eq. (4) from u0) when g0 = 0 or
 * tauK = Infinity; Taylor panels otherwise (taylorPanel.ts). Infinity when threshold is
 * never reached (constant g ≥ g*, or V0 ≤ theta). NaN only if FIRST_PASSAGE_MAX_PANELS is
 * exhausted, which needs a passage time beyond ~10^6 panel lengths. Internal, unchecked.
 */
export function firstPassageTime(tau: number, V0: number, Delta: number, theta: number, tauK: number, u0: number, g0: number): number {
  if (g0 === 0 || tauK === Infinity) return timeToThreshold(tau, V0, Delta, theta, g0, u0);
  if (!(V0 > theta)) return Infinity;
  const invTauK = 1 / tauK;
  let t = 0;
  let u = u0;
  let g = g0;
  for (let i = 0; i < FIRST_PASSAGE_MAX_PANELS; i++) {
    const h = buildPanel(tau, V0, Delta, tauK, u, g, Infinity);
    const Y = currentPanelY();
    const uEnd = panelEndValue();
    if (uEnd >= theta) {
      const sGuess = timeToThreshold(tau, V0, Delta, theta, g * Math.exp(-0.5 * h * invTauK), u);
      const x = panelRoot(theta, -Math.expm1(-sGuess * invTauK) / Y);
      return t + -tauK * Math.log1p(-x * Y);
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
 */
export function passageTime(params: LifParams, state: { readonly u0?: number; readonly g0?: number } = {}): number {
  const p = resolveParams(params);
  const u0 = state.u0 ?? 0;
  const g0 = state.g0 ?? 0;
  if (typeof u0 !== 'number' || !Number.isFinite(u0) || !(u0 < p.theta)) throw new RangeError(`u0 must be finite and < theta = ${p.theta} (mV); got ${u0}`);
  if (typeof g0 !== 'number' || !Number.isFinite(g0) || !(g0 >= 0)) throw new RangeError(`g0 must be finite and >= 0; got ${g0}`);
  return firstPassageTime(p.tau, p.V0, p.Delta, p.theta, p.tauK, u0, g0);
}
