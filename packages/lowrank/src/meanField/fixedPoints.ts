/**
 * Fixed points of the mean field, Gatsby 2021 Q2 Eq. (10), dm/dt = f(|m|) C m − m, and their
 * linear stability (Q3, Q4).
 *
 * - m = 0 always; its Jacobian is f(0⁺) C − I, eigenvalues f(0⁺) λ_k − 1.
 * - m = α v_k for every real eigenvalue λ_k with unit real eigenvector v_k and every α > 0 with
 *   f(α) λ_k = 1 (Eq. 17; amplitudes.ts says how the α-range is chosen). Since f depends on
 *   |m| only, F(−m) = −F(m): −α v_k is a fixed point too, with the same Jacobian (J is even in
 *   m); it is not listed separately.
 * - Any other fixed point needs C m ∥ m, so m lies on a real eigenvector: complex eigenvalues
 *   contribute none (see limitCycles). With a repeated eigenvalue the fixed points fill a
 *   sphere in its eigenspace; one representative per computed eigenvector is returned and the
 *   Jacobian has a zero eigenvalue there ('marginal').
 *
 * Jacobian at α_k v_k (jacobian.ts): f(α_k) C − I + α_k λ_k f'(α_k) v_k v_kᵀ, with eigenvalues
 * λ_l/λ_k − 1 (l ≠ k) and α_k λ_k f'(α_k) (along v_k) — reported as `predictedEigenvalues`
 * beside the numerically computed `jacobianEigenvalues`. Hence the Q4 result: a fixed point is
 * stable only if λ_k exceeds the real part of every other eigenvalue (the largest) and
 * f'(α_k) λ_k < 0.
 */
import type { Activation } from '@neurobridge/core';
import { eigen, symmetricEigen } from '@neurobridge/core';
import { amplitudeOptions, searchAmplitudes, type AmplitudeOptions } from './amplitudes.js';
import { gain, gainDerivative, gainDerivativeTimesAmplitude, UNDERFLOW_AMPLITUDE } from './gain.js';
import { jacobianKernel } from './jacobian.js';
import { meanFieldRhsKernel } from './meanFieldRhs.js';
import { isSymmetric } from '../internal/smallLinearAlgebra.js';
import { spectrum } from './spectrum.js';
import { activation, allFinite, checkRank, MAX_ANALYSIS_RANK, squareMatrix, toRows } from '../internal/validate.js';

/**
 * A complex number re + i·im: an eigenvalue of C or of a Jacobian (real ones have im = 0).
 * @category Mean field
 */
export interface ComplexNumber {
  /** real part */
  re: number;
  /** imaginary part */
  im: number;
}

/**
 * Linear stability read off the largest real part of the Jacobian's eigenvalues, with tolerance
 * {@link STABILITY_TOL}: 'stable' when every Re < −tol, 'unstable' when some Re > tol, 'marginal'
 * otherwise (an eigenvalue within tol of the imaginary axis: the linearisation does not decide).
 * @category Mean field
 */
export type Stability = 'stable' | 'unstable' | 'marginal';

/**
 * One fixed point of Eq. (10): m = 0, or m = α v_k with f(α) λ_k = 1 (Eq. 17), with its residual and
 * the eigenvalues of the exact Jacobian there, computed and predicted (Q4).
 * @category Mean field
 */
export interface FixedPoint {
  /** index of the eigenvalue in the spectrum (sorted by real part, descending); −1 for m = 0 */
  k: number;
  /** λ_k (NaN for m = 0, which belongs to no single eigenvalue) */
  lambda: number;
  /** amplitude α = |m| */
  alpha: number;
  /** the fixed point, α v_k */
  m: Float64Array;
  /** max_i |f(|m|) (C m)_i − m_i| */
  residual: number;
  /** eigenvalues of the exact Jacobian at m (core's eigen), sorted by real part, descending */
  jacobianEigenvalues: ComplexNumber[];
  /** closed-form eigenvalues (Q4): m = 0: f(0)λ_l − 1; α v_k: λ_l/λ_k − 1 (l ≠ k) and α λ_k f'(α) */
  predictedEigenvalues: ComplexNumber[];
  /** all Re < −STABILITY_TOL: stable; some Re > STABILITY_TOL: unstable; else marginal */
  stability: Stability;
  /** stability === 'stable' */
  stable: boolean;
}

/**
 * |Re| below which a Jacobian eigenvalue counts as zero (marginal).
 * @category Mean field
 */
export const STABILITY_TOL = 1e-9;

/**
 * Every fixed point of Eq. (10), up to the sign m → −m, and the spectrum of C they lie on.
 * @category Mean field
 */
export interface FixedPointsResult {
  /** m = 0 */
  trivial: FixedPoint;
  /** α v_k, ordered by k then α */
  nontrivial: FixedPoint[];
  /** the eigenvalues of C, sorted by real part, descending */
  eigenvalues: ComplexNumber[];
  /** true when C was treated as symmetric (orthonormal eigenvectors) */
  symmetric: boolean;
}

function classify(values: ComplexNumber[]): Stability {
  let maxRe = -Infinity;
  for (const v of values) maxRe = Math.max(maxRe, v.re);
  if (maxRe < -STABILITY_TOL) return 'stable';
  if (maxRe > STABILITY_TOL) return 'unstable';
  return 'marginal';
}

/**
 * Eigenvalues of the p × p Jacobian: core's symmetricEigen when J is symmetric to 1e−12
 * (symmetric C: J = f C − I + c v vᵀ), core's general eigen otherwise.
 */
function jacobianSpectrum(J: Float64Array, p: number): ComplexNumber[] {
  if (isSymmetric(J, p, 1e-12)) {
    return Array.from(symmetricEigen(toRows(J, p)).values, (re) => ({ re, im: 0 }));
  }
  const { re, im } = eigen(toRows(J, p));
  const out: ComplexNumber[] = [];
  for (let i = 0; i < p; i++) out.push({ re: re[i], im: im[i] });
  return out.sort((a, b) => b.re - a.re || b.im - a.im);
}

function makePoint(
  C: Float64Array, p: number, phi: Activation, k: number, lambda: number, alpha: number, m: Float64Array,
  predicted: ComplexNumber[],
): FixedPoint {
  const F = meanFieldRhsKernel(C, p, phi, m, new Float64Array(p));
  let residual = 0;
  for (let i = 0; i < p; i++) residual = Math.max(residual, Math.abs(F[i]));
  const J = jacobianKernel(C, p, phi, m);
  if (!(residual < Infinity) || !allFinite(J)) {
    throw new RangeError(`C: the fixed point at α = ${alpha} on λ = ${lambda} has a residual or Jacobian that is not representable as doubles (entries of C too large for f = E[φ'] of ${phi.name})`);
  }
  const jacobianEigenvalues = jacobianSpectrum(J, p);
  const stability = classify(jacobianEigenvalues);
  return {
    k, lambda, alpha, m, residual, jacobianEigenvalues,
    predictedEigenvalues: predicted.sort((a, b) => b.re - a.re || b.im - a.im),
    stability,
    stable: stability === 'stable',
  };
}

/**
 * All fixed points of Eq. (10) (up to the sign m → −m) with their stability.
 * @category Mean field
 */
export function fixedPoints(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  options: AmplitudeOptions = {},
): FixedPointsResult {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  checkRank('C', p, MAX_ANALYSIS_RANK);
  const checkedOptions = amplitudeOptions(options);
  const { entries, symmetric } = spectrum(data, p);
  const eigenvalues = entries.map(({ re, im }) => ({ re, im }));

  const f0 = gain(phi, 0);
  const trivial = makePoint(data, p, phi, -1, NaN, 0, new Float64Array(p),
    eigenvalues.map(({ re, im }) => ({ re: f0 * re - 1, im: f0 * im })));

  const nontrivial: FixedPoint[] = [];
  entries.forEach((e, k) => {
    if (!e.real || e.vector === null) return;
    const search = searchAmplitudes(phi, e.re, checkedOptions);
    for (const alpha of search.amplitudes) {
      const m = Float64Array.from(e.vector, (v) => alpha * v);
      // α λ f'(α); beyond 1e154 f'(α) underflows and α f'(α) comes from Stein's identity
      const along = alpha <= UNDERFLOW_AMPLITUDE ? alpha * e.re * gainDerivative(phi, alpha) : e.re * gainDerivativeTimesAmplitude(phi, alpha);
      const predicted: ComplexNumber[] = [{ re: along, im: 0 }];
      eigenvalues.forEach((l, j) => {
        if (j !== k) predicted.push({ re: l.re / e.re - 1, im: l.im / e.re });
      });
      nontrivial.push(makePoint(data, p, phi, k, e.re, alpha, m, predicted));
    }
  });
  return { trivial, nontrivial, eigenvalues, symmetric };
}
