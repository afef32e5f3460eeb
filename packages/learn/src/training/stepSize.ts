import { findRoots, finiteVector, integerInRange, knownKeys, positiveNumber, show } from '@neurobridge/core';
import { checkElements } from '../internal/check.js';
import type { Objective } from './objective.js';

function params(obj: Objective, theta: ArrayLike<number>): Float64Array {
  if (obj === null || typeof obj !== 'object' || typeof obj.evaluate !== 'function' || !Array.isArray(obj.parameters)) {
    throw new TypeError(`objective must be an Objective { parameters, evaluate } (e.g. graphObjective); got ${show(obj)}`);
  }
  return finiteVector('theta', theta, obj.parameters.length);
}

/**
 * The loss after one gradient step as a function of the learning rate (seed 004 Q7):
 * φ(η) = 𝓛(θ − η ∇𝓛(θ)), evaluated on a list of η.
 * @category Training
 */
export function lossAfterStep(obj: Objective, theta: ArrayLike<number>, etas: ArrayLike<number>): {
  /** the learning rates η, as given. */
  eta: Float64Array;
  /** φ(η) = 𝓛(θ − η ∇𝓛(θ)) for each η. */
  loss: Float64Array;
  /** φ(0) = 𝓛(θ), the loss before the step. */
  loss0: number;
  /** ∇𝓛(θ), the step's direction (negated), in `obj.parameters` order. */
  gradient: Float64Array;
} {
  const t0 = params(obj, theta);
  const g = new Float64Array(t0.length);
  const loss0 = obj.evaluate(t0, g);
  const t = new Float64Array(t0.length);
  const eta = finiteVector('etas', etas);
  checkElements('etas.length', eta.length);
  const loss = eta.map((e) => {
    for (let i = 0; i < t.length; i++) t[i] = t0[i] - e * g[i];
    return obj.evaluate(t);
  });
  return { eta, loss, loss0, gradient: g };
}

/**
 * Result of `learningRateThreshold`.
 * @category Training
 */
export interface LearningRateThresholdResult {
  /** smallest η > 0 with φ(η) = φ(0): for 0 < η < threshold the step lowers the loss (NaN when none in (0, maxEta]). */
  threshold: number;
  /** every sign change of φ(η) − φ(0) on (0, maxEta], refined by Brent's method. */
  roots: number[];
  /** φ(0) = 𝓛(θ), the loss before the step. */
  loss0: number;
  /** 'found': at least one root in (0, maxEta]; 'notFound': every η sampled lowers the loss (threshold NaN). */
  status: 'found' | 'notFound';
  /** the outcome in words. */
  message: string;
}

/**
 * The learning rate beyond which one gradient step makes the loss worse: the first root η* > 0 of
 * φ(η) − φ(0), φ(η) = 𝓛(θ − η ∇𝓛(θ)). φ is continuous (piecewise smooth with ReLU kinks), so the
 * roots are found by a sign-change scan of (0, maxEta] refined by Brent's method (core's findRoots).
 * Near η = 0, φ(η) − φ(0) ≈ −η ‖∇𝓛‖² < 0, so the first sign change is the threshold.
 * @category Training
 */
export function learningRateThreshold(
  obj: Objective, theta: ArrayLike<number>, options: { maxEta: number; samples?: number },
): LearningRateThresholdResult {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object { maxEta, samples? }; got ${show(options)}`);
  knownKeys('options', options, ['maxEta', 'samples']);
  const maxEta = positiveNumber('options.maxEta', options.maxEta);
  // each sample is one objective evaluation: 10⁶ keeps the scan within seconds for the networks of the seeds
  const samples = options.samples === undefined ? 4000 : integerInRange('options.samples', options.samples, 2, 1e6);
  const t0 = params(obj, theta);
  const g = new Float64Array(t0.length);
  const loss0 = obj.evaluate(t0, g);
  const t = new Float64Array(t0.length);
  const phi = (e: number) => {
    for (let i = 0; i < t.length; i++) t[i] = t0[i] - e * g[i];
    return obj.evaluate(t) - loss0;
  };
  // start just right of 0, where φ − φ(0) is already negative but not lost in rounding
  const a = maxEta / samples / 64;
  const roots = findRoots(phi, a, maxEta, { samples });
  const threshold = roots.length ? roots[0] : NaN;
  return {
    threshold, roots, loss0,
    status: roots.length ? 'found' : 'notFound',
    message: roots.length ? `loss after one step exceeds the initial loss for η in (${roots[0]}, …)` : `no η in (0, ${maxEta}] makes the loss worse`,
  };
}
