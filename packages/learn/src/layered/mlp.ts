import { integerInRange, knownKeys, nonNegativeNumber, show, type Activation, type Rng } from '@neurobridge/core';
import { checkElements, entry } from '../internal/check.js';

/**
 * A layered (fully connected, feed-forward) network on Float64Array.
 *
 *   h[l] = W[l] x[l] + b[l],   x[l+1] = act_l(h[l]),   l = 0 … L−1,   L = sizes.length − 1
 *
 * `weights[l]` is sizes[l+1] × sizes[l], row-major: W[l][i·sizes[l] + j] = w_ij (from unit j of
 * layer l to unit i of layer l+1). `biases[l]` has length sizes[l+1], or 0 when `bias` is false.
 * The arrays are owned by the network and may be updated in place by a training loop.
 * @category Layered networks
 */
export interface Mlp {
  /** layer widths [sizes[0] inputs, hidden widths…, sizes[L] outputs]; L = sizes.length − 1 weight layers. */
  readonly sizes: readonly number[];
  /** act_l of layer l (x[l+1] = act_l(h[l])), one per weight layer (length L). */
  readonly activations: readonly Activation[];
  /** whether the layers have biases b[l]. */
  readonly bias: boolean;
  /** W[l], sizes[l+1] × sizes[l] row-major (W[l][i·sizes[l] + j] = w_ij), l = 0 … L−1. */
  weights: Float64Array[];
  /** b[l], length sizes[l+1] (length 0 when `bias` is false), l = 0 … L−1. */
  biases: Float64Array[];
}

/**
 * Weight initialisation. Random schemes draw N(0, std²) with the std given.
 * @category Layered networks
 */
export type MlpInit =
  /** std = 1/√fanIn (LeCun normal). */
  | 'lecun'
  /** std = √(2/fanIn) (He normal, for ReLU). */
  | 'he'
  /** std = √(2/(fanIn + fanOut)) (Glorot/Xavier normal). */
  | 'xavier'
  | {
    /** std of N(0, std²) for every weight, ≥ 0. */
    normal: number;
  }
  | {
    /** the one value every weight gets (finite). */
    constant: number;
  }
  /** w_ij of layer l (to unit i of layer l+1 from unit j of layer l). */
  | ((layer: number, i: number, j: number) => number);

/**
 * Options of `mlp`: the architecture and the initialisation of a layered network.
 * @category Layered networks
 */
export interface MlpOptions {
  /** layer widths [input, hidden…, output]; at least two entries, each a positive integer. */
  sizes: number[];
  /** one activation for every layer, or one per layer (length sizes.length − 1). */
  activations: Activation | Activation[];
  /** whether layers have biases. @default true */
  bias?: boolean;
  /** weight initialisation. @default 'lecun' */
  init?: MlpInit;
  /** bias initial value. @default 'zeros' */
  biasInit?: number | 'zeros';
  /** random generator (core's createRng); required by 'lecun', 'he', 'xavier' and { normal }. */
  rng?: Rng;
}

function isActivation(a: unknown): a is Activation {
  return typeof a === 'object' && a !== null && typeof (a as Activation).f === 'function'
    && typeof (a as Activation).df === 'function';
}

/**
 * Validates `sizes` and returns a frozen copy; every weight matrix must fit in MAX_ELEMENTS doubles.
 * @category Layered networks
 */
export function validateSizes(sizes: unknown, label = 'sizes'): readonly number[] {
  if (!Array.isArray(sizes)) throw new TypeError(`${label} must be an array of layer widths; got ${show(sizes)}`);
  if (sizes.length < 2) throw new RangeError(`${label} must have at least 2 entries (input and output); got ${sizes.length}`);
  sizes.forEach((s, l) => integerInRange(`${label}[${l}]`, s, 1));
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    checkElements(`${label}[${l + 1}] × ${label}[${l}] = ${sizes[l + 1]} × ${sizes[l]} weights`, sizes[l + 1] * sizes[l]);
    total += sizes[l + 1] * sizes[l];
  }
  checkElements(`the weights of ${label} [${sizes.join(', ')}] total`, total);
  return Object.freeze(sizes.slice() as number[]);
}

function initStd(init: 'lecun' | 'he' | 'xavier', fanIn: number, fanOut: number): number {
  switch (init) {
    case 'lecun': return 1 / Math.sqrt(fanIn);
    case 'he': return Math.sqrt(2 / fanIn);
    case 'xavier': return Math.sqrt(2 / (fanIn + fanOut));
  }
}

/**
 * Builds a layered network (see `Mlp`), validating every option.
 * @category Layered networks
 */
export function mlp(options: MlpOptions): Mlp {
  if (typeof options !== 'object' || options === null) throw new TypeError(`mlp: options must be an object; got ${show(options)}`);
  knownKeys('options', options, ['sizes', 'activations', 'bias', 'init', 'biasInit', 'rng']);
  const sizes = validateSizes(options.sizes, 'options.sizes');
  const L = sizes.length - 1;
  const acts = Array.isArray(options.activations) ? options.activations : Array.from({ length: L }, () => options.activations as Activation);
  if (acts.length !== L) throw new RangeError(`options.activations must have one entry per layer (${L}); got ${acts.length}`);
  acts.forEach((a, l) => {
    if (!isActivation(a)) throw new TypeError(`options.activations[${l}] must be an Activation {name, f, df, d2f}; got ${show(a)}`);
  });
  const bias = options.bias ?? true;
  if (typeof bias !== 'boolean') throw new TypeError(`options.bias must be a boolean; got ${show(bias)}`);
  const init = options.init ?? 'lecun';
  const rng = options.rng;
  const biasInit = options.biasInit ?? 'zeros';
  if (biasInit !== 'zeros' && typeof biasInit !== 'number') throw new TypeError(`options.biasInit must be a finite number or 'zeros'; got ${show(biasInit)}`);
  if (biasInit !== 'zeros') entry('options.biasInit', biasInit);
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l], fanOut = sizes[l + 1];
    const W = new Float64Array(fanOut * fanIn);
    if (typeof init === 'function') {
      for (let i = 0; i < fanOut; i++) for (let j = 0; j < fanIn; j++) {
        W[i * fanIn + j] = entry(`options.init(${l}, ${i}, ${j})`, init(l, i, j));
      }
    } else if (typeof init === 'object' && init !== null && 'constant' in init) {
      knownKeys('options.init', init, ['constant']);
      W.fill(entry('options.init.constant', init.constant));
    } else {
      let std: number;
      if (typeof init === 'object' && init !== null && 'normal' in init) {
        knownKeys('options.init', init, ['normal']);
        std = nonNegativeNumber('options.init.normal (std)', init.normal);
      } else if (init === 'lecun' || init === 'he' || init === 'xavier') {
        std = initStd(init, fanIn, fanOut);
      } else {
        throw new TypeError(`options.init must be 'lecun' | 'he' | 'xavier' | {normal} | {constant} | (layer, i, j) => number; got ${show(init)}`);
      }
      if (!rng || typeof rng.normal !== 'function') {
        throw new TypeError(`options.rng is required for random initialisation (init ${JSON.stringify(init)}); got ${show(rng)}`);
      }
      for (let q = 0; q < W.length; q++) W[q] = std * rng.normal();
    }
    weights.push(W);
    const b = new Float64Array(bias ? fanOut : 0);
    if (bias && biasInit !== 'zeros') b.fill(biasInit);
    biases.push(b);
  }
  return { sizes, activations: Object.freeze(acts.slice()), bias, weights, biases };
}

/**
 * Number of trainable parameters Σ_l sizes[l+1]·(sizes[l] + bias).
 * @category Layered networks
 */
export function mlpParameterCount(net: Mlp): number {
  checkMlp(net);
  let n = 0;
  for (let l = 0; l + 1 < net.sizes.length; l++) n += net.sizes[l + 1] * (net.sizes[l] + (net.bias ? 1 : 0));
  return n;
}

/**
 * The shape of a layered network (sizes, one weight matrix and one activation per layer, biases
 * when `bias`), checked in O(layers) at the boundary of the public functions: a TypeError/RangeError
 * naming `net.…` instead of a property read of undefined deep in a product.
 * @category Layered networks
 */
export function checkMlp(net: unknown, name = 'net'): asserts net is Mlp {
  const n = net as Partial<Mlp> | null;
  if (n === null || typeof n !== 'object') throw new TypeError(`${name} must be a layered network from mlp(options); got ${show(net)}`);
  const { sizes, weights, biases, activations } = n;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new TypeError(`${name}.sizes must be an array of at least 2 layer widths; got ${show(sizes)}`);
  const L = sizes.length - 1;
  if (!Array.isArray(weights) || weights.length !== L) throw new TypeError(`${name}.weights must be an array of ${L} Float64Arrays; got ${show(weights)}`);
  if (!Array.isArray(activations) || activations.length !== L) throw new TypeError(`${name}.activations must be an array of ${L} activations; got ${show(activations)}`);
  for (let l = 0; l < L; l++) {
    const W = weights[l];
    if (!(W instanceof Float64Array)) throw new TypeError(`${name}.weights[${l}] must be a Float64Array; got ${show(W)}`);
    if (W.length !== sizes[l + 1] * sizes[l]) throw new RangeError(`${name}.weights[${l}] must have length ${sizes[l + 1]} × ${sizes[l]} = ${sizes[l + 1] * sizes[l]}; got ${W.length}`);
    if (!isActivation(activations[l])) throw new TypeError(`${name}.activations[${l}] must be an Activation {name, f, df, d2f}; got ${show(activations[l])}`);
    if (n.bias) {
      const b = Array.isArray(biases) ? biases[l] : undefined;
      if (!(b instanceof Float64Array) || b.length !== sizes[l + 1]) throw new RangeError(`${name}.biases[${l}] must be a Float64Array of length ${sizes[l + 1]}; got ${show(b)}`);
    }
  }
}

/**
 * Names the first non-finite weight or bias of layer l (`net.weights[1][7] (unit 3, input 2) must be
 * finite; got NaN`), or, when they are all finite, says that the layer overflowed. Called only after
 * a pass produced a non-finite value (a scan of the layer's outputs), never on the hot path.
 * @category Layered networks
 */
export function nonFiniteLayerError(net: Pick<Mlp, 'sizes' | 'bias' | 'weights' | 'biases'>, l: number, what: string, name = 'net'): RangeError {
  const W = net.weights[l];
  const nIn = net.sizes[l];
  for (let q = 0; q < W.length; q++) {
    if (!Number.isFinite(W[q])) return new RangeError(`${name}.weights[${l}][${q}] (unit ${Math.floor(q / nIn)}, input ${q % nIn}) must be finite; got ${W[q]}`);
  }
  const b = net.bias ? net.biases[l] : undefined;
  if (b) for (let i = 0; i < b.length; i++) if (!Number.isFinite(b[i])) return new RangeError(`${name}.biases[${l}][${i}] must be finite; got ${b[i]}`);
  return new RangeError(`${what} of layer ${l} overflowed with finite weights and input: ${name}.weights are too large for double precision`);
}
