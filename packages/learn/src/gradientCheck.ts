import { gradientCentral } from '@neurobridge/core';
import { objectiveFromFunction, type LossOfParams, type Objective } from './objective.js';
import { toRecord } from './graphPass.js';

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

export interface GradientCheckEntry { name: string; backprop: number; numeric: number; relativeError: number }

export interface GradientCheckResult {
  /** loss at the given parameters. */
  loss: number;
  maxRelativeError: number;
  /** the parameter with the largest relative error. */
  worst: string;
  entries: GradientCheckEntry[];
}

/**
 * Compares the analytic (backprop) gradient with central finite differences
 * ∂L/∂θ_k ≈ (L(θ + h e_k) − L(θ − h e_k)) / 2h, parameter by parameter.
 * `lossOfParams` is a function of named parameters returning `{ loss, grad }`, or an `Objective`.
 */
export function gradientCheck(
  lossOfParams: LossOfParams | Objective, params: Readonly<Record<string, number>> | Float64Array, options: GradientCheckOptions = {},
): GradientCheckResult {
  const floor = options.floor ?? 1e-4;
  if (!(floor > 0)) throw new RangeError(`floor must be > 0; got ${floor}`);
  let names: readonly string[];
  let theta: Float64Array;
  if (params instanceof Float64Array) {
    theta = Float64Array.from(params);
    names = typeof lossOfParams === 'object' ? lossOfParams.parameters : Array.from(params, (_, i) => `θ[${i}]`);
  } else if (typeof params === 'object' && params !== null) {
    names = typeof lossOfParams === 'object' ? lossOfParams.parameters : Object.keys(params);
    theta = Float64Array.from(names, (n) => {
      const v = params[n];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`params: '${n}' must be a finite number; got ${String(v)}`);
      return v;
    });
  } else {
    throw new TypeError(`params must be a record of numbers or a Float64Array; got ${String(params)}`);
  }
  const obj = typeof lossOfParams === 'function' ? objectiveFromFunction(lossOfParams, names) : lossOfParams;
  if (obj.parameters.length !== theta.length) throw new RangeError(`params must have ${obj.parameters.length} entries; got ${theta.length}`);
  const g = new Float64Array(theta.length);
  const loss = obj.evaluate(theta, g);
  const fd = gradientCentral((t) => obj.evaluate(t), theta, options.h === undefined ? {} : { h: options.h });
  const floorAbs = floor * Math.max(1, Math.abs(loss));
  let max = 0, worst = names[0] ?? '';
  const entries = Array.from(theta, (_, k) => {
    const rel = Math.abs(g[k] - fd[k]) / Math.max(Math.abs(g[k]), Math.abs(fd[k]), floorAbs);
    if (!(rel <= max)) { max = rel; worst = names[k]; }
    return { name: names[k], backprop: g[k], numeric: fd[k], relativeError: rel };
  });
  return { loss, maxRelativeError: max, worst, entries };
}

/** The gradient check entries as a record name → relative error (for display). */
export function gradientCheckTable(r: GradientCheckResult): Record<string, number> {
  return toRecord(r.entries.map((e) => e.name), r.entries.map((e) => e.relativeError));
}
