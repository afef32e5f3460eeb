/**
 * E[g(z)], z ~ N(0, 1), by adaptive Gauss–Kronrod (7/15) quadrature of g(z)·e^{−z²/2}/√(2π)
 * on [−Z, Z], Z = 10, split at caller-supplied breakpoints.
 *
 * Why not a fixed Gauss–Hermite rule: the gain of Eq. (9) evaluates φ'(a z), whose features
 * have width 1/a in z; for a = 100 a 64-point Hermite rule sees the peak of tanh' at only a
 * handful of nodes. Adaptive bisection resolves it to the requested tolerance, and the
 * breakpoints (z = ±b/a) put panel edges where the features are.
 *
 * Truncation: ∫_{|z|>10} φ(z) dz = 1.5e−23, so for |g| ≤ G the tail error is ≤ 1.5e−23·G
 * (for polynomially growing g, the tail moments are of the same order).
 *
 * Why not core's `expectNormalAdaptive` (kept on purpose; measured with
 * bench/gainQuadrature.bench.mjs, tanh/sigmoid/kinked φ, a = 0.1 … 100, against a trapezoid
 * reference or closed form): with the same breakpoints core's adaptive Gauss–Legendre 10/20
 * panels reach the same accuracy (all errors ≤ 1e−14) but spend 480–840 evaluations of φ'
 * against 210–450 here, because a Kronrod 15 panel reuses its 7 Gauss nodes (15 evaluations per
 * panel against 30) and core's fixed panel edges run out to ±38 instead of ±10; per call (tanh)
 * that is 1.4–1.5× slower at a = 0.5, 2 and 20 — too much for fixedPoints, which calls `gain`
 * many times.
 * Without breakpoints core's Gauss–Hermite doubling misses the narrow peak of φ'(a z) for large
 * a (a = 100: error 8e−3 while reporting converged), so `gain` always needs the panel edges.
 */

import { functionArg, integerInRange, nonNegativeNumber, portableExp, show } from '@neurobridge/core';
import { optionsWithKeys, orDefault } from '../internal/validate.js';

/**
 * Half-width of the integration range, in standard deviations.
 * @category Mean field
 */
export const GAUSSIAN_RANGE = 10;

// Gauss–Kronrod 15-point nodes/weights (QUADPACK qk15), abscissae on [−1, 1], descending.
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
// Gauss 7-point weights for the nodes XGK[1], XGK[3], XGK[5], XGK[7].
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
];

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

const EPS = 2.220446049250313e-16;

/**
 * One GK15 panel of ∫ g(z) φ(z) dz on [a, b]: the Kronrod value and QUADPACK's error estimate
 * (qk15): resasc·min(1, (200 |K15 − G7| / resasc)^{3/2}), floored at 50·eps·∫|integrand| (the
 * rounding level). For smooth integrands this is still an overestimate: K15 is exact to degree 22,
 * the G7 comparison only to degree 13.
 */
function panel(g: (z: number) => number, a: number, b: number): { value: number; error: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const w = (z: number): number => g(z) * INV_SQRT_2PI * portableExp(-0.5 * z * z); // portable: the same bits in every engine
  const fc = w(c);
  const f1 = new Float64Array(7);
  const f2 = new Float64Array(7);
  let kronrod = fc * WGK[7];
  let gauss = fc * WG[3];
  let resabs = Math.abs(kronrod);
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    f1[j] = w(c - dx);
    f2[j] = w(c + dx);
    kronrod += WGK[j] * (f1[j] + f2[j]);
    resabs += WGK[j] * (Math.abs(f1[j]) + Math.abs(f2[j]));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2] * (f1[j] + f2[j]);
  }
  const mean = kronrod * 0.5;
  let resasc = WGK[7] * Math.abs(fc - mean);
  for (let j = 0; j < 7; j++) resasc += WGK[j] * (Math.abs(f1[j] - mean) + Math.abs(f2[j] - mean));
  const habs = Math.abs(h);
  resabs *= habs;
  resasc *= habs;
  let error = Math.abs((kronrod - gauss) * h);
  if (resasc !== 0 && error !== 0) {
    const q = (200 * error) / resasc; // QUADPACK's (200 e/r)^{3/2}, as q·√q: √ is correctly rounded in every engine, Math.pow is not
    error = resasc * Math.min(1, q * Math.sqrt(q));
  }
  if (resabs > Number.MIN_VALUE / (50 * EPS)) error = Math.max(50 * EPS * resabs, error);
  return { value: kronrod * h, error };
}

/**
 * Options of {@link gaussianExpectation}: the tolerances that end the bisection of panels, the
 * initial panel edges, and the bound on the number of panels.
 * @category Mean field
 */
export interface GaussianExpectationOptions {
  /** absolute tolerance on the total (of the error estimate). @default 1e-14 */
  atol?: number;
  /** relative tolerance on the total (of the error estimate). @default 1e-13 */
  rtol?: number;
  /** panel edges inside (−Z, Z), any order; values outside are ignored. @default [0] */
  breakpoints?: readonly number[];
  /** maximum number of panels. @default 4000 */
  maxPanels?: number;
}

/**
 * E[g(z)], z ~ N(0, 1), with its error estimate and how the adaptive quadrature ended.
 * @category Mean field
 */
export interface GaussianExpectationResult {
  /** ∫ g(z) e^{−z²/2}/√(2π) dz over |z| ≤ GAUSSIAN_RANGE (the tail beyond adds ≤ 1.5e−23·sup|g|) */
  value: number;
  /** sum of the per-panel QUADPACK error estimates (conservative for smooth g) */
  error: number;
  /** Gauss–Kronrod 15 panels the range ended up split into (15 evaluations of g each) */
  panels: number;
  /** false when maxPanels was hit before the tolerance was met */
  converged: boolean;
}

/** Every key {@link GaussianExpectationOptions} accepts. */
export const GAUSSIAN_EXPECTATION_OPTION_KEYS: readonly (keyof GaussianExpectationOptions)[] = ['atol', 'rtol', 'breakpoints', 'maxPanels'];

/**
 * Largest `maxPanels`: the search for the worst panel is linear in the panel count, so a run that
 * never converges costs O(maxPanels²) — 20 000 panels about 0.9 s, 100 000 about 16 s (measured
 * 2026-12-08 on sin(10⁶ z), Node 20).
 */
export const MAX_PANELS = 20000;

/**
 * E[g(z)] for z ~ N(0, 1). Panels are bisected (largest error first) until the summed
 * error estimate is ≤ max(atol, rtol·|value|) or maxPanels is reached.
 * A g that returns NaN or ±Infinity gives `converged: false` with that value.
 * @category Mean field
 */
export function gaussianExpectation(
  g: (z: number) => number,
  options: GaussianExpectationOptions = {},
): GaussianExpectationResult {
  functionArg('g', g);
  const o = optionsWithKeys('options', options, GAUSSIAN_EXPECTATION_OPTION_KEYS);
  const checked: GaussianExpectationOptions = {
    atol: nonNegativeNumber('options.atol', orDefault(o.atol, 1e-14)),
    rtol: nonNegativeNumber('options.rtol', orDefault(o.rtol, 1e-13)),
    maxPanels: integerInRange('options.maxPanels', orDefault(o.maxPanels, 4000), 1, MAX_PANELS),
    breakpoints: o.breakpoints === undefined ? undefined : breakpointList(o.breakpoints),
  };
  return gaussianExpectationKernel(g, checked);
}

/** An array of numbers (±Infinity allowed: outside (−Z, Z), it is ignored), no NaN. */
function breakpointList(value: unknown): number[] {
  if (!Array.isArray(value)) throw new TypeError(`options.breakpoints must be an array of numbers; got ${show(value)}`);
  return value.map((b: unknown, i) => {
    if (typeof b !== 'number') throw new TypeError(`options.breakpoints[${i}] must be a number; got ${show(b)}`);
    if (Number.isNaN(b)) throw new RangeError(`options.breakpoints[${i}] must not be NaN; got NaN`);
    return b;
  });
}

/** {@link gaussianExpectation} on validated options (gain's inner call). */
export function gaussianExpectationKernel(
  g: (z: number) => number,
  options: GaussianExpectationOptions = {},
): GaussianExpectationResult {
  const atol = options.atol ?? 1e-14;
  const rtol = options.rtol ?? 1e-13;
  const maxPanels = options.maxPanels ?? 4000;
  const Z = GAUSSIAN_RANGE;
  const edges = [-Z, Z];
  for (const b of options.breakpoints ?? [0]) if (b > -Z && b < Z) edges.push(b);
  edges.sort((x, y) => x - y);
  const a: number[] = [];
  const b: number[] = [];
  const v: number[] = [];
  const e: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    if (edges[i + 1] - edges[i] <= 0) continue;
    const r = panel(g, edges[i], edges[i + 1]);
    a.push(edges[i]);
    b.push(edges[i + 1]);
    v.push(r.value);
    e.push(r.error);
  }
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < v.length; i++) {
      value += v[i];
      error += e[i];
      if (e[i] > e[worst]) worst = i;
    }
    if (error <= Math.max(atol, rtol * Math.abs(value))) {
      return { value, error, panels: v.length, converged: true };
    }
    if (!Number.isFinite(value) || v.length >= maxPanels || b[worst] - a[worst] < 1e-13) {
      return { value, error, panels: v.length, converged: false };
    }
    const mid = 0.5 * (a[worst] + b[worst]);
    const left = panel(g, a[worst], mid);
    const right = panel(g, mid, b[worst]);
    a.push(mid);
    b.push(b[worst]);
    v.push(right.value);
    e.push(right.error);
    b[worst] = mid;
    v[worst] = left.value;
    e[worst] = left.error;
  }
}
