import type { Mlp } from '../mlp.js';
import type { NtkOptions, NtkResult } from './empiricalNtk.js';
import { layerGammas, readInputs, validateNetwork, type NtkInputs, type WeightChange } from './network.js';
import { rowGram, tangentFeatures } from './tangentFeatures.js';

/** Options of `explicitNtk`. */
export interface ExplicitNtkOptions extends NtkOptions {
  /**
   * Per-example gradient ∂f(w, x_μ)/∂w (Eq. 9b) of example μ, layer by layer; e.g. a batch-of-one
   * backprop. @default the outer products ∂f/∂h^l_μ (x^{l−1}_μ)ᵀ of this module's backprop
   */
  perExampleGradient?: (mu: number, input: Float64Array) => WeightChange;
}

/**
 * Reference tangent kernel by brute force: materialise the per-example gradients x̃^l_μ
 * (p × n_l n_{l−1} per layer) and contract them, C^l_μν = x̃^l_μ·x̃^l_ν / N_l, C = Σ_l γ^l C^l.
 * Cost O(p² Σ_l n_l n_{l−1}) time and O(p n²) memory: for tests and benchmarks of `empiricalNtk`.
 */
export function explicitNtk(net: Mlp, inputs: NtkInputs, options: ExplicitNtkOptions = {}): NtkResult {
  const K = validateNetwork(net);
  const d = net.sizes[0];
  const { data, p } = readInputs(inputs, d);
  const gamma = layerGammas(options.layerRates, K);
  let grads: WeightChange[];
  if (options.perExampleGradient) {
    grads = [];
    for (let mu = 0; mu < p; mu++) grads.push(options.perExampleGradient(mu, data.slice(mu * d, (mu + 1) * d)));
  } else {
    const tf = tangentFeatures(net, data, p);
    grads = [];
    for (let mu = 0; mu < p; mu++) {
      const weights: Float64Array[] = [];
      const biases: Float64Array[] = [];
      for (let k = 0; k < K; k++) {
        const nIn = net.sizes[k];
        const nOut = net.sizes[k + 1];
        const gw = new Float64Array(nOut * nIn);
        for (let i = 0; i < nOut; i++) {
          const gi = tf.g[k][mu * nOut + i];
          for (let j = 0; j < nIn; j++) gw[i * nIn + j] = gi * tf.x[k][mu * nIn + j];
        }
        weights.push(gw);
        if (net.bias) biases.push(tf.g[k].slice(mu * nOut, (mu + 1) * nOut));
      }
      grads.push({ weights, biases });
    }
  }
  const perLayer: Float64Array[] = [];
  const total = new Float64Array(p * p);
  for (let k = 0; k < K; k++) {
    const nW = net.sizes[k + 1] * net.sizes[k];
    const nB = net.bias ? net.sizes[k + 1] : 0;
    const cols = nW + nB;
    const J = new Float64Array(p * cols);
    for (let mu = 0; mu < p; mu++) {
      J.set(grads[mu].weights[k], mu * cols);
      if (nB > 0) J.set(grads[mu].biases[k], mu * cols + nW);
    }
    const Ck = rowGram(J, p, cols);
    for (let i = 0; i < p * p; i++) {
      Ck[i] /= net.sizes[k];
      total[i] += gamma[k] * Ck[i];
    }
    perLayer.push(Ck);
  }
  return { p, gamma, perLayer, total };
}
