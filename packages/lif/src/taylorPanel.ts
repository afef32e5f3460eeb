/**
 * One panel of the exact between-event integrator for finite tauK.
 *
 * Between events g(s) = g0 e^{−s/tauK} in closed form, and u obeys the scalar linear ODE
 *   tau u' = −(1 + g(s)) u + V0 − Δ g(s)                                  (Eq. (3))
 * whose solution is entire in s. On a panel of length h we expand u in the scaled variable
 * x = s/h ∈ [0, 1]: u = Σ_k a_k x^k with γ_j = g0 (−h/tauK)^j / j! (the Taylor coefficients
 * of g) and the exact recurrence
 *   a_{k+1} = h/(tau (k+1)) · ( −a_k − Σ_{j=0..k} γ_j a_{k−j} − Δ γ_k + [k = 0] V0 ).
 * The panel length is chosen so that λh ≤ PANEL_RATE_LENGTH with λ = (1 + g0)/tau + 1/tauK
 * (the fastest rate in the problem), and accepted only if the last two coefficients are
 * below TRUNCATION_TOL relative to the size of u: the neglected tail is then below machine
 * precision (the terms fall like (λh)^k/k!). No allocation: module-level buffers.
 *
 * This is the "specialised scalar integrator between events" of the design: no exp() per
 * step, ~K²/2 multiply-adds per panel, and a crossing located by safeguarded Newton on the
 * polynomial (the dense output is the polynomial itself).
 */

/** Number of Taylor coefficients beyond a_0. (λh)^K/K! = 1.5^26/26! ≈ 1e-22. */
export const TAYLOR_ORDER = 26;
/** λh per panel; with TAYLOR_ORDER = 26 the tail is ~1e-22 of the solution scale. */
export const PANEL_RATE_LENGTH = 1.5;
/** Accept a panel only if |a_{K−1}| + |a_K| ≤ TRUNCATION_TOL · scale. */
export const TRUNCATION_TOL = 1e-18;

const K = TAYLOR_ORDER;
const a = new Float64Array(K + 1);
const gam = new Float64Array(K + 1);

/**
 * Build the expansion of u on [0, h] from u(0) = u0, g(0) = g0 and return h, the accepted
 * panel length (≤ hMax). Requires tauK finite or not: 1/tauK = 0 is fine.
 */
export function buildPanel(tau: number, V0: number, Delta: number, invTauK: number, u0: number, g0: number, hMax: number): number {
  const lambda = (1 + g0) / tau + invTauK;
  let h = Math.min(hMax, PANEL_RATE_LENGTH / lambda);
  const scale = Math.max(Math.abs(u0), Math.abs(V0), Math.abs(Delta) * g0, 1e-300);
  for (;;) {
    const r = -h * invTauK;
    gam[0] = g0;
    for (let j = 1; j <= K; j++) gam[j] = (gam[j - 1] * r) / j;
    a[0] = u0;
    const hOverTau = h / tau;
    for (let k = 0; k < K; k++) {
      let conv = 0;
      for (let j = 0; j <= k; j++) conv += gam[j] * a[k - j];
      let rhs = -a[k] - conv - Delta * gam[k];
      if (k === 0) rhs += V0;
      a[k + 1] = (hOverTau * rhs) / (k + 1);
    }
    if (Math.abs(a[K - 1]) + Math.abs(a[K]) <= TRUNCATION_TOL * scale || h < 1e-300) break;
    h *= 0.5;
  }
  return h;
}

/** u at x = s/h ∈ [0, 1] on the current panel (Horner). */
export function panelValue(x: number): number {
  let v = a[K];
  for (let k = K - 1; k >= 0; k--) v = v * x + a[k];
  return v;
}

/**
 * The x ∈ (0, 1] where u = theta on the current panel, given u(0) < theta ≤ u(1).
 * Between events the crossing is unique (u is increasing, or decreasing then increasing,
 * because u∞(g(s)) increases as g decays), so safeguarded Newton converges to it.
 */
export function panelRoot(theta: number): number {
  let lo = 0;
  let hi = 1;
  const f0 = a[0] - theta;
  let f1 = -theta;
  for (let k = 0; k <= K; k++) f1 += a[k];
  // Secant start, then Newton on the polynomial, falling back to bisection.
  let x = f0 / (f0 - f1);
  if (!(x > 0 && x < 1)) x = 0.5;
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
    if (Math.abs(xn - x) <= 2e-16 * Math.max(x, 1e-300) || hi - lo <= 2e-16 * hi) {
      return xn;
    }
    x = xn;
  }
  return 0.5 * (lo + hi);
}
