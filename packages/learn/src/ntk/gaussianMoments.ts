import { gaussHermite, type Activation } from '@neurobridge/core';

/**
 * E[φ(u)φ(v)] and E[φ'(u)φ'(v)] for (u, v) ~ N(0, [[a, c], [c, b]]): the two Gaussian
 * moments the infinite-width recursions need.
 * @category Tangent kernel
 */
export interface GaussianMoments {
  /** E[φ(u)φ(v)] */
  q: number;
  /** E[φ'(u)φ'(v)] */
  qDot: number;
}

/**
 * The two moments for one pair of inputs: `GaussianMoments` of (u, v) ~ N(0, [[a, c], [c, b]]),
 * a = Σ^l_μμ, b = Σ^l_νν, c = Σ^l_μν (`reluMoments`, `erfMoments` or `quadratureMoments(act)`).
 * @category Tangent kernel
 */
export type MomentsFn = (a: number, b: number, c: number) => GaussianMoments;

function clampCorrelation(a: number, b: number, c: number): number {
  const r = c / Math.sqrt(a * b);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * ReLU, the arc-cosine kernels of Cho & Saul (2009), θ = arccos(c/√(ab)):
 *   E[relu(u)relu(v)] = √(ab) (sin θ + (π − θ) cos θ) / (2π),   E[relu'(u)relu'(v)] = (π − θ)/(2π).
 * A zero variance (a zero input without bias) gives 0 for both, matching relu'(0) = 0.
 * @category Tangent kernel
 */
export function reluMoments(a: number, b: number, c: number): GaussianMoments {
  if (!(a > 0 && b > 0)) return { q: 0, qDot: 0 };
  const theta = Math.acos(clampCorrelation(a, b, c));
  const q = (Math.sqrt(a * b) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta))) / (2 * Math.PI);
  return { q, qDot: (Math.PI - theta) / (2 * Math.PI) };
}

/**
 * erf (plain erf, erf'(x) = (2/√π) e^{−x²}), closed forms (Williams 1997):
 *   E[erf(u)erf(v)] = (2/π) arcsin(2c / √((1+2a)(1+2b))),
 *   E[erf'(u)erf'(v)] = (4/π) / √((1+2a)(1+2b) − 4c²).
 * @category Tangent kernel
 */
export function erfMoments(a: number, b: number, c: number): GaussianMoments {
  const s = (1 + 2 * a) * (1 + 2 * b);
  let r = (2 * c) / Math.sqrt(s);
  r = r > 1 ? 1 : r < -1 ? -1 : r;
  return { q: (2 / Math.PI) * Math.asin(r), qDot: 4 / Math.PI / Math.sqrt(s - 4 * c * c) };
}

/**
 * Any activation by tensor-product Gauss–Hermite quadrature of the given order
 * (core's `gaussHermite`: probabilists' rule, Σ_i w_i g(z_i) ≈ E[g(z)], z ~ N(0,1), weights summing
 * to 1): u = √a z₁, v = √b (ρ z₁ + √(1−ρ²) z₂). Spectrally accurate for smooth φ (tanh, erf,
 * sigmoid); slow for kinks (use 'relu' there). `order`: 1..2000, checked by `gaussHermite`.
 * @category Tangent kernel
 */
export function quadratureMoments(act: Pick<Activation, 'f' | 'df'>, order = 64): MomentsFn {
  const { nodes, weights } = gaussHermite(order);
  const m = nodes.length;
  return (a, b, c) => {
    const sa = Math.sqrt(Math.max(a, 0));
    const sb = Math.sqrt(Math.max(b, 0));
    const rho = sa > 0 && sb > 0 ? clampCorrelation(a, b, c) : 0;
    const rc = Math.sqrt(Math.max(0, 1 - rho * rho));
    let q = 0;
    let qDot = 0;
    for (let i = 0; i < m; i++) {
      const u = sa * nodes[i];
      const fu = act.f(u);
      const du = act.df(u);
      let sf = 0;
      let sd = 0;
      for (let j = 0; j < m; j++) {
        const v = sb * (rho * nodes[i] + rc * nodes[j]);
        sf += weights[j] * act.f(v);
        sd += weights[j] * act.df(v);
      }
      q += weights[i] * fu * sf;
      qDot += weights[i] * du * sd;
    }
    return { q, qDot };
  };
}
