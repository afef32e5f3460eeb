import { finiteVector, knownKeys, optionsObject, positiveNumber, show } from '@neurobridge/core';
import { entry, firstNonFinite, hasOwn } from '../internal/check.js';
import { gradientCentral } from '@neurobridge/core';
import { objectiveFromFunction, toRecord, type LossOfParams, type Objective } from './objective.js';


/**
 * Options of `gradientCheck`.
 * @category Training
 */
export interface GradientCheckOptions {
  /** finite-difference step, passed to core's gradientCentral. @default core's default */
  h?: number;
  /**
   * relative floor of the error measure |g − n| / max(|g|, |n|, floor·max(1, |L|)): gradient
   * components below floor·max(1, |L|) are compared at that absolute scale. Central differences with
   * h ≈ ε^{1/3} carry a rounding error ≈ ε^{2/3}·max(1, |L|) ≈ 4e-11·max(1, |L|) (more when the loss's
   * terms cancel, as Itakura–Saito's t/x and ln(t/x)), so a relative check at 1e-6 is only meaningful
   * for |gradient| ≳ 1e-4·max(1, |L|). @default 1e-4
   */
  floor?: number;
}

/**
 * The comparison for one parameter θ_k.
 * @category Training
 */
export interface GradientCheckEntry {
  /** the parameter's name (`θ[k]` for a vector of a function of named parameters). */
  name: string;
  /** ∂L/∂θ_k from the objective's own gradient (backpropagation). */
  backprop: number;
  /** the central difference (L(θ + h e_k) − L(θ − h e_k)) / 2h. */
  numeric: number;
  /** |backprop − numeric| / max(|backprop|, |numeric|, floor·max(1, |L|)). */
  relativeError: number;
}

/**
 * Result of `gradientCheck`: one entry per parameter and the worst of them.
 * @category Training
 */
export interface GradientCheckResult {
  /** loss at the given parameters. */
  loss: number;
  /** the largest `relativeError` over the parameters (small, ≲ 1e-6, when the gradient is right). */
  maxRelativeError: number;
  /** the parameter with the largest relative error. */
  worst: string;
  /** one entry per parameter, in the objective's parameter order. */
  entries: GradientCheckEntry[];
}

/**
 * Compares the analytic (backprop) gradient with central finite differences
 * ∂L/∂θ_k ≈ (L(θ + h e_k) − L(θ − h e_k)) / 2h, parameter by parameter.
 * `lossOfParams` is a function of named parameters returning `{ loss, grad }`, or an `Objective`.
 * @category Training
 */
export function gradientCheck(
  lossOfParams: LossOfParams | Objective, params: Readonly<Record<string, number>> | Float64Array, options: GradientCheckOptions = {},
): GradientCheckResult {
  const opts = knownKeys('options', optionsObject('options', options), ['h', 'floor']);
  const floor = opts.floor === undefined ? 1e-4 : positiveNumber('options.floor', opts.floor);
  if (opts.h !== undefined) positiveNumber('options.h', opts.h);
  if (typeof lossOfParams !== 'function' && (lossOfParams === null || typeof lossOfParams !== 'object' || typeof lossOfParams.evaluate !== 'function' || !Array.isArray(lossOfParams.parameters))) {
    throw new TypeError(`lossOfParams must be a function (params) => { loss, grad } or an Objective; got ${show(lossOfParams)}`);
  }
  let names: readonly string[];
  let theta: Float64Array;
  if (params instanceof Float64Array) {
    theta = finiteVector('params', params);
    names = typeof lossOfParams === 'object' ? lossOfParams.parameters : Array.from(params, (_, i) => `θ[${i}]`);
  } else if (typeof params === 'object' && params !== null) {
    names = typeof lossOfParams === 'object' ? lossOfParams.parameters : Object.keys(params);
    if (typeof lossOfParams === 'object') knownKeys('params', params, names);
    theta = Float64Array.from(names, (n) => {
      if (!hasOwn(params, n)) throw new RangeError(`params.${n} is missing (expected ${names.join(', ')})`);
      return entry(`params.${n}`, params[n]);
    });
  } else {
    throw new TypeError(`params must be a record of numbers or a Float64Array; got ${show(params)}`);
  }
  const obj = typeof lossOfParams === 'function' ? objectiveFromFunction(lossOfParams, names) : lossOfParams;
  if (obj.parameters.length !== theta.length) throw new RangeError(`params must have ${obj.parameters.length} entries; got ${theta.length}`);
  const g = new Float64Array(theta.length);
  const loss = obj.evaluate(theta, g);
  const bad = firstNonFinite(g);
  if (!Number.isFinite(loss) || bad >= 0) throw new RangeError(`the objective must be finite at params; got loss ${loss}${bad >= 0 ? `, gradient ${names[bad]} = ${g[bad]}` : ''}`);
  const fd = gradientCentral((t) => obj.evaluate(t), theta, opts.h === undefined ? {} : { h: opts.h });
  const floorAbs = floor * Math.max(1, Math.abs(loss));
  let max = 0, worst = names[0] ?? '';
  const entries = Array.from(theta, (_, k) => {
    const rel = Math.abs(g[k] - fd[k]) / Math.max(Math.abs(g[k]), Math.abs(fd[k]), floorAbs);
    if (!(rel <= max)) { max = rel; worst = names[k]; }
    return { name: names[k], backprop: g[k], numeric: fd[k], relativeError: rel };
  });
  return { loss, maxRelativeError: max, worst, entries };
}

/**
 * The gradient check entries as a record name → relative error (for display).
 * @category Training
 */
export function gradientCheckTable(r: GradientCheckResult): Record<string, number> {
  return toRecord(r.entries.map((e) => e.name), r.entries.map((e) => e.relativeError));
}
