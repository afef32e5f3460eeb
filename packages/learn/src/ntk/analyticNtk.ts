import type { Activation } from '@neurobridge/core';
import type { NtkOptions, NtkResult } from './empiricalNtk.js';
import { erfMoments, quadratureMoments, reluMoments, type MomentsFn } from './gaussianMoments.js';
import { layerGammas, type NtkInputs } from './network.js';
import { integerInRange, knownKeys, nonNegativeNumber, positiveNumber, show } from '@neurobridge/core';
import { entry } from '../internal/check.js';
import { checkNtkSize } from './network.js';

/**
 * The infinite-width network whose kernel `analyticNtk` computes.
 * @category Tangent kernel
 */
export interface AnalyticNtkSpec extends NtkOptions {
  /** number of hidden layers L (the document's L; K = L + 1 weight layers with the readout) */
  depth: number;
  /**
   * 'relu' and 'erf': closed forms; an Activation object: Gauss–Hermite quadrature
   * (smooth activations such as tanh).
   */
  activation: 'relu' | 'erf' | Pick<Activation, 'f' | 'df'>;
  /** σ_w²: every weight (readout included) is N(0, σ_w²/fan-in). @default 1 (LeCun, init 'lecun') */
  weightVariance?: number;
  /** σ_b²: biases N(0, σ_b²) in the hidden layers. @default 0 */
  biasVariance?: number;
  /** quadrature order for an Activation object. @default 64 */
  quadratureOrder?: number;
}

/**
 * The limit kernel with the covariances of the drives h^l, Σ^l (p × p each, l = 1..L).
 * @category Tangent kernel
 */
export interface AnalyticNtk extends NtkResult {
  /** Σ^l = σ_w² Q^{l−1} + σ_b² (Σ^1 = σ_w² X Xᵀ/d + σ_b²), p × p row-major; entry l−1 holds Σ^l, l = 1..L. */
  driveCovariance: Float64Array[];
}

/**
 * The infinite-width (n → ∞) limit of `empiricalNtk`, same normalisation (fan-in N_l):
 *
 *   Σ^1_μν = σ_w² x_μ·x_ν / d + σ_b²,     Q^0_μν = x_μ·x_ν / d
 *   Q^l_μν = E[φ(u)φ(v)],  Q̇^l_μν = E[φ'(u)φ'(v)],  (u, v) ~ N(0, Σ^l restricted to μ, ν)
 *   Σ^{l+1} = σ_w² Q^l + σ_b²
 *   Π^{L+1} = 1,   Π^l = Π^{l+1} ⊙ σ_w² Q̇^l           (limit of ∂f/∂h^l_μ · ∂f/∂h^l_ν, Eq. 18)
 *   C^l = Π^l ⊙ Q^{l−1},   C = Σ_l γ^l C^l            (limit of Eqs. 16, 13, 36)
 *
 * The first factor follows from Eq. (18) with independent weights (the argument of Q7): the
 * sum over n terms w_ij² φ'φ' concentrates on σ_w² E[φ'φ']. A bias term of the empirical kernel
 * (∂f/∂h·∂f/∂h / N_l) vanishes in the limit and is not included.
 * @category Tangent kernel
 */
export function analyticNtk(spec: AnalyticNtkSpec, inputs: NtkInputs): AnalyticNtk {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`spec must be an object; got ${show(spec)}`);
  knownKeys('spec', spec, ['depth', 'activation', 'weightVariance', 'biasVariance', 'quadratureOrder', 'layerRates']);
  // depth L costs L passes over the p × p matrices; 10⁴ layers is far beyond any use (the exam's are ≤ 4)
  const L = integerInRange('spec.depth', spec.depth, 1, 10_000);
  const sw = spec.weightVariance === undefined ? 1 : positiveNumber('spec.weightVariance', spec.weightVariance);
  const sb = spec.biasVariance === undefined ? 0 : nonNegativeNumber('spec.biasVariance', spec.biasVariance);
  let moments: MomentsFn;
  if (spec.activation === 'relu') moments = reluMoments;
  else if (spec.activation === 'erf') moments = erfMoments;
  else if (spec.activation && typeof spec.activation === 'object' && typeof spec.activation.f === 'function' && typeof spec.activation.df === 'function') {
    // order² activation calls per kernel entry: order ≤ 256 keeps p = 100, depth 2 under ≈ 10⁹ calls
    const order = spec.quadratureOrder === undefined ? 64 : integerInRange('spec.quadratureOrder', spec.quadratureOrder, 2, 256);
    moments = quadratureMoments(spec.activation, order);
  } else {
    throw new TypeError(`spec.activation must be 'relu', 'erf' or an Activation; got ${show(spec.activation)}`);
  }
  const { data, p, d } = readAnyInputs(inputs);
  const K = L + 1;
  const gamma = layerGammas(spec.layerRates, K);

  // Q[0] = X Xᵀ/d; Q[l], Qdot[l] for the hidden layers l = 1..L
  const Q: Float64Array[] = [new Float64Array(p * p)];
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += data[a * d + j] * data[b * d + j];
      Q[0][a * p + b] = Q[0][b * p + a] = s / d;
    }
  }
  const Qdot: Float64Array[] = [new Float64Array(0)];
  const driveCovariance: Float64Array[] = [];
  for (let l = 1; l <= L; l++) {
    const S = new Float64Array(p * p);
    for (let i = 0; i < p * p; i++) S[i] = sw * Q[l - 1][i] + sb;
    driveCovariance.push(S);
    const q = new Float64Array(p * p);
    const qd = new Float64Array(p * p);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        const m = moments(S[a * p + a], S[b * p + b], S[a * p + b]);
        q[a * p + b] = q[b * p + a] = m.q;
        qd[a * p + b] = qd[b * p + a] = m.qDot;
      }
    }
    Q.push(q);
    Qdot.push(qd);
  }
  // Π backwards from the readout; C^l = Π^l ⊙ Q^{l−1} (l = 1..L+1 ↔ index l−1)
  const perLayer: Float64Array[] = new Array(K);
  let Pi = new Float64Array(p * p).fill(1);
  perLayer[K - 1] = Float64Array.from(Q[L]);
  for (let l = L; l >= 1; l--) {
    const next = new Float64Array(p * p);
    for (let i = 0; i < p * p; i++) next[i] = Pi[i] * sw * Qdot[l][i];
    Pi = next;
    const C = new Float64Array(p * p);
    for (let i = 0; i < p * p; i++) C[i] = Pi[i] * Q[l - 1][i];
    perLayer[l - 1] = C;
  }
  const total = new Float64Array(p * p);
  for (let k = 0; k < K; k++) for (let i = 0; i < p * p; i++) total[i] += gamma[k] * perLayer[k][i];
  return { p, gamma, perLayer, total, driveCovariance };
}

function readAnyInputs(inputs: NtkInputs): { data: Float64Array; p: number; d: number } {
  if (inputs instanceof Float64Array) {
    throw new TypeError('analyticNtk needs inputs as an array of vectors (the dimension is not known from a flat Float64Array)');
  }
  if (!Array.isArray(inputs)) throw new TypeError(`inputs must be an array of input vectors; got ${show(inputs)}`);
  const p = inputs.length;
  if (p === 0) throw new RangeError('inputs must hold at least one example; got 0');
  const first = inputs[0] as unknown;
  if (first === null || typeof first !== 'object' || typeof (first as ArrayLike<number>).length !== 'number') throw new TypeError(`inputs[0] must be an array of numbers; got ${show(first)}`);
  const d = (first as ArrayLike<number>).length;
  if (d < 1) throw new RangeError(`inputs[0] must be a non-empty vector; got length ${d}`);
  checkNtkSize('inputs', p, d);
  const data = new Float64Array(p * d);
  for (let mu = 0; mu < p; mu++) {
    const row = inputs[mu] as unknown as ArrayLike<unknown> | null;
    if (row === null || typeof row !== 'object') throw new TypeError(`inputs[${mu}] must be an array of numbers; got ${show(row)}`);
    if (row.length !== d) throw new RangeError(`inputs[${mu}] must have length ${d} (as inputs[0]); got ${row.length}`);
    for (let j = 0; j < d; j++) data[mu * d + j] = entry(`inputs[${mu}][${j}]`, row[j]);
  }
  return { data, p, d };
}
