import type { Mlp } from '../layered/mlp.js';
import type { NtkOptions, NtkResult } from './empiricalNtk.js';
import { checkWeightChange, layerGammas, readInputs, validateNetwork, type NtkInputs, type WeightChange } from './network.js';
import { checkKernel, ntkOptions } from './empiricalNtk.js';
import { show } from '@neurobridge/core';
import { checkElements } from '../internal/check.js';
import { rowGram, tangentFeatures } from './tangentFeatures.js';

/**
 * Options of `explicitNtk`.
 * @category Tangent kernel
 */
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
 * @category Tangent kernel
 */
export function explicitNtk(net: Mlp, inputs: NtkInputs, options: ExplicitNtkOptions = {}): NtkResult {
  const K = validateNetwork(net);
  const opts = ntkOptions(options, ['layerRates', 'perExampleGradient']);
  if (opts.perExampleGradient !== undefined && typeof opts.perExampleGradient !== 'function') {
    throw new TypeError(`options.perExampleGradient must be a function (mu, input) => WeightChange; got ${show(opts.perExampleGradient)}`);
  }
  const d = net.sizes[0];
  const { data, p } = readInputs(inputs, d, 'inputs', Math.max(...net.sizes));
  // the per-example gradients J of a layer are p × (n_l n_{l−1} [+ n_l]) doubles
  for (let k = 0; k < K; k++) {
    checkElements(`explicitNtk: p × sizes[${k + 1}] × (sizes[${k}] + bias) = ${p} × ${net.sizes[k + 1]} × ${net.sizes[k] + (net.bias ? 1 : 0)}`, p * net.sizes[k + 1] * (net.sizes[k] + (net.bias ? 1 : 0)));
  }
  const gamma = layerGammas(opts.layerRates, K);
  const tf = opts.perExampleGradient ? undefined : tangentFeatures(net, data, p);
  const grads = opts.perExampleGradient
    ? Array.from({ length: p }, (_, mu) => checkedGradient(net, mu, opts.perExampleGradient!(mu, data.slice(mu * d, (mu + 1) * d))))
    : undefined;
  const perLayer: Float64Array[] = [];
  const total = new Float64Array(p * p);
  for (let k = 0; k < K; k++) {
    const nIn = net.sizes[k];
    const nOut = net.sizes[k + 1];
    const nW = nOut * nIn;
    const nB = net.bias ? nOut : 0;
    const cols = nW + nB;
    // J: row μ is the flattened per-example gradient ∂f(w, x_μ)/∂w^l (and ∂f/∂b^l)
    const J = new Float64Array(p * cols);
    for (let mu = 0; mu < p; mu++) {
      const o = mu * cols;
      if (grads) {
        J.set(grads[mu].weights[k], o);
        if (nB > 0) J.set(grads[mu].biases[k], o + nW);
      } else if (tf) {
        for (let i = 0; i < nOut; i++) {
          const gi = tf.g[k][mu * nOut + i];
          for (let j = 0; j < nIn; j++) J[o + i * nIn + j] = gi * tf.x[k][mu * nIn + j];
          if (nB > 0) J[o + nW + i] = gi;
        }
      }
    }
    const Ck = rowGram(J, p, cols);
    for (let i = 0; i < p * p; i++) {
      Ck[i] /= nIn;
      total[i] += gamma[k] * Ck[i];
    }
    perLayer.push(Ck);
  }
  return checkKernel({ p, gamma, perLayer, total });
}

/** The result of the caller's perExampleGradient, checked once (shape and finite entries). */
function checkedGradient(net: Mlp, mu: number, g: WeightChange): WeightChange {
  checkWeightChange(net, g, `options.perExampleGradient(${mu}, …)`);
  return g;
}
