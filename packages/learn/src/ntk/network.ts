import { finiteNumber, finiteVector, show } from '@neurobridge/core';
import { checkElements, entry, firstNonFinite } from '../internal/check.js';
import type { Mlp } from '../layered/mlp.js';

/**
 * A change of every weight (and bias, when the network has them), same layout as the network.
 * @category Tangent kernel
 */
export interface WeightChange {
  /** Δw^l per layer, each the size and row-major layout of `net.weights[k]` (layer l = k + 1). */
  weights: Float64Array[];
  /** length 0 when the network has no biases */
  biases: Float64Array[];
}

/**
 * Inputs: an array of p input vectors, or one flat row-major Float64Array of p × sizes[0] values.
 * @category Tangent kernel
 */
export type NtkInputs = Float64Array | readonly ArrayLike<number>[];

/**
 * Checks the layered network of @neurobridge/learn (`Mlp`) for the tangent-kernel setting:
 * layer k (0-based, k < K = sizes.length − 1) maps sizes[k] → sizes[k+1] with the row-major
 * weights[k]; the last layer is the scalar readout y = w^{L+1}·x^L of Eq. (4), so sizes[K] = 1.
 * Exam notation: the document's layer l = k + 1, its L = K − 1 hidden layers, w^{L+1} = weights[K−1].
 * Throws a TypeError/RangeError naming what is wrong; returns K.
 * @category Tangent kernel
 */
export function validateNetwork(net: Mlp, name = 'net'): number {
  if (net === null || typeof net !== 'object') throw new TypeError(`${name} must be a layered network (Mlp); got ${String(net)}`);
  const { sizes, weights, activations } = net;
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new RangeError(`${name}.sizes must list at least 2 layer sizes; got ${JSON.stringify(sizes)}`);
  }
  for (let k = 0; k < sizes.length; k++) {
    if (!Number.isInteger(sizes[k]) || sizes[k] < 1) throw new RangeError(`${name}.sizes[${k}] must be an integer >= 1; got ${sizes[k]}`);
  }
  const K = sizes.length - 1;
  if (sizes[K] !== 1) {
    throw new RangeError(`${name}.sizes[${K}] must be 1 (scalar readout y = w^{L+1}·x^L, Eq. 4); got ${sizes[K]}`);
  }
  if (!Array.isArray(weights) || weights.length !== K) {
    throw new RangeError(`${name}.weights must hold ${K} matrices; got ${Array.isArray(weights) ? weights.length : typeof weights}`);
  }
  if (!Array.isArray(activations) || activations.length !== K) {
    throw new RangeError(`${name}.activations must hold ${K} activations; got ${Array.isArray(activations) ? activations.length : typeof activations}`);
  }
  for (let k = 0; k < K; k++) {
    const w = weights[k];
    if (!(w instanceof Float64Array) || w.length !== sizes[k + 1] * sizes[k]) {
      throw new RangeError(`${name}.weights[${k}] must be a Float64Array of ${sizes[k + 1]}×${sizes[k]} = ${sizes[k + 1] * sizes[k]} values; got ${w instanceof Float64Array ? w.length : typeof w}`);
    }
    const a = activations[k];
    if (a === null || typeof a !== 'object' || typeof a.f !== 'function' || typeof a.df !== 'function') {
      throw new TypeError(`${name}.activations[${k}] must be an Activation with f and df; got ${String(a)}`);
    }
  }
  if (net.bias) {
    if (!Array.isArray(net.biases) || net.biases.length !== K) {
      throw new RangeError(`${name}.biases must hold ${K} vectors when bias is true; got ${Array.isArray(net.biases) ? net.biases.length : typeof net.biases}`);
    }
    for (let k = 0; k < K; k++) {
      const b = net.biases[k];
      if (!(b instanceof Float64Array) || b.length !== sizes[k + 1]) {
        throw new RangeError(`${name}.biases[${k}] must be a Float64Array of length ${sizes[k + 1]}; got ${b instanceof Float64Array ? b.length : typeof b}`);
      }
    }
  }
  return K;
}

/**
 * Flattens and validates inputs of dimension `dim`, read without coercion (a string or null is a
 * TypeError naming `inputs[μ][j]`, NaN/±Infinity a RangeError); returns the row-major data and the
 * count p. `width` (the widest layer) bounds the p × p Gram matrices and p × width buffers by MAX_ELEMENTS.
 */
export function readInputs(inputs: NtkInputs, dim: number, name = 'inputs', width = dim): { data: Float64Array; p: number } {
  let data: Float64Array;
  let p: number;
  if (inputs instanceof Float64Array) {
    if (inputs.length === 0) throw new RangeError(`${name} must hold at least one example; got 0 values`);
    if (inputs.length % dim !== 0) {
      throw new RangeError(`${name}.length must be a multiple of the input dimension sizes[0] = ${dim}; got ${inputs.length}`);
    }
    p = inputs.length / dim;
    checkNtkSize(name, p, width);
    const bad = firstNonFinite(inputs);
    if (bad >= 0) throw new RangeError(`${name}[${bad}] (example ${Math.floor(bad / dim)}, component ${bad % dim}) must be finite; got ${inputs[bad]}`);
    data = Float64Array.from(inputs);
  } else if (Array.isArray(inputs)) {
    p = inputs.length;
    if (p === 0) throw new RangeError(`${name} must hold at least one example; got 0`);
    checkNtkSize(name, p, width);
    data = new Float64Array(p * dim);
    for (let mu = 0; mu < p; mu++) {
      const row = inputs[mu];
      if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
        throw new TypeError(`${name}[${mu}] must be an array of numbers; got ${show(row)}`);
      }
      if (row.length !== dim) throw new RangeError(`${name}[${mu}] must have length sizes[0] = ${dim}; got ${row.length}`);
      for (let j = 0; j < dim; j++) data[mu * dim + j] = entry(`${name}[${mu}][${j}]`, row[j]);
    }
  } else {
    throw new TypeError(`${name} must be a Float64Array or an array of input vectors; got ${show(inputs)}`);
  }
  return { data, p };
}

/** p examples need p × p Gram matrices and p × width buffers: each at most MAX_ELEMENTS doubles. */
export function checkNtkSize(name: string, p: number, width: number): void {
  checkElements(`${name}: p × p kernel entries (p = ${p} examples)`, p * p);
  checkElements(`${name}: p × (widest layer) = ${p} × ${width} activities`, p * width);
}

/** Validates p targets y_μ (Eq. 5): finite numbers, read without coercion. */
export function readTargets(targets: ArrayLike<number>, p: number, name = 'targets'): Float64Array {
  if (targets === null || typeof targets !== 'object' || typeof targets.length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers; got ${show(targets)}`);
  }
  if (targets.length !== p) throw new RangeError(`${name} must hold one value per input (p = ${p}); got ${targets.length}`);
  return finiteVector(name, targets, p);
}

/**
 * Relative learning rates γ^l = η^l / Σ_m η^m, Eq. (33). `rates` are the per-layer rates η^l
 * (any positive scale; default: equal, so γ^l = 1/K).
 * @category Tangent kernel
 */
export function layerGammas(rates: ArrayLike<number> | undefined, K: number): Float64Array {
  const gamma = new Float64Array(K);
  if (rates === undefined) return gamma.fill(1 / K);
  if (rates === null || typeof rates !== 'object' || typeof rates.length !== 'number') throw new TypeError(`layerRates must be an array of ${K} numbers; got ${show(rates)}`);
  if (rates.length !== K) throw new RangeError(`layerRates must hold one rate per weight layer (${K}); got ${rates.length}`);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const r = entry(`layerRates[${k}]`, rates[k]);
    if (r < 0) throw new RangeError(`layerRates[${k}] must be finite and >= 0; got ${r}`);
    sum += r;
  }
  if (!(sum > 0)) throw new RangeError(`layerRates must not all be 0; got ${Array.from(rates).join(', ')}`);
  for (let k = 0; k < K; k++) gamma[k] = rates[k] / sum;
  return gamma;
}

/**
 * A zero weight change shaped like `net`.
 * @category Tangent kernel
 */
export function zeroWeightChange(net: Mlp): WeightChange {
  return {
    weights: net.weights.map((w) => new Float64Array(w.length)),
    biases: net.bias ? net.biases.map((b) => new Float64Array(b.length)) : [],
  };
}

/**
 * A copy of `net` with weights w + scale·Δw (the original is not touched).
 * @category Tangent kernel
 */
export function applyWeightChange<N extends Mlp>(net: N, delta: WeightChange, scale = 1): N {
  validateNetwork(net);
  checkWeightChange(net, delta);
  finiteNumber('scale', scale);
  const weights = net.weights.map((w, k) => {
    const out = Float64Array.from(w);
    const d = delta.weights[k];
    for (let i = 0; i < out.length; i++) out[i] += scale * d[i];
    return out;
  });
  const biases = net.bias
    ? net.biases.map((b, k) => {
        const out = Float64Array.from(b);
        const d = delta.biases[k];
        if (d) for (let i = 0; i < out.length; i++) out[i] += scale * d[i];
        return out;
      })
    : [];
  return { ...net, weights, biases };
}

/** A WeightChange shaped like `net`, with finite entries (checked once, at the boundary). */
export function checkWeightChange(net: Mlp, delta: WeightChange, name = 'delta'): void {
  const K = net.sizes.length - 1;
  if (delta === null || typeof delta !== 'object' || !Array.isArray(delta.weights) || delta.weights.length !== K) {
    throw new TypeError(`${name} must be a WeightChange { weights, biases } with ${K} weight matrices; got ${show(delta)}`);
  }
  for (let k = 0; k < K; k++) {
    const w = delta.weights[k];
    if (!(w instanceof Float64Array) || w.length !== net.sizes[k] * net.sizes[k + 1]) {
      throw new RangeError(`${name}.weights[${k}] must be a Float64Array of ${net.sizes[k + 1]} × ${net.sizes[k]} values; got ${show(w)}`);
    }
    const bad = firstNonFinite(w);
    if (bad >= 0) throw new RangeError(`${name}.weights[${k}][${bad}] must be finite; got ${w[bad]}`);
    if (net.bias) {
      const b = Array.isArray(delta.biases) ? delta.biases[k] : undefined;
      if (!(b instanceof Float64Array) || b.length !== net.sizes[k + 1]) throw new RangeError(`${name}.biases[${k}] must be a Float64Array of ${net.sizes[k + 1]} values; got ${show(b)}`);
      const bb = firstNonFinite(b);
      if (bb >= 0) throw new RangeError(`${name}.biases[${k}][${bb}] must be finite; got ${b[bb]}`);
    }
  }
}
