import { describe, expect, it } from 'vitest';
import { activations, createRng, erfFn, gaussHermite } from '@neurobridge/core';
import { mlp } from '../src/layered/mlp.js';
import { analyticNtk, empiricalNtk, erfMoments, fitPowerLaw, quadratureMoments, reluMoments } from '../src/ntk/index.js';

const { tanh, relu, erf, linear } = activations;

/** composite Simpson on [lo, hi] with m (even) panels */
function simpson(f: (u: number) => number, lo: number, hi: number, m = 4000): number {
  const h = (hi - lo) / m;
  let s = f(lo) + f(hi);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
const Phi = (z: number) => 0.5 * (1 + erfFn(z / Math.SQRT2));

/**
 * E[F(u) G(v)] for (u, v) ~ N(0, [[a, c], [c, b]]) by conditioning: v | u ~ N(cu/a, b − c²/a), so
 * E[F(u) E[G(v) | u]] is a 1-D integral over u = √a z, with E[G | u] in closed form.
 */
function conditional(a: number, b: number, c: number, F: (u: number) => number, EG: (m: number, s: number) => number): number {
  const s = Math.sqrt(Math.max(0, b - (c * c) / a));
  // integrand jumps or kinks at z = 0 for relu: split there, taking one-sided limits (±1e-300);
  // ±12σ leaves < 1e-30 of the mass out
  const g = (z: number) => phi(z) * F(Math.sqrt(a) * z) * EG((c / Math.sqrt(a)) * z, s);
  return simpson(g, -12, -1e-300) + simpson(g, 1e-300, 12);
}

const covariances: [number, number, number][] = [
  [1, 1, 0.3], [0.5, 2, -0.7], [2.5, 0.8, 1.2], [1, 1, 0.999], [1, 1, -1], [0.3, 0.4, 0], [3, 3, 2.9],
];

describe('Gaussian moments of the activations (the ingredients of the infinite-width recursion)', () => {
  it('relu: arc-cosine closed forms equal a 1-D conditional integral', () => {
    for (const [a, b, c] of covariances) {
      const m = reluMoments(a, b, c);
      // E[relu(v) | u] = m Φ(m/s) + s φ(m/s);  E[relu'(v) | u] = Φ(m/s)
      const q = conditional(a, b, c, (u) => Math.max(u, 0), (mu, s) => (s > 0 ? mu * Phi(mu / s) + s * phi(mu / s) : Math.max(mu, 0)));
      const qd = conditional(a, b, c, (u) => (u > 0 ? 1 : 0), (mu, s) => (s > 0 ? Phi(mu / s) : mu > 0 ? 1 : 0));
      // Simpson with 4000 panels on each half of a smooth-per-half integrand: error < 1e-12 (1e-9 for |ρ| → 1 where s → 0)
      expect(Math.abs(m.q - q)).toBeLessThan(1e-9);
      expect(Math.abs(m.qDot - qd)).toBeLessThan(1e-9);
    }
    // the diagonal: E[relu(u)²] = a/2, E[relu'(u)²] = 1/2
    expect(reluMoments(2, 2, 2)).toEqual({ q: 1, qDot: 0.5 });
  });

  it('erf: Williams closed forms equal a 1-D conditional integral', () => {
    for (const [a, b, c] of covariances) {
      const m = erfMoments(a, b, c);
      // E[erf(m + sZ)] = erf(m/√(1+2s²)),  E[e^{−(m+sZ)²}] = e^{−m²/(1+2s²)}/√(1+2s²)
      const q = conditional(a, b, c, (u) => erfFn(u), (mu, s) => erfFn(mu / Math.sqrt(1 + 2 * s * s)));
      const k = 4 / Math.PI;
      const qd = conditional(a, b, c, (u) => Math.exp(-u * u), (mu, s) => (k * Math.exp((-mu * mu) / (1 + 2 * s * s))) / Math.sqrt(1 + 2 * s * s));
      expect(Math.abs(m.q - q)).toBeLessThan(1e-11);
      expect(Math.abs(m.qDot - qd)).toBeLessThan(1e-11);
    }
  });

  it("Gauss–Hermite quadrature (core's gaussHermite) reproduces the erf closed forms and moments of N(0,1)", () => {
    // the convention quadratureMoments relies on: probabilists' rule, weights summing to 1
    const { nodes, weights } = gaussHermite(20);
    const moment = (k: number) => nodes.reduce((s, z, i) => s + weights[i] * z ** k, 0);
    // exact up to degree 39: E z² = 1, E z⁴ = 3, E z^10 = 945
    expect(Math.abs(moment(0) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(moment(2) - 1)).toBeLessThan(1e-13);
    expect(Math.abs(moment(4) - 3)).toBeLessThan(1e-12);
    expect(Math.abs(moment(10) - 945) / 945).toBeLessThan(1e-11);
    const quad = quadratureMoments(erf, 128);
    for (const [a, b, c] of covariances.filter(([a, b, c]) => Math.abs(c) < 0.99 * Math.sqrt(a * b))) {
      const m = erfMoments(a, b, c);
      const n = quad(a, b, c);
      // spectral convergence, slower for large variances (erf(√a z) steepens): measured at a = 2.5 errors of
      // 5e-5 (order 32), 4e-9 (64), 8e-16 (128); order 128 gives ≤ 5e-11 for every case here
      // (largest, 4.6e-11, for E[erf'erf'] at a = b = 3, ρ = 0.97)
      expect(Math.abs(n.q - m.q)).toBeLessThan(1e-10);
      expect(Math.abs(n.qDot - m.qDot)).toBeLessThan(1e-10);
    }
  });
});

describe('analyticNtk', () => {
  it('one hidden relu layer, two inputs: the recursion written out by hand', () => {
    const x = [[1, 0, 2], [0.5, -1, 1]];
    const d = 3;
    const s11 = (1 + 4) / d, s22 = (0.25 + 1 + 1) / d, s12 = (0.5 + 2) / d;
    const res = analyticNtk({ depth: 1, activation: 'relu', layerRates: [1, 1] }, x);
    // C^1 = σ_w² E[relu'relu'] · x·x'/d, C^2 = E[relu relu] (readout, fan-in normalised)
    const theta = Math.acos(s12 / Math.sqrt(s11 * s22));
    const qd = (Math.PI - theta) / (2 * Math.PI);
    const q = (Math.sqrt(s11 * s22) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta))) / (2 * Math.PI);
    expect(res.perLayer[0][1]).toBeCloseTo(qd * s12, 15);
    expect(res.perLayer[0][0]).toBeCloseTo(0.5 * s11, 15);
    expect(res.perLayer[1][1]).toBeCloseTo(q, 15);
    expect(res.perLayer[1][3]).toBeCloseTo(s22 / 2, 15);
    expect(res.total[1]).toBeCloseTo(0.5 * (qd * s12 + q), 15);
  });

  /** relative Frobenius distance of the empirical kernel (one seed) from the analytic one */
  function relError(n: number, seed: number, act: typeof relu, name: 'relu' | 'erf', rates?: number[]): number {
    const rng = createRng(`inputs-${name}`);
    const xs = Array.from({ length: 5 }, () => Array.from(rng.normals(8)));
    const net = mlp({ sizes: [8, n, n, 1], activations: [act, act, linear], bias: false, init: 'lecun', rng: createRng(`${name}-${seed}-${n}`) });
    const emp = empiricalNtk(net, xs, { layerRates: rates }).total;
    const ana = analyticNtk({ depth: 2, activation: name, layerRates: rates }, xs).total;
    let num = 0, den = 0;
    for (let i = 0; i < 25; i++) {
      num += (emp[i] - ana[i]) ** 2;
      den += ana[i] ** 2;
    }
    return Math.sqrt(num / den);
  }

  for (const [act, name] of [[relu, 'relu'], [erf, 'erf']] as const) {
    it(`${name}: the empirical kernel approaches it with fluctuations ~ n^(−1/2)`, () => {
      const ns = [64, 256, 1024];
      const seeds = [1, 2, 3, 4];
      const err = ns.map((n) => seeds.reduce((s, seed) => s + relError(n, seed, act, name, [1, 2, 0.5]), 0) / seeds.length);
      const fit = fitPowerLaw(ns, err);
      // CLT: sums of n weakly dependent terms fluctuate ~ n^{−1/2}; with 4 seeds the mean error
      // scatters by ~ 1/√(2·4) ≈ 35%, i.e. ± 0.25 in the slope over a factor 16
      expect(Math.abs(fit.exponent + 0.5)).toBeLessThan(0.25);
      // measured mean errors (relu) 0.33, 0.19, 0.10 and (erf) 0.26, 0.14, 0.078: ≈ 3/√n with p = 5, depth 2;
      // 50% margin on the largest width
      expect(err[2]).toBeLessThan(0.15);
    }, 30_000);
  }

  it('tanh through quadrature, and He initialisation through weightVariance', () => {
    const rng = createRng('tanh-in');
    const xs = Array.from({ length: 4 }, () => Array.from(rng.normals(6)));
    const n = 2048;
    const rel = (emp: Float64Array, ana: Float64Array) => {
      let a = 0, b = 0;
      for (let i = 0; i < emp.length; i++) {
        a += (emp[i] - ana[i]) ** 2;
        b += ana[i] ** 2;
      }
      return Math.sqrt(a / b);
    };
    const tnet = mlp({ sizes: [6, n, 1], activations: [tanh, linear], bias: false, rng: createRng('tanh-net') });
    // at n = 2048 the fluctuation is ~ 1/√n ≈ 2%; a wrong recursion (e.g. a missing σ_w² or Π) is off by O(1)
    expect(rel(empiricalNtk(tnet, xs).total, analyticNtk({ depth: 1, activation: tanh }, xs).total)).toBeLessThan(0.06);
    const hnet = mlp({ sizes: [6, n, 1], activations: [relu, linear], bias: false, init: 'he', rng: createRng('he-net') });
    const he = analyticNtk({ depth: 1, activation: 'relu', weightVariance: 2 }, xs).total;
    expect(rel(empiricalNtk(hnet, xs).total, he)).toBeLessThan(0.06);
    expect(rel(empiricalNtk(hnet, xs).total, analyticNtk({ depth: 1, activation: 'relu' }, xs).total)).toBeGreaterThan(0.3);
  });

  it('bad input', () => {
    expect(() => analyticNtk({ depth: 0, activation: 'relu' }, [[1]])).toThrow(/spec.depth must be an integer in \[1, 10000\]; got 0/);
    expect(() => analyticNtk({ depth: 1, activation: 'sigmoid' as never }, [[1]])).toThrow(/activation must be 'relu', 'erf' or an Activation/);
    expect(() => analyticNtk({ depth: 1, activation: 'relu' }, [])).toThrow(/inputs must hold at least one example; got 0/);
    expect(() => analyticNtk({ depth: 1, activation: 'relu' }, [[1, 2], [1]])).toThrow(/inputs\[1\] must have length 2 \(as inputs\[0\]\); got 1/);
    expect(() => analyticNtk({ depth: 1, activation: 'erf' }, [[1, Infinity]])).toThrow(/inputs\[0\]\[1\] must be finite; got Infinity/);
    expect(() => analyticNtk({ depth: 1, activation: 'erf', weightVariance: -1 }, [[1]])).toThrow(/spec.weightVariance must be > 0 and finite; got -1/);
  });
});
