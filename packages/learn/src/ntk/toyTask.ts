import type { Rng } from '@neurobridge/core';
import { integerInRange, knownKeys, show } from '@neurobridge/core';
import { checkElements } from '../internal/check.js';

/**
 * Options of `toyRegressionTask`.
 * @category Tangent kernel
 */
export interface ToyTaskOptions {
  /** input dimension d (the document's n when every layer, input included, has n units) */
  inputDim: number;
  /** training examples p. @default 8 */
  count?: number;
  /** held-out examples. @default 8 */
  heldOut?: number;
  /** dimension of the latent variables z (the targets use the first three). @default 16 */
  latentDim?: number;
  /**
   * random generator: the latent points and targets come from its substream 'latent', the
   * embedding from 'embedding' (so the same seed gives the same task at every inputDim).
   */
  rng: Rng;
}

/**
 * A regression task for scaling studies; inputs are arrays of length inputDim.
 * @category Tangent kernel
 */
export interface ToyTask {
  /** the p = `count` training inputs x_μ = M z_μ / √m, each of length inputDim. */
  inputs: number[][];
  /** their targets y_μ = sin(z₁) + z₂ z₃ / 2. */
  targets: number[];
  /** `heldOut` inputs from the same distribution and embedding, for the generalisation error. */
  testInputs: number[][];
  /** targets of `testInputs`. */
  testTargets: number[];
}

/**
 * A fixed low-dimensional task embedded in d dimensions: z_μ ~ N(0, I_m) (m = latentDim),
 * x_μ = M z_μ / √m with M_ij ~ N(0, 1), so x components are O(1) and x_μ·x_ν/d → z_μ·z_ν/m as
 * d grows (the same limit kernel at every width); targets y = sin(z₁) + z₂ z₃/2 (for m ≥ 3; fewer
 * latent dimensions drop the terms they lack), O(1).
 * @category Tangent kernel
 */
export function toyRegressionTask(options: ToyTaskOptions): ToyTask {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object { inputDim, rng }; got ${show(options)}`);
  knownKeys('options', options, ['inputDim', 'count', 'heldOut', 'latentDim', 'rng']);
  const d = integerInRange('options.inputDim', options.inputDim, 1);
  const p = options.count === undefined ? 8 : integerInRange('options.count', options.count, 1);
  const q = options.heldOut === undefined ? 8 : integerInRange('options.heldOut', options.heldOut, 0);
  const m = options.latentDim === undefined ? 16 : integerInRange('options.latentDim', options.latentDim, 1);
  checkElements(`options.inputDim × options.latentDim = ${d} × ${m} (the embedding)`, d * m);
  checkElements(`(options.count + options.heldOut) × options.inputDim = ${p + q} × ${d} (the inputs)`, (p + q) * d);
  if (!options.rng || typeof options.rng.substream !== 'function') throw new TypeError(`options.rng must be an Rng from createRng; got ${show(options.rng)}`);
  const latentRng = options.rng.substream('latent');
  const embedRng = options.rng.substream('embedding');
  const M = embedRng.normals(d * m);
  const scale = 1 / Math.sqrt(m);
  const make = (count: number) => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let mu = 0; mu < count; mu++) {
      const z = latentRng.normals(m);
      const x = new Array<number>(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += M[i * m + k] * z[k];
        x[i] = s * scale;
      }
      xs.push(x);
      ys.push(Math.sin(z[0]) + (m >= 3 ? 0.5 * z[1] * z[2] : 0));
    }
    return { xs, ys };
  };
  const train = make(p);
  const test = make(q);
  return { inputs: train.xs, targets: train.ys, testInputs: test.xs, testTargets: test.ys };
}
