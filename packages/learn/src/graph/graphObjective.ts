import { knownKeys, optionsObject, show } from '@neurobridge/core';
import type { GraphNetwork } from './graphNetwork.js';
import type { Loss } from '../training/losses.js';
import { toRecord, type Objective } from '../training/objective.js';
import { checkElements, checkGraphNetwork, checkLoss } from '../internal/check.js';
import {
  graphBackwardVector, graphForwardVector, inputVector, outputLoss, parameterVector, targetVector,
  type GraphInput, type GraphParams, type GraphTarget,
} from './graphPass.js';

/**
 * One training example (x_n, t_n) of a graph network.
 * @category Graph networks
 */
export interface Sample {
  /** the input x_n, by input name or in `net.inputs` order. */
  input: GraphInput;
  /** the target t_n: a number (single output), by output name or in `net.outputs` order. */
  target: GraphTarget;
}

/**
 * Options of `graphObjective` and `datasetBackward`.
 * @category Graph networks
 */
export interface GraphObjectiveOptions {
  /** 'mean' (1/N Σ_n L_n, seed 004's dataset loss) or 'sum'. @default 'mean' */
  reduction?: 'mean' | 'sum';
}

/**
 * The dataset loss of a graph network as an `Objective`: 𝓛(θ) = (1/N) Σ_n Σ_outputs loss(x_o(x_n; θ), t_{n,o})
 * (or the sum), with its gradient by backpropagation. Buffers are allocated once. Counts its calls.
 * @category Graph networks
 */
export function graphObjective(net: GraphNetwork, samples: readonly Sample[], loss: Loss, options: GraphObjectiveOptions = {}): Objective {
  checkGraphNetwork(net);
  checkLoss(loss);
  const opts = knownKeys('options', optionsObject('options', options), ['reduction']);
  const reduction = opts.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum') throw new TypeError(`options.reduction must be 'mean' or 'sum'; got ${show(reduction)}`);
  const { inputs, targets } = readSamples(net, samples);
  const nNodes = net.nodeNames.length;
  const z = new Float64Array(nNodes), x = new Float64Array(nNodes), delta = new Float64Array(nNodes), dx = new Float64Array(nNodes);
  const g = new Float64Array(net.parameters.length), dLdOut = new Float64Array(net.outputs.length);
  const scale = reduction === 'mean' ? 1 / samples.length : 1;
  const calls = { value: 0, gradient: 0 };
  return {
    parameters: net.parameters,
    groups: net.parameterKinds,
    calls,
    evaluate(theta: Float64Array, grad?: Float64Array): number {
      if (!(theta instanceof Float64Array)) throw new TypeError(`theta must be a Float64Array in objective.parameters order; got ${show(theta)}`);
      if (theta.length !== net.parameters.length) throw new RangeError(`theta must have length ${net.parameters.length}; got ${theta.length}`);
      if (grad) { calls.gradient++; grad.fill(0); } else calls.value++;
      let L = 0;
      for (let n = 0; n < inputs.length; n++) {
        graphForwardVector(net, theta, inputs[n], z, x);
        L += outputLoss(net, x, targets[n], loss, dLdOut);
        if (grad) {
          graphBackwardVector(net, theta, z, x, dLdOut, delta, dx, g);
          for (let q = 0; q < g.length; q++) grad[q] += scale * g[q];
        }
      }
      return L * scale;
    },
  };
}

/** Validated samples as vectors; entries are named `samples[n].input.x1`, `samples[n].target`. */
function readSamples(net: GraphNetwork, samples: readonly Sample[]): { inputs: Float64Array[]; targets: Float64Array[] } {
  if (!Array.isArray(samples)) throw new TypeError(`samples must be a non-empty array of {input, target}; got ${show(samples)}`);
  if (samples.length === 0) throw new RangeError('samples must be a non-empty array of {input, target}; got length 0');
  checkElements(`samples.length × (inputs + outputs) = ${samples.length} × ${net.inputs.length + net.outputs.length}`, samples.length * (net.inputs.length + net.outputs.length));
  const inputs: Float64Array[] = [], targets: Float64Array[] = [];
  samples.forEach((s, n) => {
    if (s === null || typeof s !== 'object') throw new TypeError(`samples[${n}] must be an object {input, target}; got ${show(s)}`);
    knownKeys(`samples[${n}]`, s, ['input', 'target']);
    inputs.push(inputVector(net, s.input, `samples[${n}].input`));
    targets.push(targetVector(net, s.target, `samples[${n}].target`));
  });
  return { inputs, targets };
}

/**
 * Result of `datasetBackward`: the dataset loss 𝓛 = (1/N) Σ_n L_n (or the sum) and ∇𝓛 by name,
 * with every sample's own L_n and ∇L_n.
 * @category Graph networks
 */
export interface DatasetBackwardResult {
  /** dataset loss (mean or sum over samples). */
  loss: number;
  /** its gradient by name. */
  grad: Record<string, number>;
  /** per-sample loss and gradient (unreduced), in `samples` order. */
  perSample: {
    /** L_n = Σ_outputs loss(x_o(x_n; θ), t_{n,o}). */
    loss: number;
    /** ∇L_n by parameter name. */
    grad: Record<string, number>;
  }[];
}

/**
 * Dataset loss and gradient, with per-sample gradients (seed 004 Q4: ∇L(x_n, y_n) and their mean).
 * @category Graph networks
 */
export function datasetBackward(
  net: GraphNetwork, params: GraphParams, samples: readonly Sample[], loss: Loss, options: GraphObjectiveOptions = {},
): DatasetBackwardResult {
  const obj = graphObjective(net, samples, loss, options); // validates net, samples, loss and options first
  const theta = parameterVector(net, params);
  const perSample = samples.map((s) => {
    const obj = graphObjective(net, [s], loss, { reduction: 'sum' });
    const g = new Float64Array(theta.length);
    const L = obj.evaluate(theta, g);
    return { loss: L, grad: toRecord(net.parameters, g) };
  });
  const g = new Float64Array(theta.length);
  const L = obj.evaluate(theta, g);
  return { loss: L, grad: toRecord(net.parameters, g), perSample };
}
