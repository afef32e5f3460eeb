import { knownKeys, optionsObject, show } from '@neurobridge/core';
import { checkGraphNetwork, checkLoss, hasOwn } from '../internal/check.js';
import type { GraphNetwork } from './graphNetwork.js';
import type { Loss } from '../training/losses.js';
import { Rational } from '../exact/rational.js';

/**
 * A parameter/input/target value for exact evaluation: a decimal string, a number (read as its shortest decimal) or a Rational.
 * @category Graph networks
 */
export type ExactValue = number | string | Rational;

/**
 * Result of `backwardExact`: the quantities of `GraphBackwardResult`, as exact rationals.
 * @category Graph networks
 */
export interface ExactBackwardResult {
  /** input current z_j = Σ_i w_ij x_i + b_j of every computing node. */
  z: Record<string, Rational>;
  /** activity x_j of every node (inputs included). */
  x: Record<string, Rational>;
  /** δ_j = ∂L/∂z_j = act_j'(z_j) ∂L/∂x_j for every computing node. */
  delta: Record<string, Rational>;
  /** ∂L/∂θ for every trainable parameter (∂L/∂w_ij = δ_j x_i, ∂L/∂b_j = δ_j). */
  grad: Record<string, Rational>;
  /** the loss L = Σ_outputs loss(x_o, t_o). */
  loss: Rational;
}

function exactActivation(name: string): { f(z: Rational): Rational; df(z: Rational): Rational } {
  switch (name) {
    case 'linear': return { f: (z) => z, df: () => Rational.of(1) };
    // relu'(0) = 0, as core's relu and seed 004's left derivative
    case 'relu': return { f: (z) => (z.sign() > 0 ? z : Rational.of(0)), df: (z) => Rational.of(z.sign() > 0 ? 1 : 0) };
    case 'square': return { f: (z) => z.mul(z), df: (z) => z.mul(2) };
    default: throw new TypeError(`backwardExact: activation '${name}' has no exact rational form (allowed: linear, relu, square)`);
  }
}

function exactLoss(loss: Loss): { value(x: Rational, t: Rational): Rational; derivative(x: Rational, t: Rational): Rational } {
  switch (loss.exactForm) {
    case 'squared': return { value: (x, t) => x.sub(t).mul(x.sub(t)), derivative: (x, t) => x.sub(t).mul(2) };
    case 'squaredHalf': return { value: (x, t) => x.sub(t).mul(x.sub(t)).div(2), derivative: (x, t) => x.sub(t) };
    default: throw new TypeError(`backwardExact: loss '${loss.name}' has no exact rational form (allowed: squared, squaredHalf)`);
  }
}

/** An ExactValue read strictly: a finite number, a decimal string or a Rational; errors name the entry. */
function exact(name: string, v: unknown): Rational {
  if (typeof v !== 'number' && typeof v !== 'string' && !(v instanceof Rational)) {
    throw new TypeError(`${name} must be a number, a decimal string or a Rational; got ${show(v)}`);
  }
  try {
    return Rational.from(v);
  } catch (e) {
    const E = e instanceof TypeError ? TypeError : RangeError;
    throw new E(`${name}: ${(e as Error).message}`);
  }
}

function vec(what: string, names: readonly string[], v: unknown): Rational[] {
  if (Array.isArray(v)) {
    if (v.length !== names.length) throw new RangeError(`${what} must have ${names.length} entries; got ${v.length}`);
    return v.map((e, i) => exact(`${what}[${i}]`, e));
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Rational)) {
    const r = knownKeys(what, v as Record<string, unknown>, names);
    return names.map((n) => {
      if (!hasOwn(r, n)) throw new RangeError(`${what}.${n} is missing (expected ${names.join(', ')})`);
      return exact(`${what}.${n}`, r[n]);
    });
  }
  if (names.length === 1) return [exact(what, v)];
  throw new TypeError(`${what} must be a record or an array; got ${show(v)}`);
}

/**
 * The forward and backward pass of `backward`, in exact rational arithmetic, for networks whose
 * activations are linear, relu or square and losses squared or squaredHalf (every quantity is then a
 * rational function of the inputs — a finite decimal when the data are decimals). Independent of
 * floating point: used to print seed 004's hand computation as exact decimals.
 * @category Graph networks
 */
export function backwardExact(
  net: GraphNetwork, params: Readonly<Record<string, ExactValue>> | ExactValue[],
  input: Readonly<Record<string, ExactValue>> | ExactValue[], target: ExactValue | Readonly<Record<string, ExactValue>> | ExactValue[], loss: Loss,
): ExactBackwardResult {
  checkGraphNetwork(net);
  checkLoss(loss);
  const L = exactLoss(loss);
  const theta = vec('params', net.parameters, params);
  const xin = vec('input', net.inputs, input);
  const t = vec('target', net.outputs, target);
  const acts = net.units.map((u) => exactActivation(u.activation.name));
  const nIn = net.inputs.length;
  const zero = Rational.of(0);
  const x: Rational[] = xin.slice(), z: Rational[] = xin.map(() => zero);
  const w = (u: GraphNetwork['units'][number], q: number) => (u.param[q] >= 0 ? theta[u.param[q]] : Rational.from(u.fixed[q]));
  net.units.forEach((u, k) => {
    let s = zero;
    u.from.forEach((i, q) => { s = s.add(w(u, q).mul(x[i])); });
    if (u.bias >= 0) s = s.add(theta[u.bias]);
    z.push(s); x.push(acts[k].f(s));
  });
  let lossValue = zero;
  const dx: Rational[] = x.map(() => zero);
  net.outputIndex.forEach((i, o) => { lossValue = lossValue.add(L.value(x[i], t[o])); dx[i] = dx[i].add(L.derivative(x[i], t[o])); });
  const delta: Rational[] = x.map(() => zero);
  const grad: Rational[] = theta.map(() => zero);
  for (let k = net.units.length - 1; k >= 0; k--) {
    const u = net.units[k], j = nIn + k;
    const d = dx[j].mul(acts[k].df(z[j]));
    delta[j] = d;
    if (u.bias >= 0) grad[u.bias] = grad[u.bias].add(d);
    u.from.forEach((i, q) => {
      if (u.param[q] >= 0) grad[u.param[q]] = grad[u.param[q]].add(d.mul(x[i]));
      dx[i] = dx[i].add(d.mul(w(u, q)));
    });
  }
  const rec = (names: readonly string[], v: Rational[], offset = 0) => Object.fromEntries(names.map((n, i) => [n, v[offset + i]]));
  const comp = net.units.map((u) => u.name);
  return { z: rec(comp, z, nIn), x: rec(net.nodeNames, x), delta: rec(comp, delta, nIn), grad: rec(net.parameters, grad), loss: lossValue };
}

/**
 * Exact dataset loss and gradient (mean over samples by default), with the per-sample results:
 * `datasetBackward` in rational arithmetic (seed 004 Q4's mean gradient as exact decimals).
 * @category Graph networks
 */
export function datasetBackwardExact(
  net: GraphNetwork, params: Readonly<Record<string, ExactValue>> | ExactValue[],
  samples: readonly { input: Readonly<Record<string, ExactValue>> | ExactValue[]; target: ExactValue | Readonly<Record<string, ExactValue>> | ExactValue[] }[],
  loss: Loss, options: { reduction?: 'mean' | 'sum' } = {},
): {
  /** the dataset loss (1/N) Σ_n L_n (or Σ_n L_n with reduction 'sum'). */
  loss: Rational;
  /** its gradient by parameter name, reduced like `loss`. */
  grad: Record<string, Rational>;
  /** `backwardExact` of every sample, in `samples` order (unreduced). */
  perSample: ExactBackwardResult[];
} {
  if (!Array.isArray(samples)) throw new TypeError(`samples must be a non-empty array of {input, target}; got ${show(samples)}`);
  if (samples.length === 0) throw new RangeError('samples must be non-empty; got length 0');
  const opts = knownKeys('options', optionsObject('options', options), ['reduction']);
  if (opts.reduction !== undefined && opts.reduction !== 'mean' && opts.reduction !== 'sum') throw new TypeError(`options.reduction must be 'mean' or 'sum'; got ${show(opts.reduction)}`);
  const perSample = samples.map((s, n) => {
    if (s === null || typeof s !== 'object') throw new TypeError(`samples[${n}] must be an object {input, target}; got ${show(s)}`);
    knownKeys(`samples[${n}]`, s, ['input', 'target']);
    return backwardExact(net, params, s.input, s.target, loss);
  });
  const scale = Rational.of(1, opts.reduction === 'sum' ? 1 : samples.length);
  let L = Rational.of(0);
  const grad: Record<string, Rational> = Object.fromEntries(net.parameters.map((n) => [n, Rational.of(0)]));
  for (const r of perSample) {
    L = L.add(r.loss);
    for (const n of net.parameters) grad[n] = grad[n].add(r.grad[n]);
  }
  for (const n of net.parameters) grad[n] = grad[n].mul(scale);
  return { loss: L.mul(scale), grad, perSample };
}
