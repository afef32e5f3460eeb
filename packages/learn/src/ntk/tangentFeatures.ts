import type { Mlp } from '../layered/mlp.js';
import { checkMlp, nonFiniteLayerError } from '../layered/mlp.js';
import { createMlpCache, forwardPass } from '../layered/mlpForward.js';
import { firstNonFinite } from '../internal/check.js';
import { activations, applyActivationDerivative, integerInRange, matmulNN, matmulNT, scaleByActivationDerivative, show } from '@neurobridge/core';

/**
 * Everything the tangent kernel needs about a network at p inputs, kept per layer k < K:
 * - h[k]: synaptic drives h^l = w^l·x^{l−1} (+ b), Eq. (14), p × sizes[k+1];
 * - x[k]: activities, x[0] = the inputs, x[k+1] = φ(h[k]) (Eq. 15), p × sizes[k];
 * - g[k]: sensitivities ∂f/∂h^l, p × sizes[k+1], by the backprop recursion Eq. (18);
 * - output: f(w, x_μ), length p.
 * The tangent feature of Eq. (9b) is the outer product x̃^l_μ = g[k]_μ (x[k]_μ)ᵀ, Eq. (16);
 * it is never formed.
 * @category Tangent kernel
 */
export interface TangentFeatures {
  /** number of inputs x_μ (the rows of every array). */
  p: number;
  /** h[k] = h^l_μ, the synaptic drives of layer l = k + 1 (Eq. 14), p × sizes[k+1]. */
  h: Float64Array[];
  /** x[k] = x^{l−1}_μ, the activities feeding layer l = k + 1 (Eq. 15), p × sizes[k]; x[0] = the inputs, x[K] = the readout. */
  x: Float64Array[];
  /** g[k] = ∂f/∂h^l_μ, the sensitivities of layer l = k + 1 (Eq. 18), p × sizes[k+1]. */
  g: Float64Array[];
  /** f(w, x_μ), the readout at each input, length p. */
  output: Float64Array;
}

function allocate(net: Mlp, p: number): TangentFeatures {
  const K = net.sizes.length - 1;
  const cache = createMlpCache(net, p);
  const g: Float64Array[] = [];
  for (let k = 0; k < K; k++) g.push(new Float64Array(p * net.sizes[k + 1]));
  return { p, h: cache.h, x: cache.x, g, output: new Float64Array(p) };
}

/**
 * Forward pass (Eqs. 14–15, `mlpForward`) and the backprop of ∂f/∂h (Eq. 18):
 *   ∂f/∂h^L_i = w^{L+1}_i φ'(h^L_i)          (Eq. 45; the readout's own ∂f/∂h is φ'_out = 1 when linear)
 *   ∂f/∂h^l_j = Σ_i ∂f/∂h^{l+1}_i w^{l+1}_{ij} φ'(h^l_j)
 * i.e. per example, not summed over the batch, and without the weight gradients a training
 * backward pass would also form. Cost O(p Σ_k sizes[k]·sizes[k+1]). Pass `out` (from an earlier
 * call with the same network shape and p) to reuse its buffers; inputs are row-major p × sizes[0],
 * already validated.
 *
 * Slip in the document: Eq. (43) writes Σ_j ∂f/∂h^{l+1}_i w^{l+1}_{ij} φ'(h^l_j), summing over
 * the wrong index; component j of Eq. (18) is Σ_i ∂f/∂h^{l+1}_i w^{l+1}_{ij} φ'(h^l_j) (Eq. 19
 * has the right layout). Tested against finite differences and against `mlpBackward`.
 * @category Tangent kernel
 */
export function tangentFeatures(net: Mlp, inputs: Float64Array, p: number, out?: TangentFeatures): TangentFeatures {
  checkMlp(net);
  integerInRange('p', p, 1);
  if (!(inputs instanceof Float64Array)) throw new TypeError(`inputs must be a Float64Array of p × sizes[0] values; got ${show(inputs)}`);
  if (inputs.length < p * net.sizes[0]) throw new RangeError(`inputs must hold p × sizes[0] = ${p} × ${net.sizes[0]} = ${p * net.sizes[0]} values; got ${inputs.length}`);
  const bad = firstNonFinite(inputs.subarray(0, p * net.sizes[0]));
  if (bad >= 0) throw new RangeError(`inputs[${bad}] (example ${Math.floor(bad / net.sizes[0])}, component ${bad % net.sizes[0]}) must be finite; got ${inputs[bad]}`);
  const r = tangentFeaturesPass(net, inputs, p, out);
  if (r.bad >= 0) throw nonFiniteLayerError(net, r.bad, r.forward ? 'the pre-activation h' : 'the sensitivity ∂f/∂h');
  return r.tf;
}

/**
 * The passes of `tangentFeatures` on validated arguments. `bad`: −1, or the layer whose forward
 * pre-activations (`forward` true) or backward sensitivities (layer k + 1's weights carried them)
 * came out non-finite; each is one scan of a p × n array after its product (O(p n) against O(p n²)).
 */
export function tangentFeaturesPass(net: Mlp, inputs: Float64Array, p: number, out?: TangentFeatures): { tf: TangentFeatures; bad: number; forward: boolean } {
  const K = net.sizes.length - 1;
  const tf = out && out.p === p && out.h.length === K ? out : allocate(net, p);
  const badForward = forwardPass(net, inputs.length === p * net.sizes[0] ? inputs : inputs.subarray(0, p * net.sizes[0]), p, { h: tf.h, x: tf.x, batch: p });
  if (badForward >= 0) return { tf, bad: badForward, forward: true };
  const last = tf.h[K - 1];
  tf.output.set(tf.x[K].subarray(0, p));
  applyActivationDerivative(net.activations[K - 1], last, tf.g[K - 1]); // p × 1: the readout's φ'_out
  for (let k = K - 2; k >= 0; k--) {
    const n = net.sizes[k + 1];
    const gk = tf.g[k];
    // (p × sizes[k+2]) · (sizes[k+2] × n): row μ is Σ_i ∂f/∂h^{l+1}_{μ,i} w^{l+1}_{i,·}
    matmulNN(tf.g[k + 1], net.weights[k + 1], p, n, net.sizes[k + 2], gk);
    // ⊙ φ'(h^l) by core's activation layer (the bits of gk[q] * act.df(h[q])); for tanh from the
    // activities x^l = tanh h^l already in tf.x[k+1] (forwardPass stored tanh.f(h)): 1 − x·x, the
    // very bits of tanh.df(h) = 1 − t·t, without a second tanh. Tested against tanh.df bit for bit.
    const act = net.activations[k];
    scaleByActivationDerivative(act, tf.h[k], gk, act === activations.tanh ? tf.x[k + 1] : undefined);
    if (firstNonFinite(gk) >= 0) return { tf, bad: k + 1, forward: false };
  }
  return { tf, bad: -1, forward: false };
}

/** Row Gram matrix M Mᵀ of a row-major rows × cols matrix, into a rows × rows Float64Array. */
export function rowGram(M: Float64Array, rows: number, cols: number, out = new Float64Array(rows * rows)): Float64Array {
  return matmulNT(M, M, rows, rows, cols, out);
}
