import { checkTails, finiteValue, hermiteSum } from './expectNormal.js';
import { MAX_HERMITE_ORDER } from './hermiteRule.js';
import { portableExpUnchecked } from '../elementary/portableMath.js';
import { legendreRule } from './legendreRule.js';
import { finiteNumber, functionArg, integerInRange, knownKeys, optionsObject, positiveNumber, show } from '../validate.js';

/**
 * Options of `expectNormalAdaptive`: target error, work bounds, and kinks of f.
 * @category Quadrature
 */
export interface ExpectNormalAdaptiveOptions {
  /**
   * Target error: stop when the error estimate is ≤ tol·max(1, |value|) (absolute for
   * |value| ≤ 1, relative above). @default 1e-12
   */
  tol?: number;
  /** Largest Gauss–Hermite order tried before switching to panels. @default 256 */
  maxOrder?: number;
  /**
   * Points where f has a kink or jump (e.g. 0 for relu, relu'). When given, the line is
   * split there and each piece integrated by adaptive Gauss–Legendre panels, so the
   * kink never sits inside a panel. @default []
   */
  breakpoints?: number[];
  /** Maximum number of panels of the panel method. @default 2000 */
  maxPanels?: number;
}

/**
 * Result of `expectNormalAdaptive`: the estimate, its error estimate and how it was obtained.
 * @category Quadrature
 */
export interface ExpectNormalAdaptiveResult {
  /** the estimate of E[f(z)], z ~ N(0, 1) */
  value: number;
  /** error estimate (see `method`) */
  error: number;
  /** number of nodes of the final rule (Gauss–Hermite order, or 20 × panels) */
  order: number;
  /** 'hermite': Gauss–Hermite n vs 2n; 'panels': adaptive Gauss–Legendre 10/20 panels */
  method: 'hermite' | 'panels';
  /** calls of f in total */
  evaluations: number;
  /** false when maxOrder/maxPanels was reached before the tolerance */
  converged: boolean;
}

/**
 * |z| beyond which the Gaussian mass is neglected: 2Φ(−38) ≈ 5.8e-317.
 * @category Quadrature
 */
export const NORMAL_CUTOFF = 38;
/** Initial panel ends besides the breakpoints. */
const BASE_SPLITS = [-NORMAL_CUTOFF, -8, -4, -2, 0, 2, 4, 8, NORMAL_CUTOFF];
const INV_SQRT_2PI = 0.3989422804014327;
const LOW_ORDER = 10;
const HIGH_ORDER = 20;

/**
 * E[f(z)], z ~ N(0, 1), with an error estimate.
 *
 * Without breakpoints: Gauss–Hermite of orders 16, 32, 64, … ≤ maxOrder; accepted when
 * |Q_{2n} − Q_n| ≤ tol·max(1, |Q_{2n}|) (n ≥ 16); value Q_{2n}, error |Q_{2n} − Q_n|
 * (an estimate for Q_n, so pessimistic for smooth f). For smooth f this converges in a
 * few doublings. A kink or jump of f slows Gauss–Hermite to algebraic convergence; when
 * maxOrder is reached the panel method below takes over and finds the kink by bisection
 * (at a cost of ~30 evaluations per halving), aiming at tol/10 because its estimate is only
 * indicative for a panel that holds a jump.
 *
 * With breakpoints b_1 < … < b_m: the integral ∫ f(z) φ(z) dz over |z| ≤ 38 is split at
 * the b_j and at ±2, ±4, ±8, 0; each panel [a, b] gets Gauss–Legendre of orders 10 and
 * 20, error |Q20 − Q10|; the panel with the largest error is halved until the summed
 * error is ≤ tol·max(1, |value|). A step function with its jump given as a breakpoint
 * reaches ~1e-16 this way.
 *
 * Caveat (measured, lowrank/bench/gainQuadrature.bench.mjs): a feature much narrower than
 * the spacing of the order-16/32 Hermite nodes near its location (e.g. tanh'(100 z), width
 * 0.01) is missed by both rules alike, so the doubling test passes with a wrong value
 * (error 8e-3, `converged: true`). Give such features as breakpoints.
 * @throws RangeError when f returns a non-finite value (naming z), for bad options, or when
 *   the accepted Gauss–Hermite rule fails `expectNormal`'s divergence check (2 more calls of
 *   f, counted in `evaluations`).
 * @category Quadrature
 */
export function expectNormalAdaptive(f: (z: number) => number, options?: ExpectNormalAdaptiveOptions): ExpectNormalAdaptiveResult {
  functionArg('f', f);
  const opts = knownKeys('options', optionsObject('options', options), ['tol', 'maxOrder', 'breakpoints', 'maxPanels']);
  const tol = opts.tol === undefined ? 1e-12 : positiveNumber('options.tol', opts.tol);
  const maxOrder = opts.maxOrder === undefined ? 256 : integerInRange('options.maxOrder', opts.maxOrder, 16, MAX_HERMITE_ORDER);
  const maxPanels = opts.maxPanels === undefined ? 2000 : integerInRange('options.maxPanels', opts.maxPanels, 1, 1e6);
  const breakpoints = validBreakpoints(opts.breakpoints);

  let evaluations = 0;
  if (breakpoints.length === 0) {
    let n = 16;
    let s = hermiteSum(f, n);
    let q = s.value;
    evaluations += n;
    let lastError = Infinity;
    while (2 * n <= maxOrder) {
      s = hermiteSum(f, 2 * n);
      const q2 = s.value;
      evaluations += 2 * n;
      lastError = Math.abs(q2 - q);
      n *= 2;
      q = q2;
      if (lastError <= tol * Math.max(1, Math.abs(q))) {
        // agreement of Q_n and Q_2n says nothing when f·φ does not die out (1e-300·e^{z²}
        // agreed to 1e-278 although E = ∞): expectNormal's divergence check on the last rule
        checkTails(f, n, s);
        evaluations += 2;
        return { value: q, error: lastError, order: n, method: 'hermite', evaluations, converged: true };
      }
    }
  }
  // Fallback for an unknown kink: for a panel that holds a jump, |Q20 − Q10| is of the same
  // size as the error of Q20 itself (measured: it can be 2× too small), so aim at tol/10.
  const panelTol = breakpoints.length === 0 ? tol / 10 : tol;
  const panels = adaptivePanels(f, breakpoints, panelTol, maxPanels);
  return { ...panels, evaluations: evaluations + panels.evaluations };
}

function validBreakpoints(bp: unknown): number[] {
  if (bp === undefined) return [];
  if (!Array.isArray(bp)) throw new TypeError(`options.breakpoints must be an array of numbers; got ${show(bp)}`);
  bp.forEach((b, i) => finiteNumber(`options.breakpoints[${i}]`, b));
  return [...new Set(bp as number[])].sort((a, b) => a - b);
}

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

function adaptivePanels(
  f: (z: number) => number,
  breakpoints: number[],
  tol: number,
  maxPanels: number,
): Omit<ExpectNormalAdaptiveResult, 'evaluations'> & { evaluations: number } {
  const low = legendreRule(LOW_ORDER);
  const high = legendreRule(HIGH_ORDER);
  let evaluations = 0;
  const integrate = (a: number, b: number): Panel => {
    const c = 0.5 * (a + b);
    const h = 0.5 * (b - a);
    let ql = 0;
    let qh = 0;
    for (let i = 0; i < LOW_ORDER; i++) {
      const z = c + h * low.nodes[i];
      ql += low.weights[i] * finiteValue(f, z) * portableExpUnchecked(-0.5 * z * z);
    }
    for (let i = 0; i < HIGH_ORDER; i++) {
      const z = c + h * high.nodes[i];
      qh += high.weights[i] * finiteValue(f, z) * portableExpUnchecked(-0.5 * z * z);
    }
    evaluations += LOW_ORDER + HIGH_ORDER;
    const scale = h * INV_SQRT_2PI;
    return { a, b, value: qh * scale, error: Math.abs(qh - ql) * scale };
  };
  const ends = [...new Set([...BASE_SPLITS, ...breakpoints.filter((b) => Math.abs(b) < NORMAL_CUTOFF)])].sort((p, q) => p - q);
  const panels: Panel[] = [];
  for (let k = 0; k + 1 < ends.length; k++) panels.push(integrate(ends[k], ends[k + 1]));
  let value = 0;
  let error = 0;
  for (;;) {
    value = 0;
    error = 0;
    let worst = 0;
    for (let k = 0; k < panels.length; k++) {
      value += panels[k].value;
      error += panels[k].error;
      if (panels[k].error > panels[worst].error) worst = k;
    }
    if (error <= tol * Math.max(1, Math.abs(value))) break;
    const p = panels[worst];
    const mid = 0.5 * (p.a + p.b);
    if (panels.length >= maxPanels || !(mid > p.a && mid < p.b)) {
      return { value, error, order: HIGH_ORDER * panels.length, method: 'panels', evaluations, converged: false };
    }
    panels[worst] = integrate(p.a, mid);
    panels.push(integrate(mid, p.b));
  }
  return { value, error, order: HIGH_ORDER * panels.length, method: 'panels', evaluations, converged: true };
}
