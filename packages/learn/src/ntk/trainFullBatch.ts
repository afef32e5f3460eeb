import type { Mlp } from '../layered/mlp.js';
import { layerGammas, readInputs, readTargets, validateNetwork, zeroWeightChange, type NtkInputs, type WeightChange } from './network.js';
import { addFeatureCombination, tangentDotChange } from './linearize.js';
import { tangentFeatures, tangentFeaturesPass, type TangentFeatures } from './tangentFeatures.js';
import { integerInRange, knownKeys, nonNegativeNumber, positiveNumber, show } from '@neurobridge/core';
import { checkElements, DIVERGENCE_FACTOR, stepCount } from '../internal/check.js';

/**
 * Options of `trainFullBatch`.
 * @category Tangent kernel
 */
export interface TrainFullBatchOptions {
  /** η: the function-space step; layer l's weights move with rate η γ^l / N_l (N_l = fan-in). Required, > 0. */
  learningRate: number;
  /** maximum number of updates. @default 1000 */
  steps?: number;
  /** relative per-layer rates η^l (Eq. 28); γ^l = η^l / Σ η^m (Eq. 33). @default equal */
  layerRates?: ArrayLike<number>;
  /** 'network': gradient descent on the true loss Eq. (6); 'linearized': on the first-order loss Eq. (8). @default 'network' */
  model?: 'network' | 'linearized';
  /** stop ('converged') once the loss is <= tolerance. @default 0 (run all steps) */
  tolerance?: number;
  /** record loss, predictions and |Δw^l| every this many steps (and at the last). @default 1 */
  recordEvery?: number;
}

/**
 * 'converged': loss <= tolerance; 'maxSteps': every step run; 'nonFinite': the loss or the trained
 * weights' passes became non-finite; 'diverged': the loss grew beyond 1e12 · max(1, initial loss).
 * The last two say in `message` that the learning rate is too large.
 * @category Tangent kernel
 */
export type TrainStatus = 'converged' | 'maxSteps' | 'nonFinite' | 'diverged';

/**
 * Trajectory and end state of full-batch gradient descent. Plain data.
 * @category Tangent kernel
 */
export interface TrainFullBatchResult<N extends Mlp> {
  /** how the run ended (`TrainStatus`). */
  status: TrainStatus;
  /** the outcome in words; for 'nonFinite' and 'diverged' it names the step and says η is too large. */
  message: string;
  /** updates performed */
  steps: number;
  /** step index t of each record (loss before update t+1) */
  recordedSteps: Int32Array;
  /** ½ Σ_μ (y_μ − f_μ)² at each record */
  loss: Float64Array;
  /** f(x_μ) on the training inputs at each record */
  predictions: Float64Array[];
  /** deltaNorm[k][r] = |Δw^k|_F (weights only) at record r */
  deltaNorm: Float64Array[];
  /** final Δw = w_T − w_0 */
  weightChange: WeightChange;
  /**
   * a_μ = η Σ_t ε_μ(t): the accumulated errors of Eqs. (30–31) in this normalisation, so that for
   * model 'linearized' Δw^l = (γ^l/N_l) Σ_μ a_μ x̃^l_μ exactly (Eq. 32).
   */
  coefficients: Float64Array;
  /** the network with the final weights (a copy; the input network is untouched) */
  net: N;
}

/**
 * Full-batch gradient descent on the square loss ½ Σ_μ (y_μ − f(x_μ))² with per-layer rates:
 *   Δw^l ← Δw^l + η (γ^l/N_l) Σ_μ ε_μ ∂f/∂h^l_μ (x^{l−1}_μ)ᵀ,   ε_μ = y_μ − f(x_μ)   (Eqs. 27–28)
 * For the linearised model the features stay those of the initial weights and the residual obeys
 * ε ← (I − η C) ε exactly, so it converges for 0 < η < 2/λ_max(C). Divergence surfaces as
 * status 'nonFinite', not as NaN weights returned silently.
 * @category Tangent kernel
 */
export function trainFullBatch<N extends Mlp>(
  net: N,
  inputs: NtkInputs,
  targets: ArrayLike<number>,
  options: TrainFullBatchOptions,
): TrainFullBatchResult<N> {
  const K = validateNetwork(net);
  const { data, p } = readInputs(inputs, net.sizes[0], 'inputs', Math.max(...net.sizes));
  const y = readTargets(targets, p);
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object with learningRate; got ${show(options)}`);
  knownKeys('options', options, ['learningRate', 'steps', 'layerRates', 'model', 'tolerance', 'recordEvery']);
  const eta = positiveNumber('options.learningRate', options.learningRate);
  const maxSteps = options.steps === undefined ? 1000 : stepCount('options.steps', options.steps);
  const every = options.recordEvery === undefined ? 1 : integerInRange('options.recordEvery', options.recordEvery, 1);
  const tol = options.tolerance === undefined ? 0 : nonNegativeNumber('options.tolerance', options.tolerance);
  const mode = options.model ?? 'network';
  if (mode !== 'network' && mode !== 'linearized') throw new TypeError(`options.model must be 'network' or 'linearized'; got ${show(mode)}`);
  // every record keeps p predictions: (steps / recordEvery + 2) × p doubles in all
  checkElements(`recorded predictions (options.steps / options.recordEvery + 2) × p = ${Math.floor(maxSteps / every) + 2} × ${p}`, (Math.floor(maxSteps / every) + 2) * p);
  const gamma = layerGammas(options.layerRates, K);
  const rate = Float64Array.from(gamma, (g, k) => (eta * g) / net.sizes[k]);

  const current: N = { ...net, weights: net.weights.map((w) => Float64Array.from(w)), biases: net.bias ? net.biases.map((b) => Float64Array.from(b)) : [] };
  const delta = zeroWeightChange(net);
  const coefficients = new Float64Array(p);
  const eps = new Float64Array(p);
  const fLin = new Float64Array(p);
  const c = new Float64Array(p);
  const scratch = new Float64Array(p * Math.max(...net.sizes));
  const grad = zeroWeightChange(net);
  const initial = tangentFeatures(net, data, p);
  const f0 = Float64Array.from(initial.output);
  // 'linearized' keeps the initial features; 'network' recomputes them in place every step
  let tf: TangentFeatures = initial;

  const recordedSteps: number[] = [];
  const loss: number[] = [];
  const predictions: Float64Array[] = [];
  const norms: number[][] = Array.from({ length: K }, () => []);
  let status: TrainStatus = 'maxSteps';
  let message = `stopped after steps = ${maxSteps} updates`;
  let t = 0;
  let L0 = 0;
  for (;;) {
    let f: Float64Array;
    if (mode === 'network') {
      if (t > 0) {
        const r = tangentFeaturesPass(current, data, p, tf);
        tf = r.tf;
        if (r.bad >= 0) {
          status = 'nonFinite';
          message = `the trained weights overflowed at step ${t} (${r.forward ? 'pre-activations' : 'sensitivities ∂f/∂h'} of layer ${r.bad} non-finite): learningRate ${eta} too large`;
          break;
        }
      }
      f = tf.output;
    } else {
      tangentDotChange(net, initial, delta, fLin, scratch);
      for (let mu = 0; mu < p; mu++) fLin[mu] += f0[mu];
      f = fLin;
    }
    let L = 0;
    for (let mu = 0; mu < p; mu++) {
      eps[mu] = y[mu] - f[mu];
      L += 0.5 * eps[mu] * eps[mu];
    }
    const finite = Number.isFinite(L);
    if (t === 0) L0 = L;
    const diverged = finite && t > 0 && L > DIVERGENCE_FACTOR * Math.max(1, L0);
    const done = !finite || diverged || L <= tol || t >= maxSteps;
    if (t % every === 0 || done) {
      recordedSteps.push(t);
      loss.push(L);
      predictions.push(Float64Array.from(f));
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (const v of delta.weights[k]) s += v * v;
        norms[k].push(Math.sqrt(s));
      }
    }
    if (!finite) {
      status = 'nonFinite';
      message = `loss became ${L} at step ${t}: learningRate ${eta} too large (linearised dynamics need η < 2/λ_max(C))`;
      break;
    }
    if (diverged) {
      status = 'diverged';
      message = `loss ${L.toExponential(3)} at step ${t}, more than ${DIVERGENCE_FACTOR} × max(1, initial loss ${L0.toExponential(3)}): learningRate ${eta} too large (linearised dynamics need η < 2/λ_max(C))`;
      break;
    }
    if (L <= tol) {
      status = 'converged';
      message = `loss ${L.toExponential(3)} <= tolerance ${tol} after ${t} updates`;
      break;
    }
    if (t >= maxSteps) break;
    for (let mu = 0; mu < p; mu++) coefficients[mu] += eta * eps[mu];
    for (let k = 0; k < K; k++) {
      for (let mu = 0; mu < p; mu++) c[mu] = rate[k] * eps[mu];
      const D = grad.weights[k];
      D.fill(0);
      const DB = net.bias ? grad.biases[k].fill(0) : undefined;
      addFeatureCombination(net, tf, k, c, D, DB, scratch);
      const W = current.weights[k];
      const DW = delta.weights[k];
      for (let q = 0; q < D.length; q++) {
        W[q] += D[q];
        DW[q] += D[q];
      }
      if (DB) {
        const B = current.biases[k];
        const DBacc = delta.biases[k];
        for (let i = 0; i < DB.length; i++) {
          B[i] += DB[i];
          DBacc[i] += DB[i];
        }
      }
    }
    t++;
  }
  return {
    status,
    message,
    steps: t,
    recordedSteps: Int32Array.from(recordedSteps),
    loss: Float64Array.from(loss),
    predictions,
    deltaNorm: norms.map((r) => Float64Array.from(r)),
    weightChange: delta,
    coefficients,
    net: current,
  };
}
