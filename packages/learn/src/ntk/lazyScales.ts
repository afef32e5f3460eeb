import type { Mlp } from '../layered/mlp.js';
import { ntkOptions, type NtkOptions } from './empiricalNtk.js';
import { linearize, weightChange } from './linearize.js';
import type { NtkInputs, WeightChange } from './network.js';
import { solveCoefficients, type SolveCoefficientsOptions } from './solveCoefficients.js';

/**
 * The sizes Q7 reasons about, measured on one network. Per-layer arrays have one entry per weight layer (readout last).
 * @category Tangent kernel
 */
export interface LazyScales {
  /** RMS over inputs and units of ∂f/∂h^l_i (Eq. 23: ~ n^{−1/2}); the readout's entry is φ'_out (1) */
  dfdhRms: Float64Array;
  /** mean of the diagonal C_μμ of the total kernel (Eq. 17: O(1)) */
  kernelDiagonal: number;
  /** RMS of a_μ solving ỹ = C a (Eq. 37: O(1)) */
  aRms: number;
  /** RMS over entries of Δw^l (Eq. 32) */
  deltaRms: Float64Array;
  /** max over entries of |Δw^l_ij| (Eq. 24: ~ n^{−3/2} hidden, ~ n^{−1} readout; see the log factor in docs) */
  deltaMaxAbs: Float64Array;
  /** |Δw^l|_F / |w^l|_F */
  relativeChange: Float64Array;
  /** a_μ solving ỹ = C a (Eq. 37), length p (`solveCoefficients`). */
  a: Float64Array;
  /** Δw^l = (γ^l/N_l) Σ_μ a_μ x̃^l_μ (Eq. 32), the weight change of the exact fit (`weightChange`). */
  weightChange: WeightChange;
}

/**
 * Q7 measured: linearise at the initial weights, solve ỹ = C a (Eq. 37), form Δw (Eq. 32), and
 * report the sizes of ∂f/∂h, C_μμ, a and Δw.
 * @category Tangent kernel
 */
export function lazyScales(net: Mlp, inputs: NtkInputs, targets: ArrayLike<number>, options: NtkOptions & SolveCoefficientsOptions = {}): LazyScales {
  const opts = ntkOptions(options, ['layerRates', 'ridge', 'rcond']);
  const model = linearize(net, inputs, { layerRates: opts.layerRates });
  const { a } = solveCoefficients(model, targets, { ridge: opts.ridge, rcond: opts.rcond });
  const delta = weightChange(model, a);
  const K = net.sizes.length - 1;
  const dfdhRms = new Float64Array(K);
  const deltaRms = new Float64Array(K);
  const deltaMaxAbs = new Float64Array(K);
  const relativeChange = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (const v of model.features.g[k]) s += v * v;
    dfdhRms[k] = Math.sqrt(s / model.features.g[k].length);
    let sd = 0;
    let mx = 0;
    let sw = 0;
    const D = delta.weights[k];
    const W = net.weights[k];
    for (let i = 0; i < D.length; i++) {
      sd += D[i] * D[i];
      sw += W[i] * W[i];
      const ad = Math.abs(D[i]);
      if (ad > mx) mx = ad;
    }
    deltaRms[k] = Math.sqrt(sd / D.length);
    deltaMaxAbs[k] = mx;
    relativeChange[k] = Math.sqrt(sd / sw);
  }
  let diag = 0;
  for (let mu = 0; mu < model.p; mu++) diag += model.kernel.total[mu * model.p + mu];
  let aa = 0;
  for (const v of a) aa += v * v;
  return {
    dfdhRms,
    kernelDiagonal: diag / model.p,
    aRms: Math.sqrt(aa / model.p),
    deltaRms,
    deltaMaxAbs,
    relativeChange,
    a,
    weightChange: delta,
  };
}
