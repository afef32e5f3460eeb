/**
 * Overlaps of a network state with the ξ patterns, Eq. (4): m_μ = (1/n) Σ_j ξ_{μ,j} x_j,
 * and the converse: a state with prescribed overlaps.
 */
import { checkNetwork, type LowRankNetwork } from './network.js';
import { finiteVector } from './validate.js';

/** m = ξᵀ x / n (Eq. 4). */
export function overlaps(net: LowRankNetwork, x: ArrayLike<number>): Float64Array {
  checkNetwork('net', net);
  const { n, p, xi } = net;
  const xv = finiteVector('x', x, n);
  const m = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let mu = 0; mu < p; mu++) m[mu] += xi[i * p + mu] * xv[i];
  for (let mu = 0; mu < p; mu++) m[mu] /= n;
  return m;
}

/**
 * The state x = Σ_μ c_μ ξ_μ in the span of the patterns whose overlaps equal m0 exactly:
 * c solves (ξᵀ ξ / n) c = m0 (Gaussian elimination with partial pivoting on the p × p Gram
 * matrix, which is ≈ xiScale² I and well conditioned for n ≫ p).
 * Eq. (4)'s overlaps close on themselves (dm/dt = (1/n) Σ_i ξ_i φ(η_i · m) − m, Eq. 12), so
 * the part of x0 outside the span never affects m(t): this choice loses no generality.
 */
export function stateWithOverlaps(net: LowRankNetwork, m0: ArrayLike<number>): Float64Array {
  checkNetwork('net', net);
  const { n, p, xi } = net;
  const target = finiteVector('m0', m0, p);
  const G = new Float64Array(p * (p + 1)); // augmented [G | m0]
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) G[a * (p + 1) + b] += (xi[i * p + a] * xi[i * p + b]) / n;
  }
  for (let a = 0; a < p; a++) G[a * (p + 1) + p] = target[a];
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(G[r * (p + 1) + col]) > Math.abs(G[piv * (p + 1) + col])) piv = r;
    if (G[piv * (p + 1) + col] === 0) throw new RangeError('the patterns ξ_μ are linearly dependent; no state has the requested overlaps');
    for (let k = 0; k <= p; k++) {
      const tmp = G[col * (p + 1) + k];
      G[col * (p + 1) + k] = G[piv * (p + 1) + k];
      G[piv * (p + 1) + k] = tmp;
    }
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const factor = G[r * (p + 1) + col] / G[col * (p + 1) + col];
      for (let k = col; k <= p; k++) G[r * (p + 1) + k] -= factor * G[col * (p + 1) + k];
    }
  }
  const c = new Float64Array(p);
  for (let a = 0; a < p; a++) c[a] = G[a * (p + 1) + p] / G[a * (p + 1) + a];
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let mu = 0; mu < p; mu++) v += c[mu] * xi[i * p + mu];
    x[i] = v;
  }
  return x;
}
