import { finiteVector, knownKeys, nonNegativeNumber, positiveNumber, show } from '@neurobridge/core';
import { DIVERGENCE_FACTOR, MAX_RECORDED, entry, firstNonFinite, hasOwn, stepCount } from '../internal/check.js';
import { objectiveFromFunction, toRecord, type LossOfParams, type Objective } from './objective.js';

/**
 * Options of `gradientDescent`: the objective, the starting point, the step sizes and the stopping rule.
 * @category Training
 */
export interface GradientDescentOptions {
  /** the loss to minimise: an `Objective` (e.g. `graphObjective`) or a function of named parameters. */
  objective: Objective | LossOfParams;
  /** initial parameters, by name (or a vector in `objective.parameters` order). Not modified. */
  params: Readonly<Record<string, number>> | ArrayLike<number>;
  /**
   * step size η: one number for every parameter, or a record whose keys are parameter names or group
   * names (a parameter's own entry wins over its group's). θ ← θ − η_k ∂L/∂θ_k.
   */
  learningRate: number | Readonly<Record<string, number>>;
  /** group of each parameter, for per-group learning rates. @default objective.groups (graph networks: 'weight' / 'bias') */
  group?: (name: string) => string;
  /** number of steps (the bound), an integer in [0, 10⁷]. */
  steps: number;
  /** stop early when max_k |∂L/∂θ_k| <= tolerance. @default 0 (never) */
  tolerance?: number;
  /** 'all' keeps the parameters after every step, 'loss' only the losses. @default 'all' */
  record?: 'all' | 'loss';
}

/**
 * Result of `gradientDescent` (plain data): the final iterate, the loss history and how the run ended.
 * @category Training
 */
export interface GradientDescentResult {
  /** final parameters by name. */
  params: Record<string, number>;
  /** final loss. */
  loss: number;
  /** loss[k] = loss after k steps (loss[0] is the initial loss); params[k] likewise when recorded. */
  history: {
    /** 𝓛(θ_k), k = 0 … steps (NaN as the last entry when a 'nonFinite' iterate stopped the run). */
    loss: number[];
    /** θ_k by name, k = 0 … steps; only with record 'all'. */
    params?: Record<string, number>[];
  };
  /** number of steps taken (the option `steps` unless the run stopped early). */
  steps: number;
  /**
   * 'maxSteps': ran every step; 'converged': max |∂L/∂θ| <= tolerance; 'nonFinite': a non-finite loss,
   * gradient or iterate, or the objective threw at an iterate (loss NaN then); 'diverged': the loss grew
   * beyond 1e12 · max(1, |initial loss|). The last two suggest a smaller learning rate in `message`.
   */
  status: 'maxSteps' | 'converged' | 'nonFinite' | 'diverged';
  /** what happened, in words, with the step and the values involved. */
  message: string;
}

const OPTION_KEYS = ['objective', 'params', 'learningRate', 'group', 'steps', 'tolerance', 'record'] as const;

/**
 * Plain gradient descent θ_{k+1} = θ_k − η ⊙ ∇L(θ_k), with per-parameter or per-group η.
 *
 * Bad options throw (TypeError/RangeError naming the option, its value and what is allowed; unknown
 * keys with "did you mean"). Numerical failures are statuses, each with the step and a message:
 * 'nonFinite' when the loss, the gradient or an iterate θ_k is NaN or ±Infinity, or when the objective
 * throws a RangeError at an iterate (k ≥ 1: a prediction overflowed or left the loss's domain);
 * 'diverged' when |L_k| > 1e12 · max(1, |L_0|) (`DIVERGENCE_FACTOR`): the learning rate is too large.
 * @category Training
 */
export function gradientDescent(options: GradientDescentOptions): GradientDescentResult {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object { objective, params, learningRate, steps }; got ${show(options)}`);
  knownKeys('options', options, OPTION_KEYS);
  const steps = stepCount('options.steps', options.steps);
  const tolerance = options.tolerance === undefined ? 0 : nonNegativeNumber('options.tolerance', options.tolerance);
  const record = options.record ?? 'all';
  if (record !== 'all' && record !== 'loss') throw new TypeError(`options.record must be 'all' or 'loss'; got ${show(record)}`);
  const p0 = options.params as unknown;
  const isVec = Array.isArray(p0) || ArrayBuffer.isView(p0);
  if (!isVec && (p0 === null || typeof p0 !== 'object')) throw new TypeError(`options.params must be a record of named numbers or an array; got ${show(p0)}`);
  let obj: Objective;
  if (typeof options.objective === 'function') {
    if (isVec) throw new TypeError('options.params must be a record of named numbers when objective is a function of named parameters');
    obj = objectiveFromFunction(options.objective, Object.keys(p0 as object));
  } else if (typeof options.objective === 'object' && options.objective !== null && typeof options.objective.evaluate === 'function'
    && Array.isArray(options.objective.parameters)) {
    obj = options.objective;
  } else {
    throw new TypeError(`options.objective must be an Objective or a function (params) => { loss, grad }; got ${show(options.objective)}`);
  }
  const names = obj.parameters;
  if (record === 'all' && (steps + 1) * names.length > MAX_RECORDED) {
    throw new RangeError(`options.steps: record 'all' would keep (steps + 1) × parameters = ${steps + 1} × ${names.length} values; at most ${MAX_RECORDED} (use record: 'loss' or fewer steps)`);
  }
  let theta: Float64Array;
  if (isVec) {
    theta = finiteVector('options.params', p0, names.length);
  } else {
    const r = knownKeys('options.params', p0 as Record<string, unknown>, names);
    theta = new Float64Array(names.length);
    names.forEach((n, i) => {
      if (!hasOwn(r, n)) throw new RangeError(`options.params.${n} is missing (the objective's parameters: ${names.join(', ')})`);
      theta[i] = entry(`options.params.${n}`, r[n]);
    });
  }
  // resolve the learning rate of every parameter once
  const lr = new Float64Array(names.length);
  const spec = options.learningRate as unknown;
  if (typeof spec === 'number') {
    lr.fill(positiveNumber('options.learningRate', spec));
  } else if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    if (options.group !== undefined && typeof options.group !== 'function') throw new TypeError(`options.group must be a function (name) => group; got ${show(options.group)}`);
    const groupOf = options.group ?? ((n: string) => obj.groups?.[names.indexOf(n)] ?? n);
    const rates = spec as Record<string, unknown>;
    const groups = names.map((n) => groupOf(n));
    // a key that is neither a parameter nor a group is a misspelling: it would be ignored silently
    knownKeys('options.learningRate', rates, [...new Set([...names, ...groups])]);
    names.forEach((n, i) => {
      const g = groups[i];
      const key = hasOwn(rates, n) ? n : g;
      if (!hasOwn(rates, key)) throw new RangeError(`options.learningRate has no entry for parameter '${n}' or its group '${g}'; keys: ${Object.keys(rates).join(', ')}`);
      const v = entry(`options.learningRate.${key}`, rates[key]);
      if (v < 0) throw new RangeError(`options.learningRate.${key} must be >= 0; got ${v}`);
      lr[i] = v;
    });
  } else {
    throw new TypeError(`options.learningRate must be a number or a record of numbers; got ${show(spec)}`);
  }
  const grad = new Float64Array(names.length);
  const lossHist: number[] = [];
  const paramHist: Record<string, number>[] | undefined = record === 'all' ? [toRecord(names, theta)] : undefined;
  let status: GradientDescentResult['status'] = 'maxSteps';
  let message = `completed ${steps} steps`;
  let k = 0;
  let L = obj.evaluate(theta, grad);
  lossHist.push(L);
  const L0 = L;
  for (;;) {
    const badGrad = firstNonFinite(grad);
    if (!Number.isFinite(L) || badGrad >= 0) {
      status = 'nonFinite';
      message = `non-finite loss or gradient after ${k} steps (loss ${L}${badGrad >= 0 ? `, ∂L/∂${names[badGrad]} = ${grad[badGrad]}` : ''})${k > 0 ? '; try a smaller learningRate' : ''}`;
      break;
    }
    if (k > 0 && Math.abs(L) > DIVERGENCE_FACTOR * Math.max(1, Math.abs(L0))) {
      status = 'diverged';
      message = `diverged: loss ${L} after ${k} steps, more than ${DIVERGENCE_FACTOR} × max(1, |initial loss ${L0}|); try a smaller learningRate`;
      break;
    }
    let gmax = 0;
    for (let i = 0; i < grad.length; i++) gmax = Math.max(gmax, Math.abs(grad[i]));
    if (tolerance > 0 && gmax <= tolerance) { status = 'converged'; message = `max |gradient| ${gmax} <= tolerance ${tolerance} after ${k} steps`; break; }
    if (k === steps) break;
    for (let i = 0; i < theta.length; i++) theta[i] -= lr[i] * grad[i];
    k++;
    const badTheta = firstNonFinite(theta);
    if (badTheta >= 0) {
      status = 'nonFinite'; message = `parameter '${names[badTheta]}' became ${theta[badTheta]} at step ${k}; try a smaller learningRate`;
      L = NaN; lossHist.push(L); paramHist?.push(toRecord(names, theta));
      break;
    }
    try {
      L = obj.evaluate(theta, grad);
    } catch (e) {
      // the objective rejected an iterate (an overflowed prediction, a loss's domain): the step's fault, not the caller's input
      if (!(e instanceof RangeError)) throw e;
      status = 'nonFinite'; message = `the objective threw at step ${k} (${e.message}); try a smaller learningRate`;
      L = NaN; lossHist.push(L); paramHist?.push(toRecord(names, theta));
      break;
    }
    lossHist.push(L);
    paramHist?.push(toRecord(names, theta));
  }
  return { params: toRecord(names, theta), loss: L, history: { loss: lossHist, params: paramHist }, steps: k, status, message };
}
