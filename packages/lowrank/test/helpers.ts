/** Test helpers: activations with closed-form gains, naive reference computations. */
import { defineActivation, erfFn, type Activation } from '@neurobridge/core';

/**
 * φ'(x) = c0 + Σ_i c_i exp(−x²/(2 s_i²)), so φ(x) = c0 x + Σ c_i s_i √(π/2) erf(x/(s_i √2)) and
 * f(a) = E[φ'(a z)] = c0 + Σ c_i s_i/√(s_i² + a²)  (E[e^{−a²z²/(2s²)}] = s/√(s² + a²)),
 * f'(a) = −Σ c_i s_i a/(s_i² + a²)^{3/2}.
 */
export function gaussianMixtureActivation(c0: number, c: number[], s: number[]) {
  const phi = defineActivation({
    name: 'gaussian-mixture',
    f: (x) => {
      let v = c0 * x;
      for (let i = 0; i < c.length; i++) v += c[i] * s[i] * Math.sqrt(Math.PI / 2) * erfFn(x / (s[i] * Math.SQRT2));
      return v;
    },
    df: (x) => {
      let v = c0;
      for (let i = 0; i < c.length; i++) v += c[i] * Math.exp(-(x * x) / (2 * s[i] * s[i]));
      return v;
    },
    d2f: (x) => {
      let v = 0;
      for (let i = 0; i < c.length; i++) v -= ((c[i] * x) / (s[i] * s[i])) * Math.exp(-(x * x) / (2 * s[i] * s[i]));
      return v;
    },
  });
  const gainExact = (a: number) => {
    let v = c0;
    for (let i = 0; i < c.length; i++) v += (c[i] * s[i]) / Math.sqrt(s[i] * s[i] + a * a);
    return v;
  };
  const gainDerivativeExact = (a: number) => {
    let v = 0;
    for (let i = 0; i < c.length; i++) v -= (c[i] * s[i] * a) / Math.pow(s[i] * s[i] + a * a, 1.5);
    return v;
  };
  return { phi, gainExact, gainDerivativeExact };
}

/**
 * Non-monotonic gain: f(0) = 1, rises to ≈ 1.25 near a ≈ 2.5, decays to 1/2.
 * φ'(x) = 1/2 − e^{−x²/2} + 1.5 e^{−x²/18}.
 */
export const bump = gaussianMixtureActivation(0.5, [-1, 1.5], [1, 3]);

/** A copy of `phi` that is not identical to it, forcing the generic quadrature path. */
export function generic(phi: Activation): Activation {
  return defineActivation({ name: `${phi.name}-generic`, f: phi.f, df: phi.df, d2f: phi.d2f });
}

/** Trapezoid rule for E[g(z)] in the variable u = a z: (1/a) ∫ g(u/a)... see gain test. */
export function trapezoid(fn: (u: number) => number, lo: number, hi: number, steps: number): number {
  const h = (hi - lo) / steps;
  let s = 0.5 * (fn(lo) + fn(hi));
  for (let k = 1; k < steps; k++) s += fn(lo + k * h);
  return s * h;
}

/** Symmetric p × p matrix with prescribed eigenvalues, Q diag(values) Qᵀ, Q from Gram–Schmidt of normals. */
export function symmetricWithEigenvalues(values: number[], normal: () => number): { C: number[][]; Q: number[][] } {
  const p = values.length;
  const Q: number[][] = [];
  while (Q.length < p) {
    const v = Array.from({ length: p }, normal);
    for (const q of Q) {
      const d = v.reduce((s, x, i) => s + x * q[i], 0);
      for (let i = 0; i < p; i++) v[i] -= d * q[i];
    }
    const nv = Math.hypot(...v);
    if (nv < 1e-6) continue;
    Q.push(v.map((x) => x / nv));
  }
  const C = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => Q.reduce((s, q, k) => s + values[k] * q[i] * q[j], 0)),
  );
  return { C, Q };
}
