import { objectiveFromFunction, type LossOfParams, type Objective } from './objective.js';
import { toRecord } from './graphPass.js';

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
  /** number of steps (the bound). */
  steps: number;
  /** stop early when max_k |∂L/∂θ_k| <= tolerance. @default 0 (never) */
  tolerance?: number;
  /** 'all' keeps the parameters after every step, 'loss' only the losses. @default 'all' */
  record?: 'all' | 'loss';
}

export interface GradientDescentResult {
  /** final parameters by name. */
  params: Record<string, number>;
  /** final loss. */
  loss: number;
  /** loss[k] = loss after k steps (loss[0] is the initial loss); params[k] likewise when recorded. */
  history: { loss: number[]; params?: Record<string, number>[] };
  steps: number;
  status: 'maxSteps' | 'converged' | 'nonFinite';
  message: string;
}

/** Plain gradient descent θ_{k+1} = θ_k − η ⊙ ∇L(θ_k), with per-parameter or per-group η. */
export function gradientDescent(options: GradientDescentOptions): GradientDescentResult {
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer; got ${steps}`);
  const tolerance = options.tolerance ?? 0;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be >= 0; got ${tolerance}`);
  const record = options.record ?? 'all';
  const p0 = options.params;
  const isVec = Array.isArray(p0) || ArrayBuffer.isView(p0);
  let obj: Objective;
  if (typeof options.objective === 'function') {
    if (isVec) throw new TypeError('params must be a record of named numbers when objective is a function of named parameters');
    obj = objectiveFromFunction(options.objective, Object.keys(p0));
  } else if (typeof options.objective === 'object' && options.objective !== null && typeof options.objective.evaluate === 'function') {
    obj = options.objective;
  } else {
    throw new TypeError(`objective must be an Objective or a function (params) => { loss, grad }; got ${String(options.objective)}`);
  }
  const names = obj.parameters;
  const theta = new Float64Array(names.length);
  if (isVec) {
    const v = p0 as ArrayLike<number>;
    if (v.length !== names.length) throw new RangeError(`params must have ${names.length} entries; got ${v.length}`);
    for (let i = 0; i < names.length; i++) theta[i] = v[i];
  } else {
    const r = p0 as Record<string, number>;
    const known = new Set(names);
    for (const k of Object.keys(r)) if (!known.has(k)) throw new RangeError(`params: unknown parameter '${k}' (the objective's parameters: ${names.join(', ')})`);
    names.forEach((n, i) => {
      if (typeof r[n] !== 'number' || !Number.isFinite(r[n])) throw new RangeError(`params: missing or non-finite parameter '${n}'; got ${String(r[n])}`);
      theta[i] = r[n];
    });
  }
  // resolve the learning rate of every parameter once
  const lr = new Float64Array(names.length);
  const spec = options.learningRate;
  if (typeof spec === 'number') {
    if (!(spec > 0) || !Number.isFinite(spec)) throw new RangeError(`learningRate must be a finite number > 0; got ${spec}`);
    lr.fill(spec);
  } else if (typeof spec === 'object' && spec !== null) {
    const groupOf = options.group ?? ((n: string) => obj.groups?.[names.indexOf(n)] ?? n);
    names.forEach((n, i) => {
      const g = groupOf(n);
      const v = n in spec ? spec[n] : spec[g];
      if (typeof v !== 'number') throw new RangeError(`learningRate has no entry for parameter '${n}' or its group '${g}'; keys: ${Object.keys(spec).join(', ')}`);
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`learningRate['${n in spec ? n : g}'] must be a finite number >= 0; got ${v}`);
      lr[i] = v;
    });
  } else {
    throw new TypeError(`learningRate must be a number or a record of numbers; got ${String(spec)}`);
  }
  const grad = new Float64Array(names.length);
  const lossHist: number[] = [];
  const paramHist: Record<string, number>[] | undefined = record === 'all' ? [toRecord(names, theta)] : undefined;
  let status: GradientDescentResult['status'] = 'maxSteps';
  let message = `completed ${steps} steps`;
  let k = 0;
  let L = obj.evaluate(theta, grad);
  lossHist.push(L);
  for (;;) {
    if (!Number.isFinite(L) || grad.some((v) => !Number.isFinite(v))) {
      status = 'nonFinite'; message = `non-finite loss or gradient after ${k} steps (loss ${L})`;
      break;
    }
    let gmax = 0;
    for (let i = 0; i < grad.length; i++) gmax = Math.max(gmax, Math.abs(grad[i]));
    if (tolerance > 0 && gmax <= tolerance) { status = 'converged'; message = `max |gradient| ${gmax} <= tolerance ${tolerance} after ${k} steps`; break; }
    if (k === steps) break;
    for (let i = 0; i < theta.length; i++) theta[i] -= lr[i] * grad[i];
    k++;
    L = obj.evaluate(theta, grad);
    lossHist.push(L);
    paramHist?.push(toRecord(names, theta));
  }
  return { params: toRecord(names, theta), loss: L, history: { loss: lossHist, params: paramHist }, steps: k, status, message };
}
