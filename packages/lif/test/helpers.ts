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
