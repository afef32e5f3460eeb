import { brent, functionArg, gaussLegendre, portableExp, portableExpm1, portableLog1p, positiveNumber, show, type Rng } from '@neurobridge/core';
import { requiredOptions } from '../options.js';

/**
 * A causal, positive filter k(s) (1/ms; k(s) = 0 for s < 0) through which the unobserved
 * cell's spikes drive the observed cells (Gatsby Q3.3). ∫k ds is dimensionless: with
 * ∫k = 1 a constant driver rate ρ⁽³⁾ gives ρ = ∫k(t − τ)ρ⁽³⁾(τ)dτ = ρ⁽³⁾.
 * @category Generation
 */
export interface Kernel {
  /** a label for reports, e.g. 'exponential(tau = 10 ms)' */
  readonly name: string;
  /** k(s), 1/ms; 0 for s < 0 */
  value(s: number): number;
  /** K(s) = ∫_0^s k, 0 for s ≤ 0 */
  cumulative(s: number): number;
  /** ∫_0^∞ k */
  readonly total: number;
  /** lag (ms) beyond which the tail ∫_s^∞ k is below 1e-16 of the total (or k = 0) */
  readonly support: number;
  /** time scale (ms): quadrature panels over lags are at most this wide */
  readonly scale: number;
  /** a lag s in [lo, hi] with density k(s)/(K(hi) − K(lo)) (inverse CDF) */
  sampleLag(rng: Rng, lo: number, hi: number): number;
}

/**
 * Options of the built-in kernels.
 * @category Generation
 */
export interface KernelOptions {
  /** time constant τ, ms */
  readonly tau: number;
  /** ∫k, dimensionless. @default 1 */
  readonly gain?: number;
}

/** ln(1e16): an exponential tail e^{−s/τ} is below 1e-16 beyond s = 36.8τ. */
const EXP_TAIL = 36.841361487904734;
/** (1 + x)e^{−x} < 1e-16 beyond x = 41.4 (the alpha kernel's tail). */
const ALPHA_TAIL = 41.5;

function kernelOptions(o: KernelOptions): { tau: number; gain: number } {
  const opts = requiredOptions(o, ['tau', 'gain']);
  return { tau: positiveNumber('tau', opts.tau), gain: opts.gain === undefined ? 1 : positiveNumber('gain', opts.gain) };
}

/**
 * Exponential kernel k(s) = (gain/τ)e^{−s/τ} (s ≥ 0), K(s) = gain(1 − e^{−s/τ}).
 * @category Generation
 */
export function exponentialKernel(options: KernelOptions): Kernel {
  const { tau, gain } = kernelOptions(options);
  return {
    name: `exponential(tau = ${tau} ms)`,
    value: (s) => (s < 0 ? 0 : (gain / tau) * portableExp(-s / tau)),
    cumulative: (s) => (s <= 0 ? 0 : -gain * portableExpm1(-s / tau)),
    total: gain, support: EXP_TAIL * tau, scale: tau,
    // K(s) − K(lo) = u(K(hi) − K(lo)) solved in closed form:
    // s = lo − τ log(1 − u(1 − e^{−(hi − lo)/τ}))
    sampleLag: (rng, lo, hi) => Math.min(hi, lo - tau * portableLog1p(rng.uniform() * portableExpm1(-(hi - lo) / tau))),
  };
}

/**
 * 1 − (1 + x)e^{−x}, the alpha kernel's cumulative integral in units of its gain, without
 * cancellation: the series Σ_{n≥2} (−1)ⁿ(n − 1)xⁿ/n! below x = 0.5 (20 terms: the next is
 * < 1e-25 relative), −expm1(−x) − x e^{−x} above.
 */
function alphaCumulative(x: number): number {
  if (x <= 0) return 0;
  if (x >= 0.5) return -portableExpm1(-x) - x * portableExp(-x);
  let term = -x; // (−x)ⁿ/n!
  let sum = 0;
  for (let n = 2; n < 22; n++) {
    term *= -x / n;
    sum += (n - 1) * term;
  }
  return sum;
}

/**
 * Alpha kernel k(s) = gain·(s/τ²)e^{−s/τ} (s ≥ 0), K(s) = gain(1 − (1 + s/τ)e^{−s/τ}).
 * @category Generation
 */
export function alphaKernel(options: KernelOptions): Kernel {
  const { tau, gain } = kernelOptions(options);
  const cumulative = (s: number) => gain * alphaCumulative(s / tau);
  return {
    name: `alpha(tau = ${tau} ms)`,
    value: (s) => (s < 0 ? 0 : ((gain * s) / (tau * tau)) * portableExp(-s / tau)),
    cumulative, total: gain, support: ALPHA_TAIL * tau, scale: tau,
    sampleLag: (rng, lo, hi) => invertCumulative(cumulative, rng, lo, hi),
  };
}

/** s in [lo, hi] with K(s) = K(lo) + u(K(hi) − K(lo)), by Brent's method. */
function invertCumulative(K: (s: number) => number, rng: Rng, lo: number, hi: number): number {
  const a = K(lo), b = K(hi);
  const target = a + rng.uniform() * (b - a);
  if (!(b > a)) return lo;
  return brent((s) => K(s) - target, lo, hi);
}

/**
 * A custom kernel: its values, where it ends, and optionally its cumulative integral.
 * @category Generation
 */
export interface CustomKernelOptions {
  /** k(s) in 1/ms: must be 0 for s < 0 (causal) and ≥ 0, finite for s ≥ 0 */
  readonly value: (s: number) => number;
  /** lag (ms) beyond which k is negligible (its tail is dropped beyond it) */
  readonly support: number;
  /** K(s) = ∫_0^s k, when known in closed form; else computed by Gauss–Legendre */
  readonly cumulative?: (s: number) => number;
  /** quadrature panel width, ms. @default support/256 */
  readonly scale?: number;
  /** a label. @default 'custom' */
  readonly name?: string;
}

/** Gauss–Legendre order of a custom kernel's cumulative integral on each panel. */
const CUSTOM_ORDER = 16;
/** Points at which causality (k(s) = 0 for s < 0) is checked, in units of the panel width. */
const CAUSALITY_PROBES = [1e-9, 1e-3, 0.5, 1, 4, 16, 64];

/**
 * A kernel from its values. Checked when built: k(s) = 0 at lags before 0 (causal), and
 * k ≥ 0 and finite at every quadrature node over [0, support] (positive), ∫k > 0.
 * @throws TypeError for a missing function; RangeError naming the lag where k is negative,
 *   non-finite, or non-zero before 0.
 * @category Generation
 */
export function customKernel(options: CustomKernelOptions): Kernel {
  const o = requiredOptions(options, ['value', 'support', 'cumulative', 'scale', 'name']);
  const f = functionArg('value', o.value);
  const support = positiveNumber('support', o.support);
  if (o.name !== undefined && typeof o.name !== 'string') throw new TypeError(`name must be a string; got ${show(o.name)}`);
  const scale = o.scale === undefined ? support / 256 : positiveNumber('scale', o.scale);
  const panels = Math.ceil(support / scale - 1e-9);
  if (panels > 1e6) throw new RangeError(`scale must leave at most 1e6 panels over the support ${support} ms; got ${scale}`);
  const value = (s: number) => {
    const k = f(s);
    if (typeof k !== 'number' || !Number.isFinite(k)) throw new RangeError(`kernel value must return finite numbers; got value(${s}) = ${show(k)}`);
    if (k < 0) throw new RangeError(`kernel must be positive (k(s) >= 0); got value(${s}) = ${k}`);
    return s < 0 ? 0 : k;
  };
  for (const c of CAUSALITY_PROBES) {
    const k = f(-c * scale);
    if (k !== 0) throw new RangeError(`kernel must be causal (k(s) = 0 for s < 0); got value(${-c * scale}) = ${show(k)}`);
  }
  const cumulative = o.cumulative === undefined ? quadratureCumulative(value, support, panels) : checkedCumulative(functionArg('cumulative', o.cumulative), support);
  const total = cumulative(support);
  if (!(total > 0)) throw new RangeError(`kernel must have a positive integral; got ∫k = ${total} over [0, support = ${support}] ms (panels of scale = ${scale} ms: a support far beyond the kernel's width misses it)`);
  return {
    name: o.name ?? 'custom', value, cumulative, total, support, scale,
    sampleLag: (rng, lo, hi) => invertCumulative(cumulative, rng, lo, Math.min(hi, support)),
  };
}

/** K(s) from panel sums of a Gauss–Legendre rule, every node's k checked on the way. */
function quadratureCumulative(k: (s: number) => number, support: number, panels: number): (s: number) => number {
  const rule = gaussLegendre(CUSTOM_ORDER);
  const h = support / panels;
  const piece = (a: number, b: number) => {
    let s = 0;
    for (let q = 0; q < CUSTOM_ORDER; q++) s += rule.weights[q] * k(0.5 * (a + b) + 0.5 * (b - a) * rule.nodes[q]);
    return 0.5 * (b - a) * s;
  };
  const prefix = new Float64Array(panels + 1);
  for (let i = 0; i < panels; i++) prefix[i + 1] = prefix[i] + piece(i * h, i + 1 === panels ? support : (i + 1) * h);
  return (s) => {
    if (s <= 0) return 0;
    if (s >= support) return prefix[panels];
    const i = Math.min(panels - 1, Math.floor(s / h));
    return prefix[i] + piece(i * h, s);
  };
}

/** A user's K(s), clamped to [0, support] and checked finite and non-decreasing where used. */
function checkedCumulative(K: (s: number) => number, support: number): (s: number) => number {
  return (s) => {
    if (s <= 0) return 0;
    const v = K(Math.min(s, support));
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`kernel cumulative must return finite values >= 0; got cumulative(${s}) = ${show(v)}`);
    return v;
  };
}
