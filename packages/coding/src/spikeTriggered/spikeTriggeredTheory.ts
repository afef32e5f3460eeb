import {
  choleskyFactor, functionArg, gaussHermite, integerInRange, knownKeys, show, symmetricEigen, type MatrixInput,
} from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { checkFilters, type Nonlinearity } from './lnModel.js';
import { rowsOf, squareRows } from './spikeTriggered.js';

/**
 * Largest number of quadrature points order^m of the tensor rule.
 * @category Spike-triggered analysis
 */
export const MAX_QUADRATURE_POINTS = 1e6;

/**
 * Options of predictSpikeTriggered: the model E[w | x] = F(Kᵀx), the stimulus covariance and the rule's order.
 * @category Spike-triggered analysis
 */
export interface PredictSpikeTriggeredOptions {
  /** the filters k_1…k_m (1 ≤ m ≤ 3) spanning the relevant subspace, each a D-vector. */
  readonly filters: readonly ArrayLike<number>[];
  /** F(u) = E[w | x] with u = Kᵀx: finite and ≥ 0 (an expected count or joint weight). */
  readonly weight: Nonlinearity;
  /** ∇_u F, for the Stein's-lemma form of the STA (optional; returns an m-vector). */
  readonly gradient?: (projection: Float64Array) => ArrayLike<number>;
  /** stimulus covariance Σ (D×D); x ~ N(0, Σ). @default the identity (white) */
  readonly covariance?: MatrixInput;
  /** Gauss–Hermite order n per dimension (n^m points, ≤ MAX_QUADRATURE_POINTS). @default 64 */
  readonly order?: number;
}

/**
 * The STA and STC that predictSpikeTriggered predicts for a Gaussian stimulus, in closed form up to quadrature.
 * @category Spike-triggered analysis
 */
export interface SpikeTriggeredPrediction {
  /** E[F] */
  readonly meanWeight: number;
  /** predicted STA = E[x F]/E[F] = Σ K G⁻¹ E[u F]/E[F] (D-vector), G = KᵀΣK */
  readonly sta: Float64Array;
  /** Stein's lemma: E[x F]/E[F] = Σ K E[∇_u F]/E[F], when options.gradient is given */
  readonly steinSta?: Float64Array;
  /** predicted ΔC = E[(x − STA)(x − STA)ᵀ F]/E[F] − Σ, row-major D×D */
  readonly covariance: Float64Array;
  /** eigenvalues of ΔC, descending (at most m non-zero) */
  readonly eigenvalues: Float64Array;
  /** unit eigenvectors of ΔC, in the order of `eigenvalues` (core's symmetricEigen sign convention) */
  readonly eigenvectors: Float64Array[];
  /** the weighted ensemble in projection space: mean E[uF]/E[F] and covariance V (m×m rows) */
  readonly projected: {
    /** μ_u = E[uF]/E[F], an m-vector */
    readonly mean: Float64Array;
    /** V = E[uuᵀF]/E[F] − μ_u μ_uᵀ, m×m rows */
    readonly covariance: number[][];
  };
}

/**
 * Predicted spike-triggered average and covariance of a weighted ensemble of Gaussian
 * stimuli x ~ N(0, Σ) with E[w | x] = F(Kᵀx), by tensor Gauss–Hermite quadrature over
 * u = Kᵀx ~ N(0, G), G = KᵀΣK (u = L z, G = L Lᵀ, z on the probabilists' rule of core's
 * `gaussHermite`). Given u, x ~ N(A u, Σ − A G Aᵀ) with A = ΣK G⁻¹, so
 *   STA = A·E[uF]/E[F],   ΔC = A (V − G) Aᵀ,   V = E[uuᵀF]/E[F] − μ_u μ_uᵀ;
 * ΔC lives in span(ΣK) (span K when white). For white x and orthonormal K this is
 * Stein's lemma E[xF] = Σ_i k_i E[∂_i F] (Gatsby 2021 Q3.4) and Q3.5's statement that ΔC is
 * supported on span K.
 * Accuracy: to rounding for smooth F (polynomials up to degree 2·order − 1, exponentials);
 * for a kink (rectifier, threshold) the error decays only like 1/order (≈ 0.5/order for
 * max(0, u)): raise `order` or split the integral at the kink.
 * @throws TypeError/RangeError for unknown keys, bad filters, a bad order, a negative or
 *   non-finite F (naming the node), or E[F] = 0.
 * @category Spike-triggered analysis
 */
export function predictSpikeTriggered(options: PredictSpikeTriggeredOptions): SpikeTriggeredPrediction {
  const opts = knownKeys('options', optionsObject('options', options), ['filters', 'weight', 'gradient', 'covariance', 'order']);
  const filters = opts.filters as readonly ArrayLike<number>[];
  const dim = Array.isArray(filters) && filters.length > 0 && filters[0] !== null && typeof filters[0] === 'object' ? filters[0].length : 0;
  const K = checkFilters('options.filters', filters, Math.max(dim, 1));
  const m = K.length;
  if (m > 3) throw new RangeError(`options.filters must hold 1 to 3 filters for the tensor rule; got ${m}`);
  const F = functionArg('options.weight', opts.weight as Nonlinearity);
  const gradient = opts.gradient === undefined ? undefined : functionArg('options.gradient', opts.gradient);
  const order = opts.order === undefined ? 64 : integerInRange('options.order', opts.order, 1, Math.floor(MAX_QUADRATURE_POINTS ** (1 / m) + 1e-9));
  const sigma = opts.covariance === undefined ? undefined : squareRows('options.covariance', opts.covariance, dim);
  if (sigma) choleskyFactor(rowsOf(sigma, dim), 'options.covariance'); // x ~ N(0, Σ) needs Σ positive definite
  const sk = K.map((k) => (sigma ? matVec(sigma, k) : Float64Array.from(k))); // Σ k_a
  const G = K.map((ka) => sk.map((skb) => dotOf(ka, skb)));
  const moments = projectedMoments(F, gradient, G, order);
  return assemble(dim, sk, G, moments);
}

interface ProjectedMoments {
  ef: number;
  eu: Float64Array;
  euu: Float64Array; // m×m row-major
  egrad?: Float64Array;
}

/** E[F], E[uF], E[uuᵀF] (and E[∇F]) for u ~ N(0, G) on the tensor Gauss–Hermite grid. */
function projectedMoments(F: Nonlinearity, gradient: PredictSpikeTriggeredOptions['gradient'], G: number[][], order: number): ProjectedMoments {
  const m = G.length;
  const { l } = choleskyFactor(G, 'KᵀΣK (the filters must be linearly independent)');
  const { nodes, weights } = gaussHermite(order);
  const u = new Float64Array(m);
  const eu = new Float64Array(m), euu = new Float64Array(m * m), egrad = gradient ? new Float64Array(m) : undefined;
  let ef = 0;
  const digits = new Int32Array(m);
  for (let p = 0; p < order ** m; p++) {
    let w = 1, rest = p;
    for (let a = 0; a < m; a++) { digits[a] = rest % order; rest = Math.floor(rest / order); w *= weights[digits[a]]; }
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += l[a * m + b] * nodes[digits[b]];
      u[a] = s;
    }
    const f = F(u);
    if (typeof f !== 'number' || !(f >= 0) || f === Infinity) {
      throw new RangeError(`options.weight must return a finite value >= 0; got ${show(f)} at u = (${Array.from(u, (v) => v.toPrecision(6)).join(', ')})`);
    }
    const wf = w * f;
    ef += wf;
    for (let a = 0; a < m; a++) {
      eu[a] += wf * u[a];
      for (let b = 0; b < m; b++) euu[a * m + b] += wf * u[a] * u[b];
    }
    if (gradient && egrad) addGradient(gradient, u, w, egrad);
  }
  if (!(ef > 0)) throw new RangeError(`options.weight must have E[F] > 0 under the stimulus distribution; got ${ef}`);
  return { ef, eu, euu, egrad };
}

function addGradient(gradient: NonNullable<PredictSpikeTriggeredOptions['gradient']>, u: Float64Array, w: number, out: Float64Array): void {
  const g = gradient(u);
  for (let a = 0; a < out.length; a++) {
    if (typeof g[a] !== 'number' || !Number.isFinite(g[a])) throw new RangeError(`options.gradient must return ${out.length} finite numbers; got ${show(g[a])} at index ${a}`);
    out[a] += w * g[a];
  }
}

/** STA = A μ_u, ΔC = A (V − G) Aᵀ with A = ΣK G⁻¹, and the eigen-decomposition of ΔC. */
function assemble(dim: number, sk: Float64Array[], G: number[][], mo: ProjectedMoments): SpikeTriggeredPrediction {
  const m = G.length;
  const Ginv = invertSmall(G);
  const A = sk.map((_, b) => { // column b of A = Σ_a (ΣK)_a (G⁻¹)_{ab}
    const col = new Float64Array(dim);
    for (let a = 0; a < m; a++) for (let i = 0; i < dim; i++) col[i] += sk[a][i] * Ginv[a][b];
    return col;
  });
  const mu = mo.eu.map((v) => v / mo.ef);
  const V = G.map((row, a) => row.map((_, b) => mo.euu[a * m + b] / mo.ef - mu[a] * mu[b]));
  const sta = combine(A, mu, dim);
  const covariance = new Float64Array(dim * dim);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const c = V[a][b] - G[a][b];
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) covariance[i * dim + j] += A[a][i] * c * A[b][j];
    }
  }
  symmetrizeInPlace(covariance, dim);
  const { values, vectors } = symmetricEigen(rowsOf(covariance, dim));
  const steinSta = mo.egrad ? combine(sk, mo.egrad.map((v) => v / mo.ef), dim) : undefined;
  return { meanWeight: mo.ef, sta, steinSta, covariance, eigenvalues: values, eigenvectors: vectors, projected: { mean: mu, covariance: V } };
}

/** Σ_a c_a v_a */
function combine(vs: Float64Array[], c: ArrayLike<number>, dim: number): Float64Array {
  const out = new Float64Array(dim);
  vs.forEach((v, a) => { for (let i = 0; i < dim; i++) out[i] += c[a] * v[i]; });
  return out;
}

/** Inverse of a small SPD matrix through its Cholesky factor (columns of G⁻¹ by two triangular solves). */
function invertSmall(G: number[][]): number[][] {
  const m = G.length;
  const { l } = choleskyFactor(G, 'KᵀΣK');
  return Array.from({ length: m }, (_, c) => {
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= l[i * m + k] * y[k];
      y[i] = s / l[i * m + i];
    }
    const x = new Float64Array(m);
    for (let i = m - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
      x[i] = s / l[i * m + i];
    }
    return Array.from(x);
  }); // column c of G⁻¹ = row c (symmetric)
}

function symmetrizeInPlace(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { const v = 0.5 * (a[i * n + j] + a[j * n + i]); a[i * n + j] = v; a[j * n + i] = v; }
}

function matVec(a: Float64Array, v: Float64Array): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += a[i * n + j] * v[j]; out[i] = s; }
  return out;
}

function dotOf(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}
