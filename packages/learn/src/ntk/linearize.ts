import type { Mlp } from '../layered/mlp.js';
import { kernelFromFeatures, type EmpiricalNtk, type NtkOptions } from './empiricalNtk.js';
import { checkWeightChange, layerGammas, readInputs, readTargets, validateNetwork, type NtkInputs, type WeightChange } from './network.js';
import { ntkOptions } from './empiricalNtk.js';
import { finiteVector, show } from '@neurobridge/core';
import { tangentFeatures, type TangentFeatures } from './tangentFeatures.js';
import { matmulNT, matmulTN } from '@neurobridge/core';

/**
 * The first-order model of Eq. (25) around the initial weights w:
 *   f_lin(w + Δw, x) = f(w, x) + Σ_l x̃^l(x)·Δw^l,   x̃^l(x)·Δw^l = ∂f/∂h^lᵀ Δw^l x^{l−1}   (Eqs. 10, 16)
 * with its tangent kernel at the training inputs. Plain data; use `linearizedOutput`,
 * `solveCoefficients`, `weightChange` and `linearizedPredict` on it.
 * @category Tangent kernel
 */
export interface LinearizedModel {
  /** the network at the expansion point (not copied: do not mutate it) */
  net: Mlp;
  /** number of training inputs x_μ, μ = 1..p. */
  p: number;
  /** training inputs, row-major p × sizes[0] */
  inputs: Float64Array;
  /** drives, activities and ∂f/∂h at the training inputs */
  features: TangentFeatures;
  /** f(w, x_μ) */
  f0: Float64Array;
  /** C^l and C = Σ γ^l C^l at the training inputs, Eq. (36) */
  kernel: EmpiricalNtk;
}

/**
 * Linearise `net` around its current weights at the training inputs (one forward/backward pass).
 * @category Tangent kernel
 */
export function linearize(net: Mlp, inputs: NtkInputs, options: NtkOptions = {}): LinearizedModel {
  const K = validateNetwork(net);
  const opts = ntkOptions(options);
  const { data, p } = readInputs(inputs, net.sizes[0], 'inputs', Math.max(...net.sizes));
  const gamma = layerGammas(opts.layerRates, K);
  const features = tangentFeatures(net, data, p);
  const kernel = kernelFromFeatures(net, features, gamma);
  return { net, p, inputs: data, features, f0: Float64Array.from(features.output), kernel };
}

/**
 * Σ_l x̃^l_μ·Δw^l = Σ_l ∂f/∂h^l_μᵀ (Δw^l x^{l−1}_μ + Δb^l) for each μ (Eqs. 10, 16), O(p n²) through
 * X Δwᵀ; into `out` (length p). `scratch` (length >= p · max sizes) avoids allocation in loops.
 */
export function tangentDotChange(
  net: Mlp, tf: TangentFeatures, delta: WeightChange, out = new Float64Array(tf.p),
  scratch = new Float64Array(tf.p * Math.max(...net.sizes)),
): Float64Array {
  const K = net.sizes.length - 1;
  const p = tf.p;
  out.fill(0);
  for (let k = 0; k < K; k++) {
    const nIn = net.sizes[k];
    const nOut = net.sizes[k + 1];
    matmulNT(tf.x[k], delta.weights[k], p, nOut, nIn, scratch);
    const db = net.bias ? delta.biases[k] : undefined;
    const g = tf.g[k];
    for (let mu = 0; mu < p; mu++) {
      let s = 0;
      const o = mu * nOut;
      if (db) for (let i = 0; i < nOut; i++) s += g[o + i] * (scratch[o + i] + db[i]);
      else for (let i = 0; i < nOut; i++) s += g[o + i] * scratch[o + i];
      out[mu] += s;
    }
  }
  return out;
}

/**
 * Adds Σ_μ c_μ ∂f/∂h^k_μ (x^k_μ)ᵀ to D (sizes[k+1] × sizes[k]) and Σ_μ c_μ ∂f/∂h^k_μ to DB (if given):
 * a sum of the tangent features x̃^l_μ of Eq. (16) with weights c_μ. `scratch` length >= p · sizes[k+1].
 */
export function addFeatureCombination(
  net: Mlp, tf: TangentFeatures, k: number, c: ArrayLike<number>, D: Float64Array, DB: Float64Array | undefined, scratch: Float64Array,
): void {
  const nIn = net.sizes[k];
  const nOut = net.sizes[k + 1];
  const p = tf.p;
  const g = tf.g[k];
  for (let mu = 0; mu < p; mu++) {
    const o = mu * nOut;
    const cm = c[mu];
    for (let i = 0; i < nOut; i++) scratch[o + i] = cm * g[o + i];
  }
  matmulTN(scratch, tf.x[k], nOut, nIn, p, D, true);
  if (DB) for (let mu = 0; mu < p; mu++) for (let i = 0; i < nOut; i++) DB[i] += scratch[mu * nOut + i];
}

/**
 * f_lin(w + Δw, x_μ) at the training inputs, Eq. (25).
 * @category Tangent kernel
 */
export function linearizedOutput(model: LinearizedModel, delta: WeightChange): Float64Array {
  checkModel(model);
  checkDelta(model.net, delta);
  const out = tangentDotChange(model.net, model.features, delta);
  for (let mu = 0; mu < model.p; mu++) out[mu] += model.f0[mu];
  return out;
}

/**
 * f_lin(w + Δw, x) at new inputs (held-out data): the first-order model evaluated off the training set.
 * @category Tangent kernel
 */
export function linearizedPredict(model: LinearizedModel, delta: WeightChange, inputs: NtkInputs): Float64Array {
  checkModel(model);
  checkDelta(model.net, delta);
  const { data, p } = readInputs(inputs, model.net.sizes[0], 'inputs', Math.max(...model.net.sizes));
  const tf = tangentFeatures(model.net, data, p);
  const out = tangentDotChange(model.net, tf, delta);
  for (let mu = 0; mu < p; mu++) out[mu] += tf.output[mu];
  return out;
}

/**
 * The linearised loss of Eq. (8): ½ Σ_μ (ỹ_μ − Σ_l x̃^l_μ·Δw^l)², ỹ_μ = y_μ − f(w, x_μ) (Eq. 9a).
 * @category Tangent kernel
 */
export function linearizedLoss(model: LinearizedModel, targets: ArrayLike<number>, delta: WeightChange): number {
  checkModel(model);
  const y = readTargets(targets, model.p);
  const f = linearizedOutput(model, delta);
  let loss = 0;
  for (let mu = 0; mu < model.p; mu++) loss += 0.5 * (y[mu] - f[mu]) ** 2;
  return loss;
}

/**
 * The weight change of Eq. (32), Δw^l = (γ^l / N_l) Σ_μ a_μ x̃^l_μ with x̃^l_μ = ∂f/∂h^l_μ (x^{l−1}_μ)ᵀ
 * (Eq. 16; N_l = fan-in, the document's n); a bias moves by (γ^l / N_l) Σ_μ a_μ ∂f/∂h^l_μ.
 * @category Tangent kernel
 */
export function weightChange(model: LinearizedModel, a: ArrayLike<number>): WeightChange {
  checkModel(model);
  const { net, features: tf, p } = model;
  a = finiteVector('a', a, p);
  const K = net.sizes.length - 1;
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  const scratch = new Float64Array(p * Math.max(...net.sizes));
  const c = new Float64Array(p);
  for (let k = 0; k < K; k++) {
    const scale = model.kernel.gamma[k] / net.sizes[k];
    for (let mu = 0; mu < p; mu++) c[mu] = scale * a[mu];
    const D = new Float64Array(net.sizes[k + 1] * net.sizes[k]);
    const B = net.bias ? new Float64Array(net.sizes[k + 1]) : undefined;
    addFeatureCombination(net, tf, k, c, D, B, scratch);
    weights.push(D);
    if (B) biases.push(B);
  }
  return { weights, biases };
}

function checkDelta(net: Mlp, delta: WeightChange): void {
  checkWeightChange(net, delta);
}

/** A LinearizedModel from `linearize` (its fields are read, never a property of undefined). */
export function checkModel(model: LinearizedModel, name = 'model'): void {
  if (model === null || typeof model !== 'object' || typeof model.p !== 'number' || !model.features || !model.kernel || !(model.f0 instanceof Float64Array)) {
    throw new TypeError(`${name} must be a LinearizedModel from linearize(net, inputs); got ${show(model)}`);
  }
  validateNetwork(model.net, `${name}.net`);
}
