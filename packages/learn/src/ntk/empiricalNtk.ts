import { knownKeys, optionsObject } from '@neurobridge/core';
import type { Mlp } from '../layered/mlp.js';
import { firstNonFinite } from '../internal/check.js';
import { layerGammas, readInputs, validateNetwork, type NtkInputs } from './network.js';
import { rowGram, tangentFeatures, type TangentFeatures } from './tangentFeatures.js';

/**
 * Options shared by the kernel functions.
 * @category Tangent kernel
 */
export interface NtkOptions {
  /**
   * Per-layer learning rates η^l, one per weight layer (readout last); only their ratios
   * matter: γ^l = η^l / Σ_m η^m (Eq. 33). @default equal rates, γ^l = 1/K
   */
  layerRates?: ArrayLike<number>;
}

/**
 * A tangent kernel on p inputs: per-layer Gram matrices and their γ-weighted sum, p × p row-major.
 * @category Tangent kernel
 */
export interface NtkResult {
  /** number of inputs x_μ (μ = 1..p): every matrix is p × p. */
  p: number;
  /** γ^l, Eq. (33); sums to 1 */
  gamma: Float64Array;
  /** C^l_μν = x̃^l_μ·x̃^l_ν / N_l (Eq. 13 with N_l = fan-in of layer l) */
  perLayer: Float64Array[];
  /** C_μν = Σ_l γ^l C^l_μν, Eq. (36) */
  total: Float64Array;
}

/**
 * The empirical kernel with the network outputs f(w, x_μ) at the same inputs.
 * @category Tangent kernel
 */
export interface EmpiricalNtk extends NtkResult {
  /** f(w, x_μ), the network's readout at each input, length p. */
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
 * @category Tangent kernel
 */
export function empiricalNtk(net: Mlp, inputs: NtkInputs, options: NtkOptions = {}): EmpiricalNtk {
  const K = validateNetwork(net);
  const opts = ntkOptions(options);
  const { data, p } = readInputs(inputs, net.sizes[0], 'inputs', Math.max(...net.sizes));
  const gamma = layerGammas(opts.layerRates, K);
  return checkKernel(kernelFromFeatures(net, tangentFeatures(net, data, p), gamma));
}

/** The options of the kernel functions: an object (or undefined) with only the keys given. */
export function ntkOptions<T extends object>(options: T | undefined, keys: readonly string[] = ['layerRates']): Partial<T> {
  return knownKeys('options', optionsObject('options', options), keys);
}

/**
 * A kernel with a non-finite entry is never returned: with finite weights and inputs (checked, and
 * the passes scanned) only overflow of the O(p² n) Gram sums can cause it. One scan of p² entries.
 */
export function checkKernel<R extends NtkResult>(r: R): R {
  const bad = firstNonFinite(r.total);
  if (bad >= 0) {
    throw new RangeError(`the kernel entry C[${Math.floor(bad / r.p)}][${bad % r.p}] overflowed to ${r.total[bad]} with finite weights and inputs: net.weights or inputs are too large for double precision`);
  }
  return r;
}

/** Eq. (16)/(36) from already computed tangent features (shared by `linearize`). */
export function kernelFromFeatures(net: Mlp, tf: TangentFeatures, gamma: Float64Array): EmpiricalNtk {
  const K = net.sizes.length - 1;
  const p = tf.p;
  const gramG: Float64Array[] = [];
  const gramX: Float64Array[] = [];
  for (let k = 0; k < K; k++) {
    gramG.push(rowGram(tf.g[k], p, net.sizes[k + 1]));
    gramX.push(rowGram(tf.x[k], p, net.sizes[k]));
  }
  // C^l is formed in place of (∂f/∂h)(∂f/∂h)ᵀ: entry by entry, so the aliasing is safe
  return kernelFromGrams(net, p, gramG, gramX, gamma, tf.output, gramG);
}

/**
 * Eq. (16)/(36) from the two Gram matrices of each layer k (p × p, row-major):
 *   gramG[k] = g[k] g[k]ᵀ  (∂f/∂h^l_μ · ∂f/∂h^l_ν),   gramX[k] = x[k] x[k]ᵀ  (x^{l−1}_μ · x^{l−1}_ν),
 *   C^l_μν = gramG_μν (gramX_μν [+ 1 with a bias]) / N_l,   C = Σ_l γ^l C^l   (summed in layer order).
 * C^l is written into `perLayer[k]` (which may be gramG[k] itself, or fresh arrays); `output` is
 * copied. Shared by `empiricalNtk` and the thread pool (`createNtkPool`), whose workers compute the
 * Gram rows: both combine with this one function, so their results are the same bits.
 */
export function kernelFromGrams(
  net: Pick<Mlp, 'sizes' | 'bias'>, p: number, gramG: readonly Float64Array[], gramX: readonly Float64Array[], gamma: Float64Array,
  output: Float64Array, perLayer: Float64Array[] = gramG.map(() => new Float64Array(p * p)),
): EmpiricalNtk {
  const K = net.sizes.length - 1;
  const total = new Float64Array(p * p);
  const biasTerm = net.bias ? 1 : 0;
  for (let k = 0; k < K; k++) {
    const fanIn = net.sizes[k];
    const gg = gramG[k];
    const gx = gramX[k];
    const Ck = perLayer[k];
    for (let i = 0; i < p * p; i++) {
      Ck[i] = (gg[i] * (gx[i] + biasTerm)) / fanIn;
      total[i] += gamma[k] * Ck[i];
    }
  }
  return { p, gamma, perLayer: perLayer.slice(0, K), total, output: Float64Array.from(output) };
}
