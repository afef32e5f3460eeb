/**
 * Draws the loadings η, ξ of the low-rank network with exactly the covariance of
 * Gatsby 2021 Q2 Eq. (3), independently for every neuron i:
 *
 *   ⟨η_μ η_ν⟩ = δ_μν,   ⟨ξ_μ ξ_ν⟩ = s² δ_μν (s = xiScale, 1 in the exam),   ⟨ξ_μ η_ν⟩ = C_μν.
 *
 * Construction: η ~ N(0, I_p), ξ = C η + L w with w ~ N(0, I_p) independent and
 * L = (s² I − C Cᵀ)^{1/2} (symmetric square root), so ⟨ξ ηᵀ⟩ = C and
 * ⟨ξ ξᵀ⟩ = C Cᵀ + s² I − C Cᵀ = s² I exactly.
 *
 * Existence: the joint covariance [[I, Cᵀ], [C, s² I]] is positive semi-definite iff its
 * Schur complement s² I − C Cᵀ is, i.e. iff ‖C‖₂ ≤ s. With the exam's s = 1 this bounds every
 * eigenvalue |λ_k| ≤ ‖C‖₂ ≤ 1 — so for φ = tanh (f < 1 for a > 0) Eq. (17), f(α) λ_k = 1,
 * never has a solution: the exam's "which it typically can be" needs ‖C‖₂ > 1, which Eq. (3)
 * forbids. `xiScale` > 1 lifts the bound without changing the mean field: Eqs. (5)–(10) use
 * only ⟨ηη⟩ and ⟨ξη⟩ (the variance of ξ never enters), so the overlaps still follow
 * dm/dt = f(|m|) C m − m, with finite-size fluctuations that grow with s.
 */
import type { Rng } from '@neurobridge/core';
import { integerInRange, positiveNumber, show, symmetricEigen } from '@neurobridge/core';
import type { LowRankNetwork } from './network.js';
import { MAX_LOADINGS, optionsWithKeys, rangeScale, squareMatrix, toRows } from '../internal/validate.js';

/**
 * Options of {@link sampleNetwork}: the size n, the overlap matrix C of Eq. (3c), the random source,
 * and the standard deviation of ξ.
 * @category Network
 */
export interface SampleNetworkOptions {
  /** number of neurons, integer ≥ p */
  n: number;
  /** p × p matrix C_μν = ⟨ξ_μ η_ν⟩ (Eq. 3c); ‖C‖₂ ≤ xiScale required */
  C: ArrayLike<ArrayLike<number>>;
  /** random source (core's createRng(seed)) */
  rng: Rng;
  /** standard deviation s of each ξ_{μ,i}; Eq. (3b) is s = 1. @default 1 */
  xiScale?: number;
}

/** Relative slack on ‖C‖₂ ≤ s for rounding in the eigen-decomposition. */
const NORM_SLACK = 1e-12;

/** Gram entries below this fraction of the largest are dropped (see gramRows). */
const NEGLIGIBLE = 1e-280;

/** Entries beyond [1e−75, 1e75] are scaled first: C Cᵀ squares them and its eigen-solve squares again. */
const GRAM_RANGE = 1e75;

/**
 * Largest singular value ‖C‖₂ of a p × p matrix, via the largest eigenvalue of C Cᵀ.
 * @category Network
 */
export function spectralNorm(C: ArrayLike<ArrayLike<number>>): number {
  const { data, p } = squareMatrix('C', C);
  return spectralNormKernel(data, p);
}

/** ‖C‖₂; entries beyond [1e−75, 1e75] are scaled by a power of two first (C Cᵀ would overflow or underflow). */
function spectralNormKernel(Cin: Float64Array, p: number): number {
  const scale = rangeScale(Cin, GRAM_RANGE);
  const C = scale === 1 ? Cin : Cin.map((v) => v / scale);
  const CCt = gramRows(C, p);
  const { values } = symmetricEigen(CCt);
  return scale * Math.sqrt(Math.max(0, values[0]));
}

/** Every key {@link SampleNetworkOptions} accepts. */
export const SAMPLE_NETWORK_OPTION_KEYS: readonly (keyof SampleNetworkOptions)[] = ['n', 'C', 'rng', 'xiScale'];

function gramRows(C: Float64Array, p: number): number[][] {
  const G: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += C[i * p + k] * C[j * p + k];
      row.push(s);
    }
    G.push(row);
  }
  // Entries below 1e−280 of the largest make core's QL iteration fail ("a non-finite value
  // arose": their ratios to the diagonal are subnormal, e.g. [[0, 5e−307], [5e−307, 1e14]]);
  // they move the eigenvalues by less than 1e−280·‖G‖, far below rounding, so they are dropped.
  let max = 0;
  for (const row of G) for (const v of row) max = Math.max(max, Math.abs(v));
  for (const row of G) for (let j = 0; j < p; j++) if (Math.abs(row[j]) < NEGLIGIBLE * max) row[j] = 0;
  return G;
}

/**
 * Samples {eta, xi} (n × p row-major each, see LowRankNetwork) with the covariance of Eq. (3).
 * @category Network
 */
export function sampleNetwork(options: SampleNetworkOptions): LowRankNetwork {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object {n, C, rng}; got ${show(options)}`);
  }
  optionsWithKeys('options', options, SAMPLE_NETWORK_OPTION_KEYS);
  const { data: Cin, p } = squareMatrix('C', options.C);
  const n = integerInRange('n', options.n, 1);
  if (p > n) throw new RangeError(`p (the size of C) must be <= n = ${n} (rank p ≪ n); got p = ${p}`);
  if (n * p > MAX_LOADINGS) {
    throw new RangeError(`n must be <= ${Math.floor(MAX_LOADINGS / p)} for p = ${p}: η and ξ are n × p Float64Arrays of at most ${MAX_LOADINGS} values (1 GiB) each; got n·p = ${n * p}`);
  }
  const rng = options.rng;
  if (rng === null || typeof rng !== 'object' || typeof rng.normals !== 'function') {
    throw new TypeError(`rng must be an Rng from createRng(seed); got ${show(rng)}`);
  }
  const sIn = options.xiScale === undefined ? 1 : positiveNumber('xiScale', options.xiScale);
  // Beyond [1e−75, 1e75], s² and C Cᵀ (squared again in the eigen-solve) leave the range of doubles: L is computed for C/σ, s/σ
  // (σ a power of two, exact) and scaled back, L(C, s) = σ L(C/σ, s/σ). σ = 1 otherwise.
  const sigma = rangeScale([...Cin, sIn], GRAM_RANGE);
  const C = sigma === 1 ? Cin : Cin.map((v) => v / sigma);
  const s = sIn / sigma;

  // S = s² I − C Cᵀ must be PSD: its smallest eigenvalue is s² − ‖C‖₂².
  const S = gramRows(C, p).map((row, i) => row.map((v, j) => (i === j ? s * s : 0) - v));
  const { values, vectors } = symmetricEigen(S);
  const minEig = values[p - 1];
  if (minEig < -NORM_SLACK * s * s) {
    const normC = sigma * Math.sqrt(s * s - minEig);
    throw new RangeError(
      `C must have spectral norm ‖C‖₂ <= xiScale = ${sIn} for a Gaussian with the covariance of Eq. (3) to exist ` +
        `(the joint covariance [[I, Cᵀ], [C, xiScale²·I]] is not positive semi-definite); got ‖C‖₂ = ${normC}. ` +
        `Pass xiScale >= ${normC}: ⟨ξξ⟩ = xiScale²·δ leaves the mean field (Eqs. 8–10) unchanged.`,
    );
  }
  // L = V diag(√max(d, 0)) Vᵀ, row-major
  const L = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const d = sigma * Math.sqrt(Math.max(0, values[k]));
    const v = vectors[k];
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) L[i * p + j] += d * v[i] * v[j];
  }

  const eta = rng.normals(n * p, new Float64Array(n * p));
  const w = rng.normals(n * p, new Float64Array(n * p));
  const xi = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let mu = 0; mu < p; mu++) {
      let acc = 0;
      for (let nu = 0; nu < p; nu++) acc += Cin[mu * p + nu] * eta[o + nu] + L[mu * p + nu] * w[o + nu];
      xi[o + mu] = acc;
    }
  }
  return { n, p, C: toRows(Cin, p), eta, xi, xiScale: sIn };
}
