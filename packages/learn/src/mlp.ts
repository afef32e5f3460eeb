import type { Activation, Rng } from '@neurobridge/core';

/**
 * A layered (fully connected, feed-forward) network on Float64Array.
 *
 *   h[l] = W[l] x[l] + b[l],   x[l+1] = act_l(h[l]),   l = 0 … L−1,   L = sizes.length − 1
 *
 * `weights[l]` is sizes[l+1] × sizes[l], row-major: W[l][i·sizes[l] + j] = w_ij (from unit j of
 * layer l to unit i of layer l+1). `biases[l]` has length sizes[l+1], or 0 when `bias` is false.
 * The arrays are owned by the network and may be updated in place by a training loop.
 */
export interface Mlp {
  readonly sizes: readonly number[];
  readonly activations: readonly Activation[];
  readonly bias: boolean;
  weights: Float64Array[];
  biases: Float64Array[];
}

/** Weight initialisation. Random schemes draw N(0, std²) with the std given. */
export type MlpInit =
  /** std = 1/√fanIn (LeCun normal). */
  | 'lecun'
  /** std = √(2/fanIn) (He normal, for ReLU). */
  | 'he'
  /** std = √(2/(fanIn + fanOut)) (Glorot/Xavier normal). */
  | 'xavier'
  | { normal: number }
  | { constant: number }
  /** w_ij of layer l (to unit i of layer l+1 from unit j of layer l). */
  | ((layer: number, i: number, j: number) => number);

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

/** Validates `sizes` and returns a frozen copy. */
export function validateSizes(sizes: unknown, label = 'sizes'): readonly number[] {
  if (!Array.isArray(sizes)) throw new TypeError(`${label} must be an array of layer widths; got ${String(sizes)}`);
  if (sizes.length < 2) throw new RangeError(`${label} must have at least 2 entries (input and output); got ${sizes.length}`);
  sizes.forEach((s, l) => {
    if (!Number.isInteger(s) || s < 1) throw new RangeError(`${label}[${l}] must be a positive integer; got ${String(s)}`);
  });
  return Object.freeze(sizes.slice() as number[]);
}

function initStd(init: 'lecun' | 'he' | 'xavier', fanIn: number, fanOut: number): number {
  switch (init) {
    case 'lecun': return 1 / Math.sqrt(fanIn);
    case 'he': return Math.sqrt(2 / fanIn);
    case 'xavier': return Math.sqrt(2 / (fanIn + fanOut));
  }
}

/** Builds a layered network (see `Mlp`), validating every option. */
export function mlp(options: MlpOptions): Mlp {
  if (typeof options !== 'object' || options === null) throw new TypeError(`mlp: options must be an object; got ${String(options)}`);
  const sizes = validateSizes(options.sizes);
  const L = sizes.length - 1;
  const acts = Array.isArray(options.activations) ? options.activations : Array.from({ length: L }, () => options.activations as Activation);
  if (acts.length !== L) throw new RangeError(`activations must have one entry per layer (${L}); got ${acts.length}`);
  acts.forEach((a, l) => {
    if (!isActivation(a)) throw new TypeError(`activations[${l}] must be an Activation {name, f, df, d2f}; got ${String(a)}`);
  });
  const bias = options.bias ?? true;
  if (typeof bias !== 'boolean') throw new TypeError(`bias must be a boolean; got ${String(bias)}`);
  const init = options.init ?? 'lecun';
  const rng = options.rng;
  const biasInit = options.biasInit ?? 'zeros';
  if (biasInit !== 'zeros' && !(typeof biasInit === 'number' && Number.isFinite(biasInit))) {
    throw new TypeError(`biasInit must be a finite number or 'zeros'; got ${String(biasInit)}`);
  }
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l], fanOut = sizes[l + 1];
    const W = new Float64Array(fanOut * fanIn);
    if (typeof init === 'function') {
      for (let i = 0; i < fanOut; i++) for (let j = 0; j < fanIn; j++) {
        const v = init(l, i, j);
        if (!Number.isFinite(v)) throw new RangeError(`init(${l}, ${i}, ${j}) must return a finite number; got ${v}`);
        W[i * fanIn + j] = v;
      }
    } else if (typeof init === 'object' && init !== null && 'constant' in init) {
      if (!Number.isFinite(init.constant)) throw new RangeError(`init.constant must be finite; got ${init.constant}`);
      W.fill(init.constant);
    } else {
      let std: number;
      if (typeof init === 'object' && init !== null && 'normal' in init) {
        if (!(init.normal >= 0) || !Number.isFinite(init.normal)) throw new RangeError(`init.normal (std) must be finite and >= 0; got ${init.normal}`);
        std = init.normal;
      } else if (init === 'lecun' || init === 'he' || init === 'xavier') {
        std = initStd(init, fanIn, fanOut);
      } else {
        throw new TypeError(`init must be 'lecun' | 'he' | 'xavier' | {normal} | {constant} | (layer, i, j) => number; got ${String(init)}`);
      }
      if (!rng || typeof rng.normal !== 'function') {
        throw new TypeError(`rng is required for random initialisation (init ${JSON.stringify(init)}); got ${String(rng)}`);
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

/** Number of trainable parameters Σ_l sizes[l+1]·(sizes[l] + bias). */
export function mlpParameterCount(net: Mlp): number {
  let n = 0;
  for (let l = 0; l + 1 < net.sizes.length; l++) n += net.sizes[l + 1] * (net.sizes[l] + (net.bias ? 1 : 0));
  return n;
}
