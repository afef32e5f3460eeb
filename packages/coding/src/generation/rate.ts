import { brent, finiteNumber, gaussLegendre, integerInRange, knownKeys, nonNegativeNumber, positiveNumber, show } from '@neurobridge/core';

/**
 * A firing rate ρ(t) in Hz (spikes/s) over time t in ms:
 * - a number: a constant rate;
 * - a function t ↦ ρ(t) (must return finite values ≥ 0), optionally with its stated bound
 *   `{ rate, max }` (Hz), which thinning needs;
 * - a sampled rate `{ values, dt, start? }`: piecewise constant, values[i] on
 *   [start + i·dt, start + (i+1)·dt) (Hz, ms; start defaults to 0).
 * @category Generation
 */
export type RateInput = number | RateFunction | BoundedRateFunction | SampledRate;
/**
 * ρ(t) in Hz for t in ms.
 * @category Generation
 */
export type RateFunction = (t: number) => number;
/**
 * A rate function with a stated upper bound `max` (Hz) on the window.
 * @category Generation
 */
export interface BoundedRateFunction {
  /** ρ(t) in Hz for t in ms; finite and ≥ 0 */
  readonly rate: RateFunction;
  /**
   * an upper bound of ρ on the window (Hz, > 0), the rate thinning draws its candidates at; a
   * value of `rate` above it is a RangeError where it is met. Without it the generators use
   * time rescaling.
   */
  readonly max?: number;
}
/**
 * A piecewise-constant rate: values (Hz) on consecutive intervals of dt ms from start.
 * @category Generation
 */
export interface SampledRate {
  /** the rate on each interval, Hz (finite, ≥ 0); values[i] holds on [start + i·dt, start + (i+1)·dt) */
  readonly values: ArrayLike<number>;
  /** length of each interval, ms (> 0) */
  readonly dt: number;
  /** time of the first sample, ms; the samples must cover the window. @default 0 */
  readonly start?: number;
}

/** Longest JavaScript array (2³² − 1): a longer `length` is not an array's. */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * Conversion Hz → spikes per ms: every model below works in per-ms units internally.
 * @category Generation
 */
export const PER_MS = 1e-3;
/** Gauss–Legendre order on each panel of a rate function's cumulative integral. */
const PANEL_ORDER = 12;
/** Default number of panels across the window for a rate function's cumulative integral. */
const DEFAULT_PANELS = 512;

/**
 * A rate resolved over a window [lo, hi] (ms), in spikes per ms. Every method is exact for
 * constant and sampled rates; for functions, integrals use composite Gauss–Legendre.
 * @category Generation
 */
export interface RateModel {
  /** window start, ms: Λ(lo) = 0 */
  readonly lo: number;
  /** window end, ms */
  readonly hi: number;
  /** ρ(t), spikes/ms */
  at(t: number): number;
  /** Λ(t) = ∫_lo^t ρ, the expected count from lo to t */
  cumulative(t: number): number;
  /** the t in [lo, hi] with Λ(t) = target (0 ≤ target ≤ Λ(hi)) */
  inverseCumulative(target: number): number;
  /** an upper bound of ρ on [lo, hi] (spikes/ms), or NaN when none is known */
  readonly bound: number;
  /** times in (lo, hi) where ρ may jump (quadrature panels split there) */
  readonly breakpoints: Float64Array;
  /** the rate (spikes/ms) when it is constant on the window */
  readonly constant?: number;
}

/**
 * Options for resolving a rate function.
 * @category Generation
 */
export interface RateResolveOptions {
  /** panel width (ms) of the cumulative integral of a rate function. @default (hi − lo)/512 */
  readonly quadratureStep?: number;
}

/**
 * Resolve a RateInput over [lo, hi] (ms).
 * @throws TypeError for a value of the wrong kind; RangeError for negative or non-finite
 *   rates (a function's values are checked where it is evaluated), a sampled rate that does
 *   not cover the window, or a bound below a sampled maximum.
 * @category Generation
 */
export function resolveRate(name: string, input: RateInput, lo: number, hi: number, options: RateResolveOptions = {}): RateModel {
  if (typeof input === 'number') return constantRate(nonNegativeNumber(`${name}`, input) * PER_MS, lo, hi);
  if (typeof input === 'function') return functionRate(name, input, NaN, lo, hi, options);
  if (input === null || typeof input !== 'object') throw new TypeError(`${name} must be a rate in Hz: a number, a function of t (ms), { rate, max } or { values, dt, start? }; got ${show(input)}`);
  if ('values' in input) return sampledRate(name, input, lo, hi);
  if ('rate' in input) {
    knownKeys(name, input, ['rate', 'max']);
    if (typeof input.rate !== 'function') throw new TypeError(`${name}.rate must be a function of t (ms); got ${show(input.rate)}`);
    const max = input.max === undefined ? NaN : positiveNumber(`${name}.max`, input.max) * PER_MS;
    return functionRate(name, input.rate, max, lo, hi, options);
  }
  throw new TypeError(`${name} must be a number, a function of t (ms), { rate, max } or { values, dt, start? }; got an object with keys ${Object.keys(input).join(', ') || '(none)'}`);
}

/**
 * ρ(t) = r (spikes/ms) on [lo, hi]: Λ(t) = r(t − lo).
 * @category Generation
 */
export function constantRate(r: number, lo: number, hi: number): RateModel {
  return {
    lo, hi, bound: r, breakpoints: new Float64Array(0), constant: r,
    at: () => r,
    cumulative: (t) => r * (t - lo),
    inverseCumulative: (target) => (r > 0 ? Math.min(hi, lo + target / r) : hi),
  };
}

function sampledRate(name: string, input: SampledRate, lo: number, hi: number): RateModel {
  knownKeys(name, input, ['values', 'dt', 'start']);
  const dt = positiveNumber(`${name}.dt`, input.dt);
  const start = finiteNumber(`${name}.start`, input.start === undefined ? 0 : input.start);
  const raw = input.values;
  if (raw === null || typeof raw !== 'object' || typeof raw.length !== 'number') throw new TypeError(`${name}.values must be an array of rates (Hz); got ${show(raw)}`);
  const n = integerInRange(`${name}.values.length`, raw.length, 1, MAX_ARRAY_LENGTH);
  const end = start + n * dt;
  if (n === 0 || start > lo || end < hi * (1 - 1e-12) - 1e-12) {
    throw new RangeError(`${name} must cover the window [${lo}, ${hi}] ms; its samples cover [${start}, ${end}]`);
  }
  const v = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const x = raw[i];
    if (typeof x !== 'number') throw new TypeError(`${name}.values[${i}] must be a number (Hz); got ${show(x)}`);
    if (!(x >= 0) || x === Infinity) throw new RangeError(`${name}.values[${i}] must be >= 0 and finite (Hz); got ${show(x)}`);
    v[i] = x * PER_MS;
    if (v[i] > max) max = v[i];
  }
  return piecewiseConstant(v, start, dt, lo, hi, max);
}

/** Λ for a piecewise-constant rate, exact: prefix sums of v_i·dt and a linear piece. */
function piecewiseConstant(v: Float64Array, start: number, dt: number, lo: number, hi: number, max: number): RateModel {
  const n = v.length;
  const prefix = new Float64Array(n + 1); // ∫_start^{start + i·dt} ρ
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + v[i] * dt;
  const cell = (t: number) => Math.min(n - 1, Math.max(0, Math.floor((t - start) / dt)));
  const fromStart = (t: number) => { const i = cell(t); return prefix[i] + v[i] * (t - (start + i * dt)); };
  const base = fromStart(lo);
  const breaks: number[] = [];
  for (let i = 1; i < n; i++) { const e = start + i * dt; if (e > lo && e < hi && v[i] !== v[i - 1]) breaks.push(e); }
  return {
    lo, hi, bound: max, breakpoints: Float64Array.from(breaks),
    at: (t) => v[cell(t)],
    cumulative: (t) => fromStart(t) - base,
    inverseCumulative(target) {
      const goal = target + base;
      let a = 0, b = n; // largest i with prefix[i] <= goal
      while (b - a > 1) { const mid = (a + b) >> 1; if (prefix[mid] <= goal) a = mid; else b = mid; }
      while (a < n - 1 && v[a] === 0) a++; // a zero-rate cell: the time is where the rate resumes
      const t = v[a] > 0 ? start + a * dt + (goal - prefix[a]) / v[a] : start + a * dt;
      return Math.min(hi, Math.max(lo, t));
    },
  };
}

function functionRate(name: string, f: RateFunction, bound: number, lo: number, hi: number, o: RateResolveOptions): RateModel {
  knownKeys('options', o, ['quadratureStep']);
  const step = o.quadratureStep === undefined ? (hi - lo) / DEFAULT_PANELS : positiveNumber('quadratureStep', o.quadratureStep);
  const panels = Math.max(1, Math.ceil((hi - lo) / step - 1e-9));
  if (panels > 1e7) throw new RangeError(`quadratureStep must leave at most 1e7 panels over the window [${lo}, ${hi}] ms; got ${step} (${panels} panels)`);
  const at = (t: number) => {
    const r = f(t);
    if (typeof r !== 'number' || !(r >= 0) || r === Infinity) throw new RangeError(`${name} must return a finite rate >= 0 (Hz); got ${name}(${t}) = ${show(r)}`);
    if (r * PER_MS > bound) throw new RangeError(`${name}.max = ${bound / PER_MS} Hz must bound the rate; got ${name}(${t}) = ${r}`);
    return r * PER_MS;
  };
  const h = (hi - lo) / panels;
  const edge = (i: number) => (i === panels ? hi : lo + i * h);
  const rule = gaussLegendre(PANEL_ORDER);
  const integrate = (a: number, b: number) => {
    let s = 0;
    for (let q = 0; q < PANEL_ORDER; q++) s += rule.weights[q] * at(0.5 * (a + b) + 0.5 * (b - a) * rule.nodes[q]);
    return 0.5 * (b - a) * s;
  };
  const prefix = new Float64Array(panels + 1);
  for (let i = 0; i < panels; i++) prefix[i + 1] = prefix[i] + integrate(edge(i), edge(i + 1));
  const panelOf = (t: number) => Math.min(panels - 1, Math.max(0, Math.floor((t - lo) / h)));
  const cumulative = (t: number) => { const i = panelOf(t); return prefix[i] + integrate(edge(i), Math.min(hi, Math.max(lo, t))); };
  return {
    lo, hi, bound, breakpoints: new Float64Array(0), at, cumulative,
    inverseCumulative(target) {
      let a = 0, b = panels;
      while (b - a > 1) { const mid = (a + b) >> 1; if (prefix[mid] <= target) a = mid; else b = mid; }
      if (target >= prefix[panels]) return hi;
      return brent((t) => prefix[a] + integrate(edge(a), t) - target, edge(a), edge(a + 1));
    },
  };
}
