import { show } from '@neurobridge/core';

/**
 * A differentiable objective of named parameters, on vectors: `evaluate(θ, grad?)` returns the loss and,
 * when `grad` is given, writes ∂loss/∂θ into it. Parameters are in `parameters` order.
 * @category Training
 */
export interface Objective {
  /** names of the parameters θ_k, in the order of the vectors `evaluate` takes and fills. */
  readonly parameters: readonly string[];
  /** optional group per parameter (for per-group learning rates), e.g. 'weight' / 'bias'. */
  readonly groups?: readonly string[];
  /**
   * 𝓛(θ) at `theta` (length `parameters.length`); when `grad` is given (same length) it is
   * overwritten with ∇𝓛(θ), ∂𝓛/∂θ_k in `parameters` order.
   */
  evaluate(theta: Float64Array, grad?: Float64Array): number;
  /** number of calls of `evaluate` so far (with and without gradient). */
  readonly calls?: {
    /** calls without `grad` (loss only). */
    value: number;
    /** calls with `grad` (loss and gradient). */
    gradient: number;
  };
}

/**
 * A loss of named parameters: returns the loss and its gradient by name.
 * @category Training
 */
export type LossOfParams = (params: Record<string, number>) => {
  /** 𝓛(θ) at `params`. */
  loss: number;
  /** ∂𝓛/∂θ_k, keyed by parameter name (every name of `params`). */
  grad: Record<string, number>;
};

/**
 * Named record from a vector: `{ names[i]: v[i] }` (parameters, gradients or activities by name).
 * @category Training
 */
export function toRecord(names: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const r: Record<string, number> = {};
  names.forEach((n, i) => { r[n] = v[i]; });
  return r;
}

/**
 * Wraps a `LossOfParams` (records in, records out) as an `Objective` over the given parameter names.
 * @category Training
 */
export function objectiveFromFunction(f: LossOfParams, names: readonly string[]): Objective {
  if (typeof f !== 'function') throw new TypeError(`lossOfParams must be a function (params) => { loss, grad }; got ${typeof f}`);
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new TypeError(`names must be an array of parameter names; got ${show(names)}`);
  const calls = { value: 0, gradient: 0 };
  return {
    parameters: names,
    calls,
    evaluate(theta: Float64Array, grad?: Float64Array): number {
      if (grad) calls.gradient++; else calls.value++;
      const r = f(toRecord(names, theta));
      if (typeof r !== 'object' || r === null || typeof r.loss !== 'number') throw new TypeError(`lossOfParams must return { loss: number, grad: Record<string, number> }; got ${String(r)}`);
      if (grad) {
        names.forEach((n, i) => {
          const v = r.grad?.[n];
          if (typeof v !== 'number') throw new RangeError(`lossOfParams: grad is missing parameter '${n}'`);
          grad[i] = v;
        });
      }
      return r.loss;
    },
  };
}
