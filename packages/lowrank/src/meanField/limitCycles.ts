/**
 * Beyond the exam: rotating solutions of Eq. (10) for a complex eigenvalue pair of C.
 *
 * A complex pair λ = ρ e^{±iθ} (θ ∈ (0, π)) has no real eigenvector, so (fixedPoints.ts) no
 * fixed point. Let v = u + i w be its eigenvector. When the plane P = span(u, w) is conformal
 * — some phase makes u ⟂ w with |u| = |w|, i.e. vᵀv = 0 (plain transpose) — there is an
 * orthonormal basis (e1, e2) of P in which C acts on P as ρ R(θ), a rotation by θ scaled by ρ.
 * (Always true for normal C, e.g. C = ρ R(θ) itself.) Writing m = r (cos ψ e1 + sin ψ e2),
 * Eq. (10) gives, since C m is m rotated by θ and scaled by ρ,
 *
 *   dr/dt = r (f(r) ρ cos θ − 1),        dψ/dt = f(r) ρ sin θ.
 *
 * So every radius a > 0 with f(a) Re λ = 1 is an invariant circle (a limit cycle of the
 * m-dynamics) on which the phase rotates at the constant rate
 *
 *   ω = f(a) Im λ = Im λ / Re λ = tan θ,   period 2π/ω.
 *
 * Stability: radially, d(dr/dt)/dr at a is a f'(a) Re λ. Transversally, for any other
 * eigenvalue λ_l with left eigenvector w_l: w_lᵀ v = 0, so w_lᵀ m(t) = 0 on the cycle and
 * w_lᵀ J(t) = (f(a) λ_l − 1) w_lᵀ (J from jacobian.ts) — the component along w_l evolves with
 * exponent Re λ_l / Re λ − 1. The cycle attracts iff a f'(a) Re λ < 0 and Re λ exceeds the real
 * part of every other eigenvalue. For a non-conformal plane the in-plane orbits are not
 * circles; this function reports the pair and leaves it to simulateMeanField.
 */
import type { Activation } from '@neurobridge/core';
import { amplitudeOptions, searchAmplitudes, type AmplitudeOptions } from './amplitudes.js';
import { gain, gainDerivativeTimesAmplitude } from './gain.js';
import type { ComplexNumber, Stability } from './fixedPoints.js';
import { STABILITY_TOL } from './fixedPoints.js';
import { solveSmall } from '../internal/smallLinearAlgebra.js';
import { spectrum } from './spectrum.js';
import { activation, checkRank, MAX_ANALYSIS_RANK, squareMatrix } from '../internal/validate.js';

/**
 * An invariant circle of Eq. (10) in the plane of a conformal complex pair λ, λ̄ of C: radius a with
 * f(a) Re λ = 1, on which m rotates at ω = Im λ/Re λ, with its radial and transverse exponents.
 * @category Mean field
 */
export interface LimitCycle {
  /** index (in the spectrum) of the eigenvalue of the pair with Im λ > 0 */
  k: number;
  /** λ, the member of the pair with Im λ > 0 */
  lambda: ComplexNumber;
  /** radius a: f(a) Re λ = 1 */
  radius: number;
  /** dψ/dt = f(a) Im λ = Im λ / Re λ (positive: from e1 towards e2) */
  angularVelocity: number;
  /** 2π / angularVelocity */
  period: number;
  /** orthonormal basis (e1, e2) of the invariant plane; m(t) = a (cos ψ e1 + sin ψ e2) */
  plane: [Float64Array, Float64Array];
  /** a f'(a) Re λ */
  radialExponent: number;
  /** Re λ_l / Re λ − 1 + i Im λ_l/Re λ for the other eigenvalues */
  transverseExponents: ComplexNumber[];
  /** from the largest real part among `radialExponent` and `transverseExponents` (tolerance STABILITY_TOL) */
  stability: Stability;
  /** stability === 'stable' */
  stable: boolean;
}

/**
 * A complex eigenvalue pair λ, λ̄ of C and whether its plane carries circular orbits of Eq. (10).
 * @category Mean field
 */
export interface ComplexPair {
  /** index (in the spectrum, real part descending) of the member with Im λ > 0 */
  k: number;
  /** λ, the member with Im λ > 0 */
  lambda: ComplexNumber;
  /** |vᵀv| / (v* v) ∈ [0, 1]: 0 for a conformal plane */
  nonConformality: number;
  /** nonConformality ≤ CONFORMAL_TOL: the plane carries circles, listed in `cycles` when f(a) Re λ = 1 has roots */
  conformal: boolean;
  /** one sentence: the circles found, or why there are none */
  reason: string;
}

/**
 * Planes with |vᵀv|/(v*v) below this are treated as conformal.
 * @category Mean field
 */
export const CONFORMAL_TOL = 1e-8;

/** Complex eigenvector (u, w) of C for λ = a + i b by inverse iteration on the real 2p system. */
function complexEigenvector(C: Float64Array, p: number, a: number, b: number): { u: Float64Array; w: Float64Array } {
  const q = 2 * p;
  const shift = a + 1e-10 * Math.max(1, Math.hypot(a, b));
  // (C − σI)(u + i w) = [(C − σ_r)u + b w] + i[(C − σ_r)w − b u]
  const M = new Float64Array(q * q);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const c = C[i * p + j] - (i === j ? shift : 0);
      M[i * q + j] = c;
      M[(p + i) * q + p + j] = c;
    }
    M[i * q + p + i] = b;
    M[(p + i) * q + i] = -b;
  }
  let y: Float64Array = Float64Array.from({ length: q }, (_, i) => 1 + 0.5 * Math.sin(i + 1));
  for (let it = 0; it < 5; it++) {
    const z = solveSmall(M, y, p * 2);
    if (z === null) break;
    let s = 0;
    for (let i = 0; i < q; i++) s += z[i] * z[i];
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < q; i++) z[i] *= inv;
    y = z;
  }
  return { u: y.slice(0, p), w: y.slice(p) };
}

const dot = (x: Float64Array, y: Float64Array): number => x.reduce((s, v, i) => s + v * y[i], 0);

/** Orthonormal, positively oriented basis of a conformal plane, or null with the measure. */
function conformalPlane(C: Float64Array, p: number, u: Float64Array, w: Float64Array) {
  const uu = dot(u, u);
  const ww = dot(w, w);
  const uw = dot(u, w);
  const nonConformality = Math.hypot(uu - ww, 2 * uw) / (uu + ww);
  const e1 = u.map((x) => x / Math.sqrt(uu));
  const e2 = w.map((x, i) => x - dot(w, e1) * e1[i]);
  const n2 = Math.sqrt(dot(e2, e2));
  for (let i = 0; i < p; i++) e2[i] /= n2;
  // orientation: C e1 should have a positive e2-component (rotation e1 → e2)
  let Ce1e2 = 0;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += C[i * p + j] * e1[j];
    Ce1e2 += s * e2[i];
  }
  if (Ce1e2 < 0) for (let i = 0; i < p; i++) e2[i] = -e2[i];
  return { nonConformality, plane: [e1, e2] as [Float64Array, Float64Array] };
}

/**
 * Invariant circles of Eq. (10) in the planes of complex eigenvalue pairs of C.
 * @category Mean field
 */
export function limitCycles(
  C: ArrayLike<ArrayLike<number>>,
  phi: Activation,
  options: AmplitudeOptions = {},
): {
  /** the invariant circles, ordered by k, then radius */
  cycles: LimitCycle[];
  /** every complex pair with Im λ > 0, conformal or not, with the reason it has circles or none */
  pairs: ComplexPair[];
} {
  const { data, p } = squareMatrix('C', C);
  activation('phi', phi);
  checkRank('C', p, MAX_ANALYSIS_RANK);
  const checkedOptions = amplitudeOptions(options);
  const { entries, scale } = spectrum(data, p);
  // the eigenvector and plane of C/σ are those of C (σ = 1 for ordinary C: the same bits)
  const scaled = scale === 1 ? data : data.map((v) => v / scale);
  const cycles: LimitCycle[] = [];
  const pairs: ComplexPair[] = [];
  entries.forEach((e, k) => {
    if (e.real || e.im <= 0) return;
    const lambda = { re: e.re, im: e.im };
    const { u, w } = complexEigenvector(scaled, p, e.re / scale, e.im / scale);
    const { nonConformality, plane } = conformalPlane(scaled, p, u, w);
    const conformal = nonConformality <= CONFORMAL_TOL;
    const search = conformal ? searchAmplitudes(phi, e.re, checkedOptions) : null;
    let reason: string;
    if (!conformal) {
      reason = `plane of λ = ${e.re} ± ${e.im}i is not conformal (|vᵀv|/v*v = ${nonConformality.toPrecision(3)}): orbits are not circles; integrate with simulateMeanField`;
    } else if (search !== null && search.amplitudes.length === 0) {
      reason = `no radius with f(a) Re λ = 1 (Re λ = ${e.re}; f on the searched range spans [${search.gainInf}, ${search.gainSup}]): the rotation spirals in or out`;
    } else {
      reason = `invariant circle(s) at a = ${search?.amplitudes.join(', ')} rotating at Im λ/Re λ = ${e.im / e.re}`;
    }
    pairs.push({ k, lambda, nonConformality, conformal, reason });
    if (!conformal || search === null) return;
    for (const a of search.amplitudes) {
      const fa = gain(phi, a);
      const angularVelocity = fa * e.im;
      const radialExponent = gainDerivativeTimesAmplitude(phi, a) * e.re;
      const transverseExponents: ComplexNumber[] = [];
      let conjugateSkipped = false;
      entries.forEach((l, j) => {
        if (j === k) return;
        if (!conjugateSkipped && !l.real && Math.abs(l.re - e.re) <= 1e-12 * Math.max(1, Math.abs(e.re)) && Math.abs(l.im + e.im) <= 1e-12 * Math.max(1, e.im)) {
          conjugateSkipped = true; // the partner of the pair: its direction is the rotation itself
          return;
        }
        transverseExponents.push({ re: fa * l.re - 1, im: fa * l.im });
      });
      let maxRe = radialExponent;
      for (const t of transverseExponents) maxRe = Math.max(maxRe, t.re);
      const stability: Stability = maxRe < -STABILITY_TOL ? 'stable' : maxRe > STABILITY_TOL ? 'unstable' : 'marginal';
      cycles.push({
        k, lambda, radius: a, angularVelocity, period: (2 * Math.PI) / angularVelocity, plane,
        radialExponent, transverseExponents, stability, stable: stability === 'stable',
      });
    }
  });
  return { cycles, pairs };
}
