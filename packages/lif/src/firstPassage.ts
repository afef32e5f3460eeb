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
