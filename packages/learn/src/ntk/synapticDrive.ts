import type { Mlp } from '../layered/mlp.js';
import { readInputs, validateNetwork, type NtkInputs } from './network.js';
import { tangentFeatures } from './tangentFeatures.js';

/**
 * Root-mean-square synaptic drive per layer, √⟨(h^l_i)²⟩ over units and inputs (Eq. 14), for
 * layers l = 1..K (the last entry is the readout f itself). Q6: with weights of size 1, 1/√n and
 * 1/n this explodes, stays O(1) or vanishes with n (and depth).
 * @category Tangent kernel
 */
export function synapticDriveSize(net: Mlp, inputs: NtkInputs): Float64Array {
  const K = validateNetwork(net);
  const { data, p } = readInputs(inputs, net.sizes[0], 'inputs', Math.max(...net.sizes));
  const tf = tangentFeatures(net, data, p);
  const out = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (const v of tf.h[k]) s += v * v;
    out[k] = Math.sqrt(s / tf.h[k].length);
  }
  return out;
}
