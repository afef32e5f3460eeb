/**
 * The exact overlap drift of a finite network, Gatsby 2021 Q2 Eq. (12):
 *
 *   dm_μ/dt = (1/n) Σ_i ξ_{μ,i} φ(Σ_ν m_ν η_{ν,i}) − m_μ,
 *
 * whose large-n limit is Eq. (5) and, after the Gaussian averages, Eq. (8). The per-neuron
 * terms are i.i.d. across i, so their sample standard deviation / √n is the standard error of
 * the sum as an estimate of ⟨ξ_μ φ(Σ_ν m_ν η_ν)⟩ (the Monte-Carlo check of Eq. 8).
 */
import type { Activation } from '@neurobridge/core';
import { checkLoadings, checkNetwork, type LowRankNetwork } from './network.js';
import { activation, allFinite, showVector } from '../internal/validate.js';
import { finiteVector, show } from '@neurobridge/core';

/**
 * The exact drift of the overlaps of a finite network at m (Eq. 12), with the Monte-Carlo standard
 * error of the average it contains.
 * @category Network
 */
export interface NetworkDrift {
  /** (1/n) Σ_i ξ_{μ,i} φ(η_i · m), the Monte-Carlo estimate of ⟨ξ_μ φ(Σ m_ν η_ν)⟩ */
  average: Float64Array;
  /** standard error of `average` (sample sd / √n) */
  standardError: Float64Array;
  /** Eq. (12): average − m */
  drift: Float64Array;
}

/**
 * Eq. (12) for `net` at overlaps m (length p): dm/dt = (1/n) Σ_i ξ_i φ(η_i · m) − m, with the standard
 * error of the average — the finite-n check of the Gaussian averages that turn Eq. (5) into Eq. (8).
 * One pass over the n neurons, O(n·p).
 * @category Network
 */
export function networkDrift(net: LowRankNetwork, phi: Activation, m: ArrayLike<number>): NetworkDrift {
  checkNetwork('net', net);
  activation('phi', phi);
  const { n, p, eta, xi } = net;
  const mv = finiteVector('m', m, p);
  checkLoadings('net', net);
  const sum = new Float64Array(p);
  const sumSq = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let u = 0;
    for (let nu = 0; nu < p; nu++) u += eta[i * p + nu] * mv[nu];
    const fu = phi.f(u);
    for (let mu = 0; mu < p; mu++) {
      const term = xi[i * p + mu] * fu;
      sum[mu] += term;
      sumSq[mu] += term * term;
    }
  }
  const average = new Float64Array(p);
  const standardError = new Float64Array(p);
  const drift = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    average[mu] = sum[mu] / n;
    const variance = n > 1 ? Math.max(0, (sumSq[mu] - n * average[mu] * average[mu]) / (n - 1)) : 0;
    standardError[mu] = Math.sqrt(variance / n);
    drift[mu] = average[mu] - mv[mu];
  }
  if (!allFinite(average) || !allFinite(standardError)) {
    throw new RangeError(`m: the drift at m = ${showVector(mv)} is not finite (phi.f(η·m) or its square overflows, or phi.f is not finite there)`);
  }
  return { average, standardError, drift };
}
