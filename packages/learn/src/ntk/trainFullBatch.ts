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
  const o = readTrainOptions(options, net, K, p);
  const s = startTraining(net, data, p, o);
  for (;;) {
    const f = currentOutput(s, net, data, o);
    if (f === null) break;
    const L = squareLoss(y, f, s.eps);
    if (s.t === 0) s.L0 = L;
    const done = stopsAt(s, L, o);
    if (s.t % o.every === 0 || done) recordState(s, L, f);
    if (done) break;
    gradientStep(s, net, o);
    s.t++;
  }
  return {
    status: s.status,
    message: s.message,
    steps: s.t,
    recordedSteps: Int32Array.from(s.recordedSteps),
    loss: Float64Array.from(s.loss),
    predictions: s.predictions,
    deltaNorm: s.norms.map((r) => Float64Array.from(r)),
    weightChange: s.delta,
    coefficients: s.coefficients,
    net: s.current,
  };
}

/** Validated options of one run, with the per-layer step rate^l = η γ^l / N_l. */
interface TrainSettings {
  readonly eta: number;
  readonly maxSteps: number;
  readonly every: number;
  readonly tol: number;
  readonly mode: 'network' | 'linearized';
  readonly rate: Float64Array;
}

/** Validation phase of the options (after the network, inputs and targets), defaults applied. */
function readTrainOptions(options: TrainFullBatchOptions, net: Mlp, K: number, p: number): TrainSettings {
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
  return { eta, maxSteps, every, tol, mode, rate };
}

/** State of one run: trained copy w, Δw = w − w_0, buffers, tangent features, records, step t. */
interface Training<N extends Mlp> {
  readonly current: N;
  readonly delta: WeightChange;
  readonly grad: WeightChange;
  /** a_μ = η Σ_t ε_μ(t). */
  readonly coefficients: Float64Array;
  /** ε_μ = y_μ − f(x_μ) at step t. */
  readonly eps: Float64Array;
  readonly fLin: Float64Array<ArrayBuffer>;
  readonly c: Float64Array;
  readonly scratch: Float64Array<ArrayBuffer>;
  readonly initial: TangentFeatures;
  /** f(w_0, x_μ). */
  readonly f0: Float64Array;
  /** 'linearized' keeps the initial features; 'network' recomputes them in place every step */
  tf: TangentFeatures;
  readonly recordedSteps: number[];
  readonly loss: number[];
  readonly predictions: Float64Array[];
  readonly norms: number[][];
  status: TrainStatus;
  message: string;
  t: number;
  /** the loss at t = 0. */
  L0: number;
}

/** Setup phase: w = w_0 copied, Δw = 0, the initial tangent features, empty records, status 'maxSteps'. */
function startTraining<N extends Mlp>(net: N, data: Float64Array, p: number, o: TrainSettings): Training<N> {
  const K = o.rate.length;
  const initial = tangentFeatures(net, data, p);
  return {
    current: { ...net, weights: net.weights.map((w) => Float64Array.from(w)), biases: net.bias ? net.biases.map((b) => Float64Array.from(b)) : [] },
    delta: zeroWeightChange(net),
    coefficients: new Float64Array(p),
    eps: new Float64Array(p),
    fLin: new Float64Array(p),
    c: new Float64Array(p),
    scratch: new Float64Array(p * Math.max(...net.sizes)),
    grad: zeroWeightChange(net),
    initial,
    f0: Float64Array.from(initial.output),
    tf: initial,
    recordedSteps: [],
    loss: [],
    predictions: [],
    norms: Array.from({ length: K }, () => []),
    status: 'maxSteps',
    message: `stopped after steps = ${o.maxSteps} updates`,
    t: 0,
    L0: 0,
  };
}

/**
 * f(x_μ) at step t: model 'network' recomputes the tangent features at the trained weights (from
 * t = 1 on; null with status 'nonFinite' when a pass overflows); 'linearized' gives
 * f_lin = f_0 + Σ_l ⟨∂f/∂w^l, Δw^l⟩ (Eq. 8) with the initial features.
 */
function currentOutput<N extends Mlp>(s: Training<N>, net: N, data: Float64Array, o: TrainSettings): Float64Array | null {
  const p = s.eps.length;
  if (o.mode === 'network') {
    if (s.t > 0) {
      const r = tangentFeaturesPass(s.current, data, p, s.tf);
      s.tf = r.tf;
      if (r.bad >= 0) {
        s.status = 'nonFinite';
        s.message = `the trained weights overflowed at step ${s.t} (${r.forward ? 'pre-activations' : 'sensitivities ∂f/∂h'} of layer ${r.bad} non-finite): learningRate ${o.eta} too large`;
        return null;
      }
    }
    return s.tf.output;
  }
  tangentDotChange(net, s.initial, s.delta, s.fLin, s.scratch);
  for (let mu = 0; mu < p; mu++) s.fLin[mu] += s.f0[mu];
  return s.fLin;
}

/** ε_μ = y_μ − f_μ into eps; returns the loss ½ Σ_μ ε_μ² (Eq. 6, or Eq. 8 for f = f_lin). */
function squareLoss(y: Float64Array, f: Float64Array, eps: Float64Array): number {
  let L = 0;
  for (let mu = 0; mu < eps.length; mu++) {
    eps[mu] = y[mu] - f[mu];
    L += 0.5 * eps[mu] * eps[mu];
  }
  return L;
}

/**
 * Whether the run ends at step t with loss L, setting status and message: 'nonFinite' (L not
 * finite), 'diverged' (L > DIVERGENCE_FACTOR · max(1, L0) after t = 0), 'converged' (L ≤ tol), or
 * the preset 'maxSteps' once t = steps.
 */
function stopsAt<N extends Mlp>(s: Training<N>, L: number, o: TrainSettings): boolean {
  const { t, L0 } = s;
  if (!Number.isFinite(L)) {
    s.status = 'nonFinite';
    s.message = `loss became ${L} at step ${t}: learningRate ${o.eta} too large (linearised dynamics need η < 2/λ_max(C))`;
  } else if (t > 0 && L > DIVERGENCE_FACTOR * Math.max(1, L0)) {
    s.status = 'diverged';
    s.message = `loss ${L.toExponential(3)} at step ${t}, more than ${DIVERGENCE_FACTOR} × max(1, initial loss ${L0.toExponential(3)}): learningRate ${o.eta} too large (linearised dynamics need η < 2/λ_max(C))`;
  } else if (L <= o.tol) {
    s.status = 'converged';
    s.message = `loss ${L.toExponential(3)} <= tolerance ${o.tol} after ${t} updates`;
  } else {
    return t >= o.maxSteps;
  }
  return true;
}

/** One record: step t, loss L, predictions f_μ and |Δw^l|_F per layer. */
function recordState<N extends Mlp>(s: Training<N>, L: number, f: Float64Array): void {
  s.recordedSteps.push(s.t);
  s.loss.push(L);
  s.predictions.push(Float64Array.from(f));
  for (let k = 0; k < s.norms.length; k++) {
    let sum = 0;
    for (const v of s.delta.weights[k]) sum += v * v;
    s.norms[k].push(Math.sqrt(sum));
  }
}

/**
 * One update, Eqs. (27–28): a_μ += η ε_μ, then per layer the step
 * (η γ^l/N_l) Σ_μ ε_μ ∂f/∂h^l_μ (x^{l−1}_μ)ᵀ is added to w^l and to Δw^l (biases alike).
 */
function gradientStep<N extends Mlp>(s: Training<N>, net: N, o: TrainSettings): void {
  const { eps, c, grad } = s;
  const p = eps.length;
  for (let mu = 0; mu < p; mu++) s.coefficients[mu] += o.eta * eps[mu];
  for (let k = 0; k < o.rate.length; k++) {
    for (let mu = 0; mu < p; mu++) c[mu] = o.rate[k] * eps[mu];
    const D = grad.weights[k];
    D.fill(0);
    const DB = net.bias ? grad.biases[k].fill(0) : undefined;
    addFeatureCombination(net, s.tf, k, c, D, DB, s.scratch);
    addInPlace(s.current.weights[k], s.delta.weights[k], D);
    if (DB) addInPlace(s.current.biases[k], s.delta.biases[k], DB);
  }
}

/** W += D and DW += D, elementwise. */
function addInPlace(W: Float64Array, DW: Float64Array, D: Float64Array): void {
  for (let q = 0; q < D.length; q++) {
    W[q] += D[q];
    DW[q] += D[q];
  }
}
