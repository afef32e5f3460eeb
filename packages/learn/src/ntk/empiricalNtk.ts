import type { Mlp } from '../mlp.js';
import { layerGammas, readInputs, validateNetwork, type NtkInputs } from './network.js';
import { rowGram, tangentFeatures, type TangentFeatures } from './tangentFeatures.js';

/** Options shared by the kernel functions. */
export interface NtkOptions {
  /**
   * Per-layer learning rates η^l, one per weight layer (readout last); only their ratios
   * matter: γ^l = η^l / Σ_m η^m (Eq. 33). @default equal rates, γ^l = 1/K
   */
  layerRates?: ArrayLike<number>;
}

/** A tangent kernel on p inputs: per-layer Gram matrices and their γ-weighted sum, p × p row-major. */
export interface NtkResult {
  p: number;
  /** γ^l, Eq. (33); sums to 1 */
  gamma: Float64Array;
  /** C^l_μν = x̃^l_μ·x̃^l_ν / N_l (Eq. 13 with N_l = fan-in of layer l) */
  perLayer: Float64Array[];
  /** C_μν = Σ_l γ^l C^l_μν, Eq. (36) */
  total: Float64Array;
}

/** The empirical kernel with the network outputs f(w, x_μ) at the same inputs. */
export interface EmpiricalNtk extends NtkResult {
  output: Float64Array;
}

/**
 * The empirical neural tangent kernel, Eqs. (13) and (36), from the factorisation Eq. (16):
 *
 *   x̃^l_μ·x̃^l_ν = (∂f/∂h^l_μ · ∂f/∂h^l_ν)(x^{l−1}_μ · x^{l−1}_ν)   [+ ∂f/∂h^l_μ·∂f/∂h^l_ν for a bias],
 *   C^l_μν = x̃^l_μ·x̃^l_ν / N_l,   C = Σ_l γ^l C^l.
 *
 * Normalisation: N_l is the fan-in of layer l (sizes[k] for weights[k]). For the hidden layers and the readout
 * of a network whose layers all have n units this is the document's 1/n; for the first layer
 * it is the input dimension (equal to n in the document, where every layer, input included, has
 * n units). With it and equal rates, K·C (K weight layers) is the kernel Σ_l C^l of Jacot et al.
 * (NTK parameterisation); and a weight change Δw^l = (γ^l/N_l) Σ_μ a_μ x̃^l_μ (Eq. 32) is what full-batch
 * gradient descent with per-layer rates η γ^l / N_l produces (see `trainFullBatch`).
 *
 * Cost: one forward and backward pass, O(p Σ_l n_l n_{l−1}), plus two p × p Gram matrices per layer,
 * O(p² n); never the O(p² n²) contraction of per-example gradients (`explicitNtk`).
 */
export function empiricalNtk(net: Mlp, inputs: NtkInputs, options: NtkOptions = {}): EmpiricalNtk {
  const K = validateNetwork(net);
  const { data, p } = readInputs(inputs, net.sizes[0]);
  const gamma = layerGammas(options.layerRates, K);
  return kernelFromFeatures(net, tangentFeatures(net, data, p), gamma);
}

/** Eq. (16)/(36) from already computed tangent features (shared by `linearize`). */
export function kernelFromFeatures(net: Mlp, tf: TangentFeatures, gamma: Float64Array): EmpiricalNtk {
  const K = net.sizes.length - 1;
  const p = tf.p;
  const perLayer: Float64Array[] = [];
  const total = new Float64Array(p * p);
  const gx = new Float64Array(p * p);
  const biasTerm = net.bias ? 1 : 0;
  for (let k = 0; k < K; k++) {
    const fanIn = net.sizes[k];
    const Ck = rowGram(tf.g[k], p, net.sizes[k + 1]);
    rowGram(tf.x[k], p, fanIn, gx);
    for (let i = 0; i < p * p; i++) {
      Ck[i] = (Ck[i] * (gx[i] + biasTerm)) / fanIn;
      total[i] += gamma[k] * Ck[i];
    }
    perLayer.push(Ck);
  }
  return { p, gamma, perLayer, total, output: Float64Array.from(tf.output) };
}
