/** Exam parameters (Delta = theta = 15 mV) with tau = 10 ms; override per test. */
export const exam = { tau: 10, V0: 30, Delta: 15, theta: 15, dg: 0.1, tauK: Infinity, td: 0 } as const;

/** Scaled error |a − b| / (atol + rtol·|b|) (scipy's compute_error); ≤ 1 means agreement. */
export function scaledError(a: number, b: number, rtol: number, atol = 0): number {
  return Math.abs(a - b) / (atol + rtol * Math.abs(b));
}

/** Plain bisection for an increasing-through-zero f on [a, b] (test-only independent root). */
export function bisect(f: (x: number) => number, a: number, b: number): number {
  let fa = f(a);
  for (let i = 0; i < 200; i++) {
    const m = 0.5 * (a + b);
    if (m === a || m === b) break;
    const fm = f(m);
    if (fm === 0) return m;
    if (Math.sign(fm) === Math.sign(fa)) {
      a = m;
      fa = fm;
    } else b = m;
  }
  return 0.5 * (a + b);
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n; test-only). */
export function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}

/**
 * u(s) from u(0) = u0, g(r) = g0 e^{−r/tauK}, by the integrating-factor formula
 *   u(s) = [u0 + (1/tau) ∫_0^s E(r)(V0 − Δ g(r)) dr] / E(s),
 *   E(s) = exp((s + g0 tauK (1 − e^{−s/tauK}))/tau),
 * with composite 16-point Gauss–Legendre on `panels` pieces (test-only, independent of
 * the library's Taylor panels).
 */
const GL16 = gaussLegendre(16);
export function integratingFactorU(
  p: { tau: number; V0: number; Delta: number; tauK: number },
  u0: number,
  g0: number,
  s: number,
  panels = 16,
): number {
  const phi = (r: number): number => (r + g0 * p.tauK * -Math.expm1(-r / p.tauK)) / p.tau;
  const phiS = phi(s);
  let integral = 0;
  const h = s / panels;
  for (let k = 0; k < panels; k++) {
    const a = k * h;
    for (let i = 0; i < 16; i++) {
      const r = a + 0.5 * h * (GL16.x[i] + 1);
      // E(r)/E(s) to avoid overflow
      integral += 0.5 * h * GL16.w[i] * Math.exp(phi(r) - phiS) * (p.V0 - p.Delta * g0 * Math.exp(-r / p.tauK));
    }
  }
  return u0 * Math.exp(-phiS) + integral / p.tau;
}
