/**
 * One panel of the exact between-event integrator for finite tauK.
 *
 * Between events g(s) = g0 e^{−s/tauK} in closed form, and u obeys the scalar linear ODE
 *   tau du/ds = −(1 + g) u + V0 − Δ g                                      (Eq. (3)).
 * In the variable y = 1 − e^{−s/tauK} (so g = g0 (1 − y), ds = tauK dy/(1 − y)) it becomes
 *   (1 − y) du/dy = ρ [ −(1 + g0) u + g0 y u + V0 − Δ g0 + Δ g0 y ],   ρ = tauK/tau,
 * a linear ODE with polynomial coefficients, whose Taylor coefficients obey a three-term
 * recurrence (O(K) work per panel instead of the O(K²) convolution of a series in s).
 * On a panel y ∈ [0, Y], with x = y/Y ∈ [0, 1] and a_k = c_k Y^k:
 *   (k+1) a_{k+1} = Y (k − ρ(1 + g0)) a_k + ρ g0 Y² a_{k−1} + Y^{k+1} f_k,
 *   f_0 = ρ (V0 − Δ g0),  f_1 = ρ Δ g0,  f_k = 0 for k ≥ 2,  a_0 = u0.
 * The series in y has radius 1 (the regular singular point y = 1 is s = ∞) and its early
 * terms fall like ((1 + g0) h/tau)^k / k!; so a panel has (1 + g0) h/tau ≤ PANEL_RATE_LENGTH
 * and Y ≤ MAX_Y, and the series is cut when two consecutive terms are below
 * TRUNCATION_TOL of the solution scale (else the panel is halved). Everything is exact up to
 * that truncation and rounding: spike times agree with the closed forms to ~1e-14.
 * No allocation: module-level buffers (the simulator is single-threaded and re-entrant-free).
 */
import { portableExpm1, portableLog1p } from '@neurobridge/core';

/** Largest number of Taylor coefficients beyond a_0 (a panel needing more is halved). */
export const TAYLOR_ORDER = 48;
/** (1 + g0) h / tau per panel: few panels per interspike interval; cancellation ≤ e^3 ≈ 20 ulps. */
export const PANEL_RATE_LENGTH = 3;
/** Largest panel extent in y = 1 − e^{−s/tauK}; the geometric part of the tail falls like Y^k. */
export const MAX_Y = 0.25;
/** Cut the series at the first k past the largest term with |a_{k−1}| + |a_k| ≤ TRUNCATION_TOL · scale. */
export const TRUNCATION_TOL = 1e-16;

const KMAX = TAYLOR_ORDER;
const a = new Float64Array(KMAX + 1);
/** 1/(k+1), to multiply rather than divide in the recurrence. */
const INV = new Float64Array(KMAX + 1).map((_, k) => 1 / (k + 1));
/** Index of the last coefficient of the current panel. */
let K = 0;
/** Y of the current panel. */
let panelY = 0;

/** −ln(1 − MAX_Y): the largest panel length in units of tauK. */
const MAX_H_OVER_TAUK = -portableLog1p(-MAX_Y);

/**
 * Build the expansion of u on a panel [0, h] from u(0) = u0, g(0) = g0 > 0 and return h, the
 * accepted panel length (≤ hMax). tauK must be finite.
 */
export function buildPanel(tau: number, V0: number, Delta: number, tauK: number, u0: number, g0: number, hMax: number): number {
  let h = Math.min(hMax, (PANEL_RATE_LENGTH * tau) / (1 + g0), MAX_H_OVER_TAUK * tauK);
  const tol = TRUNCATION_TOL * Math.max(Math.abs(u0), Math.abs(V0), Math.abs(Delta) * g0, 1e-300);
  const rho = tauK / tau;
  const rhoDecay = rho * (1 + g0);
  for (;;) {
    const Y = -portableExpm1(-h / tauK);
    const kMin = 2 * (1 + g0) * (h / tau) + 2;
    const Y2rhoG = rho * g0 * Y * Y;
    a[0] = u0;
    a[1] = Y * (-rhoDecay * u0 + rho * (V0 - Delta * g0));
    let prev = a[0];
    let cur = a[1];
    let k = 1;
    let converged = false;
    // Overflowing voltages (|V0|, |Delta| g0 near 1e308 times rho): halving cannot help; the
    // panel is returned non-finite and the caller stops with status 'nonFinite'.
    if (!Number.isFinite(a[1])) {
      K = 1;
      panelY = Y;
      break;
    }
    for (; k < KMAX; k++) {
      let next = Y * (k - rhoDecay) * cur + Y2rhoG * prev;
      if (k === 1) next += Y * Y * rho * Delta * g0;
      next *= INV[k];
      a[k + 1] = next;
      if (!Number.isFinite(next)) break;
      prev = cur;
      cur = next;
      if (k + 1 > kMin && Math.abs(prev) + Math.abs(cur) <= tol) {
        converged = true;
        k++;
        break;
      }
    }
    if (converged || h < 1e-300) {
      K = k;
      panelY = Y;
      break;
    }
    h *= 0.5;
  }
  return h;
}

/** Y = 1 − e^{−h/tauK} of the current panel (so g at its end is g0 (1 − Y)). */
export function currentPanelY(): number {
  return panelY;
}

/** u at the end of the current panel (x = 1). */
export function panelEndValue(): number {
  let v = 0;
  for (let k = K; k >= 0; k--) v += a[k];
  return v;
}

/** u at x = y/Y ∈ [0, 1] on the current panel (Horner). */
export function panelValue(x: number): number {
  let v = a[K];
  for (let k = K - 1; k >= 0; k--) v = v * x + a[k];
  return v;
}

/**
 * The x ∈ (0, 1] where u = theta on the current panel, given u(0) < theta ≤ u(1) and a
 * first guess x0. Between events the crossing is unique (u is increasing, or decreasing
 * then increasing, because u∞(g(s)) = (V0 − gΔ)/(1+g) increases as g decays when V0 > θ),
 * so Newton safeguarded by the bracket [lo, hi] (bisection when a step leaves it) converges.
 */
export function panelRoot(theta: number, x0: number): number {
  let lo = 0;
  let hi = 1;
  let x = x0 > 0 && x0 < 1 ? x0 : 0.5;
  for (let it = 0; it < 100; it++) {
    let v = a[K];
    let d = 0;
    for (let k = K - 1; k >= 0; k--) {
      d = d * x + v;
      v = v * x + a[k];
    }
    const f = v - theta;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let xn = x - f / d;
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    if (Math.abs(xn - x) <= 4e-16 * x || hi - lo <= 4e-16 * hi) return xn;
    x = xn;
  }
  return 0.5 * (lo + hi);
}
