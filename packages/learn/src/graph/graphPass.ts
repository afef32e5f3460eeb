import { knownKeys, show } from '@neurobridge/core';
import type { GraphNetwork } from './graphNetwork.js';
import { checkGraphNetwork, checkLoss, entry, firstNonFinite, hasOwn } from '../internal/check.js';
import type { Loss } from '../training/losses.js';
import { toRecord } from '../training/objective.js';

/**
 * Named parameter values (`{ w46: 0.3, b6: -0.1 }`) or a vector in `net.parameters` order.
 * @category Graph networks
 */
export type GraphParams = Readonly<Record<string, number>> | ArrayLike<number>;
/**
 * Input values by input name, or an array in `net.inputs` order.
 * @category Graph networks
 */
export type GraphInput = Readonly<Record<string, number>> | ArrayLike<number>;
/**
 * Target per output: a number (single output), an array in `net.outputs` order, or by name.
 * @category Graph networks
 */
export type GraphTarget = number | Readonly<Record<string, number>> | ArrayLike<number>;

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/**
 * A record keyed by `names` or an array in `names` order, read without coercion: a missing name is a
 * RangeError, an unknown or misspelt key a TypeError (core's knownKeys, "did you mean"), a value that
 * is not a number ('1', null) a TypeError and NaN/±Infinity a RangeError, each naming the entry as
 * the caller wrote it (`params.w46`, `input[1]`).
 */
function namedVector(what: string, names: readonly string[], v: unknown): Float64Array {
  const out = new Float64Array(names.length);
  if (isArrayLike(v)) {
    if (v.length !== names.length) throw new RangeError(`${what} must have ${names.length} entries (${names.join(', ')}); got ${v.length}`);
    for (let i = 0; i < names.length; i++) out[i] = entry(`${what}[${i}] (${names[i]})`, v[i]);
  } else if (typeof v === 'object' && v !== null) {
    const rec = knownKeys(what, v as Record<string, unknown>, names);
    names.forEach((n, i) => {
      if (!hasOwn(rec, n)) throw new RangeError(`${what}.${n} is missing (expected ${names.join(', ')})`);
      out[i] = entry(`${what}.${n}`, rec[n]);
    });
  } else {
    throw new TypeError(`${what} must be an object keyed by name or an array; got ${show(v)}`);
  }
  return out;
}

/**
 * θ as a vector in `net.parameters` order; throws naming a missing or unknown parameter.
 * @category Graph networks
 */
export function parameterVector(net: GraphNetwork, params: GraphParams, name = 'params'): Float64Array {
  return namedVector(name, net.parameters, params);
}
/**
 * The input as a vector in `net.inputs` order.
 * @category Graph networks
 */
export function inputVector(net: GraphNetwork, input: GraphInput, name = 'input'): Float64Array {
  return namedVector(name, net.inputs, input);
}
/**
 * The target as a vector in `net.outputs` order.
 * @category Graph networks
 */
export function targetVector(net: GraphNetwork, target: GraphTarget, name = 'target'): Float64Array {
  if (typeof target === 'number') {
    if (net.outputs.length !== 1) throw new RangeError(`${name} must have ${net.outputs.length} entries (${net.outputs.join(', ')}); got a single number`);
    return Float64Array.of(entry(name, target));
  }
  return namedVector(name, net.outputs, target);
}

/**
 * Forward pass on vectors: for every computing node j in topological order,
 *   z_j = Σ_{i→j} w_ij x_i + b_j,   x_j = act_j(z_j).
 * z and x are indexed like `net.nodeNames` (z of an input is 0, x of an input is the input).
 * @category Graph networks
 */
export function graphForwardVector(net: GraphNetwork, theta: Float64Array, input: Float64Array, z: Float64Array, x: Float64Array): void {
  const nIn = net.inputs.length;
  for (let i = 0; i < nIn; i++) { x[i] = input[i]; z[i] = 0; }
  const units = net.units;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    let s = 0;
    const from = u.from, param = u.param;
    for (let q = 0; q < from.length; q++) s += (param[q] >= 0 ? theta[param[q]] : u.fixed[q]) * x[from[q]];
    if (u.bias >= 0) s += theta[u.bias];
    z[nIn + k] = s;
    x[nIn + k] = u.activation.f(s);
  }
}

/**
 * Backward pass on vectors, from ∂L/∂x of the outputs (`dLdOut`, in `net.outputs` order):
 *   ∂L/∂x_i = Σ_{i→j} w_ij δ_j (+ ∂L/∂x_i if i is an output),   δ_j = ∂L/∂z_j = act_j'(z_j) ∂L/∂x_j,
 *   ∂L/∂w_ij = δ_j x_i,   ∂L/∂b_j = δ_j   (summed over links sharing a parameter).
 * Fills delta (0 for inputs), dx (∂L/∂x for every node, inputs included) and grad (overwritten).
 * @category Graph networks
 */
export function graphBackwardVector(
  net: GraphNetwork, theta: Float64Array, z: Float64Array, x: Float64Array, dLdOut: ArrayLike<number>,
  delta: Float64Array, dx: Float64Array, grad: Float64Array,
): void {
  const nIn = net.inputs.length;
  dx.fill(0); delta.fill(0); grad.fill(0);
  const oi = net.outputIndex;
  for (let o = 0; o < oi.length; o++) dx[oi[o]] += dLdOut[o];
  const units = net.units;
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k];
    const j = nIn + k;
    const d = dx[j] * u.activation.df(z[j]);
    delta[j] = d;
    if (u.bias >= 0) grad[u.bias] += d;
    const from = u.from, param = u.param;
    for (let q = 0; q < from.length; q++) {
      const i = from[q];
      if (param[q] >= 0) { grad[param[q]] += d * x[i]; dx[i] += d * theta[param[q]]; } else dx[i] += d * u.fixed[q];
    }
  }
}

/**
 * Σ_outputs loss(x_o, t_o) and its derivative per output (written into `dLdOut`).
 * @category Graph networks
 */
export function outputLoss(net: GraphNetwork, x: Float64Array, target: Float64Array, loss: Loss, dLdOut: Float64Array): number {
  let L = 0;
  const oi = net.outputIndex;
  for (let o = 0; o < oi.length; o++) {
    L += loss.value(x[oi[o]], target[o]);
    dLdOut[o] = loss.derivative(x[oi[o]], target[o]);
  }
  return L;
}

/**
 * Result of `forward`: every quantity of one forward pass, by node name.
 * @category Graph networks
 */
export interface GraphForwardResult {
  /** input current z_j of every computing node. */
  z: Record<string, number>;
  /** activity x_j of every node (inputs included). */
  x: Record<string, number>;
  /** activities of the outputs, in `net.outputs` order. */
  outputs: number[];
}

/**
 * Result of `backward`: the forward pass, the loss and every quantity of the backward pass, by name.
 * @category Graph networks
 */
export interface GraphBackwardResult extends GraphForwardResult {
  /** δ_j = ∂L/∂z_j for every computing node. */
  delta: Record<string, number>;
  /** ∂L/∂x_j for every node (inputs included). */
  dx: Record<string, number>;
  /** ∂L/∂θ for every trainable parameter. */
  grad: Record<string, number>;
  /** the loss Σ_outputs L(x_o, t_o). */
  loss: number;
}

/** A finite params and input can still overflow (square of 1e200): a RangeError naming the node, never an Infinity returned as a result. */
function overflow(net: GraphNetwork, z: Float64Array, x: Float64Array): void {
  const nIn = net.inputs.length;
  for (let j = nIn; j < x.length; j++) {
    if (!Number.isFinite(z[j]) || !Number.isFinite(x[j])) {
      throw new RangeError(`forward: node '${net.nodeNames[j]}' overflowed (z = ${z[j]}, x = ${x[j]}) with finite params and input; the params or input are too large for double precision`);
    }
  }
}

function computingRecord(net: GraphNetwork, v: Float64Array): Record<string, number> {
  const r: Record<string, number> = {};
  const nIn = net.inputs.length;
  for (let k = 0; k < net.units.length; k++) r[net.units[k].name] = v[nIn + k];
  return r;
}

/**
 * Forward pass with named parameters and inputs: `{ z, x, outputs }`.
 * @category Graph networks
 */
export function forward(net: GraphNetwork, params: GraphParams, input: GraphInput): GraphForwardResult {
  checkGraphNetwork(net);
  const theta = parameterVector(net, params);
  const xin = inputVector(net, input);
  const n = net.nodeNames.length;
  const z = new Float64Array(n), x = new Float64Array(n);
  graphForwardVector(net, theta, xin, z, x);
  overflow(net, z, x);
  return { z: computingRecord(net, z), x: toRecord(net.nodeNames, x), outputs: net.outputIndex.map((i) => x[i]) };
}

/**
 * Forward and backward pass for one sample: `{ z, x, delta, dx, grad, loss }`, with L = Σ_outputs loss(x_o, t_o).
 * @category Graph networks
 */
export function backward(net: GraphNetwork, params: GraphParams, input: GraphInput, target: GraphTarget, loss: Loss): GraphBackwardResult {
  checkGraphNetwork(net);
  checkLoss(loss);
  const theta = parameterVector(net, params);
  const xin = inputVector(net, input);
  const t = targetVector(net, target);
  const n = net.nodeNames.length;
  const z = new Float64Array(n), x = new Float64Array(n), delta = new Float64Array(n), dx = new Float64Array(n);
  const grad = new Float64Array(theta.length), dLdOut = new Float64Array(net.outputs.length);
  graphForwardVector(net, theta, xin, z, x);
  overflow(net, z, x);
  const L = outputLoss(net, x, t, loss, dLdOut);
  graphBackwardVector(net, theta, z, x, dLdOut, delta, dx, grad);
  const bad = firstNonFinite(grad);
  if (bad >= 0) throw new RangeError(`backward: ∂L/∂${net.parameters[bad]} overflowed to ${grad[bad]} with finite params and input; the params are too large for double precision`);
  return {
    z: computingRecord(net, z), x: toRecord(net.nodeNames, x), outputs: net.outputIndex.map((i) => x[i]),
    delta: computingRecord(net, delta), dx: toRecord(net.nodeNames, dx), grad: toRecord(net.parameters, grad), loss: L,
  };
}
