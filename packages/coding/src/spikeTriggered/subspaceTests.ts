import { finiteNumber, finiteVector, show } from '@neurobridge/core';
import { chiSquareQuantile, chiSquareSurvival } from '../statistics/chiSquare.js';
import { checkCounts } from './jointWeights.js';
import { orthonormalBasis } from './principalAngles.js';
import { checkStimulus, firstNonFiniteFrame, type Stimulus } from './stimulus.js';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Smallest normal double: a sum of squares below it has lost precision (or is 0). */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Weights w_t ≥ 0 (finite, `length` of them when given, at least `minNonZero` positive),
 * copied, with Σw and Σw² — taken on w/max(w) when the squares would overflow or underflow
 * (every statistic here depends on the weights only through their ratios).
 */
function checkWeights(name: string, w: unknown, length?: number, minNonZero = 1): { w: Float64Array; sum: number; squares: number; nonZero: number } {
  const n = w !== null && typeof w === 'object' ? (w as ArrayLike<number>).length : undefined;
  if (length !== undefined && typeof n === 'number' && n !== length) throw new RangeError(`${name} must have one weight per frame (${length}); got length ${n}`);
  const a = checkCounts(name, w, length);
  let sum = 0, squares = 0, max = 0, nonZero = 0;
  for (let t = 0; t < a.length; t++) { sum += a[t]; squares += a[t] * a[t]; if (a[t] > max) max = a[t]; if (a[t] > 0) nonZero++; }
  if (nonZero === 0) throw new RangeError(`${name} must have a positive sum (at least one w_t > 0); got ${a.length === 0 ? 'no weights' : 'all zeros'}`);
  if (nonZero < minNonZero) throw new RangeError(`${name} must have at least ${minNonZero} frames with w_t > 0 for a standard error; got ${nonZero}`);
  if (!(Number.isFinite(sum * sum) && Number.isFinite(squares) && squares >= MIN_NORMAL)) {
    sum = 0; squares = 0;
    for (let t = 0; t < a.length; t++) { const x = a[t] / max; sum += x; squares += x * x; }
  }
  return { w: a, sum, squares, nonZero };
}

/** RangeError naming the stimulus when a statistic of its frames is not finite. */
function nonFiniteStimulus(stimulus: Stimulus, what: string): never {
  const bad = firstNonFiniteFrame(stimulus);
  if (bad >= 0) throw new RangeError(`stimulus.data must be finite; frame ${bad} has a non-finite entry`);
  throw new RangeError(`stimulus.data or weights too large: ${what} overflows; rescale them`);
}

/**
 * The result of staSubspaceTest.
 * @category Spike-triggered analysis
 */
export interface StaSubspaceTest {
  /** |P⊥·STA|²(Σw)²/Σw² */
  readonly statistic: number;
  /** D − dim span(dirs) */
  readonly dof: number;
  /** P(χ²_dof > statistic) */
  readonly p: number;
  /** the angle (degrees) that noise alone tilts the STA by, rms: atan(√(dof·Σw²)/Σw / |STA|) */
  readonly rmsAngle: number;
}

/**
 * Exact test that a weighted STA of white Gaussian frames lies in span(dirs), when the weights
 * depend on the stimulus only through Kᵀx with span K ⊆ span(dirs): the components of the frames
 * orthogonal to span(dirs) are iid N(0, 1) and independent of every weight (even dependent joint
 * weights), so given w, P⊥·STA ~ N(0, (Σw²/(Σw)²)·P⊥) and
 *   statistic = |P⊥·STA|² (Σw)²/Σw² ~ χ²(D − m).
 * A small p says the STA has a component outside span(dirs): a bias, or a missing direction.
 * @throws TypeError/RangeError for vectors of the wrong length or weights that are not an array.
 * @category Spike-triggered analysis
 */
export function staSubspaceTest(sta: ArrayLike<number>, dirs: readonly ArrayLike<number>[], weights: ArrayLike<number>): StaSubspaceTest {
  const r = finiteVector('sta', sta, { min: 1 });
  if (!Array.isArray(dirs)) throw new TypeError(`dirs must be an array of vectors (possibly empty); got ${show(dirs)}`);
  dirs.forEach((d, k) => finiteVector(`dirs[${k}]`, d, r.length));
  const q = dirs.length ? orthonormalBasis(dirs, 'dirs') : [];
  const { sum, squares } = checkWeights('weights', weights);
  for (const b of q) { const c = dot(b, r); for (let i = 0; i < r.length; i++) r[i] -= c * b[i]; }
  const statistic = (dot(r, r) * sum * sum) / squares;
  const dof = sta.length - q.length;
  const norm = Math.sqrt(dot(sta, sta));
  return { statistic, dof, p: dof > 0 ? chiSquareSurvival(statistic, dof) : 1, rmsAngle: (Math.atan(Math.sqrt((dof * squares) / (sum * sum)) / norm) * 180) / Math.PI };
}

/**
 * A bound (degrees) on the angle between a sample STC eigenvector and its true direction v
 * (eigenvalue λ, the others ≈ 0), exceeded with probability ≈ p: to first order the tilt towards
 * each orthogonal e_j is ΔC_vj/λ, and for white frames the e_j·x_t are independent of the weights
 * and of v·x_t, so given them ΔC_vj ~ N(0, Σ_t w_t²(v·x_t)²/(Σw)²) — exact even for dependent
 * joint weights. Bound: atan(√(χ²_{D−1} quantile at p)·SE/|λ|).
 * @category Spike-triggered analysis
 */
export function eigenvectorAngleBound(stimulus: Stimulus, weights: ArrayLike<number>, v: ArrayLike<number>, lambda: number, p = 1e-3): number {
  const { data, dim, frames } = checkStimulus('stimulus', stimulus);
  const { w: checked } = checkWeights('weights', weights, frames);
  v = finiteVector('v', v, dim);
  finiteNumber('lambda', lambda);
  if (dim === 1) return 0; // no direction orthogonal to v to tilt towards
  weights = checked;
  let s = 0, W = 0;
  for (let t = 0; t < frames; t++) {
    if (weights[t] === 0) continue;
    W += weights[t];
    s += (weights[t] * dot(v, data.subarray(t * dim, (t + 1) * dim))) ** 2;
  }
  const se = Math.sqrt(s) / W;
  if (!Number.isFinite(se)) nonFiniteStimulus(stimulus, 'the standard error of the eigenvector');
  return (Math.atan((Math.sqrt(chiSquareQuantile(p, dim - 1)) * se) / Math.abs(lambda)) * 180) / Math.PI;
}

/**
 * The result of stcProjection.
 * @category Spike-triggered analysis
 */
export interface StcProjection {
  /** uᵀΔCu: the weighted variance along u minus the variance of all frames along u */
  readonly value: number;
  /** its standard error (ratio-estimator form over the weighted frames) */
  readonly se: number;
  /** value/se */
  readonly z: number;
}

/**
 * The STC along a unit direction u, with a standard error: with y_t = u·x_t,
 *   uᵀΔCu = Σw_t(y_t − ȳ_w)²/Σw − (1/T)Σ(y_t − ȳ)²,
 * SE² = Σw_t²((y_t − ȳ_w)² − V_w)²/(Σw)² (the delta-method variance of a ratio estimator; the
 * prior's own error, O(1/√T), is far smaller for T ≫ Σw and is left out). Asymptotically normal
 * when the weights of different frames are independent given the stimulus (iid frames and
 * simultaneous counts); with lagged joint weights neighbouring terms are dependent and the SE
 * is optimistic.
 * @category Spike-triggered analysis
 */
export function stcProjection(stimulus: Stimulus, weights: ArrayLike<number>, u: ArrayLike<number>): StcProjection {
  const { data, dim, frames } = checkStimulus('stimulus', stimulus);
  weights = checkWeights('weights', weights, frames, 2).w;
  u = finiteVector('u', u, dim);
  const y = new Float64Array(frames);
  let all = 0, W = 0, Wy = 0;
  for (let t = 0; t < frames; t++) {
    y[t] = dot(u, data.subarray(t * dim, (t + 1) * dim));
    all += y[t];
    W += weights[t];
    Wy += weights[t] * y[t];
  }
  if (!(W > 0)) throw new RangeError('weights must have a positive sum');
  const mean = all / frames, mw = Wy / W;
  let prior = 0, Vw = 0;
  for (let t = 0; t < frames; t++) { prior += (y[t] - mean) ** 2; Vw += weights[t] * (y[t] - mw) ** 2; }
  prior /= frames;
  Vw /= W;
  let s = 0;
  for (let t = 0; t < frames; t++) if (weights[t] !== 0) s += (weights[t] * ((y[t] - mw) ** 2 - Vw)) ** 2;
  const se = Math.sqrt(s) / W, value = Vw - prior;
  if (!Number.isFinite(value) || !Number.isFinite(se)) nonFiniteStimulus(stimulus, 'the variance along u');
  if (!(se > 0)) throw new RangeError('weights must put weight on frames that differ along u (the standard error is 0)');
  return { value, se, z: value / se };
}
