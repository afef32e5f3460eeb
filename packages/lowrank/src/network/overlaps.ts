/**
 * Overlaps of a network state with the ξ patterns, Eq. (4): m_μ = (1/n) Σ_j ξ_{μ,j} x_j,
 * and the converse: a state with prescribed overlaps.
 */
import { finiteVector, show } from '@neurobridge/core';
import { allFinite, showVector } from '../internal/validate.js';
import { checkLoadings, checkNetwork, type LowRankNetwork } from './network.js';
import { solveSmall } from '../internal/smallLinearAlgebra.js';

/**
 * m = ξᵀ x / n (Eq. 4).
 * @category Network
 */
export function overlaps(net: LowRankNetwork, x: ArrayLike<number>): Float64Array {
  checkNetwork('net', net);
  const { n, p, xi } = net;
  const xv = finiteVector('x', x, n);
  const m = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let mu = 0; mu < p; mu++) m[mu] += xi[i * p + mu] * xv[i];
  for (let mu = 0; mu < p; mu++) m[mu] /= n;
  if (!allFinite(m)) {
    checkLoadings('net', net); // names a non-finite loading, if that is the cause
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(xv[i]));
    throw new RangeError(`x: the overlaps ξᵀx/n overflow (x has entries up to ${show(largest)}); got m = ${showVector(m)}`);
  }
  return m;
}

/**
 * The state x = Σ_μ c_μ ξ_μ in the span of the patterns whose overlaps equal m0 exactly:
 * c solves (ξᵀ ξ / n) c = m0 (Gaussian elimination with partial pivoting on the p × p Gram
 * matrix, which is ≈ xiScale² I and well conditioned for n ≫ p).
 * Eq. (4)'s overlaps close on themselves (dm/dt = (1/n) Σ_i ξ_i φ(η_i · m) − m, Eq. 12), so
 * the part of x0 outside the span never affects m(t): this choice loses no generality.
 * @category Network
 */
export function stateWithOverlaps(net: LowRankNetwork, m0: ArrayLike<number>): Float64Array {
  checkNetwork('net', net);
  const { n, p, xi } = net;
  const target = finiteVector('m0', m0, p);
  const G = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) G[a * p + b] += (xi[i * p + a] * xi[i * p + b]) / n;
  }
  if (!allFinite(G)) checkLoadings('net', net);
  const c = solveSmall(G, target, p);
  if (c === null) throw new RangeError('net.xi: the patterns ξ_μ are linearly dependent; no state has the requested overlaps m0');
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let mu = 0; mu < p; mu++) v += c[mu] * xi[i * p + mu];
    x[i] = v;
  }
  if (!allFinite(x)) throw new RangeError(`m0: the state with overlaps m0 = ${showVector(target)} overflows (entries beyond 1.8e308)`);
  return x;
}
