// The activation layer (activationArrays.ts): bit for bit what act.f / act.df give, for every built-in
// activation, on both tanh kernels (WebAssembly SIMD and plain JavaScript); accuracy against Math.*
// and reference values over the whole double range; the fallback for custom activations; arguments.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activations, applyActivation, applyActivationDerivative, createRng, defineActivation, scaleByActivationDerivative, type Activation,
} from '@neurobridge/core';
import { activationKernelName, CHUNK, useActivationKernel, type ActivationKernelName } from '../src/elementary/activationKernel.js';

const EPS = 2 ** -52;
const MIN_NORMAL = 2 ** -1022;

/**
 * ±2^(k/16) for every k from −1074·16 to 1023·16 (5e-324 … 1.7e308, both signs: 68 000 values),
 * the specials ±0, ±Infinity, NaN, the tanh saturation 19.1 and its neighbours, and seeded random
 * values in the range where the functions bend (|x| < 40) and as a normal sample.
 */
function grid(): Float64Array {
  const xs: number[] = [0, -0, Infinity, -Infinity, NaN, 19.1, -19.1, 19.099999999999998, 19.100000000000001, 709.78, -745.2, 27.3];
  for (let k = -1074 * 16; k <= 1023 * 16; k++) {
    const v = 2 ** (k / 16);
    xs.push(v, -v);
  }
  const rng = createRng('activationArrays grid');
  for (let i = 0; i < 20000; i++) xs.push(80 * (rng.uniform() - 0.5), 3 * rng.normal());
  return Float64Array.from(xs);
}
const X = grid();

/** The first index where a and b differ in any bit that Object.is sees, or −1. */
function firstDifference(a: Float64Array, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let q = 0; q < a.length; q++) if (!Object.is(a[q], b[q])) return q;
  return -1;
}
function expectSame(what: string, got: Float64Array, want: ArrayLike<number>, x: Float64Array): void {
  const q = firstDifference(got, want);
  if (q >= 0) throw new Error(`${what}: element ${q} (x = ${x[q]}) is ${got[q]}, the scalar function gives ${want[q]}`);
}

const KERNELS: ActivationKernelName[] = ['wasm-simd', 'js'];

describe.each(KERNELS)('activation layer, tanh kernel %s', (kernel) => {
  afterEach(() => {
    useActivationKernel('wasm-simd');
  });

  it.each(Object.values(activations))('$name: φ, φ′ and δ·φ′ have the bits of act.f / act.df on the grid (in place and not)', (act: Activation) => {
    useActivationKernel(kernel);
    const rng = createRng(`delta ${act.name}`);
    const d0 = Float64Array.from(X, () => rng.normal() * 2 ** (40 * rng.uniform() - 20));
    d0[0] = Infinity; // δ itself non-finite, and NaN
    d0[1] = NaN;
    const f = X.map((v) => act.f(v));
    const df = X.map((v) => act.df(v));
    const scaled = d0.map((v, q) => v * act.df(X[q]));
    expectSame(`${act.name}.f`, applyActivation(act, X), f, X);
    expectSame(`${act.name}.df`, applyActivationDerivative(act, X), df, X);
    expectSame(`${act.name} δ·df`, scaleByActivationDerivative(act, X, d0.slice()), scaled, X);
    expectSame(`${act.name} δ·df with y = f(h)`, scaleByActivationDerivative(act, X, d0.slice(), f), scaled, X);
    const inPlace = X.slice();
    expectSame(`${act.name}.f in place`, applyActivation(act, inPlace, inPlace), f, X);
    const inPlaceD = X.slice();
    expectSame(`${act.name}.df in place`, applyActivationDerivative(act, inPlaceD, inPlaceD), df, X);
    const out = new Float64Array(X.length).fill(7);
    expect(applyActivation(act, X, out)).toBe(out);
  });

  it.each(Object.values(activations))('$name: every length around the pair and chunk boundaries', (act: Activation) => {
    useActivationKernel(kernel);
    const rng = createRng(`lengths ${act.name}`);
    for (const n of [0, 1, 2, 3, 4, 5, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 3]) {
      const x = Float64Array.from({ length: n }, () => 6 * rng.normal());
      const d = Float64Array.from({ length: n }, () => rng.normal());
      expectSame(`${act.name}.f n = ${n}`, applyActivation(act, x), x.map((v) => act.f(v)), x);
      expectSame(`${act.name}.df n = ${n}`, applyActivationDerivative(act, x), x.map((v) => act.df(v)), x);
      expectSame(`${act.name} δ·df n = ${n}`, scaleByActivationDerivative(act, x, d.slice()), d.map((v, q) => v * act.df(x[q])), x);
    }
  });

  it('calls on the same arrays (whose chunk views the kernel keeps) see their new contents', () => {
    useActivationKernel(kernel);
    const { tanh } = activations;
    const rng = createRng('reuse');
    const n = 3 * CHUNK + 5;
    const x = new Float64Array(n), out = new Float64Array(n), d = new Float64Array(n);
    for (let round = 0; round < 3; round++) {
      for (let q = 0; q < n; q++) x[q] = 4 * rng.normal();
      d.fill(round + 0.5);
      expectSame(`tanh.f round ${round}`, applyActivation(tanh, x, out), x.map((v) => tanh.f(v)), x);
      expectSame(`tanh.df round ${round}`, applyActivationDerivative(tanh, x, out), x.map((v) => tanh.df(v)), x);
      expectSame(`tanh δ·df round ${round}`, scaleByActivationDerivative(tanh, x, d), x.map((v) => (round + 0.5) * tanh.df(v)), x);
    }
  });

  it('tanh runs on the kernel asked for (wasm-simd where available)', () => {
    expect(useActivationKernel(kernel)).toBe(kernel === 'wasm-simd' && typeof WebAssembly === 'object' ? 'wasm-simd' : 'js');
    expect(activationKernelName()).toBe(useActivationKernel(kernel));
  });
});

/** ulp-scaled and absolute error of got against ref: {rel, abs} maxima over the pairs (non-finite refs must match exactly). */
function errors(got: Float64Array, ref: (x: number) => number, x: Float64Array): { rel: number; abs: number; relAt: number } {
  let rel = 0, abs = 0, relAt = NaN;
  for (let q = 0; q < x.length; q++) {
    const r = ref(x[q]);
    const g = got[q];
    if (!Number.isFinite(r)) {
      if (!Object.is(g, r) && !(Number.isNaN(g) && Number.isNaN(r))) throw new Error(`x = ${x[q]}: ${g}, reference ${r}`);
      continue;
    }
    const e = Math.abs(g - r);
    abs = Math.max(abs, e);
    if (Math.abs(r) >= MIN_NORMAL) {
      const er = e / Math.abs(r);
      if (er > rel) {
        rel = er;
        relAt = x[q];
      }
    }
  }
  return { rel, abs, relAt };
}

describe('accuracy of the layer over the whole double range (what the activations themselves give)', () => {
  const { tanh, sigmoid, erf } = activations;

  // Bounds: the measured maxima (in the titles) with a margin of about half an ulp, so a change
  // of method or table shows; the references' own errors (Math.* within ~1 ulp in V8) are inside.
  it('tanh within 2.5 ε relative of Math.tanh (measured 4.90e-16 = 2.2 ε, at x ≈ −0.354)', () => {
    const e = errors(applyActivation(tanh, X), Math.tanh, X);
    expect(e.rel).toBeGreaterThan(0); // not Math.tanh itself
    expect(e.rel).toBeLessThanOrEqual(2.5 * EPS);
  });
  it("tanh' = 1 − tanh² within 8e-16 absolute of 1 − Math.tanh² (measured 6.66e-16 = 3 ε)", () => {
    // absolute, not relative: 1 − t² cancels as |x| grows (both sides do), so the error is
    // 2|t|·|Δt| + one rounding ≤ 2·2.2 ε + ε/2 for t ≤ 1
    const e = errors(applyActivationDerivative(tanh, X), (v) => 1 - Math.tanh(v) ** 2, X);
    expect(e.abs).toBeLessThanOrEqual(8e-16);
  });
  /** σ: x < −700: e^x (1 + e^x rounds to 1), else 1/(1 + Math.exp(−x)) — the other branch of logistic's formula for x < 0 */
  const sigmoidRef = (v: number): number => (v < -700 ? Math.exp(v) : 1 / (1 + Math.exp(-v)));
  it('sigmoid within 2.5 ε relative of 1/(1 + Math.exp(−x)) (measured 4.36e-16 = 2.0 ε, at x ≈ −25.6)', () => {
    const e = errors(applyActivation(sigmoid, X), sigmoidRef, X);
    expect(e.rel).toBeLessThanOrEqual(2.5 * EPS);
  });
  it("sigmoid' within 3.5 ε relative of σ(x)σ(−x) from that reference (measured 5.96e-16 = 2.7 ε)", () => {
    const e = errors(applyActivationDerivative(sigmoid, X), (v) => sigmoidRef(v) * sigmoidRef(-v), X);
    expect(e.rel).toBeLessThanOrEqual(3.5 * EPS);
  });
  it('erf within 1.5 ε relative of the mpmath fixture, test/fixtures/erf.json (measured 2.32e-16 = 1.04 ε)', () => {
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/erf.json', import.meta.url), 'utf8')) as { tool: string; points: [string, string][] };
    const xs = Float64Array.from(fixture.points, ([v]) => Number(v));
    const want = new Map(fixture.points.map(([v, y]) => [Number(v), Number(y)]));
    const e = errors(applyActivation(erf, xs), (v) => want.get(v) as number, xs);
    expect(fixture.tool).toMatch(/^mpmath/);
    expect(e.rel).toBeLessThanOrEqual(1.5 * EPS);
  });
  it("erf' within 2.5 ε relative of (2/√π)·Math.exp(−x²) (measured 3.90e-16 = 1.8 ε)", () => {
    // the same rounded argument −x·x on both sides: this measures portableExp against Math.exp
    // (and the rounding of the product by 2/√π), not the conditioning of e^{−x²}
    const e = errors(applyActivationDerivative(erf, X), (v) => (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v), X);
    expect(e.rel).toBeLessThanOrEqual(2.5 * EPS);
  });
});

describe('custom activations and arguments', () => {
  it('a custom activation runs through its own f and df, once per element', () => {
    let fCalls = 0, dfCalls = 0;
    // named 'tanh' on purpose: built-ins are recognised by identity, not by name
    const act = defineActivation({ name: 'tanh', f: (v) => (fCalls++, 3 * v), df: (v) => (dfCalls++, v + 1), d2f: () => 0 });
    const x = Float64Array.from([1, -2, 0.5]);
    expect(Array.from(applyActivation(act, x))).toEqual([3, -6, 1.5]);
    expect(Array.from(applyActivationDerivative(act, x))).toEqual([2, -1, 1.5]);
    expect(Array.from(scaleByActivationDerivative(act, x, Float64Array.from([1, 1, 2]), Float64Array.from([9, 9, 9])))).toEqual([2, -1, 3]);
    expect([fCalls, dfCalls]).toEqual([3, 6]);
  });
  it('TypeError or RangeError naming the parameter', () => {
    const x = new Float64Array(3);
    expect(() => applyActivation({} as Activation, x)).toThrow(/^act must be an Activation/);
    expect(() => applyActivation(activations.tanh, [1, 2] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => applyActivation(activations.tanh, [1, 2] as unknown as Float64Array)).toThrow(/^x must be a Float64Array/);
    expect(() => applyActivation(activations.tanh, x, new Float64Array(2))).toThrow(RangeError);
    expect(() => applyActivation(activations.tanh, x, new Float64Array(2))).toThrow(/^out must have the length of x \(3\); got 2/);
    expect(() => applyActivationDerivative(activations.relu, x, new Float32Array(3) as unknown as Float64Array)).toThrow(/^out must be a Float64Array/);
    expect(() => scaleByActivationDerivative(activations.tanh, x, new Float64Array(4))).toThrow(/^d must have the length of h \(3\); got 4/);
    expect(() => scaleByActivationDerivative(activations.tanh, x, new Float64Array(3), new Float64Array(1))).toThrow(/^y must have the length of h/);
    expect(() => scaleByActivationDerivative(null as unknown as Activation, x, x)).toThrow(TypeError);
  });
});
